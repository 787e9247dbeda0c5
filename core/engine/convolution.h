#pragma once

#include "alignedvector.h"
#include "filtersettings.h"
#include "simdkernels.h"
#include "workimage.h"

#include <QImage>
#include <QRect>

#include <cstdint>
#include <vector>

// Internal to the engine: the FIR convolution of one band of output rows, a pure function of
// the source and the kernel (never of which thread or band computes it).
// The kernel is laid over the image as written (correlation, like OpenCV's filter2D and
// GIMP's convolution matrix): weight (i, j) multiplies the pixel at
// (x - anchorX + i, y - anchorY + j).
namespace ks::detail {

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
    bool rowSymmetric = false;     // rowTaps read the same backwards (folded: half the multiplies)
    bool columnSymmetric = false;

    // The 16-bit fixed-point form of a kernel of non-negative weights, when it has one:
    // separable integer taps whose total is a power of two with factor 1 / total (exact: the
    // binomial), or fractions in 1/65536 units for kernels that keep total weight (blurs),
    // separable or direct.
    struct Fixed
    {
        bool usable = false;
        bool fraction = false;
        std::vector<std::uint16_t> rowTaps, columnTaps;
        std::vector<std::uint16_t> weights;           // Direct: factor * weight, row-major
        bool rowFolded = false, columnFolded = false; // mirrored fractions paired (see fixedRowPass)
        int inputShift = 0;                           // pixels enter as p << inputShift
        int outputShift = 0;                          // results leave as sum >> outputShift, rounded
        // A box (every row tap equal, every column tap equal): rows are plain integer sums,
        // rescaled as ((sum << boxShift) * boxScale) >> 16, and columns a sliding sum of them,
        // exact in integers, so its cost does not grow with the height.
        bool box = false;
        int boxShift = 0;
        std::uint16_t boxScale = 0;
    } fixed;

    // A box for 16-bit pixels (every row tap equal, every column tap equal, keeping total
    // weight): exact integer sums of the a x b pixels in 32 bits, a sliding sum down the
    // columns and a difference of running sums along the row, so its cost does not grow with
    // its size; each sum S leaves as (S * multiplier + 2^(shift - 1)) >> shift.
    struct Box16
    {
        bool usable = false;
        std::uint32_t multiplier = 0;
        int shift = 0;
    } box16;
};

ConvolutionPlan makePlan(const Kernel &kernel);

// Whether a Grayscale8 image may be filtered as it is, one value per pixel, by this plan: the
// fixed-point path with no alpha to make (no transparent border, no linear light).
bool grayFixedPath(const ConvolutionPlan &plan, const FilterSettings &settings);

// One step's FIR work, fixed before the first band and shared read-only by every worker.
struct BandJob
{
    BandJob(const QImage &source, const PixelCodec &codec, const ConvolutionPlan &plan, const QRect &out,
            BorderMode border, const EncodeParams &params);

    const QImage &source; // engine layout, or Grayscale8 (see gray)
    PixelCodec codec;
    const ConvolutionPlan &plan;
    QRect out; // the output pixels
    BorderMode border;
    EncodeParams params;
    std::vector<int> columns; // source column of each virtual column the band reads, or -1
    std::vector<int> rows;    // source row of each virtual row, or -1

    // Output rows per band: large enough that the rows shared with the next band (the
    // kernel's height less one, computed by both) stay a sixteenth of the work or less, small
    // enough for eight bands. Depends on the image and the kernel only, never on the thread
    // count: a premultiplied band picks fixed or float point by what it reads.
    int bandRows() const;

    // Whether bands may take the fixed-point path: 8-bit sRGB, and either no divide by alpha
    // (straight, ignore) or premultiplied without transparent borders (bands then check that
    // every pixel they read is opaque, and fall back to float when one is not).
    bool fixedPath = false;
    // Whether premultiplied colour that is not opaque may still run in fixed point, tile by tile
    // where the alpha the kernel reads is high enough (filterBandPremultipliedTiles): a
    // separable blur of fractional taps that filters alpha.
    bool premultipliedFixed = false;

    // Whether bands may take the 16-bit box (ConvolutionPlan::Box16): 16-bit in the image's own
    // encoding, with the same alpha conditions as fixedPath (the integers are the pixels).
    bool box16Path = false;

    // A Grayscale8 source and result, one value per pixel: only on the fixed-point path
    // (grayFixedPath says when it applies), where alpha plays no part.
    bool gray = false;
    int channels() const { return gray ? 1 : 4; }

    // Whether output rows are written past the caches: a result this large leaves them
    // anyway, and writing around them saves reading every output line in first. (Measured
    // faster on the fixed-point path; the float path showed no gain.)
    static constexpr qsizetype StreamBytes = qsizetype(16) << 20;
    bool streamOutput = false;
};

// A worker's lines, kept between bands so a step allocates them once per worker.
struct BandScratch
{
    AlignedVector<float> decoded; // one source row, padded for the kernel's width
    AlignedVector<float> ring;    // the last kernel-height lines (horizontal sums or decoded rows)
    AlignedVector<float> zero;    // a transparent line
    AlignedVector<float> sums;    // MaxOutputRows rows
    std::vector<const float *> lines;
    std::vector<const float *> ringLines; // the line of each ring slot
    std::vector<char> ringOpaque;         // whether that line's source row was all opaque

    // The same for the fixed-point path.
    AlignedVector<std::uint16_t> fixedDecoded, fixedRing, fixedZero, fixedRunning, fixedBoxScratch;
    std::vector<const std::uint16_t *> fixedLines, fixedRingLines;
    AlignedVector<std::uint16_t> fixedSums; // MaxOutputRows rows of premultiplied sums
    std::vector<std::uint8_t> tileMinimum;  // the least alpha per virtual row and column tile
    std::vector<std::uint8_t> rowAlpha;     // one row's alpha per virtual column

    // The 16-bit box: column sums per virtual column, the row's running sums, a zero row.
    AlignedVector<std::uint32_t> box16Running, box16Prefix;
    AlignedVector<std::uint16_t> box16Zero;
};

// Filters output rows [y0, y1) of job.out (counted from its top) into target.
void filterBand(const BandJob &job, int y0, int y1, BandScratch &scratch, QImage &target);

} // namespace ks::detail
