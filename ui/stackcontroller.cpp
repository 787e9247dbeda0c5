#include "stackcontroller.h"

#include "filtersettings.h"
#include "filtertext.h"

#include <QUndoStack>

#include <algorithm>

namespace ks {

// ---- What the editor reads from a step's filter declaration ----------------------------

namespace {

QString kernelRoleText(KernelRole role)
{
    switch (role) {
    case KernelRole::Applied:
        return {};
    case KernelRole::Window:
        return StackController::tr("The window: each pixel is computed from the pixels under it, channel by "
                                   "channel; the weights are not used.");
    case KernelRole::SpatialWeights:
        return StackController::tr("The spatial weights; each is also weighed by how close a pixel's colour is to "
                                   "the centre's.");
    case KernelRole::BlurUndone:
        return StackController::tr("The blur this filter undoes, normalised to sum 1.");
    }
    return {};
}

FilterSettings resetSettings(const FilterSettings &current)
{
    FilterSettings next(current.filter());
    next.enabled = current.enabled;
    return next;
}

// A new step of the selected step's filter, with its defaults and the selected step's kernel
// where the filter takes one.
FilterSettings newStepLike(const FilterSettings &current)
{
    const FilterSettings step(current.filter());
    const ParamDeclaration *kernel = current.filter().kernelParam();
    return kernel ? step.withKernel(*current.kernelValue(QLatin1String(kernel->key))) : step;
}

bool sameKernelParams(const FilterSettings &before, const FilterSettings &after)
{
    for (const ParamDeclaration &p : after.filter().params) {
        const QLatin1String key(p.key);
        if (p.isKernel() && !(before.kernelValue(key) == after.kernelValue(key)))
            return false;
    }
    return true;
}

QString undoText(const FilterSettings &before, const FilterSettings &after)
{
    if (before.enabled != after.enabled)
        return (after.enabled ? StackController::tr("Switch on %1") : StackController::tr("Switch off %1"))
            .arg(stepName(after));
    if (&before.filter() != &after.filter())
        return StackController::tr("Choose %1").arg(stepName(after));
    if (!sameKernelParams(before, after))
        return StackController::tr("Edit kernel");
    return StackController::tr("Change %1").arg(stepName(after));
}

} // namespace

KernelGridUse kernelGridUse(const FilterSettings &step)
{
    const FilterDeclaration &filter = step.filter();
    return {filter.kernelParam() != nullptr, filter.hasKernelScale(), kernelRoleText(filter.kernelRole)};
}

QString stepName(const FilterSettings &step)
{
    return filterText(step.filter().displayName);
}

// ---- The stack ---------------------------------------------------------------------------

namespace {

// The stack with every step limited to `region` (or to none): the editor's region is the stack's.
Recipe withRegion(Recipe recipe, std::optional<QRect> region)
{
    for (FilterSettings &step : recipe.steps)
        step.region = region;
    return recipe;
}

} // namespace

StackController::StackController(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this))
{
    m_state.recipe.steps = {FilterSettings()};
    m_committed = m_state;
}

void StackController::restore(const StackState &state)
{
    if (state.recipe.steps.isEmpty())
        return;
    m_undo->clear();
    showCommitted(state);
}

void StackController::editStep(const FilterSettings &settings, bool interim)
{
    StackState next = m_state;
    next.recipe.steps[next.current] = settings;
    showState(next);
    if (!interim)
        commit(next, undoText(m_committed.recipe.steps.value(next.current), settings));
}

void StackController::editRegion(std::optional<QRect> region, bool interim)
{
    const StackState next{withRegion(m_state.recipe, region), m_state.current};
    showState(next);
    if (!interim)
        commit(next, region ? tr("Set region") : tr("Clear region"));
}

void StackController::editOpacity(double percent, bool interim)
{
    StackState next = m_state;
    next.recipe.opacity = percent;
    showState(next);
    if (!interim)
        commit(next, tr("Set stack opacity to %1 %").arg(percent));
}

void StackController::setRegion(std::optional<QRect> region)
{
    editRegion(region, false); // committing an unchanged stack adds no undo step
}

void StackController::editKernel(const Kernel &kernel)
{
    setFilterSettings(filterSettings().withKernel(kernel));
}

void StackController::editAsCustom()
{
    StackState next = m_state;
    next.recipe.steps[next.current] = next.step().asCustomKernel();
    change(next, tr("Edit as custom kernel"));
}

void StackController::resetFilter()
{
    setFilterSettings(resetSettings(filterSettings()));
}

void StackController::fitRegionTo(const QRect &imageRect)
{
    // A region drawn on another image (or another SVG scale) is clipped to this one; one that
    // misses it entirely would make every render fail, so it goes.
    const std::optional<QRect> region = filterSettings().region;
    if (!region)
        return;
    const QRect fitted = *region & imageRect;
    if (fitted == *region)
        return;
    const StackState next{withRegion(m_state.recipe, fitted.isEmpty() ? std::nullopt : std::optional(fitted)),
                          m_state.current};
    if (m_undo->count() == 0) // nothing to undo into: the fitted stack simply is the document
        showCommitted(next);
    else
        change(next, tr("Fit region to the image"));
}

void StackController::setFilterSettings(const FilterSettings &settings)
{
    StackState next = m_state;
    next.recipe.steps[next.current] = settings;
    change(next, undoText(m_committed.recipe.steps.value(next.current), settings));
}

void StackController::selectStep(qsizetype index)
{
    if (index < 0 || index >= m_state.recipe.steps.size() || index == m_state.current)
        return;
    StackState next = m_state;
    next.current = index;
    // Choosing which step to edit is no edit; undo of the next change comes back to it.
    m_committed.current = index;
    emit panelReset(next.step());
    showState(next);
    emit committedChanged(m_committed);
}

void StackController::setRecipe(const Recipe &recipe, const QString &what)
{
    if (recipe.steps.isEmpty())
        return;
    change({recipe, 0}, what);
}

void StackController::addStep()
{
    StackState next = m_state;
    const FilterSettings step = newStepLike(filterSettings());
    next.current = m_state.current + 1;
    next.recipe.steps.insert(next.current, step);
    change(next, tr("Add %1").arg(stepName(step)));
}

void StackController::removeStep()
{
    if (m_state.recipe.steps.size() <= 1)
        return;
    StackState next = m_state;
    next.recipe.steps.removeAt(next.current);
    next.current = std::min(next.current, next.recipe.steps.size() - 1);
    change(next, tr("Remove %1").arg(stepName(filterSettings())));
}

void StackController::moveStep(int delta)
{
    const qsizetype target = m_state.current + delta;
    if (delta == 0 || target < 0 || target >= m_state.recipe.steps.size())
        return;
    StackState next = m_state;
    next.recipe.steps.move(next.current, target);
    next.current = target;
    change(next, (delta < 0 ? tr("Move %1 up") : tr("Move %1 down")).arg(stepName(filterSettings())));
}

void StackController::setStepEnabled(qsizetype index, bool enabled)
{
    if (index < 0 || index >= m_state.recipe.steps.size() || m_state.recipe.steps[index].enabled == enabled)
        return;
    StackState next = m_state;
    next.recipe.steps[index].enabled = enabled;
    change(next, undoText(m_state.recipe.steps[index], next.recipe.steps[index]));
}

void StackController::change(const StackState &state, const QString &what)
{
    emit panelReset(state.step());
    showState(state);
    commit(state, what);
}

void StackController::showState(const StackState &state)
{
    m_state = state;
    emit stateShown(state);
}

void StackController::commit(const StackState &state, const QString &what)
{
    if (state.recipe == m_committed.recipe) {
        if (m_committed.current != state.current) {
            m_committed.current = state.current;
            emit committedChanged(m_committed);
        }
        return;
    }
    // Pushing runs redo(), which shows `state` again (a no-op) and records it as committed.
    m_undo->push(new SettingsCommand(m_committed, state, what, [this](const StackState &s) { showCommitted(s); }));
}

void StackController::showCommitted(const StackState &state)
{
    m_committed = state;
    emit panelReset(state.step());
    showState(state);
    emit committedChanged(state);
}

} // namespace ks
