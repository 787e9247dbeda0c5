#include "svgsizedialog.h"

#include "imageio.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ks {

SvgSizeDialog::SvgSizeDialog(const QString &fileName, const QSizeF &own, const QSize &fitting, QWidget *parent)
    : QDialog(parent), m_own(own)
{
    setObjectName(QStringLiteral("svgSizeDialog"));
    setWindowTitle(tr("Rasterise SVG"));
    auto *text = new QLabel(tr("%1 would be %2 × %3 pixels at its own size, more than the limit of %4 megapixels. "
                               "Rasterise it at this size instead:")
                                .arg(fileName)
                                .arg(own.width(), 0, 'f', 0)
                                .arg(own.height(), 0, 'f', 0)
                                .arg(MaxImagePixels / (1024 * 1024)),
                            this);
    text->setWordWrap(true);
    const auto spin = [this](const char *name, const QString &accessible, int maximum) {
        auto *box = new QSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setAccessibleName(accessible);
        box->setRange(1, maximum);
        box->setSuffix(tr(" px"));
        return box;
    };
    m_width = spin("svgWidth", tr("Width in pixels"), std::max(1, fitting.width()));
    m_height = spin("svgHeight", tr("Height in pixels"), std::max(1, fitting.height()));
    m_width->setValue(fitting.width());
    m_height->setValue(fitting.height());
    connect(m_width, &QSpinBox::valueChanged, this, &SvgSizeDialog::widthChanged);
    connect(m_height, &QSpinBox::valueChanged, this, &SvgSizeDialog::heightChanged);

    auto *form = new QFormLayout;
    form->addRow(tr("&Width:"), m_width);
    form->addRow(tr("&Height:"), m_height);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QSize SvgSizeDialog::chosenSize() const
{
    return {m_width->value(), m_height->value()};
}

// The other side follows the aspect ratio; the maxima keep the size within the limit.
void SvgSizeDialog::widthChanged(int width)
{
    const QSignalBlocker block(m_height);
    m_height->setValue(std::max(1, int(std::lround(width * m_own.height() / m_own.width()))));
}

void SvgSizeDialog::heightChanged(int height)
{
    const QSignalBlocker block(m_width);
    m_width->setValue(std::max(1, int(std::lround(height * m_own.width() / m_own.height()))));
}

} // namespace ks
