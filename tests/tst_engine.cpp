#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "reference.h"
#include "simdkernels.h"
#include "testimages.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

using namespace ks;
using ks::test::AlphaContent;

namespace {

FilterSettings customSettings(const Kernel &kernel)
{
    FilterSettings s = filterNamed("custom");
    s.setKernelValue(u"kernel", kernel);
    return s;
}

// Seeded random weights normalised to sum 1: non-separable, any size.
Kernel randomKernel(int width, int height, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<float> w(size_t(width) * size_t(height));
    for (float &v : w)
        v = float(random.generateDouble() * 2.0 - 0.5);
    return Kernel(width, height, std::move(w)).normalized();
}

struct NamedSettings
{
    const char *name;
    FilterSettings settings;
};

std::vector<NamedSettings> kernelsUnderTest()
{
    FilterSettings gauss = filterNamed("gaussian");
    gauss.setValue(u"size", 7);
    gauss.setValue(u"sigma", 1.5);
    FilterSettings bigGauss = filterNamed("gaussian");
    bigGauss.setValue(u"size", 0); // from sigma: 25 wide, larger than the test image
    bigGauss.setValue(u"sigma", 4);
    FilterSettings elliptic = filterNamed("gaussian"); // GIMP's separate vertical sigma
    elliptic.setValue(u"sigma", 0.8);
    elliptic.setValue(u"sigma-y", 2.5);
    FilterSettings box4 = filterNamed("box");
    box4.setValue(u"size", 4);
    FilterSettings box31 = filterNamed("box"); // many fixed-point taps
    box31.setValue(u"size", 31);
    Kernel positive = randomKernel(15, 15, 6); // a direct kernel the fixed-point path takes
    for (int y = 0; y < 15; ++y)
        for (int x = 0; x < 15; ++x)
            positive.set(x, y, std::abs(positive.at(x, y)));
    positive = positive.normalized();
    FilterSettings motion = filterNamed("motion");
    motion.setValue(u"size", 7);
    motion.setValue(u"angle", 30);
    Kernel anchored = randomKernel(3, 3, 7);
    anchored.setAnchor(0, 2);
    Kernel biased = ks::emboss3x3();
    biased.setBias(40);
    biased.setFactor(0.5);
    return {
        {"gaussian7", gauss},
        {"gaussianSigma4", bigGauss},
        {"gaussianSigmaY", elliptic},
        {"box4even", box4},
        {"box31", box31},
        {"positive15x15", customSettings(positive)},
        {"motion30", motion},
        {"binomial5x5", filterNamed("binomial5x5")},
        {"sharpen5x5", filterNamed("sharpen5x5")},
        {"gaussianSharpen", filterNamed("gaussian-sharpen")},
        {"emboss5x5", filterNamed("emboss5x5")},
        {"laplace8", filterNamed("laplace8")},
        {"sobelX", filterNamed("sobel-x")},
        {"random3x5", customSettings(randomKernel(3, 5, 1))},
        {"random4x2", customSettings(randomKernel(4, 2, 2))},
        {"random1x6", customSettings(randomKernel(1, 6, 3))},
        {"anchoredCorner", customSettings(anchored)},
        {"factorAndBias", customSettings(biased)},
    };
}

const BorderMode AllBorders[] = {BorderMode::Clamp, BorderMode::Reflect, BorderMode::Wrap, BorderMode::Transparent,
                                 BorderMode::Unfiltered};
const AlphaMode AllAlphaModes[] = {AlphaMode::Premultiplied, AlphaMode::Straight, AlphaMode::Ignore};

QImage applied(const QImage &image, const FilterSettings &settings, int threads = 2)
{
    const Result<QImage> result = Engine(threads).apply(image, settings);
    if (!result.ok())
        qWarning() << "engine failed:" << result.error();
    return result.value();
}

} // namespace

// The opacity and channels rules from their definition (README), in double: `filtered` is the
// step's result at full opacity on every channel, `input` what it was made from.
QImage naiveBlend(const QImage &input, const QImage &filtered, double opacity, quint8 channels, bool premultiplied)
{
    const test::ReferenceImage in(input), full(filtered);
    QImage out = full.image.copy();
    const double t = opacity / 100.0;
    for (int y = 0; y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x) {
            const test::ReferencePixel s = in.read(x, y);
            test::ReferencePixel f = full.read(x, y);
            for (int c = 0; c < 4; ++c)
                if (!(channels & (1 << c)))
                    f[c] = s[c];
            test::ReferencePixel o;
            o[3] = (1 - t) * s[3] + t * f[3];
            for (int c = 0; c < 3; ++c) {
                if (!premultiplied)
                    o[c] = (1 - t) * s[c] + t * f[c];
                else
                    o[c] = o[3] > 0 ? ((1 - t) * s[c] * s[3] + t * f[c] * f[3]) / o[3] : 0;
            }
            full.write(out, x, y, o);
        }
    return out;
}

class tst_Engine : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void matchesReference_data();
    void matchesReference();
    void grayMatchesReferenceAndRgba_data();
    void grayMatchesReferenceAndRgba();
    void box16MatchesReference_data();
    void box16MatchesReference();
    void sameOutputForEveryThreadCount_data();
    void sameOutputForEveryThreadCount();
    void premultipliedAlphaRampsMatchReference_data();
    void premultipliedAlphaRampsMatchReference();
    void binomialIsExactIntegerArithmetic_data();
    void binomialIsExactIntegerArithmetic();
    void largeResultsStayExact_data();
    void largeResultsStayExact();
    void premultipliedHasNoDarkFringe();
    void identityLeavesImageUnchanged_data();
    void identityLeavesImageUnchanged();
    void regionChangesOnlyInsideAndReadsTrueNeighbours();
    void unfilteredBorderKeepsFrame();
    void keepsBitDepthAndGray_data();
    void keepsBitDepthAndGray();
    void recipeAppliesStepsInOrder();
    void grayRecipeMovesToRgbaMidway();
    void cancelStopsTheRun();
    void progressRisesToOne();
    void refusesBadInput_data();
    void refusesBadInput();
    void opacityAndChannelsMatchReference_data();
    void opacityAndChannelsMatchReference();
    void stackOpacityBlendsTheWholeResult();
};

void tst_Engine::cleanup()
{
    detail::setSimdLevel(detail::bestSimdLevel());
}

void tst_Engine::matchesReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<bool>("sixteenBit");
    QTest::addColumn<int>("alphaContent");
    QTest::addColumn<int>("simd");
    // The inner loops exist once per instruction set: every level this CPU has.
    std::vector<detail::SimdLevel> levels{detail::SimdLevel::Baseline};
    for (detail::SimdLevel level : {detail::SimdLevel::Avx2, detail::SimdLevel::Avx512})
        if (int(level) <= int(detail::bestSimdLevel()))
            levels.push_back(level);
    for (detail::SimdLevel simd : levels) {
        for (const NamedSettings &k : kernelsUnderTest()) {
            for (BorderMode border : AllBorders) {
                for (AlphaMode alpha : AllAlphaModes) {
                    for (bool sixteen : {false, true}) {
                        FilterSettings s = k.settings;
                        s.border = border;
                        s.alpha = alpha;
                        // Linear light on a rotating subset keeps the matrix small but covered.
                        s.linearLight = (int(border) + int(alpha) + int(sixteen)) % 3 == 0;
                        const QString row = QStringLiteral("%1/%2/%3/%4%5/simd%6")
                                                .arg(k.name, borderModeName(border), alphaModeName(alpha))
                                                .arg(sixteen ? 16 : 8)
                                                .arg(s.linearLight ? "/linear" : "")
                                                .arg(int(simd));
                        QTest::newRow(qPrintable(row)) << s << sixteen << int(AlphaContent::Random) << int(simd);
                    }
                }
            }
        }
        // Opaque images take the paths that skip the premultiplied divide.
        for (const NamedSettings &k : kernelsUnderTest())
            QTest::addRow("%s/opaque/simd%d", k.name, int(simd))
                << k.settings << false << int(AlphaContent::Opaque) << int(simd);
    }
    FilterSettings region = filterNamed("gaussian");
    region.region = QRect(5, 3, 9, 7);
    const int best = int(detail::bestSimdLevel());
    QTest::newRow("region/gaussian/8") << region << false << int(AlphaContent::Shapes) << best;
    region.border = BorderMode::Wrap;
    QTest::newRow("region/gaussian/wrap/16") << region << true << int(AlphaContent::Shapes) << best;
}

void tst_Engine::matchesReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(bool, sixteenBit);
    QFETCH(int, alphaContent);
    QFETCH(int, simd);
    QCOMPARE(int(detail::setSimdLevel(detail::SimdLevel(simd))), simd);
    // Small and odd-sized, so the borders are a large part of the image.
    const QImage image = test::makeImage(23, 17, sixteenBit ? QImage::Format_RGBA64 : QImage::Format_RGBA8888,
                                         AlphaContent(alphaContent), 42);
    const QImage expected = test::referenceApply(image, settings);
    const QImage actual = applied(image, settings);
    QCOMPARE(actual.format(), expected.format());
    QCOMPARE_LE(test::maxChannelDifference(actual, expected), 1);
}

void tst_Engine::grayMatchesReferenceAndRgba_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<int>("simd");
    for (int simd = 0; simd <= int(detail::bestSimdLevel()); ++simd) {
        for (const NamedSettings &k : kernelsUnderTest()) {
            for (BorderMode border : AllBorders) {
                FilterSettings s = k.settings;
                s.border = border;
                QTest::addRow("%s/%s/simd%d", k.name, qPrintable(borderModeName(border)), simd) << s << simd;
            }
            FilterSettings region = k.settings;
            region.region = QRect(37, 3, 101, 13); // off any vector alignment, reaching the right edge
            region.alpha = AlphaMode::Ignore;
            QTest::addRow("%s/region/simd%d", k.name, simd) << region << simd;
        }
    }
}

// 8-bit gray runs one value per pixel where the fixed-point path takes the kernel (see
// Engine's runsInGray): within +-1 of the reference, value for value what the RGBA path gives
// the same picture, and the same on any thread count. Wide enough for whole vectors of gray
// values and a ragged tail.
void tst_Engine::grayMatchesReferenceAndRgba()
{
    QFETCH(FilterSettings, settings);
    QFETCH(int, simd);
    QCOMPARE(int(detail::setSimdLevel(detail::SimdLevel(simd))), simd);
    const QImage gray = test::makeImage(157, 70, QImage::Format_Grayscale8, AlphaContent::Opaque, 31);
    const QImage rgba = gray.convertToFormat(QImage::Format_RGBA8888);
    const QImage actual = applied(gray, settings);
    QVERIFY(!actual.isNull());
    QCOMPARE_LE(test::maxChannelDifference(actual, test::referenceApply(rgba, settings)), 1);
    // Colour value for value; the RGBA path's alpha may sit a level below 255 where the fixed-point
    // weights sum short of one, which gray (no alpha) does not inherit.
    const QImage viaRgba = applied(rgba, settings);
    if (actual.format() == QImage::Format_Grayscale8) {
        for (int y = 0; y < actual.height(); ++y)
            for (int x = 0; x < actual.width(); ++x)
                QCOMPARE(int(actual.constScanLine(y)[x]), int(viaRgba.constScanLine(y)[4 * x]));
    } else {
        QCOMPARE(test::maxChannelDifference(actual, viaRgba), 0);
    }
    if (settings.border != BorderMode::Transparent)
        QCOMPARE(actual.format(), QImage::Format_Grayscale8);
    for (int threads : {1, 3})
        QCOMPARE(applied(gray, settings, threads), actual);
}

void tst_Engine::box16MatchesReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<int>("content"); // AlphaContent, or 3: opaque rows above transparent ones
    std::vector<NamedSettings> boxes;
    for (int size : {2, 4, 7, 31}) {
        FilterSettings box = filterNamed("box");
        box.setValue(u"size", size);
        boxes.push_back({size == 2 ? "box2" : size == 4 ? "box4" : size == 7 ? "box7" : "box31", box});
    }
    boxes.push_back({"constant5x3", customSettings(Kernel(5, 3, std::vector<float>(15, 1.0f)).normalized())});
    for (const NamedSettings &k : boxes) {
        for (BorderMode border : AllBorders) {
            for (AlphaMode alpha : AllAlphaModes) {
                for (int content = 0; content < 4; ++content) {
                    FilterSettings s = k.settings;
                    s.border = border;
                    s.alpha = alpha;
                    QTest::addRow("%s/%s/%s/content%d", k.name, qPrintable(borderModeName(border)),
                                  qPrintable(alphaModeName(alpha)), content)
                        << s << content;
                }
            }
        }
        FilterSettings region = k.settings;
        region.region = QRect(9, 70, 40, 61); // across a band border, off any vector alignment
        QTest::addRow("%s/region", k.name) << region << 0;
    }
}

// 16-bit boxes run as exact integer sums where the working values are the pixels (straight or
// ignored alpha, or opaque premultiplied): within +-1 of the reference, and value for value the
// same on every SIMD level and thread count. Premultiplied bands that read transparency fall
// back to the float path, still within +-1. Tall enough for several bands.
void tst_Engine::box16MatchesReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(int, content);
    QImage image = test::makeImage(71, 140, QImage::Format_RGBA64,
                                   content == 3 ? AlphaContent::Opaque : AlphaContent(content), 16);
    if (content == 3) {
        const QImage transparent = test::makeImage(71, 140, QImage::Format_RGBA64, AlphaContent::Random, 16);
        for (int y = 90; y < image.height(); ++y)
            std::memcpy(image.scanLine(y), transparent.constScanLine(y), size_t(image.bytesPerLine()));
    }
    const QImage expected = test::referenceApply(image, settings);
    const bool exact = settings.alpha != AlphaMode::Premultiplied ||
                       (content == int(AlphaContent::Opaque) && settings.border != BorderMode::Transparent);
    QImage first;
    for (int simd = 0; simd <= int(detail::bestSimdLevel()); ++simd) {
        QCOMPARE(int(detail::setSimdLevel(detail::SimdLevel(simd))), simd);
        for (int threads : {1, 2, 3}) {
            const QImage actual = applied(image, settings, threads);
            QCOMPARE(actual.format(), QImage::Format_RGBA64);
            QCOMPARE_LE(test::maxChannelDifference(actual, expected), 1);
            if (first.isNull())
                first = actual;
            else if (exact || simd == 0)
                QCOMPARE(test::maxChannelDifference(actual, first), 0);
        }
    }
}

void tst_Engine::sameOutputForEveryThreadCount_data()
{
    QTest::addColumn<FilterSettings>("settings");
    for (const NamedSettings &k : kernelsUnderTest())
        QTest::newRow(k.name) << k.settings;
}

void tst_Engine::sameOutputForEveryThreadCount()
{
    QFETCH(FilterSettings, settings);
    // Opaque rows above transparency too: premultiplied bands that read only opaque pixels
    // take the fixed-point path, the others float, so band borders must not move with the
    // thread count.
    // Both depths: 16-bit bands run the vector codec of their own.
    for (QImage::Format format : {QImage::Format_RGBA8888, QImage::Format_RGBA64}) {
        QImage halfOpaque = test::makeImage(301, 203, format, AlphaContent::Opaque, 9);
        const QImage transparent = test::makeImage(301, 203, format, AlphaContent::Random, 9);
        for (int y = 120; y < halfOpaque.height(); ++y)
            std::memcpy(halfOpaque.scanLine(y), transparent.constScanLine(y), size_t(halfOpaque.bytesPerLine()));
        for (const QImage &image : {transparent, halfOpaque}) {
            const QImage single = applied(image, settings, 1);
            QVERIFY(!single.isNull());
            for (int threads : {2, 3, 8})
                QCOMPARE(applied(image, settings, threads), single);
        }
    }
}

void tst_Engine::premultipliedAlphaRampsMatchReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<int>("simd");
    FilterSettings sigma2 = filterNamed("gaussian"); // the bench's gaussS2alpha
    sigma2.setValue(u"size", 13);
    sigma2.setValue(u"sigma", 2.0);
    FilterSettings small = filterNamed("gaussian");
    small.setValue(u"size", 7);
    small.setValue(u"sigma", 1.5);
    FilterSettings elliptic = filterNamed("gaussian");
    elliptic.setValue(u"sigma", 0.8);
    elliptic.setValue(u"sigma-y", 2.5);
    for (int simd = 0; simd <= int(detail::bestSimdLevel()); ++simd)
        for (const auto &[name, blur] : {std::pair{"sigma2", sigma2}, {"small", small}, {"elliptic", elliptic}})
            for (BorderMode border : AllBorders) {
                FilterSettings s = blur;
                s.border = border;
                s.alpha = AlphaMode::Premultiplied;
                QTest::addRow("%s/%s/simd%d", name, qPrintable(borderModeName(border)), simd) << s << simd;
            }
}

// Premultiplied blurs of 8-bit images with transparency run in fixed point in the column tiles
// whose alpha is high enough and in float elsewhere (filterBandPremultipliedTiles). Alpha ramps
// from 0 and 1 at the left to 255 at the right, each band mixing both paths, with transparent
// and almost transparent specks and an opaque block inside the high alpha: within +-1 of the
// reference everywhere, the divide by the smallest alphas included, and the same on 1, 2 and 3
// threads.
void tst_Engine::premultipliedAlphaRampsMatchReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(int, simd);
    QCOMPARE(int(detail::setSimdLevel(detail::SimdLevel(simd))), simd);
    QImage image = test::makeImage(333, 150, QImage::Format_RGBA8888, AlphaContent::Opaque, 17);
    for (int y = 0; y < image.height(); ++y) {
        uchar *px = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            const int ramp = y % 40 < 20 ? 255 * x / (image.width() - 1) : 255 * (image.width() - 1 - x) / 300;
            px[4 * x + 3] = uchar(std::clamp(ramp, x % 3 == 0 ? 0 : 1, 255)); // down to 0 and 1
        }
    }
    for (int y = 90; y < 120; ++y)
        for (int x = 250; x < 320; ++x)
            image.scanLine(y)[4 * x + 3] = 255;
    for (auto [x, y, alpha] : {std::tuple{200, 30, 0}, {260, 70, 1}, {300, 140, 3}, {330, 5, 0}})
        image.scanLine(y)[4 * x + 3] = uchar(alpha);
    const QImage expected = test::referenceApply(image, settings);
    const QImage actual = applied(image, settings, 1);
    QCOMPARE_LE(test::maxChannelDifference(actual, expected), 1);
    for (int threads : {2, 3})
        QCOMPARE(applied(image, settings, threads), actual);
    // Each output's path depends on the pixels it reads only, not on where its band begins: rows
    // filtered as a region (as a streamed strip is) equal the same rows of the whole image.
    for (const QRect &rows : {QRect(0, 37, 333, 41), QRect(0, 101, 333, 9)}) {
        FilterSettings strip = settings;
        strip.region = rows;
        QCOMPARE(applied(image, strip, 1).copy(rows), actual.copy(rows));
    }
}

void tst_Engine::binomialIsExactIntegerArithmetic_data()
{
    QTest::addColumn<int>("simd");
    QTest::addColumn<bool>("sixteenBit");
    for (bool sixteen : {false, true}) {
        QTest::addRow("baseline/%d", sixteen ? 16 : 8) << int(detail::SimdLevel::Baseline) << sixteen;
        QTest::addRow("best/%d", sixteen ? 16 : 8) << int(detail::bestSimdLevel()) << sixteen;
    }
}

// 8-bit runs in 16-bit integers, 16-bit in float, whose 24-bit mantissa holds 65535 * 256.
void tst_Engine::binomialIsExactIntegerArithmetic()
{
    QFETCH(int, simd);
    QFETCH(bool, sixteenBit);
    detail::setSimdLevel(detail::SimdLevel(simd));
    // Wider than one band of vector code, with a ragged right edge.
    const QImage image =
        test::makeImage(141, 29, sixteenBit ? QImage::Format_RGBA64 : QImage::Format_RGBA8888, AlphaContent::Opaque, 5);
    const QImage actual = applied(image, filterNamed("binomial5x5"));
    auto channel = [sixteenBit](const QImage &im, int x, int y, int c) {
        return sixteenBit ? int(reinterpret_cast<const quint16 *>(im.constScanLine(y))[4 * x + c])
                          : int(im.constScanLine(y)[4 * x + c]);
    };
    const int b[5] = {1, 4, 6, 4, 1};
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            for (int c = 0; c < 3; ++c) {
                qint64 sum = 0;
                for (int j = 0; j < 5; ++j)
                    for (int i = 0; i < 5; ++i) {
                        const int sx = std::clamp(x + i - 2, 0, image.width() - 1);
                        const int sy = std::clamp(y + j - 2, 0, image.height() - 1);
                        sum += b[i] * b[j] * channel(image, sx, sy, c);
                    }
                QCOMPARE(channel(actual, x, y, c), int((sum + 128) / 256));
            }
        }
    }
}

void tst_Engine::largeResultsStayExact_data()
{
    QTest::addColumn<int>("simd");
    QTest::addColumn<QRect>("region");
    const QRect whole(0, 0, 2104, 2100);  // rows of 8416 bytes: each starts on a 32-byte boundary
    const QRect ragged(3, 5, 2097, 2090); // rows start off any vector alignment
    for (int level = 0; level <= int(detail::bestSimdLevel()); ++level) {
        QTest::addRow("level %d, whole", level) << level << whole;
        QTest::addRow("level %d, ragged region", level) << level << ragged;
    }
}

// Results of 16 MB and more are written past the caches, from the first aligned byte of
// each row (rows of one group sharing an alignment): the binomial must still come out exact.
void tst_Engine::largeResultsStayExact()
{
    QFETCH(int, simd);
    QFETCH(QRect, region);
    detail::setSimdLevel(detail::SimdLevel(simd));
    const QImage image = test::makeImage(2104, 2100, QImage::Format_RGBA8888, AlphaContent::Opaque, 41);
    FilterSettings s = filterNamed("binomial5x5");
    s.region = region;
    const QImage actual = applied(image, s);

    // The exact integer binomial, a row pass then a column pass (clamped borders).
    const int b[5] = {1, 4, 6, 4, 1};
    const int w = image.width(), h = image.height();
    std::vector<int> rows(size_t(w) * size_t(h) * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int i = 0; i < 5; ++i)
                    sum += b[i] * image.constScanLine(y)[4 * std::clamp(x + i - 2, 0, w - 1) + c];
                rows[(size_t(y) * size_t(w) + size_t(x)) * 4 + size_t(c)] = sum;
            }
    QImage expected = image.copy();
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x)
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int j = 0; j < 5; ++j)
                    sum +=
                        b[j] * rows[(size_t(std::clamp(y + j - 2, 0, h - 1)) * size_t(w) + size_t(x)) * 4 + size_t(c)];
                expected.scanLine(y)[4 * x + c] = uchar((sum + 128) / 256);
            }
    QCOMPARE(test::maxChannelDifference(actual, expected), 0);
}

void tst_Engine::premultipliedHasNoDarkFringe()
{
    // A white disk on transparent black: blurred edges must stay white, only alpha fades.
    QImage image(40, 40, QImage::Format_RGBA8888);
    image.fill(Qt::transparent);
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x)
            if (std::hypot(x - 19.5, y - 19.5) < 12)
                image.setPixelColor(x, y, Qt::white);
    FilterSettings blur = filterNamed("gaussian");
    blur.setValue(u"size", 9);
    blur.setValue(u"sigma", 3);

    int darkest = 255;
    const QImage result = applied(image, blur);
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x)
            if (result.pixelColor(x, y).alpha() > 0)
                darkest = std::min(darkest, result.pixelColor(x, y).red());
    QCOMPARE_GE(darkest, 254);

    // Straight alpha averages in the transparent black: the fringe this mode is there to avoid.
    blur.alpha = AlphaMode::Straight;
    const QImage straight = applied(image, blur);
    darkest = 255;
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x)
            if (straight.pixelColor(x, y).alpha() > 0)
                darkest = std::min(darkest, straight.pixelColor(x, y).red());
    QCOMPARE_LT(darkest, 128);
}

void tst_Engine::identityLeavesImageUnchanged_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("alphaMode");
    QTest::addColumn<bool>("linear");
    for (QImage::Format f : {QImage::Format_RGBA8888, QImage::Format_RGBA64})
        for (AlphaMode a : AllAlphaModes)
            for (bool linear : {false, true})
                QTest::addRow("%s/%s%s", f == QImage::Format_RGBA64 ? "16" : "8", qPrintable(alphaModeName(a)),
                              linear ? "/linear" : "")
                    << int(f) << int(a) << linear;
}

void tst_Engine::identityLeavesImageUnchanged()
{
    QFETCH(int, format);
    QFETCH(int, alphaMode);
    QFETCH(bool, linear);
    // Alpha at least 1: a fully transparent pixel's colour is not kept in premultiplied mode.
    QImage image = test::makeImage(31, 19, QImage::Format(format), AlphaContent::Random, 3);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            QColor c = image.pixelColor(x, y);
            c.setAlphaF(std::max(c.alphaF(), 0.5f));
            image.setPixelColor(x, y, c);
        }
    std::vector<float> centreOnly(9, 0.0f);
    centreOnly[4] = 1.0f;
    for (FilterSettings s : {filterNamed("identity"), customSettings(Kernel(3, 3, centreOnly))}) {
        s.alpha = AlphaMode(alphaMode);
        s.linearLight = linear;
        QCOMPARE(test::maxChannelDifference(applied(image, s), image), 0);
    }
}

void tst_Engine::regionChangesOnlyInsideAndReadsTrueNeighbours()
{
    const QImage image = test::makeImage(60, 40, QImage::Format_RGBA8888, AlphaContent::Opaque, 11);
    FilterSettings blur = filterNamed("box");
    blur.setValue(u"size", 5);
    const QImage whole = applied(image, blur);
    blur.region = QRect(10, 8, 20, 12);
    const QImage part = applied(image, blur);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QImage &expected = blur.region->contains(x, y) ? whole : image;
            QCOMPARE(part.pixel(x, y), expected.pixel(x, y));
        }
    QVERIFY(part != image);
}

void tst_Engine::unfilteredBorderKeepsFrame()
{
    const QImage image = test::makeImage(30, 20, QImage::Format_RGBA8888, AlphaContent::Opaque, 13);
    FilterSettings s = customSettings(randomKernel(5, 3, 4)); // anchor (2, 1): frame 2 wide, 1 high
    s.border = BorderMode::Unfiltered;
    const QImage result = applied(image, s);
    s.border = BorderMode::Clamp;
    const QImage clamped = applied(image, s);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const bool frame = x < 2 || x >= 28 || y < 1 || y >= 19;
            QCOMPARE(result.pixel(x, y), (frame ? image : clamped).pixel(x, y));
        }
}

void tst_Engine::keepsBitDepthAndGray_data()
{
    QTest::addColumn<int>("input");
    QTest::addColumn<int>("expected");
    QTest::addColumn<int>("border");
    QTest::newRow("rgba8") << int(QImage::Format_RGBA8888) << int(QImage::Format_RGBA8888) << int(BorderMode::Clamp);
    QTest::newRow("argb32") << int(QImage::Format_ARGB32) << int(QImage::Format_RGBA8888) << int(BorderMode::Clamp);
    QTest::newRow("rgb888") << int(QImage::Format_RGB888) << int(QImage::Format_RGBA8888) << int(BorderMode::Clamp);
    QTest::newRow("rgba64") << int(QImage::Format_RGBA64) << int(QImage::Format_RGBA64) << int(BorderMode::Clamp);
    QTest::newRow("rgbx64") << int(QImage::Format_RGBX64) << int(QImage::Format_RGBA64) << int(BorderMode::Clamp);
    QTest::newRow("gray8") << int(QImage::Format_Grayscale8) << int(QImage::Format_Grayscale8)
                           << int(BorderMode::Clamp);
    QTest::newRow("gray16") << int(QImage::Format_Grayscale16) << int(QImage::Format_Grayscale16)
                            << int(BorderMode::Reflect);
    QTest::newRow("gray8 transparent border")
        << int(QImage::Format_Grayscale8) << int(QImage::Format_RGBA8888) << int(BorderMode::Transparent);
}

void tst_Engine::keepsBitDepthAndGray()
{
    QFETCH(int, input);
    QFETCH(int, expected);
    QFETCH(int, border);
    const QImage image = test::makeImage(20, 10, QImage::Format(input), AlphaContent::Opaque, 17);
    FilterSettings s = filterNamed("gaussian");
    s.border = BorderMode(border);
    const QImage result = applied(image, s);
    QCOMPARE(result.format(), QImage::Format(expected));
    QCOMPARE_LE(test::maxChannelDifference(result, test::referenceApply(image, s)), 1);
}

void tst_Engine::recipeAppliesStepsInOrder()
{
    const QImage image = test::makeImage(50, 30, QImage::Format_RGBA8888, AlphaContent::Random, 19);
    const FilterSettings first = filterNamed("sharpen3x3");
    FilterSettings second = filterNamed("motion");
    second.setValue(u"angle", 90);
    const Result<QImage> chained = Engine(2).apply(image, Recipe{{first, second}});
    QVERIFY(chained.ok());
    QCOMPARE(chained.value(), applied(applied(image, first), second));
    QVERIFY(chained.value() != applied(applied(image, second), first));

    FilterSettings off = first;
    off.enabled = false;
    const Result<QImage> skipped = Engine(2).apply(image, Recipe{{off, second}});
    QVERIFY(skipped.ok());
    QCOMPARE(skipped.value(), applied(image, second));
}

// A gray image stays gray while its steps allow (runsInGray); a step that needs RGBA (partial
// opacity) moves the rest of the recipe to RGBA, and the result comes back gray. The same as
// the steps applied one at a time, each from a gray image, within a level.
void tst_Engine::grayRecipeMovesToRgbaMidway()
{
    const QImage gray = test::makeImage(61, 37, QImage::Format_Grayscale8, AlphaContent::Opaque, 29);
    const FilterSettings box = filterNamed("box");
    FilterSettings halfBlur = filterNamed("gaussian");
    halfBlur.opacity = 60;
    const FilterSettings sharpen = filterNamed("sharpen3x3");
    const Result<QImage> chained = Engine(2).apply(gray, Recipe{{box, halfBlur, sharpen}});
    QVERIFY(chained.ok());
    QCOMPARE(chained->format(), QImage::Format_Grayscale8);
    const QImage stepwise = applied(applied(applied(gray, box), halfBlur), sharpen);
    QCOMPARE(stepwise.format(), QImage::Format_Grayscale8);
    QCOMPARE_LE(test::maxChannelDifference(*chained, stepwise), 1);
    QVERIFY(test::maxChannelDifference(*chained, gray) > 10); // every step did something
    for (int threads : {1, 3})
        QCOMPARE(Engine(threads).apply(gray, Recipe{{box, halfBlur, sharpen}}).value(), *chained);
}

void tst_Engine::cancelStopsTheRun()
{
    const QImage image = test::makeImage(400, 400, QImage::Format_RGBA8888, AlphaContent::Opaque, 23);
    FilterSettings s = customSettings(randomKernel(15, 15, 5));
    CancelToken before;
    before.cancel();
    QCOMPARE(Engine(2).apply(image, s, before).error(), CancelledReason);

    // Cancelled from the progress callback part-way: the run stops and says so.
    CancelToken during;
    int reports = 0;
    const Result<QImage> result = Engine(2).apply(image, s, during, [&](double fraction) {
        ++reports;
        if (fraction > 0.3)
            during.cancel();
    });
    QCOMPARE(result.error(), CancelledReason);
    QVERIFY(!result.ok());
    QVERIFY(reports > 0);
}

void tst_Engine::progressRisesToOne()
{
    const QImage image = test::makeImage(200, 300, QImage::Format_RGBA8888, AlphaContent::Opaque, 29);
    std::vector<double> seen;
    const Result<QImage> result =
        Engine(3).apply(image, filterNamed("gaussian"), {}, [&](double f) { seen.push_back(f); });
    QVERIFY(result.ok());
    QVERIFY(seen.size() > 3);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.back(), 1.0);
}

void tst_Engine::refusesBadInput_data()
{
    QTest::addColumn<QImage>("image");
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<QString>("reason");
    const QImage image = test::makeImage(20, 20, QImage::Format_RGBA8888, AlphaContent::Opaque, 1);
    QTest::newRow("no image") << QImage() << filterNamed("box") << "no image";
    FilterSettings zeroSigma = filterNamed("gaussian");
    zeroSigma.setValue(u"sigma", 0);
    QTest::newRow("sigma 0") << image << zeroSigma << "sigma";
    FilterSettings evenGauss = filterNamed("gaussian");
    evenGauss.setValue(u"size", 4);
    QTest::newRow("even gaussian") << image << evenGauss << "odd";
    FilterSettings outside = filterNamed("box");
    outside.region = QRect(30, 30, 5, 5);
    QTest::newRow("region outside") << image << outside << "outside";
    FilterSettings nan = customSettings(Kernel(1, 1, {std::nanf("")}));
    QTest::newRow("nan kernel") << image << nan << "finite";
}

void tst_Engine::refusesBadInput()
{
    QFETCH(QImage, image);
    QFETCH(FilterSettings, settings);
    QFETCH(QString, reason);
    const Result<QImage> result = Engine(2).apply(image, settings);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
}

void tst_Engine::opacityAndChannelsMatchReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<bool>("sixteenBit");
    int turn = 0;
    for (const char *filter : {"sharpen3x3", "gaussian"})
        for (double opacity : {0.0, 35.0, 100.0})
            for (quint8 channels : {quint8(AllChannels), quint8(0b0111), quint8(0b0101), quint8(0b1000)})
                for (bool sixteenBit : {false, true}) {
                    FilterSettings s = filterNamed(filter);
                    s.opacity = opacity;
                    s.channels = channels;
                    s.alpha = AlphaMode(turn % 3);
                    if (turn % 5 == 2)
                        s.region = QRect(3, 2, 11, 9);
                    QTest::addRow("%s %g%% %s %s %s", filter, opacity, qPrintable(channelsText(channels)),
                                  sixteenBit ? "16" : "8", qPrintable(alphaModeName(s.alpha)))
                        << s << sixteenBit;
                    ++turn;
                }
}

void tst_Engine::opacityAndChannelsMatchReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(bool, sixteenBit);
    const QImage image =
        test::makeImage(23, 17, sixteenBit ? QImage::Format_RGBA64 : QImage::Format_RGBA8888, AlphaContent::Random, 9);
    FilterSettings full = settings;
    full.opacity = 100;
    full.channels = AllChannels;
    const QImage expected = naiveBlend(image, test::referenceApply(image, full), settings.opacity, settings.channels,
                                       settings.alpha == AlphaMode::Premultiplied);
    const QImage actual = applied(image, settings);
    QCOMPARE(actual.format(), expected.format());
    // The filter is within one level of the reference; blending can only bring that closer.
    QCOMPARE_LE(test::maxChannelDifference(actual, expected), 1);
    if (settings.opacity == 0 || settings.channels == 0)
        QCOMPARE(test::maxChannelDifference(actual, image), 0);
}

void tst_Engine::stackOpacityBlendsTheWholeResult()
{
    const QImage image = test::makeImage(40, 30, QImage::Format_RGBA8888, AlphaContent::Random, 3);
    Recipe recipe{{filterNamed("emboss3x3"), filterNamed("box")}};
    const QImage full = applied(image, recipe.steps[0]);
    const QImage stack = Engine(2).apply(image, recipe).value();
    recipe.opacity = 40;
    const QImage blended = Engine(2).apply(image, recipe).value();
    QCOMPARE_LE(test::maxChannelDifference(blended, naiveBlend(image, stack, 40, AllChannels, true)), 1);
    QVERIFY(test::maxChannelDifference(blended, stack) > 1);
    QVERIFY(full != stack);
}

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
