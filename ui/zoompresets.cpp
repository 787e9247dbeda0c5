#include "zoompresets.h"

#include "compareview.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QLocale>

#include <cmath>
#include <optional>

namespace ks {

namespace {

// A percentage as typed: "150", "150 %", "150%", "37,5" in a German locale.
std::optional<double> parsePercent(QString text)
{
    text.remove(QLatin1Char('%'));
    text = text.trimmed();
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value) || value <= 0.0)
        return std::nullopt;
    return value;
}

} // namespace

QString zoomText(double zoom)
{
    return QStringLiteral("%1 %").arg(zoom * 100.0, 0, 'f', zoom < 0.1 ? 1 : 0);
}

ZoomPresets::ZoomPresets(CompareView *view, QWidget *parent) : QObject(parent), m_view(view)
{
    m_combo = new QComboBox(parent);
    m_combo->setObjectName(QStringLiteral("zoomCombo"));
    m_combo->setAccessibleName(tr("Zoom level"));
    m_combo->setToolTip(tr("Zoom: pick a preset or type a percentage and press Enter"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setCompleter(nullptr); // "2" must not turn into "200 %" by itself
    m_combo->lineEdit()->setObjectName(QStringLiteral("zoomComboEdit"));
    m_combo->lineEdit()->setAccessibleName(tr("Zoom level"));
    m_combo->setFocusPolicy(Qt::StrongFocus);
    m_combo->setMinimumContentsLength(6);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    for (const int percent : Percents) {
        const double zoom = percent / 100.0;
        m_combo->addItem(zoomText(zoom), zoom);
        auto *action = new QAction(zoomText(zoom), this);
        action->setObjectName(QStringLiteral("actionZoom%1").arg(percent));
        action->setStatusTip(tr("Zoom to %1").arg(zoomText(zoom)));
        connect(action, &QAction::triggered, m_view, [this, zoom] { m_view->setZoom(zoom); });
        m_actions << action;
    }
    connect(m_combo, &QComboBox::activated, this,
            [this](int index) { m_view->setZoom(m_combo->itemData(index).toDouble()); });
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this, &ZoomPresets::applyTypedText);
    // Leaving the box without Enter puts back what the view shows.
    connect(m_combo->lineEdit(), &QLineEdit::editingFinished, this, [this] { showZoom(m_view->zoom()); });
    connect(m_view, &CompareView::zoomChanged, this, &ZoomPresets::showZoom);
    showZoom(m_view->zoom());
}

void ZoomPresets::showZoom(double zoom)
{
    int preset = -1;
    for (int i = 0; i < m_combo->count(); ++i)
        if (std::abs(m_combo->itemData(i).toDouble() - zoom) < 1e-9)
            preset = i;
    const QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(preset);
    m_combo->setEditText(zoomText(zoom));
}

void ZoomPresets::applyTypedText()
{
    if (const std::optional<double> percent = parsePercent(m_combo->currentText()))
        m_view->setZoom(*percent / 100.0); // clamped by the view; zoomChanged shows what it became
    showZoom(m_view->zoom());
}

} // namespace ks
