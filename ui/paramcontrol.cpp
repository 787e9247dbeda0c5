#include "paramcontrol.h"

#include "filtertext.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace ks {

namespace {

// Steps of a slider that is not a size's (a size steps by whole or odd pixels).
constexpr int LogSteps = 1000;
constexpr int LinearSteps = 1000;
constexpr int SizeSliderMax = 151;

bool isLog(const ParamDeclaration &p)
{
    return p.slider == SliderScale::Logarithmic;
}

// Whether the slider moves by whole units (degrees, say): one position per unit.
bool isWholeUnits(const ParamDeclaration &p)
{
    return p.type == ParamType::Number && !isLog(p) && p.decimals <= 1 && p.sliderMaximum > p.sliderMinimum;
}

} // namespace

ParamDeclaration opacityDeclaration(const char *key, const char *label)
{
    return ParamDeclaration{.key = key,
                            .label = label,
                            .minimum = 0,
                            .maximum = 100,
                            .defaultValue = 100,
                            .unit = "%",
                            .sliderMinimum = 0,
                            .sliderMaximum = 100,
                            .decimals = 0};
}

ParamControl::ParamControl(const ParamDeclaration &info, QWidget *parent) : QWidget(parent), m_info(info)
{
    if (info.type == ParamType::Switch)
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
    const QString label = filterText(m_info.label);
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
    const ParamDeclaration &info = m_info;
    m_slider = new QSlider(Qt::Horizontal, this);
    auto *spin = new QDoubleSpinBox(this);
    m_spin = spin;
    spin->setKeyboardTracking(false); // typing "15" must not render 1 first
    spin->setAccelerated(true);
    spin->setDecimals(info.decimals);
    // 0 stands for something else where allowed ("Auto (from sigma)"), below the range proper.
    spin->setRange(info.zeroMeansAuto ? 0.0 : info.minimum, info.maximum);
    if (info.zeroMeansAuto)
        spin->setSpecialValueText(tr("Auto (%1)").arg(filterText(info.zeroLabel)));
    spin->setSuffix(info.unitSuffix());

    const bool spanGiven = info.sliderMaximum > info.sliderMinimum;
    if (info.type == ParamType::Size) {
        m_sliderMin = info.minimum;
        m_sliderMax = std::min(info.maximum, spanGiven ? info.sliderMaximum : double(SizeSliderMax));
        spin->setSingleStep(info.oddOnly ? 2 : 1);
        m_slider->setRange(0, sliderPosition(m_sliderMax));
    } else {
        m_sliderMin = spanGiven ? std::max(info.minimum, info.sliderMinimum) : info.minimum;
        m_sliderMax =
            spanGiven ? std::min(info.maximum, info.sliderMaximum) : std::min(info.maximum, info.minimum + 5.0);
        if (isLog(info)) {
            spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
            m_slider->setRange(0, LogSteps);
        } else if (isWholeUnits(info)) {
            m_slider->setRange(int(m_sliderMin), int(m_sliderMax));
        } else {
            spin->setSingleStep(0.1);
            m_slider->setRange(0, LinearSteps);
        }
    }

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(spin);

    const QString key = QString::fromLatin1(info.key);
    const QString label = filterText(info.label);
    m_slider->setObjectName(key + QStringLiteral("Slider"));
    m_slider->setAccessibleName(label);
    m_slider->setAccessibleDescription(
        tr("Drag to change %1; the preview follows").arg(filterTextInSentence(info.label)));
    spin->setObjectName(key + QStringLiteral("Spin"));
    spin->setAccessibleName(label + tr(" value"));

    connect(m_slider, &QSlider::valueChanged, this, &ParamControl::onSliderMoved);
    connect(m_slider, &QSlider::sliderReleased, this, [this] { emit valueChanged(m_value, false); });
    connect(spin, &QDoubleSpinBox::valueChanged, this, &ParamControl::onSpinChanged);
    // Return commits the value also when it is the one already set, so the window can say that
    // nothing needed rendering (RenderState); a no-op further on. Not when focus left the field:
    // that happens while the panel rebuilds its rows for another filter.
    connect(spin, &QAbstractSpinBox::editingFinished, this, [this] {
        if (m_spin->hasFocus())
            emit valueChanged(m_value, false);
    });
}

void ParamControl::setAutoSize(int size)
{
    if (auto *spin = qobject_cast<QDoubleSpinBox *>(m_spin);
        spin && m_info.zeroMeansAuto && m_info.type == ParamType::Size)
        spin->setSpecialValueText(tr("Auto (%1 px)").arg(size));
}

void ParamControl::setValue(double value)
{
    m_value = value;
    showValue();
}

int ParamControl::sliderPosition(double value) const
{
    if (isLog(m_info)) {
        const double v = std::clamp(value, m_sliderMin, m_sliderMax);
        return int(std::lround(LogSteps * std::log(v / m_sliderMin) / std::log(m_sliderMax / m_sliderMin)));
    }
    if (m_info.type == ParamType::Size) {
        const int v = int(std::lround(value));
        if (!m_info.oddOnly)
            return v;
        if (m_info.zeroMeansAuto) // 0 = auto, then 1, 3, 5, ...
            return v <= 0 ? 0 : (v + 1) / 2;
        return (v - 1) / 2;
    }
    if (isWholeUnits(m_info))
        return int(std::lround(value));
    return int(std::lround(LinearSteps * (value - m_sliderMin) / (m_sliderMax - m_sliderMin)));
}

double ParamControl::sliderValue(int position) const
{
    if (isLog(m_info)) {
        // The decimals the spin box shows are all the value holds, so both agree.
        const double scale = std::pow(10.0, m_info.decimals);
        const double v = m_sliderMin * std::pow(m_sliderMax / m_sliderMin, double(position) / LogSteps);
        return std::round(v * scale) / scale;
    }
    if (m_info.type == ParamType::Size) {
        if (!m_info.oddOnly)
            return position;
        if (m_info.zeroMeansAuto)
            return position == 0 ? 0 : 2 * position - 1;
        return 2 * position + 1;
    }
    if (isWholeUnits(m_info))
        return position;
    return std::round((m_sliderMin + (m_sliderMax - m_sliderMin) * position / LinearSteps) * 100.0) / 100.0;
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
    if (m_info.type == ParamType::Size && m_info.oddOnly && value > 0 && int(std::lround(value)) % 2 == 0)
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
