#pragma once

#include "bandscheduler.h"
#include "filtersettings.h"

#include <QImage>
#include <QRect>

// Internal to the engine: Wiener deconvolution in the frequency domain (FFTW, single precision).
namespace ks::detail {

// Undoes a blur by settings.kernel() (complex when settings.imaginaryKernel is set), the kernel
// normalised to sum 1: F = brightness * G * conj(H) / (|H|^2 + snr), per colour channel, or on
// luma only when settings.grayscale (chroma kept). The image is padded per settings.border
// before the transform so that its edges do not ring more than they must (Wrap: no padding,
// the image is one tile of a periodic plane); alpha is kept. H is the response of the blur as
// the engine's convolution applies the kernel, anchor at the origin, so the result is not
// shifted; with a complex kernel the result is the real part.
// Working values follow AlphaMode and linear light as in a convolution.
//
// source and target are engine-layout images (RGBA8888 or RGBA64) of the same size; only the
// pixels inside `out` are written. Uses `scheduler`'s workers; false when cancelled.
// Throws std::bad_alloc when the transform buffers cannot be had.
bool wienerDeconvolution(const QImage &source, const FilterSettings &settings, const QRect &out,
                         BandScheduler &scheduler, QImage &target);

} // namespace ks::detail
