// Unsharp mask as GIMP and ImageMagick define it: each channel moves away from its Gaussian
// blur by `amount` times the difference, where that difference reaches `threshold` levels.
// With threshold 0 it is the linear filter (1 + amount) * identity - amount * gaussian; the
// threshold leaves flat areas (noise, skin, sky) untouched, which no single kernel can.
#include "bandscheduler.h"
#include "convolution.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "largebuffer.h"
#include "workimage.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <new>

namespace ks::filters {

using namespace detail;

namespace {

constexpr ParamDeclaration Params[] = {
    {.key = "radius", .label = "Radius", .minimum = 0.1, .maximum = 100, .defaultValue = 3, .unit = "px",
     .slider = SliderScale::Logarithmic, .sliderMinimum = 0.1, .sliderMaximum = 100, .decimals = 2,
     .preview = PreviewScaling::WithZoom},
    {.key = "amount", .label = "Amount", .minimum = 0, .maximum = 10, .defaultValue = 0.5},
    {.key = "threshold", .label = "Threshold", .minimum = 0, .maximum = 255, .defaultValue = 0, .unit = "levels",
     .sliderMinimum = 0, .sliderMaximum = 255, .decimals = 1},
};

// The blur the mask subtracts: a Gaussian of standard deviation `radius`, +-3 sigma wide.
Kernel blurKernel(const FilterSettings &s)
{
    return gaussian(0, s.value(u"radius"));
}

// The linear part, what the filter applies where the threshold lets it: shown in the Kernel dock.
Kernel maskKernel(const FilterSettings &s)
{
    return gaussianSharpen(0, s.value(u"radius"), s.value(u"amount"));
}

// One channel value: moved away from the blur where the difference reaches the threshold.
template <typename Channel> Channel sharpened(Channel original, Channel blurred, float amount, float threshold)
{
    constexpr float Max = float(std::numeric_limits<Channel>::max());
    const float difference = float(original) - float(blurred);
    if (std::abs(difference) < threshold)
        return original;
    return Channel(std::clamp(std::lround(float(original) + amount * difference), 0L, long(Max)));
}

// Where the combining bands read and write: raw rows taken once, before any worker runs
// (scanLine() on a shared image from several threads would race in its detach check).
struct Planes
{
    const uchar *source;
    const uchar *blurred;
    uchar *target;
    qsizetype stride; // the same for all three: one size, one format
};

template <typename Channel>
void combineRows(const Planes &planes, const QRect &out, int y0, int y1, float amount, float threshold)
{
    const qsizetype first = 4 * qsizetype(out.left());
    for (int y = out.top() + y0; y < out.top() + y1; ++y) {
        const qsizetype row = planes.stride * y;
        const auto *in = reinterpret_cast<const Channel *>(planes.source + row) + first;
        const auto *blur = reinterpret_cast<const Channel *>(planes.blurred + row) + first;
        auto *to = reinterpret_cast<Channel *>(planes.target + row) + first;
        for (int i = 0; i < 4 * out.width(); ++i)
            to[i] = i % 4 == 3 ? in[i] : sharpened(in[i], blur[i], amount, threshold);
    }
}

// Blurs `out` with the engine's FIR (the step's border, alpha and linear light), then
// combines the source and the blur channel by channel on the stored values; alpha is kept.
Result<bool> run(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                 QImage &target)
{
    const ConvolutionPlan plan = makePlan(blurKernel(settings));
    QImage blurred = newLargeImage(source.size(), source.format()); // only `out` is written and read
    if (blurred.isNull())
        throw std::bad_alloc();
    const BandJob job(source, codecFor(source, settings), plan, out, settings.border, EncodeParams{});
    std::vector<BandScratch> scratch(size_t(scheduler.workers()));
    if (!scheduler.run(
            out.height(), job.bandRows(),
            [&](int y0, int y1, int worker) { filterBand(job, y0, y1, scratch[size_t(worker)], blurred); }, 0.8))
        return false;

    const bool sixteenBit = source.format() == QImage::Format_RGBA64;
    const float amount = float(settings.value(u"amount"));
    // Threshold in 8-bit levels, like a bias; 257 times that on 16-bit values.
    const float threshold = float(settings.value(u"threshold")) * (sixteenBit ? 257.0f : 1.0f);
    const Planes planes{source.constBits(), blurred.constBits(), target.bits(), source.bytesPerLine()};
    return scheduler.run(
        out.height(), 64,
        [&](int y0, int y1, int) {
            if (sixteenBit)
                combineRows<std::uint16_t>(planes, out, y0, y1, amount, threshold);
            else
                combineRows<std::uint8_t>(planes, out, y0, y1, amount, threshold);
        },
        0.2);
}

} // namespace

extern const FilterDeclaration unsharp{
    .name = "unsharp",
    .displayName = "Unsharp mask",
    .description = "as GIMP and ImageMagick: original + amount * (original - gaussian(radius)) where that "
                   "difference reaches threshold levels, per channel; alpha kept",
    .params = Params,
    .buildKernel = maskKernel,
    .run = run,
};

} // namespace ks::filters
