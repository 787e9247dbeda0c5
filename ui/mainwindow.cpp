#include "mainwindow.h"

#include "accessibility.h"
#include "colorprofile.h"

#include "clipboard.h"
#include "compareview.h"
#include "document.h"
#include "engine.h"
#include "exporter.h"
#include "filterpanel.h"
#include "histogramdock.h"
#include "imageio.h"
#include "kernelgrideditor.h"
#include "presetmenu.h"
#include "presetstore.h"
#include "previewcontroller.h"
#include "recentfiles.h"
#include "recipe.h"
#include "renderstate.h"
#include "stackpanel.h"
#include "statuslabel.h"
#include "svgsizedialog.h"
#include "taskstatus.h"
#include "toolbaricons.h"
#include "zoompresets.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace ks {

namespace {

const QString OpenFilter = QStringLiteral(
    "Images (*.png *.svg *.svgz *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif);;All files (*)");
const QString RecipeFilter = QStringLiteral("Kernel Studio recipes (*.json);;All files (*)");
const QString OpenDirKey = QStringLiteral("dirs/open");
const QString RecipeDirKey = QStringLiteral("dirs/recipe");

QString openDir()
{
    return rememberedDir(OpenDirKey, QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
}

QString recipeDir()
{
    return rememberedDir(RecipeDirKey, openDir());
}

bool isSixteenBit(const QImage &image)
{
    return image.depth() == 64 || image.format() == QImage::Format_Grayscale16;
}

QString describeFormat(const QImage &image)
{
    const bool gray = image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_Grayscale16;
    const QString channels = gray ? QStringLiteral("gray") : image.hasAlphaChannel() ? QStringLiteral("RGBA")
                                                                                     : QStringLiteral("RGB");
    return QStringLiteral("%1-bit %2").arg(isSixteenBit(image) ? 16 : 8).arg(channels);
}

// A pixel's channels in the image's own depth, as people compare them.
QString pixelText(const QImage &image, QPoint p)
{
    if (image.isNull() || !image.rect().contains(p))
        return QStringLiteral("–");
    const QColor c = image.pixelColor(p);
    if (isSixteenBit(image)) {
        const QRgba64 v = c.rgba64();
        return QStringLiteral("%1 %2 %3 %4").arg(v.red()).arg(v.green()).arg(v.blue()).arg(v.alpha());
    }
    return QStringLiteral("%1 %2 %3 %4").arg(c.red()).arg(c.green()).arg(c.blue()).arg(c.alpha());
}

// A dock's contents in a scroll area: on a small or scaled screen the dock scrolls instead of
// growing the window past the screen or pushing its lower controls out of view.
QScrollArea *scrolling(QWidget *content)
{
    auto *area = new QScrollArea(content->parentWidget()); // in the window: the Tab order stays
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setFocusPolicy(Qt::NoFocus); // Tab goes to the controls; the area shows the focused one
    return area;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_engine(std::make_shared<Engine>()), m_document(new Document(this)),
      m_stackController(new StackController(this)), m_presets(new PresetStore({}, this))
{
    installAccessibleInterfaces();
    setObjectName(QStringLiteral("mainWindow"));
    setAccessibleName(tr("Kernel Studio"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);

    m_preview = new PreviewController(m_engine, this);
    m_exporter = new Exporter(m_engine, m_document, m_preview, this);
    m_view = new CompareView(this);
    setCentralWidget(m_view);
    m_clipboard = new Clipboard(m_preview, m_document, this);
    createDocks();
    createActions();
    createStatusBar();
    connectParts();

    m_stackController->restore(readSettings());
    updateTitle();
    updateImageInfo();
    if (!m_presets->loadError().isEmpty()) // after the window is up, so the dialog has a parent to sit on
        QMetaObject::invokeMethod(
            this, [this] { showError(tr("Cannot read your presets"), m_presets->loadError()); }, Qt::QueuedConnection);
}

MainWindow::~MainWindow() = default;

const QString &MainWindow::documentPath() const
{
    return m_document->path();
}

const QImage &MainWindow::original() const
{
    return m_document->image();
}

QUndoStack *MainWindow::undoStack() const
{
    return m_stackController->undoStack();
}

// ---- Wiring ------------------------------------------------------------------------------

void MainWindow::connectParts()
{
    // Renders
    connect(m_preview, &PreviewController::resultReady, this, &MainWindow::onResult);
    connect(m_preview, &PreviewController::resultReady, m_histogram, &HistogramDock::setResult);
    connect(m_clipboard, &Clipboard::statusMessage, this, &MainWindow::showStatus);
    connect(m_document, &Document::closed, this, &MainWindow::onClosed);
    connect(m_preview, &PreviewController::areaReady, this, [this](const QImage &image, const QRect &area, double ms) {
        m_view->setResultArea(image, area);
        clearRenderFailure();
        m_renderInfo->setText(tr("Preview (exact in view): %1 ms").arg(ms, 0, 'f', 0));
    });
    connect(m_preview, &PreviewController::renderFailed, this, [this](const QString &reason) {
        m_view->setRenderFailed(reason);
        m_renderInfo->setText(tr("Render failed"));
        m_renderState->setReady(QStringLiteral("render failed: ") + reason);
        statusBar()->showMessage(tr("Render failed: %1").arg(reason));
    });
    // The preview renders the part in view first when zoomed in; views of another image than
    // the preview's (while a new one is being shown) are not its business.
    const auto showView = [this] {
        if (m_view->original().size() == m_preview->source().size())
            m_preview->setView(m_view->visibleImageRect(), m_view->zoom());
    };
    connect(m_view, &CompareView::viewChanged, this, showView);
    connect(m_view, &CompareView::paneSizeChanged, this, showView);
    connect(m_preview, &PreviewController::busyChanged, m_view, &CompareView::setBusy);
    connect(m_preview, &PreviewController::busyChanged, m_progress, &QWidget::setVisible);
    connect(m_preview, &PreviewController::busyChanged, this, [this](bool busy) {
        if (busy)
            m_renderState->setRendering();
    });
    connect(m_preview, &PreviewController::progressChanged, this,
            [this](double fraction) { m_progress->setValue(int(fraction * 100)); });
    connect(m_view, &CompareView::paneSizeChanged, m_preview, &PreviewController::setDisplaySize);
    connect(m_view, &CompareView::zoomChanged, this, &MainWindow::updateZoomLabel);
    connect(m_view, &CompareView::cursorOverPixel, this, &MainWindow::onCursorOverPixel);

    // The stack: panels edit it, it shows itself in the panels
    connect(m_view, &CompareView::regionChanged, m_stackController, &StackController::editRegion);
    connect(m_panel, &FilterPanel::settingsChanged, m_stackController, &StackController::editStep);
    connect(m_grid, &KernelGridEditor::kernelEdited, m_stackController, &StackController::editKernel);
    connect(m_grid, &KernelGridEditor::editAsCustomRequested, m_stackController, &StackController::editAsCustom);
    connect(m_stack, &StackPanel::currentStepChanged, m_stackController, &StackController::selectStep);
    connect(m_stack, &StackPanel::enabledChanged, m_stackController, &StackController::setStepEnabled);
    connect(m_stack, &StackPanel::addRequested, m_stackController, &StackController::addStep);
    connect(m_stack, &StackPanel::removeRequested, m_stackController, &StackController::removeStep);
    connect(m_stack, &StackPanel::moveRequested, m_stackController, &StackController::moveStep);
    connect(m_stack, &StackPanel::opacityChanged, m_stackController, &StackController::editOpacity);
    connect(m_stackController, &StackController::panelReset, m_panel, &FilterPanel::setSettings);
    connect(m_stackController, &StackController::stateShown, this, &MainWindow::showState);
    connect(m_stackController, &StackController::committedChanged, this, &MainWindow::writeStack);
    connect(undoStack(), &QUndoStack::cleanChanged, m_document, [this](bool clean) { m_document->setModified(!clean); });

    // The document
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::loaded, this, &MainWindow::onLoaded);
    connect(m_document, &Document::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_document, &Document::svgTooLarge, this, &MainWindow::offerSvgSize);
    connect(m_document, &Document::loadingChanged, this, [this](bool loading) {
        if (loading)
            m_task->begin(m_document, tr("Opening %1…").arg(m_document->loadingName()), true);
        else
            m_task->end(m_document);
    });
    connect(m_svgScale, &QDoubleSpinBox::valueChanged, m_document, &Document::setSvgScale);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openFile);

    // Export and presets
    connect(m_exporter, &Exporter::busyChanged, this, [this](bool busy) {
        if (busy) {
            m_exportUndoIndex = undoStack()->index(); // what it writes; later edits stay unexported
            m_task->begin(m_exporter, tr("Exporting…"));
        } else {
            m_task->end(m_exporter);
        }
    });
    connect(m_exporter, &Exporter::progressChanged, this,
            [this](double fraction) { m_task->setProgress(m_exporter, fraction); });
    connect(m_exporter, &Exporter::exported, this, &MainWindow::onExported);
    connect(m_exporter, &Exporter::exportedEach, this, &MainWindow::exportedEach);
    connect(m_exporter, &Exporter::statusMessage, this, &MainWindow::showStatus);
    connect(m_exporter, &Exporter::failed, this, &MainWindow::showError);
    connect(m_presetMenu, &PresetMenu::presetChosen, this, &MainWindow::applyPreset);
    connect(m_presetMenu, &PresetMenu::statusMessage, this, &MainWindow::showStatus);
    connect(m_presetMenu, &PresetMenu::failed, this, &MainWindow::showError);

    connect(m_task, &TaskStatus::cancelRequested, this, &MainWindow::cancelTasks);
    connect(m_task, &TaskStatus::activeChanged, m_cancelAction, &QAction::setEnabled);
}

// ---- Building the window --------------------------------------------------------------

void MainWindow::createDocks()
{
    m_stack = new StackPanel(this);
    m_stackDock = new QDockWidget(tr("Stack"), this);
    m_stackDock->setObjectName(QStringLiteral("stackDock"));
    m_stackDock->setWidget(m_stack);
    m_stackDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_stackDock);

    // Widgets join the Tab order as they are made: top to bottom, as the docks show them.
    m_svgRow = new QWidget(this);
    m_svgScale = new QDoubleSpinBox(m_svgRow);
    m_svgScale->setObjectName(QStringLiteral("svgScale"));
    m_svgScale->setAccessibleName(tr("SVG scale"));
    m_svgScale->setAccessibleDescription(tr("Rasterisation scale of the SVG; 1 is its own size"));
    m_svgScale->setRange(0.05, 16.0);
    m_svgScale->setDecimals(2);
    m_svgScale->setSingleStep(0.25);
    m_svgScale->setSuffix(QStringLiteral(" ×"));
    m_svgScale->setValue(1.0);
    m_svgScale->setKeyboardTracking(false);
    auto *svgForm = new QFormLayout(m_svgRow);
    svgForm->setContentsMargins(9, 9, 9, 0);
    auto *svgLabel = new QLabel(tr("S&VG scale:"), m_svgRow);
    svgLabel->setBuddy(m_svgScale);
    svgForm->addRow(svgLabel, m_svgScale);
    m_svgRow->setVisible(false);

    m_panel = new FilterPanel(this);

    auto *filterArea = new QWidget(this);
    auto *filterLayout = new QVBoxLayout(filterArea);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->addWidget(m_svgRow);
    filterLayout->addWidget(m_panel, 1);
    m_filterDock = new QDockWidget(tr("Filter"), this);
    m_filterDock->setObjectName(QStringLiteral("filterDock"));
    m_filterDock->setWidget(scrolling(filterArea));
    m_filterDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_filterDock);

    m_grid = new KernelGridEditor(this);
    m_kernelDock = new QDockWidget(tr("Kernel"), this);
    m_kernelDock->setObjectName(QStringLiteral("kernelDock"));
    m_kernelDock->setWidget(scrolling(m_grid));
    addDockWidget(Qt::RightDockWidgetArea, m_kernelDock);

    // A tab beside the kernel, hidden at first: it costs nothing until shown.
    m_histogram = new HistogramDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_histogram);
    tabifyDockWidget(m_kernelDock, m_histogram);
    m_histogram->hide();
}

QAction *MainWindow::addAction(QMenu *menu, const QString &objectName, const QString &text,
                               const QList<QKeySequence> &shortcuts, const QString &description)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcuts(shortcuts);
    action->setStatusTip(description);
    action->setToolTip(description);
    menu->addAction(action);
    return action;
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = addAction(file, QStringLiteral("actionOpen"), tr("&Open…"), {QKeySequence::Open},
                              tr("Open a PNG, SVG or other image"));
    connect(open, &QAction::triggered, this, &MainWindow::chooseAndOpen);
    QMenu *recentMenu = file->addMenu(tr("Open &Recent"));
    recentMenu->setObjectName(QStringLiteral("menuRecent"));
    m_recent = new RecentFiles(recentMenu, this);
    m_reloadAction = addAction(file, QStringLiteral("actionReload"), tr("Re&load"), {QKeySequence(Qt::Key_F5)},
                               tr("Read the open file again from disk"));
    connect(m_reloadAction, &QAction::triggered, m_document, &Document::reload);
    m_closeAction = addAction(file, QStringLiteral("actionCloseImage"), tr("&Close Image"), {QKeySequence::Close},
                              tr("Close the image (the stack stays)"));
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeImage);
    file->addSeparator();
    m_exportAction = addAction(file, QStringLiteral("actionExport"), tr("&Export…"),
                               {QKeySequence(Qt::CTRL | Qt::Key_E), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)},
                               tr("Write the filtered image at full resolution"));
    connect(m_exportAction, &QAction::triggered, m_exporter, &Exporter::chooseAndExport);
    m_exportEachAction =
        addAction(file, QStringLiteral("actionExportEach"), tr("Export Each &Filter…"),
                  {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E)},
                  tr("Apply each filter of the reference example to the image and write one file per filter"));
    connect(m_exportEachAction, &QAction::triggered, m_exporter, &Exporter::chooseAndExportEach);
    file->addSeparator();
    QAction *openRecipe = addAction(file, QStringLiteral("actionOpenRecipe"), tr("Open Re&cipe…"),
                                    {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
                                    tr("Replace the stack with the steps of a recipe file"));
    connect(openRecipe, &QAction::triggered, this, &MainWindow::chooseAndOpenRecipe);
    QAction *saveRecipe = addAction(file, QStringLiteral("actionSaveRecipe"), tr("Save Reci&pe…"),
                                    {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S)},
                                    tr("Write the stack as a recipe file (kernel-studio-cli --recipe reads it)"));
    connect(saveRecipe, &QAction::triggered, this, &MainWindow::chooseAndSaveRecipe);
    file->addSeparator();
    QAction *quit =
        addAction(file, QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence::Quit}, tr("Close Kernel Studio"));
    connect(quit, &QAction::triggered, this, &QWidget::close);
    // Esc while a file opens or an export runs; otherwise Esc stays the view's (region tool).
    m_cancelAction = new QAction(tr("Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("actionCancel"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setStatusTip(tr("Cancel opening the file or the export"));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelTasks);
    QWidget::addAction(m_cancelAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcuts(QKeySequence::Undo);
    edit->addAction(undo);
    QAction *redo = undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(redo);
    edit->addSeparator();
    m_copyAction = addAction(edit, QStringLiteral("actionCopyResult"), tr("&Copy Result"), {QKeySequence::Copy},
                             tr("Copy the filtered image at full resolution to the clipboard"));
    connect(m_copyAction, &QAction::triggered, m_clipboard, &Clipboard::copyResult);
    QAction *paste = addAction(edit, QStringLiteral("actionPasteImage"), tr("&Paste Image"), {QKeySequence::Paste},
                               tr("Open the image on the clipboard as a new document"));
    connect(paste, &QAction::triggered, this, &MainWindow::pasteImage);
    edit->addSeparator();
    QAction *reset = addAction(edit, QStringLiteral("actionResetFilter"), tr("Re&set Filter"),
                               {QKeySequence(Qt::CTRL | Qt::Key_R)}, tr("Set the filter's parameters to their defaults"));
    connect(reset, &QAction::triggered, m_stackController, &StackController::resetFilter);
    QAction *asCustom = addAction(edit, QStringLiteral("actionEditAsCustom"), tr("Edit as &Custom Kernel"),
                                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)},
                                  tr("Copy the kernel being applied into the custom kernel grid"));
    connect(asCustom, &QAction::triggered, m_grid, &KernelGridEditor::requestEditAsCustom); // refuses > 25x25
    edit->addSeparator();
    QAction *regionTool = addAction(edit, QStringLiteral("actionRegionTool"), tr("Re&gion Tool"),
                                    {QKeySequence(Qt::Key_R)},
                                    tr("Drag on either pane to limit the filters to a rectangle"));
    regionTool->setCheckable(true);
    connect(regionTool, &QAction::toggled, m_view, &CompareView::setRegionTool);
    connect(m_view, &CompareView::regionToolChanged, regionTool, &QAction::setChecked);
    QAction *clearRegion = addAction(edit, QStringLiteral("actionClearRegion"), tr("C&lear Region"),
                                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)},
                                     tr("Filter the whole image again"));
    connect(clearRegion, &QAction::triggered, m_stackController, [this] { setRegion(std::nullopt); });

    QMenu *stack = menuBar()->addMenu(tr("&Stack"));
    stack->setObjectName(QStringLiteral("menuStack"));
    stack->addActions(
        {m_stack->addStepAction(), m_stack->removeStepAction(), m_stack->moveUpAction(), m_stack->moveDownAction()});
    QMenu *presets = menuBar()->addMenu(tr("&Presets"));
    presets->setObjectName(QStringLiteral("menuPresets"));
    m_presetMenu = new PresetMenu(m_presets, m_stackController, presets, this);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn = addAction(view, QStringLiteral("actionZoomIn"), tr("Zoom &In"),
                                {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)}, tr("Zoom in"));
    connect(zoomIn, &QAction::triggered, m_view, &CompareView::zoomIn);
    QAction *zoomOut =
        addAction(view, QStringLiteral("actionZoomOut"), tr("Zoom &Out"), {QKeySequence::ZoomOut}, tr("Zoom out"));
    connect(zoomOut, &QAction::triggered, m_view, &CompareView::zoomOut);
    QAction *fit = addAction(view, QStringLiteral("actionFit"), tr("&Fit to Window"),
                             {QKeySequence(Qt::CTRL | Qt::Key_0)}, tr("Show the whole image"));
    connect(fit, &QAction::triggered, m_view, &CompareView::zoomToFit);
    QAction *actual = addAction(view, QStringLiteral("actionActualSize"), tr("&100 %"),
                                {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_0)}, tr("One image pixel per screen pixel"));
    connect(actual, &QAction::triggered, m_view, &CompareView::zoomToActualSize);
    m_zoomPresets = new ZoomPresets(m_view, this);
    QMenu *zoomMenu = view->addMenu(tr("&Zoom Presets"));
    zoomMenu->setObjectName(QStringLiteral("menuZoomPresets"));
    zoomMenu->addActions(m_zoomPresets->actions());
    view->addSeparator();

    auto *modes = new QActionGroup(this);
    const struct
    {
        CompareView::Mode mode;
        const char *name;
        QString text;
        Qt::Key key;
        QString description;
    } modeActions[] = {
        {CompareView::Mode::SideBySide, "actionSideBySide", tr("&Side by Side"), Qt::Key_1,
         tr("Original and result next to each other")},
        {CompareView::Mode::Split, "actionSplit", tr("S&plit"), Qt::Key_2,
         tr("One view, original left and result right of a divider")},
        {CompareView::Mode::Difference, "actionDifference", tr("&Difference"), Qt::Key_3,
         tr("The amplified difference between result and original")},
    };
    for (const auto &m : modeActions) {
        QAction *action = addAction(view, QString::fromLatin1(m.name), m.text, {QKeySequence(Qt::CTRL | m.key)},
                                    m.description);
        action->setCheckable(true);
        action->setChecked(m.mode == m_view->mode());
        modes->addAction(action);
        const CompareView::Mode mode = m.mode;
        connect(action, &QAction::triggered, m_view, [this, mode] { m_view->setMode(mode); });
    }
    view->addSeparator();
    QAction *showKernel = m_kernelDock->toggleViewAction();
    showKernel->setText(tr("Show &Kernel"));
    showKernel->setObjectName(QStringLiteral("actionShowKernel"));
    showKernel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    view->addAction(showKernel);
    QAction *showStack = m_stackDock->toggleViewAction();
    showStack->setText(tr("Show S&tack"));
    showStack->setObjectName(QStringLiteral("actionShowStack"));
    view->addAction(showStack);
    QAction *showFilter = m_filterDock->toggleViewAction();
    showFilter->setText(tr("Show F&ilter Panel"));
    showFilter->setObjectName(QStringLiteral("actionShowFilter"));
    view->addAction(showFilter);
    QAction *showHistogram = m_histogram->toggleViewAction();
    showHistogram->setText(tr("Show &Histogram"));
    showHistogram->setObjectName(QStringLiteral("actionShowHistogram"));
    showHistogram->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(showHistogram, &QAction::triggered, m_histogram, [this](bool on) {
        if (on)
            m_histogram->raise(); // its tab in front of the kernel's
    });
    view->addAction(showHistogram);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = addAction(help, QStringLiteral("actionShortcuts"), tr("&Keyboard Shortcuts"),
                              {QKeySequence::HelpContents}, tr("List every shortcut"));
    connect(keys, &QAction::triggered, this, &MainWindow::showShortcuts);
    QAction *about = addAction(help, QStringLiteral("actionAbout"), tr("&About Kernel Studio"), {}, tr("About"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    // Icons, text or both as the desktop says (icons only where it says nothing); tooltips name them.
    tools->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    tools->addActions({open, m_exportAction});
    tools->addSeparator();
    tools->addActions(modes->actions());
    tools->addSeparator();
    tools->addActions({zoomOut, zoomIn, fit, actual});
    createViewExtras(view, tools);
    applyToolbarIcons(this);
}

void MainWindow::createViewExtras(QMenu *view, QToolBar *tools)
{
    tools->addWidget(m_zoomPresets->combo());
    view->addSeparator();
    // Preview off shows the original in the result pane; a check box, as in GIMP's filter dialogs.
    QAction *preview = addAction(view, QStringLiteral("actionPreview"), tr("&Preview"), {},
                                 tr("Show the filtered result; off shows the original in its place"));
    preview->setCheckable(true);
    preview->setChecked(m_view->isPreviewOn());
    auto *previewCheck = new QCheckBox(tr("Preview"), tools);
    previewCheck->setObjectName(QStringLiteral("previewCheck"));
    previewCheck->setAccessibleName(tr("Preview"));
    previewCheck->setToolTip(preview->toolTip());
    previewCheck->setChecked(preview->isChecked());
    connect(previewCheck, &QCheckBox::toggled, preview, &QAction::setChecked);
    connect(preview, &QAction::toggled, previewCheck, &QCheckBox::setChecked);
    connect(preview, &QAction::toggled, m_view, &CompareView::setPreviewOn);
    tools->addSeparator();
    tools->addWidget(previewCheck);

    m_fullScreenAction = addAction(view, QStringLiteral("actionFullScreen"), tr("F&ull Screen"),
                                   {QKeySequence(Qt::Key_F11)}, tr("Show the window on the whole screen"));
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });
}

void MainWindow::createStatusBar()
{
    // Stable accessible names; the text is each one's accessible description (StatusLabel).
    m_imageInfo = new StatusLabel(QStringLiteral("imageInfo"), tr("Image size and depth"), this);
    m_zoomInfo = new StatusLabel(QStringLiteral("zoomInfo"), tr("Zoom"), this);
    m_pixelInfo = new StatusLabel(QStringLiteral("pixelInfo"), tr("Pixel under the cursor, before and after"), this);
    m_renderInfo = new StatusLabel(QStringLiteral("renderInfo"), tr("Last render time"), this);
    m_renderState = new RenderState(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("renderProgress"));
    m_progress->setAccessibleName(tr("Render progress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_imageInfo);
    statusBar()->addWidget(m_zoomInfo);
    statusBar()->addWidget(m_pixelInfo, 1);
    m_task = new TaskStatus(this);
    statusBar()->addPermanentWidget(m_task);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_renderInfo);
    statusBar()->addPermanentWidget(m_renderState);
    updateZoomLabel(m_view->zoom());
}

// ---- Showing the stack -------------------------------------------------------------------

void MainWindow::showState(const StackState &state)
{
    m_stack->setStack(state.recipe, state.current);
    const FilterSettings &step = state.step();
    // The grid already shows its own edits; resetting it would close the cell editor that
    // Enter just opened on the next cell.
    if (const Kernel kernel = step.kernel(); !(kernel == m_grid->kernel()))
        m_grid->setKernel(kernel);
    const KernelGridUse use = kernelGridUse(step);
    m_grid->setEditable(use.editable);
    m_grid->setScaleEditable(use.scaleEditable);
    m_grid->setRole(use.role);
    // The view already shows a region being dragged; setting it would end the drag.
    if (m_view->region() != step.region)
        m_view->setRegion(step.region);
    if (!(m_preview->recipe() == state.recipe))
        m_preview->setRecipe(state.recipe);
    else
        settleUnchanged();
}

// ---- Recipes and presets -------------------------------------------------------------

bool MainWindow::openRecipe(const QString &path)
{
    const QString name = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot open recipe"), tr("Cannot read %1: %2").arg(name, file.errorString()));
        return false;
    }
    const Result<Recipe> parsed = recipeFromJson(file.readAll());
    QString error = parsed.error();
    if (parsed && parsed->steps.isEmpty())
        error = tr("the recipe has no steps");
    if (!error.isEmpty()) {
        showError(tr("Cannot open recipe"), tr("Cannot read %1: %2").arg(name, error));
        return false;
    }
    setRecipe(*parsed, tr("Open recipe %1").arg(QFileInfo(path).fileName()));
    rememberDir(RecipeDirKey, QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Opened %1 (%n step(s))", nullptr, int(parsed->steps.size())).arg(name), 5000);
    return true;
}

bool MainWindow::saveRecipe(const QString &path)
{
    const QString name = QDir::toNativeSeparators(path);
    if (const Status saved = saveBytes(path, recipeToJson(m_stackController->committed().recipe)); !saved) {
        showError(tr("Cannot save recipe"), saved.error());
        return false;
    }
    rememberDir(RecipeDirKey, QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Saved %1").arg(name), 5000);
    return true;
}

void MainWindow::chooseAndOpenRecipe()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Recipe"), recipeDir(), RecipeFilter);
    if (!path.isEmpty())
        openRecipe(path);
}

void MainWindow::chooseAndSaveRecipe()
{
    const QString suggested = QDir(recipeDir()).filePath(QStringLiteral("recipe.json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Recipe"), suggested, RecipeFilter);
    if (!path.isEmpty())
        saveRecipe(path);
}

bool MainWindow::applyPreset(const QString &name)
{
    const std::optional<Preset> preset = m_presets->find(name);
    if (!preset)
        return false;
    setRecipe(preset->recipe, tr("Apply preset %1").arg(name));
    return true;
}

bool MainWindow::savePreset(const QString &name, const Recipe &recipe)
{
    return m_presetMenu->savePreset(name, recipe);
}

// ---- Documents ---------------------------------------------------------------------------

bool MainWindow::openFile(const QString &path)
{
    if (!confirmDiscard(tr("opening another file"), [this, path] { m_document->open(path); }))
        return false;
    m_document->open(path);
    return true;
}

void MainWindow::onLoaded(bool sameDocument)
{
    const QImage &image = m_document->image();
    {
        const QSignalBlocker block(m_svgScale);
        m_svgScale->setValue(m_document->svgScale());
    }
    m_svgRow->setVisible(m_document->isSvg());
    clearRenderFailure();
    m_view->setOriginal(image);
    m_histogram->setOriginal(image);
    m_preview->setDisplaySize(m_view->paneSize());
    m_preview->setSource(image);
    m_preview->setView(m_view->visibleImageRect(), m_view->zoom());
    if (!sameDocument)
        undoStack()->clear();
    m_stackController->fitRegionTo(image.rect());
    // The view forgets its region with an image of another size; the stack's stays and is drawn.
    m_view->setRegion(filterSettings().region);
    const QString &path = m_document->path();
    if (!path.isEmpty() && !path.startsWith(QLatin1Char(':'))) { // bundled samples, pasted images: not recent files
        m_recent->add(path);
        rememberDir(OpenDirKey, QFileInfo(path).absolutePath());
    }
    updateTitle();
    updateImageInfo();
}

void MainWindow::onLoadFailed(const QString &path, const QString &reason)
{
    Q_UNUSED(path); // the reason names it
    const QSignalBlocker block(m_svgScale);
    m_svgScale->setValue(m_document->svgScale()); // a refused SVG scale goes back
    showError(tr("Cannot open image"), reason);
}

void MainWindow::offerSvgSize(const QString &path, const QSizeF &own, const QSize &fitting, bool sameDocument)
{
    {
        const QSignalBlocker block(m_svgScale);
        m_svgScale->setValue(m_document->svgScale());
    }
    auto *dialog = new SvgSizeDialog(QFileInfo(path).fileName(), own, fitting, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, m_document,
            [this, dialog, path, sameDocument] { m_document->openSvgAtSize(path, dialog->chosenSize(), sameDocument); });
    dialog->open();
}

bool MainWindow::confirmDiscard(const QString &doing, std::function<void()> afterExport)
{
    if (!m_document->isModified() || m_document->isNull())
        return true;
    QMessageBox question(QMessageBox::Question, tr("Unexported changes"),
                         tr("The filtered result of %1 has not been exported. Export it before %2?")
                             .arg(m_document->displayName(), doing),
                         QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    question.setObjectName(QStringLiteral("unexportedQuestion"));
    question.setDefaultButton(QMessageBox::Save);
    question.button(QMessageBox::Save)->setText(tr("&Export…")); // the question's word, not "Save"
    const int answer = question.exec();
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    if (m_exporter->chooseAndExport())
        m_afterExport = std::move(afterExport);
    return false;
}

void MainWindow::chooseAndOpen()
{
    // The question first: choosing a file only to be asked about the old one is backwards.
    if (!confirmDiscard(tr("opening another file"), [this] { chooseAndOpen(); }))
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), openDir(), OpenFilter);
    if (!path.isEmpty())
        m_document->open(path);
}

void MainWindow::closeImage()
{
    if (confirmDiscard(tr("closing"), [this] { m_document->close(); }))
        m_document->close();
}

void MainWindow::onClosed()
{
    clearRenderFailure();
    m_svgRow->setVisible(false);
    m_view->setOriginal({});
    m_histogram->setOriginal({});
    m_preview->setSource({});
    undoStack()->clear();
    m_pixelInfo->clear();
    m_renderInfo->clear();
    updateTitle();
    updateImageInfo();
}

void MainWindow::pasteImage()
{
    if (!Clipboard::hasImage()) {
        m_clipboard->paste(); // says why nothing happens
        return;
    }
    if (confirmDiscard(tr("pasting an image"), [this] { m_clipboard->paste(); }))
        m_clipboard->paste();
}

void MainWindow::cancelTasks()
{
    if (m_document->isLoading()) {
        m_document->cancel();
        statusBar()->showMessage(tr("Opening cancelled"), 5000);
    }
    m_exporter->cancel();
}

// ---- Export ------------------------------------------------------------------------------

void MainWindow::exportTo(const QString &path, int quality)
{
    m_exporter->exportTo(path, quality);
}

void MainWindow::exportEachTo(const QString &directory)
{
    m_exporter->exportEachTo(directory);
}

void MainWindow::onExported(bool ok, const QString &path)
{
    Q_UNUSED(path);
    // What was exported is clean, not a later edit made while the result rendered.
    if (ok && undoStack()->index() == m_exportUndoIndex)
        undoStack()->setClean();
    std::function<void()> after = std::exchange(m_afterExport, {});
    if (ok && after)
        after();
    emit exported(ok);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    // Window-modal and non-blocking: the editor stays as it was behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, 5000);
}

// ---- Persistent settings -----------------------------------------------------------------

void MainWindow::fitFirstStart()
{
    // 1280 x 820 where there is room; on a smaller (or scaled) screen all of the window, with
    // the frame the window manager adds (not known before it is shown), stays on the screen.
    const QRect available = screen()->availableGeometry();
    const QSize frame(16, 48);
    resize(QSize(1280, 820).boundedTo(available.size() - frame));
    move(available.topLeft() + QPoint(available.width() - width() - frame.width(),
                                      available.height() - height() - frame.height()) / 2);
}

StackState MainWindow::readSettings()
{
    QSettings settings;
    fitFirstStart(); // a saved geometry replaces it
    resizeDocks({m_filterDock}, {380}, Qt::Horizontal);
    resizeDocks({m_stackDock, m_filterDock, m_kernelDock}, {150, 280, 320}, Qt::Vertical);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_view->splitter()->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    StackState stack = m_stackController->committed();
    if (const Result<Recipe> last = recipeFromJson(settings.value(QStringLiteral("stack/last")).toByteArray());
        last && !last->steps.isEmpty()) {
        stack.recipe = *last;
        stack.current = std::clamp<qsizetype>(settings.value(QStringLiteral("stack/current")).toLongLong(), 0,
                                              last->steps.size() - 1);
    } else { // settings of a version without stacks kept one filter
        const QJsonObject filter =
            QJsonDocument::fromJson(settings.value(QStringLiteral("filter/last")).toByteArray()).object();
        if (const Result<FilterSettings> parsed = filterFromJson(filter); parsed)
            stack = {Recipe{{*parsed}}, 0};
    }
    return stack;
}

void MainWindow::writeStack(const StackState &state) const
{
    QSettings settings;
    settings.setValue(QStringLiteral("stack/last"), recipeToJson(state.recipe));
    settings.setValue(QStringLiteral("stack/current"), qlonglong(state.current));
    settings.remove(QStringLiteral("filter/last")); // read once, from a version without stacks
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_view->splitter()->saveState());
    writeStack(m_stackController->committed());
}

void MainWindow::changeEvent(QEvent *event)
{
    // The window manager may end full screen on its own; the action follows.
    if (event->type() == QEvent::WindowStateChange && m_fullScreenAction) {
        const QSignalBlocker block(m_fullScreenAction);
        m_fullScreenAction->setChecked(isFullScreen());
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::childEvent(QChildEvent *event)
{
    // Qt makes a tab bar for docks that share a place (the Histogram beside the Kernel): named,
    // so that automation finds it as it finds everything else.
    if (event->polished())
        if (auto *tabs = qobject_cast<QTabBar *>(event->child()); tabs && tabs->objectName().isEmpty()) {
            tabs->setObjectName(QStringLiteral("dockTabBar"));
            tabs->setAccessibleName(tr("Docked panels"));
        }
    QMainWindow::childEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard(tr("closing"), [this] { close(); })) {
        event->ignore();
        return;
    }
    m_document->cancel();
    m_exporter->cancel();
    writeSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    // Opening may ask a question; not from inside the drop, which holds the drag source.
    const QString path = urls.first().toLocalFile();
    QMetaObject::invokeMethod(this, [this, path] { openFile(path); }, Qt::QueuedConnection);
}

// ---- Status ------------------------------------------------------------------------------

void MainWindow::clearRenderFailure()
{
    if (statusBar()->currentMessage().startsWith(tr("Render failed")))
        statusBar()->clearMessage();
}

void MainWindow::settleUnchanged()
{
    // While a render runs, its result will say when the screen is exact.
    if (m_preview->isBusy())
        return;
    if (m_preview->source().isNull())
        m_renderState->setReady(QStringLiteral("no image"));
    else if (!m_preview->failure().isEmpty())
        m_renderState->setReady(QStringLiteral("render failed: ") + m_preview->failure());
    else if (!m_preview->fullResult().isNull())
        m_renderState->setReady(QStringLiteral("full resolution, unchanged"));
}

void MainWindow::onResult(const QImage &image, bool full, double milliseconds)
{
    m_view->setResult(image, full);
    if (full)
        m_renderState->setReady(QStringLiteral("full resolution"));
    clearRenderFailure();
    m_renderInfo->setText(full ? tr("Full render: %1 ms").arg(milliseconds, 0, 'f', 0)
                               : tr("Preview (reduced): %1 ms").arg(milliseconds, 0, 'f', 0));
}

void MainWindow::onCursorOverPixel(QPoint pixel)
{
    const QImage &original = m_document->image();
    if (!original.rect().contains(pixel)) {
        m_pixelInfo->clear();
        return;
    }
    QImage after = m_preview->fullResult();
    QPoint afterPixel = pixel;
    if (after.isNull() && !m_view->result().isNull()) { // only the reduced preview so far
        after = m_view->result();
        afterPixel = QPoint(pixel.x() * after.width() / original.width(),
                            pixel.y() * after.height() / original.height());
    }
    m_pixelInfo->setText(tr("%1, %2   before %3   after %4")
                             .arg(pixel.x())
                             .arg(pixel.y())
                             .arg(pixelText(original, pixel), pixelText(after, afterPixel)));
}

void MainWindow::updateTitle()
{
    const QString name = m_document->isNull() ? tr("No image") : m_document->displayName();
    setWindowTitle(QStringLiteral("%1[*] — Kernel Studio").arg(name));
    setWindowModified(m_document->isModified());
    const bool hasImage = !m_document->isNull();
    m_reloadAction->setEnabled(hasImage && !m_document->path().isEmpty());
    m_closeAction->setEnabled(hasImage);
    m_copyAction->setEnabled(hasImage);
    m_exportAction->setEnabled(hasImage);
    m_exportEachAction->setEnabled(hasImage);
}

void MainWindow::updateImageInfo()
{
    const QImage &original = m_document->image();
    m_imageInfo->setText(original.isNull() ? QString()
                                           : tr("%1 × %2 px, %3, %4")
                                                 .arg(original.width())
                                                 .arg(original.height())
                                                 .arg(describeFormat(original), colorProfileName(original)));
}

void MainWindow::updateZoomLabel(double zoom)
{
    m_zoomInfo->setText(zoomText(zoom));
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("shortcutsDialog"));
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(&dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const auto addRow = [table](const QString &action, const QString &keys) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(action));
        table->setItem(row, 1, new QTableWidgetItem(keys));
    };
    for (QAction *action : findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        addRow(action->text().remove(QLatin1Char('&')), keys.join(QStringLiteral(", ")));
    }
    addRow(tr("Show the original in the result pane (hold)"), QStringLiteral("\\"));
    addRow(tr("Zoom around the cursor"), tr("Mouse wheel"));
    addRow(tr("Pan"), tr("Drag, arrow keys"));
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(520, 480);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Kernel Studio"),
                       tr("<h3>Kernel Studio %1</h3><p>Kernel filters with a live preview: Gaussian, box and "
                          "motion blur, sharpen, emboss, edge detection and custom kernels.</p>"
                          "<p>Licensed under the GNU GPL, version 3 or later.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace ks

