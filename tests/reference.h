#pragma once

#include "filtersettings.h"

#include <QImage>

// The oracle: FilterSettings applied the slowest, plainest way, in double precision, straight
// from the definition in README.md. It shares no code with the engine beyond the kernel.
namespace ks::test {

// Returns RGBA8888 for 8-bit sources and RGBA64 for 16-bit ones.
QImage referenceApply(const QImage &image, const FilterSettings &settings);

} // namespace ks::test
