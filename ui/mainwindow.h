#pragma once

#include "filtersettings.h"

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
class PreviewController;

// The editor's window: menus, actions, docks and the status bar, wired to the preview
// controller. It owns the open document (the file, its pixels, the undo history of the
// filter settings) and never touches a pixel itself.
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
    const FilterSettings &filterSettings() const { return m_settings; }
    void setFilterSettings(const FilterSettings &settings); // one undo step, like an edit

    CompareView *compareView() const { return m_view; }
    FilterPanel *filterPanel() const { return m_panel; }
    KernelGridEditor *kernelEditor() const { return m_grid; }
    PreviewController *preview() const { return m_preview; }
    QUndoStack *undoStack() const { return m_undo; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void createStatusBar();
    QAction *addAction(QMenu *menu, const QString &objectName, const QString &text,
                       const QList<QKeySequence> &shortcuts, const QString &description);

    // Settings flow: panel or grid edit -> show (preview, grid) -> commit (one undo step).
    void onPanelChanged(const FilterSettings &settings, bool interim);
    void onKernelEdited(const Kernel &kernel);
    void editAsCustom();
    void resetFilter();
    void showSettings(const FilterSettings &settings);
    void commit(const FilterSettings &settings, const QString &what);

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
    QDockWidget *m_filterDock = nullptr;
    QDockWidget *m_kernelDock = nullptr;
    QWidget *m_svgRow = nullptr;
    QDoubleSpinBox *m_svgScale = nullptr;
    QUndoStack *m_undo = nullptr;

    QMenu *m_recentMenu = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportEachAction = nullptr;

    QLabel *m_imageInfo = nullptr;
    QLabel *m_zoomInfo = nullptr;
    QLabel *m_pixelInfo = nullptr;
    QLabel *m_renderInfo = nullptr;
    QProgressBar *m_progress = nullptr;

    QString m_path;
    QImage m_original;
    bool m_isSvg = false;
    double m_loadedSvgScale = 1.0;
    FilterSettings m_settings;  // shown now (also mid-drag)
    FilterSettings m_committed; // the last undo step
    QString m_renderError; // why the last render failed, until one succeeds
    QStringList m_recent;
    QString m_openDir;
    QString m_exportDir;
    int m_quality = 90;
};

} // namespace ks
