// The preview controller against the engine run directly: same pixels, stale results
// dropped, bursts collapsed, quick renders first for large images.
#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "presets.h"
#include "previewcontroller.h"
#include "testimages.h"

#include <QSignalSpy>
#include <QTest>

using namespace ks;

Q_DECLARE_METATYPE(ks::FilterSettings)
Q_DECLARE_METATYPE(ks::Recipe)

namespace {

Recipe gaussianRecipe(double sigma, int size = 0)
{
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"sigma", sigma);
    s.setValue(u"size", size);
    Recipe r;
    r.steps = {s};
    return r;
}

QImage directResult(const QImage &image, const Recipe &recipe)
{
    return Engine(1).apply(image, recipe).value();
}

// Waits until the controller has nothing in flight.
bool waitIdle(const PreviewController &controller)
{
    return QTest::qWaitFor([&] { return !controller.isBusy(); }, 20000);
}

} // namespace

class tst_PreviewController : public QObject
{
    Q_OBJECT

private slots:
    void resultEqualsEngine_data();
    void resultEqualsEngine();
    void burstEndsWithLastSettings();
    void staleResultIsDropped();
    void largeImageGetsQuickThenFull();
    void smallImageGetsOnlyFull();
    void failedRenderIsReported();
    void progressReachesTheEnd();
    void destroyedWhileRendering();
    void scaledRecipeShrinksFilters();
    void everyFilterRendersAboveTheProxyThreshold_data();
    void everyFilterRendersAboveTheProxyThreshold();
    void zoomedInQuickPassIsExactInView_data();
    void zoomedInQuickPassIsExactInView();
    void viewMovedBeforeTheFullResultRendersTheNewView();
};

void tst_PreviewController::resultEqualsEngine_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<QString>("filter");
    QTest::newRow("gaussian, 1 thread") << 1 << QStringLiteral("gaussian");
    QTest::newRow("gaussian, 2 threads") << 2 << QStringLiteral("gaussian");
    QTest::newRow("sharpen, 2 threads") << 2 << QStringLiteral("sharpen5x5");
    QTest::newRow("emboss, 2 threads") << 2 << QStringLiteral("emboss3x3");
}

void tst_PreviewController::resultEqualsEngine()
{
    QFETCH(int, threads);
    QFETCH(QString, filter);
    const QImage image = test::makeImage(300, 200, QImage::Format_RGBA8888, test::AlphaContent::Random, 7);
    Recipe recipe;
    recipe.steps = {FilterSettings(*findFilter(filter))};
    PreviewController controller(std::make_shared<Engine>(threads));
    QSignalSpy results(&controller, &PreviewController::resultReady);
    controller.setSource(image);
    controller.setRecipe(recipe);
    QVERIFY(waitIdle(controller));
    QCOMPARE(results.count(), 1);
    QVERIFY(results.last().at(1).toBool()); // full
    const QImage shown = results.last().at(0).value<QImage>();
    QCOMPARE(test::maxChannelDifference(shown, directResult(image, recipe)), 0);
    QCOMPARE(controller.fullResult(), shown);
}

void tst_PreviewController::burstEndsWithLastSettings()
{
    const QImage image = test::makeImage(800, 600, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 3);
    PreviewController controller(std::make_shared<Engine>(2));
    controller.setSource(image);
    QVERIFY(waitIdle(controller));
    QSignalSpy results(&controller, &PreviewController::resultReady);
    for (int i = 1; i <= 50; ++i)
        controller.setRecipe(gaussianRecipe(0.2 * i));
    QVERIFY(waitIdle(controller));
    // Every earlier generation was cancelled or dropped: one result, of the last settings.
    QCOMPARE(results.count(), 1);
    QCOMPARE(test::maxChannelDifference(results.last().at(0).value<QImage>(),
                                        directResult(image, gaussianRecipe(10.0))),
             0);
}

void tst_PreviewController::staleResultIsDropped()
{
    const QImage image = test::makeImage(600, 400, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 5);
    PreviewController controller(std::make_shared<Engine>(1));
    QSignalSpy results(&controller, &PreviewController::resultReady);
    controller.setSource(image);
    controller.setRecipe(gaussianRecipe(6.0));
    QVERIFY(controller.isBusy());
    const quint64 before = controller.generation();
    controller.setRecipe(gaussianRecipe(1.0));
    QCOMPARE(controller.generation(), before + 1);
    QVERIFY(waitIdle(controller));
    QCOMPARE(results.count(), 1);
    QCOMPARE(test::maxChannelDifference(results.last().at(0).value<QImage>(), directResult(image, gaussianRecipe(1.0))),
             0);
}

void tst_PreviewController::largeImageGetsQuickThenFull()
{
    const QImage image = test::makeImage(2000, 1200, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 9);
    PreviewController controller(std::make_shared<Engine>(2));
    controller.setDisplaySize(QSize(500, 400));
    QSignalSpy results(&controller, &PreviewController::resultReady);
    controller.setRecipe(gaussianRecipe(4.0));
    controller.setSource(image);
    QVERIFY(waitIdle(controller));
    QCOMPARE(results.count(), 2);
    const QImage quick = results.at(0).at(0).value<QImage>();
    QVERIFY(!results.at(0).at(1).toBool());
    QCOMPARE(quick.size(), QSize(500, 300)); // the source's aspect ratio inside the display size
    QVERIFY(results.at(1).at(1).toBool());
    QCOMPARE(test::maxChannelDifference(results.at(1).at(0).value<QImage>(),
                                        directResult(image, gaussianRecipe(4.0))),
             0);
}

void tst_PreviewController::smallImageGetsOnlyFull()
{
    const QImage image = test::makeImage(640, 480, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 2);
    PreviewController controller(std::make_shared<Engine>(2));
    controller.setDisplaySize(QSize(200, 150));
    QSignalSpy results(&controller, &PreviewController::resultReady);
    controller.setSource(image);
    QVERIFY(waitIdle(controller));
    QCOMPARE(results.count(), 1);
    QVERIFY(results.last().at(1).toBool());
    QCOMPARE(results.last().at(0).value<QImage>().size(), image.size());
}

void tst_PreviewController::failedRenderIsReported()
{
    const QImage image = test::makeImage(64, 64, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 1);
    Recipe recipe = gaussianRecipe(1.0);
    recipe.steps[0].region = QRect(1000, 1000, 10, 10); // outside the image
    PreviewController controller(std::make_shared<Engine>(1));
    QSignalSpy failures(&controller, &PreviewController::renderFailed);
    QSignalSpy results(&controller, &PreviewController::resultReady);
    controller.setSource(image);
    controller.setRecipe(recipe);
    QVERIFY(waitIdle(controller));
    QCOMPARE(failures.count(), 1);
    QVERIFY(!failures.last().at(0).toString().isEmpty());
    QCOMPARE(results.count(), 0);
}

void tst_PreviewController::progressReachesTheEnd()
{
    const QImage image = test::makeImage(400, 800, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 4);
    PreviewController controller(std::make_shared<Engine>(2));
    QSignalSpy progress(&controller, &PreviewController::progressChanged);
    controller.setRecipe(gaussianRecipe(3.0));
    controller.setSource(image);
    QVERIFY(waitIdle(controller));
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0).toDouble() == 1.0);
    double previous = -1;
    for (const QList<QVariant> &call : progress) {
        QVERIFY(call.at(0).toDouble() >= previous);
        previous = call.at(0).toDouble();
    }
}

void tst_PreviewController::destroyedWhileRendering()
{
    const QImage image = test::makeImage(1500, 1000, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 6);
    auto controller = std::make_unique<PreviewController>(std::make_shared<Engine>(2));
    controller->setRecipe(gaussianRecipe(20.0));
    controller->setSource(image);
    QVERIFY(controller->isBusy());
    controller.reset(); // cancels and waits; queued progress must not reach a dead object
    QTest::qWait(50);
}

void tst_PreviewController::scaledRecipeShrinksFilters()
{
    Recipe recipe = gaussianRecipe(4.0, 25);
    FilterSettings motion = filterNamed("motion");
    motion.setValue(u"size", 40);
    recipe.steps << motion << filterNamed("sharpen3x3");
    recipe.steps[0].region = QRect(100, 200, 300, 400);
    const Recipe scaled = PreviewController::scaledRecipe(recipe, 0.25);
    QCOMPARE(scaled.steps[0].value(u"sigma"), 1.0);
    QCOMPARE(scaled.steps[0].integer(u"size"), 7); // 6.25 rounds to 6, made odd
    QCOMPARE(*scaled.steps[0].region, QRect(25, 50, 75, 100));
    QCOMPARE(scaled.steps[1].integer(u"size"), 10); // motion length need not be odd
    QCOMPARE(scaled.steps[2], recipe.steps[2]);
}

void tst_PreviewController::everyFilterRendersAboveTheProxyThreshold_data()
{
    QTest::addColumn<FilterSettings>("step");
    for (const FilterDeclaration *filter : allFilters())
        QTest::newRow(filter->name) << FilterSettings(*filter);
    const Recipe reference = referenceExample();
    for (qsizetype i = 0; i < reference.steps.size(); ++i)
        QTest::newRow(qPrintable(QStringLiteral("reference %1: %2").arg(i + 1).arg(filterSpec(reference.steps[i]))))
            << reference.steps[i];
    // The smallest sizes, which a reduced pass cannot shrink further (the median preset "Denoise").
    FilterSettings median = filterNamed("median");
    median.setValue(u"size", 3);
    QTest::newRow("median 3") << median;
    FilterSettings bilateral = filterNamed("bilateral");
    bilateral.setValue(u"size", 3);
    QTest::newRow("bilateral 3") << bilateral;
}

// Each filter through the controller on an image that gets a reduced quick pass first: the
// quick pass may be skipped, but the full render always comes and equals the engine's.
void tst_PreviewController::everyFilterRendersAboveTheProxyThreshold()
{
    QFETCH(FilterSettings, step);
    const QImage image = test::makeImage(1800, 1200, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 11);
    QVERIFY(qint64(image.width()) * image.height() > PreviewController::QuickRenderPixels);
    const auto engine = std::make_shared<Engine>(2);
    PreviewController controller(engine);
    controller.setDisplaySize(QSize(300, 200)); // a sixth: sizes of 3 and 5 would scale below 1
    QSignalSpy results(&controller, &PreviewController::resultReady);
    QSignalSpy failures(&controller, &PreviewController::renderFailed);
    controller.setRecipe(Recipe{{step}});
    controller.setSource(image);
    QVERIFY(waitIdle(controller));
    QCOMPARE(failures.count(), 0);
    QVERIFY(!results.isEmpty());
    QVERIFY(results.last().at(1).toBool()); // the last one shown is the full result
    QCOMPARE(results.last().at(0).value<QImage>().size(), image.size());
    QCOMPARE(test::maxChannelDifference(controller.fullResult(), engine->apply(image, step).value()), 0);
}

void tst_PreviewController::zoomedInQuickPassIsExactInView_data()
{
    QTest::addColumn<Recipe>("recipe");
    QTest::addColumn<QRect>("visible");
    QTest::newRow("gaussian sigma 2, middle") << gaussianRecipe(2.0) << QRect(1200, 700, 900, 600);
    QTest::newRow("gaussian sigma 0.6, corner") << gaussianRecipe(0.6) << QRect(0, 0, 900, 600);
    QTest::newRow("gaussian sigma 4, bottom right") << gaussianRecipe(4.0) << QRect(2100, 1400, 900, 600);
    FilterSettings median = filterNamed("median");
    median.setValue(u"size", 5);
    QTest::newRow("median 5") << Recipe{{median}} << QRect(1000, 900, 700, 500);
    QTest::newRow("bilateral") << Recipe{{filterNamed("bilateral")}} << QRect(500, 500, 600, 400);
    FilterSettings motion = filterNamed("motion");
    motion.setValue(u"angle", 30);
    QTest::newRow("motion") << Recipe{{motion}} << QRect(2500, 100, 500, 500);
    // Each step must be exact where the next one reads; a region cuts through the view.
    FilterSettings boxed = filterNamed("box");
    boxed.region = QRect(1300, 800, 300, 2000);
    FilterSettings reflect = filterNamed("sharpen5x5");
    reflect.border = BorderMode::Reflect;
    QTest::newRow("three steps, a region") << Recipe{{gaussianRecipe(3.0).steps[0], boxed, reflect}}
                                           << QRect(1200, 700, 900, 600);
}

// At 100 % the quick pass renders the part in view at full resolution; those pixels are the
// full result's.
void tst_PreviewController::zoomedInQuickPassIsExactInView()
{
    QFETCH(Recipe, recipe);
    QFETCH(QRect, visible);
    const QImage image = test::makeImage(3000, 2000, QImage::Format_RGB32, test::AlphaContent::Opaque, 13);
    PreviewController controller(std::make_shared<Engine>(2));
    controller.setDisplaySize(visible.size());
    controller.setView(visible, 1.0);
    QSignalSpy areas(&controller, &PreviewController::areaReady);
    QSignalSpy results(&controller, &PreviewController::resultReady);
    controller.setRecipe(recipe);
    controller.setSource(image);
    QVERIFY(waitIdle(controller));
    QCOMPARE(areas.count(), 1);
    QCOMPARE(results.count(), 1); // no reduced pass: only the full one
    QCOMPARE(areas.first().at(1).toRect(), visible);
    const QImage area = areas.first().at(0).value<QImage>();
    QCOMPARE(area.size(), visible.size());
    QCOMPARE(test::maxChannelDifference(area, controller.fullResult().copy(visible)), 0);
    QCOMPARE(test::maxChannelDifference(controller.fullResult(), directResult(image, recipe)), 0);
}

void tst_PreviewController::viewMovedBeforeTheFullResultRendersTheNewView()
{
    const QImage image = test::makeImage(3000, 2000, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 17);
    PreviewController controller(std::make_shared<Engine>(1));
    controller.setDisplaySize(QSize(600, 400));
    controller.setView(QRect(0, 0, 600, 400), 1.0);
    QSignalSpy areas(&controller, &PreviewController::areaReady);
    controller.setRecipe(gaussianRecipe(2.0));
    controller.setSource(image);
    QVERIFY(areas.wait(20000));
    QVERIFY(controller.fullResult().isNull()); // one thread: the full render takes a while
    controller.setView(QRect(2000, 1000, 600, 400), 1.0); // panned away
    QVERIFY(waitIdle(controller));
    QCOMPARE(areas.count(), 2);
    QCOMPARE(areas.last().at(1).toRect(), QRect(2000, 1000, 600, 400));
    controller.setView(QRect(100, 100, 600, 400), 1.0); // the exact result is there: nothing to do
    QVERIFY(!controller.isBusy());
}

QTEST_GUILESS_MAIN(tst_PreviewController)
#include "tst_previewcontroller.moc"
