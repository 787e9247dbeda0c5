// The live preview as the editor drives it: a 6000x4000 source, a display-sized view, and a
// settings change (setRecipe) timed until the display-resolution render is ready ("quick_ms")
// and until the full-resolution one is ("full_ms", also the case's time), on 2 threads.
#include "benchimages.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "previewcontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <benchmark/benchmark.h>

namespace {

void preview(benchmark::State &state, double sigma)
{
    static const QImage source = ks::bench::texturedImage(6000, 4000);
    ks::PreviewController controller(std::make_shared<ks::Engine>(2));
    controller.setDisplaySize(QSize(1920, 1080));
    controller.setSource(source);

    ks::FilterSettings blur(*ks::findFilter(u"gaussian"));
    blur.setValue(u"size", 0); // from sigma: +-3 sigma
    blur.setValue(u"sigma", sigma);

    QElapsedTimer timer;
    double quickMs = 0, fullMs = 0;
    QEventLoop loop;
    QObject::connect(&controller, &ks::PreviewController::resultReady, &loop,
                     [&](const QImage &, bool full, double) {
                         (full ? fullMs : quickMs) = double(timer.nsecsElapsed()) / 1e6;
                         if (full)
                             loop.quit();
                     });
    // One settings change first, so the scaled source the quick pass reuses is in place,
    // as it is while someone drags a slider.
    timer.start();
    controller.setRecipe(ks::Recipe{{blur}});
    loop.exec();

    double quickTotal = 0;
    for (auto _ : state) {
        timer.start();
        controller.setRecipe(ks::Recipe{{blur}});
        loop.exec();
        state.SetIterationTime(fullMs / 1e3);
        quickTotal += quickMs;
    }
    state.counters["quick_ms"] = quickTotal / double(state.iterations());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (double sigma : {2.0, 10.0, 50.0})
        benchmark::RegisterBenchmark(QStringLiteral("preview/6000/4000/2/sigma%1").arg(sigma).toStdString().c_str(),
                                     preview, sigma)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
