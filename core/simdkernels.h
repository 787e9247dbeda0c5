#pragma once

#include <cstdint>

// Internal to the engine: the inner loops that touch every pixel, compiled once per
// instruction set (baseline x86-64, AVX2, AVX-512) and picked at run time, so the default
// build runs on any x86-64 CPU and still uses the wide units where they exist.
//
// Every function works on interleaved RGBA float lines ("count" floats = 4 per pixel) and is
// pure: the same input gives the same output on every thread. Results of different
// instruction sets may differ in the last float bit (fused multiply-add), never by more.
namespace ks::detail {

enum class SimdLevel
{
    Baseline,
    Avx2,
    Avx512,
};

// How decoded values relate to the stored 8-bit pixel.
struct DecodeOptions
{
    bool premultiply = false; // colour * alpha / 255
};

// How sums become 8-bit pixels: v = factor * sum (+ bias on colour), clamped, rounded.
struct EncodeOptions
{
    float factor = 1.0f;
    float bias = 0.0f;
    bool filterAlpha = true;   // false: the output keeps the alpha already in the target
    // Colour is divided by the output alpha. Callers leave it false where every pixel the
    // kernel read was opaque: the alpha is then 255 (within rounding) and the divide is moot.
    bool premultiplied = false;
};

struct SimdKernels
{
    // out[i] = sum_k taps[k] * in[i + 4k], i in [0, count). Symmetric taps (taps[k] ==
    // taps[n-1-k]) may be folded by the implementation; callers pass `symmetric` when true.
    void (*rowPass)(const float *in, const float *taps, int n, bool symmetric, int count, float *out);
    // out[i] = sum_k taps[k] * rows[k][i].
    void (*columnPass)(const float *const *rows, const float *taps, int n, bool symmetric, int count, float *out);
    // out[i] = sum_j sum_k weights[j * n + k] * rows[j][i + 4k]: a direct 2-D kernel, m rows of n.
    void (*directPass)(const float *const *rows, const float *weights, int n, int m, int count, float *out);
    // 8-bit RGBA to floats in the image's own units; true when every alpha is 255.
    bool (*decode8)(const std::uint8_t *in, int pixels, DecodeOptions options, float *out);
    // Float sums to 8-bit RGBA in out; kept alpha (filterAlpha false) comes from original.
    void (*encode8)(const float *sums, int pixels, EncodeOptions options, const std::uint8_t *original,
                    std::uint8_t *out);
};

// The kernels for the best level this CPU supports, or the level forced by the environment
// variable KS_SIMD (baseline, avx2, avx512) or by setSimdLevel().
const SimdKernels &simdKernels();
SimdLevel simdLevel();
// For tests: forces a level (clamped to what the CPU supports); returns the level now in use.
// Not thread-safe against running filters: call it between runs.
SimdLevel setSimdLevel(SimdLevel level);
SimdLevel bestSimdLevel(); // what the CPU supports

const SimdKernels &simdKernelsBaseline();
const SimdKernels &simdKernelsAvx2();
const SimdKernels &simdKernelsAvx512();

} // namespace ks::detail
