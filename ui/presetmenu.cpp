#include "presetmenu.h"

#include "filtersettings.h"
#include "presetstore.h"
#include "recentfiles.h"
#include "stackcontroller.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>

namespace ks {

namespace {

const QString PresetsFilter = QStringLiteral("Kernel Studio presets (*.json);;All files (*)");
const QString RecipeDirKey = QStringLiteral("dirs/recipe");

QString recipeDir()
{
    return rememberedDir(RecipeDirKey, rememberedDir(QStringLiteral("dirs/open")));
}

} // namespace

PresetMenu::PresetMenu(PresetStore *store, const StackController *stack, QMenu *menu, QWidget *dialogParent)
    : QObject(dialogParent), m_store(store), m_stack(stack), m_menu(menu), m_dialogParent(dialogParent)
{
    const auto action = [this](const char *name, const QString &text, const QString &tip) {
        auto *a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setStatusTip(tip);
        return a;
    };
    QAction *saveStep = action("actionSaveStepPreset", tr("Save &Step as Preset…"),
                               tr("Keep the selected step as a preset of your own"));
    connect(saveStep, &QAction::triggered, this, [this] {
        askAndSave(Recipe{{m_stack->filterSettings()}}, stepName(m_stack->filterSettings()));
    });
    QAction *saveStack = action("actionSaveStackPreset", tr("Save Stac&k as Preset…"),
                                tr("Keep every step of the stack as one preset of your own"));
    connect(saveStack, &QAction::triggered, this, [this] { askAndSave(m_stack->committed().recipe, {}); });
    m_deleteAction = action("actionDeletePreset", tr("&Delete Preset…"),
                            tr("Delete one of your own presets (built-in ones stay)"));
    connect(m_deleteAction, &QAction::triggered, this, &PresetMenu::chooseAndDelete);
    QAction *import = action("actionImportPresets", tr("&Import Presets…"),
                             tr("Add the presets of a presets file to your own"));
    connect(import, &QAction::triggered, this, &PresetMenu::chooseAndImport);
    m_exportAction = action("actionExportPresets", tr("E&xport Presets…"), tr("Write your own presets to a file"));
    connect(m_exportAction, &QAction::triggered, this, &PresetMenu::chooseAndExport);
    m_fixedActions = {saveStep, saveStack, m_deleteAction, import, m_exportAction};
    connect(m_store, &PresetStore::changed, this, &PresetMenu::rebuild);
    rebuild();
}

void PresetMenu::rebuild()
{
    m_menu->clear(); // deletes the preset entries it owns; the fixed actions are this object's
    qDeleteAll(m_menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));

    const auto addPreset = [this](QMenu *menu, const Preset &preset) {
        QAction *action = menu->addAction(preset.name);
        action->setObjectName(QStringLiteral("preset:") + preset.name);
        QStringList specs;
        for (const FilterSettings &step : preset.recipe.steps)
            specs << filterSpec(step);
        action->setToolTip(specs.join(QStringLiteral(" → ")));
        action->setStatusTip(tr("Replace the stack with %1").arg(specs.join(QStringLiteral(" → "))));
        const QString name = preset.name;
        connect(action, &QAction::triggered, this, [this, name] { emit presetChosen(name); });
    };
    for (const Preset &preset : m_store->user())
        addPreset(m_menu, preset);
    if (m_store->user().isEmpty())
        m_menu->addAction(tr("(no presets of your own yet)"))->setEnabled(false);
    m_menu->addSeparator();
    QMenu *builtIn = m_menu->addMenu(tr("&Built-in"));
    builtIn->setObjectName(QStringLiteral("menuBuiltInPresets"));
    QMenu *reference = m_menu->addMenu(tr("&Reference Example"));
    reference->setObjectName(QStringLiteral("menuReferencePresets"));
    for (const Preset &preset : m_store->builtIn())
        addPreset(preset.name.startsWith(QLatin1String("Reference ")) ? reference : builtIn, preset);
    m_menu->addSeparator();
    m_menu->addActions(m_fixedActions);
    m_deleteAction->setEnabled(!m_store->user().isEmpty());
    m_exportAction->setEnabled(!m_store->user().isEmpty());
}

bool PresetMenu::savePreset(const QString &name, const Recipe &recipe)
{
    if (const QString error = m_store->save({name, recipe}); !error.isEmpty()) {
        emit failed(tr("Cannot save preset"), error);
        return false;
    }
    emit statusMessage(tr("Saved preset %1").arg(name.trimmed()));
    return true;
}

void PresetMenu::askAndSave(const Recipe &recipe, const QString &suggestedName)
{
    QString name = suggestedName;
    for (;;) {
        bool ok = false;
        name = QInputDialog::getText(m_dialogParent, tr("Save as Preset"), tr("Preset name:"), QLineEdit::Normal,
                                     name, &ok)
                   .trimmed();
        if (!ok || name.isEmpty())
            return;
        if (m_store->isBuiltIn(name)) {
            QMessageBox::information(m_dialogParent, tr("Name taken"),
                                     tr("\"%1\" is a built-in preset. Choose another name.").arg(name));
            continue;
        }
        if (m_store->isUser(name)) {
            const auto answer = QMessageBox::question(
                m_dialogParent, tr("Replace preset?"), tr("A preset called \"%1\" exists. Replace it?").arg(name),
                QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::No);
            if (answer == QMessageBox::Cancel)
                return;
            if (answer == QMessageBox::No)
                continue;
        }
        savePreset(name, recipe);
        return;
    }
}

void PresetMenu::chooseAndDelete()
{
    QStringList names;
    for (const Preset &preset : m_store->user())
        names << preset.name;
    if (names.isEmpty())
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getItem(m_dialogParent, tr("Delete Preset"), tr("Preset to delete:"), names, 0, false, &ok);
    if (!ok)
        return;
    if (const QString error = m_store->remove(name); !error.isEmpty())
        emit failed(tr("Cannot delete preset"), error);
}

void PresetMenu::chooseAndImport()
{
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, tr("Import Presets"), recipeDir(), PresetsFilter);
    if (path.isEmpty())
        return;
    int count = 0;
    if (const QString error = m_store->importFrom(path, &count); !error.isEmpty()) {
        emit failed(tr("Cannot import presets"), error);
        return;
    }
    rememberDir(RecipeDirKey, QFileInfo(path).absolutePath());
    emit statusMessage(tr("Imported %n preset(s)", nullptr, count));
}

void PresetMenu::chooseAndExport()
{
    const QString suggested = QDir(recipeDir()).filePath(QStringLiteral("presets.json"));
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Presets"), suggested, PresetsFilter);
    if (path.isEmpty())
        return;
    if (const QString error = m_store->exportTo(path); !error.isEmpty()) {
        emit failed(tr("Cannot export presets"), error);
        return;
    }
    rememberDir(RecipeDirKey, QFileInfo(path).absolutePath());
    emit statusMessage(tr("Exported %n preset(s)", nullptr, int(m_store->user().size())));
}

} // namespace ks
