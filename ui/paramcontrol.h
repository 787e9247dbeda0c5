#pragma once

#include "filterdeclaration.h"

#include <QWidget>

class QAbstractSpinBox;
class QCheckBox;
class QSlider;

namespace ks {

// An opacity in percent, 0 to 100, as a step's and the whole stack's are shown: `key` names the
// control's slider and spin box (`<key>Slider`, `<key>Spin`).
ParamDeclaration opacityDeclaration(const char *key, const char *label);

// One numeric filter parameter as a slider with a spin box beside it. The slider covers the
// range people drag through (sigma on a logarithmic scale, so small sigmas get fine steps;
// sizes odd where the filter needs a centre pixel); the spin box takes any allowed value.
// A switch (ParamType::Switch) is a check box instead, with the value 0 or 1. Everything it
// shows (range, slider span and scale, decimals, unit) comes from the parameter's declaration.
class ParamControl : public QWidget
{
    Q_OBJECT

public:
    ParamControl(const ParamDeclaration &info, QWidget *parent = nullptr);

    QString key() const { return QString::fromLatin1(m_info.key); }
    double value() const { return m_value; }
    void setValue(double value); // emits nothing
    // A size that may be automatic: the size 0 stands for, shown as "Auto (13 px)".
    void setAutoSize(int size);
    QSlider *slider() const { return m_slider; }      // null for a switch
    QAbstractSpinBox *spinBox() const { return m_spin; } // null for a switch
    QCheckBox *checkBox() const { return m_check; }      // null unless a switch
    QWidget *focusTarget() const;                        // where the row's label leads

signals:
    // `interim` while the slider is held: the drag is not over, and will end with a final
    // (non-interim) signal of the value it was released at.
    void valueChanged(double value, bool interim);

private:
    void buildSwitch();
    void buildSlider();
    int sliderPosition(double value) const;
    double sliderValue(int position) const;
    void showValue();
    void onSliderMoved(int position);
    void onSpinChanged(double value);

    ParamDeclaration m_info;
    double m_value = 0.0;
    double m_sliderMin = 0.0;
    double m_sliderMax = 1.0;
    QSlider *m_slider = nullptr;
    QAbstractSpinBox *m_spin = nullptr;
    QCheckBox *m_check = nullptr;
};

} // namespace ks
