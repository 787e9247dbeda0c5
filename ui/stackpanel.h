#pragma once

#include "recipe.h"

#include <QWidget>

class QAction;
class QListWidget;
class QListWidgetItem;

namespace ks {

class ParamControl;

// The steps of the stack being edited, top to bottom in the order they run: a check box per
// step (enabled), its filter and a short parameter summary. Selecting a step asks the window
// to edit it; Add, Remove, Move Up and Move Down only ask too (signals), so every change goes
// through the window's undo stack. Shortcuts (Insert, Delete, Alt+Up, Alt+Down) act while
// the focus is in this panel, so Delete in a text field still deletes text. Below the steps,
// the whole stack's opacity: how much of its result is blended over the original.
class StackPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StackPanel(QWidget *parent = nullptr);

    void setStack(const Recipe &recipe, qsizetype current); // shows it; emits nothing
    qsizetype currentStep() const { return m_current; }
    QListWidget *list() const { return m_list; }
    ParamControl *opacityControl() const { return m_opacity; }

    QAction *addStepAction() const { return m_add; }
    QAction *removeStepAction() const { return m_remove; }
    QAction *moveUpAction() const { return m_moveUp; }
    QAction *moveDownAction() const { return m_moveDown; }

    // "Gaussian blur — size 5, sigma 1.5": what a row says about a step.
    static QString stepSummary(const FilterSettings &step);

signals:
    void currentStepChanged(qsizetype index);
    void enabledChanged(qsizetype index, bool enabled);
    void addRequested();
    void removeRequested();
    void moveRequested(int delta); // -1 up (runs earlier), +1 down
    // The stack's opacity in percent; `interim` while its slider is dragged (a final one follows).
    void opacityChanged(double percent, bool interim);

private:
    QAction *makeAction(const QString &name, const QString &text, const QKeySequence &key, const QString &tip);
    void onCurrentRowChanged(int row);
    void onItemChanged(QListWidgetItem *item);
    void updateActions();

    QListWidget *m_list = nullptr;
    ParamControl *m_opacity = nullptr;
    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_moveUp = nullptr;
    QAction *m_moveDown = nullptr;
    Recipe m_recipe;
    qsizetype m_current = 0;
};

} // namespace ks
