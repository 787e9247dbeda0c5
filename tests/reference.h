#pragma once

#include "filtersettings.h"

#include <QImage>

// The oracle: FilterSettings applied the slowest, plainest way, in double precision, straight
// from the definition in README.md. It shares no code with the engine beyond the kernel.
namespace ks::test {

// The source coordinate that virtual coordinate i (maybe outside 0..n-1) reads under a border
// mode, or -1 for transparent black. Written apart from the engine's borderIndex on purpose.
int referenceCoordinate(int i, int n, BorderMode mode);

// Returns RGBA8888 for 8-bit sources and RGBA64 for 16-bit ones.
QImage referenceApply(const QImage &image, const FilterSettings &settings);

// The FIR result of the separable kernel rowTaps x columnTaps (centred) on an RGBA8888 image,
// in double, every channel on its own (straight; for opaque images also what premultiplied
// gives); keepAlpha copies each pixel's alpha instead of filtering it. Fast enough for the
// 601-tap kernels that referenceApply would take minutes over.
QImage referenceSeparable(const QImage &image, const std::vector<float> &rowTaps,
                          const std::vector<float> &columnTaps, BorderMode border, bool keepAlpha);

} // namespace ks::test
