// The preview as a person sees it: the real widgets (CompareView and a sigma ParamControl wired
// to a PreviewController as MainWindow wires them, offscreen platform), a 6000x4000 source in a
// 1920x1080 window, 2 threads. Timed from a parameter change to the moment the result pane has
// painted the new pixels: the first update ("first_ms": a quick pass, or the full one when
// there is none) and the exact full-resolution result ("full_ms", also the case's time). At
// fit and at 100 % zoom. The drag cases drive the sigma slider with QTest key presses every
// 16 ms for 3 s and count the distinct results painted ("updates"). The heap keeps freed
// images as the editor's does (heappolicy.h).
#include "benchimages.h"
#include "compareview.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "heappolicy.h"
#include "imagepane.h"
#include "paramcontrol.h"
#include "previewcontroller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTest>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

struct Editor
{
    QWidget window;
    ks::CompareView *view = new ks::CompareView(&window);
    ks::PreviewController controller{std::make_shared<ks::Engine>(2)};
    QElapsedTimer clock;
    double firstMs = -1, fullMs = -1;
    int updates = 0;
    QEventLoop *waiting = nullptr;

    explicit Editor(bool actualSize)
    {
        window.resize(1920, 1080);
        view->resize(1920, 1080);
        window.show();
        static const QImage source = ks::bench::texturedImage(6000, 4000);
        view->setOriginal(source);
        if (actualSize)
            view->zoomToActualSize();
        QObject::connect(&controller, &ks::PreviewController::resultReady, view,
                         [this](const QImage &image, bool full, double) {
                             view->setResult(image, full);
                             painted(full);
                         });
        QObject::connect(&controller, &ks::PreviewController::areaReady, view,
                         [this](const QImage &image, const QRect &area, double) {
                             view->setResultArea(image, area);
                             painted(false);
                         });
        controller.setDisplaySize(view->paneSize());
        controller.setView(view->visibleImageRect(), view->zoom());
        controller.setSource(source);
    }

    // The pane draws now (a synchronous paint, as the window system's next frame would).
    void painted(bool full)
    {
        static_cast<ks::ImagePane *>(view->resultPane())->viewport()->repaint();
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        ++updates;
        if (firstMs < 0)
            firstMs = ms;
        if (full) {
            fullMs = ms;
            if (waiting)
                waiting->quit();
        }
    }

    void change(const ks::Recipe &recipe)
    {
        firstMs = fullMs = -1;
        QEventLoop loop;
        waiting = &loop;
        clock.start();
        controller.setRecipe(recipe);
        loop.exec();
        waiting = nullptr;
    }
};

ks::Recipe gaussian(double sigma)
{
    ks::FilterSettings blur(*ks::findFilter(u"gaussian"));
    blur.setValue(u"size", 0);
    blur.setValue(u"sigma", sigma);
    return ks::Recipe{{blur}};
}

ks::Recipe median5()
{
    ks::FilterSettings median(*ks::findFilter(u"median"));
    median.setValue(u"size", 5);
    return ks::Recipe{{median}};
}

void change(benchmark::State &state, bool actualSize, ks::Recipe recipe)
{
    Editor editor(actualSize);
    editor.change(recipe); // the working copy of the source in place, as during editing
    double first = 0;
    for (auto _ : state) {
        editor.change(recipe);
        state.SetIterationTime(editor.fullMs / 1e3);
        first += editor.firstMs;
    }
    state.counters["first_ms"] = first / double(state.iterations());
    // Every run names the same counters, or Google Benchmark's CSV report aborts.
    state.counters["updates"] = 0;
    state.counters["presses"] = 0;
}

void drag(benchmark::State &state, bool actualSize)
{
    for (auto _ : state) {
        Editor editor(actualSize);
        editor.change(gaussian(2.0));
        ks::ParamControl sigma(*ks::findFilter(u"gaussian")->param(u"sigma"));
        sigma.setValue(2.0);
        sigma.show();
        QObject::connect(&sigma, &ks::ParamControl::valueChanged, &editor.controller,
                         [&](double value, bool) { editor.controller.setRecipe(gaussian(value)); });
        editor.updates = 0;
        QTimer step;
        int presses = 0;
        QObject::connect(&step, &QTimer::timeout, &sigma, [&] {
            // Up and back down the slider, one step per frame.
            QTest::keyClick(sigma.slider(), (presses++ / 150) % 2 == 0 ? Qt::Key_Right : Qt::Key_Left);
        });
        QEventLoop loop;
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        step.start(16);
        loop.exec();
        step.stop();
        state.counters["updates"] = editor.updates;
        state.counters["presses"] = presses;
        state.counters["first_ms"] = 0;
        state.SetIterationTime(3.0);
    }
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    ks::keepFreedImageMemory(); // as the editor's main() does
    QApplication app(argc, argv);
    for (bool actual : {false, true}) {
        const QString zoom = actual ? QStringLiteral("100") : QStringLiteral("fit");
        for (double sigma : {2.0, 10.0, 50.0})
            benchmark::RegisterBenchmark(QStringLiteral("editor/%1/sigma%2").arg(zoom).arg(sigma).toStdString().c_str(),
                                         change, actual, gaussian(sigma))
                ->UseManualTime()
                ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(QStringLiteral("editor/%1/median5").arg(zoom).toStdString().c_str(), change, actual,
                                     median5())
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(QStringLiteral("editor/%1/drag3s").arg(zoom).toStdString().c_str(), drag, actual)
            ->UseManualTime()
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
