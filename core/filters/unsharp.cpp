// Unsharp mask as GIMP and ImageMagick define it: each channel moves away from its Gaussian
// blur by `amount` times the difference, where that difference reaches `threshold` levels.
// With threshold 0 it is the linear filter (1 + amount) * identity - amount * gaussian; the
// threshold leaves flat areas (noise, skin, sky) untouched, which no single kernel can.
#include "bandscheduler.h"
#include "convolution.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "workimage.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ks::filters {

using namespace detail;

namespace {

constexpr ParamDeclaration Params[] = {
    {.key = "radius",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Radius"),
     .minimum = 0.1,
     .maximum = 100,
     .defaultValue = 3,
     .unit = "px",
     .slider = SliderScale::Logarithmic,
     .sliderMinimum = 0.1,
     .sliderMaximum = 100,
     .decimals = 2,
     .preview = PreviewScaling::WithZoom},
    {.key = "amount",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Amount"),
     .minimum = 0,
     .maximum = 10,
     .defaultValue = 0.5},
    {.key = "threshold",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Threshold"),
     .minimum = 0,
     .maximum = 255,
     .defaultValue = 0,
     .unit = "levels",
     .sliderMinimum = 0,
     .sliderMaximum = 255,
     .decimals = 1},
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

// Moves the blurred rows y0..y1 of `out`, already in `target`, away from the source's in place.
template <typename Channel>
void sharpenRows(const uchar *source, uchar *target, qsizetype stride, const QRect &out, int y0, int y1, float amount,
                 float threshold)
{
    const qsizetype first = 4 * qsizetype(out.left());
    for (int y = out.top() + y0; y < out.top() + y1; ++y) {
        const auto *in = reinterpret_cast<const Channel *>(source + stride * y) + first;
        auto *to = reinterpret_cast<Channel *>(target + stride * y) + first;
        for (int i = 0; i < 4 * out.width(); ++i)
            to[i] = i % 4 == 3 ? in[i] : sharpened(in[i], to[i], amount, threshold);
    }
}

// Each band is blurred with the engine's FIR (the step's border, alpha and linear light) into
// `target`, then combined there with the source channel by channel on the stored values, alpha
// kept: no image-sized blur buffer, and only `out` is blurred.
Result<bool> run(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                 QImage &target)
{
    const ConvolutionPlan plan = makePlan(blurKernel(settings));
    const BandJob job(source, codecFor(source, settings), plan, out, settings.border, EncodeParams{});
    std::vector<BandScratch> scratch(size_t(scheduler.workers()));
    const bool sixteenBit = source.format() == QImage::Format_RGBA64;
    const float amount = float(settings.value(u"amount"));
    // Threshold in 8-bit levels, like a bias; 257 times that on 16-bit values.
    const float threshold = float(settings.value(u"threshold")) * (sixteenBit ? 257.0f : 1.0f);
    // Raw rows taken once, before any worker runs (scanLine() on a shared image from several
    // threads would race in its detach check).
    const uchar *sourceBits = source.constBits();
    uchar *targetBits = target.bits();
    const qsizetype stride = source.bytesPerLine(); // one size, one format
    return scheduler.run(out.height(), job.bandRows(), [&](int y0, int y1, int worker) {
        filterBand(job, y0, y1, scratch[size_t(worker)], target);
        if (sixteenBit)
            sharpenRows<std::uint16_t>(sourceBits, targetBits, stride, out, y0, y1, amount, threshold);
        else
            sharpenRows<std::uint8_t>(sourceBits, targetBits, stride, out, y0, y1, amount, threshold);
    });
}

} // namespace

extern const FilterDeclaration unsharp{
    .name = "unsharp",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Unsharp mask"),
    .description =
        QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                          "as GIMP and ImageMagick: original + amount * (original - gaussian(radius)) where that "
                          "difference reaches threshold levels, per channel; alpha kept"),
    .params = Params,
    .buildKernel = maskKernel,
    .run = run,
};

} // namespace ks::filters
