#pragma once

#include <cstddef>
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

// How sums become 8- or 16-bit pixels: v = factor * sum (+ bias on colour), clamped, rounded.
struct EncodeOptions
{
    float factor = 1.0f;
    float bias = 0.0f;
    bool filterAlpha = true; // false: the output keeps the alpha already in the target
    // Colour is divided by the output alpha. Callers leave it false where every pixel the
    // kernel read was opaque: the alpha is then 255 (within rounding) and the divide is moot.
    bool premultiplied = false;
};

// A recursive Gaussian in single-precision parts: y = Re(sum_k a_k s_k) forwards plus
// Re(sum_k b_k u_k) backwards, with s_k and u_k complex one-pole recursions of pole z_k.
// Starting from a constant c, a state is c * e_k (its value after a constant run forever).
// See recursivegaussian.h for where the numbers come from.
struct IirCoefficients
{
    float zr[2], zi[2]; // poles
    float ar[2], ai[2]; // forward output weights
    float br[2], bi[2]; // backward output weights
    float er[2], ei[2]; // steady state per unit input: 1 / (1 - z)
};

// Where an IIR line reads: padded sample i is source position index[i]; samples
// [first, first + n) are the outputs.
struct IirLine
{
    const int *index;
    int count;
    int first;
    int n;
};

struct SimdKernels
{
    static constexpr int MaxOutputRows = 4;
    static constexpr int IirRows = 8;
    static constexpr int IirScratchFloats = 64; // iirRows' scratch per pixel of a line
    static constexpr int IirColumnBlockRows = 32;
    // iirColumns' state, in floats, for a band of `pixels` columns and a line of n outputs: 16
    // floats per pixel for the forward state and one backward state per block, 4 per pixel and
    // row for a block's forward sums.
    static constexpr std::size_t iirColumnStateFloats(int n, int pixels)
    {
        const std::size_t wholeVectors = std::size_t(pixels + 3) / 4 * 4;
        const std::size_t blocks = std::size_t(n + IirColumnBlockRows - 1) / IirColumnBlockRows;
        return wholeVectors * (16 * (1 + blocks) + 4 * IirColumnBlockRows);
    }

    // out[i] = sum_k taps[k] * in[i + 4k], i in [0, count). Symmetric taps (taps[k] ==
    // taps[n-1-k]) may be folded by the implementation; callers pass `symmetric` when true.
    void (*rowPass)(const float *in, const float *taps, int n, bool symmetric, int count, float *out);
    // `outputs` (1..MaxOutputRows) rows at once from n + outputs - 1 lines:
    // out[r][i] = sum_k taps[k] * lines[r + k][i].
    void (*columnPass)(const float *const *lines, const float *taps, int n, int outputs, int count, float *const *out);
    // columnPass whose rows leave as 8-bit pixels, each encoded as encode8 would with its own
    // options (original[r] for kept alpha), without storing the sums.
    void (*columnPass8)(const float *const *lines, const float *taps, int n, int outputs, int count,
                        const EncodeOptions *options, const std::uint8_t *const *original, std::uint8_t *const *out);
    // The same for 16-bit pixels.
    void (*columnPass16)(const float *const *lines, const float *taps, int n, int outputs, int count,
                         const EncodeOptions *options, const std::uint16_t *const *original, std::uint16_t *const *out);
    // A direct 2-D kernel of m rows of n, `outputs` rows at once:
    // out[r][i] = sum_j sum_k weights[j * n + k] * lines[r + j][i + 4k].
    void (*directPass)(const float *const *lines, const float *weights, int n, int m, int outputs, int count,
                       float *const *out);
    // 8-bit RGBA to floats in the image's own units; true when every alpha is 255.
    bool (*decode8)(const std::uint8_t *in, int pixels, DecodeOptions options, float *out);
    // Float sums to 8-bit RGBA in out; kept alpha (filterAlpha false) comes from original.
    void (*encode8)(const float *sums, int pixels, EncodeOptions options, const std::uint8_t *original,
                    std::uint8_t *out);
    // The same for 16-bit RGBA (0..65535; premultiply is colour * alpha / 65535).
    bool (*decode16)(const std::uint16_t *in, int pixels, DecodeOptions options, float *out);
    void (*encode16)(const float *sums, int pixels, EncodeOptions options, const std::uint16_t *original,
                     std::uint16_t *out);
    // 16-bit fixed point, for 8-bit sources whose alpha needs no divide and kernels of
    // non-negative taps. Taps are integers (fraction false: exact, x * t) or fractions in
    // 1/65536 units (fraction true: (x * t) >> 16); sums must fit 16 bits, callers check.
    // Decode: in << shift (0 or 8), true when every alpha is 255.
    bool (*fixedDecode)(const std::uint8_t *in, int pixels, int shift, std::uint16_t *out);
    // Gray: `count` values, in << shift.
    void (*fixedWiden)(const std::uint8_t *in, int count, int shift, std::uint16_t *out);
    // The passes that read along a row take the pixel's channel count (4: RGBA, 1: gray) as
    // the stride between taps; "4k" below is channels * k.
    // folded (fractions only, mirrored taps, each doubled still below 65536): tap pairs as one,
    // ((a + b + 1) >> 1) * 2t, half the multiplies.
    void (*fixedRowPass)(const std::uint16_t *in, const std::uint16_t *taps, int n, bool fraction, bool folded,
                         int channels, int count, std::uint16_t *out);
    // `outputs` (1..MaxOutputRows) rows of 8-bit values at once from n + outputs - 1 lines:
    // out[r][i] = (sum_k lines[r + k][i] * taps[k]) >> shift, rounded half up, at most 255.
    // stream writes past the caches: for results too large to stay in them.
    void (*fixedColumnPass)(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction,
                            bool folded, int outputs, int count, int shift, bool stream, std::uint8_t *const *out);
    // A direct 2-D kernel of m rows of n fractions, `outputs` rows at once, encoded likewise:
    // sum_j sum_k (lines[r + j][i + 4k] * weights[j * n + k]) >> 16.
    void (*fixedDirectPass)(const std::uint16_t *const *lines, const std::uint16_t *weights, int n, int m, int channels,
                            int outputs, int count, int shift, bool stream, std::uint8_t *const *out);
    // A box row: out[i] = ((sum_k<a in[i + 4k]) << shift) * scale >> 16, integer sums rescaled
    // to fit a column sum; scratch holds 2 * (count + 4a) words.
    void (*fixedBoxRow)(const std::uint16_t *in, int a, int channels, int count, int shift, std::uint16_t scale,
                        std::uint16_t *out, std::uint16_t *scratch);
    // sum += add, exact modulo 2^16: a box's first column sum.
    void (*fixedAddLine)(std::uint16_t *sum, const std::uint16_t *add, int count);
    // A box's column sums for `outputs` rows: row r is running += entering[r] - leaving[r],
    // encoded as fixedColumnPass encodes; running keeps the last row's sum.
    void (*fixedBoxColumns)(std::uint16_t *running, const std::uint16_t *const *entering,
                            const std::uint16_t *const *leaving, int outputs, int count, int shift, bool stream,
                            std::uint8_t *const *out);
    // The 16-bit box: exact integer sums in 32 bits, cost independent of the box's size.
    // Its column sums: running += entering - leaving (modulo 2^32) over `count` values of RGBA
    // pixels; true when every alpha of entering is 65535.
    bool (*box16Columns)(std::uint32_t *running, const std::uint16_t *entering, const std::uint16_t *leaving,
                         int count);
    // Its row: out[i] = min(65535, (S * multiplier + 2^(shift - 1)) >> shift) with S =
    // sum_k<a running[i + 4k] (which must fit 32 bits), shift >= 32; scratch holds count + 4a words.
    void (*box16Row)(const std::uint32_t *running, int a, int count, std::uint32_t multiplier, int shift,
                     std::uint32_t *scratch, std::uint16_t *out);
    // The recursive Gaussian's two passes (recursivegaussian.h). 8.4 fixed point keeps a
    // sample's high byte in one row (hi) and its low nibble in another (lo), two to a byte
    // (R | G << 4, B | A << 4): one and a half bytes per channel.
    // The vertical pass over the band [x0, x0 + pixels) of RGBA8 source rows, sweeping whole
    // rows down and back up; writes 8.4 rows. state holds iirColumnStateFloats. Returns
    // whether every source pixel of the band was opaque.
    bool (*iirColumns)(const std::uint8_t *const *sourceRows, const IirLine &line, const IirCoefficients &c, int x0,
                       int pixels, float *state, std::uint8_t *const *hiRows, std::uint8_t *const *loRows);
    // The horizontal pass over IirRows 8.4 rows at once (a row may repeat), RGBA8 out. out may
    // be hi itself: each sample is read before its output is written. scratch holds
    // IirScratchFloats per output pixel.
    void (*iirRows)(const std::uint8_t *const *hi, const std::uint8_t *const *lo, const IirLine &line,
                    const IirCoefficients &c, float *scratch, std::uint8_t *const *out);
    // Premultiplied colour in 16-bit fixed point, for blurs whose alpha allows it (see
    // filterBandPremultipliedFixed): colour * alpha / 255 in 1/256 units (truncated, less than
    // one unit low), alpha << 8. True when every alpha is 255.
    bool (*fixedDecodePremultiplied)(const std::uint8_t *in, int pixels, std::uint16_t *out);
    // fixedColumnPass without the encoding: the sums themselves, out[r][i], in the lines' units.
    void (*fixedColumnSums)(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction,
                            bool folded, int outputs, int count, std::uint16_t *const *out);
    // encode8 on 16-bit sums (scaled by options.factor like float ones).
    void (*encodeFixed8)(const std::uint16_t *sums, int pixels, EncodeOptions options, const std::uint8_t *original,
                         std::uint8_t *out);
    // The recursive Gaussian on gray rows: four gray 8.4 rows (hi and lo, as iirColumns leaves
    // them) as the channels of one RGBA 8.4 row of the same width (gray row c is channel c), so
    // iirRows blurs four at once; rgbaLo takes 2 * width + 2 bytes (an odd width writes one
    // spare pixel's nibbles). And back: channel c of an RGBA row into gray row c.
    void (*iirInterleaveGray)(const std::uint8_t *const *hi, const std::uint8_t *const *lo, int width,
                              std::uint8_t *rgbaHi, std::uint8_t *rgbaLo);
    void (*iirDeinterleaveGray)(const std::uint8_t *rgba, int width, std::uint8_t *const *gray);
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
