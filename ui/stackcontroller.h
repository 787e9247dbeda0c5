#pragma once

#include "filtersettings.h"
#include "settingscommand.h"

#include <QObject>
#include <QRect>

#include <optional>

class QUndoStack;

namespace ks {

// How the kernel grid presents a step's kernel: whether it can be typed into, whether factor
// and bias apply, and a sentence on what the kernel means for this filter (empty for a plain
// convolution). One of the filter-specific rules kept together at the top of stackcontroller.cpp.
struct KernelGridUse
{
    bool editable = false;
    bool scaleEditable = true;
    QString role;
};
KernelGridUse kernelGridUse(const FilterSettings &step);

// A step's name as menus and undo entries show it.
QString stepName(const FilterSettings &step);

// The stack of filter steps, the selected step and the undo history of its edits.
//
// Edits go: shown (stateShown: the stack panel, grid, view and preview follow, also mid-drag)
// -> committed (one undo step). Mid-drag ("interim") states are shown but not committed; undo
// and redo take the same path as any other edit. Knows no widget: the window connects the
// signals to its panels. Lives on the GUI thread.
class StackController : public QObject
{
    Q_OBJECT

public:
    explicit StackController(QObject *parent = nullptr);

    QUndoStack *undoStack() const { return m_undo; }
    const StackState &state() const { return m_state; }         // shown now (also mid-drag)
    const StackState &committed() const { return m_committed; } // the last undo step
    const Recipe &recipe() const { return m_state.recipe; }
    qsizetype currentStep() const { return m_state.current; }
    const FilterSettings &filterSettings() const { return m_state.step(); }

    // The stack a session starts with (read from the settings): no undo step.
    void restore(const StackState &state);

    // Every change below is one undo step, as if made in the stack panel.
    void setFilterSettings(const FilterSettings &settings); // of the selected step
    void selectStep(qsizetype index);                          // not an edit: no undo step
    void setRecipe(const Recipe &recipe, const QString &what); // replaces the stack; needs a step
    void addStep();
    void removeStep(); // the selected one; the last step stays (switch it off instead)
    void moveStep(int delta);
    void setStepEnabled(qsizetype index, bool enabled);
    void setRegion(std::optional<QRect> region);

    // Edits from the panels; `interim` ones (mid-drag) are shown, not committed.
    void editStep(const FilterSettings &settings, bool interim);
    void editRegion(std::optional<QRect> region, bool interim);
    void editOpacity(double percent, bool interim); // the whole stack's, over the original
    void editKernel(const Kernel &kernel);
    void editAsCustom();
    void resetFilter();
    // Clips the stack's region to a newly opened image (or drops one that misses it).
    void fitRegionTo(const QRect &imageRect);

signals:
    // Show `state` in the stack panel, kernel grid, view and preview.
    void stateShown(const StackState &state);
    // The filter panel should show `step` (it changed other than through the panel).
    void panelReset(const FilterSettings &step);
    // The committed stack or its selection changed: what a new session should start with.
    void committedChanged(const StackState &state);

private:
    void change(const StackState &state, const QString &what); // panel, show and commit
    void showState(const StackState &state);
    void commit(const StackState &state, const QString &what);
    void showCommitted(const StackState &state); // as the undo stack's last step

    QUndoStack *m_undo = nullptr;
    StackState m_state;
    StackState m_committed;
};

} // namespace ks
