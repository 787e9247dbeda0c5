#pragma once

#include "kernel.h"

// Builders return Kernel values and never touch pixels. Sizes are in pixels; angles are in
// degrees from the +x axis towards +y in image coordinates (rows grow downwards, so on
// screen positive angles turn clockwise: 45 degrees runs from top left to bottom right).
// Preconditions (sizes in range, sigma > 0) are checked by the callers that take user input
// (FilterSettings); out-of-range values are clamped here so a builder never fails.
namespace ks {

// The one rule that turns sigma into a kernel size: odd, covering +-3 sigma.
int gaussianSizeForSigma(double sigma);

Kernel identity();
// Sampled exp(-r^2 / 2 sigma^2) over an odd size x size grid, normalised to sum 1.
// size 0 picks gaussianSizeForSigma(sigma).
Kernel gaussian(int size, double sigma);
std::vector<float> gaussian1D(int size, double sigma);
Kernel box(int size); // every weight 1/size^2
// An anti-aliased line of the kernel's full extent through the centre, normalised to sum 1.
Kernel motion(int size, double angleDegrees);
// The same line with a Gaussian cross-section of sigma instead of a one-pixel tent: the blur
// the motion deblurring filter undoes. Normalised to sum 1.
Kernel motionStreak(int size, double sigma, double angleDegrees);
// (1 + amount) * identity - amount * gaussian(size, sigma): the unsharp mask as one kernel.
Kernel gaussianSharpen(int size, double sigma, double amount);
Kernel sharpen3x3();
Kernel sharpen5x5();
Kernel emboss3x3();
Kernel emboss5x5();
Kernel laplace4();
Kernel laplace8();
Kernel sobelX();
Kernel sobelY();
// [1 4 6 4 1]^T [1 4 6 4 1] with factor 1/256: the reference's 5x5 Gaussian approximation.
Kernel binomial5x5();

} // namespace ks
