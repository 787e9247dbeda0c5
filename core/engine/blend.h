#pragma once

#include "bandscheduler.h"
#include "filtersettings.h"

#include <QImage>
#include <QRect>

// Internal to the engine: a filtered result blended with what it was made from.
namespace ks::detail {

// How much of a result to keep, and where.
struct Blend
{
    double opacity = 1.0;          // 0..1: the share of `result`; the rest is `original`
    quint8 channels = AllChannels; // channels not in the mask keep the original's value
    bool premultiplied = true;     // blend colour weighted by alpha (no fringes) or straight
    bool changesNothing() const { return opacity >= 1.0 && channels == AllChannels; }
};

// Per pixel of `rect`, in the engine layout (straight RGBA8888 or RGBA64, same size and format):
// first each masked-out channel takes the original's value, then
//   alpha  = a0 + t (a1 - a0)
//   colour = (c0 a0 + t (c1 a1 - c0 a0)) / alpha    premultiplied (0 where alpha is 0)
//   colour = c0 + t (c1 - c0)                       straight
// with t the opacity, rounded half up. Bands on `scheduler`; false when cancelled.
bool blendWithOriginal(const QImage &original, const Blend &blend, const QRect &rect, BandScheduler &scheduler,
                       QImage &result);

} // namespace ks::detail
