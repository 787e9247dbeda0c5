#pragma once

#include "bandscheduler.h"
#include "filtersettings.h"

#include <QImage>
#include <QRect>

// Internal to the engine: bilateral smoothing.
namespace ks::detail {

// Each output pixel is sum(w * p) / sum(w) over the size x size window around it, with
// w = bilateralSpatial(size, spatialFactor, spatialPower)(dx, dy)
//     * exp(-(c / colorFactor)^colorPower / 2),
// c the Euclidean distance between the window pixel's and the centre pixel's (R, G, B)
// working values, in 8-bit units. Working values follow AlphaMode and linear light as in a
// convolution (premultiplied by default); alpha is averaged with the same weights unless
// AlphaMode::Ignore keeps it. Pixels outside the image are read per settings.border.
// The colour weight comes from an interpolated table; results stay within one level of the
// exact double-precision sum. Cost: size^2 weights per pixel.
//
// source and target are engine-layout images (RGBA8888 or RGBA64) of the same size; only the
// pixels inside `out` are written. Runs in bands on `scheduler`; false when cancelled.
bool bilateralFilter(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                     QImage &target);

} // namespace ks::detail
