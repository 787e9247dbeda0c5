#include "engine.h"

#include "bandscheduler.h"
#include "bilateralfilter.h"
#include "convolution.h"
#include "filtercatalog.h"
#include "largebuffer.h"
#include "medianfilter.h"
#include "recursivegaussian.h"
#include "wienerdeconvolution.h"
#include "workimage.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <new>

namespace ks {

using namespace detail;

namespace {

// The output pixels a step computes: the region (or whole image), less the frame the kernel
// does not fully cover when that frame is to stay unfiltered.
QRect outputRect(const QSize &size, const FilterSettings &settings, const Kernel &kernel)
{
    QRect rect(QPoint(0, 0), size);
    if (settings.region)
        rect &= *settings.region;
    if (settings.border == BorderMode::Unfiltered) {
        const int left = kernel.anchorX(), top = kernel.anchorY();
        const int width = size.width() - kernel.width() + 1, height = size.height() - kernel.height() + 1;
        if (width <= 0 || height <= 0)
            return {}; // the kernel covers no pixel fully: everything stays as it is
        rect &= QRect(left, top, width, height);
    }
    return rect;
}

EncodeParams encodeParams(const Kernel &kernel, const PixelCodec &codec)
{
    EncodeParams p;
    p.factor = float(kernel.factor());
    p.bias = float(kernel.bias() * codec.maxValue / 255.0);
    // Kernels that do not keep total weight (edge detectors, zero-sum emboss) would turn
    // alpha into their response; such kernels keep each pixel's alpha instead.
    p.filterAlpha = std::abs(kernel.effectiveSum() - 1.0) < 1e-3;
    return p;
}

// One filter step on an engine-layout image; the work itself, free of pools and threads.
class StepRun
{
public:
    StepRun(const QImage &source, const FilterSettings &settings, BandScheduler &scheduler)
        : m_source(source), m_settings(settings), m_codec(codecFor(source, settings)), m_scheduler(scheduler)
    {
    }

    // The filtered image, or a null image when cancelled.
    QImage run()
    {
        switch (filterMethod(m_settings.kind)) {
        case FilterMethod::Median:
            return runWhole(medianFilter);
        case FilterMethod::Bilateral:
            return runWhole(bilateralFilter);
        case FilterMethod::Deconvolution:
            return runWhole(wienerDeconvolution);
        case FilterMethod::Convolution:
            break;
        }
        if (recursiveGaussianApplies(m_source, m_settings)) {
            QImage target = newImage(m_source.rect());
            const RecursiveBlur outcome = recursiveGaussianBlur(m_source, m_settings, m_scheduler, target);
            if (outcome != RecursiveBlur::Transparent)
                return outcome == RecursiveBlur::Done ? target : QImage();
            // Transparent with premultiplied colour: the FIR below divides exactly.
        }
        // Built only here: a large Gaussian's kernel alone costs more than its recursive blur.
        const ConvolutionPlan plan = makePlan(m_settings.kernel());
        const QRect out = outputRect(m_source.size(), m_settings, plan.kernel);
        if (out.isEmpty())
            return m_source;
        QImage target = newImage(out);
        const BandJob job(m_source, m_codec, plan, out, m_settings.border, encodeParams(plan.kernel, m_codec));
        std::vector<BandScratch> scratch(size_t(m_scheduler.workers()));
        const bool done = m_scheduler.run(out.height(), job.bandRows(), [&](int y0, int y1, int worker) {
            filterBand(job, y0, y1, scratch[size_t(worker)], target);
        });
        return done ? target : QImage();
    }

private:
    using WholeImageFilter = bool (*)(const QImage &, const FilterSettings &, const QRect &, BandScheduler &,
                                      QImage &);

    // A filter that is not a convolution, over the pixels it is to change.
    QImage runWhole(WholeImageFilter filter)
    {
        const QRect out = outputRect(m_source.size(), m_settings, m_settings.kernel());
        if (out.isEmpty())
            return m_source;
        QImage target = newImage(out);
        return filter(m_source, m_settings, out, m_scheduler, target) ? target : QImage();
    }

    // The result before any output pixel is written. Pixels outside `out` keep their value;
    // when there are none, it needs no copy of the source.
    QImage newImage(const QRect &out) const
    {
        QImage target = out == m_source.rect() ? newLargeImage(m_source.size(), m_source.format()) : m_source.copy();
        if (target.isNull())
            throw std::bad_alloc(); // QImage reports a failed allocation as a null image
        return target;
    }

    const QImage &m_source;
    const FilterSettings &m_settings;
    PixelCodec m_codec;
    BandScheduler &m_scheduler;
};

EngineResult failed(const QString &reason)
{
    return {EngineResult::Status::Failed, {}, reason};
}

QString checkStep(const QImage &image, const FilterSettings &settings)
{
    if (const QString reason = validate(settings); !reason.isEmpty())
        return reason;
    if (settings.region && !QRect(QPoint(0, 0), image.size()).intersects(*settings.region))
        return QStringLiteral("the region %1,%2 %3x%4 lies outside the %5x%6 image")
            .arg(settings.region->x())
            .arg(settings.region->y())
            .arg(settings.region->width())
            .arg(settings.region->height())
            .arg(image.width())
            .arg(image.height());
    return {};
}

} // namespace

Engine::Engine(int threads) : m_pool(std::make_unique<QThreadPool>())
{
    const int count = threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
    // The calling thread works too, so the pool holds one thread fewer.
    m_pool->setMaxThreadCount(std::max(count - 1, 1));
    m_threads = count;
}

Engine::~Engine() = default;

int Engine::threadCount() const
{
    return m_threads;
}

EngineResult Engine::apply(const QImage &image, const FilterSettings &settings, const CancelToken &cancel,
                           const Progress &progress) const
{
    return apply(image, Recipe{{settings}}, cancel, progress);
}

EngineResult Engine::apply(const QImage &image, const Recipe &recipe, const CancelToken &cancel,
                           const Progress &progress) const
{
    if (image.isNull())
        return failed(QStringLiteral("there is no image to filter"));
    for (const FilterSettings &step : recipe.steps)
        if (const QString reason = checkStep(image, step); !reason.isEmpty())
            return failed(reason);

    try {
        QImage current = engineLayout(image);
        if (current.isNull())
            throw std::bad_alloc();
        const auto enabledSteps = std::count_if(recipe.steps.begin(), recipe.steps.end(),
                                                [](const FilterSettings &step) { return step.enabled; });
        ProgressCounter counter(std::max(int(enabledSteps), 1), progress);
        BandScheduler scheduler(m_threads > 1 ? m_pool.get() : nullptr, m_threads, cancel, &counter);
        for (const FilterSettings &step : recipe.steps) {
            if (!step.enabled)
                continue;
            current = StepRun(current, step, scheduler).run();
            if (current.isNull())
                return {EngineResult::Status::Cancelled, {}, {}};
        }
        if (progress)
            progress(1.0);
        return {EngineResult::Status::Done, toOutputFormat(current, image.format()), {}};
    } catch (const std::bad_alloc &) {
        return failed(
            QStringLiteral("not enough memory to filter a %1x%2 image").arg(image.width()).arg(image.height()));
    }
}

} // namespace ks
