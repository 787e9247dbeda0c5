#pragma once

#include "filtersettings.h"
#include "settingscommand.h"

#include <QImage>
#include <QMainWindow>
#include <QStringList>

#include <memory>

class QAction;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QProgressBar;
class QUndoStack;

namespace ks {

class CompareView;
class Engine;
class FilterPanel;
class KernelGridEditor;
class PresetStore;
class PreviewController;
class StackPanel;

// The editor's window: menus, actions, docks and the status bar, wired to the preview
// controller. It owns the open document (the file, its pixels, the stack of filter steps and
// its undo history) and never touches a pixel itself. The preview and Export render the whole
// stack; the filter panel and the kernel grid edit its selected step.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a file after asking about unexported changes. On failure an error dialog names
    // the file and the reason, and the open document stays as it was.
    bool openFile(const QString &path);
    // Writes the full-resolution result (waiting for it if it is still rendering). `quality`
    // is for JPEG and WebP. On failure an error dialog names the file and the reason.
    bool exportTo(const QString &path, int quality = 90);
    // Writes every filter of the reference example, applied to the original one at a time,
    // as DIR/<name>-<index>.png; returns the files written.
    QStringList exportEachTo(const QString &directory);

    const QString &documentPath() const { return m_path; }
    const QImage &original() const { return m_original; }
    // The selected step, as the filter panel edits it.
    const FilterSettings &filterSettings() const { return m_state.step(); }
    void setFilterSettings(const FilterSettings &settings); // of the selected step; one undo step

    // The stack: every change below is one undo step, as if made in the stack panel.
    const Recipe &recipe() const { return m_state.recipe; }
    qsizetype currentStep() const { return m_state.current; }
    void selectStep(qsizetype index);                          // not an edit: no undo step
    void setRecipe(const Recipe &recipe, const QString &what); // replaces the stack; needs a step
    void addStep();
    void removeStep(); // the selected one; the last step stays (switch it off instead)
    void moveStep(int delta);
    void setStepEnabled(qsizetype index, bool enabled);
    // Limits every step of the stack to `region` (image pixels), or lifts the limit; one undo step.
    void setRegion(std::optional<QRect> region);

    // Recipe files (the command line's --recipe format). On failure an error dialog names the
    // file and the reason, and the stack stays as it was.
    bool openRecipe(const QString &path);
    bool saveRecipe(const QString &path);

    // Replaces the stack with a preset's steps (one undo step); false when there is none of that name.
    bool applyPreset(const QString &name);
    // Stores `recipe` as the user preset `name`, replacing one of that name (ask first);
    // an error dialog says why when it cannot.
    bool savePreset(const QString &name, const Recipe &recipe);

    CompareView *compareView() const { return m_view; }
    FilterPanel *filterPanel() const { return m_panel; }
    KernelGridEditor *kernelEditor() const { return m_grid; }
    StackPanel *stackPanel() const { return m_stack; }
    PresetStore *presetStore() const { return m_presets; }
    PreviewController *preview() const { return m_preview; }
    QUndoStack *undoStack() const { return m_undo; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createPresetMenu();
    void rebuildPresetMenu();
    void createStatusBar();
    QAction *addAction(QMenu *menu, const QString &objectName, const QString &text,
                       const QList<QKeySequence> &shortcuts, const QString &description);

    // Settings flow: panel, grid or stack edit -> show (stack, preview, grid) -> commit (one
    // undo step). Mid-drag states are shown but not committed.
    void onPanelChanged(const FilterSettings &settings, bool interim);
    void onKernelEdited(const Kernel &kernel);
    void onRegionChanged(std::optional<QRect> region, bool interim);
    void fitRegionToImage();
    void editAsCustom();
    void resetFilter();
    void change(const StackState &state, const QString &what); // panel, show and commit
    void showState(const StackState &state);
    void commit(const StackState &state, const QString &what);
    void showCommitted(const StackState &state); // as the undo stack's last step

    void chooseAndOpenRecipe();
    void chooseAndSaveRecipe();
    void askAndSavePreset(const Recipe &recipe, const QString &suggestedName);
    void chooseAndDeletePreset();
    void chooseAndImportPresets();
    void chooseAndExportPresets();

    bool load(const QString &path, double svgScale, bool keepHistory);
    void reload();
    void onSvgScaleChanged(double scale);
    bool confirmDiscard(const QString &doing);
    void chooseAndOpen();
    void chooseAndExport();
    void chooseAndExportEach();
    QImage waitForFullResult();
    void showError(const QString &title, const QString &message);

    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void readSettings();
    void writeSettings() const;

    void onResult(const QImage &image, bool full, double milliseconds);
    void onCursorOverPixel(QPoint pixel);
    void updateTitle();
    void updateImageInfo();
    void updateZoomLabel(double zoom);
    void showShortcuts();
    void showAbout();

    std::shared_ptr<Engine> m_engine;
    PreviewController *m_preview = nullptr;
    CompareView *m_view = nullptr;
    FilterPanel *m_panel = nullptr;
    KernelGridEditor *m_grid = nullptr;
    StackPanel *m_stack = nullptr;
    PresetStore *m_presets = nullptr;
    QDockWidget *m_stackDock = nullptr;
    QDockWidget *m_filterDock = nullptr;
    QDockWidget *m_kernelDock = nullptr;
    QWidget *m_svgRow = nullptr;
    QDoubleSpinBox *m_svgScale = nullptr;
    QUndoStack *m_undo = nullptr;

    QMenu *m_recentMenu = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportEachAction = nullptr;
    QMenu *m_presetMenu = nullptr;
    QList<QAction *> m_presetActions; // the fixed entries below the list of presets
    QAction *m_deletePresetAction = nullptr;
    QAction *m_exportPresetsAction = nullptr;

    QLabel *m_imageInfo = nullptr;
    QLabel *m_zoomInfo = nullptr;
    QLabel *m_pixelInfo = nullptr;
    QLabel *m_renderInfo = nullptr;
    QProgressBar *m_progress = nullptr;

    QString m_path;
    QImage m_original;
    bool m_isSvg = false;
    double m_loadedSvgScale = 1.0;
    StackState m_state;     // shown now (also mid-drag)
    StackState m_committed; // the last undo step
    QString m_renderError;  // why the last render failed, until one succeeds
    QStringList m_recent;
    QString m_openDir;
    QString m_exportDir;
    QString m_recipeDir;
    int m_quality = 90;
};

} // namespace ks
