#include "bandscheduler.h"
#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "recursivegaussian.h"
#include "reference.h"
#include "simdkernels.h"
#include "testimages.h"

#include <QTest>
#include <QThreadPool>

#include <algorithm>
#include <cmath>

using namespace ks;
using ks::test::AlphaContent;

// The recursive Gaussian (Deriche) may stand in for the FIR Gaussian from sigma 3 up, and the
// engine runs it from the sigma where it is the cheaper of the two; these tests hold it to +-1
// of the exact FIR result of the same size and sigma (the double-precision separable
// reference) from sigma 3, on images smaller than the kernel, so that every pixel is near a
// border, and on every instruction-set level the machine has, the baseline included.
class tst_RecursiveGaussian : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void withinOneOfFir_data();
    void withinOneOfFir();
    void sameForEveryThreadCount();
    void usedOnlyWhereItIsExact_data();
    void usedOnlyWhereItIsExact();
    void unitGainAtEverySigma_data();
    void unitGainAtEverySigma();
    void engineRunsItWhereItIsCheaper();
    void engineRunsItOnGray();
    void transparentPremultipliedRunsTheFir();
};

void tst_RecursiveGaussian::cleanup()
{
    detail::setSimdLevel(detail::bestSimdLevel());
}

void tst_RecursiveGaussian::withinOneOfFir_data()
{
    QTest::addColumn<double>("sigma");
    QTest::addColumn<int>("border");
    QTest::addColumn<int>("alpha");
    QTest::addColumn<int>("content");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("simd");
    QTest::addColumn<bool>("gray");
    const std::pair<AlphaMode, AlphaContent> alphas[] = {{AlphaMode::Premultiplied, AlphaContent::Opaque},
                                                         {AlphaMode::Straight, AlphaContent::Random},
                                                         {AlphaMode::Ignore, AlphaContent::Random}};
    for (double sigma : {3.0, 10.0, 50.0, 100.0})
        for (BorderMode border : {BorderMode::Clamp, BorderMode::Reflect})
            for (auto [alpha, content] : alphas)
                for (detail::SimdLevel simd :
                     {detail::SimdLevel::Baseline, detail::SimdLevel::Avx2, detail::bestSimdLevel()}) {
                    // Larger than the kernel at sigma 3, smaller at 10 and above.
                    const QSize size = sigma < 5 ? QSize(97, 61) : QSize(83, 57);
                    QTest::addRow("sigma%g/%s/%s/simd%d", sigma, qPrintable(borderModeName(border)),
                                  qPrintable(alphaModeName(alpha)), int(simd))
                        << sigma << int(border) << int(alpha) << int(content) << size << int(simd) << false;
                }
    // Gray: rows taken four at a time as one RGBA row; widths that are not a multiple of 4 and
    // heights that are not a multiple of the 32 rows a horizontal step takes.
    for (double sigma : {3.0, 10.0, 50.0})
        for (BorderMode border : {BorderMode::Clamp, BorderMode::Reflect})
            for (detail::SimdLevel simd :
                 {detail::SimdLevel::Baseline, detail::SimdLevel::Avx2, detail::bestSimdLevel()}) {
                const QSize size = sigma < 5 ? QSize(97, 61) : QSize(83, 57);
                QTest::addRow("sigma%g/%s/gray8/simd%d", sigma, qPrintable(borderModeName(border)), int(simd))
                    << sigma << int(border) << int(AlphaMode::Premultiplied) << int(AlphaContent::Opaque) << size
                    << int(simd) << true;
            }
    QTest::newRow("sigma10/reflect/bands/gray8")
        << 10.0 << int(BorderMode::Reflect) << int(AlphaMode::Straight) << int(AlphaContent::Opaque) << QSize(4099, 23)
        << int(detail::bestSimdLevel()) << true;
    QTest::newRow("sigma6/clamp/narrow/gray8")
        << 6.0 << int(BorderMode::Clamp) << int(AlphaMode::Ignore) << int(AlphaContent::Opaque) << QSize(6, 71)
        << int(detail::SimdLevel::Baseline) << true;
    QTest::newRow("sigma10/clamp/wide") << 10.0 << int(BorderMode::Clamp) << int(AlphaMode::Premultiplied)
                                        << int(AlphaContent::Opaque) << QSize(301, 7) << int(detail::bestSimdLevel())
                                        << false;
    // Several bands of columns in the vertical pass, and a last band that ends mid-vector.
    QTest::newRow("sigma10/reflect/bands")
        << 10.0 << int(BorderMode::Reflect) << int(AlphaMode::Ignore) << int(AlphaContent::Random) << QSize(1031, 23)
        << int(detail::bestSimdLevel()) << false;
    QTest::newRow("sigma3/reflect/tall") << 3.0 << int(BorderMode::Reflect) << int(AlphaMode::Straight)
                                         << int(AlphaContent::Shapes) << QSize(5, 203) << int(detail::bestSimdLevel())
                                         << false;
}

namespace {

// The recursive blur itself, whatever the engine would pick at this sigma; target gets its result.
detail::RecursiveBlur runRecursive(const QImage &image, const FilterSettings &settings, int threads, QImage &target)
{
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    detail::BandScheduler scheduler(threads > 1 ? &pool : nullptr, threads, CancelToken(), nullptr);
    target = QImage(image.size(), image.format());
    return detail::recursiveGaussianBlur(image, settings, scheduler, target);
}

// Its result, or a null image when it did not finish.
QImage recursiveBlur(const QImage &image, const FilterSettings &settings, int threads)
{
    QImage target;
    return runRecursive(image, settings, threads, target) == detail::RecursiveBlur::Done ? target : QImage();
}

// The mean of a - b over every channel of two RGBA8888 images of one size.
double meanDifference(const QImage &a, const QImage &b)
{
    double total = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const uchar *pa = a.constScanLine(y), *pb = b.constScanLine(y);
        for (int i = 0; i < a.width() * 4; ++i)
            total += double(pa[i]) - double(pb[i]);
    }
    return total / (double(a.width()) * a.height() * 4);
}

} // namespace

void tst_RecursiveGaussian::withinOneOfFir()
{
    QFETCH(double, sigma);
    QFETCH(int, border);
    QFETCH(int, alpha);
    QFETCH(int, content);
    QFETCH(QSize, size);
    QFETCH(int, simd);
    QFETCH(bool, gray);
    detail::setSimdLevel(detail::SimdLevel(simd));
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    s.setValue(u"sigma", sigma);
    s.border = BorderMode(border);
    s.alpha = AlphaMode(alpha);
    const QImage image =
        test::makeImage(size.width(), size.height(), gray ? QImage::Format_Grayscale8 : QImage::Format_RGBA8888,
                        AlphaContent(content), 31);
    QVERIFY(detail::recursiveGaussianAllowed(image, s));

    const std::vector<float> taps = gaussian1D(0, sigma);
    const QImage fir = test::referenceSeparable(image, taps, taps, s.border, s.alpha == AlphaMode::Ignore);
    const QImage blurred = recursiveBlur(image, s, 2);
    QVERIFY(!blurred.isNull());
    QCOMPARE(blurred.format(), image.format());
    // Gray compared as RGBA (Qt widens it exactly: each channel the gray value, alpha 255).
    const QImage result = blurred.convertToFormat(QImage::Format_RGBA8888);
    QCOMPARE_LE(test::maxChannelDifference(result, fir), 1);
    // Within ±1 is not enough to show the fixed-point fraction survives between the passes:
    // dropping it would still stay within ±1 but pull every value down by half a level.
    QCOMPARE_LE(std::fabs(meanDifference(result, fir)), 0.1);
}

void tst_RecursiveGaussian::sameForEveryThreadCount()
{
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    s.setValue(u"sigma", 7);
    // Wider than one band of columns, so threads share the vertical pass too.
    for (QImage::Format format : {QImage::Format_RGBA8888, QImage::Format_Grayscale8}) {
        // Gray: 4 * 1301 wide, so its quarter-width vertical pass has as many bands.
        const int width = format == QImage::Format_Grayscale8 ? 4 * 1301 + 3 : 1301;
        const QImage image = test::makeImage(width, 203, format, AlphaContent::Opaque, 9);
        QVERIFY(detail::recursiveGaussianAllowed(image, s));
        const QImage single = recursiveBlur(image, s, 1);
        QVERIFY(!single.isNull());
        for (int threads : {2, 3, 8})
            QCOMPARE(recursiveBlur(image, s, threads), single);
        // Every SIMD level within one level of the others: the engine's kernels let the
        // compiler fuse multiply-adds where the level has them, so the float recursion is not
        // bit-identical across levels (RGBA and gray alike).
        for (int level = int(detail::SimdLevel::Baseline); level <= int(detail::bestSimdLevel()); ++level) {
            detail::setSimdLevel(detail::SimdLevel(level));
            const QImage atLevel = recursiveBlur(image, s, 2);
            QCOMPARE_LE(test::maxChannelDifference(atLevel, single), 1);
        }
        detail::setSimdLevel(detail::bestSimdLevel());
    }
}

void tst_RecursiveGaussian::usedOnlyWhereItIsExact_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("content");
    QTest::addColumn<bool>("recursive");
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    s.setValue(u"sigma", 10);
    const int rgba8 = QImage::Format_RGBA8888, opaque = int(AlphaContent::Opaque);
    QTest::newRow("opaque premultiplied") << s << rgba8 << opaque << true;
    QTest::newRow("transparent premultiplied") << s << rgba8 << int(AlphaContent::Random) << false;
    QTest::newRow("16-bit") << s << int(QImage::Format_RGBA64) << opaque << false;
    FilterSettings t = s;
    t.linearLight = true;
    QTest::newRow("linear light") << t << rgba8 << opaque << false;
    for (BorderMode border : {BorderMode::Wrap, BorderMode::Transparent, BorderMode::Unfiltered}) {
        t = s;
        t.border = border;
        QTest::addRow("%s border", qPrintable(borderModeName(border))) << t << rgba8 << opaque << false;
    }
    t = s;
    t.region = QRect(1, 1, 5, 5);
    QTest::newRow("region") << t << rgba8 << opaque << false;
    t = s;
    t.setValue(u"size", 41); // +-20 at sigma 10: cut inside +-3 sigma
    QTest::newRow("narrow kernel") << t << rgba8 << opaque << false;
    t = s;
    t.setValue(u"sigma", 2);
    QTest::newRow("sigma 2: FIR") << t << rgba8 << opaque << false;
    t = s;
    t.setValue(u"sigma", 3);
    QTest::newRow("sigma 3") << t << rgba8 << opaque << true;
    t.setValue(u"sigma", 300); // the kernel is capped at 1001 wide, inside +-3 sigma
    QTest::newRow("sigma 300: capped kernel") << t << rgba8 << opaque << false;
    t = s;
    t.setValue(u"sigma-y", 10); // the same sigma, named twice: still round
    QTest::newRow("sigma-y equal") << t << rgba8 << opaque << true;
    t.setValue(u"sigma-y", 4); // elliptic: the recursion has one sigma only
    QTest::newRow("sigma-y different") << t << rgba8 << opaque << false;
}

void tst_RecursiveGaussian::usedOnlyWhereItIsExact()
{
    QFETCH(FilterSettings, settings);
    QFETCH(int, format);
    QFETCH(int, content);
    QFETCH(bool, recursive);
    const QImage image = test::makeImage(40, 30, QImage::Format(format), AlphaContent(content), 3)
                             .convertToFormat(format == QImage::Format_RGBA64 ? QImage::Format_RGBA64
                                                                              : QImage::Format_RGBA8888);
    // Premultiplied colour needs an opaque image too, which the blur checks as it reads it.
    QImage target;
    QCOMPARE(detail::recursiveGaussianAllowed(image, settings) &&
                 runRecursive(image, settings, 1, target) != detail::RecursiveBlur::Transparent,
             recursive);
}

void tst_RecursiveGaussian::unitGainAtEverySigma_data()
{
    QTest::addColumn<double>("sigma");
    for (double sigma : {3.0, 10.0, 50.0, 100.0, 150.0})
        QTest::addRow("%g", sigma) << sigma;
}

void tst_RecursiveGaussian::unitGainAtEverySigma()
{
    // A flat image stays exactly flat: the recursion's gain is 1 and its start is steady.
    QFETCH(double, sigma);
    QImage flat(64, 48, QImage::Format_RGBA8888);
    flat.fill(QColor(200, 17, 255, 255));
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    s.setValue(u"sigma", sigma);
    QVERIFY(detail::recursiveGaussianAllowed(flat, s));
    QCOMPARE(recursiveBlur(flat, s, 2), flat);
}

void tst_RecursiveGaussian::engineRunsItWhereItIsCheaper()
{
    const QImage image = test::makeImage(40, 30, QImage::Format_RGBA8888, AlphaContent::Opaque, 3);
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    for (double sigma : {3.0, 5.9, 6.0, 50.0}) {
        s.setValue(u"sigma", sigma);
        QVERIFY(detail::recursiveGaussianAllowed(image, s));
        QCOMPARE(detail::recursiveGaussianApplies(image, s), sigma >= detail::RecursiveGaussianCheaperSigma);
    }
    // Below the crossover the engine runs the FIR, held to +-1 of the reference like any kernel.
    s.setValue(u"sigma", 4);
    const std::vector<float> taps = gaussian1D(0, s.value(u"sigma"));
    const QImage fir = test::referenceSeparable(image, taps, taps, s.border, false);
    const Result<QImage> result = Engine(2).apply(image, s);
    QVERIFY(result.ok());
    QCOMPARE_LE(test::maxChannelDifference(result.value(), fir), 1);
}

// A gray image stays gray through the engine's recursive blur: the same result as the blur
// itself, within +-1 of the FIR; a region (not taken by the recursion) runs the gray FIR.
void tst_RecursiveGaussian::engineRunsItOnGray()
{
    const QImage image = test::makeImage(203, 61, QImage::Format_Grayscale8, AlphaContent::Opaque, 4);
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    s.setValue(u"sigma", 10);
    s.border = BorderMode::Reflect;
    QVERIFY(detail::recursiveGaussianApplies(image, s));
    const std::vector<float> taps = gaussian1D(0, 10);
    const QImage fir = test::referenceSeparable(image, taps, taps, s.border, false);
    for (int threads : {1, 2, 3}) {
        const Result<QImage> result = Engine(threads).apply(image, s);
        QVERIFY(result.ok());
        QCOMPARE(result.value().format(), QImage::Format_Grayscale8);
        QCOMPARE(result.value(), recursiveBlur(image, s, threads));
        QCOMPARE_LE(test::maxChannelDifference(result.value().convertToFormat(QImage::Format_RGBA8888), fir), 1);
    }
    s.region = QRect(10, 5, 150, 40);
    QVERIFY(!detail::recursiveGaussianApplies(image, s));
    const Result<QImage> region = Engine(2).apply(image, s);
    QVERIFY(region.ok());
    QCOMPARE(region.value().format(), QImage::Format_Grayscale8);
}

void tst_RecursiveGaussian::transparentPremultipliedRunsTheFir()
{
    // Dividing by a small blurred alpha would magnify the recursion's error past +-1: one pixel
    // short of opaque, in the last of three column bands, and the blur declines, on every thread
    // count; straight and ignored alpha need no divide.
    QImage image = test::makeImage(1301, 40, QImage::Format_RGBA8888, AlphaContent::Opaque, 5);
    image.setPixelColor(1290, 20, QColor(10, 200, 30, 254));
    FilterSettings s = filterNamed("gaussian");
    s.setValue(u"size", 0);
    s.setValue(u"sigma", 10);
    QVERIFY(detail::recursiveGaussianAllowed(image, s));
    QImage target;
    for (int threads : {1, 2, 3})
        QVERIFY(runRecursive(image, s, threads, target) == detail::RecursiveBlur::Transparent);
    for (AlphaMode alpha : {AlphaMode::Straight, AlphaMode::Ignore}) {
        s.alpha = alpha;
        QVERIFY(runRecursive(image, s, 2, target) == detail::RecursiveBlur::Done);
    }

    // The engine then runs the FIR, held to +-1 of the reference, and its progress still only rises.
    s.alpha = AlphaMode::Premultiplied;
    const QImage small = test::makeImage(150, 40, QImage::Format_RGBA8888, AlphaContent::Random, 5);
    std::vector<double> seen;
    const Result<QImage> result = Engine(2).apply(small, s, {}, [&](double f) { seen.push_back(f); });
    QVERIFY(result.ok());
    QCOMPARE_LE(test::maxChannelDifference(result.value(), test::referenceApply(small, s)), 1);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.back(), 1.0);
}

QTEST_GUILESS_MAIN(tst_RecursiveGaussian)
#include "tst_recursivegaussian.moc"
