#include "blend.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ks::detail {

namespace {

template <typename Channel> void blendPixel(const Channel *from, Channel *to, const Blend &blend, double max)
{
    double f[4], s[4];
    for (int c = 0; c < 4; ++c) {
        s[c] = from[c];
        f[c] = blend.channels & (1u << c) ? double(to[c]) : s[c];
    }
    const double t = blend.opacity;
    const double alpha = s[3] + t * (f[3] - s[3]);
    double out[4];
    out[3] = alpha;
    for (int c = 0; c < 3; ++c) {
        if (!blend.premultiplied)
            out[c] = s[c] + t * (f[c] - s[c]);
        else if (alpha > 0)
            out[c] = (s[c] * s[3] + t * (f[c] * f[3] - s[c] * s[3])) / alpha;
        else
            out[c] = 0;
    }
    for (int c = 0; c < 4; ++c)
        to[c] = Channel(std::clamp(std::floor(out[c] + 0.5), 0.0, max));
}

template <typename Channel>
void blendRows(const QImage &original, const Blend &blend, const QRect &rect, int y0, int y1, uchar *resultBits,
               qsizetype stride)
{
    constexpr double Max = std::numeric_limits<Channel>::max();
    for (int y = rect.top() + y0; y < rect.top() + y1; ++y) {
        const auto *from = reinterpret_cast<const Channel *>(original.constScanLine(y)) + 4 * rect.left();
        auto *to = reinterpret_cast<Channel *>(resultBits + stride * y) + 4 * rect.left();
        for (int x = 0; x < rect.width(); ++x)
            blendPixel(from + 4 * x, to + 4 * x, blend, Max);
    }
}

} // namespace

bool blendWithOriginal(const QImage &original, const Blend &blend, const QRect &rect, BandScheduler &scheduler,
                       QImage &result)
{
    // Raw rows taken once, before the workers start: scanLine() from several threads would race
    // in its detach check.
    uchar *bits = result.bits();
    const qsizetype stride = result.bytesPerLine();
    const bool sixteenBit = result.format() == QImage::Format_RGBA64;
    // A cheap pass: it adds nothing to the progress (share 0).
    return scheduler.run(
        rect.height(), 64,
        [&](int y0, int y1, int) {
        if (sixteenBit)
            blendRows<std::uint16_t>(original, blend, rect, y0, y1, bits, stride);
        else
            blendRows<std::uint8_t>(original, blend, rect, y0, y1, bits, stride);
        },
        0.0);
}

} // namespace ks::detail
