#pragma once

#include "filtersettings.h"
#include "stackcontroller.h"

#include <QImage>
#include <QMainWindow>
#include <QStringList>

#include <functional>
#include <memory>

class QAction;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;
class QUndoStack;

namespace ks {

class Clipboard;
class CompareView;
class Document;
class Engine;
class Exporter;
class FilterPanel;
class HistogramDock;
class KernelGridEditor;
class PresetMenu;
class PresetStore;
class PreviewController;
class RecentFiles;
class RenderState;
class StackPanel;
class StatusLabel;
class TaskStatus;
class ZoomPresets;

// The editor's window: menus, actions, docks and the status bar, wired to the classes that do
// the work: the Document (the file and its pixels, loaded on a worker), the StackController
// (the stack of filter steps and its undo history), the PreviewController (renders), the
// Exporter, the PresetMenu and RecentFiles. It never touches a pixel and never waits.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts opening a file after asking about unexported changes; false when the person chose
    // not to (yet). The document's loaded() or loadFailed() follows; on failure an error dialog
    // names the file and the reason, and the open document stays as it was.
    bool openFile(const QString &path);
    // Writes the full-resolution result once it is rendered; exported() says how it went.
    // `quality` is for JPEG and WebP. On failure an error dialog names the file and the reason.
    void exportTo(const QString &path, int quality = 90);
    // Writes every filter of the reference example, applied to the original one at a time,
    // as DIR/<name>-<index>.png; exportedEach() lists the files written.
    void exportEachTo(const QString &directory);

    const QString &documentPath() const;
    const QImage &original() const;

    // The stack (StackController's, here for the window's users): every change is one undo step.
    const FilterSettings &filterSettings() const { return m_stackController->filterSettings(); }
    void setFilterSettings(const FilterSettings &settings) { m_stackController->setFilterSettings(settings); }
    const Recipe &recipe() const { return m_stackController->recipe(); }
    qsizetype currentStep() const { return m_stackController->currentStep(); }
    void selectStep(qsizetype index) { m_stackController->selectStep(index); }
    void setRecipe(const Recipe &recipe, const QString &what) { m_stackController->setRecipe(recipe, what); }
    void addStep() { m_stackController->addStep(); }
    void removeStep() { m_stackController->removeStep(); }
    void moveStep(int delta) { m_stackController->moveStep(delta); }
    void setStepEnabled(qsizetype index, bool enabled) { m_stackController->setStepEnabled(index, enabled); }
    void setRegion(std::optional<QRect> region) { m_stackController->setRegion(region); }

    // Recipe files (the command line's --recipe format). On failure an error dialog names the
    // file and the reason, and the stack stays as it was.
    bool openRecipe(const QString &path);
    bool saveRecipe(const QString &path);

    // Replaces the stack with a preset's steps (one undo step); false when there is none of that name.
    bool applyPreset(const QString &name);
    // Stores `recipe` as the user preset `name`; an error dialog says why when it cannot.
    bool savePreset(const QString &name, const Recipe &recipe);

    Document *document() const { return m_document; }
    StackController *stackController() const { return m_stackController; }
    Exporter *exporter() const { return m_exporter; }
    CompareView *compareView() const { return m_view; }
    FilterPanel *filterPanel() const { return m_panel; }
    KernelGridEditor *kernelEditor() const { return m_grid; }
    StackPanel *stackPanel() const { return m_stack; }
    PresetStore *presetStore() const { return m_presets; }
    PreviewController *preview() const { return m_preview; }
    HistogramDock *histogramDock() const { return m_histogram; }
    Clipboard *clipboard() const { return m_clipboard; }
    QUndoStack *undoStack() const;

signals:
    void exported(bool ok);
    void exportedEach(const QStringList &written);

protected:
    void changeEvent(QEvent *event) override;
    void childEvent(QChildEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createStatusBar();
    void connectParts();
    QAction *addAction(QMenu *menu, const QString &objectName, const QString &text,
                       const QList<QKeySequence> &shortcuts, const QString &description);

    void showState(const StackState &state);
    void onLoaded(bool sameDocument);
    void onLoadFailed(const QString &path, const QString &reason);
    void offerSvgSize(const QString &path, const QSizeF &own, const QSize &fitting, bool sameDocument);
    void onExported(bool ok, const QString &path);
    void cancelTasks();

    void chooseAndOpenRecipe();
    void chooseAndSaveRecipe();
    // True: go on now. False: not now; when the person chose to export first, `afterExport`
    // runs once that export has succeeded.
    bool confirmDiscard(const QString &doing, std::function<void()> afterExport);
    void chooseAndOpen();
    void closeImage(); // Ctrl+W: asks about unexported changes first
    void onClosed();
    void pasteImage(); // Ctrl+V: asks about unexported changes first
    void createViewExtras(QMenu *view, QToolBar *tools);
    void showError(const QString &title, const QString &message);
    void showStatus(const QString &text);

    void fitFirstStart(); // the window's size and place before any is saved
    StackState readSettings();
    void writeStack(const StackState &state) const;
    void writeSettings() const;

    void clearRenderFailure(); // the "Render failed" status, once a render succeeds or another file opens
    void settleUnchanged();    // an edit that needed no render: the result on screen stays exact
    void onResult(const QImage &image, bool full, double milliseconds);
    void onCursorOverPixel(QPoint pixel);
    void updateTitle();
    void updateImageInfo();
    void updateZoomLabel(double zoom);
    void showShortcuts();
    void showAbout();

    std::shared_ptr<Engine> m_engine;
    Document *m_document = nullptr;
    StackController *m_stackController = nullptr;
    PreviewController *m_preview = nullptr;
    Exporter *m_exporter = nullptr;
    PresetStore *m_presets = nullptr;
    PresetMenu *m_presetMenu = nullptr;
    RecentFiles *m_recent = nullptr;
    Clipboard *m_clipboard = nullptr;
    ZoomPresets *m_zoomPresets = nullptr;

    CompareView *m_view = nullptr;
    FilterPanel *m_panel = nullptr;
    KernelGridEditor *m_grid = nullptr;
    StackPanel *m_stack = nullptr;
    QDockWidget *m_stackDock = nullptr;
    QDockWidget *m_filterDock = nullptr;
    QDockWidget *m_kernelDock = nullptr;
    HistogramDock *m_histogram = nullptr;
    QWidget *m_svgRow = nullptr;
    QDoubleSpinBox *m_svgScale = nullptr;

    QAction *m_reloadAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportEachAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_fullScreenAction = nullptr;

    StatusLabel *m_imageInfo = nullptr;
    StatusLabel *m_zoomInfo = nullptr;
    StatusLabel *m_pixelInfo = nullptr;
    StatusLabel *m_renderInfo = nullptr;
    RenderState *m_renderState = nullptr;
    QProgressBar *m_progress = nullptr;
    TaskStatus *m_task = nullptr;

    std::function<void()> m_afterExport; // what an export asked for by confirmDiscard() enables
    int m_exportUndoIndex = -1;           // the undo step an export running now writes
};

} // namespace ks
