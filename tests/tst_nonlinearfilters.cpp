#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "reference.h"
#include "simdkernels.h"
#include "testimages.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

using namespace ks;
using ks::test::AlphaContent;

// The median and bilateral filters through ks::Engine, against naive references written
// here straight from their definitions (sorted windows; double-precision weighted sums).
namespace {

const BorderMode AllBorders[] = {BorderMode::Clamp, BorderMode::Reflect, BorderMode::Wrap, BorderMode::Transparent,
                                 BorderMode::Unfiltered};
const AlphaMode AllAlphaModes[] = {AlphaMode::Premultiplied, AlphaMode::Straight, AlphaMode::Ignore};
const QImage::Format AllFormats[] = {QImage::Format_RGBA8888, QImage::Format_RGBA64, QImage::Format_Grayscale8};

const char *formatName(QImage::Format format)
{
    switch (format) {
    case QImage::Format_RGBA64:
        return "rgba64";
    case QImage::Format_Grayscale8:
        return "gray8";
    default:
        return "rgba8888";
    }
}

using Pixel = test::ReferencePixel;

// The engine's layout of an input, read with the step's border mode.
struct Plain : test::ReferenceImage
{
    using ReferenceImage::ReferenceImage;

    // The stored value, or transparent black outside the image.
    Pixel at(int x, int y, BorderMode border) const
    {
        const int sx = test::referenceCoordinate(x, image.width(), border);
        const int sy = test::referenceCoordinate(y, image.height(), border);
        return sx < 0 || sy < 0 ? Pixel{0, 0, 0, 0} : read(sx, sy);
    }

    // Whether (x, y) is a pixel the step changes: inside the region and, for Unfiltered,
    // with its whole window inside the image.
    bool changes(int x, int y, int radius, const FilterSettings &s) const
    {
        if (s.region && !s.region->contains(x, y))
            return false;
        if (s.border != BorderMode::Unfiltered)
            return true;
        return x - radius >= 0 && y - radius >= 0 && x + radius < image.width() && y + radius < image.height();
    }
};

QImage naiveMedian(const QImage &input, const FilterSettings &s)
{
    const Plain in(input);
    QImage out = in.image.copy();
    const int r = s.integer(u"size") / 2;
    const int channels = s.alpha == AlphaMode::Ignore ? 3 : 4;
    std::array<std::vector<double>, 4> windows;
    for (int y = 0; y < out.height(); ++y) {
        for (int x = 0; x < out.width(); ++x) {
            if (!in.changes(x, y, r, s))
                continue;
            for (auto &window : windows)
                window.clear();
            for (int dy = -r; dy <= r; ++dy)
                for (int dx = -r; dx <= r; ++dx) {
                    const Pixel p = in.at(x + dx, y + dy, s.border);
                    for (int c = 0; c < 4; ++c)
                        windows[size_t(c)].push_back(p[size_t(c)]);
                }
            Pixel result = in.at(x, y, s.border);
            for (int c = 0; c < channels; ++c) {
                std::vector<double> &window = windows[size_t(c)];
                // The middle of the sorted window; only that element needs its sorted place.
                const auto middle = window.begin() + std::ptrdiff_t(window.size() / 2);
                std::nth_element(window.begin(), middle, window.end());
                result[size_t(c)] = *middle;
            }
            in.write(out, x, y, result);
        }
    }
    return out;
}

QImage naiveBilateral(const QImage &input, const FilterSettings &s)
{
    const Plain in(input);
    QImage out = in.image.copy();
    const int r = s.integer(u"size") / 2;
    auto working = [&](Pixel p) {
        for (int c = 0; c < 3; ++c) {
            if (s.linearLight)
                p[size_t(c)] = in.max * test::srgbToLinear(p[size_t(c)] / in.max);
            if (s.alpha == AlphaMode::Premultiplied)
                p[size_t(c)] *= p[3] / in.max;
        }
        return p;
    };
    for (int y = 0; y < out.height(); ++y) {
        for (int x = 0; x < out.width(); ++x) {
            if (!in.changes(x, y, r, s))
                continue;
            const Pixel original = in.at(x, y, s.border);
            const Pixel centre = working(original);
            Pixel sum{0, 0, 0, 0};
            double total = 0.0;
            for (int dy = -r; dy <= r; ++dy) {
                for (int dx = -r; dx <= r; ++dx) {
                    const Pixel p = working(in.at(x + dx, y + dy, s.border));
                    double squared = 0.0;
                    for (int c = 0; c < 3; ++c)
                        squared += std::pow((p[size_t(c)] - centre[size_t(c)]) * 255.0 / in.max, 2.0);
                    const double w = std::exp(-0.5 * std::pow(std::hypot(dx, dy) / s.value(u"spatial-factor"),
                                                              s.value(u"spatial-power"))) *
                                     std::exp(-0.5 * std::pow(std::sqrt(squared) / s.value(u"color-factor"),
                                                              s.value(u"color-power")));
                    for (int c = 0; c < 4; ++c)
                        sum[size_t(c)] += w * p[size_t(c)];
                    total += w;
                }
            }
            Pixel result;
            result[3] = s.alpha == AlphaMode::Ignore ? original[3] : std::clamp(sum[3] / total, 0.0, in.max);
            for (int c = 0; c < 3; ++c) {
                double v = sum[size_t(c)] / total;
                if (s.alpha == AlphaMode::Premultiplied)
                    v = result[3] > 0.0 ? v * in.max / result[3] : 0.0;
                if (s.linearLight)
                    v = in.max * test::linearToSrgb(std::clamp(v / in.max, 0.0, 1.0));
                result[size_t(c)] = v;
            }
            in.write(out, x, y, result);
        }
    }
    return out;
}

// Unsharp mask from its definition: the blur is the oracle's Gaussian of sigma `radius`
// (rounded to stored values, as the filter rounds its own), then per colour channel
// original + amount * (original - blur) where |original - blur| reaches the threshold.
QImage naiveUnsharp(const QImage &input, const FilterSettings &s)
{
    FilterSettings blurStep = filterNamed("gaussian");
    blurStep.setValue(u"size", 0);
    blurStep.setValue(u"sigma", s.value(u"radius"));
    blurStep.border = s.border;
    blurStep.alpha = s.alpha;
    blurStep.linearLight = s.linearLight;
    blurStep.region = s.region;
    const Plain in(input);
    const Plain blur(test::referenceApply(input, blurStep));
    const double threshold = s.value(u"threshold") * (in.sixteen ? 257.0 : 1.0);
    QImage out = in.image.copy();
    for (int y = 0; y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x) {
            Pixel p = in.read(x, y);
            const Pixel b = blur.read(x, y);
            for (int c = 0; c < 3; ++c)
                if (std::abs(p[c] - b[c]) >= threshold)
                    p[c] += s.value(u"amount") * (p[c] - b[c]);
            in.write(out, x, y, p);
        }
    return out;
}

QImage applied(const QImage &image, const FilterSettings &settings, int threads)
{
    const Result<QImage> result = Engine(threads).apply(image, settings);
    if (!result.ok())
        qWarning() << "engine failed:" << result.error();
    return result.value();
}

QImage testImage(QImage::Format format, int width, int height, quint32 seed)
{
    // Gray inputs come out opaque from makeImage; colour ones get every alpha.
    return test::makeImage(width, height, format, AlphaContent::Random, seed);
}

// One colour everywhere: windows full of ties, the median's hardest case to rank.
QImage flatImage(int width, int height, QRgb colour)
{
    QImage image(width, height, QImage::Format_RGBA8888);
    image.fill(QColor::fromRgba(colour));
    return image;
}

} // namespace

class tst_NonlinearFilters : public QObject
{
    Q_OBJECT

private slots:
    void medianMatchesReference_data();
    void medianMatchesReference();
    void bilateralMatchesReference_data();
    void bilateralMatchesReference();
    void sameOutputForEveryThreadCount_data();
    void sameOutputForEveryThreadCount();
    void everySimdLevelMatchesReference_data();
    void everySimdLevelMatchesReference();
    void cleanup();
    void cancelled_data();
    void cancelled();
    void medianRemovesSaltAndPepper();
    void bilateralKeepsEdgesSharp();
    void unsharpMatchesReference_data();
    void unsharpMatchesReference();
    void unsharpThresholdKeepsFlatAreas();
};

void tst_NonlinearFilters::medianMatchesReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<QImage>("image");
    QTest::addColumn<int>("threads");

    int turn = 0;
    for (int size : {3, 5, 31}) {
        for (BorderMode border : AllBorders) {
            for (QImage::Format format : AllFormats) {
                FilterSettings s = filterNamed("median");
                s.setValue(u"size", size);
                s.border = border;
                s.alpha = AllAlphaModes[turn++ % 3];
                QTest::addRow("%d/%s/%s/%s", size, qPrintable(borderModeName(border)),
                              qPrintable(alphaModeName(s.alpha)), formatName(format))
                    << s << testImage(format, 29, 23, quint32(turn)) << 2;
            }
        }
    }
    // The largest window, mostly border on a tiny image, then moving through a wide one.
    for (BorderMode border : {BorderMode::Clamp, BorderMode::Reflect, BorderMode::Wrap, BorderMode::Transparent}) {
        for (QImage::Format format : AllFormats) {
            FilterSettings s = filterNamed("median");
            s.setValue(u"size", 101);
            s.border = border;
            QTest::addRow("101/%s/%s", qPrintable(borderModeName(border)), formatName(format))
                << s << testImage(format, 21, 17, 5) << 2;
        }
    }
    FilterSettings wide = filterNamed("median");
    wide.setValue(u"size", 101);
    wide.alpha = AlphaMode::Straight;
    QTest::newRow("101/wide/rgba8888") << wide << testImage(QImage::Format_RGBA8888, 120, 5, 6) << 1;
    QTest::newRow("101/wide/gray8") << wide << testImage(QImage::Format_Grayscale8, 120, 5, 6) << 1;
    // Flat areas with a few outliers: many equal values in each window.
    QImage flat = flatImage(40, 30, qRgba(100, 150, 200, 255));
    for (int i = 0; i < 40; ++i)
        flat.setPixelColor((i * 7) % 40, (i * 11) % 30, i % 2 ? QColor(0, 0, 0, 0) : QColor(255, 255, 255));
    FilterSettings flat5 = filterNamed("median");
    flat5.setValue(u"size", 5);
    QTest::newRow("5/flat/rgba8888") << flat5 << flat << 1;
    QTest::newRow("5/flat/rgba64") << flat5 << flat.convertToFormat(QImage::Format_RGBA64) << 1;
    QTest::newRow("5/flat/gray8") << flat5 << flat.convertToFormat(QImage::Format_Grayscale8) << 1;
    flat5.setValue(u"size", 15);
    QTest::newRow("15/flat/gray8") << flat5 << flat.convertToFormat(QImage::Format_Grayscale8) << 2;

    FilterSettings region = filterNamed("median");
    region.setValue(u"size", 5);
    region.region = QRect(5, 3, 13, 9);
    QTest::newRow("region/5/clamp") << region << testImage(QImage::Format_RGBA8888, 29, 23, 7) << 2;
    region.setValue(u"size", 31);
    region.border = BorderMode::Wrap;
    QTest::newRow("region/31/wrap/rgba64") << region << testImage(QImage::Format_RGBA64, 29, 23, 8) << 2;
    region.setValue(u"size", 3);
    region.border = BorderMode::Unfiltered;
    region.region = QRect(0, 10, 29, 5);
    QTest::newRow("region/3/unfiltered") << region << testImage(QImage::Format_RGBA8888, 29, 23, 9) << 1;
    QTest::newRow("region/3/unfiltered/gray8") << region << testImage(QImage::Format_Grayscale8, 29, 23, 9) << 1;
    region.setValue(u"size", 17);
    region.border = BorderMode::Reflect;
    region.region = QRect(4, 2, 19, 17);
    QTest::newRow("region/17/reflect/gray8") << region << testImage(QImage::Format_Grayscale8, 29, 23, 10) << 2;
}

void tst_NonlinearFilters::medianMatchesReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(QImage, image);
    QFETCH(int, threads);
    const QImage actual = applied(image, settings, threads);
    const QImage expected = naiveMedian(image, settings);
    QCOMPARE(test::maxChannelDifference(actual, expected), 0);
}

void tst_NonlinearFilters::bilateralMatchesReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<QImage>("image");
    QTest::addColumn<int>("threads");

    struct Params
    {
        double spatialFactor, spatialPower, colorFactor, colorPower;
    };
    const Params params[] = {{10, 2, 50, 2}, {3, 1, 20, 1}, {5, 2, 10, 3}, {2, 0.5, 80, 0.7}};
    int turn = 0;
    for (int size : {3, 5, 31}) {
        for (BorderMode border : AllBorders) {
            for (QImage::Format format : AllFormats) {
                FilterSettings s = filterNamed("bilateral");
                s.setValue(u"size", size);
                s.border = border;
                s.alpha = AllAlphaModes[turn % 3];
                const Params &p = params[turn % 4];
                s.setValue(u"spatial-factor", p.spatialFactor);
                s.setValue(u"spatial-power", p.spatialPower);
                s.setValue(u"color-factor", p.colorFactor);
                s.setValue(u"color-power", p.colorPower);
                s.linearLight = turn % 5 == 0;
                ++turn;
                QTest::addRow("%d/%s/%s/%s/params%d%s", size, qPrintable(borderModeName(border)),
                              qPrintable(alphaModeName(s.alpha)), formatName(format), turn % 4,
                              s.linearLight ? "/linear" : "")
                    << s << testImage(format, 29, 23, quint32(turn)) << 2;
            }
        }
    }
    FilterSettings large = filterNamed("bilateral");
    large.setValue(u"size", 51);
    QTest::newRow("51/clamp/rgba8888") << large << testImage(QImage::Format_RGBA8888, 60, 20, 3) << 2;
    FilterSettings region = filterNamed("bilateral");
    region.region = QRect(5, 3, 13, 9);
    region.border = BorderMode::Reflect;
    QTest::newRow("region/5/reflect") << region << testImage(QImage::Format_RGBA8888, 29, 23, 4) << 2;
}

void tst_NonlinearFilters::bilateralMatchesReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(QImage, image);
    QFETCH(int, threads);
    const QImage actual = applied(image, settings, threads);
    const QImage expected = naiveBilateral(image, settings);
    QVERIFY(!actual.isNull());
    // One level in the image's own units: the engine's rule for every float path.
    QCOMPARE_LE(test::maxChannelDifference(actual, expected), 1);
}

void tst_NonlinearFilters::sameOutputForEveryThreadCount_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<QImage::Format>("format");
    for (int size : {3, 5, 31}) {
        FilterSettings median = filterNamed("median");
        median.setValue(u"size", size);
        QTest::addRow("median%d/%s", size, formatName(QImage::Format_Grayscale8))
            << median << QImage::Format_Grayscale8;
    }
    for (QImage::Format format : {QImage::Format_RGBA8888, QImage::Format_RGBA64}) {
        for (int size : {5, 31}) {
            FilterSettings median = filterNamed("median");
            median.setValue(u"size", size);
            QTest::addRow("median%d/%s", size, formatName(format)) << median << format;
        }
        FilterSettings bilateral = filterNamed("bilateral");
        bilateral.border = BorderMode::Transparent;
        QTest::addRow("bilateral5/%s", formatName(format)) << bilateral << format;
        FilterSettings unsharp = filterNamed("unsharp");
        unsharp.setValue(u"threshold", 3);
        QTest::addRow("unsharp/%s", formatName(format)) << unsharp << format;
    }
}

void tst_NonlinearFilters::sameOutputForEveryThreadCount()
{
    QFETCH(FilterSettings, settings);
    QFETCH(QImage::Format, format);
    // Tall enough for several bands of either filter.
    const QImage image = testImage(format, 47, 150, 11);
    const QImage single = applied(image, settings, 1);
    QVERIFY(!single.isNull());
    QVERIFY(single != image);
    for (int threads : {2, 3})
        QCOMPARE(applied(image, settings, threads), single);
}

// The vector paths (median 3 and 5, the 8-bit histogram median, every bilateral) at each level this CPU has, against
// the oracles and against each other: identical at every level and for 1, 2 and 3 threads. The images are wider than
// the widest vector, so whole vectors, the partial last one and the in-place and copied edge columns of the median all
// run; regions start and end mid-vector.
void tst_NonlinearFilters::everySimdLevelMatchesReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<QImage>("image");
    int turn = 0;
    for (int size : {3, 5}) {
        for (QImage::Format format : AllFormats) {
            for (BorderMode border : {BorderMode::Clamp, BorderMode::Transparent, BorderMode::Unfiltered}) {
                FilterSettings s = filterNamed("median");
                s.setValue(u"size", size);
                s.border = border;
                s.alpha = AllAlphaModes[turn++ % 3];
                QTest::addRow("median%d/%s/%s/%s", size, qPrintable(borderModeName(border)),
                              qPrintable(alphaModeName(s.alpha)), formatName(format))
                    << s << testImage(format, 83, 21, quint32(100 + turn));
            }
            FilterSettings region = filterNamed("median");
            region.setValue(u"size", size);
            region.border = BorderMode::Reflect;
            region.region = QRect(3, 2, 61, 11);
            QTest::addRow("median%d/region/%s", size, formatName(format))
                << region << testImage(format, 83, 21, quint32(200 + turn));
        }
        // Gray takes a value a lane: wide enough for several whole vectors at every level.
        FilterSettings wide = filterNamed("median");
        wide.setValue(u"size", size);
        wide.border = BorderMode::Wrap;
        QTest::addRow("median%d/wide/gray8", size)
            << wide << testImage(QImage::Format_Grayscale8, 211, 9, quint32(500 + size));
    }
    // The histogram median (sizes above 5): several bands (about 4 x size rows each) and, on
    // images wider than a stripe (512 outputs), several stripes and their seams; every
    // border, alpha mode and format, regions that start and end inside a stripe.
    for (int size : {7, 15, 51}) {
        for (BorderMode border : AllBorders) {
            const QImage::Format format = AllFormats[size_t(turn % 3)];
            FilterSettings s = filterNamed("median");
            s.setValue(u"size", size);
            s.border = border;
            s.alpha = AllAlphaModes[turn++ % 3];
            const int height = size == 51 ? 13 : 4 * size + 9;
            QTest::addRow("median%d/%s/%s/%s", size, qPrintable(borderModeName(border)),
                          qPrintable(alphaModeName(s.alpha)), formatName(format))
                << s << testImage(format, 1100, height, quint32(500 + turn));
        }
        FilterSettings region = filterNamed("median");
        region.setValue(u"size", size);
        region.border = BorderMode::Reflect;
        region.alpha = AllAlphaModes[turn++ % 3];
        region.region = QRect(37, 3, 1031, size == 51 ? 9 : 4 * size + 1);
        QTest::addRow("median%d/region", size)
            << region << testImage(QImage::Format_RGBA8888, 1100, size == 51 ? 17 : 4 * size + 9, quint32(600 + turn));
    }
    // Windows full of ties: every coarse and fine bin boundary, and the top and bottom values.
    QImage flat = flatImage(600, 40, qRgba(100, 150, 200, 255));
    for (int i = 0; i < 2000; ++i)
        flat.setPixelColor((i * 7) % 600, (i * 11) % 40,
                           QColor(i % 256, (i * 16) % 256, i % 2 ? 0 : 255, i % 3 ? 255 : 0));
    for (int size : {7, 21}) {
        FilterSettings s = filterNamed("median");
        s.setValue(u"size", size);
        s.alpha = AlphaMode::Straight;
        QTest::addRow("median%d/ties", size) << s << flat;
    }

    for (QImage::Format format : AllFormats) {
        for (double colorPower : {2.0, 1.3}) {
            FilterSettings s = filterNamed("bilateral");
            s.setValue(u"size", 7);
            s.setValue(u"color-power", colorPower);
            s.setValue(u"color-factor", 30);
            s.alpha = AllAlphaModes[turn++ % 3];
            s.border = turn % 2 ? BorderMode::Wrap : BorderMode::Transparent;
            QTest::addRow("bilateral7/power%g/%s/%s", colorPower, qPrintable(alphaModeName(s.alpha)),
                          formatName(format))
                << s << testImage(format, 53, 13, quint32(300 + turn));
        }
        FilterSettings region = filterNamed("bilateral");
        region.region = QRect(5, 1, 37, 9);
        region.linearLight = true;
        QTest::addRow("bilateral5/region/linear/%s", formatName(format))
            << region << testImage(format, 53, 13, quint32(400 + turn));
        // Opaque images skip alpha's sums (its average is the maximum); with a transparent
        // border the bands near the edges read transparent pixels and sum it after all. The
        // image is taller than several bands so both kinds run.
        for (AlphaMode alpha : AllAlphaModes) {
            for (BorderMode border : {BorderMode::Clamp, BorderMode::Transparent}) {
                FilterSettings opaque = filterNamed("bilateral");
                opaque.setValue(u"size", 9);
                opaque.alpha = alpha;
                opaque.border = border;
                QTest::addRow("bilateral9/opaque/%s/%s/%s", qPrintable(alphaModeName(alpha)),
                              qPrintable(borderModeName(border)), formatName(format))
                    << opaque << test::makeImage(37, 70, format, AlphaContent::Opaque, quint32(500 + turn++));
            }
        }
    }
    // Exponents far outside a float's range, which the kernel clamps (colour factor 0.1: only
    // nearly equal colours weigh anything; power 10 takes the power's exp2 far above 126), and
    // wide factors, where it knows no clamp is needed.
    for (QImage::Format format : {QImage::Format_RGBA8888, QImage::Format_RGBA64}) {
        for (double colorPower : {2.0, 10.0}) {
            FilterSettings sharp = filterNamed("bilateral");
            sharp.setValue(u"size", 5);
            sharp.setValue(u"color-factor", 0.1);
            sharp.setValue(u"color-power", colorPower);
            sharp.alpha = AlphaMode::Straight;
            QTest::addRow("bilateral5/colour0.1/power%g/%s", colorPower, formatName(format))
                << sharp << testImage(format, 41, 19, quint32(700 + turn++));
        }
        FilterSettings mild = filterNamed("bilateral");
        mild.setValue(u"size", 5);
        mild.setValue(u"color-factor", 1000);
        mild.setValue(u"color-power", 0.5);
        QTest::addRow("bilateral5/colour1000/power0.5/%s", formatName(format))
            << mild << testImage(format, 41, 19, quint32(700 + turn++));
    }
    // The weights' polynomial at its worst: black and white noise, so results sit far from the
    // values they average, with every weight well above zero (wide spatial and colour
    // factors), so many of them and every fractional exponent count.
    for (QImage::Format format : {QImage::Format_RGBA8888, QImage::Format_RGBA64}) {
        for (AlphaContent alpha : {AlphaContent::Opaque, AlphaContent::Random}) {
            QImage noise = test::makeImage(45, 40, format, alpha, 600);
            QRandomGenerator random(601);
            for (int y = 0; y < noise.height(); ++y)
                for (int x = 0; x < noise.width(); ++x) {
                    const QColor old = noise.pixelColor(x, y);
                    auto extreme = [&] { return random.bounded(2) ? 255 : 0; };
                    noise.setPixelColor(x, y, QColor(extreme(), extreme(), extreme(), old.alpha()));
                }
            FilterSettings wide = filterNamed("bilateral");
            wide.setValue(u"size", 31);
            wide.setValue(u"spatial-factor", 1000);
            wide.setValue(u"color-factor", 300);
            wide.alpha = AlphaMode::Straight;
            QTest::addRow("bilateral31/noise/%s/%s", alpha == AlphaContent::Opaque ? "opaque" : "alpha",
                          formatName(format))
                << wide << noise;
        }
    }
}

void tst_NonlinearFilters::everySimdLevelMatchesReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(QImage, image);
    const bool median = settings.filter().name == QLatin1String("median");
    const QImage expected = median ? naiveMedian(image, settings) : naiveBilateral(image, settings);
    QImage first;
    for (int level = int(detail::SimdLevel::Baseline); level <= int(detail::bestSimdLevel()); ++level) {
        detail::setSimdLevel(detail::SimdLevel(level));
        for (int threads : {1, 2, 3}) {
            const QImage actual = applied(image, settings, threads);
            QVERIFY(!actual.isNull());
            if (first.isNull()) {
                first = actual;
                // The median is exact; the bilateral within one level in the image's own units.
                QCOMPARE_LE(test::maxChannelDifference(actual, expected), median ? 0 : 1);
            } else {
                QCOMPARE(actual, first);
            }
        }
    }
}

void tst_NonlinearFilters::cleanup()
{
    detail::setSimdLevel(detail::bestSimdLevel());
}

void tst_NonlinearFilters::cancelled_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::newRow("median") << filterNamed("median");
    QTest::newRow("bilateral") << filterNamed("bilateral");
}

void tst_NonlinearFilters::cancelled()
{
    QFETCH(FilterSettings, settings);
    CancelToken cancel;
    cancel.cancel();
    const Result<QImage> result = Engine(2).apply(testImage(QImage::Format_RGBA8888, 40, 200, 1), settings, cancel);
    QCOMPARE(result.error(), CancelledReason);
    QVERIFY(!result.ok());
}

void tst_NonlinearFilters::medianRemovesSaltAndPepper()
{
    const QRgb flat = qRgba(90, 140, 200, 255);
    QImage noisy = flatImage(48, 40, flat);
    QRandomGenerator random(7);
    int speckles = 0;
    for (int y = 0; y < noisy.height(); ++y)
        for (int x = 0; x < noisy.width(); ++x)
            if (random.bounded(100) < 8) {
                noisy.setPixel(x, y, random.bounded(2) ? qRgba(255, 255, 255, 255) : qRgba(0, 0, 0, 255));
                ++speckles;
            }
    QVERIFY(speckles > 100);

    FilterSettings s = filterNamed("median");
    s.setValue(u"size", 5);
    const QImage cleaned = applied(noisy, s, 2);
    QCOMPARE(test::maxChannelDifference(cleaned, flatImage(48, 40, flat)), 0);
}

void tst_NonlinearFilters::bilateralKeepsEdgesSharp()
{
    // Dark left half, bright right half, both with seeded noise of +-12 levels.
    const int width = 64, height = 32, edge = 32;
    QImage noisy(width, height, QImage::Format_RGBA8888);
    QRandomGenerator random(3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int base = x < edge ? 60 : 190;
            const int v = base + int(random.bounded(25)) - 12;
            noisy.setPixel(x, y, qRgba(v, v, v, 255));
        }

    // The spread of the red channel over a block of columns, and its mean over one column.
    auto deviation = [](const QImage &image, int x0, int x1) {
        double sum = 0.0, squares = 0.0;
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = x0; x < x1; ++x, ++n) {
                const double v = qRed(image.pixel(x, y));
                sum += v;
                squares += v * v;
            }
        const double mean = sum / n;
        return std::sqrt(squares / n - mean * mean);
    };
    auto columnMean = [](const QImage &image, int x) {
        double sum = 0.0;
        for (int y = 0; y < image.height(); ++y)
            sum += qRed(image.pixel(x, y));
        return sum / image.height();
    };

    FilterSettings s = filterNamed("bilateral");
    s.setValue(u"size", 9);
    s.setValue(u"spatial-factor", 4);
    s.setValue(u"color-factor", 40);
    const QImage smoothed = applied(noisy, s, 2);
    QVERIFY(!smoothed.isNull());

    // The noise on each side drops to well under half...
    QCOMPARE_LT(deviation(smoothed, 4, edge - 4), 0.5 * deviation(noisy, 4, edge - 4));
    QCOMPARE_LT(deviation(smoothed, edge + 4, width - 4), 0.5 * deviation(noisy, edge + 4, width - 4));
    // ...while the two columns either side of the edge keep their levels: no ramp.
    QCOMPARE_LT(std::abs(columnMean(smoothed, edge - 1) - 60.0), 4.0);
    QCOMPARE_LT(std::abs(columnMean(smoothed, edge) - 190.0), 4.0);

    // A Gaussian of the same extent smooths as well but makes the ramp the bilateral avoids.
    FilterSettings gauss = filterNamed("gaussian");
    gauss.setValue(u"size", 9);
    gauss.setValue(u"sigma", 2);
    const QImage blurred = applied(noisy, gauss, 2);
    QCOMPARE_GT(std::abs(columnMean(blurred, edge - 1) - 60.0), 20.0);
}

void tst_NonlinearFilters::unsharpMatchesReference_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::addColumn<QImage>("image");
    QTest::addColumn<int>("threads");
    int turn = 0;
    for (double radius : {0.8, 2.5})
        for (double amount : {0.5, 1.5})
            for (double threshold : {0.0, 6.0})
                for (QImage::Format format : AllFormats) {
                    FilterSettings s = filterNamed("unsharp");
                    s.setValue(u"radius", radius);
                    s.setValue(u"amount", amount);
                    s.setValue(u"threshold", threshold);
                    s.border = AllBorders[turn % 5];
                    s.alpha = AllAlphaModes[turn % 3];
                    if (turn % 7 == 3)
                        s.region = QRect(5, 4, 20, 17);
                    QTest::addRow("r%g a%g t%g %s %d", radius, amount, threshold, formatName(format), turn)
                        << s << testImage(format, 37, 29, quint32(40 + turn)) << 1 + turn % 3;
                    ++turn;
                }
}

void tst_NonlinearFilters::unsharpMatchesReference()
{
    QFETCH(FilterSettings, settings);
    QFETCH(QImage, image);
    QFETCH(int, threads);
    const QImage expected = naiveUnsharp(image, settings);
    const QImage actual = applied(image, settings, threads).convertToFormat(expected.format());
    // The filter's blur is within one level of the oracle's, and the amount magnifies that.
    // Where the difference lies within that level of the threshold, the blur's rounding
    // decides the side: the oracle with the threshold one level lower or higher is right too.
    const double unit = expected.depth() == 64 ? 257 : 1;
    const int tolerance = int(unit * (1 + std::ceil(settings.value(u"amount"))));
    QList<QImage> allowed{expected};
    if (const double threshold = settings.value(u"threshold"); threshold > 0)
        for (double shifted : {threshold - 1, threshold + 1}) {
            FilterSettings other = settings;
            other.setValue(u"threshold", shifted);
            allowed << naiveUnsharp(image, other);
        }
    const Plain got(actual);
    std::vector<Plain> candidates(allowed.begin(), allowed.end());
    for (int y = 0; y < actual.height(); ++y)
        for (int x = 0; x < actual.width(); ++x) {
            double best = 1e9;
            for (const Plain &candidate : candidates) {
                const Pixel a = got.read(x, y), e = candidate.read(x, y);
                double worst = 0;
                for (int c = 0; c < 4; ++c)
                    worst = std::max(worst, std::abs(a[c] - e[c]));
                best = std::min(best, worst);
            }
            QVERIFY2(best <= tolerance, qPrintable(QStringLiteral("(%1, %2) off by %3").arg(x).arg(y).arg(best)));
        }
    QVERIFY(test::maxChannelDifference(expected, image.convertToFormat(expected.format())) > 0); // it does something
}

void tst_NonlinearFilters::unsharpThresholdKeepsFlatAreas()
{
    // Gray 100 with noise of +-2 on the left half, a step to 160 on the right.
    QImage image(64, 16, QImage::Format_RGBA8888);
    QRandomGenerator noise(5);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const int level = x < 32 ? 100 + int(noise.bounded(5)) - 2 : 160;
            image.setPixelColor(x, y, QColor(level, level, level));
        }
    FilterSettings s = filterNamed("unsharp");
    s.setValue(u"radius", 1.5);
    s.setValue(u"amount", 1.0);
    s.setValue(u"threshold", 8);
    const QImage sharpened = applied(image, s, 2);
    // The noise stays as it was, far from the step ...
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < 24; ++x)
            QCOMPARE(sharpened.pixelColor(x, y), image.pixelColor(x, y));
    // ... and the step gets its overshoot on both sides.
    QVERIFY(sharpened.pixelColor(32, 8).red() > 160);
    QVERIFY(sharpened.pixelColor(31, 8).red() < 95);
    // Without a threshold the noise is sharpened too.
    s.setValue(u"threshold", 0);
    QVERIFY(test::maxChannelDifference(applied(image, s, 2).copy(0, 0, 24, 16), image.copy(0, 0, 24, 16)) > 0);
}

QTEST_GUILESS_MAIN(tst_NonlinearFilters)
#include "tst_nonlinearfilters.moc"
