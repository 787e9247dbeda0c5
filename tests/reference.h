#pragma once

#include "filtersettings.h"

#include <QImage>

#include <array>

// The oracle: FilterSettings applied the slowest, plainest way, in double precision, straight
// from the definition in README.md. It shares no code with the engine beyond the kernel.
namespace ks::test {

// The source coordinate that virtual coordinate i (maybe outside 0..n-1) reads under a border
// mode, or -1 for transparent black. Written apart from the engine's borderIndex on purpose.
int referenceCoordinate(int i, int n, BorderMode mode);

// An image in the engine's layout (RGBA64 for 16-bit sources, RGBA8888 for the rest), its
// pixels read and written as doubles in the image's own units (0..max).
using ReferencePixel = std::array<double, 4>;
struct ReferenceImage
{
    explicit ReferenceImage(const QImage &input);
    ReferencePixel read(int x, int y) const;
    // Rounded half up and clamped to 0..max, into `out` (same layout).
    void write(QImage &out, int x, int y, const ReferencePixel &v) const;

    bool sixteen;
    QImage image;
    double max;
};

// The sRGB transfer curve and its inverse, on 0..1.
double srgbToLinear(double c);
double linearToSrgb(double c);

// Returns RGBA8888 for 8-bit sources and RGBA64 for 16-bit ones.
QImage referenceApply(const QImage &image, const FilterSettings &settings);

// The FIR result of the separable kernel rowTaps x columnTaps (centred) on an RGBA8888 image,
// in double, every channel on its own (straight; for opaque images also what premultiplied
// gives); keepAlpha copies each pixel's alpha instead of filtering it. Fast enough for the
// 601-tap kernels that referenceApply would take minutes over.
QImage referenceSeparable(const QImage &image, const std::vector<float> &rowTaps,
                          const std::vector<float> &columnTaps, BorderMode border, bool keepAlpha);

} // namespace ks::test
