#pragma once

#include "filtersettings.h"

#include <QUndoCommand>

#include <functional>

namespace ks {

// One undoable change of the filter settings: undo shows `before`, redo shows `after`,
// both through the same function, so undo and redo take the path of any other edit.
class SettingsCommand : public QUndoCommand
{
public:
    using Show = std::function<void(const FilterSettings &)>;

    SettingsCommand(const FilterSettings &before, const FilterSettings &after, const QString &text, Show show)
        : QUndoCommand(text), m_before(before), m_after(after), m_show(std::move(show))
    {
    }

    void undo() override { m_show(m_before); }
    void redo() override { m_show(m_after); }

private:
    FilterSettings m_before;
    FilterSettings m_after;
    Show m_show;
};

} // namespace ks
