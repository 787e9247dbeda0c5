#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "imageio.h"
#include "kernelbuilders.h"
#include "testimages.h"

#include <QTest>

#include <fftw3.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <thread>

using namespace ks;
using ks::test::AlphaContent;

Q_DECLARE_METATYPE(ks::Kernel)
Q_DECLARE_METATYPE(ks::FilterSettings)
Q_DECLARE_METATYPE(ks::BorderMode)

namespace {

QImage samplePhoto()
{
    const Result<LoadedImage> loaded = loadImage(QStringLiteral(KS_SAMPLES_DIR "/photo.png"));
    return loaded->image.convertToFormat(QImage::Format_RGBA8888);
}

FilterSettings customSettings(const Kernel &kernel)
{
    FilterSettings s = filterNamed("custom");
    s.setKernelValue(u"kernel", kernel);
    return s;
}

QImage applied(const QImage &image, const FilterSettings &settings, int threads = 2)
{
    const Result<QImage> result = Engine(threads).apply(image, settings);
    if (!result.ok())
        qWarning("engine: %s", qPrintable(result.error()));
    return result.value().convertToFormat(QImage::Format_RGBA8888);
}

// Over R, G and B of two RGBA8888 images of the same size.
double psnr(const QImage &a, const QImage &b)
{
    double squares = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const uchar *pa = a.constScanLine(y), *pb = b.constScanLine(y);
        for (int x = 0; x < a.width(); ++x)
            for (int c = 0; c < 3; ++c) {
                const double d = double(pa[4 * x + c]) - double(pb[4 * x + c]);
                squares += d * d;
            }
    }
    const double mse = squares / (3.0 * a.width() * a.height());
    return 10.0 * std::log10(255.0 * 255.0 / std::max(mse, 1e-12));
}

// The textured test image squeezed into 64..160 and blurred by gaussian(5, 1.5), so that its
// deconvolution is not clipped.
QImage midRangeImage(int width, int height, quint32 seed)
{
    QImage image = test::makeImage(width, height, QImage::Format_RGBA8888, AlphaContent::Opaque, seed);
    for (int y = 0; y < height; ++y) {
        uchar *px = image.scanLine(y);
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c)
                px[4 * x + c] = uchar(64 + px[4 * x + c] * 96 / 255);
    }
    return applied(image, customSettings(gaussian(5, 1.5)));
}

// A blur that is not symmetric about its anchor: an exponential tail to the right and down.
Kernel lopsidedBlur()
{
    std::vector<float> w(25);
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 5; ++i)
            w[size_t(j * 5 + i)] = float(std::exp(-i / 1.2) * std::exp(-std::abs(j - 1) / 0.8));
    Kernel k(5, 5, std::move(w));
    k.setAnchor(1, 1);
    return k.normalized();
}

FilterSettings deconvolutionOf(const Kernel &kernel)
{
    FilterSettings s = filterNamed("deconvolution");
    s.setKernelValue(u"kernel", kernel);
    return s;
}

// The formula straight from its definition, in double, as a circular (wrap) deconvolution:
// f = Re IDFT(brightness * G * conj(H) / (|H|^2 + snr)), with H the response of the blur the
// engine applies (correlation: weight (i, j) reads the pixel (x - ax + i, y - ay + j)), i.e.
// H(u, v) = sum k(i, j) exp(+2 pi i (u (i - ax) / W + v (j - ay) / H)), k = real + i imaginary
// divided by its complex sum.
QImage naiveWiener(const QImage &image, const FilterSettings &s)
{
    using C = std::complex<double>;
    const int w = image.width(), h = image.height();
    const Kernel &k = (*s.kernelValue(u"kernel"));
    std::vector<C> weights(k.weights().size());
    C sum = 0.0;
    for (size_t i = 0; i < weights.size(); ++i) {
        weights[i] = C(k.weights()[i] * k.factor(), s.kernelValue(u"imaginary") ? s.kernelValue(u"imaginary")->weights()[i] : 0.0);
        sum += weights[i];
    }
    for (C &v : weights)
        v /= sum;
    const double tau = 2.0 * std::numbers::pi;
    auto e = [&](double turns) { return std::polar(1.0, tau * turns); };

    std::vector<C> filter(size_t(w * h));
    for (int v = 0; v < h; ++v)
        for (int u = 0; u < w; ++u) {
            C response = 0.0;
            for (int j = 0; j < k.height(); ++j)
                for (int i = 0; i < k.width(); ++i)
                    response += weights[size_t(j * k.width() + i)] *
                                e(double(u * (i - k.anchorX())) / w + double(v * (j - k.anchorY())) / h);
            filter[size_t(v * w + u)] = s.value(u"brightness") * std::conj(response) / (std::norm(response) + s.value(u"snr"));
        }

    QImage result = image.copy();
    for (int c = 0; c < 3; ++c) {
        std::vector<C> spectrum(size_t(w * h));
        for (int v = 0; v < h; ++v)
            for (int u = 0; u < w; ++u) {
                C g = 0.0;
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x)
                        g += double(image.constScanLine(y)[4 * x + c]) * e(-(double(u * x) / w + double(v * y) / h));
                spectrum[size_t(v * w + u)] = g * filter[size_t(v * w + u)];
            }
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                C f = 0.0;
                for (int v = 0; v < h; ++v)
                    for (int u = 0; u < w; ++u)
                        f += spectrum[size_t(v * w + u)] * e(double(u * x) / w + double(v * y) / h);
                const double value = std::clamp(f.real() / (w * h), 0.0, 255.0);
                result.scanLine(y)[4 * x + c] = uchar(std::lround(value));
            }
    }
    return result;
}

// The same formula for a large image, in double precision throughout: the image spectrum by
// FFTW's double complex transform (no real-to-complex tricks), H by its defining sum per
// frequency, as a circular (wrap) deconvolution of R, G and B of an RGBA64 image.
QImage doubleOracleWiener16(const QImage &image, const FilterSettings &s)
{
    using C = std::complex<double>;
    const int w = image.width(), h = image.height();
    const Kernel k = s.kernel();
    double sum = 0.0;
    for (float v : k.weights())
        sum += double(v) * k.factor();
    const double tau = 2.0 * std::numbers::pi;
    // Per-axis phase tables: exp(2 pi i u (i - ax) / W) factorises by axis.
    std::vector<C> filter(size_t(w) * size_t(h));
    std::vector<C> rowTerms(size_t(w) * size_t(k.width())), columnTerms(size_t(h) * size_t(k.height()));
    for (int u = 0; u < w; ++u)
        for (int i = 0; i < k.width(); ++i)
            rowTerms[size_t(u) * k.width() + i] = std::polar(1.0, tau * double(u) * (i - k.anchorX()) / w);
    for (int v = 0; v < h; ++v)
        for (int j = 0; j < k.height(); ++j)
            columnTerms[size_t(v) * k.height() + j] = std::polar(1.0, tau * double(v) * (j - k.anchorY()) / h);
    for (int v = 0; v < h; ++v)
        for (int u = 0; u < w; ++u) {
            C response = 0.0;
            for (int j = 0; j < k.height(); ++j)
                for (int i = 0; i < k.width(); ++i)
                    response += double(k.weights()[size_t(j * k.width() + i)]) * k.factor() / sum *
                                rowTerms[size_t(u) * k.width() + i] * columnTerms[size_t(v) * k.height() + j];
            filter[size_t(v) * w + u] =
                s.value(u"brightness") * std::conj(response) / (std::norm(response) + s.value(u"snr"));
        }
    QImage result = image.copy();
    auto *data = static_cast<fftw_complex *>(fftw_malloc(sizeof(fftw_complex) * size_t(w) * size_t(h)));
    fftw_plan forward = fftw_plan_dft_2d(h, w, data, data, FFTW_FORWARD, FFTW_ESTIMATE);
    fftw_plan inverse = fftw_plan_dft_2d(h, w, data, data, FFTW_BACKWARD, FFTW_ESTIMATE);
    for (int c = 0; c < 3; ++c) {
        for (int y = 0; y < h; ++y) {
            const auto *px = reinterpret_cast<const quint16 *>(image.constScanLine(y));
            for (int x = 0; x < w; ++x) {
                data[size_t(y) * w + x][0] = px[4 * x + c];
                data[size_t(y) * w + x][1] = 0.0;
            }
        }
        fftw_execute(forward);
        for (size_t i = 0; i < size_t(w) * size_t(h); ++i) {
            const C g = C(data[i][0], data[i][1]) * filter[i];
            data[i][0] = g.real();
            data[i][1] = g.imag();
        }
        fftw_execute(inverse);
        for (int y = 0; y < h; ++y) {
            auto *px = reinterpret_cast<quint16 *>(result.scanLine(y));
            for (int x = 0; x < w; ++x)
                px[4 * x + c] = quint16(std::lround(std::clamp(data[size_t(y) * w + x][0] / (double(w) * h), 0.0, 65535.0)));
        }
    }
    fftw_destroy_plan(forward);
    fftw_destroy_plan(inverse);
    fftw_free(data);
    return result;
}

// Largest difference over R, G and B of two RGBA64 images, and how many values differ by more than 1.
std::pair<int, qint64> sixteenBitDifference(const QImage &a, const QImage &b)
{
    int largest = 0;
    qint64 offByMore = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto *pa = reinterpret_cast<const quint16 *>(a.constScanLine(y));
        const auto *pb = reinterpret_cast<const quint16 *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x)
            for (int c = 0; c < 3; ++c) {
                const int d = std::abs(int(pa[4 * x + c]) - int(pb[4 * x + c]));
                largest = std::max(largest, d);
                offByMore += d > 1;
            }
    }
    return {largest, offByMore};
}

} // namespace

class tst_Deconvolution : public QObject
{
    Q_OBJECT

private slots:
    void raisesPsnrOfBlurredPhoto_data();
    void raisesPsnrOfBlurredPhoto();
    void zeroImaginaryPartIsRealKernel();
    void matchesNaiveFormula_data();
    void matchesNaiveFormula();
    void matchesNaiveFormulaInBands_data();
    void matchesNaiveFormulaInBands();
    void constantImageKeepsItsLevel_data();
    void constantImageKeepsItsLevel();
    void brightnessScalesResult();
    void grayscaleKeepsChroma();
    void grayImageStaysGray();
    void threadCountDoesNotMatter_data();
    void threadCountDoesNotMatter();
    void regionLeavesOutsideUnchanged();
    void sixteenBitStaysSixteenBit();
    void sixteenBitMatchesDoubleOracleAtLowSnr_data();
    void sixteenBitMatchesDoubleOracleAtLowSnr();
    void zeroSumKernelIsRefused();
    void cancelStopsTheRun();
    void concurrentRunsAgree();
};

void tst_Deconvolution::raisesPsnrOfBlurredPhoto_data()
{
    QTest::addColumn<Kernel>("blur");
    QTest::addColumn<FilterSettings>("deconvolution");
    QTest::addColumn<double>("minimumGainDb");

    // Brightness 1: the default 1.15 brightens on purpose, which a PSNR against the sharp
    // original would count as error. snr 0.002: the blurred image is only rounded to 8 bits,
    // hardly noisy, so little regularisation is needed.
    FilterSettings gauss = filterNamed("gauss-wiener");
    gauss.setValue(u"size", 5);
    gauss.setValue(u"sigma", 1.5);
    FilterSettings motion = filterNamed("motion-wiener");
    motion.setValue(u"size", 5);
    motion.setValue(u"sigma", 1.5);
    motion.setValue(u"angle", 45);
    FilterSettings custom = deconvolutionOf(lopsidedBlur());
    for (FilterSettings *s : {&gauss, &motion, &custom}) {
        s->setValue(u"brightness", 1.0);
        s->setValue(u"snr", 0.002);
    }
    // Gains measured on photo.png: 4.7 dB (24.6 -> 29.3), 5.8 dB (23.8 -> 29.5) and 10.2 dB
    // (25.4 -> 35.7); the margins stay well below. The custom kernel is lopsided, so undoing it
    // also checks the kernel's orientation (mirrored, it lowers the PSNR by 2 dB).
    QTest::newRow("gauss-wiener") << gaussian(5, 1.5) << gauss << 2.5;
    QTest::newRow("motion-wiener") << motion.kernel() << motion << 3.0;
    QTest::newRow("custom lopsided") << lopsidedBlur() << custom << 5.0;
}

void tst_Deconvolution::raisesPsnrOfBlurredPhoto()
{
    QFETCH(Kernel, blur);
    QFETCH(FilterSettings, deconvolution);
    QFETCH(double, minimumGainDb);

    const QImage sharp = samplePhoto();
    QVERIFY(!sharp.isNull());
    const QImage blurred = applied(sharp, customSettings(blur));
    const QImage restored = applied(blurred, deconvolution);
    const double before = psnr(sharp, blurred), after = psnr(sharp, restored);
    qInfo("PSNR blurred %.2f dB, restored %.2f dB, gain %.2f dB", before, after, after - before);
    QVERIFY2(after - before >= minimumGainDb, qPrintable(QStringLiteral("gain %1 dB").arg(after - before)));
}

void tst_Deconvolution::zeroImaginaryPartIsRealKernel()
{
    const QImage image = test::makeImage(61, 47, QImage::Format_RGBA8888, AlphaContent::Random, 3);
    const FilterSettings real = deconvolutionOf(lopsidedBlur());
    FilterSettings complex = real;
    complex.setKernelValue(u"imaginary", Kernel(5, 5, std::vector<float>(25, 0.0f)));
    const QImage expected = applied(image, real);
    QCOMPARE(applied(image, complex), expected);

    // And the imaginary part matters when it is not zero.
    Kernel imaginary = *complex.kernelValue(u"imaginary");
    imaginary.set(0, 0, 0.3f);
    complex.setKernelValue(u"imaginary", imaginary);
    QVERIFY(test::maxChannelDifference(applied(image, complex), expected) > 0);
}

void tst_Deconvolution::matchesNaiveFormula_data()
{
    QTest::addColumn<FilterSettings>("settings");

    QTest::newRow("gaussian 3x3") << deconvolutionOf(gaussian(3, 0.8));
    QTest::newRow("lopsided 5x5, anchor 1,1") << deconvolutionOf(lopsidedBlur());
    Kernel wide = lopsidedBlur();
    wide.setAnchor(4, 0);
    FilterSettings brighter = deconvolutionOf(wide);
    brighter.setValue(u"brightness", 1.3);
    brighter.setValue(u"snr", 0.02);
    QTest::newRow("anchor 4,0, brightness 1.3, snr 0.02") << brighter;
    FilterSettings complex = deconvolutionOf(gaussian(3, 0.8));
    complex.setKernelValue(u"imaginary", Kernel(3, 3, {0.0f, 0.05f, 0.1f, -0.05f, 0.0f, 0.02f, 0.0f, 0.0f, -0.1f}));
    QTest::newRow("complex 3x3") << complex;
    Kernel halved(3, 1, {1.0f, 2.0f, 1.0f});
    halved.setFactor(0.5);
    FilterSettings factor = deconvolutionOf(halved);
    QTest::newRow("1-2-1 row with factor 0.5") << factor;
}

void tst_Deconvolution::matchesNaiveFormula()
{
    QFETCH(FilterSettings, settings);
    settings.border = BorderMode::Wrap;
    const QImage image = test::makeImage(8, 6, QImage::Format_RGBA8888, AlphaContent::Opaque, 17);
    const QImage expected = naiveWiener(image, settings);
    const QImage actual = applied(image, settings);
    QVERIFY(test::maxChannelDifference(image, expected) > 2); // it does something
    const int difference = test::maxChannelDifference(actual, expected);
    QVERIFY2(difference >= 0 && difference <= 1, qPrintable(QStringLiteral("off by %1").arg(difference)));
}

// The transforms run in bands of 16 rows and 16 spectrum columns (the last band shorter):
// sizes with several bands and a remainder, exact multiples, a single short band, and one
// row band but many column bands, against the naive formula on 1, 2 and 3 threads.
void tst_Deconvolution::matchesNaiveFormulaInBands_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("threads");
    for (int threads : {1, 2, 3}) {
        QTest::addRow("37x35/%d", threads) << QSize(37, 35) << threads;
        QTest::addRow("30x32/%d", threads) << QSize(30, 32) << threads;
        QTest::addRow("5x40/%d", threads) << QSize(5, 40) << threads;
        QTest::addRow("71x3/%d", threads) << QSize(71, 3) << threads;
    }
}

void tst_Deconvolution::matchesNaiveFormulaInBands()
{
    QFETCH(QSize, size);
    QFETCH(int, threads);
    FilterSettings s = deconvolutionOf(lopsidedBlur());
    s.border = BorderMode::Wrap;
    s.setKernelValue(u"imaginary", Kernel(5, 5, std::vector<float>(25, 0.01f)));
    const QImage image = test::makeImage(size.width(), size.height(), QImage::Format_RGBA8888, AlphaContent::Opaque, 19);
    const QImage expected = naiveWiener(image, s);
    QVERIFY(test::maxChannelDifference(image, expected) > 2); // it does something
    const int difference = test::maxChannelDifference(applied(image, s, threads), expected);
    QVERIFY2(difference >= 0 && difference <= 1, qPrintable(QStringLiteral("off by %1").arg(difference)));
}

void tst_Deconvolution::constantImageKeepsItsLevel_data()
{
    QTest::addColumn<BorderMode>("border");
    QTest::addColumn<double>("brightness");
    QTest::newRow("clamp") << BorderMode::Clamp << 1.0;
    QTest::newRow("reflect") << BorderMode::Reflect << 1.0;
    QTest::newRow("wrap") << BorderMode::Wrap << 1.0;
    QTest::newRow("unfiltered") << BorderMode::Unfiltered << 1.0;
    QTest::newRow("clamp, brightness 1.15") << BorderMode::Clamp << 1.15;
    QTest::newRow("reflect, brightness 0.5") << BorderMode::Reflect << 0.5;
}

// Padding that follows the border mode leaves no edge to ring at: a flat image comes out flat,
// scaled by brightness / (1 + snr) (the kernel's response at frequency 0 is 1).
void tst_Deconvolution::constantImageKeepsItsLevel()
{
    QFETCH(BorderMode, border);
    QFETCH(double, brightness);
    QImage image(37, 23, QImage::Format_RGBA8888);
    image.fill(QColor(100, 150, 200));
    FilterSettings s = filterNamed("gauss-wiener");
    s.border = border;
    s.setValue(u"brightness", brightness);
    const QImage result = applied(image, s);
    const double gain = brightness / (1.0 + s.value(u"snr"));
    QImage expected = image.copy();
    // Unfiltered: the frame the kernel does not cover keeps its pixels.
    const QRect inner = border == BorderMode::Unfiltered ? image.rect().adjusted(2, 2, -2, -2) : image.rect();
    for (int y = inner.top(); y <= inner.bottom(); ++y)
        for (int x = inner.left(); x <= inner.right(); ++x)
            expected.setPixelColor(
                x, y, QColor(int(std::lround(100 * gain)), int(std::lround(150 * gain)), int(std::lround(200 * gain))));
    QVERIFY(test::maxChannelDifference(result, expected) <= 1);
}

void tst_Deconvolution::brightnessScalesResult()
{
    const QImage image = midRangeImage(50, 40, 5);
    FilterSettings s = filterNamed("gauss-wiener");
    s.setValue(u"brightness", 1.0);
    const QImage full = applied(image, s);
    int lowest = 255, highest = 0;
    for (int y = 0; y < full.height(); ++y)
        for (int x = 0; x < full.width() * 4; ++x)
            if (x % 4 != 3) {
                lowest = std::min<int>(lowest, full.constScanLine(y)[x]);
                highest = std::max<int>(highest, full.constScanLine(y)[x]);
            }
    QVERIFY(lowest > 0 && highest < 255); // nothing clipped: a clipped value would not scale
    s.setValue(u"brightness", 0.6);
    const QImage scaled = applied(image, s);
    int worst = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width() * 4; ++x) {
            if (x % 4 == 3)
                continue;
            const double expected = 0.6 * full.constScanLine(y)[x];
            worst = std::max(worst, int(std::ceil(std::abs(scaled.constScanLine(y)[x] - expected) - 1e-9)));
        }
    QVERIFY2(worst <= 1, qPrintable(QString::number(worst)));
}

// Chroma, as the differences between the channels: unchanged within rounding when only luma is
// deconvolved, while per-channel deconvolution changes it.
void tst_Deconvolution::grayscaleKeepsChroma()
{
    const QImage image = midRangeImage(64, 48, 9);
    FilterSettings s = filterNamed("gauss-wiener");
    s.setValue(u"brightness", 1.0);
    auto worstChromaChange = [&](const QImage &result) {
        int worst = 0;
        for (int y = 0; y < image.height(); ++y) {
            const uchar *a = image.constScanLine(y), *b = result.constScanLine(y);
            for (int x = 0; x < image.width(); ++x)
                for (int c = 0; c < 2; ++c) {
                    const int before = a[4 * x + c] - a[4 * x + c + 1], after = b[4 * x + c] - b[4 * x + c + 1];
                    worst = std::max(worst, std::abs(after - before));
                }
        }
        return worst;
    };
    QVERIFY(worstChromaChange(applied(image, s)) > 3);
    s.setValue(u"grayscale", (true) ? 1.0 : 0.0);
    const QImage result = applied(image, s);
    QVERIFY(test::maxChannelDifference(image, result) > 3); // luma did change
    QVERIFY(worstChromaChange(result) <= 1);
}

void tst_Deconvolution::grayImageStaysGray()
{
    const QImage photo = samplePhoto();
    QImage gray = photo.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGBA8888);
    FilterSettings s = filterNamed("motion-wiener");
    s.setValue(u"grayscale", (true) ? 1.0 : 0.0);
    const QImage result = applied(gray, s);
    QVERIFY(test::maxChannelDifference(gray, result) > 3);
    for (int y = 0; y < result.height(); ++y) {
        const uchar *px = result.constScanLine(y);
        for (int x = 0; x < result.width(); ++x)
            QVERIFY(px[4 * x] == px[4 * x + 1] && px[4 * x + 1] == px[4 * x + 2]);
    }
}

void tst_Deconvolution::threadCountDoesNotMatter_data()
{
    QTest::addColumn<FilterSettings>("settings");
    QTest::newRow("gauss-wiener") << filterNamed("gauss-wiener");
    FilterSettings motion = filterNamed("motion-wiener");
    motion.setValue(u"angle", 45);
    motion.setValue(u"grayscale", (true) ? 1.0 : 0.0);
    QTest::newRow("motion-wiener grayscale") << motion;
    FilterSettings complex = deconvolutionOf(lopsidedBlur());
    complex.setKernelValue(u"imaginary", Kernel(5, 5, std::vector<float>(25, 0.01f)));
    complex.border = BorderMode::Reflect;
    complex.alpha = AlphaMode::Straight;
    QTest::newRow("complex, reflect, straight") << complex;
}

void tst_Deconvolution::threadCountDoesNotMatter()
{
    QFETCH(FilterSettings, settings);
    const QImage image = test::makeImage(203, 117, QImage::Format_RGBA8888, AlphaContent::Random, 11);
    const QImage one = applied(image, settings, 1);
    QVERIFY(!one.isNull());
    QCOMPARE(applied(image, settings, 2), one);
}

void tst_Deconvolution::regionLeavesOutsideUnchanged()
{
    const QImage image = samplePhoto();
    FilterSettings s = filterNamed("gauss-wiener");
    const QImage whole = applied(image, s);
    const QRect region(200, 50, 150, 120);
    s.region = region;
    const QImage result = applied(image, s);
    QCOMPARE(result.copy(region), whole.copy(region)); // reads its true neighbours
    QVERIFY(test::maxChannelDifference(result.copy(region), image.copy(region)) > 3);
    QImage outside = result;
    QImage original = image;
    for (QImage *im : {&outside, &original})
        for (int y = region.top(); y <= region.bottom(); ++y)
            std::fill_n(im->scanLine(y) + 4 * region.left(), 4 * region.width(), 0);
    QCOMPARE(outside, original);
}

void tst_Deconvolution::sixteenBitStaysSixteenBit()
{
    const QImage image8 = midRangeImage(40, 30, 13);
    const QImage image16 = image8.convertToFormat(QImage::Format_RGBA64);
    FilterSettings s = filterNamed("gauss-wiener");
    const Result<QImage> result = Engine(2).apply(image16, s);
    QVERIFY(result.ok());
    QCOMPARE(result.value().format(), QImage::Format_RGBA64);
    bool between8BitLevels = false;
    for (int y = 0; y < result.value().height(); ++y) {
        const auto *px = reinterpret_cast<const quint16 *>(result.value().constScanLine(y));
        for (int i = 0; i < 4 * result.value().width(); ++i)
            between8BitLevels = between8BitLevels || px[i] % 257 != 0;
    }
    QVERIFY(between8BitLevels);
    // The same filter as on the 8-bit image, to within the 8-bit rounding.
    QVERIFY(test::maxChannelDifference(result.value().convertToFormat(QImage::Format_RGBA8888), applied(image8, s)) <= 1);
}

// Single-precision transforms were off by up to 31 levels here (1e-5) and 6 (1e-4).
void tst_Deconvolution::sixteenBitMatchesDoubleOracleAtLowSnr_data()
{
    QTest::addColumn<double>("snr");
    QTest::newRow("snr 1e-5") << 1e-5;
    QTest::newRow("snr 1e-4") << 1e-4;
}

void tst_Deconvolution::sixteenBitMatchesDoubleOracleAtLowSnr()
{
    QFETCH(double, snr);
    // Mid-range 16-bit texture, blurred by the kernel that is then undone (nothing clips).
    QImage image = test::makeImage(1000, 1000, QImage::Format_RGBA64, AlphaContent::Opaque, 23);
    for (int y = 0; y < image.height(); ++y) {
        auto *px = reinterpret_cast<quint16 *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x)
            for (int c = 0; c < 3; ++c)
                px[4 * x + c] = quint16(16384 + px[4 * x + c] / 2);
    }
    FilterSettings blur = customSettings(gaussian(5, 1.5));
    blur.border = BorderMode::Wrap;
    const Result<QImage> blurred = Engine(2).apply(image, blur);
    QVERIFY2(blurred, qPrintable(blurred.error()));
    FilterSettings s = filterNamed("gauss-wiener");
    s.setValue(u"size", 5);
    s.setValue(u"sigma", 1.5);
    s.setValue(u"snr", snr);
    s.setValue(u"brightness", 1.0);
    s.border = BorderMode::Wrap;
    const Result<QImage> actual = Engine(2).apply(*blurred, s);
    QVERIFY2(actual, qPrintable(actual.error()));
    QCOMPARE(actual->format(), QImage::Format_RGBA64);
    const QImage expected = doubleOracleWiener16(*blurred, s);
    QVERIFY(sixteenBitDifference(*blurred, expected).first > 100); // it does something
    const auto [largest, offByMore] = sixteenBitDifference(*actual, expected);
    QVERIFY2(largest <= 1, qPrintable(QStringLiteral("off by up to %1 levels, %2 values by more than 1")
                                          .arg(largest)
                                          .arg(offByMore)));
}

// A kernel whose weights sum to 0 cannot be normalised: it used to give a black image silently.
void tst_Deconvolution::zeroSumKernelIsRefused()
{
    const FilterSettings s = deconvolutionOf(Kernel(3, 1, {1.0f, -2.0f, 1.0f}));
    const Status checked = validate(s);
    QVERIFY(!checked);
    QVERIFY2(checked.error().contains(QStringLiteral("sum to 0")), qPrintable(checked.error()));
    const QImage image = test::makeImage(8, 6, QImage::Format_RGBA8888, AlphaContent::Opaque, 3);
    const Result<QImage> result = Engine(1).apply(image, s);
    QVERIFY(!result);
}

void tst_Deconvolution::cancelStopsTheRun()
{
    const QImage image = samplePhoto();
    const FilterSettings s = filterNamed("motion-wiener");
    CancelToken before;
    before.cancel();
    QCOMPARE(Engine(2).apply(image, s, before).error(), CancelledReason);

    CancelToken during;
    double last = 0.0;
    const Result<QImage> result = Engine(2).apply(image, s, during, [&](double fraction) {
        last = fraction;
        if (fraction > 0.2)
            during.cancel();
    });
    QCOMPARE(result.error(), CancelledReason);
    QVERIFY(!result.ok());
    QVERIFY(last > 0.2 && last < 1.0);
}

// FFTW plans are made under a lock; runs on other threads at the same time, each planning
// transforms of other sizes, give what they give alone.
void tst_Deconvolution::concurrentRunsAgree()
{
    std::vector<QImage> images, alone;
    const FilterSettings s = filterNamed("motion-wiener");
    for (int i = 0; i < 4; ++i) {
        images.push_back(
            test::makeImage(90 + 13 * i, 70 + 7 * i, QImage::Format_RGBA8888, AlphaContent::Opaque, 30 + i));
        alone.push_back(applied(images.back(), s, 1));
    }
    std::vector<QImage> together(images.size());
    std::vector<std::thread> threads;
    for (size_t i = 0; i < images.size(); ++i)
        threads.emplace_back([&, i] {
            for (int repeat = 0; repeat < 5; ++repeat)
                together[i] = applied(images[i], s, 1);
        });
    for (std::thread &t : threads)
        t.join();
    for (size_t i = 0; i < images.size(); ++i)
        QCOMPARE(together[i], alone[i]);
}

QTEST_GUILESS_MAIN(tst_Deconvolution)
#include "tst_deconvolution.moc"
