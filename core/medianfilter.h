#pragma once

#include "bandscheduler.h"
#include "filtersettings.h"

#include <QImage>
#include <QRect>

// Internal to the engine: the median filter.
namespace ks::detail {

// The per-channel median of the size x size window around each pixel (settings.size, odd).
// Works on the stored channel values (straight colour, exact integers), so the result is
// exactly the naive sorted-window median. AlphaMode::Ignore copies alpha; the other modes
// filter alpha like the colour channels. Linear light cannot change a median (the transfer
// curve keeps order) and is ignored. Pixels outside the image are read per settings.border.
//
// source and target are engine-layout images (RGBA8888 or RGBA64) of the same size; only the
// pixels inside `out` are written. Runs in bands on `scheduler`; false when cancelled. Bands
// share nothing, so the result is the same for any thread count.
//
// Cost per pixel and channel: constant for 8-bit (sliding column histograms), a few times
// size for 16-bit (a histogram sliding along each row); never a sort of the window.
bool medianFilter(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                  QImage &target);

} // namespace ks::detail
