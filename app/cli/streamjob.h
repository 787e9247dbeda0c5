#pragma once

#include "filejob.h"

// Images too large to hold (a gigapixel PNG or TIFF) through the recipe in horizontal strips:
// rows are read with libpng or libtiff (stripio.h), each strip is filtered together with the rows
// its kernels reach above and below it (the steps' region limited to what is kept, so every kept
// pixel reads its true neighbours), and the strip's own rows are written out before the next is
// read. Peak memory is a few strips, whatever the image's height.
namespace ks::cli {

// Whether this job takes the strip path: --stream, or a PNG or TIFF file above the in-memory limit
// (MaxImagePixels).
bool wantsStreaming(const FileJob &file, const JobOptions &job);

// The strip path: a PNG or TIFF file in, a PNG or TIFF file out (RGBA; a TIFF's colour profile
// is kept), the same pixels as runFileJob() gives, with these limits, each refused with a one-line reason before anything is written: convolution
// filters, median and bilateral only (the Wiener filters need the whole image); no wrap borders
// (they read the opposite edge). A Gaussian always runs as the FIR kernel here (the engine runs
// its recursive form on whole images from sigma 6, within ±1 of the FIR).
std::optional<Problem> runStreamJob(const FileJob &file, const JobOptions &job, const Engine &engine, FileTimes &times,
                                    const std::function<void(double)> &progress = {});

} // namespace ks::cli
