#pragma once

#include "bandscheduler.h"
#include "filtersettings.h"
#include "simdkernels.h"

#include <QImage>

#include <vector>

// Internal to the engine: a Gaussian blur whose cost does not grow with sigma.
//
// Deriche's fourth-order recursive filter (R. Deriche, "Recursively implementing the Gaussian
// and its derivatives", INRIA RR-1893, 1993): each side of the Gaussian is approximated by
// two damped cosines/sines, that is two complex one-pole recursions, run forwards and
// backwards down every column and then along every row. Its impulse response differs from the
// sampled Gaussian by about 6e-4 (L1) at any sigma; from the engine's FIR kernel, which is cut
// at +-3 sigma and renormalised, by about 5e-3 (L1 per pass), a fraction of one 8-bit level on
// real images. tst_recursivegaussian holds it to +-1 of the FIR result.
//
// Where it cannot stay within +-1 of the FIR result it is not used, and the FIR path runs:
// 16-bit images (1 level is 1/65535), linear light (the sRGB curve magnifies dark errors),
// premultiplied colour on images with transparency (dividing by a small alpha magnifies
// errors), wrap/transparent/unfiltered borders and regions (kept simple: FIR), and kernels
// narrower than +-3 sigma (the cut would differ from an untruncated Gaussian).
namespace ks::detail {

// Smallest sigma the recursive filter is held to +-1 of the FIR result at (tst_recursivegaussian
// proves it from here up).
constexpr double RecursiveGaussianMinSigma = 3.0;
// Sigma from which the engine runs it: the FIR's cost grows with sigma and the recursion's does
// not (the measurements that put the crossing here are in docs/performance.md).
constexpr double RecursiveGaussianCheaperSigma = 6.0;

// The recursion's coefficients for one sigma, normalised to unit gain.
IirCoefficients recursiveGaussianCoefficients(double sigma);

// Where a padded line of n samples reads under a border mode (Clamp or Reflect): Clamp needs
// no padding (a constant run is the recursion's own starting state), Reflect pads enough
// samples that what lies beyond weighs less than 1e-6.
std::vector<int> recursiveLineIndex(int n, double sigma, BorderMode border, int *first);

// Whether a step on this engine-layout (or Grayscale8) image may run recursively (see above),
// whatever it costs.
// Premultiplied colour needs an opaque image too, which only the blur finds out: it reads
// every pixel anyway, and a separate scan would cost a tenth of its time.
bool recursiveGaussianAllowed(const QImage &engineImage, const FilterSettings &settings);
// Whether the engine runs it: allowed, and cheaper than the FIR.
bool recursiveGaussianApplies(const QImage &engineImage, const FilterSettings &settings);

enum class RecursiveBlur
{
    Done,
    Cancelled,
    // Premultiplied colour on an image with transparency: target holds nothing usable, the
    // progress of what ran is taken back, and the FIR is to run instead.
    Transparent,
};

// Blurs the whole image into target (engine layout, or Grayscale8 like the source: its rows are
// taken four at a time as the channels of RGBA rows; same size, allocated, contents unused).
// The vertical pass runs in bands of columns, each swept row by row (rows in address order,
// not columns a stride apart), the horizontal one in bands of rows; neither depends on the
// thread count.
RecursiveBlur recursiveGaussianBlur(const QImage &source, const FilterSettings &settings, BandScheduler &scheduler,
                                    QImage &target);

} // namespace ks::detail
