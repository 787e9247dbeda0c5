#pragma once

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

// The spatial part of a bilateral window: tap t reads window row row[t], column dx[t]
// (both 0..size-1) and weighs log2Weight[t] in the exponent (log2 of its spatial weight).
struct BilateralTaps
{
    int count = 0;
    const int *row = nullptr;
    const int *dx = nullptr;
    const float *log2Weight = nullptr;
};

// One output row of the bilateral filter from planar float lines. planes[4 * j + c] is
// channel c (R, G, B, A) of window line j, at the window's left column for output pixel 0;
// each holds width + size - 1 values and at least VectorFloats more that may be read.
// The weight of a tap is 2^(log2Weight - k * q^(power/2)), q = (dR^2 + dG^2 + dB^2) * scale;
// power 2 skips the power. out[c] (c = 0..3) receive sum(w p) / sum(w) for `width` pixels
// and may be written up to the next multiple of VectorFloats.
struct BilateralRow
{
    const float *const *planes;
    int width;
    int radius;
    float scale; // q per squared working-value distance: (unit / colour factor)^2
    float k;     // 0.5 * log2(e)
    float power; // colour power
    bool sixteenBit; // values have 65536 levels: the weights need more precision
    float *const *out;
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
};

// The kernels of the level simdLevel() reports.
const NonlinearKernels &nonlinearKernels();

const NonlinearKernels &nonlinearKernelsBaseline();
const NonlinearKernels &nonlinearKernelsAvx2();
const NonlinearKernels &nonlinearKernelsAvx512();

} // namespace ks::detail
