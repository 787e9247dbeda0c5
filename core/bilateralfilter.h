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
// convolution (premultiplied by default). Pixels outside the image are read per settings.border.
//
// source and target are engine-layout images (RGBA8888 or RGBA64) of the same size; only the
// pixels inside `out` are written. Runs in bands on `scheduler`; false when cancelled.
bool bilateralFilter(const QImage &source, const FilterSettings &settings, const QRect &out,
                     BandScheduler &scheduler, QImage &target);

} // namespace ks::detail
