// The bodies of NonlinearKernels, written once with GCC vector extensions and compiled by each
// nonlinearkernels_<level>.cpp with that level's flags (as engine/simd/simdkernels.inl is). A
// vector is one register of that level. Included inside namespace ks::detail::<level> only;
// everything here has internal linkage.

namespace {

#if defined(KS_PORTABLE_SIMD)
#define KS_NL_VECTOR_BYTES 16 // GCC vector extensions only: NEON, SSE2 or scalar, as the target has
#elif defined(__AVX512F__)
#define KS_NL_VECTOR_BYTES 64
#elif defined(__AVX2__)
#define KS_NL_VECTOR_BYTES 32
#else
#define KS_NL_VECTOR_BYTES 16
#endif

using VF = float __attribute__((vector_size(KS_NL_VECTOR_BYTES)));
using VI = std::int32_t __attribute__((vector_size(KS_NL_VECTOR_BYTES)));
using VB = std::uint8_t __attribute__((vector_size(KS_NL_VECTOR_BYTES)));
using VW = std::uint16_t __attribute__((vector_size(KS_NL_VECTOR_BYTES)));
// The vector of a channel type (vector_size cannot take a template parameter's type).
template <typename T> struct VectorOf;
template <> struct VectorOf<std::uint8_t>
{
    using Type = VB;
};
template <> struct VectorOf<std::uint16_t>
{
    using Type = VW;
};
constexpr int FloatLanes = KS_NL_VECTOR_BYTES / 4;
static_assert(FloatLanes <= NonlinearKernels::VectorFloats);

template <typename V> inline V loadVector(const void *p)
{
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <typename V> inline void storeVector(void *p, V v)
{
    std::memcpy(p, &v, sizeof v);
}

// min and max for scalars and vectors alike (GCC's ?: takes vector conditions in C++).
template <typename X> inline X lower(X a, X b)
{
    return a < b ? a : b;
}

template <typename X> inline X upper(X a, X b)
{
    return a < b ? b : a;
}

template <typename X> inline void sort2(X &a, X &b)
{
    const X low = lower(a, b);
    b = upper(a, b);
    a = low;
}

template <typename X> inline X median3(X a, X b, X c)
{
    return upper(lower(a, b), lower(upper(a, b), c));
}

// 3x3: with each column sorted, the window's median is the median of the largest of the
// column minima, the median of the column medians and the smallest of the column maxima.
template <typename X, typename At> inline X median9(At at)
{
    X low[3], mid[3], high[3];
    for (int k = 0; k < 3; ++k) {
        X a = at(0, k), b = at(1, k), c = at(2, k);
        sort2(a, b);
        sort2(b, c);
        sort2(a, b);
        low[k] = a, mid[k] = b, high[k] = c;
    }
    return median3(upper(upper(low[0], low[1]), low[2]), median3(mid[0], mid[1], mid[2]),
                   lower(lower(high[0], high[1]), high[2]));
}

// Batcher's merge exchange (Knuth, TAOCP 5.2.2, algorithm M) sorts any n with a fixed list of
// compare-exchanges. Only the middle output is used: the compiler drops every exchange that
// cannot reach it.
struct Exchange
{
    int a, b;
};

template <int N> constexpr int mergeExchangeCount()
{
    int count = 0, t = 0;
    while ((1 << t) < N)
        ++t;
    for (int p = 1 << (t - 1); p > 0; p /= 2)
        for (int q = 1 << (t - 1), r = 0, d = p;; d = q - p, q /= 2, r = p) {
            for (int i = 0; i < N - d; ++i)
                if ((i & p) == r)
                    ++count;
            if (q == p)
                break;
        }
    return count;
}

template <int N> constexpr auto mergeExchangeNetwork()
{
    std::array<Exchange, size_t(mergeExchangeCount<N>())> network{};
    int count = 0, t = 0;
    while ((1 << t) < N)
        ++t;
    for (int p = 1 << (t - 1); p > 0; p /= 2)
        for (int q = 1 << (t - 1), r = 0, d = p;; d = q - p, q /= 2, r = p) {
            for (int i = 0; i < N - d; ++i)
                if ((i & p) == r)
                    network[size_t(count++)] = {i, i + d};
            if (q == p)
                break;
        }
    return network;
}

template <typename X, typename At> inline X median25(At at)
{
    static constexpr auto Network = mergeExchangeNetwork<25>();
    X v[25];
    for (int j = 0; j < 5; ++j)
        for (int k = 0; k < 5; ++k)
            v[5 * j + k] = at(j, k);
#pragma GCC unroll 512
    for (size_t e = 0; e < Network.size(); ++e)
        sort2(v[Network[e].a], v[Network[e].b]);
    return v[12];
}

template <int Size, typename X, typename At> inline X windowMedian(At at)
{
    if constexpr (Size == 3)
        return median9<X>(at);
    else
        return median25<X>(at);
}

// Whole vectors of the line, then the last partial one from copies of what it reads: lines
// are read up to count + Stride * (Size - 1) values and out written up to count, never
// further. Stride is the values per pixel: 4 (RGBA) or 1 (gray).
template <int Size, int Stride, typename T> void medianLines(const T *const *lines, int count, T *out)
{
    using V = typename VectorOf<T>::Type;
    constexpr int Lanes = KS_NL_VECTOR_BYTES / int(sizeof(T));
    constexpr int Reach = Stride * (Size - 1); // values a window reads past its first column
    int i = 0;
    for (; i + Lanes <= count; i += Lanes)
        storeVector(out + i,
                    windowMedian<Size, V>([&](int j, int k) { return loadVector<V>(lines[j] + i + Stride * k); }));
    if (i < count) {
        const int rest = count - i + Reach;
        T copies[Size][Lanes + Reach] = {};
        for (int j = 0; j < Size; ++j)
            std::memcpy(copies[j], lines[j] + i, size_t(rest) * sizeof(T));
        T tail[Lanes];
        storeVector(tail, windowMedian<Size, V>([&](int j, int k) { return loadVector<V>(copies[j] + Stride * k); }));
        std::memcpy(out + i, tail, size_t(count - i) * sizeof(T));
    }
}

void median3x8(const std::uint8_t *const *lines, int count, std::uint8_t *out)
{
    medianLines<3, 4>(lines, count, out);
}
void median5x8(const std::uint8_t *const *lines, int count, std::uint8_t *out)
{
    medianLines<5, 4>(lines, count, out);
}
void median3x16(const std::uint16_t *const *lines, int count, std::uint16_t *out)
{
    medianLines<3, 4>(lines, count, out);
}
void median5x16(const std::uint16_t *const *lines, int count, std::uint16_t *out)
{
    medianLines<5, 4>(lines, count, out);
}
void median3gray8(const std::uint8_t *const *lines, int count, std::uint8_t *out)
{
    medianLines<3, 1>(lines, count, out);
}
void median5gray8(const std::uint8_t *const *lines, int count, std::uint8_t *out)
{
    medianLines<5, 1>(lines, count, out);
}

inline VF splat(float f)
{
    return VF{} + f;
}

// The polynomial for 2^f, f in [-0.5, 0.5], of exp2Vector at Degree: 3 is the minimax fit
// of relative error (Remez exchange; below 7.5e-5 evaluated in float), 6 the Taylor series
// of e^(f ln 2) (below 1.3e-7).
template <int Degree> inline VF exp2Fraction(VF f)
{
    if constexpr (Degree == 3) {
        VF p = splat(0.0551716685f);
        p = p * f + 0.242611125f;
        p = p * f + 0.693260968f;
        return p * f + 0.999928057f;
    } else {
        constexpr float Ln2 = 0.69314718f;
        float c[Degree + 1] = {1.0f};
        for (int i = 1; i <= Degree; ++i)
            c[i] = c[i - 1] * Ln2 / float(i);
        VF p = splat(c[Degree]);
        for (int i = Degree - 1; i >= 0; --i)
            p = p * f + c[i];
        return p;
    }
}

// 2^t for t in [-126, 126] (callers clamp what may leave it): 2^n by the exponent bits
// (n = t rounded by the float adder itself: 1.5 * 2^23 added leaves n in the low mantissa
// bits), 2^f for f = t - n in [-0.5, 0.5] by exp2Fraction.
// t limited to exp2Vector's domain [-126, 126].
inline VF clampExponent(VF t)
{
    return lower(upper(t, splat(-126.0f)), splat(126.0f));
}

template <int Degree> inline VF exp2Vector(VF t)
{
    constexpr float Magic = 12582912.0f; // 1.5 * 2^23
    const VF shifted = t + Magic;
    const VF p = exp2Fraction<Degree>(t - (shifted - Magic));
    VI bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    constexpr std::int32_t MagicBits = 0x4b400000; // the bits of Magic
    bits = (bits - MagicBits + 127) << 23;
    VF scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// log2(q) for normal q > 0: the exponent, and log2 of the mantissa m in [1, 2) from the
// series 2 / ln 2 * atanh((m - 1) / (m + 1)) to the ninth power (error below 2e-6).
inline VF log2Vector(VF q)
{
    VI bits;
    std::memcpy(&bits, &q, sizeof bits);
    const VF exponent = __builtin_convertvector((bits >> 23) - 127, VF);
    bits = (bits & 0x7fffff) | 0x3f800000;
    VF m;
    std::memcpy(&m, &bits, sizeof m);
    const VF y = (m - 1.0f) / (m + 1.0f), y2 = y * y;
    VF s = splat(1.0f / 9.0f);
    s = s * y2 + 1.0f / 7.0f;
    s = s * y2 + 1.0f / 5.0f;
    s = s * y2 + 1.0f / 3.0f;
    s = s * y2 + 1.0f;
    return exponent + s * y * 2.8853900817779268f;
}

// Degree: of exp2Vector's polynomial, 3 where values have 256 levels, 6 where they have
// 65536. Why that is enough: with every weight off by a relative error of at most e, the
// result sum(w p) / sum(w) moves by at most e * max|p - result| / (1 - e) <= e * maxValue /
// (1 - e), as every p and the result lie in [0, maxValue]: 255 * 7.5e-5 = 0.02 of a level
// for degree 3, 65535 * 1.3e-7 = 0.009 for degree 6 (the powers' log2 and exp2 of colour
// powers other than 2 add 2e-6 relative to the colour term). WithAlpha: alpha is summed too
// (out[3] written); without, out[3] is left to the caller. ClampBelow: a weight's exponent
// may fall below -126 (else that clamp, a compare and a blend per tap, is left out).
// Vectors output vectors from x on: each tap's scalars are read once for all of them, and
// their independent chains keep more of the core busy than one vector's.
template <bool PowerTwo, int Degree, bool WithAlpha, bool ClampBelow, int Vectors>
void bilateralVectors(const BilateralRow &row, const BilateralTaps &taps, int x)
{
    const std::ptrdiff_t channel = row.channelStride;
    const VF halfPower = splat(0.5f * row.power);
    // Power 2: the exponent is log2Weight - k * scale * d^2, one multiply per tap.
    const float squaredFactor = PowerTwo ? row.k * row.scale : row.scale;
    VF cr[Vectors], cg[Vectors], cb[Vectors];
    VF sr[Vectors] = {}, sg[Vectors] = {}, sb[Vectors] = {}, sa[Vectors] = {}, total[Vectors] = {};
    for (int v = 0; v < Vectors; ++v) {
        const float *centre = row.window + row.centreOffset + x + v * FloatLanes;
        cr[v] = loadVector<VF>(centre);
        cg[v] = loadVector<VF>(centre + channel);
        cb[v] = loadVector<VF>(centre + 2 * channel);
    }
    for (int t = 0; t < taps.count; ++t) {
        const float *tap = row.window + taps.offset[t] + x;
        const float log2Weight = taps.log2Weight[t];
        for (int v = 0; v < Vectors; ++v) {
            const float *p = tap + v * FloatLanes;
            const VF pr = loadVector<VF>(p);
            const VF pg = loadVector<VF>(p + channel);
            const VF pb = loadVector<VF>(p + 2 * channel);
            const VF dr = pr - cr[v], dg = pg - cg[v], db = pb - cb[v];
            VF q = (dr * dr + dg * dg + db * db) * squaredFactor;
            if constexpr (!PowerTwo) // k * q^(power / 2); 0 (and what would be subnormal) stays 0
                q = q > 1e-30f ? exp2Vector<6>(clampExponent(halfPower * log2Vector(q))) * row.k : VF{};
            // The exponent is log2 of a spatial weight (<= 0) less a colour term (>= 0), so
            // at most 0; it can fall below -126 only where the caller says so.
            const VF exponent = log2Weight - q;
            const VF w = exp2Vector<Degree>(ClampBelow ? upper(exponent, splat(-126.0f)) : exponent);
            sr[v] += w * pr;
            sg[v] += w * pg;
            sb[v] += w * pb;
            if constexpr (WithAlpha)
                sa[v] += w * loadVector<VF>(p + 3 * channel);
            total[v] += w;
        }
    }
    for (int v = 0; v < Vectors; ++v) {
        // total >= 1: the centre weighs 2^0 = 1.
        const int at = x + v * FloatLanes;
        storeVector(row.out[0] + at, sr[v] / total[v]);
        storeVector(row.out[1] + at, sg[v] / total[v]);
        storeVector(row.out[2] + at, sb[v] / total[v]);
        if constexpr (WithAlpha)
            storeVector(row.out[3] + at, sa[v] / total[v]);
    }
}

// Two vectors at a time, then the last one alone where an odd number covers the row (out
// is written only up to the next multiple of FloatLanes). Each lane's arithmetic is the same
// either way.
template <bool PowerTwo, int Degree, bool WithAlpha, bool ClampBelow>
void bilateralRowAt(const BilateralRow &row, const BilateralTaps &taps)
{
    int x = 0;
    for (; x + FloatLanes < row.width; x += 2 * FloatLanes)
        bilateralVectors<PowerTwo, Degree, WithAlpha, ClampBelow, 2>(row, taps, x);
    if (x < row.width)
        bilateralVectors<PowerTwo, Degree, WithAlpha, ClampBelow, 1>(row, taps, x);
}

template <bool PowerTwo, int Degree> void bilateralRowAt(const BilateralRow &row, const BilateralTaps &taps)
{
    if (row.alpha)
        return row.clampExponent ? bilateralRowAt<PowerTwo, Degree, true, true>(row, taps)
                                 : bilateralRowAt<PowerTwo, Degree, true, false>(row, taps);
    return row.clampExponent ? bilateralRowAt<PowerTwo, Degree, false, true>(row, taps)
                             : bilateralRowAt<PowerTwo, Degree, false, false>(row, taps);
}

void bilateralRow(const BilateralRow &row, const BilateralTaps &taps)
{
    const bool powerTwo = row.power == 2.0f;
    if (row.sixteenBit)
        return powerTwo ? bilateralRowAt<true, 6>(row, taps) : bilateralRowAt<false, 6>(row, taps);
    return powerTwo ? bilateralRowAt<true, 3>(row, taps) : bilateralRowAt<false, 3>(row, taps);
}

// The 8-bit histogram median. A histogram of 16 bins is one vector of 16 int16 counts (two
// registers at the baseline level, one at AVX2 and AVX-512); counts stay below 181^2 < 2^15.
using Bins = std::int16_t __attribute__((vector_size(32)));

inline Bins loadBins(const std::int16_t *p)
{
    return loadVector<Bins>(p);
}

inline void storeBins(std::int16_t *p, Bins v)
{
    storeVector(p, v);
}

// stepBins(k): 1 in lanes k..15, 0 below: what a value in bin k adds to a cumulative histogram.
inline Bins stepBins(int k)
{
    static constexpr std::int16_t steps[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                               1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    return loadBins(steps + 16 - k);
}

// How many lanes of a cumulative histogram (non-decreasing lanes) hold at most `limit`:
// the index of the bin where the count passes `limit`. The lanes above it are a suffix, so
// this is the first set bit of their mask (16 when none is).
inline int binsAtMost(Bins cumulative, int limit)
{
    const Bins bound = Bins{} + std::int16_t(limit);
#if defined(__AVX512BW__) && defined(__AVX512VL__) && !defined(KS_PORTABLE_SIMD)
    __m256i counts, bounds;
    std::memcpy(&counts, &cumulative, sizeof counts);
    std::memcpy(&bounds, &bound, sizeof bounds);
    const unsigned above = _mm256_cmpgt_epi16_mask(counts, bounds); // one bit a lane
    return __builtin_ctz(above | 1u << 16);
#else
    const Bins above = cumulative > bound; // -1 in the lanes above the limit
#if defined(__AVX2__) && !defined(KS_PORTABLE_SIMD)
    __m256i m;
    std::memcpy(&m, &above, sizeof m);
    const std::uint64_t bytes = std::uint32_t(_mm256_movemask_epi8(m)); // two bits a lane
    return __builtin_ctzll(bytes | std::uint64_t(1) << 32) / 2;
#elif defined(__SSE2__) && !defined(KS_PORTABLE_SIMD)
    __m128i halves[2];
    std::memcpy(halves, &above, sizeof halves);
    const std::uint64_t bytes =
        std::uint32_t(_mm_movemask_epi8(halves[0])) | std::uint64_t(std::uint32_t(_mm_movemask_epi8(halves[1]))) << 16;
    return __builtin_ctzll(bytes | std::uint64_t(1) << 32) / 2;
#else
    int n = 0;
    for (int i = 0; i < 16; ++i)
        n += above[i] == 0;
    return n;
#endif
#endif
}

void medianColumns8(const MedianColumns8 &columns, const std::uint8_t *entering, const std::uint8_t *leaving)
{
    for (int i = 0; i < columns.count; ++i) {
        std::int16_t *coarse = columns.coarse + 16 * size_t(i);
        std::int16_t *fine = columns.fine + 16 * size_t(i);
        const size_t binStride = 16 * size_t(columns.count);
        Bins c = loadBins(coarse);
        if (entering) {
            const int v = entering[i];
            c += stepBins(v >> 4);
            std::int16_t *f = fine + binStride * size_t(v >> 4);
            storeBins(f, loadBins(f) + stepBins(v & 15));
        }
        if (leaving) {
            const int v = leaving[i];
            c -= stepBins(v >> 4);
            std::int16_t *f = fine + binStride * size_t(v >> 4);
            storeBins(f, loadBins(f) - stepBins(v & 15));
        }
        storeBins(coarse, c);
    }
}

void medianRow8(const MedianRow8 &row)
{
    const int size = row.size;
    const int rank = size * size / 2; // the median is the value with `rank` values below it
    Bins window{};
    for (int i = 0; i < size; ++i)
        window += loadBins(row.coarse + 16 * size_t(i));
    // The fine histograms of the window, per coarse bin, brought up to date only when the
    // median lands in that bin; fineStart = the window start each is current for (far in the
    // past = never built).
    Bins windowFine[16];
    int fineStart[16];
    for (int b = 0; b < 16; ++b)
        fineStart[b] = -2 * size;
    auto fineColumn = [&](int i, int bin) {
        return loadBins(row.fine + 16 * (size_t(row.columns) * size_t(bin) + size_t(i)));
    };

    std::uint8_t *out = row.out;
    for (int x = 0; x < row.width; ++x, out += row.outStride) {
        if (x > 0)
            window += loadBins(row.coarse + 16 * size_t(x + size - 1)) - loadBins(row.coarse + 16 * size_t(x - 1));
        const int bin = binsAtMost(window, rank);
        const int below = bin > 0 ? window[bin - 1] : 0;

        Bins &binFine = windowFine[bin];
        const int behind = x - fineStart[bin];
        if (2 * behind > size) { // rebuilding costs `size` adds, catching up two per column
            binFine = Bins{};
            for (int i = x; i < x + size; ++i)
                binFine += fineColumn(i, bin);
        } else {
            for (int i = fineStart[bin]; i < x; ++i)
                binFine += fineColumn(i + size, bin) - fineColumn(i, bin);
        }
        fineStart[bin] = x;
        *out = std::uint8_t(16 * bin + binsAtMost(binFine, rank - below));
    }
}

constexpr NonlinearKernels kernels{median3x8,    median5x8,    median3x16,   median5x16,     median3gray8,
                                   median5gray8, bilateralRow, medianColumns8, medianRow8};

} // namespace
