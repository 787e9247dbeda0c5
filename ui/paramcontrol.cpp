#include "paramcontrol.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ks {

namespace {

// Ranges for dragging; the spin box still reaches the catalogue's whole range where sensible.
constexpr int LogSteps = 1000;
constexpr int SizeSliderMax = 151;
constexpr int LinearSteps = 1000;

bool isSize(const ParamInfo &info)
{
    return info.id == ParamId::Size;
}

struct LogSpan
{
    double minimum, maximum;
    int decimals;
};

// The span a logarithmic slider drags through, and the decimals its spin box shows; nothing
// for parameters dragged on a linear scale.
std::optional<LogSpan> logSpan(ParamId id)
{
    switch (id) {
    case ParamId::Sigma:
        return LogSpan{0.1, 100, 2};
    case ParamId::Snr:
        return LogSpan{0.0001, 0.1, 5};
    case ParamId::SpatialFactor:
    case ParamId::ColorFactor:
        return LogSpan{0.5, 500, 1};
    default:
        return std::nullopt;
    }
}

} // namespace

ParamControl::ParamControl(const ParamInfo &info, QWidget *parent) : QWidget(parent), m_info(info)
{
    if (info.isSwitch)
        buildSwitch();
    else
        buildSlider();
    setValue(info.defaultValue);
}

QWidget *ParamControl::focusTarget() const
{
    return m_check ? static_cast<QWidget *>(m_check) : m_spin;
}

void ParamControl::buildSwitch()
{
    const QString label = QString::fromLatin1(m_info.label);
    m_check = new QCheckBox(this);
    m_check->setObjectName(QString::fromLatin1(m_info.key) + QStringLiteral("Check"));
    m_check->setAccessibleName(label);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_check);
    connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
        m_value = on ? 1.0 : 0.0;
        emit valueChanged(m_value, false);
    });
}

void ParamControl::buildSlider()
{
    const ParamInfo &info = m_info;
    m_slider = new QSlider(Qt::Horizontal, this);
    auto *spin = new QDoubleSpinBox(this);
    m_spin = spin;
    spin->setKeyboardTracking(false); // typing "15" must not render 1 first
    spin->setAccelerated(true);

    if (const std::optional<LogSpan> span = logSpan(info.id)) {
        m_sliderMin = std::max(info.minimum, span->minimum);
        m_sliderMax = std::min(info.maximum, span->maximum);
        spin->setDecimals(span->decimals);
        spin->setRange(info.id == ParamId::Sigma ? m_sliderMin : info.minimum,
                       info.id == ParamId::Sigma ? m_sliderMax : info.maximum);
        spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        m_slider->setRange(0, LogSteps);
    } else {
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
}

void ParamControl::setValue(double value)
{
    m_value = value;
    showValue();
}

int ParamControl::sliderPosition(double value) const
{
    if (logSpan(m_info.id)) {
        const double v = std::clamp(value, m_sliderMin, m_sliderMax);
        return int(std::lround(LogSteps * std::log(v / m_sliderMin) / std::log(m_sliderMax / m_sliderMin)));
    }
    switch (m_info.id) {
    case ParamId::Size: {
        const int v = int(std::lround(value));
        if (!m_info.oddOnly)
            return v;
        if (m_info.allowZero) // 0 = auto, then 1, 3, 5, ...
            return v <= 0 ? 0 : (v + 1) / 2;
        return (v - 1) / 2;
    }
    case ParamId::Angle:
        return int(std::lround(value));
    default:
        return int(std::lround(LinearSteps * (value - m_sliderMin) / (m_sliderMax - m_sliderMin)));
    }
}

double ParamControl::sliderValue(int position) const
{
    if (const std::optional<LogSpan> span = logSpan(m_info.id)) {
        // The decimals the spin box shows are all the value holds, so both agree.
        const double scale = std::pow(10.0, span->decimals);
        const double v = m_sliderMin * std::pow(m_sliderMax / m_sliderMin, double(position) / LogSteps);
        return std::round(v * scale) / scale;
    }
    switch (m_info.id) {
    case ParamId::Size:
        if (!m_info.oddOnly)
            return position;
        if (m_info.allowZero)
            return position == 0 ? 0 : 2 * position - 1;
        return 2 * position + 1;
    case ParamId::Angle:
        return position;
    default:
        return std::round((m_sliderMin + (m_sliderMax - m_sliderMin) * position / LinearSteps) * 100.0) / 100.0;
    }
}

void ParamControl::showValue()
{
    if (m_check) {
        const QSignalBlocker block(m_check);
        m_check->setChecked(m_value != 0.0);
        return;
    }
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
