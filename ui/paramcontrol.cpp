#include "paramcontrol.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace ks {

namespace {

// Ranges for dragging; the spin box still reaches the catalogue's whole range where sensible.
constexpr double SigmaMin = 0.1, SigmaMax = 100.0; // the slider's logarithmic span
constexpr int SigmaSteps = 1000;
constexpr int SizeSliderMax = 151;
constexpr int LinearSteps = 1000;

bool isSize(const ParamInfo &info)
{
    return info.id == ParamId::Size;
}

} // namespace

ParamControl::ParamControl(const ParamInfo &info, QWidget *parent) : QWidget(parent), m_info(info)
{
    m_slider = new QSlider(Qt::Horizontal, this);
    auto *spin = new QDoubleSpinBox(this);
    m_spin = spin;
    spin->setKeyboardTracking(false); // typing "15" must not render 1 first
    spin->setAccelerated(true);

    switch (info.id) {
    case ParamId::Size:
        m_sliderMin = info.minimum;
        m_sliderMax = std::min(info.maximum, double(SizeSliderMax));
        spin->setDecimals(0);
        spin->setRange(info.minimum, info.maximum);
        spin->setSingleStep(info.oddOnly ? 2 : 1);
        if (info.allowZero)
            spin->setSpecialValueText(tr("Auto (from sigma)"));
        m_slider->setRange(0, sliderPosition(m_sliderMax));
        break;
    case ParamId::Sigma:
        m_sliderMin = std::max(info.minimum, SigmaMin);
        m_sliderMax = std::min(info.maximum, SigmaMax);
        spin->setDecimals(2);
        spin->setRange(m_sliderMin, m_sliderMax);
        spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        m_slider->setRange(0, SigmaSteps);
        break;
    case ParamId::Angle:
        m_sliderMin = -180;
        m_sliderMax = 180;
        spin->setDecimals(1);
        spin->setRange(info.minimum, info.maximum);
        spin->setSuffix(QStringLiteral("°"));
        m_slider->setRange(-180, 180);
        break;
    default:
        m_sliderMin = info.minimum;
        m_sliderMax = std::min(info.maximum, info.minimum + 5.0);
        spin->setDecimals(2);
        spin->setSingleStep(0.1);
        spin->setRange(info.minimum, info.maximum);
        m_slider->setRange(0, LinearSteps);
        break;
    }

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(spin);

    const QString key = QString::fromLatin1(info.key);
    const QString label = QString::fromLatin1(info.label);
    m_slider->setObjectName(key + QStringLiteral("Slider"));
    m_slider->setAccessibleName(label);
    m_slider->setAccessibleDescription(tr("Drag to change %1; the preview follows").arg(label.toLower()));
    spin->setObjectName(key + QStringLiteral("Spin"));
    spin->setAccessibleName(label + tr(" value"));

    connect(m_slider, &QSlider::valueChanged, this, &ParamControl::onSliderMoved);
    connect(m_slider, &QSlider::sliderReleased, this, [this] { emit valueChanged(m_value, false); });
    connect(spin, &QDoubleSpinBox::valueChanged, this, &ParamControl::onSpinChanged);
    setValue(info.defaultValue);
}

void ParamControl::setValue(double value)
{
    m_value = value;
    showValue();
}

int ParamControl::sliderPosition(double value) const
{
    switch (m_info.id) {
    case ParamId::Size: {
        const int v = int(std::lround(value));
        if (!m_info.oddOnly)
            return v;
        if (m_info.allowZero) // 0 = auto, then 1, 3, 5, ...
            return v <= 0 ? 0 : (v + 1) / 2;
        return (v - 1) / 2;
    }
    case ParamId::Sigma: {
        const double v = std::clamp(value, m_sliderMin, m_sliderMax);
        return int(std::lround(SigmaSteps * std::log(v / m_sliderMin) / std::log(m_sliderMax / m_sliderMin)));
    }
    case ParamId::Angle:
        return int(std::lround(value));
    default:
        return int(std::lround(LinearSteps * (value - m_sliderMin) / (m_sliderMax - m_sliderMin)));
    }
}

double ParamControl::sliderValue(int position) const
{
    switch (m_info.id) {
    case ParamId::Size:
        if (!m_info.oddOnly)
            return position;
        if (m_info.allowZero)
            return position == 0 ? 0 : 2 * position - 1;
        return 2 * position + 1;
    case ParamId::Sigma: {
        // Two significant decimals are all the spin box shows; the value matches it.
        const double v = m_sliderMin * std::pow(m_sliderMax / m_sliderMin, double(position) / SigmaSteps);
        return std::round(v * 100.0) / 100.0;
    }
    case ParamId::Angle:
        return position;
    default:
        return std::round((m_sliderMin + (m_sliderMax - m_sliderMin) * position / LinearSteps) * 100.0) / 100.0;
    }
}

void ParamControl::showValue()
{
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_spin);
    m_slider->setValue(sliderPosition(m_value));
    static_cast<QDoubleSpinBox *>(m_spin)->setValue(m_value);
}

void ParamControl::onSliderMoved(int position)
{
    m_value = sliderValue(position);
    {
        const QSignalBlocker block(m_spin);
        static_cast<QDoubleSpinBox *>(m_spin)->setValue(m_value);
    }
    emit valueChanged(m_value, m_slider->isSliderDown());
}

void ParamControl::onSpinChanged(double value)
{
    // Sizes that need a centre pixel: an even entry goes up to the next odd size.
    if (isSize(m_info) && m_info.oddOnly && value > 0 && int(std::lround(value)) % 2 == 0)
        value += 1;
    if (value == m_value) {
        showValue();
        return;
    }
    m_value = value;
    showValue();
    emit valueChanged(m_value, false);
}

} // namespace ks
