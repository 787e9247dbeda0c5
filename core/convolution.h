#pragma once

#include "filtersettings.h"
#include "workimage.h"

#include <vector>

// Internal to the engine: the pure per-row convolution functions. Each output row depends
// only on the source and the kernel, never on which thread or band computes it.
// The kernel is laid over the image as written (correlation, like OpenCV's filter2D and
// GIMP's convolution matrix): weight (i, j) multiplies the pixel at
// (x - anchorX + i, y - anchorY + j).
namespace ks::detail {

// Source index of virtual coordinate i in [0, n) for a border mode, or -1 when the pixel
// is transparent black. Unfiltered reads like Clamp (its border pixels are never written).
int borderIndex(int i, int n, BorderMode mode);

// borderIndex for every coordinate of [first, first + count).
std::vector<int> borderIndices(int first, int count, int n, BorderMode mode);

// How the engine runs a kernel: two 1-D passes when it is separable, else direct 2-D.
struct ConvolutionPlan
{
    enum class Path
    {
        Separable,
        Direct
    };
    Path path = Path::Direct;
    Kernel kernel;
    std::vector<float> rowTaps;    // Separable: horizontal weights
    std::vector<float> columnTaps; // Separable: vertical weights
};

ConvolutionPlan makePlan(const Kernel &kernel);

// Horizontal pass over source row y for output columns [x0, x1): out gets (x1 - x0) pixels.
// columnIndex maps x - anchorX + i (offset by x0 - anchorX) to a source column.
void convolveRowPass(const WorkImage &source, int y, const std::vector<float> &taps,
                     const std::vector<int> &columnIndex, int x0, int x1, float *out);

// Vertical pass: output row y from the rows of `rows` (one per source row) through rowIndex
// (indexed like columnIndex, offset by outTop - anchorY).
void convolveColumnPass(const WorkImage &rows, int y, int outTop, const std::vector<float> &taps,
                        const std::vector<int> &rowIndex, float *out);

// Direct 2-D sums for output row y, columns [x0, x1).
void convolveDirect(const WorkImage &source, int y, int outTop, const Kernel &kernel,
                    const std::vector<int> &columnIndex, const std::vector<int> &rowIndex, int x0, int x1, float *out);

} // namespace ks::detail
