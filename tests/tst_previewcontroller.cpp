// The preview controller against the engine run directly: same pixels, stale results
// dropped, bursts collapsed, quick renders first for large images.
#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "previewcontroller.h"
#include "testimages.h"

#include <QSignalSpy>
#include <QTest>

using namespace ks;

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

QTEST_GUILESS_MAIN(tst_PreviewController)
#include "tst_previewcontroller.moc"
