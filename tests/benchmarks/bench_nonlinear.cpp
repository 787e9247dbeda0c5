// The non-linear filters (median, bilateral, Wiener) against OpenCV on the same input:
//   ks/<case>/<width>/<height>/<threads> and cv/<case>/<width>/<height>/<threads>.
// Times are wall-clock; scripts/bench.sh runs this with repetitions and prints medians and
// ratios ks/cv. What each cv case is:
// - median<n>, median<n>gray: cv::medianBlur, n x n, on the same RGBA8888 (CV_8UC4) or
//   Grayscale8 (CV_8UC1) image; both replicate the edge (ks: clamp).
// - bilateral<n>: cv::bilateralFilter, diameter n, sigmaSpace 10, sigmaColor 50, edge
//   replicated, on the image's R, G, B (CV_8UC3: OpenCV's filter takes 1 or 3 channels; the
//   image is opaque). Times only: OpenCV's window is a disc and its colour distance an L1 sum,
//   so its output is not ours; ours is checked against the naive reference in
//   tst_nonlinearfilters.
// - gaussWiener: no OpenCV function does it, so cv is a plain pipeline of OpenCV calls doing
//   the same work the simple way: each colour channel padded by edge replication to
//   cv::getOptimalDFTSize, full complex spectra (cv::dft), the Wiener filter conj(H) / (|H|^2 +
//   snr) from the kernel's spectrum, cv::mulSpectrums, inverse cv::dft, crop, back to 8 bits.
#include "benchimages.h"
#include "engine.h"
#include "filterregistry.h"

#include <benchmark/benchmark.h>

#ifdef KS_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include <map>

namespace {

struct Case
{
    const char *name;
    const char *filter;
    int size; // median and bilateral window; 0 for the Wiener filter
    bool gray;
};

const Case Cases[] = {
    {"median3", "median", 3, false},       {"median5", "median", 5, false},
    {"median15", "median", 15, false},     {"median51", "median", 51, false},
    {"median3gray", "median", 3, true},    {"median5gray", "median", 5, true},
    {"median15gray", "median", 15, true},  {"median51gray", "median", 51, true},
    {"bilateral9", "bilateral", 9, false}, {"bilateral25", "bilateral", 25, false},
    {"gaussWiener", "gauss-wiener", 0, false},
};

const QImage &input(int width, int height, bool gray)
{
    static std::map<std::tuple<int, int, bool>, QImage> images;
    QImage &image = images[{width, height, gray}];
    if (image.isNull()) {
        image = ks::bench::texturedImage(width, height);
        if (gray)
            image = image.convertToFormat(QImage::Format_Grayscale8);
    }
    return image;
}

ks::FilterSettings settingsFor(const Case &c)
{
    ks::FilterSettings s(*ks::findFilter(QString::fromLatin1(c.filter)));
    if (c.size > 0)
        s.setValue(u"size", c.size);
    if (QLatin1String(c.filter) == QLatin1String("bilateral")) {
        s.setValue(u"spatial-factor", 10);
        s.setValue(u"spatial-power", 2);
        s.setValue(u"color-factor", 50);
        s.setValue(u"color-power", 2);
    }
    return s; // gauss-wiener: its defaults (sigma 1.5, snr 0.007)
}

void runKs(benchmark::State &state, Case c, int width, int height, int threads)
{
    ks::bench::runEngine(state, input(width, height, c.gray), settingsFor(c), threads);
}

#ifdef KS_HAVE_OPENCV
cv::Mat wrap(const QImage &image)
{
    return cv::Mat(image.height(), image.width(), image.format() == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC4,
                   const_cast<uchar *>(image.constBits()), size_t(image.bytesPerLine()));
}

// The plain Wiener pipeline of the file's comment, for one run.
cv::Mat wienerPipeline(const cv::Mat &rgba, const ks::Kernel &kernel, double snr, double brightness)
{
    const int guard = 2 * std::max(kernel.width(), kernel.height());
    const int rows = cv::getOptimalDFTSize(rgba.rows + 2 * guard), cols = cv::getOptimalDFTSize(rgba.cols + 2 * guard);
    cv::Mat h = cv::Mat::zeros(rows, cols, CV_32F); // the kernel, its centre at the origin
    double sum = 0.0;
    for (float w : kernel.weights())
        sum += w;
    for (int j = 0; j < kernel.height(); ++j)
        for (int i = 0; i < kernel.width(); ++i)
            h.at<float>((j - kernel.height() / 2 + rows) % rows, (i - kernel.width() / 2 + cols) % cols) =
                float(kernel.at(i, j) / sum);
    cv::Mat spectrumH;
    cv::dft(h, spectrumH, cv::DFT_COMPLEX_OUTPUT);
    cv::Mat parts[2];
    cv::split(spectrumH, parts);
    const cv::Mat denominator = parts[0].mul(parts[0]) + parts[1].mul(parts[1]) + snr;
    cv::Mat filterParts[2] = {parts[0] * brightness / denominator, -parts[1] * brightness / denominator};
    cv::Mat filter;
    cv::merge(filterParts, 2, filter);

    std::vector<cv::Mat> channels;
    cv::split(rgba, channels);
    for (int c = 0; c < 3; ++c) {
        cv::Mat padded, real, spectrum, restored;
        cv::copyMakeBorder(channels[size_t(c)], padded, 0, rows - rgba.rows, 0, cols - rgba.cols, cv::BORDER_REPLICATE);
        padded.convertTo(real, CV_32F);
        cv::dft(real, spectrum, cv::DFT_COMPLEX_OUTPUT);
        cv::mulSpectrums(spectrum, filter, spectrum, 0);
        cv::dft(spectrum, restored, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
        restored(cv::Rect(0, 0, rgba.cols, rgba.rows)).convertTo(channels[size_t(c)], CV_8U);
    }
    cv::Mat result;
    cv::merge(channels, result);
    return result;
}

void runCv(benchmark::State &state, Case c, int width, int height, int threads)
{
    const QImage &image = input(width, height, c.gray);
    const cv::Mat src = wrap(image);
    const QLatin1String filter(c.filter);
    cv::Mat rgb;
    if (filter == QLatin1String("bilateral"))
        cv::cvtColor(src, rgb, cv::COLOR_RGBA2RGB);
    const ks::FilterSettings settings = settingsFor(c);
    cv::setNumThreads(threads);
    for (auto _ : state) {
        cv::Mat dst; // a new result each time, as the engine makes one
        if (filter == QLatin1String("median"))
            cv::medianBlur(src, dst, c.size);
        else if (filter == QLatin1String("bilateral"))
            cv::bilateralFilter(rgb, dst, c.size, 50, 10, cv::BORDER_REPLICATE);
        else
            dst = wienerPipeline(src, settings.kernel(), settings.value(u"snr"), settings.value(u"brightness"));
        benchmark::DoNotOptimize(dst.data);
    }
}
#endif

} // namespace

int main(int argc, char **argv)
{
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
        for (int threads : {1, 2}) {
            for (const Case &c : Cases) {
                const std::string suffix =
                    QStringLiteral("%1/%2/%3/%4").arg(QLatin1String(c.name)).arg(width).arg(height).arg(threads).toStdString();
                benchmark::RegisterBenchmark(("ks/" + suffix).c_str(), runKs, c, width, height, threads)
                    ->Unit(benchmark::kMillisecond);
#ifdef KS_HAVE_OPENCV
                benchmark::RegisterBenchmark(("cv/" + suffix).c_str(), runCv, c, width, height, threads)
                    ->Unit(benchmark::kMillisecond);
#endif
            }
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
