#pragma once

#include <cstddef>
#include <cstdint>

// Internal to the filters: the vector inner loops of the median and bilateral filters,
// compiled once per instruction set (baseline x86-64, AVX2, AVX-512, or the portable GCC
// vector extensions) and picked at run time at the level the engine's own kernels use
// (engine/simd/simdkernels.h: KS_SIMD, setSimdLevel), so one switch forces both.
//
// Every function is pure and works lane by lane with the same operations at every level
// (no fused multiply-add: these files build with -ffp-contract=off), so results are
// identical for every level and thread count, not only within a float bit.
namespace ks::detail {

// The spatial part of a bilateral window: tap t reads the value offset[t] floats from the
// window's first (top left) value and weighs log2Weight[t] in the exponent (log2 of its
// spatial weight, so <= 0).
struct BilateralTaps
{
    int count = 0;
    const std::ptrdiff_t *offset = nullptr;
    const float *log2Weight = nullptr;
};

// One output row of the bilateral filter from planar float lines. window points at channel
// R of the window's top line, at its left column for output pixel 0; channels G, B and A
// follow each channelStride floats further. The values a tap or the centre (centreOffset
// from window) read for output pixel x are x floats further, and at least VectorFloats past
// the last pixel's may be read.
// The weight of a tap is 2^(log2Weight - k * q^(power/2)), q = (dR^2 + dG^2 + dB^2) * scale;
// power 2 skips the power. out[c] (c = 0..3; 0..2 unless alpha) receive sum(w p) / sum(w)
// for `width` pixels and may be written up to the next multiple of VectorFloats.
struct BilateralRow
{
    const float *window;
    std::ptrdiff_t channelStride;
    std::ptrdiff_t centreOffset;
    int width;
    float scale;        // q per squared working-value distance: (unit / colour factor)^2
    float k;            // 0.5 * log2(e)
    float power;        // colour power
    bool sixteenBit;    // values have 65536 levels: the weights need more precision
    bool alpha;         // whether alpha is averaged (out[3]); false where it is known or kept
    bool clampExponent; // whether a weight's exponent may fall below -126 (the float's least)
    float *const *out;
};

// The 8-bit histogram median (Perreault and Hebert) of one plane of values. Histograms are
// cumulative, so the bin holding a rank is found with one vector compare instead of a walk:
// column i's coarse[16 * i + b] counts its values v with (v >> 4) <= b, and
// fine[16 * (count * b + i) + f] those with v >> 4 == b and (v & 15) <= f (bin-major, so
// bringing one fine bin of the window up to date reads consecutive columns).
struct MedianColumns8
{
    std::int16_t *coarse; // 16 per column
    std::int16_t *fine;   // 256 per column, bin-major
    int count;            // columns
};

// One output row from the column histograms of its window rows: output x is the median of
// the size x size values in columns x .. x + size - 1, written to out[x * outStride].
struct MedianRow8
{
    const std::int16_t *coarse; // as MedianColumns8, column 0 = output 0's leftmost
    const std::int16_t *fine;
    int columns; // in the histograms: width + size - 1
    int size;    // odd, at most 181 (size * size must fit an int16 count)
    int width;   // outputs
    std::uint8_t *out;
    int outStride; // 4 for one channel of RGBA, 1 for a plane
};

struct NonlinearKernels
{
    static constexpr int VectorFloats = 16; // the widest level's floats per vector

    // The median of each 3x3 (median3) or 5x5 (median5) window of interleaved 4-channel
    // lines: out[i] = median over j, k of lines[j][i + 4k], i in [0, count), every channel
    // on its own. Lines hold count + 4 * (size - 1) values, and nothing past them is read.
    void (*median3x8)(const std::uint8_t *const *lines, int count, std::uint8_t *out);
    void (*median5x8)(const std::uint8_t *const *lines, int count, std::uint8_t *out);
    void (*median3x16)(const std::uint16_t *const *lines, int count, std::uint16_t *out);
    void (*median5x16)(const std::uint16_t *const *lines, int count, std::uint16_t *out);
    // The same on gray lines, one value per pixel: out[i] = median over j, k of lines[j][i + k];
    // lines hold count + size - 1 values.
    void (*median3gray8)(const std::uint8_t *const *lines, int count, std::uint8_t *out);
    void (*median5gray8)(const std::uint8_t *const *lines, int count, std::uint8_t *out);
    void (*bilateralRow)(const BilateralRow &row, const BilateralTaps &taps);
    // Moves column histograms down a row: value entering[i] (one per column, in a plane)
    // comes into column i and leaving[i] goes out; either may be null.
    void (*medianColumns8)(const MedianColumns8 &columns, const std::uint8_t *entering, const std::uint8_t *leaving);
    void (*medianRow8)(const MedianRow8 &row);
};

// The kernels of the level simdLevel() reports.
const NonlinearKernels &nonlinearKernels();

const NonlinearKernels &nonlinearKernelsBaseline();
const NonlinearKernels &nonlinearKernelsAvx2();
const NonlinearKernels &nonlinearKernelsAvx512();

} // namespace ks::detail
