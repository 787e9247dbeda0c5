// The editor as a person uses it: real widgets in a real window (offscreen platform),
// driven with QTest events, checked against ks_core run directly.
#include "compareview.h"
#include "document.h"
#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "filterpanel.h"
#include "imagepane.h"
#include "imageio.h"
#include "kernelgrideditor.h"
#include "mainwindow.h"
#include "paramcontrol.h"
#include "presetstore.h"
#include "previewcontroller.h"
#include "recipe.h"
#include "stackpanel.h"
#include "testimages.h"

#include <QAccessible>
#include <QApplication>
#include <QFileDialog>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QComboBox>
#include <QCursor>
#include <QDoubleSpinBox>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QDialog>
#include <QUndoStack>

#include <algorithm>
#include <functional>

using namespace ks;

namespace {

QImage engineResult(const QImage &image, const FilterSettings &settings)
{
    return Engine(1).apply(image, settings).value();
}

QImage engineResult(const QImage &image, const Recipe &recipe)
{
    return Engine(1).apply(image, recipe).value();
}

Recipe twoSteps()
{
    FilterSettings blur = filterNamed("gaussian");
    blur.setValue(u"sigma", 2.5);
    blur.setValue(u"size", 0);
    // Edges after a blur differ from a blur of edges: the Laplacian's negative values clamp.
    return Recipe{{blur, filterNamed("laplace8")}};
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void opensImages_data();
    void opensImages();
    void sigmaSliderUpdatesPreview();
    void sliderDragIsOneUndoStep();
    void rapidSliderChangesEndWithTheLast();
    void gridCellEditChangesPreview();
    void editAsCustomCopiesTheKernel();
    void exportWritesThePreviewedPixels_data();
    void exportWritesThePreviewedPixels();
    void exportEachWritesOneFilePerFilter();
    void undoRedoRestoreSettingsAndImage();
    void corruptFileKeepsCurrentImage();
    void failedExportLeavesNoFile();
    void titleMarksUnexportedChanges();
    void zoomActionsMoveBothPanes();
    void dropOpensFile();
    void lastFilterPersists();
    void svgScaleRerasterises();
    void everyActionHasNames();
    void comboBoxesAreNamedByPurpose();
    void statusTextsAreReadable();
    void renderStateCountsEverySettling();

    void addedStepIsRenderedAfterTheFirst();
    void selectingAStepEditsIt();
    void disabledStepIsPassedBy();
    void movingAStepChangesTheResult();
    void undoRedoStackChanges_data();
    void undoRedoStackChanges();
    void removeKeepsTheLastStep();
    void stackPersists();
    void recipeRoundTripsThroughAFile();
    void badRecipeIsRefused_data();
    void badRecipeIsRefused();
    void presetReplacesTheStack();
    void userPresetPersists();
    void builtInPresetsCannotBeDeleted();
    void unreadablePresetsAreKeptAside();
    void drawnRegionLimitsTheWholeStack();
    void deconvolutionControls();
    void regionOfAnotherImageIsFitted();

    void largeFileOpensWithoutFreezing();
    void cancelledOpenKeepsTheDocument_data();
    void cancelledOpenKeepsTheDocument();
    void tooLargeSvgOffersASize();
    void largeSvgRasterisesWithoutFreezing();
    void renderFailureIsShownAndCleared();
    void zoomedInDragShowsExactPixels();
    void exportWritesOnceTheRenderEnds();

    // Issue 15: keyboard, layout and everyday habits
    void selectingAStepKeepsTheFocusInTheList();
    void regionOutlineSurvivesAnotherImage();
    void firstStartFitsTheScreen();
    void closeQuestionSaysExport();
    void openAsksBeforeTheFileDialog();
    void recipeDialogStartsInAFolderThatExists();
    void tabFollowsTheDocksTopToBottom();
    void stackOpacityBlendsTheWholeStack();

private:
    QString largePng();
    bool waitForFullResult();
    // Waits until `results` (a spy on PreviewController::resultReady) holds a full result.
    static bool waitForFullResultSignal(QSignalSpy &results);
    // Opening and exporting run on workers; these wait for their end, as a person would.
    bool open(const QString &path);
    bool exportTo(const QString &path);
    QStringList exportEachTo(const QString &directory);
    bool showsEngineResultOf(const Recipe &recipe);
    void activate();
    // Runs `action`, answering every modal dialog it opens with `answer`; the class names of
    // the dialogs, in the order they came.
    QStringList answerDialogs(const std::function<void()> &action, const std::function<void(QWidget *)> &answer);
    // Tab from the focused widget until the focus is in `until`; the widgets focused on the way.
    QList<QWidget *> tabUntil(QWidget *until);
    QString samplePath(const QString &name) const;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    // Keep the tests' settings away from a real user's.
    QCoreApplication::setOrganizationName(QStringLiteral("KernelStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QStandardPaths::setTestModeEnabled(true); // presets go to a test folder, not the user's
    QVERIFY(m_dir.isValid());
}

void tst_MainWindow::init()
{
    QSettings().clear();
    QFile::remove(PresetStore::defaultPath());
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(open(samplePath(QStringLiteral("photo.png"))));
    QVERIFY(waitForFullResult());
}

void tst_MainWindow::cleanup()
{
    m_window->undoStack()->setClean(); // no "export first?" question when the window goes
    m_window.reset();
}

QString tst_MainWindow::samplePath(const QString &name) const
{
    return QStringLiteral(KS_SAMPLES_DIR "/") + name;
}

bool tst_MainWindow::waitForFullResult()
{
    PreviewController *preview = m_window->preview();
    return QTest::qWaitFor([&] { return !preview->isBusy() && !preview->fullResult().isNull(); }, 30000) &&
           m_window->compareView()->resultIsFullResolution() &&
           m_window->compareView()->result() == preview->fullResult();
}

bool tst_MainWindow::waitForFullResultSignal(QSignalSpy &results)
{
    const auto hasFull = [&] {
        return std::any_of(results.cbegin(), results.cend(), [](const QList<QVariant> &args) { return args.at(1).toBool(); });
    };
    while (!hasFull())
        if (!results.wait(30000))
            return false;
    return true;
}

bool tst_MainWindow::open(const QString &path)
{
    QSignalSpy loaded(m_window->document(), &Document::loaded);
    QSignalSpy failed(m_window->document(), &Document::loadFailed);
    if (!m_window->openFile(path))
        return false;
    if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 30000))
        return false;
    return loaded.count() == 1;
}

bool tst_MainWindow::exportTo(const QString &path)
{
    QSignalSpy exported(m_window.get(), &MainWindow::exported);
    m_window->exportTo(path);
    if (exported.isEmpty() && !exported.wait(30000))
        return false;
    return exported.first().first().toBool();
}

QStringList tst_MainWindow::exportEachTo(const QString &directory)
{
    QSignalSpy exported(m_window.get(), &MainWindow::exportedEach);
    m_window->exportEachTo(directory);
    if (exported.isEmpty() && !exported.wait(120000))
        return {};
    return exported.first().first().toStringList();
}

bool tst_MainWindow::showsEngineResultOf(const Recipe &recipe)
{
    if (!waitForFullResult())
        return false;
    const int difference =
        test::maxChannelDifference(m_window->compareView()->result(), engineResult(m_window->original(), recipe));
    if (difference != 0)
        qWarning("the preview differs from the engine's result by %d", difference);
    return difference == 0;
}

// Shortcuts of a panel act only in the active window.
void tst_MainWindow::activate()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

QStringList tst_MainWindow::answerDialogs(const std::function<void()> &action,
                                          const std::function<void(QWidget *)> &answer)
{
    QStringList seen;
    QPointer<QWidget> last;
    QTimer watch;
    watch.setInterval(20);
    connect(&watch, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal == last || !modal->isVisible())
            return;
        last = modal;
        seen << QString::fromLatin1(modal->metaObject()->className());
        answer(modal);
    });
    watch.start();
    action();
    watch.stop();
    return seen;
}

QList<QWidget *> tst_MainWindow::tabUntil(QWidget *until)
{
    QList<QWidget *> focused;
    for (int i = 0; i < 100; ++i) {
        QWidget *focus = QApplication::focusWidget();
        if (!focus || until->isAncestorOf(focus))
            break;
        QTest::keyClick(focus, Qt::Key_Tab);
        focused << QApplication::focusWidget();
    }
    return focused;
}

void tst_MainWindow::opensImages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QSize>("size");
    QTest::newRow("png") << QStringLiteral("photo.png") << QSize(640, 400);
    QTest::newRow("svg") << QStringLiteral("shapes.svg") << QSize(480, 320);
}

void tst_MainWindow::opensImages()
{
    QFETCH(QString, file);
    QFETCH(QSize, size);
    QVERIFY(open(samplePath(file)));
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->original().size(), size);
    QCOMPARE(m_window->compareView()->original().size(), size);
    QVERIFY(m_window->windowTitle().contains(file));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("imageInfo"))->text().contains(QStringLiteral("%1 × %2").arg(size.width()).arg(size.height())));
    QCOMPARE(m_window->compareView()->result(), engineResult(m_window->original(), m_window->filterSettings()));
    QCOMPARE(m_window->findChild<QWidget *>(QStringLiteral("svgScale"))->isVisibleTo(m_window.get()),
             file.endsWith(QLatin1String(".svg")));
}

void tst_MainWindow::sigmaSliderUpdatesPreview()
{
    m_window->filterPanel()->filterChooser()->setCurrentIndex(
        m_window->filterPanel()->filterChooser()->findData(QStringLiteral("gaussian")));
    QVERIFY(waitForFullResult());
    const QImage before = m_window->compareView()->result();
    QSlider *sigma = m_window->findChild<QSlider *>(QStringLiteral("sigmaSlider"));
    QVERIFY(sigma);
    sigma->setFocus();
    QTest::keyClick(sigma, Qt::Key_PageUp);
    QTest::keyClick(sigma, Qt::Key_PageUp);
    QVERIFY(m_window->filterSettings().value(u"sigma") > 1.5);
    QVERIFY(waitForFullResult());
    const QImage after = m_window->compareView()->result();
    QVERIFY(after != before);
    QCOMPARE(test::maxChannelDifference(after, engineResult(m_window->original(), m_window->filterSettings())), 0);
}

void tst_MainWindow::sliderDragIsOneUndoStep()
{
    QSlider *sigma = m_window->findChild<QSlider *>(QStringLiteral("sigmaSlider"));
    const FilterSettings start = m_window->filterSettings();
    const int steps = m_window->undoStack()->count();
    sigma->setSliderDown(true); // what a mouse press on the handle does
    for (int i = 1; i <= 10; ++i)
        sigma->setValue(sigma->value() + 20);
    QCOMPARE(m_window->undoStack()->count(), steps); // nothing recorded mid-drag
    QVERIFY(m_window->filterSettings().value(u"sigma") > start.value(u"sigma"));
    sigma->setSliderDown(false); // release
    QCOMPARE(m_window->undoStack()->count(), steps + 1);
    m_window->undoStack()->undo();
    QCOMPARE(m_window->filterSettings(), start);
}

void tst_MainWindow::rapidSliderChangesEndWithTheLast()
{
    QSlider *sigma = m_window->findChild<QSlider *>(QStringLiteral("sigmaSlider"));
    sigma->setFocus();
    QSignalSpy results(m_window->preview(), &PreviewController::resultReady);
    for (int i = 0; i < 50; ++i)
        QTest::keyClick(sigma, Qt::Key_Right);
    QVERIFY(waitForFullResult());
    QVERIFY(results.count() < 50); // stale renders were dropped, not queued
    QCOMPARE(test::maxChannelDifference(m_window->compareView()->result(),
                                        engineResult(m_window->original(), m_window->filterSettings())),
             0);
}

void tst_MainWindow::gridCellEditChangesPreview()
{
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("custom")));
    QVERIFY(m_window->kernelEditor()->isEditable());
    m_window->setFilterSettings([&] {
        FilterSettings s = m_window->filterSettings();
        s.setKernelValue(u"kernel", Kernel(3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0}));
        return s;
    }());
    QVERIFY(waitForFullResult());
    const QImage identity = m_window->compareView()->result();
    QCOMPARE(test::maxChannelDifference(identity, m_window->original()), 0);

    auto *grid = m_window->findChild<QTableView *>(QStringLiteral("kernelGrid"));
    QVERIFY(grid);
    // Type into the top-left cell as a person would: select it, type, Enter.
    grid->setFocus();
    grid->setCurrentIndex(grid->model()->index(0, 0));
    QTest::keyClicks(grid, QStringLiteral("1"));
    QTest::keyClick(grid->focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(m_window->filterSettings().kernel().at(0, 0), 1.0f);
    // Enter moved on to the next cell, still editing: the preview update must not close it.
    QTest::keyClicks(grid->focusWidget(), QStringLiteral("2"));
    QTest::keyClick(grid->focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(m_window->filterSettings().kernel().at(1, 0), 2.0f);
    QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Edit kernel"));
    QVERIFY(waitForFullResult());
    const QImage edited = m_window->compareView()->result();
    QVERIFY(test::maxChannelDifference(edited, identity) > 0);
    QCOMPARE(test::maxChannelDifference(edited, engineResult(m_window->original(), m_window->filterSettings())), 0);
}

void tst_MainWindow::editAsCustomCopiesTheKernel()
{
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("emboss3x3")));
    const Kernel emboss = m_window->filterSettings().kernel();
    QVERIFY(!m_window->kernelEditor()->isEditable());
    m_window->findChild<QAction *>(QStringLiteral("actionEditAsCustom"))->trigger();
    QCOMPARE(QLatin1String(m_window->filterSettings().filter().name), "custom");
    QCOMPARE(m_window->filterSettings().kernel(), emboss);
    QCOMPARE(chooser->currentData().toString(), QStringLiteral("custom"));
    QVERIFY(m_window->kernelEditor()->isEditable());
}

void tst_MainWindow::exportWritesThePreviewedPixels_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("maxDifference");
    QTest::newRow("png") << QStringLiteral("out.png") << 0;
    QTest::newRow("tiff") << QStringLiteral("out.tif") << 0; // libtiff: straight alpha, read back exactly
}

void tst_MainWindow::exportWritesThePreviewedPixels()
{
    QFETCH(QString, name);
    QFETCH(int, maxDifference);
    m_window->setFilterSettings(filterNamed("sharpen5x5"));
    QVERIFY(waitForFullResult());
    const QString path = m_dir.filePath(name);
    QVERIFY(exportTo(path));
    const Result<LoadedImage> written = loadImage(path);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    const QImage shown = m_window->compareView()->result();
    QCOMPARE(written->image.size(), shown.size());
    if (maxDifference == 0) {
        QCOMPARE(test::maxChannelDifference(written->image, shown), 0);
    } else {
        // Premultiplied storage loses colour where alpha is low; compare the opaque part.
        const QRect opaque(100, 100, 200, 150);
        QVERIFY(test::maxChannelDifference(written->image.copy(opaque), shown.copy(opaque)) <= maxDifference);
    }
}

void tst_MainWindow::exportEachWritesOneFilePerFilter()
{
    const QString dir = m_dir.filePath(QStringLiteral("each"));
    QVERIFY(QDir().mkpath(dir));
    const QStringList written = exportEachTo(dir);
    const Recipe example = referenceExample();
    QCOMPARE(written.size(), example.steps.size());
    for (qsizetype i = 0; i < written.size(); ++i) {
        QCOMPARE(written[i], QDir(dir).filePath(eachFileName(QStringLiteral("photo"), i + 1, example.steps.size())));
        const Result<LoadedImage> loaded = loadImage(written[i]);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(test::maxChannelDifference(loaded->image, engineResult(m_window->original(), example.steps[i])), 0);
    }
}

void tst_MainWindow::undoRedoRestoreSettingsAndImage()
{
    const FilterSettings first = m_window->filterSettings();
    QVERIFY(waitForFullResult());
    const QImage firstImage = m_window->compareView()->result();
    FilterSettings second = filterNamed("motion");
    second.setValue(u"angle", 30);
    m_window->setFilterSettings(second);
    QVERIFY(waitForFullResult());
    const QImage secondImage = m_window->compareView()->result();
    QVERIFY(secondImage != firstImage);

    m_window->findChild<QAction *>(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(m_window->filterSettings(), first);
    QCOMPARE(m_window->filterPanel()->settings(), first);
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->compareView()->result(), firstImage);

    m_window->findChild<QAction *>(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(m_window->filterSettings(), second);
    QCOMPARE(m_window->filterPanel()->paramControl("angle")->value(), 30.0);
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->compareView()->result(), secondImage);
}

void tst_MainWindow::corruptFileKeepsCurrentImage()
{
    const QString bad = m_dir.filePath(QStringLiteral("broken.png"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\x89PNG\r\n\x1a\n this is not a PNG after all");
    file.close();
    const QImage before = m_window->original();
    const QString title = m_window->windowTitle();
    QVERIFY(!open(bad));
    QMessageBox *error = nullptr;
    QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("errorDialog"))));
    QVERIFY(error->text().contains(QStringLiteral("broken.png")));
    QCOMPARE(m_window->original(), before);
    QCOMPARE(m_window->documentPath(), samplePath(QStringLiteral("photo.png")));
    QCOMPARE(m_window->windowTitle(), title);
    error->accept();
}

void tst_MainWindow::failedExportLeavesNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("missing-folder/out.png"));
    QVERIFY(!exportTo(path));
    QVERIFY(!QFile::exists(path));
    QMessageBox *error = nullptr;
    QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("errorDialog"))));
    QVERIFY(error->text().contains(QStringLiteral("out.png")));
    error->accept();
}

void tst_MainWindow::titleMarksUnexportedChanges()
{
    QVERIFY(!m_window->isWindowModified());
    m_window->setFilterSettings(filterNamed("box"));
    QVERIFY(m_window->isWindowModified());
    QVERIFY(exportTo(m_dir.filePath(QStringLiteral("box.png"))));
    QVERIFY(!m_window->isWindowModified());
}

void tst_MainWindow::zoomActionsMoveBothPanes()
{
    CompareView *view = m_window->compareView();
    m_window->findChild<QAction *>(QStringLiteral("actionActualSize"))->trigger();
    QCOMPARE(view->zoom(), 1.0);
    m_window->findChild<QAction *>(QStringLiteral("actionZoomIn"))->trigger();
    QVERIFY(view->zoom() > 1.0);
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("zoomInfo"))->text(), QStringLiteral("%1 %").arg(qRound(view->zoom() * 100)));
    for (int i = 0; i < 3; ++i)
        m_window->findChild<QAction *>(QStringLiteral("actionZoomIn"))->trigger();
    view->setViewCenter(QPointF(300, 190)); // both panes follow one centre (tst_compareview checks the panes)
    QCOMPARE(view->viewCenter(), QPointF(300, 190));
    m_window->findChild<QAction *>(QStringLiteral("actionFit"))->trigger();
    QVERIFY(view->isFitToWindow());
}

void tst_MainWindow::dropOpensFile()
{
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(samplePath(QStringLiteral("shapes.svg")))});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &drop);
    QTRY_COMPARE(m_window->documentPath(), samplePath(QStringLiteral("shapes.svg")));
    delete mime;
}

void tst_MainWindow::lastFilterPersists()
{
    FilterSettings motion = filterNamed("motion");
    motion.setValue(u"size", 15);
    motion.setValue(u"angle", -20);
    m_window->setFilterSettings(motion);
    m_window->undoStack()->setClean();
    QVERIFY(m_window->close()); // writes the settings
    MainWindow next;
    QCOMPARE(next.filterSettings(), motion);
    QCOMPARE(next.filterPanel()->settings(), motion);
}

void tst_MainWindow::svgScaleRerasterises()
{
    QVERIFY(open(samplePath(QStringLiteral("shapes.svg"))));
    auto *scale = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("svgScale"));
    QVERIFY(scale);
    scale->setValue(2.0);
    QTRY_COMPARE(m_window->original().size(), QSize(960, 640));
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->compareView()->result().size(), QSize(960, 640));
}

void tst_MainWindow::everyActionHasNames()
{
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->isSeparator() || action->menu() || action->parent() != m_window.get())
            continue;
        QVERIFY2(!action->objectName().isEmpty(), qPrintable(action->text()));
    }
    for (QWidget *w : m_window->findChildren<QWidget *>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (!w->isVisibleTo(m_window.get()) || qobject_cast<QMenu *>(w))
            continue;
        QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }
}

// On Linux, Qt names a combo box by its current item; an AT-SPI client must find "Border mode".
void tst_MainWindow::comboBoxesAreNamedByPurpose()
{
    const struct
    {
        const char *objectName;
        const char *name;
    } boxes[] = {{"filterChooser", "Filter"}, {"borderMode", "Border mode"}, {"alphaMode", "Alpha mode"}};
    for (const auto &b : boxes) {
        auto *box = m_window->findChild<QComboBox *>(QLatin1String(b.objectName));
        QVERIFY2(box, b.objectName);
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(box);
        QVERIFY(iface);
        QCOMPARE(iface->text(QAccessible::Name), QLatin1String(b.name));
        QCOMPARE(iface->text(QAccessible::Value), box->currentText());
        QCOMPARE(iface->role(), QAccessible::ComboBox);
        QCOMPARE(iface->childCount(), 1); // the list of items
        QCOMPARE(iface->child(0)->object(), box->view());
        box->setCurrentIndex(box->count() - 1);
        QCOMPARE(iface->text(QAccessible::Name), QLatin1String(b.name));
        QCOMPARE(iface->text(QAccessible::Value), box->itemText(box->count() - 1));
    }
}

// The status bar's texts reach assistive technology (as descriptions; Qt 6.4 has no text
// interface for labels) under names that do not change with them.
void tst_MainWindow::statusTextsAreReadable()
{
    for (const char *name : {"imageInfo", "zoomInfo", "renderInfo"}) {
        auto *label = m_window->findChild<QLabel *>(QLatin1String(name));
        QVERIFY2(label, name);
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(label);
        QVERIFY2(!label->text().isEmpty(), name);
        QCOMPARE(iface->text(QAccessible::Description), label->text());
        QVERIFY2(iface->text(QAccessible::Name) != label->text(), name);
    }
    auto *zoom = m_window->findChild<QLabel *>(QStringLiteral("zoomInfo"));
    m_window->compareView()->zoomToActualSize();
    QCOMPARE(QAccessible::queryAccessibleInterface(zoom)->text(QAccessible::Description), QStringLiteral("100 %"));
    QCOMPARE(QAccessible::queryAccessibleInterface(zoom)->text(QAccessible::Name), QStringLiteral("Zoom"));
    auto *image = m_window->findChild<QLabel *>(QStringLiteral("imageInfo"));
    QVERIFY(QAccessible::queryAccessibleInterface(image)->text(QAccessible::Description).startsWith("640 × 400 px"));
}

// "ready N: ..." grows once per settling: after a render of a change, and after an edit that
// needed none (the same sigma typed again), which before gave a waiting test nothing.
void tst_MainWindow::renderStateCountsEverySettling()
{
    activate();
    auto *state = m_window->findChild<QLabel *>(QStringLiteral("renderState"));
    QVERIFY(state);
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(state);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Render state"));
    const auto ready = [&]() -> std::pair<int, QString> {
        const QString d = iface->text(QAccessible::Description);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^ready (\\d+): (.*)$")).match(d);
        return m.hasMatch() ? std::pair(m.captured(1).toInt(), m.captured(2)) : std::pair(-1, d);
    };
    const auto [first, firstWhat] = ready();
    QVERIFY2(first >= 1, qPrintable(firstWhat));
    QCOMPARE(firstWhat, QStringLiteral("full resolution"));

    auto *sigma = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("sigmaSpin"));
    QVERIFY(sigma);
    sigma->setFocus();
    QTest::keyClick(sigma, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(sigma, QStringLiteral("3"));
    QTest::keyClick(sigma, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(ready().first, first + 1, 30000);
    QCOMPARE(ready().second, QStringLiteral("full resolution"));
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->filterSettings().value(u"sigma"), 3.0);
    const int undoSteps = m_window->undoStack()->count();

    // The same value again: no render, no undo step, and still one more "ready".
    QTest::keyClick(sigma, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(sigma, QStringLiteral("3"));
    QTest::keyClick(sigma, Qt::Key_Return);
    QCOMPARE(ready().first, first + 2);
    QCOMPARE(ready().second, QStringLiteral("full resolution, unchanged"));
    QVERIFY(!m_window->preview()->isBusy());
    QCOMPARE(m_window->undoStack()->count(), undoSteps);

    // While a render runs it says so, and its end counts.
    sigma->setValue(5.0);
    QVERIFY(m_window->preview()->isBusy());
    QVERIFY(iface->text(QAccessible::Description).startsWith(QStringLiteral("rendering after ready")));
    QTRY_COMPARE_WITH_TIMEOUT(ready().first, first + 3, 30000);
    QCOMPARE(ready().second, QStringLiteral("full resolution"));
}

void tst_MainWindow::addedStepIsRenderedAfterTheFirst()
{
    activate();
    const FilterSettings first = m_window->filterSettings();
    QListWidget *list = m_window->findChild<QListWidget *>(QStringLiteral("stackList"));
    QVERIFY(list);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Insert);
    QCOMPARE(m_window->recipe().steps.size(), 2);
    QCOMPARE(m_window->currentStep(), 1);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentRow(), 1);
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("sharpen3x3")));
    const Recipe expected{{first, filterNamed("sharpen3x3")}};
    QCOMPARE(m_window->recipe(), expected);
    QVERIFY(list->item(1)->text().contains(QStringLiteral("Sharpen 3x3")));
    QVERIFY(showsEngineResultOf(expected));
    QVERIFY(test::maxChannelDifference(m_window->compareView()->result(), engineResult(m_window->original(), first)) >
            0);
}

void tst_MainWindow::selectingAStepEditsIt()
{
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    QListWidget *list = m_window->findChild<QListWidget *>(QStringLiteral("stackList"));
    list->setFocus();
    list->setCurrentRow(1);
    QCOMPARE(m_window->currentStep(), 1);
    QCOMPARE(m_window->filterPanel()->settings(), twoSteps().steps[1]);
    QCOMPARE(m_window->kernelEditor()->kernel(), twoSteps().steps[1].kernel());
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(m_window->currentStep(), 0);
    QCOMPARE(m_window->filterPanel()->settings(), twoSteps().steps[0]);
    const int undoSteps = m_window->undoStack()->count();
    QSlider *sigma = m_window->findChild<QSlider *>(QStringLiteral("sigmaSlider"));
    sigma->setFocus();
    QTest::keyClick(sigma, Qt::Key_PageUp);
    QCOMPARE(m_window->undoStack()->count(), undoSteps + 1);
    QVERIFY(m_window->recipe().steps[0].value(u"sigma") > twoSteps().steps[0].value(u"sigma"));
    QCOMPARE(m_window->recipe().steps[1], twoSteps().steps[1]);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("sigma %1").arg(m_window->recipe().steps[0].value(u"sigma"))));
    QVERIFY(showsEngineResultOf(m_window->recipe()));
}

void tst_MainWindow::disabledStepIsPassedBy()
{
    activate();
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    QVERIFY(showsEngineResultOf(twoSteps()));
    QListWidget *list = m_window->findChild<QListWidget *>(QStringLiteral("stackList"));
    list->setFocus();
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Space); // the row's check box
    QCOMPARE(m_window->recipe().steps[0].enabled, false);
    QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
    QVERIFY(showsEngineResultOf(Recipe{{twoSteps().steps[1]}}));
    QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Switch off Gaussian blur"));
    // A new filter chosen for a switched-off step leaves it off.
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("box")));
    QCOMPARE(QLatin1String(m_window->recipe().steps[0].filter().name), "box");
    QCOMPARE(m_window->recipe().steps[0].enabled, false);
    QVERIFY(showsEngineResultOf(Recipe{{twoSteps().steps[1]}}));
}

void tst_MainWindow::movingAStepChangesTheResult()
{
    activate();
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    QVERIFY(showsEngineResultOf(twoSteps()));
    const QImage before = m_window->compareView()->result();
    QListWidget *list = m_window->findChild<QListWidget *>(QStringLiteral("stackList"));
    list->setFocus();
    list->setCurrentRow(1);
    QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier);
    const Recipe swapped{{twoSteps().steps[1], twoSteps().steps[0]}};
    QCOMPARE(m_window->recipe(), swapped);
    QCOMPARE(m_window->currentStep(), 0); // the moved step stays selected
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(showsEngineResultOf(swapped));
    QVERIFY(test::maxChannelDifference(m_window->compareView()->result(), before) > 0);
    QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(m_window->recipe(), twoSteps());
}

void tst_MainWindow::undoRedoStackChanges_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("select");
    QTest::newRow("add") << QStringLiteral("actionAddStep") << 0;
    QTest::newRow("remove") << QStringLiteral("actionRemoveStep") << 0;
    QTest::newRow("move up") << QStringLiteral("actionMoveStepUp") << 1;
    QTest::newRow("move down") << QStringLiteral("actionMoveStepDown") << 0;
    QTest::newRow("switch off") << QStringLiteral("stackList") << 1;
}

void tst_MainWindow::undoRedoStackChanges()
{
    QFETCH(QString, action);
    QFETCH(int, select);
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    m_window->selectStep(select);
    QVERIFY(showsEngineResultOf(twoSteps()));
    const QImage beforeImage = m_window->compareView()->result();
    const int undoSteps = m_window->undoStack()->count();
    if (action == u"stackList")
        m_window->findChild<QListWidget *>(action)->item(select)->setCheckState(Qt::Unchecked); // a click
    else
        m_window->findChild<QAction *>(action)->trigger();
    QCOMPARE(m_window->undoStack()->count(), undoSteps + 1);
    const Recipe after = m_window->recipe();
    const qsizetype afterCurrent = m_window->currentStep();
    QVERIFY(after != twoSteps());
    QVERIFY(showsEngineResultOf(after));
    const QImage afterImage = m_window->compareView()->result();
    if (action != u"actionAddStep") // an added step repeats a Gaussian: near the same image
        QVERIFY(afterImage != beforeImage);

    m_window->findChild<QAction *>(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(m_window->recipe(), twoSteps());
    QCOMPARE(m_window->currentStep(), select);
    QCOMPARE(m_window->stackPanel()->list()->count(), 2);
    QCOMPARE(m_window->filterPanel()->settings(), twoSteps().steps[select]);
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->compareView()->result(), beforeImage);

    m_window->findChild<QAction *>(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(m_window->recipe(), after);
    QCOMPARE(m_window->currentStep(), afterCurrent);
    QCOMPARE(m_window->stackPanel()->list()->count(), after.steps.size());
    QVERIFY(waitForFullResult());
    QCOMPARE(m_window->compareView()->result(), afterImage);
}

void tst_MainWindow::removeKeepsTheLastStep()
{
    QCOMPARE(m_window->recipe().steps.size(), 1);
    QAction *remove = m_window->findChild<QAction *>(QStringLiteral("actionRemoveStep"));
    QVERIFY(!remove->isEnabled());
    m_window->removeStep();
    QCOMPARE(m_window->recipe().steps.size(), 1);
    m_window->addStep();
    QVERIFY(remove->isEnabled());
}

void tst_MainWindow::stackPersists()
{
    Recipe recipe = twoSteps();
    recipe.steps[0].enabled = false;
    m_window->setRecipe(recipe, QStringLiteral("two steps"));
    m_window->selectStep(1);
    m_window->undoStack()->setClean();
    QVERIFY(m_window->close()); // writes the settings
    MainWindow next;
    QCOMPARE(next.recipe(), recipe);
    QCOMPARE(next.currentStep(), 1);
    QCOMPARE(next.filterPanel()->settings(), recipe.steps[1]);
    QCOMPARE(next.stackPanel()->list()->count(), 2);
    QCOMPARE(next.stackPanel()->list()->item(0)->checkState(), Qt::Unchecked);
}

void tst_MainWindow::recipeRoundTripsThroughAFile()
{
    const QString path = m_dir.filePath(QStringLiteral("stack.json"));
    QFile::remove(path);
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    QVERIFY(m_window->saveRecipe(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Result<Recipe> written = recipeFromJson(file.readAll());
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(*written, twoSteps());

    m_window->setFilterSettings(filterNamed("emboss3x3"));
    QVERIFY(m_window->recipe() != twoSteps());
    const int undoSteps = m_window->undoStack()->count();
    QVERIFY(m_window->openRecipe(path));
    QCOMPARE(m_window->recipe(), twoSteps());
    QCOMPARE(m_window->undoStack()->count(), undoSteps + 1);
    QVERIFY(showsEngineResultOf(twoSteps()));
}

void tst_MainWindow::badRecipeIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << QByteArray() << QStringLiteral("No such file");
    QTest::newRow("not json") << QByteArray("{ broken") << QStringLiteral("not valid JSON");
    QTest::newRow("bad step")
        << QByteArray(R"({"format": "kernel-studio-recipe", "version": 1, "steps": [{"filter": "zoom"}]})")
        << QStringLiteral("step 1: unknown filter 'zoom'");
    QTest::newRow("no steps") << QByteArray(R"({"format": "kernel-studio-recipe", "version": 1, "steps": []})")
                              << QStringLiteral("no steps");
}

void tst_MainWindow::badRecipeIsRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    const QString path = m_dir.filePath(QStringLiteral("bad-recipe.json"));
    QFile::remove(path);
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const Recipe before = m_window->recipe();
    QVERIFY(!m_window->openRecipe(path));
    QMessageBox *error = nullptr;
    QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("errorDialog"))));
    QVERIFY2(error->text().contains(QStringLiteral("bad-recipe.json")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(reason), qPrintable(error->text()));
    QCOMPARE(m_window->recipe(), before);
    error->accept();
}

void tst_MainWindow::presetReplacesTheStack()
{
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    const int undoSteps = m_window->undoStack()->count();
    QAction *box = m_window->findChild<QAction *>(QStringLiteral("preset:Box blur 9"));
    QVERIFY(box);
    box->trigger();
    const Recipe expected = m_window->presetStore()->find(QStringLiteral("Box blur 9"))->recipe;
    QCOMPARE(expected.steps.size(), 1);
    QCOMPARE(expected.steps[0].integer(u"size"), 9);
    QCOMPARE(m_window->recipe(), expected);
    QCOMPARE(m_window->filterPanel()->settings(), expected.steps[0]);
    QCOMPARE(m_window->undoStack()->count(), undoSteps + 1);
    QVERIFY(showsEngineResultOf(expected));
    m_window->undoStack()->undo();
    QCOMPARE(m_window->recipe(), twoSteps());
}

void tst_MainWindow::userPresetPersists()
{
    QVERIFY(m_window->presetStore()->user().isEmpty());
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("actionDeletePreset"))->isEnabled());
    QVERIFY(m_window->savePreset(QStringLiteral("  Blur then edges "), twoSteps()));
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionDeletePreset"))->isEnabled());

    PresetStore reread; // the same file, as the next run of the editor reads it
    QVERIFY2(reread.loadError().isEmpty(), qPrintable(reread.loadError()));
    QCOMPARE(reread.user().size(), 1);
    QCOMPARE(reread.user().first().name, QStringLiteral("Blur then edges"));
    QCOMPARE(reread.user().first().recipe, twoSteps());

    // The menu offers it, and applying it gives the stack back.
    m_window->setFilterSettings(filterNamed("emboss3x3"));
    QAction *apply = m_window->findChild<QAction *>(QStringLiteral("preset:Blur then edges"));
    QVERIFY(apply);
    apply->trigger();
    QCOMPARE(m_window->recipe(), twoSteps());

    // The same name replaces it.
    const Recipe one{{filterNamed("sharpen5x5")}};
    QVERIFY(m_window->savePreset(QStringLiteral("Blur then edges"), one));
    QCOMPARE(PresetStore().user().size(), 1);
    QCOMPARE(PresetStore().find(QStringLiteral("Blur then edges"))->recipe, one);

    // Export, delete, import: the presets file travels.
    const QString exported = m_dir.filePath(QStringLiteral("my-presets.json"));
    QVERIFY(m_window->presetStore()->exportTo(exported).isEmpty());
    QVERIFY(m_window->presetStore()->remove(QStringLiteral("Blur then edges")).isEmpty());
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("preset:Blur then edges")));
    QVERIFY(PresetStore().user().isEmpty());
    int count = 0;
    QVERIFY(m_window->presetStore()->importFrom(exported, &count).isEmpty());
    QCOMPARE(count, 1);
    QCOMPARE(PresetStore().find(QStringLiteral("Blur then edges"))->recipe, one);
}

void tst_MainWindow::builtInPresetsCannotBeDeleted()
{
    PresetStore *store = m_window->presetStore();
    QVERIFY(store->isBuiltIn(QStringLiteral("Soft blur")));
    QVERIFY(store->remove(QStringLiteral("Soft blur")).contains(QStringLiteral("built-in")));
    QVERIFY(store->find(QStringLiteral("Soft blur")));
    QVERIFY(!m_window->savePreset(QStringLiteral("Soft blur"), twoSteps()));
    QMessageBox *error = nullptr;
    QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("errorDialog"))));
    QVERIFY(error->text().contains(QStringLiteral("built-in")));
    error->accept();
    QVERIFY(store->user().isEmpty());
}

void tst_MainWindow::unreadablePresetsAreKeptAside()
{
    const QString path = PresetStore::defaultPath();
    const QDir dir = QFileInfo(path).dir();
    for (const QString &old : dir.entryList({QStringLiteral("presets.json.broken*")}))
        QFile::remove(dir.filePath(old));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not presets");
    }
    PresetStore store;
    QVERIFY2(store.loadError().contains(QStringLiteral("presets.json")), qPrintable(store.loadError()));
    QVERIFY2(store.loadError().contains(QStringLiteral("not valid JSON")), qPrintable(store.loadError()));
    QVERIFY(store.user().isEmpty());
    QVERIFY(!store.builtIn().isEmpty());
    QVERIFY(store.save({QStringLiteral("Mine"), twoSteps()}).isEmpty());
    const QStringList broken = dir.entryList({QStringLiteral("presets.json.broken-*")});
    QCOMPARE(broken.size(), 1);
    QFile aside(dir.filePath(broken.first()));
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), QByteArray("{ not presets"));
    PresetStore reread;
    QVERIFY(reread.loadError().isEmpty());
    QCOMPARE(reread.user().size(), 1);
}

void tst_MainWindow::drawnRegionLimitsTheWholeStack()
{
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    QVERIFY(showsEngineResultOf(twoSteps()));
    activate();
    CompareView *view = m_window->compareView();
    view->setZoom(1.0);
    auto *pane = qobject_cast<ImagePane *>(view->resultPane());
    QVERIFY(pane);
    QTest::keyClick(m_window.get(), Qt::Key_R); // the Region Tool action
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionRegionTool"))->isChecked());
    const int undoSteps = m_window->undoStack()->count();

    const QPoint from = pane->imageToViewport(QPointF(40, 30)).toPoint();
    const QPoint to = pane->imageToViewport(QPointF(160, 110)).toPoint();
    QTest::mousePress(pane->viewport(), Qt::LeftButton, {}, from);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(pane->viewport(), from + (to - from) * i / 4);
    QTest::mouseRelease(pane->viewport(), Qt::LeftButton, {}, to);
    // Results arrive from workers through the event loop, so none can have come yet: the next
    // full one is for the drawn region (waiting on it, not on time, holds under any load).
    QSignalSpy results(m_window->preview(), &PreviewController::resultReady);

    const std::optional<QRect> region = view->region();
    QVERIFY(region && region->width() > 50 && region->height() > 40);
    QCOMPARE(m_window->undoStack()->count(), undoSteps + 1); // the whole drag is one step
    Recipe expected = twoSteps();
    for (FilterSettings &step : expected.steps)
        step.region = region;
    QCOMPARE(m_window->recipe(), expected);
    QVERIFY(waitForFullResultSignal(results));
    QVERIFY(showsEngineResultOf(expected));
    const QImage result = view->result();
    QCOMPARE(result.pixel(5, 5), m_window->original().convertToFormat(result.format()).pixel(5, 5));

    results.clear();
    m_window->undoStack()->undo();
    QCOMPARE(view->region(), std::nullopt);
    QVERIFY(waitForFullResultSignal(results));
    QVERIFY(showsEngineResultOf(twoSteps()));
    m_window->undoStack()->redo();
    QCOMPARE(view->region(), region);
    m_window->findChild<QAction *>(QStringLiteral("actionClearRegion"))->trigger();
    QCOMPARE(view->region(), std::nullopt);
    QCOMPARE(m_window->recipe(), twoSteps());
}

void tst_MainWindow::regionOfAnotherImageIsFitted()
{
    m_window->setRegion(QRect(600, 400, 5000, 5000)); // reaches far past the sample
    m_window->undoStack()->setClean();                 // no "export first?" question
    QVERIFY(open(samplePath(QStringLiteral("shapes.svg"))));
    const QRect image = m_window->original().rect();
    const std::optional<QRect> region = m_window->filterSettings().region;
    if (QRect(600, 400, 5000, 5000).intersects(image))
        QCOMPARE(region, QRect(600, 400, 5000, 5000) & image);
    else
        QCOMPARE(region, std::nullopt);
    QCOMPARE(m_window->compareView()->region(), region);
    QVERIFY(waitForFullResult()); // a region off the image would have failed the render
}

void tst_MainWindow::deconvolutionControls()
{
    QVERIFY(m_window->kernelEditor()->role().isEmpty()); // a blur's kernel needs no words
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("deconvolution")));
    FilterSettings expected = filterNamed("deconvolution");
    QCOMPARE(m_window->filterSettings(), expected);
    QVERIFY(m_window->kernelEditor()->role().contains(QStringLiteral("undoes")));
    QVERIFY(m_window->kernelEditor()->isEditable()); // the blur to undo is typed into the grid
    auto *factor = m_window->findChild<QLineEdit *>(QStringLiteral("kernelFactor"));
    QVERIFY(factor && !factor->isEnabled()); // normalised: factor and bias do not apply

    auto *grayscale = m_window->findChild<QCheckBox *>(QStringLiteral("grayscaleCheck"));
    QVERIFY(grayscale);
    grayscale->click();
    expected.setValue(u"grayscale", (true) ? 1.0 : 0.0);
    QCOMPARE(m_window->filterSettings(), expected);

    auto *snr = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("snrSpin"));
    QVERIFY(snr);
    snr->setValue(0.0025);
    expected.setValue(u"snr", 0.0025);
    QCOMPARE(m_window->filterSettings(), expected);

    auto *imaginary = m_window->findChild<QLineEdit *>(QStringLiteral("imaginaryEdit"));
    auto *error = m_window->findChild<QLabel *>(QStringLiteral("imaginaryError"));
    QVERIFY(imaginary && error);
    imaginary->setText(QStringLiteral("3x3: 0,0,0,0,1,0,0,0,0")); // the kernel is 5x5
    emit imaginary->editingFinished();
    QVERIFY(error->isVisibleTo(m_window.get()));
    QVERIFY(error->text().contains(QStringLiteral("5x5")));
    QCOMPARE(m_window->filterSettings(), expected); // the last good settings stay
    imaginary->setText(QStringLiteral("5x5: ") + QStringList(25, QStringLiteral("0.01")).join(u','));
    emit imaginary->editingFinished();
    QVERIFY(!error->isVisibleTo(m_window.get()));
    QVERIFY(m_window->filterSettings().kernelValue(u"imaginary").has_value());
    expected.setKernelValue(u"imaginary", m_window->filterSettings().kernelValue(u"imaginary"));
    QVERIFY(showsEngineResultOf(Recipe{{expected}}));
}

// A 6000x4000 PNG, written once: decoding it takes long enough to watch the window meanwhile.
QString tst_MainWindow::largePng()
{
    const QString path = m_dir.filePath(QStringLiteral("large.png"));
    if (!QFile::exists(path)) {
        QImage image(6000, 4000, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x)
                line[x] = qRgb(x & 0xff, y & 0xff, (x ^ y) & 0xff);
        }
        if (!image.save(path))
            return {};
    }
    return path;
}

void tst_MainWindow::largeFileOpensWithoutFreezing()
{
    const QString path = largePng();
    QVERIFY(!path.isEmpty());
    Document *document = m_window->document();
    int ticksWhileLoading = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (document->isLoading())
            ++ticksWhileLoading;
    });
    timer.start(5);
    QSignalSpy loaded(document, &Document::loaded);
    QVERIFY(m_window->openFile(path));
    QVERIFY(document->isLoading()); // returned at once: the file is read on a worker
    QCOMPARE(m_window->documentPath(), samplePath(QStringLiteral("photo.png"))); // usable meanwhile
    QVERIFY(m_window->findChild<QWidget *>(QStringLiteral("taskProgress"))->isVisibleTo(m_window.get()));
    QVERIFY(QApplication::overrideCursor() && QApplication::overrideCursor()->shape() == Qt::BusyCursor);
    QVERIFY(loaded.wait(60000));
    QVERIFY2(ticksWhileLoading > 0, "the event loop did not run while the file loaded");
    QCOMPARE(m_window->original().size(), QSize(6000, 4000));
    QCOMPARE(m_window->documentPath(), path);
    QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("taskProgress"))->isVisibleTo(m_window.get()));
    QVERIFY(!QApplication::overrideCursor());
}

void tst_MainWindow::cancelledOpenKeepsTheDocument_data()
{
    QTest::addColumn<bool>("escape");
    QTest::newRow("escape key") << true;
    QTest::newRow("cancel button") << false;
}

void tst_MainWindow::cancelledOpenKeepsTheDocument()
{
    QFETCH(bool, escape);
    const QString path = largePng();
    QVERIFY(!path.isEmpty());
    activate();
    const QImage before = m_window->original();
    const QString title = m_window->windowTitle();
    Document *document = m_window->document();
    QSignalSpy loaded(document, &Document::loaded);
    QVERIFY(m_window->openFile(path));
    QVERIFY(document->isLoading());
    if (escape)
        QTest::keyClick(m_window.get(), Qt::Key_Escape);
    else
        m_window->findChild<QToolButton *>(QStringLiteral("cancelTask"))->click();
    QVERIFY(!document->isLoading());
    QVERIFY(!QApplication::overrideCursor());
    // The worker cannot be interrupted: once it is done, its answer must be dropped.
    QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, 60000);
    QCoreApplication::sendPostedEvents(); // the finished worker's report
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(m_window->original(), before);
    QCOMPARE(m_window->documentPath(), samplePath(QStringLiteral("photo.png")));
    QCOMPARE(m_window->windowTitle(), title);
    QVERIFY(showsEngineResultOf(m_window->recipe())); // still fully usable
}

void tst_MainWindow::tooLargeSvgOffersASize()
{
    // 100000 x 50000 at its own size: 5000 megapixels, far over the limit.
    const QString path = m_dir.filePath(QStringLiteral("huge.svg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"(<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="50000" viewBox="0 0 100 50">)"
               R"(<rect width="100" height="50" fill="#3070c0"/><circle cx="50" cy="25" r="20" fill="#e0a020"/></svg>)");
    file.close();

    const QSize fitting = Document::largestSvgSize(QSizeF(100000, 50000));
    QVERIFY(qint64(fitting.width()) * fitting.height() <= MaxImagePixels);
    QVERIFY(qint64(fitting.width() + 2) * (fitting.height() + 1) > MaxImagePixels); // the largest
    QVERIFY(qAbs(fitting.width() - 2 * fitting.height()) <= 2);                     // aspect kept

    QSignalSpy loaded(m_window->document(), &Document::loaded);
    QVERIFY(m_window->openFile(path));
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(QStringLiteral("svgSizeDialog"))));
    QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("errorDialog")));
    auto *width = dialog->findChild<QSpinBox *>(QStringLiteral("svgWidth"));
    auto *height = dialog->findChild<QSpinBox *>(QStringLiteral("svgHeight"));
    QVERIFY(width && height);
    QCOMPARE(QSize(width->value(), height->value()), fitting);
    QCOMPARE(m_window->documentPath(), samplePath(QStringLiteral("photo.png"))); // until a size is chosen
    width->setValue(400);
    QCOMPARE(height->value(), 200); // follows the aspect ratio
    dialog->accept();
    QVERIFY(loaded.wait(30000));
    QCOMPARE(m_window->original().size(), QSize(400, 200));
    QCOMPARE(m_window->documentPath(), path);
    QVERIFY(m_window->document()->isSvg());
    QVERIFY(waitForFullResult());
}

void tst_MainWindow::largeSvgRasterisesWithoutFreezing()
{
    const QString path = m_dir.filePath(QStringLiteral("large.svg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"(<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="50000" viewBox="0 0 100 50">)"
               R"(<rect width="100" height="50" fill="#3070c0"/><circle cx="50" cy="25" r="20" fill="#e0a020"/></svg>)");
    file.close();
    Document *document = m_window->document();
    int ticksWhileLoading = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (document->isLoading())
            ++ticksWhileLoading;
    });
    QSignalSpy loaded(document, &Document::loaded);
    QVERIFY(m_window->openFile(path));
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(QStringLiteral("svgSizeDialog"))));
    dialog->findChild<QSpinBox *>(QStringLiteral("svgWidth"))->setValue(8000); // 32 megapixels to rasterise
    timer.start(5);
    dialog->accept();
    QVERIFY(document->isLoading());
    QVERIFY(QApplication::overrideCursor() && QApplication::overrideCursor()->shape() == Qt::BusyCursor);
    QVERIFY(loaded.wait(60000));
    QVERIFY2(ticksWhileLoading > 0, "the event loop did not run while the SVG was rasterised");
    QCOMPARE(m_window->original().size(), QSize(8000, 4000));
}

void tst_MainWindow::renderFailureIsShownAndCleared()
{
    QVERIFY(waitForFullResult());
    CompareView *view = m_window->compareView();
    Recipe bad = m_window->recipe();
    bad.steps[0].region = QRect(100000, 100000, 10, 10); // outside the image: the engine refuses
    QSignalSpy failed(m_window->preview(), &PreviewController::renderFailed);
    m_window->preview()->setRecipe(bad);
    QVERIFY(failed.wait(30000));
    QVERIFY(view->renderFailed());
    QCOMPARE(view->resultBadge(), QStringLiteral("Render failed"));
    QVERIFY(!view->resultIsFullResolution() || view->resultBadge() != QStringLiteral("Full resolution"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Render failed")));
    m_window->preview()->setRecipe(m_window->recipe()); // a good render clears it
    QVERIFY(waitForFullResult());
    QVERIFY(!view->renderFailed());
    QCOMPARE(view->resultBadge(), QStringLiteral("Full resolution"));
    QVERIFY(m_window->statusBar()->currentMessage().isEmpty());
}

// At 100 % the quick pass during a slider drag renders what is in view at full resolution:
// the pixels shown there are those of the final result. KS_SCREENSHOT=file saves the window then.
void tst_MainWindow::zoomedInDragShowsExactPixels()
{
    m_window->resize(1600, 1000);
    QVERIFY(open(largePng()));
    QVERIFY(waitForFullResult());
    CompareView *view = m_window->compareView();
    view->zoomToActualSize();
    view->setViewCenter(QPointF(3000, 2000));
    auto *slider = m_window->findChild<QSlider *>(QStringLiteral("sigmaSlider"));
    QVERIFY(slider);
    QSignalSpy areas(m_window->preview(), &PreviewController::areaReady);
    slider->setSliderDown(true); // a drag in progress: interim changes
    slider->setValue(slider->value() + 12);
    QVERIFY(areas.wait(30000));
    QVERIFY(view->resultPane()->isVisible());
    QVERIFY(view->resultArea().contains(view->visibleImageRect())); // all in view is exact
    QCOMPARE(view->resultBadge(), QStringLiteral("Preview, exact in view"));
    const QImage shown = view->resultAreaImage();
    if (const QByteArray file = qgetenv("KS_SCREENSHOT"); !file.isEmpty())
        m_window->grab().save(QString::fromLocal8Bit(file));
    const QImage exact = engineResult(m_window->original(), m_window->preview()->recipe()).copy(view->resultArea());
    QCOMPARE(test::maxChannelDifference(shown, exact), 0);
    slider->setSliderDown(false);
    QVERIFY(waitForFullResult());
}

void tst_MainWindow::exportWritesOnceTheRenderEnds()
{
    const QString path = m_dir.filePath(QStringLiteral("after-render.png"));
    QFile::remove(path);
    QSignalSpy exported(m_window.get(), &MainWindow::exported);
    FilterSettings blur = filterNamed("gaussian");
    blur.setValue(u"sigma", 6);
    blur.setValue(u"size", 0);
    m_window->setFilterSettings(blur); // starts a render; the export cannot have its result yet
    QVERIFY(m_window->preview()->isBusy());
    m_window->exportTo(path);
    // exportTo() returned without waiting for the render: nothing written, nothing reported.
    QVERIFY(exported.isEmpty());
    QVERIFY(!QFile::exists(path));
    QVERIFY(m_window->findChild<QWidget *>(QStringLiteral("taskProgress"))->isVisibleTo(m_window.get()));
    QVERIFY(exported.wait(30000));
    QCOMPARE(exported.first().first().toBool(), true);
    const Result<LoadedImage> written = loadImage(path);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(test::maxChannelDifference(written->image, engineResult(m_window->original(), blur)), 0);
    QVERIFY(!m_window->isWindowModified());
}

// Issue 15, bug 1: after clicking a step, the arrow keys go on moving through the list; they
// used to change the step's filter, as the focus jumped to the Filter combo box.
void tst_MainWindow::selectingAStepKeepsTheFocusInTheList()
{
    activate();
    const auto press = [](Qt::Key key, Qt::KeyboardModifiers modifiers = {}) {
        QTest::keyClick(QApplication::focusWidget(), key, modifiers); // where a person's key goes
    };
    auto *sigma = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("sigmaSpin"));
    QVERIFY(sigma);
    sigma->setFocus();
    sigma->selectAll();
    QTest::keyClicks(sigma, QStringLiteral("2"));
    press(Qt::Key_Return);
    QCOMPARE(m_window->recipe().steps[0].value(u"sigma"), 2.0);
    QTest::mouseClick(m_window->findChild<QToolButton *>(QStringLiteral("stackAddButton")), Qt::LeftButton);
    QCOMPARE(m_window->recipe().steps.size(), 2);
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    chooser->setFocus();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("median")));
    const Recipe before = m_window->recipe();
    QCOMPARE(QString::fromLatin1(before.steps[1].filter().name), QStringLiteral("median"));

    QListWidget *list = m_window->stackPanel()->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
    QCOMPARE(m_window->currentStep(), 0);
    QCOMPARE(QApplication::focusWidget(), list);
    press(Qt::Key_Down);
    QCOMPARE(QApplication::focusWidget(), list);
    QCOMPARE(m_window->currentStep(), 1);
    QCOMPARE(m_window->recipe(), before); // no filter changed
    press(Qt::Key_Up);
    QCOMPARE(m_window->currentStep(), 0);
    QCOMPARE(m_window->recipe(), before);

    press(Qt::Key_Space); // switches the step off
    QCOMPARE(m_window->recipe().steps[0].enabled, false);
    QCOMPARE(QApplication::focusWidget(), list);
    press(Qt::Key_Space);
    QCOMPARE(m_window->recipe(), before);
    press(Qt::Key_Down, Qt::AltModifier); // moves the step
    QCOMPARE(m_window->recipe().steps[0], before.steps[1]);
    QCOMPARE(m_window->recipe().steps[1], before.steps[0]);
    QCOMPARE(m_window->currentStep(), 1);
    press(Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(m_window->recipe(), before);
    QCOMPARE(QApplication::focusWidget(), list);
}

// Issue 15, bug 2: the stack's region is drawn on every image it is kept for, also after an
// image of another size and a file that failed to open.
void tst_MainWindow::regionOutlineSurvivesAnotherImage()
{
    const QRect region(40, 30, 120, 80);
    m_window->setRegion(region);
    m_window->undoStack()->setClean(); // no "export first?" question
    const QString bad = m_dir.filePath(QStringLiteral("broken-for-region.png"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\x89PNG\r\n\x1a\n not a PNG");
    file.close();
    QVERIFY(!open(bad));
    QMessageBox *error = nullptr;
    QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("errorDialog"))));
    error->accept();

    QImage deep(300, 200, QImage::Format_RGBA64); // 16 bits, and another size than photo.png's
    deep.fill(QColor(30, 120, 200));
    const QString path = m_dir.filePath(QStringLiteral("deep.png"));
    QVERIFY(deep.save(path));
    QVERIFY(open(path));
    QCOMPARE(m_window->original().size(), QSize(300, 200));
    QCOMPARE(m_window->recipe().steps[0].region, std::optional(region)); // still in the stack
    CompareView *view = m_window->compareView();
    QCOMPARE(view->region(), std::optional(region));
    for (QWidget *pane : {view->originalPane(), view->resultPane()})
        QCOMPARE(qobject_cast<ImagePane *>(pane)->region(), std::optional(region));
    QVERIFY(!qobject_cast<ImagePane *>(view->resultPane())->regionInViewport().isEmpty());
    QVERIFY(open(samplePath(QStringLiteral("photo.png")))); // and on the next one
    QCOMPARE(view->region(), std::optional(region));
}

// Issue 15, bug 4: the first start fits the screen (here the offscreen platform's 800 x 600,
// smaller than the 1280 x 820 the window would like), the status bar included, and every
// control of the docks can be scrolled into view.
void tst_MainWindow::firstStartFitsTheScreen()
{
    QSettings().clear();
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(available.contains(window.frameGeometry()),
             qPrintable(QStringLiteral("%1,%2 %3x%4 on %5x%6")
                            .arg(window.frameGeometry().x())
                            .arg(window.frameGeometry().y())
                            .arg(window.frameGeometry().width())
                            .arg(window.frameGeometry().height())
                            .arg(available.width())
                            .arg(available.height())));
    QVERIFY(window.statusBar()->isVisible());
    QVERIFY(window.rect().contains(window.statusBar()->geometry()));
    for (const char *dock : {"stackDock", "filterDock", "kernelDock"}) {
        auto *area = window.findChild<QWidget *>(QString::fromLatin1(dock));
        QVERIFY(window.rect().contains(QRect(area->mapTo(&window, QPoint(0, 0)), area->size())));
    }
    for (auto *area : window.findChildren<QScrollArea *>()) {
        if (!area->widget())
            continue;
        for (QWidget *control : area->widget()->findChildren<QWidget *>()) {
            if (!control->isVisibleTo(&window) || !(control->focusPolicy() & Qt::TabFocus) || control->focusProxy())
                continue;
            area->ensureWidgetVisible(control, 0, 0);
            const QRect shown(control->mapTo(area->viewport(), QPoint(0, 0)), control->size());
            QVERIFY2(area->viewport()->rect().intersects(shown), qPrintable(control->objectName()));
        }
    }
}

// Issue 15, bug 6: the question says "export", and so does its button.
void tst_MainWindow::closeQuestionSaysExport()
{
    m_window->setFilterSettings(filterNamed("sharpen3x3")); // an unexported change
    QString text, defaultButton;
    QStringList buttons;
    const QStringList dialogs = answerDialogs([this] { m_window->close(); }, [&](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        QVERIFY(box);
        text = box->text();
        for (QAbstractButton *button : box->buttons())
            buttons << button->text();
        defaultButton = box->defaultButton()->text();
        box->button(QMessageBox::Cancel)->click();
    });
    QCOMPARE(dialogs, QStringList{QStringLiteral("QMessageBox")});
    QVERIFY(m_window->isVisible()); // cancelled
    QVERIFY(text.contains(QStringLiteral("exported")));
    QVERIFY2(defaultButton.contains(QStringLiteral("Export")), qPrintable(defaultButton));
    for (const QString &button : buttons)
        QVERIFY2(!button.contains(QStringLiteral("Save")), qPrintable(button));
}

// Issue 15, bug 6: Open asks about unexported changes before it shows the file dialog, and
// only once.
void tst_MainWindow::openAsksBeforeTheFileDialog()
{
    m_window->setFilterSettings(filterNamed("sharpen3x3"));
    QAction *open = m_window->findChild<QAction *>(QStringLiteral("actionOpen"));
    const auto discardThenClose = [](QWidget *dialog) {
        if (auto *box = qobject_cast<QMessageBox *>(dialog))
            box->button(QMessageBox::Discard)->click();
        else
            qobject_cast<QDialog *>(dialog)->reject();
    };
    QCOMPARE(answerDialogs([open] { open->trigger(); }, discardThenClose),
             (QStringList{QStringLiteral("QMessageBox"), QStringLiteral("QFileDialog")}));
    const auto cancel = [](QWidget *dialog) {
        if (auto *box = qobject_cast<QMessageBox *>(dialog))
            box->button(QMessageBox::Cancel)->click();
        else
            qobject_cast<QDialog *>(dialog)->reject();
    };
    QCOMPARE(answerDialogs([open] { open->trigger(); }, cancel), QStringList{QStringLiteral("QMessageBox")});
    QCOMPARE(m_window->documentPath(), samplePath(QStringLiteral("photo.png")));
}

// Issue 15, bug 6: a recipe folder that is gone gives way to the images' folder.
void tst_MainWindow::recipeDialogStartsInAFolderThatExists()
{
    QSettings().setValue(QStringLiteral("dirs/recipe"), m_dir.filePath(QStringLiteral("gone/away")));
    QString shown;
    const QStringList dialogs = answerDialogs(
        [this] { m_window->findChild<QAction *>(QStringLiteral("actionSaveRecipe"))->trigger(); },
        [&](QWidget *dialog) {
            auto *files = qobject_cast<QFileDialog *>(dialog);
            QVERIFY(files);
            shown = files->directory().absolutePath();
            files->reject();
        });
    QCOMPARE(dialogs, QStringList{QStringLiteral("QFileDialog")});
    QCOMPARE(shown, QFileInfo(samplePath(QStringLiteral("photo.png"))).absolutePath()); // where the image came from
}

namespace {

// Whether `b` comes after `a` as people read the panel: below it, or to its right in its row.
bool visuallyAfter(const QWidget *a, const QWidget *b)
{
    const QWidget *window = a->window();
    const QRect ra(a->mapTo(window, QPoint(0, 0)), a->size());
    const QRect rb(b->mapTo(window, QPoint(0, 0)), b->size());
    if (rb.top() >= ra.bottom())
        return true;
    return qAbs(rb.center().y() - ra.center().y()) <= ra.height() / 2 && rb.left() > ra.left();
}

} // namespace

// Issue 15, bug 10: Tab goes through the docks as they are shown: the stack, the filter (its
// chooser, the filter's parameters, border, alpha and the rest), then the kernel.
void tst_MainWindow::tabFollowsTheDocksTopToBottom()
{
    activate();
    auto *stackDock = m_window->findChild<QWidget *>(QStringLiteral("stackDock"));
    auto *filterDock = m_window->findChild<QWidget *>(QStringLiteral("filterDock"));
    auto *kernelDock = m_window->findChild<QWidget *>(QStringLiteral("kernelDock"));
    QComboBox *chooser = m_window->filterPanel()->filterChooser();
    const std::pair<const char *, QString> filters[] = {{"gaussian", QStringLiteral("size")},
                                                         {"unsharp", QStringLiteral("radius")}};
    for (const auto &[filter, param] : filters) { // the second rebuilds the parameter rows
        chooser->setCurrentIndex(chooser->findData(QString::fromLatin1(filter)));
        QCOMPARE(QString::fromLatin1(m_window->filterSettings().filter().name), QString::fromLatin1(filter));
        // New rows show once the event loop runs, as it does before a person's next key.
        QTRY_VERIFY(m_window->findChild<QSlider *>(param + QStringLiteral("Slider"))->isVisible());
        m_window->stackPanel()->list()->setFocus();
        const QList<QWidget *> focused = tabUntil(kernelDock);
        QStringList names;
        for (QWidget *w : focused)
            names << w->objectName();
        const QString order = names.join(u' ');
        QVERIFY2(!focused.isEmpty() && kernelDock->isAncestorOf(focused.last()), qPrintable(order));
        // The docks in turn, none visited twice.
        qsizetype firstFilter = -1;
        for (qsizetype i = 0; i < focused.size(); ++i) {
            QWidget *w = focused[i];
            if (filterDock->isAncestorOf(w) && firstFilter < 0)
                firstFilter = i;
            if (firstFilter < 0)
                QVERIFY2(stackDock->isAncestorOf(w), qPrintable(order));
            else if (i + 1 < focused.size())
                QVERIFY2(filterDock->isAncestorOf(w), qPrintable(order));
        }
        QVERIFY2(firstFilter >= 0 && focused[firstFilter] == chooser, qPrintable(order));
        // Within the filter dock, top to bottom and left to right.
        for (qsizetype i = firstFilter + 1; i + 1 < focused.size(); ++i)
            QVERIFY2(visuallyAfter(focused[i - 1], focused[i]),
                     qPrintable(QStringLiteral("%1 before %2 in: %3")
                                    .arg(focused[i - 1]->objectName(), focused[i]->objectName(), order)));
        const auto at = [&](const char *name) { return names.indexOf(QString::fromLatin1(name)); };
        const qsizetype slider = names.indexOf(param + QStringLiteral("Slider"));
        const qsizetype spin = names.indexOf(param + QStringLiteral("Spin"));
        QVERIFY2(slider == firstFilter + 1 && spin == slider + 1, qPrintable(order)); // right after the chooser
        QVERIFY2(spin < at("borderMode") && at("borderMode") < at("alphaMode"), qPrintable(order));
        QVERIFY2(at("alphaMode") < at("linearLight") && at("opacitySpin") < at("channelR"), qPrintable(order));
        QCOMPARE(names.at(focused.size() - 2), QStringLiteral("channelA"));
    }
}

// Issue 15, item 11: the whole stack's opacity, in the stack panel, one undo step per change.
void tst_MainWindow::stackOpacityBlendsTheWholeStack()
{
    m_window->setRecipe(twoSteps(), QStringLiteral("two steps"));
    QVERIFY(showsEngineResultOf(twoSteps()));
    activate();
    auto *spin = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("stackOpacitySpin"));
    QVERIFY(spin);
    QVERIFY(m_window->stackPanel()->isAncestorOf(spin));
    QCOMPARE(spin->value(), 100.0);
    const int undoSteps = m_window->undoStack()->count();
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("40"));
    QTest::keyClick(spin, Qt::Key_Return);
    Recipe expected = twoSteps();
    expected.opacity = 40;
    QCOMPARE(m_window->recipe(), expected);
    QCOMPARE(m_window->undoStack()->count(), undoSteps + 1);
    QVERIFY(showsEngineResultOf(expected));
    QVERIFY(test::maxChannelDifference(m_window->compareView()->result(),
                                       engineResult(m_window->original(), twoSteps())) > 0);
    m_window->undoStack()->undo();
    QCOMPARE(m_window->recipe(), twoSteps());
    QCOMPARE(spin->value(), 100.0);
    m_window->undoStack()->redo();
    QCOMPARE(spin->value(), 40.0);
    // A saved recipe keeps it.
    const QString path = m_dir.filePath(QStringLiteral("opacity-recipe.json"));
    QVERIFY(m_window->saveRecipe(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(recipeFromJson(saved.readAll()).value().opacity, 40.0);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
