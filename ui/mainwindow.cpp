#include "mainwindow.h"

#include "compareview.h"
#include "engine.h"
#include "filtercatalog.h"
#include "filterpanel.h"
#include "imageio.h"
#include "kernelgrideditor.h"
#include "presetstore.h"
#include "previewcontroller.h"
#include "recipe.h"
#include "settingscommand.h"
#include "stackpanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ks {

namespace {

constexpr int MaxRecentFiles = 10;

const QString OpenFilter = QStringLiteral(
    "Images (*.png *.svg *.svgz *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif);;All files (*)");
const QString RecipeFilter = QStringLiteral("Kernel Studio recipes (*.json);;All files (*)");
const QString PresetsFilter = QStringLiteral("Kernel Studio presets (*.json);;All files (*)");
const QString ExportFilter =
    QStringLiteral("PNG (*.png);;JPEG (*.jpg *.jpeg);;WebP (*.webp);;TIFF (*.tif *.tiff);;BMP (*.bmp)");

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

QString kernelRole(FilterMethod method)
{
    switch (method) {
    case FilterMethod::Convolution:
        return {};
    case FilterMethod::Median:
        return MainWindow::tr("The median's window: each pixel becomes the median of the pixels under it, "
                              "channel by channel; the weights are not used.");
    case FilterMethod::Bilateral:
        return MainWindow::tr("The spatial weights; each is also weighed by how close a pixel's colour is to "
                              "the centre's.");
    case FilterMethod::Deconvolution:
        return MainWindow::tr("The blur this filter undoes (Wiener deconvolution), normalised to sum 1.");
    }
    return {};
}

// The stack with every step limited to `region` (or to none): the editor's region is the stack's.
Recipe withRegion(Recipe recipe, std::optional<QRect> region)
{
    for (FilterSettings &step : recipe.steps)
        step.region = region;
    return recipe;
}

QString stepName(const FilterSettings &step)
{
    return MainWindow::tr(filterInfo(step.kind).displayName);
}

QString undoText(const FilterSettings &before, const FilterSettings &after)
{
    if (before.enabled != after.enabled)
        return (after.enabled ? MainWindow::tr("Switch on %1") : MainWindow::tr("Switch off %1")).arg(stepName(after));
    if (before.kind != after.kind)
        return MainWindow::tr("Choose %1").arg(MainWindow::tr(filterInfo(after.kind).displayName));
    if (!(before.customKernel == after.customKernel))
        return MainWindow::tr("Edit kernel");
    return MainWindow::tr("Change %1").arg(MainWindow::tr(filterInfo(after.kind).displayName));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_engine(std::make_shared<Engine>()), m_presets(new PresetStore({}, this)),
      m_undo(new QUndoStack(this))
{
    m_state.recipe.steps = {FilterSettings()};
    m_committed = m_state;
    setObjectName(QStringLiteral("mainWindow"));
    setAccessibleName(tr("Kernel Studio"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);

    m_preview = new PreviewController(m_engine, this);
    m_view = new CompareView(this);
    setCentralWidget(m_view);
    createDocks();
    createActions();
    createStatusBar();

    connect(m_preview, &PreviewController::resultReady, this, &MainWindow::onResult);
    connect(m_preview, &PreviewController::renderFailed, this,
            [this](const QString &reason) {
                m_renderError = reason;
                statusBar()->showMessage(tr("Render failed: %1").arg(reason));
            });
    connect(m_preview, &PreviewController::busyChanged, m_view, &CompareView::setBusy);
    connect(m_preview, &PreviewController::busyChanged, m_progress, &QWidget::setVisible);
    connect(m_preview, &PreviewController::progressChanged, this,
            [this](double fraction) { m_progress->setValue(int(fraction * 100)); });
    connect(m_view, &CompareView::paneSizeChanged, m_preview, &PreviewController::setDisplaySize);
    connect(m_view, &CompareView::zoomChanged, this, &MainWindow::updateZoomLabel);
    connect(m_view, &CompareView::cursorOverPixel, this, &MainWindow::onCursorOverPixel);
    connect(m_view, &CompareView::regionChanged, this, &MainWindow::onRegionChanged);
    connect(m_panel, &FilterPanel::settingsChanged, this, &MainWindow::onPanelChanged);
    connect(m_grid, &KernelGridEditor::kernelEdited, this, &MainWindow::onKernelEdited);
    connect(m_grid, &KernelGridEditor::editAsCustomRequested, this, &MainWindow::editAsCustom);
    connect(m_stack, &StackPanel::currentStepChanged, this, &MainWindow::selectStep);
    connect(m_stack, &StackPanel::enabledChanged, this, &MainWindow::setStepEnabled);
    connect(m_stack, &StackPanel::addRequested, this, &MainWindow::addStep);
    connect(m_stack, &StackPanel::removeRequested, this, &MainWindow::removeStep);
    connect(m_stack, &StackPanel::moveRequested, this, &MainWindow::moveStep);
    connect(m_presets, &PresetStore::changed, this, &MainWindow::rebuildPresetMenu);
    connect(m_undo, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);

    readSettings();
    m_panel->setSettings(m_committed.step());
    showState(m_committed);
    updateTitle();
    updateImageInfo();
    if (!m_presets->loadError().isEmpty()) // after the window is up, so the dialog has a parent to sit on
        QMetaObject::invokeMethod(
            this, [this] { showError(tr("Cannot read your presets"), m_presets->loadError()); }, Qt::QueuedConnection);
}

MainWindow::~MainWindow() = default;

// ---- Building the window --------------------------------------------------------------

void MainWindow::createDocks()
{
    m_stack = new StackPanel(this);
    m_stackDock = new QDockWidget(tr("Stack"), this);
    m_stackDock->setObjectName(QStringLiteral("stackDock"));
    m_stackDock->setWidget(m_stack);
    m_stackDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_stackDock);

    m_panel = new FilterPanel(this);
    m_svgScale = new QDoubleSpinBox(this);
    m_svgScale->setObjectName(QStringLiteral("svgScale"));
    m_svgScale->setAccessibleName(tr("SVG scale"));
    m_svgScale->setAccessibleDescription(tr("Rasterisation scale of the SVG; 1 is its own size"));
    m_svgScale->setRange(0.05, 16.0);
    m_svgScale->setDecimals(2);
    m_svgScale->setSingleStep(0.25);
    m_svgScale->setSuffix(QStringLiteral(" ×"));
    m_svgScale->setValue(1.0);
    m_svgScale->setKeyboardTracking(false);
    connect(m_svgScale, &QDoubleSpinBox::valueChanged, this, &MainWindow::onSvgScaleChanged);

    m_svgRow = new QWidget(this);
    auto *svgForm = new QFormLayout(m_svgRow);
    svgForm->setContentsMargins(9, 9, 9, 0);
    auto *svgLabel = new QLabel(tr("S&VG scale:"), m_svgRow);
    svgLabel->setBuddy(m_svgScale);
    svgForm->addRow(svgLabel, m_svgScale);
    m_svgRow->setVisible(false);

    auto *filterArea = new QWidget(this);
    auto *filterLayout = new QVBoxLayout(filterArea);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->addWidget(m_svgRow);
    filterLayout->addWidget(m_panel, 1);
    m_filterDock = new QDockWidget(tr("Filter"), this);
    m_filterDock->setObjectName(QStringLiteral("filterDock"));
    m_filterDock->setWidget(filterArea);
    m_filterDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_filterDock);

    m_grid = new KernelGridEditor(this);
    m_kernelDock = new QDockWidget(tr("Kernel"), this);
    m_kernelDock->setObjectName(QStringLiteral("kernelDock"));
    m_kernelDock->setWidget(m_grid);
    addDockWidget(Qt::RightDockWidgetArea, m_kernelDock);
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
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
    m_reloadAction = addAction(file, QStringLiteral("actionReload"), tr("Re&load"), {QKeySequence(Qt::Key_F5)},
                               tr("Read the open file again from disk"));
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reload);
    file->addSeparator();
    m_exportAction = addAction(file, QStringLiteral("actionExport"), tr("&Export…"),
                               {QKeySequence(Qt::CTRL | Qt::Key_E), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)},
                               tr("Write the filtered image at full resolution"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::chooseAndExport);
    m_exportEachAction =
        addAction(file, QStringLiteral("actionExportEach"), tr("Export Each &Filter…"),
                  {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E)},
                  tr("Apply each filter of the reference example to the image and write one file per filter"));
    connect(m_exportEachAction, &QAction::triggered, this, &MainWindow::chooseAndExportEach);
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

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcuts(QKeySequence::Undo);
    edit->addAction(undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *reset = addAction(edit, QStringLiteral("actionResetFilter"), tr("Re&set Filter"),
                               {QKeySequence(Qt::CTRL | Qt::Key_R)}, tr("Set the filter's parameters to their defaults"));
    connect(reset, &QAction::triggered, this, &MainWindow::resetFilter);
    QAction *asCustom = addAction(edit, QStringLiteral("actionEditAsCustom"), tr("Edit as &Custom Kernel"),
                                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)},
                                  tr("Copy the kernel being applied into the custom kernel grid"));
    connect(asCustom, &QAction::triggered, this, &MainWindow::editAsCustom);
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
    connect(clearRegion, &QAction::triggered, this, [this] { setRegion(std::nullopt); });

    QMenu *stack = menuBar()->addMenu(tr("&Stack"));
    stack->setObjectName(QStringLiteral("menuStack"));
    stack->addActions(
        {m_stack->addStepAction(), m_stack->removeStepAction(), m_stack->moveUpAction(), m_stack->moveDownAction()});
    createPresetMenu();

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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = addAction(help, QStringLiteral("actionShortcuts"), tr("&Keyboard Shortcuts"),
                              {QKeySequence::HelpContents}, tr("List every shortcut"));
    connect(keys, &QAction::triggered, this, &MainWindow::showShortcuts);
    QAction *about = addAction(help, QStringLiteral("actionAbout"), tr("&About Kernel Studio"), {}, tr("About"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addActions({open, m_exportAction});
    tools->addSeparator();
    tools->addActions(modes->actions());
    tools->addSeparator();
    tools->addActions({zoomOut, zoomIn, fit, actual});
}

void MainWindow::createStatusBar()
{
    const auto label = [this](const char *name, const QString &accessible) {
        auto *l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        l->setAccessibleName(accessible);
        return l;
    };
    m_imageInfo = label("imageInfo", tr("Image size and depth"));
    m_zoomInfo = label("zoomInfo", tr("Zoom"));
    m_pixelInfo = label("pixelInfo", tr("Pixel under the cursor, before and after"));
    m_renderInfo = label("renderInfo", tr("Last render time"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("renderProgress"));
    m_progress->setAccessibleName(tr("Render progress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_imageInfo);
    statusBar()->addWidget(m_zoomInfo);
    statusBar()->addWidget(m_pixelInfo, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_renderInfo);
    updateZoomLabel(m_view->zoom());
}

// ---- Stack, settings and undo ---------------------------------------------------------

void MainWindow::onPanelChanged(const FilterSettings &settings, bool interim)
{
    StackState next = m_state;
    next.recipe.steps[next.current] = settings;
    showState(next);
    if (!interim)
        commit(next, undoText(m_committed.recipe.steps.value(next.current), settings));
}

void MainWindow::onRegionChanged(std::optional<QRect> region, bool interim)
{
    const StackState next{withRegion(m_state.recipe, region), m_state.current};
    showState(next);
    if (!interim)
        commit(next, region ? tr("Set region") : tr("Clear region"));
}

void MainWindow::setRegion(std::optional<QRect> region)
{
    onRegionChanged(region, false); // committing an unchanged stack adds no undo step
}

void MainWindow::onKernelEdited(const Kernel &kernel)
{
    FilterSettings next = filterSettings();
    if (next.kind != FilterKind::Deconvolution) // the kernel a deconvolution undoes stays its own
        next.kind = FilterKind::Custom;
    next.customKernel = kernel;
    setFilterSettings(next);
}

void MainWindow::editAsCustom()
{
    StackState next = m_state;
    FilterSettings &step = next.recipe.steps[next.current];
    step.customKernel = step.kernel();
    step.kind = FilterKind::Custom;
    change(next, tr("Edit as custom kernel"));
}

void MainWindow::resetFilter()
{
    FilterSettings next = defaultSettings(filterSettings().kind);
    if (next.kind == FilterKind::Custom)
        next.customKernel = Kernel(3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0});
    next.enabled = filterSettings().enabled;
    setFilterSettings(next);
}

void MainWindow::setFilterSettings(const FilterSettings &settings)
{
    StackState next = m_state;
    next.recipe.steps[next.current] = settings;
    change(next, undoText(m_committed.recipe.steps.value(next.current), settings));
}

void MainWindow::selectStep(qsizetype index)
{
    if (index < 0 || index >= m_state.recipe.steps.size() || index == m_state.current)
        return;
    StackState next = m_state;
    next.current = index;
    // Choosing which step to edit is no edit; undo of the next change comes back to it.
    m_committed.current = index;
    m_panel->setSettings(next.step());
    showState(next);
}

void MainWindow::setRecipe(const Recipe &recipe, const QString &what)
{
    if (recipe.steps.isEmpty())
        return;
    change({recipe, 0}, what);
}

void MainWindow::addStep()
{
    StackState next = m_state;
    FilterSettings step = defaultSettings(filterSettings().kind);
    if (step.kind == FilterKind::Custom || step.kind == FilterKind::Deconvolution)
        step.customKernel = filterSettings().customKernel; // a default custom kernel is empty
    next.current = m_state.current + 1;
    next.recipe.steps.insert(next.current, step);
    change(next, tr("Add %1").arg(stepName(step)));
}

void MainWindow::removeStep()
{
    if (m_state.recipe.steps.size() <= 1)
        return;
    StackState next = m_state;
    next.recipe.steps.removeAt(next.current);
    next.current = std::min(next.current, next.recipe.steps.size() - 1);
    change(next, tr("Remove %1").arg(stepName(filterSettings())));
}

void MainWindow::moveStep(int delta)
{
    const qsizetype target = m_state.current + delta;
    if (delta == 0 || target < 0 || target >= m_state.recipe.steps.size())
        return;
    StackState next = m_state;
    next.recipe.steps.move(next.current, target);
    next.current = target;
    change(next, (delta < 0 ? tr("Move %1 up") : tr("Move %1 down")).arg(stepName(filterSettings())));
}

void MainWindow::setStepEnabled(qsizetype index, bool enabled)
{
    if (index < 0 || index >= m_state.recipe.steps.size() || m_state.recipe.steps[index].enabled == enabled)
        return;
    StackState next = m_state;
    next.recipe.steps[index].enabled = enabled;
    change(next, undoText(m_state.recipe.steps[index], next.recipe.steps[index]));
}

void MainWindow::change(const StackState &state, const QString &what)
{
    m_panel->setSettings(state.step());
    showState(state);
    commit(state, what);
}

void MainWindow::showState(const StackState &state)
{
    m_state = state;
    m_stack->setStack(state.recipe, state.current);
    const FilterSettings &step = state.step();
    // The grid already shows its own edits; resetting it would close the cell editor that
    // Enter just opened on the next cell.
    if (const Kernel kernel = step.kernel(); !(kernel == m_grid->kernel()))
        m_grid->setKernel(kernel);
    m_grid->setEditable(step.kind == FilterKind::Custom || step.kind == FilterKind::Deconvolution);
    m_grid->setScaleEditable(step.kind != FilterKind::Deconvolution);
    m_grid->setRole(kernelRole(filterMethod(step.kind)));
    // The view already shows a region being dragged; setting it would end the drag.
    if (m_view->region() != step.region)
        m_view->setRegion(step.region);
    if (!(m_preview->recipe() == state.recipe))
        m_preview->setRecipe(state.recipe);
}

void MainWindow::commit(const StackState &state, const QString &what)
{
    if (state.recipe == m_committed.recipe) {
        m_committed.current = state.current;
        return;
    }
    // Pushing runs redo(), which shows `state` again (a no-op) and records it as committed.
    m_undo->push(new SettingsCommand(m_committed, state, what, [this](const StackState &s) { showCommitted(s); }));
}

void MainWindow::showCommitted(const StackState &state)
{
    m_committed = state;
    m_panel->setSettings(state.step());
    showState(state);
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
    const Parsed<Recipe> parsed = recipeFromJson(file.readAll());
    QString error = parsed.error;
    if (parsed.ok() && parsed.value->steps.isEmpty())
        error = tr("the recipe has no steps");
    if (!error.isEmpty()) {
        showError(tr("Cannot open recipe"), tr("Cannot read %1: %2").arg(name, error));
        return false;
    }
    setRecipe(*parsed.value, tr("Open recipe %1").arg(QFileInfo(path).fileName()));
    m_recipeDir = QFileInfo(path).absolutePath();
    statusBar()->showMessage(tr("Opened %1 (%n step(s))", nullptr, int(parsed.value->steps.size())).arg(name), 5000);
    return true;
}

bool MainWindow::saveRecipe(const QString &path)
{
    const QString name = QDir::toNativeSeparators(path);
    if (const QString error = saveBytes(path, recipeToJson(m_committed.recipe)); !error.isEmpty()) {
        showError(tr("Cannot save recipe"), error);
        return false;
    }
    m_recipeDir = QFileInfo(path).absolutePath();
    statusBar()->showMessage(tr("Saved %1").arg(name), 5000);
    return true;
}

void MainWindow::chooseAndOpenRecipe()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Recipe"), m_recipeDir, RecipeFilter);
    if (!path.isEmpty())
        openRecipe(path);
}

void MainWindow::chooseAndSaveRecipe()
{
    const QString suggested = QDir(m_recipeDir).filePath(QStringLiteral("recipe.json"));
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
    if (const QString error = m_presets->save({name, recipe}); !error.isEmpty()) {
        showError(tr("Cannot save preset"), error);
        return false;
    }
    statusBar()->showMessage(tr("Saved preset %1").arg(name.trimmed()), 5000);
    return true;
}

void MainWindow::askAndSavePreset(const Recipe &recipe, const QString &suggestedName)
{
    QString name = suggestedName;
    for (;;) {
        bool ok = false;
        name = QInputDialog::getText(this, tr("Save as Preset"), tr("Preset name:"), QLineEdit::Normal, name, &ok)
                   .trimmed();
        if (!ok || name.isEmpty())
            return;
        if (m_presets->isBuiltIn(name)) {
            QMessageBox::information(this, tr("Name taken"),
                                     tr("\"%1\" is a built-in preset. Choose another name.").arg(name));
            continue;
        }
        if (m_presets->isUser(name)) {
            const auto answer = QMessageBox::question(
                this, tr("Replace preset?"), tr("A preset called \"%1\" exists. Replace it?").arg(name),
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

void MainWindow::chooseAndDeletePreset()
{
    QStringList names;
    for (const Preset &preset : m_presets->user())
        names << preset.name;
    if (names.isEmpty())
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getItem(this, tr("Delete Preset"), tr("Preset to delete:"), names, 0, false, &ok);
    if (!ok)
        return;
    if (const QString error = m_presets->remove(name); !error.isEmpty())
        showError(tr("Cannot delete preset"), error);
}

void MainWindow::chooseAndImportPresets()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Presets"), m_recipeDir, PresetsFilter);
    if (path.isEmpty())
        return;
    int count = 0;
    if (const QString error = m_presets->importFrom(path, &count); !error.isEmpty()) {
        showError(tr("Cannot import presets"), error);
        return;
    }
    m_recipeDir = QFileInfo(path).absolutePath();
    statusBar()->showMessage(tr("Imported %n preset(s)", nullptr, count), 5000);
}

void MainWindow::chooseAndExportPresets()
{
    const QString suggested = QDir(m_recipeDir).filePath(QStringLiteral("presets.json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Presets"), suggested, PresetsFilter);
    if (path.isEmpty())
        return;
    if (const QString error = m_presets->exportTo(path); !error.isEmpty()) {
        showError(tr("Cannot export presets"), error);
        return;
    }
    m_recipeDir = QFileInfo(path).absolutePath();
    statusBar()->showMessage(tr("Exported %n preset(s)", nullptr, int(m_presets->user().size())), 5000);
}

void MainWindow::createPresetMenu()
{
    m_presetMenu = menuBar()->addMenu(tr("&Presets"));
    m_presetMenu->setObjectName(QStringLiteral("menuPresets"));
    auto *saveStep = new QAction(tr("Save &Step as Preset…"), this);
    saveStep->setObjectName(QStringLiteral("actionSaveStepPreset"));
    saveStep->setStatusTip(tr("Keep the selected step as a preset of your own"));
    connect(saveStep, &QAction::triggered, this,
            [this] { askAndSavePreset(Recipe{{filterSettings()}}, stepName(filterSettings())); });
    auto *saveStack = new QAction(tr("Save Stac&k as Preset…"), this);
    saveStack->setObjectName(QStringLiteral("actionSaveStackPreset"));
    saveStack->setStatusTip(tr("Keep every step of the stack as one preset of your own"));
    connect(saveStack, &QAction::triggered, this, [this] { askAndSavePreset(m_committed.recipe, {}); });
    m_deletePresetAction = new QAction(tr("&Delete Preset…"), this);
    m_deletePresetAction->setObjectName(QStringLiteral("actionDeletePreset"));
    m_deletePresetAction->setStatusTip(tr("Delete one of your own presets (built-in ones stay)"));
    connect(m_deletePresetAction, &QAction::triggered, this, &MainWindow::chooseAndDeletePreset);
    auto *import = new QAction(tr("&Import Presets…"), this);
    import->setObjectName(QStringLiteral("actionImportPresets"));
    import->setStatusTip(tr("Add the presets of a presets file to your own"));
    connect(import, &QAction::triggered, this, &MainWindow::chooseAndImportPresets);
    m_exportPresetsAction = new QAction(tr("E&xport Presets…"), this);
    m_exportPresetsAction->setObjectName(QStringLiteral("actionExportPresets"));
    m_exportPresetsAction->setStatusTip(tr("Write your own presets to a file"));
    connect(m_exportPresetsAction, &QAction::triggered, this, &MainWindow::chooseAndExportPresets);
    m_presetActions = {saveStep, saveStack, m_deletePresetAction, import, m_exportPresetsAction};
    rebuildPresetMenu();
}

void MainWindow::rebuildPresetMenu()
{
    m_presetMenu->clear(); // deletes the preset entries it owns; the fixed actions are the window's
    qDeleteAll(m_presetMenu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));

    const auto addPreset = [this](QMenu *menu, const Preset &preset) {
        QAction *action = menu->addAction(preset.name);
        action->setObjectName(QStringLiteral("preset:") + preset.name);
        QStringList specs;
        for (const FilterSettings &step : preset.recipe.steps)
            specs << filterSpec(step);
        action->setToolTip(specs.join(QStringLiteral(" → ")));
        action->setStatusTip(tr("Replace the stack with %1").arg(specs.join(QStringLiteral(" → "))));
        const QString name = preset.name;
        connect(action, &QAction::triggered, this, [this, name] { applyPreset(name); });
    };
    for (const Preset &preset : m_presets->user())
        addPreset(m_presetMenu, preset);
    if (m_presets->user().isEmpty())
        m_presetMenu->addAction(tr("(no presets of your own yet)"))->setEnabled(false);
    m_presetMenu->addSeparator();
    QMenu *builtIn = m_presetMenu->addMenu(tr("&Built-in"));
    builtIn->setObjectName(QStringLiteral("menuBuiltInPresets"));
    QMenu *reference = m_presetMenu->addMenu(tr("&Reference Example"));
    reference->setObjectName(QStringLiteral("menuReferencePresets"));
    for (const Preset &preset : m_presets->builtIn())
        addPreset(preset.name.startsWith(QLatin1String("Reference ")) ? reference : builtIn, preset);
    m_presetMenu->addSeparator();
    m_presetMenu->addActions(m_presetActions);
    m_deletePresetAction->setEnabled(!m_presets->user().isEmpty());
    m_exportPresetsAction->setEnabled(!m_presets->user().isEmpty());
}

// ---- Documents ---------------------------------------------------------------------------

bool MainWindow::openFile(const QString &path)
{
    if (!confirmDiscard(tr("opening another file")))
        return false;
    return load(path, 1.0, false);
}

void MainWindow::fitRegionToImage()
{
    // A region drawn on another image (or another SVG scale) is clipped to this one; one that
    // misses it entirely would make every render fail, so it goes.
    const std::optional<QRect> region = filterSettings().region;
    if (!region)
        return;
    const QRect fitted = *region & m_original.rect();
    if (fitted == *region)
        return;
    const StackState next{withRegion(m_state.recipe, fitted.isEmpty() ? std::nullopt : std::optional(fitted)),
                          m_state.current};
    if (m_undo->count() == 0) // nothing to undo into: the fitted stack simply is the document
        showCommitted(next);
    else
        change(next, tr("Fit region to the image"));
}

bool MainWindow::load(const QString &path, double svgScale, bool keepHistory)
{
    LoadOptions options;
    options.svgScale = svgScale;
    const LoadResult loaded = loadImage(path, options);
    if (!loaded.ok()) {
        showError(tr("Cannot open image"), loaded.error);
        return false;
    }
    m_path = path;
    m_original = loaded.image;
    m_isSvg = loaded.isSvg;
    m_loadedSvgScale = svgScale;
    {
        const QSignalBlocker block(m_svgScale);
        m_svgScale->setValue(svgScale);
    }
    m_svgRow->setVisible(m_isSvg);
    m_view->setOriginal(m_original);
    m_preview->setDisplaySize(m_view->paneSize());
    m_preview->setSource(m_original);
    if (!keepHistory)
        m_undo->clear();
    fitRegionToImage();
    if (!path.startsWith(QLatin1Char(':'))) { // bundled samples are not recent files
        addRecent(path);
        m_openDir = QFileInfo(path).absolutePath();
    }
    updateTitle();
    updateImageInfo();
    return true;
}

void MainWindow::reload()
{
    if (!m_path.isEmpty())
        load(m_path, m_isSvg ? m_svgScale->value() : 1.0, true);
}

void MainWindow::onSvgScaleChanged(double scale)
{
    if (!m_isSvg)
        return;
    if (!load(m_path, scale, true)) {
        const QSignalBlocker block(m_svgScale);
        m_svgScale->setValue(m_loadedSvgScale);
    }
}

bool MainWindow::confirmDiscard(const QString &doing)
{
    if (m_undo->isClean() || m_original.isNull())
        return true;
    const auto answer =
        QMessageBox::question(this, tr("Unexported changes"),
                              tr("The filtered result of %1 has not been exported. Export it before %2?")
                                  .arg(QFileInfo(m_path).fileName(), doing),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    chooseAndExport();
    return m_undo->isClean();
}

void MainWindow::chooseAndOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), m_openDir, OpenFilter);
    if (!path.isEmpty())
        openFile(path);
}

// ---- Export ------------------------------------------------------------------------------

QImage MainWindow::waitForFullResult()
{
    if (!m_preview->fullResult().isNull() || m_original.isNull())
        return m_preview->fullResult();
    if (!m_preview->isBusy()) { // the last render failed and said why in the status bar
        showError(tr("Cannot render the result"), m_renderError);
        return {};
    }
    QProgressDialog dialog(tr("Rendering the full-resolution result…"), tr("Cancel"), 0, 100, this);
    dialog.setObjectName(QStringLiteral("renderDialog"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    QEventLoop loop;
    connect(m_preview, &PreviewController::progressChanged, &dialog,
            [&dialog](double fraction) { dialog.setValue(int(fraction * 100)); });
    connect(m_preview, &PreviewController::resultReady, &loop, [&loop](const QImage &, bool full) {
        if (full)
            loop.quit();
    });
    connect(m_preview, &PreviewController::renderFailed, &loop, [this, &loop](const QString &reason) {
        showError(tr("Cannot render the result"), reason);
        loop.quit();
    });
    connect(&dialog, &QProgressDialog::canceled, &loop, &QEventLoop::quit);
    loop.exec();
    return m_preview->fullResult();
}

bool MainWindow::exportTo(const QString &path, int quality)
{
    if (m_original.isNull())
        return false;
    const QFileInfo target(path);
    if (target.exists() && target.canonicalFilePath() == QFileInfo(m_path).canonicalFilePath()) {
        const auto answer = QMessageBox::warning(
            this, tr("Overwrite the original?"),
            tr("%1 is the file you opened. Replace the original with the filtered result?").arg(path),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return false;
    }
    const QImage result = waitForFullResult();
    if (result.isNull())
        return false;
    SaveOptions options;
    options.quality = quality;
    if (const QString error = saveImage(result, path, options); !error.isEmpty()) {
        showError(tr("Export failed"), error);
        return false;
    }
    m_undo->setClean();
    m_exportDir = target.absolutePath();
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::chooseAndExport()
{
    if (m_original.isNull())
        return;
    const QString suggested =
        QDir(m_exportDir.isEmpty() ? m_openDir : m_exportDir)
            .filePath(QFileInfo(m_path).completeBaseName() + QStringLiteral("-filtered.png"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Result"), suggested, ExportFilter);
    if (path.isEmpty())
        return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"jpg" || suffix == u"jpeg" || suffix == u"webp") {
        bool ok = false;
        const int quality = QInputDialog::getInt(this, tr("Export Quality"), tr("Quality (0–100):"), m_quality, 0,
                                                 100, 1, &ok);
        if (!ok)
            return;
        m_quality = quality;
    }
    exportTo(path, m_quality);
}

QStringList MainWindow::exportEachTo(const QString &directory)
{
    const Recipe example = referenceExample();
    const QString stem = QFileInfo(m_path).completeBaseName();
    QProgressDialog dialog(tr("Applying %1 filters…").arg(example.steps.size()), tr("Cancel"), 0,
                           int(example.steps.size()), this);
    dialog.setObjectName(QStringLiteral("exportEachDialog"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    const CancelToken cancel;
    connect(&dialog, &QProgressDialog::canceled, &dialog, [cancel] { cancel.cancel(); });
    QStringList written;
    for (qsizetype i = 0; i < example.steps.size() && !cancel.isCancelled(); ++i) {
        dialog.setValue(int(i));
        // The filter runs on a worker; this loop keeps the window responding meanwhile.
        QFuture<EngineResult> future =
            QtConcurrent::run([engine = m_engine, image = m_original, step = example.steps[i], cancel] {
                return engine->apply(image, step, cancel);
            });
        while (!future.isFinished())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        const EngineResult result = future.result();
        if (result.status == EngineResult::Status::Cancelled)
            break;
        const QString path = QDir(directory).filePath(eachFileName(stem, i + 1, example.steps.size()));
        const QString error = result.ok() ? saveImage(result.image, path) : result.error;
        if (!error.isEmpty()) {
            showError(tr("Export Each Filter failed"), error);
            break;
        }
        written << path;
    }
    dialog.setValue(dialog.maximum());
    statusBar()->showMessage(tr("Wrote %1 files to %2").arg(written.size()).arg(QDir::toNativeSeparators(directory)),
                             5000);
    return written;
}

void MainWindow::chooseAndExportEach()
{
    if (m_original.isNull())
        return;
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("Export Each Filter Into"), m_exportDir.isEmpty() ? m_openDir : m_exportDir);
    if (directory.isEmpty())
        return;
    m_exportDir = directory;
    exportEachTo(directory);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    // Window-modal and non-blocking: the editor stays as it was behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

// ---- Recent files and persistent settings ---------------------------------------------

void MainWindow::addRecent(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_recent.removeAll(absolute);
    m_recent.prepend(absolute);
    while (m_recent.size() > MaxRecentFiles)
        m_recent.removeLast();
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : std::as_const(m_recent)) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
    if (m_recent.isEmpty())
        return;
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear Recent Files"));
    connect(clear, &QAction::triggered, this, [this] {
        m_recent.clear();
        rebuildRecentMenu();
    });
}

void MainWindow::readSettings()
{
    QSettings settings;
    resize(1280, 820); // the first start; a saved geometry replaces it
    resizeDocks({m_filterDock}, {380}, Qt::Horizontal);
    resizeDocks({m_stackDock, m_filterDock, m_kernelDock}, {150, 280, 320}, Qt::Vertical);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_view->splitter()->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    m_openDir = settings.value(QStringLiteral("dirs/open"),
                               QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                    .toString();
    m_exportDir = settings.value(QStringLiteral("dirs/export")).toString();
    m_quality = settings.value(QStringLiteral("export/quality"), 90).toInt();
    m_recipeDir = settings.value(QStringLiteral("dirs/recipe"), m_openDir).toString();
    if (const Parsed<Recipe> stack = recipeFromJson(settings.value(QStringLiteral("stack/last")).toByteArray());
        stack.ok() && !stack.value->steps.isEmpty()) {
        m_committed.recipe = *stack.value;
        m_committed.current = std::clamp<qsizetype>(settings.value(QStringLiteral("stack/current")).toLongLong(), 0,
                                                    stack.value->steps.size() - 1);
    } else { // settings of a version without stacks kept one filter
        const QJsonObject filter =
            QJsonDocument::fromJson(settings.value(QStringLiteral("filter/last")).toByteArray()).object();
        if (const Parsed<FilterSettings> parsed = filterFromJson(filter); parsed.ok())
            m_committed = {Recipe{{*parsed.value}}, 0};
    }
    m_state = m_committed;
    rebuildRecentMenu();
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_view->splitter()->saveState());
    settings.setValue(QStringLiteral("recentFiles"), m_recent);
    settings.setValue(QStringLiteral("dirs/open"), m_openDir);
    settings.setValue(QStringLiteral("dirs/export"), m_exportDir);
    settings.setValue(QStringLiteral("export/quality"), m_quality);
    settings.setValue(QStringLiteral("dirs/recipe"), m_recipeDir);
    settings.setValue(QStringLiteral("stack/last"), recipeToJson(m_committed.recipe));
    settings.setValue(QStringLiteral("stack/current"), qlonglong(m_committed.current));
    settings.remove(QStringLiteral("filter/last")); // read once, from a version without stacks
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard(tr("closing"))) {
        event->ignore();
        return;
    }
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

void MainWindow::onResult(const QImage &image, bool full, double milliseconds)
{
    m_renderError.clear();
    m_view->setResult(image, full);
    m_renderInfo->setText(full ? tr("Full render: %1 ms").arg(milliseconds, 0, 'f', 0)
                               : tr("Preview (reduced): %1 ms").arg(milliseconds, 0, 'f', 0));
}

void MainWindow::onCursorOverPixel(QPoint pixel)
{
    if (!m_original.rect().contains(pixel)) {
        m_pixelInfo->clear();
        return;
    }
    QImage after = m_preview->fullResult();
    QPoint afterPixel = pixel;
    if (after.isNull() && !m_view->result().isNull()) { // only the reduced preview so far
        after = m_view->result();
        afterPixel = QPoint(pixel.x() * after.width() / m_original.width(),
                            pixel.y() * after.height() / m_original.height());
    }
    m_pixelInfo->setText(tr("%1, %2   before %3   after %4")
                             .arg(pixel.x())
                             .arg(pixel.y())
                             .arg(pixelText(m_original, pixel), pixelText(after, afterPixel)));
}

void MainWindow::updateTitle()
{
    const QString name = m_path.isEmpty() ? tr("No image") : QFileInfo(m_path).fileName();
    setWindowTitle(QStringLiteral("%1[*] — Kernel Studio").arg(name));
    setWindowModified(!m_undo->isClean());
    const bool hasImage = !m_original.isNull();
    m_reloadAction->setEnabled(hasImage);
    m_exportAction->setEnabled(hasImage);
    m_exportEachAction->setEnabled(hasImage);
}

void MainWindow::updateImageInfo()
{
    m_imageInfo->setText(m_original.isNull() ? QString()
                                             : tr("%1 × %2 px, %3")
                                                   .arg(m_original.width())
                                                   .arg(m_original.height())
                                                   .arg(describeFormat(m_original)));
}

void MainWindow::updateZoomLabel(double zoom)
{
    m_zoomInfo->setText(QStringLiteral("%1 %").arg(zoom * 100.0, 0, 'f', zoom < 0.1 ? 1 : 0));
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
