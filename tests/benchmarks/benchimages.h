#pragma once

#include "filtersettings.h"

#include <QImage>

#include <vector>

namespace benchmark {
class State;
}

// The inputs and filters every benchmark shares, so ks and OpenCV see the same work.
namespace ks::bench {

// An opaque RGBA8888 image with texture: seeded noise blurred once by a 3x3 box (not flat,
// not pure noise). With `transparent`, alpha varies too (a soft diagonal ramp with noise).
QImage texturedImage(int width, int height, bool transparent = false, unsigned seed = 1);

// Seeded random non-negative weights normalised to sum 1: a non-separable side x side kernel.
std::vector<float> customWeights(int side, unsigned seed);

// The settings a named case runs: seed5x5, gaussS2, gaussS10, gaussS50, box31, custom5, custom15.
FilterSettings caseSettings(const QString &name);

// The engine's side of a case: each iteration applies `settings` to `image` on `threads` threads.
void runEngine(benchmark::State &state, const QImage &image, const FilterSettings &settings, int threads);

} // namespace ks::bench
