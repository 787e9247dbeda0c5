// ks_core's engine against OpenCV on the same input, case by case:
//   ks/<case>/<width>/<height>/<threads> and cv/<case>/<width>/<height>/<threads>.
// Times are wall-clock (the "Time" column); scripts/bench.sh runs this with repetitions and
// prints medians and ratios ks/cv.
#include "benchimages.h"
#include "engine.h"

#include <benchmark/benchmark.h>

#ifdef KS_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include <map>

namespace {

const char *const Cases[] = {"seed5x5", "gaussS2", "gaussS10", "gaussS50", "box31", "custom5", "custom15"};

const QImage &input(int width, int height, bool transparent)
{
    static std::map<std::tuple<int, int, bool>, QImage> images;
    QImage &image = images[{width, height, transparent}];
    if (image.isNull())
        image = ks::bench::texturedImage(width, height, transparent);
    return image;
}

void runKs(benchmark::State &state, QString name, int width, int height, int threads)
{
    const bool transparent = name.endsWith(QLatin1String("alpha"));
    const QImage &image = input(width, height, transparent);
    const ks::FilterSettings settings = ks::bench::caseSettings(name);
    const ks::Engine engine(threads);
    for (auto _ : state) {
        ks::Result<QImage> result = engine.apply(image, settings);
        if (!result.ok())
            state.SkipWithError(qPrintable(result.error()));
        benchmark::DoNotOptimize(result.value().constBits());
    }
}

#ifdef KS_HAVE_OPENCV
void runCv(benchmark::State &state, QString name, int width, int height, int threads)
{
    const QImage &image = input(width, height, false);
    const cv::Mat src(image.height(), image.width(), CV_8UC4, const_cast<uchar *>(image.constBits()),
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

} // namespace

int main(int argc, char **argv)
{
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
        for (int threads : {1, 2}) {
            for (QString name : Cases) {
                const std::string suffix =
                    QStringLiteral("%1/%2/%3/%4").arg(name).arg(width).arg(height).arg(threads).toStdString();
                benchmark::RegisterBenchmark(("ks/" + suffix).c_str(), runKs, name, width, height, threads)
                    ->Unit(benchmark::kMillisecond);
#ifdef KS_HAVE_OPENCV
                benchmark::RegisterBenchmark(("cv/" + suffix).c_str(), runCv, name, width, height, threads)
                    ->Unit(benchmark::kMillisecond);
#endif
                if (name == QLatin1String("gaussS2")) // premultiplied path on real transparency
                    benchmark::RegisterBenchmark(
                        QStringLiteral("ks/gaussS2alpha/%1/%2/%3").arg(width).arg(height).arg(threads).toStdString().c_str(),
                        runKs, QStringLiteral("gaussS2alpha"), width, height, threads)
                        ->Unit(benchmark::kMillisecond);
            }
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
