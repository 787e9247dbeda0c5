#pragma once

#include <cstdint>

// Internal to the filters: the vector inner loops of the median filter,
// compiled once per instruction set (baseline x86-64, AVX2, AVX-512, or the portable GCC
// vector extensions) and picked at run time at the level the engine's own kernels use
// (engine/simd/simdkernels.h: KS_SIMD, setSimdLevel), so one switch forces both.
//
// Every function is pure and works lane by lane with the same operations at every level,
// so results are identical for every level and thread count.
namespace ks::detail {

struct NonlinearKernels
{
    // The median of each 3x3 (median3) or 5x5 (median5) window of interleaved 4-channel
    // lines: out[i] = median over j, k of lines[j][i + 4k], i in [0, count), every channel
    // on its own. Lines hold count + 4 * (size - 1) values, and nothing past them is read.
    void (*median3x8)(const std::uint8_t *const *lines, int count, std::uint8_t *out);
    void (*median5x8)(const std::uint8_t *const *lines, int count, std::uint8_t *out);
    void (*median3x16)(const std::uint16_t *const *lines, int count, std::uint16_t *out);
    void (*median5x16)(const std::uint16_t *const *lines, int count, std::uint16_t *out);
};

// The kernels of the level simdLevel() reports.
const NonlinearKernels &nonlinearKernels();

const NonlinearKernels &nonlinearKernelsBaseline();
const NonlinearKernels &nonlinearKernelsAvx2();
const NonlinearKernels &nonlinearKernelsAvx512();

} // namespace ks::detail
