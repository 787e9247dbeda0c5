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
// are read up to count + 4 * (Size - 1) values and out written up to count, never further.
template <int Size, typename T> void medianLines(const T *const *lines, int count, T *out)
{
    using V = typename VectorOf<T>::Type;
    constexpr int Lanes = KS_NL_VECTOR_BYTES / int(sizeof(T));
    int i = 0;
    for (; i + Lanes <= count; i += Lanes)
        storeVector(out + i, windowMedian<Size, V>([&](int j, int k) { return loadVector<V>(lines[j] + i + 4 * k); }));
    if (i < count) {
        const int rest = count - i + 4 * (Size - 1);
        T copies[Size][Lanes + 4 * (Size - 1)] = {};
        for (int j = 0; j < Size; ++j)
            std::memcpy(copies[j], lines[j] + i, size_t(rest) * sizeof(T));
        T tail[Lanes];
        storeVector(tail, windowMedian<Size, V>([&](int j, int k) { return loadVector<V>(copies[j] + 4 * k); }));
        std::memcpy(out + i, tail, size_t(count - i) * sizeof(T));
    }
}

void median3x8(const std::uint8_t *const *lines, int count, std::uint8_t *out)
{
    medianLines<3>(lines, count, out);
}
void median5x8(const std::uint8_t *const *lines, int count, std::uint8_t *out)
{
    medianLines<5>(lines, count, out);
}
void median3x16(const std::uint16_t *const *lines, int count, std::uint16_t *out)
{
    medianLines<3>(lines, count, out);
}
void median5x16(const std::uint16_t *const *lines, int count, std::uint16_t *out)
{
    medianLines<5>(lines, count, out);
}

constexpr NonlinearKernels kernels{median3x8, median5x8, median3x16, median5x16};

} // namespace
