#pragma once

#include "recipe.h"

#include <QUndoCommand>

#include <functional>

namespace ks {

// What the editor's stack shows: the steps, and the one the filter panel and kernel grid edit.
struct StackState
{
    Recipe recipe;
    qsizetype current = 0; // a valid index into recipe.steps (a stack has at least one step)

    const FilterSettings &step() const { return recipe.steps.at(current); }
    bool operator==(const StackState &other) const = default;
};

// One undoable change of the stack (a step's parameters, or adding, removing, moving, switching
// a step, or replacing the whole stack): undo shows `before`, redo shows `after`, both through
// the same function, so undo and redo take the path of any other edit. The selection travels
// with the steps, so undo puts the panels back on the step that changed.
class SettingsCommand : public QUndoCommand
{
public:
    using Show = std::function<void(const StackState &)>;

    SettingsCommand(const StackState &before, const StackState &after, const QString &text, Show show)
        : QUndoCommand(text), m_before(before), m_after(after), m_show(std::move(show))
    {
    }

    void undo() override { m_show(m_before); }
    void redo() override { m_show(m_after); }

private:
    StackState m_before;
    StackState m_after;
    Show m_show;
};

} // namespace ks
