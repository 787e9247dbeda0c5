#include "engine.h"

#include "bandscheduler.h"
#include "blend.h"
#include "convolution.h"
#include "filelimits.h"
#include "kernelbuilders.h"
#include "largebuffer.h"
#include "recursivegaussian.h"
#include "workimage.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <new>
#include <optional>
#include <utility>

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

// A Gaussian whose kernel would have more taps than the fixed-point path takes (and would cost
// more to build than its recursive blur) is never asked for its kernel on a gray image.
constexpr int MaxGrayGaussianSize = 127;

// Whether a step may run on a Grayscale8 image as it is (one value per pixel, no RGBA copy):
// a filter whose own run function takes gray, or a plain FIR on the fixed-point path, whose
// result is all of the step (no partial opacity or channel choice to blend) and opaque, so
// the result stays gray. Deciding on the FIR builds its plan, kept in `plan` for the step to
// run with (a large kernel's plan costs a fair part of its run to build).
bool runsInGray(const QImage &image, const FilterSettings &step, std::optional<ConvolutionPlan> &plan)
{
    if (step.border == BorderMode::Transparent || !Blend{step.opacity / 100.0, step.channels, false}.changesNothing())
        return false;
    if (step.filter().run)
        return step.filter().runsOnGray;
    if (step.linearLight)
        return false;
    if (recursiveGaussianApplies(image, step))
        return true; // it has a gray form
    if (step.filter().recursiveGaussian) {
        const int given = step.integer(u"size");
        double sigma = step.value(u"sigma");
        if (step.filter().param(u"sigma-y"))
            sigma = std::max(sigma, step.value(u"sigma-y"));
        if ((given > 0 ? given : gaussianSizeForSigma(sigma)) > MaxGrayGaussianSize)
            return false;
    }
    plan = makePlan(step.kernel());
    return grayFixedPath(*plan, step);
}

// One filter step on an engine-layout image (or a gray one, see runsInGray); the work itself,
// free of pools and threads. `plan`: the step's FIR plan when already built, else nothing.
class StepRun
{
public:
    StepRun(const QImage &source, const FilterSettings &settings, BandScheduler &scheduler,
            std::optional<ConvolutionPlan> plan = {})
        : m_source(source), m_settings(settings), m_codec(codecFor(source, settings)), m_scheduler(scheduler),
          m_plan(std::move(plan))
    {
    }

    // The filtered image, or a null image when cancelled.
    Result<QImage> run()
    {
        if (const RunFunction own = m_settings.filter().run)
            return runOwn(own);
        if (recursiveGaussianApplies(m_source, m_settings)) {
            QImage target = newImage(m_source.rect());
            const RecursiveBlur outcome = recursiveGaussianBlur(m_source, m_settings, m_scheduler, target);
            if (outcome != RecursiveBlur::Transparent)
                return outcome == RecursiveBlur::Done ? target : QImage();
            // Transparent with premultiplied colour: the FIR below divides exactly.
        }
        // Built only here (or by runsInGray): a large Gaussian's kernel alone costs more than
        // its recursive blur.
        const ConvolutionPlan plan = m_plan ? std::move(*m_plan) : makePlan(m_settings.kernel());
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
    // A filter with its own run function, over the pixels it is to change.
    Result<QImage> runOwn(RunFunction run)
    {
        const QRect out = outputRect(m_source.size(), m_settings, m_settings.kernel());
        if (out.isEmpty())
            return m_source;
        QImage target = newImage(out);
        const Result<bool> done = run(m_source, m_settings, out, m_scheduler, target);
        if (!done)
            return Failure{done.error()};
        return *done ? target : QImage();
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
    std::optional<ConvolutionPlan> m_plan;
};

// A step's opacity and channels: its result blended with its input where it may change pixels.
// False when cancelled.
bool blendStep(const QImage &input, const FilterSettings &step, BandScheduler &scheduler, QImage &result)
{
    const Blend blend{step.opacity / 100.0, step.channels, step.alpha == AlphaMode::Premultiplied};
    if (blend.changesNothing())
        return true;
    const QRect rect = step.region ? *step.region & input.rect() : input.rect();
    return blendWithOriginal(input, blend, rect, scheduler, result);
}

Status checkStep(const QImage &image, const FilterSettings &settings)
{
    if (Status valid = validate(settings); !valid)
        return valid;
    if (settings.region && !QRect(QPoint(0, 0), image.size()).intersects(*settings.region))
        return Failure{QStringLiteral("the region %1,%2 %3x%4 lies outside the %5x%6 image")
            .arg(settings.region->x())
            .arg(settings.region->y())
            .arg(settings.region->width())
            .arg(settings.region->height())
            .arg(image.width())
            .arg(image.height())};
    return {};
}

// What one run may hold at once, for the memory budget (README "Limits"): the caller's image,
// the engine-layout copy, a step's result and the output conversion, four images at the engine's
// depth; a filter that reads the whole image adds its padded transform planes (three colour
// planes and up to two for the kernel, in double precision for 16-bit images).
qint64 filterMemoryBytes(const QImage &image, const Recipe &recipe)
{
    const bool sixteenBit = image.depth() > 32;
    const qint64 images = imageMemoryBytes(image.width(), image.height(), sixteenBit ? 8 : 4, 4);
    qint64 transforms = 0;
    for (const FilterSettings &step : recipe.steps) {
        if (!step.enabled || !step.filter().readsWholeImage)
            continue;
        const Kernel kernel = step.kernel();
        const qint64 paddedWidth = image.width() + 4LL * kernel.width() + 64;
        const qint64 paddedHeight = image.height() + 4LL * kernel.height() + 64;
        transforms = std::max(transforms, imageMemoryBytes(paddedWidth, paddedHeight, sixteenBit ? 8 : 4, 5));
    }
    return images + transforms;
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

QImage Engine::inWorkingLayout(const QImage &image)
{
    const QImage::Format format = image.format();
    if (format == QImage::Format_Grayscale8 || format == QImage::Format_Grayscale16)
        return image;
    return engineLayout(image);
}

int Engine::threadCount() const
{
    return m_threads;
}

Result<QImage> Engine::apply(const QImage &image, const FilterSettings &settings, const CancelToken &cancel,
                             const Progress &progress) const
{
    return apply(image, Recipe{{settings}}, cancel, progress);
}

Result<QImage> Engine::apply(const QImage &image, const Recipe &recipe, const CancelToken &cancel,
                             const Progress &progress) const
{
    if (image.isNull())
        return Failure{QStringLiteral("there is no image to filter")};
    for (const FilterSettings &step : recipe.steps)
        if (Status checked = checkStep(image, step); !checked)
            return Failure{checked.error()};
    if (Status budget = checkMemoryBudget(filterMemoryBytes(image, recipe),
                                          QStringLiteral("filtering the %1x%2 image").arg(image.width()).arg(image.height()));
        !budget)
        return Failure{budget.error()};

    try {
        // 8-bit gray stays gray while its steps allow (see runsInGray): a quarter of the work.
        QImage current = image.format() == QImage::Format_Grayscale8 ? image : engineLayout(image);
        if (current.isNull())
            throw std::bad_alloc();
        const auto enabledSteps = std::count_if(recipe.steps.begin(), recipe.steps.end(),
                                                [](const FilterSettings &step) { return step.enabled; });
        ProgressCounter counter(std::max(int(enabledSteps), 1), progress);
        BandScheduler scheduler(m_threads > 1 ? m_pool.get() : nullptr, m_threads, cancel, &counter);
        for (const FilterSettings &step : recipe.steps) {
            if (!step.enabled)
                continue;
            std::optional<ConvolutionPlan> plan;
            if (current.format() == QImage::Format_Grayscale8 && !runsInGray(current, step, plan))
                current = engineLayout(current);
            Result<QImage> filtered = StepRun(current, step, scheduler, std::move(plan)).run();
            if (!filtered)
                return Failure{filtered.error()};
            if (filtered->isNull() || !blendStep(current, step, scheduler, *filtered))
                return Failure{CancelledReason};
            current = std::move(*filtered);
            // The result stays in the source's colour space: the next step's linear light and
            // the export's embedded profile read it. (Tagging only; no pixel changes.)
            if (current.colorSpace() != image.colorSpace())
                current.setColorSpace(image.colorSpace());
        }
        if (recipe.opacity < 100.0) {
            current = engineLayout(current);
            const QImage original = engineLayout(image);
            const Blend whole{recipe.opacity / 100.0};
            if (!blendWithOriginal(original, whole, current.rect(), scheduler, current))
                return Failure{CancelledReason};
        }
        if (progress)
            progress(1.0);
        return toOutputFormat(current, image.format());
    } catch (const std::bad_alloc &) {
        return Failure{
            QStringLiteral("not enough memory to filter a %1x%2 image").arg(image.width()).arg(image.height())};
    }
}

} // namespace ks
