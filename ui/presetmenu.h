#pragma once

#include "recipe.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace ks {

class PresetStore;
class StackController;

// The Presets menu: the user's presets, the built-in ones and the reference example's, rebuilt
// whenever the store changes, and the dialogs that save, delete, import and export presets.
// Choosing a preset only says so (presetChosen); applying it is the stack's business.
class PresetMenu : public QObject
{
    Q_OBJECT

public:
    // Fills `menu` (owned by the window); dialogs sit on `dialogParent`. The store and the stack
    // controller (the step and stack to save) outlive it.
    PresetMenu(PresetStore *store, const StackController *stack, QMenu *menu, QWidget *dialogParent);

    // Stores `recipe` as the user preset `name`; says why in an error dialog when it cannot.
    bool savePreset(const QString &name, const Recipe &recipe);

signals:
    void presetChosen(const QString &name);
    void statusMessage(const QString &text);
    void failed(const QString &title, const QString &message);

private:
    void rebuild();
    void askAndSave(const Recipe &recipe, const QString &suggestedName);
    void chooseAndDelete();
    void chooseAndImport();
    void chooseAndExport();

    PresetStore *m_store;
    const StackController *m_stack;
    QMenu *m_menu;
    QWidget *m_dialogParent;
    QList<QAction *> m_fixedActions; // the entries below the list of presets
    QAction *m_deleteAction = nullptr;
    QAction *m_exportAction = nullptr;
};

} // namespace ks
