#pragma once

#include "filtersettings.h"

#include <vector>

// Internal to the engine and the filters: where a coordinate outside the image reads, per
// BorderMode. Every filter resolves its borders through these, once per band or image.
namespace ks::detail {

// Source index of virtual coordinate i in [0, n) for a border mode, or -1 when the pixel
// is transparent black. Unfiltered reads like Clamp (its border pixels are never written).
int borderIndex(int i, int n, BorderMode mode);

// borderIndex for every coordinate of [first, first + count).
std::vector<int> borderIndices(int first, int count, int n, BorderMode mode);

// The offsets [begin, end) of [first, first + count) that lie inside [0, n): there virtual
// coordinate first + v is the source's own, whatever the border mode, and reads in one run.
struct InsideRun
{
    int begin;
    int end;
};
InsideRun insideRun(int first, int count, int n);

} // namespace ks::detail
