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

// 2^t for t clamped to [-126, 126]: 2^n by the exponent bits (n = t rounded by the float
// adder itself: 1.5 * 2^23 added leaves n in the low mantissa bits), 2^f for f = t - n in
// [-0.5, 0.5] by the Taylor polynomial of e^(f ln 2) to the power Degree: relative error
// below 4.2e-5 for degree 4, 1.3e-7 for degree 6.
template <int Degree> inline VF exp2Vector(VF t)
{
    constexpr float Magic = 12582912.0f; // 1.5 * 2^23
    t = lower(upper(t, splat(-126.0f)), splat(126.0f));
    const VF shifted = t + Magic;
    const VF f = t - (shifted - Magic);
    constexpr float Ln2 = 0.69314718f;
    float c[Degree + 1] = {1.0f};
    for (int i = 1; i <= Degree; ++i)
        c[i] = c[i - 1] * Ln2 / float(i);
    VF p = splat(c[Degree]);
    for (int i = Degree - 1; i >= 0; --i)
        p = p * f + c[i];
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

// Degree: of exp2Vector's polynomial, 4 where values have 256 levels (its error then moves a
// result by at most 0.03 of a level), 6 where they have 65536.
template <bool PowerTwo, int Degree> void bilateralRowAt(const BilateralRow &row, const BilateralTaps &taps)
{
    const float *const *planes = row.planes;
    const int r = row.radius;
    const VF halfPower = splat(0.5f * row.power);
    // Power 2: the exponent is log2Weight - k * scale * d^2, one multiply per tap.
    const float squaredFactor = PowerTwo ? row.k * row.scale : row.scale;
    for (int x = 0; x < row.width; x += FloatLanes) {
        const float *const *centreLine = planes + 4 * r;
        const VF cr = loadVector<VF>(centreLine[0] + x + r);
        const VF cg = loadVector<VF>(centreLine[1] + x + r);
        const VF cb = loadVector<VF>(centreLine[2] + x + r);
        VF sr{}, sg{}, sb{}, sa{}, total{};
        for (int t = 0; t < taps.count; ++t) {
            const float *const *line = planes + 4 * taps.row[t];
            const int at = x + taps.dx[t];
            const VF pr = loadVector<VF>(line[0] + at);
            const VF pg = loadVector<VF>(line[1] + at);
            const VF pb = loadVector<VF>(line[2] + at);
            const VF pa = loadVector<VF>(line[3] + at);
            const VF dr = pr - cr, dg = pg - cg, db = pb - cb;
            VF q = (dr * dr + dg * dg + db * db) * squaredFactor;
            if constexpr (!PowerTwo) // k * q^(power / 2); 0 (and what would be subnormal) stays 0
                q = q > 1e-30f ? exp2Vector<6>(halfPower * log2Vector(q)) * row.k : VF{};
            const VF w = exp2Vector<Degree>(taps.log2Weight[t] - q);
            sr += w * pr;
            sg += w * pg;
            sb += w * pb;
            sa += w * pa;
            total += w;
        }
        // total >= 1: the centre weighs 2^0 = 1.
        storeVector(row.out[0] + x, sr / total);
        storeVector(row.out[1] + x, sg / total);
        storeVector(row.out[2] + x, sb / total);
        storeVector(row.out[3] + x, sa / total);
    }
}

void bilateralRow(const BilateralRow &row, const BilateralTaps &taps)
{
    const bool powerTwo = row.power == 2.0f;
    if (row.sixteenBit)
        return powerTwo ? bilateralRowAt<true, 6>(row, taps) : bilateralRowAt<false, 6>(row, taps);
    return powerTwo ? bilateralRowAt<true, 4>(row, taps) : bilateralRowAt<false, 4>(row, taps);
}

constexpr NonlinearKernels kernels{median3x8,    median5x8,    median3x16,  median5x16,
                                   median3gray8, median5gray8, bilateralRow};

} // namespace
