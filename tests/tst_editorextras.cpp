// The editor's everyday extras in a real window (offscreen platform), driven with QTest keys and
// clicks: Preview on/off, the histogram dock, zoom presets, full screen, Close Image, copy and
// paste through the clipboard, and the toolbar's theme icons with their bundled fallback.
#include "compareview.h"
#include "document.h"
#include "engine.h"
#include "histogram.h"
#include "histogramdock.h"
#include "mainwindow.h"
#include "previewcontroller.h"
#include "recipe.h"
#include "testimages.h"
#include "zoompresets.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QWheelEvent>
#include <QWidgetAction>

using namespace ks;

namespace {

QImage engineResult(const QImage &image, const Recipe &recipe)
{
    return Engine(1).apply(image, recipe).value();
}

// Answers the next question box (the static QMessageBox::question runs its own loop) with
// `button`; the returned text is the question's, once it was asked.
std::shared_ptr<QString> answerNextQuestion(QMessageBox::StandardButton button)
{
    auto asked = std::make_shared<QString>();
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, button, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop(); // one question only; deleteLater() waits for the loop this runs in
        timer->deleteLater();
        *asked = box->text();
        box->button(button)->click();
    });
    timer->start();
    return asked;
}

} // namespace

class tst_EditorExtras : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void previewOffShowsTheOriginal();
    void histogramFollowsOriginalAndResult();
    void zoomPresetsFollowTheView();
    void zoomComboTakesATypedPercentage();
    void f11TogglesFullScreen();
    void closeImageAsksAboutUnexportedChanges();
    void copyPutsTheFullResultOnTheClipboard();
    void copyWaitsForTheRender();
    void copyInTheKernelGridCopiesTheKernel();
    void pasteOpensANewDocument_data();
    void pasteOpensANewDocument();
    void pasteAsksAboutUnexportedChanges();
    void pasteWithoutAnImageSaysSo();
    void toolbarIconsComeFromTheThemeOrTheBundle();

private:
    bool open(const QString &path);
    bool waitForFullResult();
    void activate();
    void press(const QKeySequence &keys);
    QImage paneImage(const char *name) const;
    std::unique_ptr<MainWindow> m_window;
};

void tst_EditorExtras::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("KernelStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_editorextras"));
    QStandardPaths::setTestModeEnabled(true);
}

void tst_EditorExtras::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(open(QStringLiteral(KS_SAMPLES_DIR "/photo.png")));
    // Edges: a result nothing like the original, so a pane that shows one cannot pass for the other.
    m_window->setRecipe(Recipe{{filterNamed("laplace8")}}, QStringLiteral("test"));
    QVERIFY(waitForFullResult());
    m_window->undoStack()->setClean();
    activate();
}

void tst_EditorExtras::cleanup()
{
    m_window->undoStack()->setClean(); // no "export first?" question when the window goes
    m_window.reset();
}

bool tst_EditorExtras::open(const QString &path)
{
    QSignalSpy loaded(m_window->document(), &Document::loaded);
    QSignalSpy failed(m_window->document(), &Document::loadFailed);
    if (!m_window->openFile(path))
        return false;
    return QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 30000) && loaded.count() == 1;
}

bool tst_EditorExtras::waitForFullResult()
{
    PreviewController *preview = m_window->preview();
    return QTest::qWaitFor([&] { return !preview->isBusy() && !preview->fullResult().isNull(); }, 30000) &&
           m_window->compareView()->result() == preview->fullResult();
}

void tst_EditorExtras::activate()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

// A shortcut as a person types it, to the window (the view has the focus).
void tst_EditorExtras::press(const QKeySequence &keys)
{
    // A question box that just closed may have left no window active; shortcuts need one.
    activate();
    m_window->compareView()->setFocus();
    const QKeyCombination key = keys[0];
    QTest::keyClick(m_window->compareView(), key.key(), key.keyboardModifiers());
}

QImage tst_EditorExtras::paneImage(const char *name) const
{
    auto *pane = m_window->findChild<QAbstractScrollArea *>(QLatin1String(name));
    return pane->viewport()->grab().toImage();
}

void tst_EditorExtras::previewOffShowsTheOriginal()
{
    CompareView *view = m_window->compareView();
    auto *check = m_window->findChild<QCheckBox *>(QStringLiteral("previewCheck"));
    auto *action = m_window->findChild<QAction *>(QStringLiteral("actionPreview"));
    QVERIFY(check && action);
    QVERIFY(check->isChecked() && action->isChecked());
    view->splitter()->setSizes({500, 500}); // equal panes, so their pixels can be compared
    QTRY_COMPARE(view->originalPane()->size(), view->resultPane()->size());
    QVERIFY(paneImage("resultPane") != paneImage("originalPane"));

    check->click();
    QVERIFY(!action->isChecked());
    QVERIFY(view->showsOriginal());
    QCOMPARE(view->resultBadge(), QStringLiteral("Original"));
    QTRY_COMPARE(paneImage("resultPane"), paneImage("originalPane"));

    // Backslash released while the preview is off leaves it off.
    QTest::keyPress(view, Qt::Key_Backslash);
    QTest::keyRelease(view, Qt::Key_Backslash);
    QVERIFY(view->showsOriginal());

    action->trigger(); // the View menu's entry turns it on again, and the check box follows
    QVERIFY(check->isChecked());
    QVERIFY(!view->showsOriginal());
    QTRY_VERIFY(paneImage("resultPane") != paneImage("originalPane"));
    // The hold-to-compare key still works with the preview on.
    view->setFocus();
    QTest::keyPress(view, Qt::Key_Backslash);
    QVERIFY(view->showsOriginal());
    QTest::keyRelease(view, Qt::Key_Backslash);
    QVERIFY(!view->showsOriginal());
}

void tst_EditorExtras::histogramFollowsOriginalAndResult()
{
    HistogramDock *dock = m_window->histogramDock();
    QVERIFY(!dock->isVisible()); // hidden at first, and counts nothing then
    QVERIFY(!dock->originalHistogram());
    press(QKeySequence(Qt::CTRL | Qt::Key_H));
    QVERIFY(dock->isVisible());
    QTRY_VERIFY(dock->originalHistogram() && dock->resultHistogram() && !dock->isCounting());
    QCOMPARE(*dock->originalHistogram(), *histogramOf(m_window->original()));
    QCOMPARE(*dock->resultHistogram(), *histogramOf(m_window->preview()->fullResult()));
    QVERIFY(*dock->resultHistogram() != *dock->originalHistogram());

    m_window->setRecipe(Recipe{{filterNamed("box")}}, QStringLiteral("box"));
    QVERIFY(waitForFullResult());
    const Histogram boxed = *histogramOf(engineResult(m_window->original(), m_window->recipe()));
    QTRY_VERIFY(dock->resultHistogram() && *dock->resultHistogram() == boxed);
}

void tst_EditorExtras::zoomPresetsFollowTheView()
{
    CompareView *view = m_window->compareView();
    auto *combo = m_window->findChild<QComboBox *>(QStringLiteral("zoomCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), zoomText(view->zoom())); // fitted at first
    for (const int percent : ZoomPresets::Percents) {
        m_window->findChild<QAction *>(QStringLiteral("actionZoom%1").arg(percent))->trigger();
        QCOMPARE(view->zoom(), percent / 100.0);
        QCOMPARE(combo->currentText(), QStringLiteral("%1 %").arg(percent));
        QCOMPARE(combo->currentData().toDouble(), percent / 100.0);
    }
    // The wheel goes from 400 % to the next step, 600 %: no preset, the box still says it.
    auto *pane = m_window->findChild<QAbstractScrollArea *>(QStringLiteral("resultPane"));
    const QPointF at(pane->viewport()->width() / 2.0, pane->viewport()->height() / 2.0);
    QWheelEvent wheel(at, pane->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(pane->viewport(), &wheel);
    QCOMPARE(view->zoom(), 6.0);
    QCOMPARE(combo->currentText(), QStringLiteral("600 %"));
    QCOMPARE(combo->currentIndex(), -1);
    press(QKeySequence(Qt::CTRL | Qt::Key_0)); // fit
    QVERIFY(view->isFitToWindow());
    QCOMPARE(combo->currentText(), zoomText(view->zoom()));
    // Picking from the box with the keyboard zooms the view.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(view->zoom(), combo->currentData().toDouble());
    QVERIFY(ZoomPresets::Percents.front() / 100.0 <= view->zoom());
}

void tst_EditorExtras::zoomComboTakesATypedPercentage()
{
    CompareView *view = m_window->compareView();
    auto *combo = m_window->findChild<QComboBox *>(QStringLiteral("zoomCombo"));
    combo->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("150"));
    QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
    QCOMPARE(view->zoom(), 1.5);
    QCOMPARE(combo->currentText(), QStringLiteral("150 %"));
    // Text that is no percentage changes nothing and is replaced by the zoom.
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("big"));
    QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
    QCOMPARE(view->zoom(), 1.5);
    QCOMPARE(combo->currentText(), QStringLiteral("150 %"));
}

void tst_EditorExtras::f11TogglesFullScreen()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("actionFullScreen"));
    QVERIFY(action && !action->isChecked());
    press(QKeySequence(Qt::Key_F11));
    QTRY_VERIFY(m_window->isFullScreen());
    QVERIFY(action->isChecked());
    press(QKeySequence(Qt::Key_F11));
    QTRY_VERIFY(!m_window->isFullScreen());
    QVERIFY(!action->isChecked());
    // Ended from outside (as a window manager does): the action follows.
    m_window->showFullScreen();
    QTRY_VERIFY(action->isChecked());
    m_window->showNormal();
    QTRY_VERIFY(!action->isChecked());
}

void tst_EditorExtras::closeImageAsksAboutUnexportedChanges()
{
    auto *close = m_window->findChild<QAction *>(QStringLiteral("actionCloseImage"));
    QVERIFY(close && close->isEnabled());
    m_window->setRecipe(Recipe{{filterNamed("box")}}, QStringLiteral("box")); // an unexported change
    QVERIFY(m_window->isWindowModified());

    auto asked = answerNextQuestion(QMessageBox::Cancel);
    press(QKeySequence::Close);
    QVERIFY2(asked->contains(QStringLiteral("photo.png")), qPrintable(*asked));
    QVERIFY(!m_window->document()->isNull()); // Cancel keeps it

    asked = answerNextQuestion(QMessageBox::Discard);
    press(QKeySequence::Close);
    QVERIFY(!asked->isEmpty());
    QVERIFY(m_window->document()->isNull());
    QVERIFY(m_window->compareView()->original().isNull());
    QVERIFY(m_window->compareView()->result().isNull());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("No image")));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(!close->isEnabled());
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("actionExport"))->isEnabled());
    QCOMPARE(m_window->recipe().steps.size(), qsizetype(1)); // the stack stays for the next image

    // Without changes it closes at once (a question would hang here: none is answered).
    QVERIFY(open(QStringLiteral(KS_SAMPLES_DIR "/photo.png")));
    QVERIFY(!m_window->isWindowModified());
    press(QKeySequence::Close);
    QVERIFY(m_window->document()->isNull());
}

void tst_EditorExtras::copyPutsTheFullResultOnTheClipboard()
{
    QGuiApplication::clipboard()->clear();
    press(QKeySequence::Copy);
    const QImage copied = QGuiApplication::clipboard()->image();
    const QImage expected = engineResult(m_window->original(), m_window->recipe());
    QCOMPARE(copied.size(), m_window->original().size());
    QCOMPARE(test::maxChannelDifference(copied, expected), 0);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("640 × 400")));
}

void tst_EditorExtras::copyWaitsForTheRender()
{
    QGuiApplication::clipboard()->clear();
    m_window->setRecipe(Recipe{{filterNamed("sobel-x")}}, QStringLiteral("sobel"));
    QVERIFY(m_window->preview()->fullResult().isNull()); // rendering now
    press(QKeySequence::Copy);
    QTRY_VERIFY_WITH_TIMEOUT(!QGuiApplication::clipboard()->image().isNull(), 30000);
    QCOMPARE(test::maxChannelDifference(QGuiApplication::clipboard()->image(),
                                        engineResult(m_window->original(), m_window->recipe())),
             0);
}

// The window's Copy Result owns Ctrl+C, except in the kernel grid: there it copies the kernel,
// as the grid's Copy button does.
void tst_EditorExtras::copyInTheKernelGridCopiesTheKernel()
{
    QGuiApplication::clipboard()->clear();
    activate();
    auto *grid = m_window->findChild<QTableView *>(QStringLiteral("kernelGrid"));
    QVERIFY(grid);
    m_window->findChild<QDockWidget *>(QStringLiteral("kernelDock"))->raise();
    grid->setFocus();
    QTRY_VERIFY(grid->hasFocus());
    QTest::keyClick(grid, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QGuiApplication::clipboard()->image().isNull());
    const QString typed = QGuiApplication::clipboard()->text();
    QVERIFY2(typed.startsWith(QStringLiteral("3x3:")), qPrintable(typed)); // laplace8's kernel as text

    QGuiApplication::clipboard()->clear();
    m_window->findChild<QPushButton *>(QStringLiteral("kernelCopy"))->click();
    QCOMPARE(typed, QGuiApplication::clipboard()->text());
}

void tst_EditorExtras::pasteOpensANewDocument_data()
{
    QTest::addColumn<QImage::Format>("format");
    QTest::addColumn<bool>("asPng"); // as another program offers it: PNG bytes
    QTest::newRow("Qt image, 8-bit with alpha") << QImage::Format_ARGB32 << false;
    QTest::newRow("Qt image, 16-bit") << QImage::Format_RGBA64 << false;
    QTest::newRow("PNG bytes, 16-bit") << QImage::Format_RGBA64 << true;
}

void tst_EditorExtras::pasteOpensANewDocument()
{
    QFETCH(QImage::Format, format);
    QFETCH(bool, asPng);
    const QImage image = test::makeImage(50, 40, format, test::AlphaContent::Random, 11);
    if (asPng) {
        auto *data = new QMimeData;
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));
        data->setData(QStringLiteral("image/png"), png);
        QGuiApplication::clipboard()->setMimeData(data);
    } else {
        QGuiApplication::clipboard()->setImage(image);
    }
    QSignalSpy loaded(m_window->document(), &Document::loaded);
    press(QKeySequence::Paste);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(m_window->original().size(), QSize(50, 40));
    QCOMPARE(m_window->original().depth(), image.depth()); // 16-bit stays 16-bit
    QCOMPARE(test::maxChannelDifference(m_window->original(), image), 0);
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Pasted image")));
    QVERIFY(m_window->documentPath().isEmpty());
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("actionReload"))->isEnabled());
    QVERIFY(waitForFullResult());
    QCOMPARE(test::maxChannelDifference(m_window->compareView()->result(), engineResult(image, m_window->recipe())), 0);
}

void tst_EditorExtras::pasteAsksAboutUnexportedChanges()
{
    QGuiApplication::clipboard()->setImage(test::makeImage(30, 20, QImage::Format_RGB32, test::AlphaContent::Opaque, 5));
    m_window->setRecipe(Recipe{{filterNamed("box")}}, QStringLiteral("box"));
    auto asked = answerNextQuestion(QMessageBox::Cancel);
    press(QKeySequence::Paste);
    QVERIFY(!asked->isEmpty());
    QVERIFY(!m_window->document()->isLoading());
    QCOMPARE(m_window->original().size(), QSize(640, 400)); // Cancel keeps the photo

    QSignalSpy loaded(m_window->document(), &Document::loaded);
    asked = answerNextQuestion(QMessageBox::Discard);
    press(QKeySequence::Paste);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(m_window->original().size(), QSize(30, 20));
}

void tst_EditorExtras::pasteWithoutAnImageSaysSo()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("just words"));
    m_window->setRecipe(Recipe{{filterNamed("box")}}, QStringLiteral("box")); // no question for nothing
    press(QKeySequence::Paste);
    QVERIFY(!m_window->document()->isLoading());
    QCOMPARE(m_window->original().size(), QSize(640, 400));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("no image")),
             qPrintable(m_window->statusBar()->currentMessage()));
}

void tst_EditorExtras::toolbarIconsComeFromTheThemeOrTheBundle()
{
    // A theme that has zoom-in only.
    QTemporaryDir themes;
    QVERIFY(themes.isValid());
    QDir(themes.path()).mkpath(QStringLiteral("kstest/24x24/actions"));
    QFile index(themes.filePath(QStringLiteral("kstest/index.theme")));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("[Icon Theme]\nName=kstest\nDirectories=24x24/actions\n\n[24x24/actions]\nSize=24\nType=Fixed\n");
    index.close();
    QImage red(24, 24, QImage::Format_ARGB32);
    red.fill(Qt::red);
    QVERIFY(red.save(themes.filePath(QStringLiteral("kstest/24x24/actions/zoom-in.png"))));
    const QStringList oldPaths = QIcon::themeSearchPaths();
    const QString oldTheme = QIcon::themeName();
    QIcon::setThemeSearchPaths({themes.path()});
    QIcon::setThemeName(QStringLiteral("kstest"));
    // Theme icons are looked up again when the theme changes: keep this one until the end.
    const auto restore = qScopeGuard([&] {
        QIcon::setThemeSearchPaths(oldPaths);
        QIcon::setThemeName(oldTheme);
    });
    MainWindow window;

    const QIcon zoomIn = window.findChild<QAction *>(QStringLiteral("actionZoomIn"))->icon();
    QCOMPARE(zoomIn.name(), QStringLiteral("zoom-in"));
    QCOMPARE(zoomIn.pixmap(24).toImage().convertToFormat(QImage::Format_ARGB32).pixel(12, 12), qRgb(255, 0, 0));
    auto *toolbar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    for (QAction *action : toolbar->actions()) {
        if (action->isSeparator() || qobject_cast<QWidgetAction *>(action))
            continue;
        // Not blank: the theme's or the bundled SVG's pixels.
        const QImage pixels = action->icon().pixmap(24).toImage().convertToFormat(QImage::Format_ARGB32);
        int drawn = 0;
        for (int y = 0; y < pixels.height(); ++y)
            for (int x = 0; x < pixels.width(); ++x)
                drawn += qAlpha(pixels.pixel(x, y)) > 0;
        QVERIFY2(drawn > 20, qPrintable(action->objectName()));
    }
    // Where the theme has nothing, the bundled icon.
    const QIcon open = window.findChild<QAction *>(QStringLiteral("actionOpen"))->icon();
    QVERIFY(open.name().isEmpty());
    QVERIFY(!open.pixmap(24).isNull());
}

QTEST_MAIN(tst_EditorExtras)
#include "tst_editorextras.moc"
