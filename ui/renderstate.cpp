#include "renderstate.h"

namespace ks {

RenderState::RenderState(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("renderState"));
    setAccessibleName(tr("Render state"));
    setText(tr("Ready"));
    // Read by scripts: plain English, not translated.
    setAccessibleDescription(QStringLiteral("ready 0: no image"));
}

void RenderState::setRendering()
{
    setText(tr("Rendering…"));
    setAccessibleDescription(QStringLiteral("rendering after ready %1").arg(m_ready));
}

void RenderState::setReady(const QString &what)
{
    ++m_ready;
    setText(what.startsWith(QLatin1String("render failed")) ? tr("Failed") : tr("Ready"));
    setAccessibleDescription(QStringLiteral("ready %1: %2").arg(m_ready).arg(what));
}

} // namespace ks
