#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <array>

class QAction;
class QComboBox;
class QWidget;

namespace ks {

class CompareView;

// The zoom as people read it: "37 %", one decimal below 10 %.
QString zoomText(double zoom);

// Zoom presets, 25, 50, 100, 200 and 400 %: one action each (for the View menu) and an editable
// combo box (for the toolbar) that always shows the view's zoom, however it was reached (wheel,
// fit, keys), selects the preset it equals, and takes a preset or a typed percentage.
class ZoomPresets : public QObject
{
    Q_OBJECT

public:
    static constexpr std::array Percents{25, 50, 100, 200, 400};

    ZoomPresets(CompareView *view, QWidget *parent);

    const QList<QAction *> &actions() const { return m_actions; } // actionZoom25 ... actionZoom400
    QComboBox *combo() const { return m_combo; }                  // zoomCombo

private:
    void showZoom(double zoom);
    void applyTypedText();

    CompareView *m_view;
    QList<QAction *> m_actions;
    QComboBox *m_combo;
};

} // namespace ks
