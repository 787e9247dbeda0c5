// ks_core's engine against OpenCV on the same input, case by case:
//   ks/<case>/<width>/<height>/<threads> and cv/<case>/<width>/<height>/<threads>.
// A case's name ends in its pixel format: none for 8-bit RGBA (CV_8UC4), "_16" for 16-bit
// RGBA (CV_16UC4), "_gray" for 8-bit gray (CV_8UC1); both sides read the same pixels.
// mem/copy and mem/newcopy measure the machine's memory bandwidth with an RGBA8 image-sized
// copy (STREAM-like), the bound the README compares the lightest cases with.
// Times are wall-clock (the "Time" column); scripts/bench.sh runs this with repetitions and
// prints medians and ratios ks/cv.
#include "benchimages.h"
#include "engine.h"

#include <benchmark/benchmark.h>

#ifdef KS_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include <cstring>
#include <map>
#include <memory>

namespace {

const char *const Cases[] = {"seed5x5", "gaussS2", "gaussS10", "gaussS50", "box31", "custom5", "custom15"};
// The cases run on 16-bit RGBA and 8-bit gray as well.
const char *const OtherFormatCases[] = {"seed5x5", "gaussS2", "gaussS10", "box31", "custom5"};

enum class Format
{
    Rgba8,
    Rgba16,
    Gray8
};

QString suffix(Format format)
{
    return format == Format::Rgba16 ? QStringLiteral("_16") : format == Format::Gray8 ? QStringLiteral("_gray") : QString();
}

// The case's name less its format suffix.
QString baseName(QString name)
{
    for (Format f : {Format::Rgba16, Format::Gray8})
        if (name.endsWith(suffix(f)))
            return name.chopped(suffix(f).size());
    return name;
}

Format formatOf(const QString &name)
{
    return name.endsWith(suffix(Format::Rgba16)) ? Format::Rgba16
           : name.endsWith(suffix(Format::Gray8)) ? Format::Gray8
                                                  : Format::Rgba8;
}

// The 16-bit image is the 8-bit one scaled to 16 bits (v * 257) plus seeded noise in the low
// byte, so no 16-bit value is a plain multiple; the gray one is Qt's gray of the 8-bit one.
QImage converted(const QImage &rgba8, Format format)
{
    if (format == Format::Gray8)
        return rgba8.convertToFormat(QImage::Format_Grayscale8);
    if (format == Format::Rgba8)
        return rgba8;
    QImage image = rgba8.convertToFormat(QImage::Format_RGBA64);
    unsigned state = 12345;
    for (int y = 0; y < image.height(); ++y) {
        auto *px = reinterpret_cast<quint16 *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x, px += 4)
            for (int c = 0; c < 3; ++c) {
                state = state * 1664525u + 1013904223u;
                px[c] = quint16(std::min(65535u, px[c] + (state >> 24)));
            }
    }
    return image;
}

const QImage &input(int width, int height, bool transparent, Format format = Format::Rgba8)
{
    static std::map<std::tuple<int, int, bool, Format>, QImage> images;
    QImage &image = images[{width, height, transparent, format}];
    if (image.isNull())
        image = converted(ks::bench::texturedImage(width, height, transparent), format);
    return image;
}

void runKs(benchmark::State &state, QString name, int width, int height, int threads)
{
    const bool transparent = name.endsWith(QLatin1String("alpha"));
    ks::bench::runEngine(state, input(width, height, transparent, formatOf(name)),
                         ks::bench::caseSettings(baseName(name)), threads);
}

#ifdef KS_HAVE_OPENCV
void runCv(benchmark::State &state, QString name, int width, int height, int threads)
{
    const Format format = formatOf(name);
    name = baseName(name);
    const QImage &image = input(width, height, false, format);
    const int type = format == Format::Rgba16 ? CV_16UC4 : format == Format::Gray8 ? CV_8UC1 : CV_8UC4;
    const cv::Mat src(image.height(), image.width(), type, const_cast<uchar *>(image.constBits()),
                      size_t(image.bytesPerLine()));
    cv::Mat custom;
    if (name.startsWith(QLatin1String("custom"))) {
        const int side = name == QLatin1String("custom5") ? 5 : 15;
        const std::vector<float> w = ks::bench::customWeights(side, 7);
        custom = cv::Mat(side, side, CV_32F, const_cast<float *>(w.data())).clone();
    }
    cv::setNumThreads(threads);
    const int b = cv::BORDER_REPLICATE;
    for (auto _ : state) {
        cv::Mat dst; // a new result each time, as the engine makes one
        if (name == QLatin1String("seed5x5"))
            cv::GaussianBlur(src, dst, cv::Size(5, 5), 0, 0, b);
        else if (name == QLatin1String("gaussS2"))
            cv::GaussianBlur(src, dst, cv::Size(13, 13), 2, 2, b);
        else if (name == QLatin1String("gaussS10"))
            cv::GaussianBlur(src, dst, cv::Size(61, 61), 10, 10, b);
        else if (name == QLatin1String("gaussS50"))
            cv::GaussianBlur(src, dst, cv::Size(301, 301), 50, 50, b);
        else if (name == QLatin1String("box31"))
            cv::blur(src, dst, cv::Size(31, 31), cv::Point(-1, -1), b);
        else
            cv::filter2D(src, dst, -1, custom, cv::Point(-1, -1), 0, b);
        benchmark::DoNotOptimize(dst.data);
    }
}
#endif

// The least any filter moves: an image-sized copy (read the source once, write the result
// once), into a buffer written before (warm) or, as each filter run makes its result, into a
// fresh one each time (its pages are faulted in as they are written). GBps counts read + write.
void runMemory(benchmark::State &state, int width, int height, bool fresh)
{
    const size_t bytes = size_t(width) * size_t(height) * 4;
    std::vector<char> from(bytes, 1), warm(bytes, 0);
    for (auto _ : state) {
        if (fresh) {
            std::unique_ptr<char[]> to(new char[bytes]);
            std::memcpy(to.get(), from.data(), bytes);
            benchmark::DoNotOptimize(to.get());
        } else {
            std::memcpy(warm.data(), from.data(), bytes);
            benchmark::DoNotOptimize(warm.data());
        }
        benchmark::ClobberMemory();
    }
    state.counters["GBps"] =
        benchmark::Counter(2.0 * double(bytes) * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

void registerCase(const QString &name, int width, int height, int threads)
{
    const std::string suffix = QStringLiteral("%1/%2/%3/%4").arg(name).arg(width).arg(height).arg(threads).toStdString();
    benchmark::RegisterBenchmark(("ks/" + suffix).c_str(), runKs, name, width, height, threads)
        ->Unit(benchmark::kMillisecond);
#ifdef KS_HAVE_OPENCV
    benchmark::RegisterBenchmark(("cv/" + suffix).c_str(), runCv, name, width, height, threads)
        ->Unit(benchmark::kMillisecond);
#endif
}

} // namespace

int main(int argc, char **argv)
{
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{3840, 2160}})
        for (bool fresh : {false, true})
            benchmark::RegisterBenchmark(
                QStringLiteral("mem/%1/%2/%3").arg(fresh ? "newcopy" : "copy").arg(width).arg(height).toStdString().c_str(),
                runMemory, width, height, fresh)
                ->Unit(benchmark::kMillisecond)
                ->UseRealTime();
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
        for (int threads : {1, 2}) {
            for (QString name : Cases) {
                registerCase(name, width, height, threads);
                if (name == QLatin1String("gaussS2")) // premultiplied path on real transparency
                    benchmark::RegisterBenchmark(
                        QStringLiteral("ks/gaussS2alpha/%1/%2/%3").arg(width).arg(height).arg(threads).toStdString().c_str(),
                        runKs, QStringLiteral("gaussS2alpha"), width, height, threads)
                        ->Unit(benchmark::kMillisecond);
            }
            for (Format format : {Format::Rgba16, Format::Gray8})
                for (QString name : OtherFormatCases)
                    registerCase(name + suffix(format), width, height, threads);
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
