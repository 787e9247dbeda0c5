#pragma once

#include "filtersettings.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace ks {

class ParamControl;

// Edits one FilterSettings: the filter chooser, the chosen filter's parameters (from the
// filter's declaration), border mode, alpha mode, linear light, opacity and channels. The custom kernel itself is edited
// in the KernelGridEditor; this panel carries it along unchanged.
class FilterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FilterPanel(QWidget *parent = nullptr);

    const FilterSettings &settings() const { return m_settings; }
    void setSettings(const FilterSettings &settings); // emits nothing

    QComboBox *filterChooser() const { return m_chooser; }
    ParamControl *paramControl(const QString &key) const; // null when the filter has no such parameter

signals:
    // After every change; `interim` while a slider is dragged (a final signal follows).
    void settingsChanged(const ks::FilterSettings &settings, bool interim);

private:
    void rebuildParams();
    bool isInParamRows(const QWidget *widget) const; // true for a row's control or its parts
    void orderTabs();
    void showAutoSizes();
    void showSettings();
    struct KernelText
    {
        QString key;
        QLineEdit *edit;
        QLabel *error; // why the text typed there was refused
    };
    void onKindChosen(int index);
    void onParamChanged(const QString &key, double value, bool interim);
    void onOptionsChanged();
    void onChannelToggled(int channel, bool on);
    void addKernelTextRow(const ParamDeclaration &param);
    void onKernelTextEdited(const KernelText &row);

    FilterSettings m_settings;
    QComboBox *m_chooser = nullptr;
    QFormLayout *m_paramLayout = nullptr;
    std::vector<ParamControl *> m_params;
    QComboBox *m_border = nullptr;
    QComboBox *m_alpha = nullptr;
    QCheckBox *m_linear = nullptr;
    ParamControl *m_opacity = nullptr;
    QCheckBox *m_channels[4] = {}; // R, G, B, A
    std::vector<KernelText> m_kernelTexts;             // kernel parameters the grid does not edit
    const FilterDeclaration *m_shownFilter = nullptr; // the filter the parameter rows were built for
};

} // namespace ks
