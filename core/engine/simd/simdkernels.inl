// The bodies of SimdKernels, written once with GCC vector extensions and compiled by each
// simdkernels_<level>.cpp with that level's flags. A vector is one register of that level:
// 16 floats (4 RGBA pixels) with AVX-512, 8 with AVX2, 4 with SSE2. (A wider generic vector
// than the level's registers would live on the stack.) Included inside
// namespace ks::detail::<level> only.
//
// Everything here has internal linkage: each translation unit keeps its own copy, compiled
// for its own instruction set (no inline function shared between differently compiled units).

namespace {

#if defined(KS_PORTABLE_SIMD)
#define KS_VECTOR_BYTES 16 // GCC vector extensions only: NEON, SSE2 or scalar, as the target has
#elif defined(__AVX512F__)
#define KS_VECTOR_BYTES 64
#elif defined(__AVX2__)
#define KS_VECTOR_BYTES 32
#else
#define KS_VECTOR_BYTES 16
#endif

using V = float __attribute__((vector_size(KS_VECTOR_BYTES)));
using VI = std::int32_t __attribute__((vector_size(KS_VECTOR_BYTES)));
constexpr int Lanes = KS_VECTOR_BYTES / 4;
constexpr int PixelsPerVector = Lanes / 4;

// Lane masks: which lanes are alpha, and the alpha lane of each lane's pixel.
inline VI alphaLane()
{
    VI m{};
    for (int i = 0; i < Lanes; ++i)
        m[i] = i % 4 == 3 ? -1 : 0;
    return m;
}

// Calls f(std::integral_constant<int, R>{}) for R = outputs (1..MaxOutputRows): the passes
// take their group size as a template argument, so their loops over rows unroll.
template <typename F> inline void withRowCount(int outputs, F f)
{
    static_assert(SimdKernels::MaxOutputRows == 4);
    switch (outputs) {
    case 4:
        return f(std::integral_constant<int, 4>{});
    case 3:
        return f(std::integral_constant<int, 3>{});
    case 2:
        return f(std::integral_constant<int, 2>{});
    default:
        return f(std::integral_constant<int, 1>{});
    }
}

// Calls f(std::integral_constant<int, N>{}) with N = n for the small odd kernels most blurs
// use, N = 0 (count known at run time) for the rest: with N known the loops over taps unroll
// completely and the tap splats stay in registers.
template <typename F> inline void withTapCount(int n, F f)
{
    switch (n) {
    case 3:
        return f(std::integral_constant<int, 3>{});
    case 5:
        return f(std::integral_constant<int, 5>{});
    case 7:
        return f(std::integral_constant<int, 7>{});
    case 9:
        return f(std::integral_constant<int, 9>{});
    case 11:
        return f(std::integral_constant<int, 11>{});
    case 13:
        return f(std::integral_constant<int, 13>{});
    case 15:
        return f(std::integral_constant<int, 15>{});
    default:
        return f(std::integral_constant<int, 0>{});
    }
}

inline V load(const float *p)
{
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store(float *p, V v)
{
    std::memcpy(p, &v, sizeof v);
}

inline V splat(float f)
{
    return V{} + f;
}

// The 16-byte register the byte-level helpers pass around: x86's __m128i, or on the portable
// path a plain vector of 16 bytes (the helpers below then work lane by lane, which the
// compiler turns into the target's own vector code).
#if defined(KS_PORTABLE_SIMD)
using Reg128 = std::uint8_t __attribute__((vector_size(16)));
#else
using Reg128 = __m128i;
#endif

// PixelsPerVector RGBA8 pixels (the low bytes of `bytes`) to floats and back (values in
// [0, 255.5), truncated). GCC 12 turns __builtin_convertvector between bytes and floats into
// scalar code, so these use each level's own widening and narrowing instructions.
inline V widen(Reg128 bytes)
{
    V v;
#if defined(KS_PORTABLE_SIMD)
    for (int i = 0; i < Lanes; ++i)
        v[i] = float(bytes[i]);
    return v;
#elif defined(__AVX512F__)
    const __m512 f = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(bytes));
#elif defined(__AVX2__)
    const __m256 f = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes));
#else
    const __m128i zero = _mm_setzero_si128();
    const __m128 f = _mm_cvtepi32_ps(_mm_unpacklo_epi16(_mm_unpacklo_epi8(bytes, zero), zero));
#endif
#if !defined(KS_PORTABLE_SIMD)
    std::memcpy(&v, &f, sizeof v);
    return v;
#endif
}

// Lanes bytes (PixelsPerVector pixels) from p into the low bytes of a register.
inline Reg128 loadLanes(const std::uint8_t *p)
{
#if defined(KS_PORTABLE_SIMD)
    Reg128 r{};
    std::memcpy(&r, p, Lanes);
    return r;
#elif defined(__AVX512F__)
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
#elif defined(__AVX2__)
    return _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
#else
    std::int32_t word;
    std::memcpy(&word, p, 4);
    return _mm_cvtsi32_si128(word);
#endif
}

inline V widen(const std::uint8_t *p)
{
    return widen(loadLanes(p));
}

// Lanes ints in [0, 255] to the low Lanes bytes.
inline Reg128 narrowInts(VI v)
{
#if defined(KS_PORTABLE_SIMD)
    Reg128 r{};
    for (int i = 0; i < Lanes; ++i) // saturating, as the x86 packs do
        r[i] = std::uint8_t(std::clamp<std::int32_t>(v[i], 0, 255));
    return r;
#elif defined(__AVX512F__)
    __m512i i;
    std::memcpy(&i, &v, sizeof i);
    return _mm512_cvtepi32_epi8(i);
#elif defined(__AVX2__)
    __m256i i;
    std::memcpy(&i, &v, sizeof i);
    const __m128i words = _mm_packus_epi32(_mm256_castsi256_si128(i), _mm256_extracti128_si256(i, 1));
    return _mm_packus_epi16(words, words);
#else
    __m128i i;
    std::memcpy(&i, &v, sizeof i);
    const __m128i words = _mm_packs_epi32(i, i);
    return _mm_packus_epi16(words, words);
#endif
}

inline void storeLanes(Reg128 bytes, std::uint8_t *p)
{
#if defined(KS_PORTABLE_SIMD)
    std::memcpy(p, &bytes, Lanes);
#elif defined(__AVX512F__)
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p), bytes);
#elif defined(__AVX2__)
    _mm_storel_epi64(reinterpret_cast<__m128i *>(p), bytes);
#else
    const std::int32_t word = _mm_cvtsi128_si32(bytes);
    std::memcpy(p, &word, 4);
#endif
}

inline void narrow(V v, std::uint8_t *p)
{
    storeLanes(narrowInts(__builtin_convertvector(v, VI)), p);
}

// v limited to [low, high] in two instructions (?: would compile to a compare and a blend each).
inline V clamp(V v, float low, float high)
{
#if defined(KS_PORTABLE_SIMD)
    v = v < low ? splat(low) : v;
    return v > high ? splat(high) : v;
#elif defined(__AVX512F__)
    __m512 x;
    std::memcpy(&x, &v, sizeof x);
    x = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(low)), _mm512_set1_ps(high));
#elif defined(__AVX2__)
    __m256 x;
    std::memcpy(&x, &v, sizeof x);
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(low)), _mm256_set1_ps(high));
#else
    __m128 x;
    std::memcpy(&x, &v, sizeof x);
    x = _mm_min_ps(_mm_max_ps(x, _mm_set1_ps(low)), _mm_set1_ps(high));
#endif
#if !defined(KS_PORTABLE_SIMD)
    std::memcpy(&v, &x, sizeof v);
    return v;
#endif
}

// Blocks of 4 vectors keep 4 independent sums in flight, enough to hide the add latency.
constexpr int Block = 4 * Lanes;

// One output block of a row pass: B vectors starting at in.
template <int N, int B>
inline void rowBlock(const float *in, const float *taps, int count, bool symmetric, float *out)
{
    const int n = N ? N : count;
    V acc[B];
    int k = 0;
    if (symmetric) {
        // Mirrored taps share one multiply: half the work for every Gaussian and box.
        const int half = n / 2;
        for (int b = 0; b < B; ++b)
            acc[b] = (n & 1) ? splat(taps[half]) * load(in + 4 * half + Lanes * b) : V{};
        for (; k < half; ++k) {
            const V t = splat(taps[k]);
            for (int b = 0; b < B; ++b)
                acc[b] += t * (load(in + 4 * k + Lanes * b) + load(in + 4 * (n - 1 - k) + Lanes * b));
        }
    } else {
        for (int b = 0; b < B; ++b)
            acc[b] = V{};
        for (; k < n; ++k) {
            const V t = splat(taps[k]);
            for (int b = 0; b < B; ++b)
                acc[b] += t * load(in + 4 * k + Lanes * b);
        }
    }
    for (int b = 0; b < B; ++b)
        store(out + Lanes * b, acc[b]);
}

void rowPass(const float *in, const float *taps, int n, bool symmetric, int count, float *out)
{
    int i = 0;
    withTapCount(n, [&](auto size) {
        for (; i + Block <= count; i += Block)
            rowBlock<size(), 4>(in + i, taps, n, symmetric, out + i);
        for (; i + Lanes <= count; i += Lanes)
            rowBlock<size(), 1>(in + i, taps, n, symmetric, out + i);
    });
    for (; i < count; ++i) {
        float acc = 0.0f;
        for (int k = 0; k < n; ++k)
            acc += taps[k] * in[i + 4 * k];
        out[i] = acc;
    }
}

// Where a column pass's sums go: kept as float lines (FloatRows) or encoded straight to 8-bit
// pixels (PixelRows, below), sparing a store and a load of every sum. put() takes a vector of
// sums, tail() the last `values` of a row.
struct FloatRows
{
    float *const *out;
    void put(int r, int offset, V v) const { store(out[r] + offset, v); }
    void tail(int r, int offset, const float *sums, int values) const
    {
        std::copy_n(sums, values, out[r] + offset);
    }
};

// Several output rows at once, their sums side by side. Each row reads its own lines (the
// loads repeat across rows but hit the first-level cache), so the loop has no branch on which
// line feeds which row and the sums stay in registers. Row r's sum is built in the same order
// (k ascending) whatever the group size, so a row's result never depends on it.
template <int N, int R, int B, typename Rows>
inline void columnBlock(const float *const *lines, int offset, const float *taps, int count, const Rows &out)
{
    const int n = N ? N : count;
    V acc[R][B] = {};
    for (int k = 0; k < n; ++k) {
        const V t = splat(taps[k]);
        for (int r = 0; r < R; ++r)
            for (int b = 0; b < B; ++b)
                acc[r][b] += t * load(lines[r + k] + offset + Lanes * b);
    }
    for (int r = 0; r < R; ++r)
        for (int b = 0; b < B; ++b)
            out.put(r, offset + Lanes * b, acc[r][b]);
}

template <int R, typename Rows>
void columnRows(const float *const *lines, const float *taps, int n, int count, const Rows &out)
{
    int i = 0;
    withTapCount(n, [&](auto size) {
        for (; i + 2 * Lanes <= count; i += 2 * Lanes)
            columnBlock<size(), R, 2>(lines, i, taps, n, out);
        for (; i + Lanes <= count; i += Lanes)
            columnBlock<size(), R, 1>(lines, i, taps, n, out);
    });
    if (i == count)
        return;
    for (int r = 0; r < R; ++r) {
        float sums[Lanes];
        for (int j = i; j < count; ++j) {
            float acc = 0.0f;
            for (int k = 0; k < n; ++k)
                acc += taps[k] * lines[r + k][j];
            sums[j - i] = acc;
        }
        out.tail(r, i, sums, count - i);
    }
}

void columnPass(const float *const *lines, const float *taps, int n, int outputs, int count, float *const *out)
{
    withRowCount(outputs, [&](auto rows) { columnRows<rows()>(lines, taps, n, count, FloatRows{out}); });
}

template <int R, int B>
inline void directBlock(const float *const *lines, int offset, const float *weights, int n, int m, float *const *out)
{
    // As columnBlock: each row reads its own lines, so the sums stay in registers.
    V acc[R][B] = {};
    for (int j = 0; j < m; ++j)
        for (int k = 0; k < n; ++k) {
            const float w = weights[j * n + k];
            if (w == 0.0f)
                continue; // sparse kernels (motion, Laplace) skip their empty cells
            const V t = splat(w);
            for (int r = 0; r < R; ++r)
                for (int b = 0; b < B; ++b)
                    acc[r][b] += t * load(lines[r + j] + offset + 4 * k + Lanes * b);
        }
    for (int r = 0; r < R; ++r)
        for (int b = 0; b < B; ++b)
            store(out[r] + offset + Lanes * b, acc[r][b]);
}

template <int R>
void directRows(const float *const *lines, const float *weights, int n, int m, int count, float *const *out)
{
    int i = 0;
    for (; i + 2 * Lanes <= count; i += 2 * Lanes)
        directBlock<R, 2>(lines, i, weights, n, m, out);
    for (; i + Lanes <= count; i += Lanes)
        directBlock<R, 1>(lines, i, weights, n, m, out);
    for (; i < count; ++i)
        for (int r = 0; r < R; ++r) {
            float acc = 0.0f;
            for (int j = 0; j < m; ++j)
                for (int k = 0; k < n; ++k)
                    if (weights[j * n + k] != 0.0f)
                        acc += weights[j * n + k] * lines[r + j][i + 4 * k];
            out[r][i] = acc;
        }
}

void directPass(const float *const *lines, const float *weights, int n, int m, int outputs, int count,
                float *const *out)
{
    withRowCount(outputs, [&](auto rows) { directRows<rows()>(lines, weights, n, m, count, out); });
}

// Each lane takes its pixel's alpha (lane i / 4 * 4 + 3). __builtin_shufflevector with constant
// indices, which GCC (12+) and clang both have; GCC's __builtin_shuffle is GCC-only.
template <std::size_t... I> inline V alphaBroadcast(V v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, v, (int(I) / 4 * 4 + 3)...);
}

inline V alphaBroadcast(V v)
{
    return alphaBroadcast(v, std::make_index_sequence<Lanes>{});
}

// Pixels of 8 or 16 bits per channel: vectors of Lanes channels in and out.
using VU16 = std::uint16_t __attribute__((vector_size(KS_VECTOR_BYTES / 2)));

inline V widen(const std::uint16_t *p)
{
    VU16 w;
    std::memcpy(&w, p, sizeof w);
    return __builtin_convertvector(w, V);
}

// v within [0, 65535.5]: truncated, as narrow() truncates.
inline void narrow(V v, std::uint16_t *p)
{
    const VU16 w = __builtin_convertvector(__builtin_convertvector(v, VI), VU16);
    std::memcpy(p, &w, sizeof w);
}

template <typename Channel> constexpr float MaxOf = sizeof(Channel) == 1 ? 255.0f : 65535.0f;
// max * (1 / max) rounds to exactly 1 for 255 and 65535, so opaque colour passes unchanged,
// and a multiply is far cheaper than a divide.
template <typename Channel> constexpr float InverseMaxOf = 1.0f / MaxOf<Channel>;

// A vector at a time; the scalar tail does the same arithmetic on one pixel.
template <typename Channel> inline V decodeVector(V f, DecodeOptions options)
{
    if (!options.premultiply)
        return f;
    const V scale = alphaBroadcast(f) * InverseMaxOf<Channel>;
    return alphaLane() ? f : f * scale;
}

template <typename Channel> bool decodePixels(const Channel *in, int pixels, DecodeOptions options, float *out)
{
    constexpr float max = MaxOf<Channel>;
    int p = 0;
    VI transparent{};
    for (; p + PixelsPerVector <= pixels; p += PixelsPerVector) {
        const V f = widen(in + 4 * p);
        transparent |= (f != max) & alphaLane();
        store(out + 4 * p, decodeVector<Channel>(f, options));
    }
    bool opaque = true;
    for (int i = 0; i < Lanes; ++i)
        opaque = opaque && transparent[i] == 0;
    for (; p < pixels; ++p) {
        const float a = in[4 * p + 3];
        opaque = opaque && a == max;
        const float scale = options.premultiply ? a * InverseMaxOf<Channel> : 1.0f;
        for (int c = 0; c < 3; ++c)
            out[4 * p + c] = float(in[4 * p + c]) * scale;
        out[4 * p + 3] = a;
    }
    return opaque;
}

bool decode8(const std::uint8_t *in, int pixels, DecodeOptions options, float *out)
{
    return decodePixels(in, pixels, options, out);
}

bool decode16(const std::uint16_t *in, int pixels, DecodeOptions options, float *out)
{
    return decodePixels(in, pixels, options, out);
}

// original: the pixels whose alpha is kept (read only when filterAlpha is false).
template <typename Channel> inline V encodeVector(V sums, const Channel *original, const EncodeOptions &o)
{
    constexpr float maxValue = MaxOf<Channel>;
    const V zero = V{}, max = splat(maxValue);
    const V scaled = sums * o.factor;
    V alpha = alphaBroadcast(scaled);
    alpha = clamp(alpha, 0.0f, maxValue);
    if (!o.filterAlpha)
        alpha = alphaBroadcast(widen(original));
    V colour = scaled;
    if (o.premultiplied) {
        // max / alpha is exactly 1 for opaque results: opaque colour is not disturbed.
        const V ratio = max / alpha;
        colour = alpha > zero ? colour * ratio : zero;
    }
    colour += o.bias;
    V v = alphaLane() ? alpha : colour;
    v = clamp(v, 0.0f, maxValue);
    return v + 0.5f; // truncated below: round half up, as lround does for v >= 0
}

inline V loadSums(const float *p)
{
    return load(p);
}

inline V loadSums(const std::uint16_t *p)
{
    return widen(p);
}

// Sums are floats, or 16-bit fixed-point sums (encodeFixed8) that the factor scales.
template <typename Channel, typename Sum>
void encodePixels(const Sum *sums, int pixels, EncodeOptions options, const Channel *original, Channel *px)
{
    constexpr float max = MaxOf<Channel>;
    int p = 0;
    for (; p + PixelsPerVector <= pixels; p += PixelsPerVector) {
        const V v = encodeVector(loadSums(sums + 4 * p), original + 4 * p, options);
        narrow(v, px + 4 * p);
    }
    for (; p < pixels; ++p) {
        const Sum *s = sums + 4 * p;
        Channel *out = px + 4 * p;
        const float alpha =
            options.filterAlpha ? std::clamp(s[3] * options.factor, 0.0f, max) : float(original[4 * p + 3]);
        for (int c = 0; c < 3; ++c) {
            float v = s[c] * options.factor;
            if (options.premultiplied)
                v = alpha > 0.0f ? v * (max / alpha) : 0.0f;
            v += options.bias;
            out[c] = Channel(std::clamp(v, 0.0f, max) + 0.5f);
        }
        out[3] = Channel(alpha + 0.5f);
    }
}

void encode8(const float *sums, int pixels, EncodeOptions options, const std::uint8_t *original, std::uint8_t *px)
{
    encodePixels(sums, pixels, options, original, px);
}

void encode16(const float *sums, int pixels, EncodeOptions options, const std::uint16_t *original, std::uint16_t *px)
{
    encodePixels(sums, pixels, options, original, px);
}

// The alphas of the pixels of a and b in lanes [0, Lanes / 2).
template <std::size_t... I> inline V alphasOfTwo(V a, V b, std::index_sequence<I...>)
{
    return __builtin_shufflevector(a, b, (I < Lanes / 2 ? int(I) * 4 + 3 : 0)...);
}

// The low halves of u and w, side by side.
template <std::size_t... I> inline V lowHalves(V u, V w, std::index_sequence<I...>)
{
    return __builtin_shufflevector(u, w, (I < Lanes / 2 ? int(I) : Lanes + int(I) - Lanes / 2)...);
}

// Each lane of vector j (of four) takes its pixel's value from v, which holds one per pixel.
template <int J, std::size_t... I> inline V pixelValues(V v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, v, (J * PixelsPerVector + int(I) / 4)...);
}

// encodeVector's arithmetic on four vectors at once, with one divide for all their pixels (a
// divide per lane costs more than the rest of the encoding; IEEE division gives each lane the
// same quotient either way).
template <int J> inline void encodePremultipliedOf4(const V *scaled, V ratios, std::uint8_t *out)
{
    const V zero = V{};
    const V alpha = clamp(alphaBroadcast(scaled[J]), 0.0f, 255.0f);
    const V ratio = pixelValues<J>(ratios, std::make_index_sequence<Lanes>{});
    const V colour = alpha > zero ? scaled[J] * ratio : zero;
    V v = alphaLane() ? alpha : colour;
    v = clamp(v, 0.0f, 255.0f);
    narrow(v + 0.5f, out + J * Lanes);
}

void encodeFixed8(const std::uint16_t *sums, int pixels, EncodeOptions options, const std::uint8_t *original,
                  std::uint8_t *px)
{
    int p = 0;
    if (options.premultiplied && options.filterAlpha && options.bias == 0.0f) {
        constexpr auto lanes = std::make_index_sequence<Lanes>{};
        for (; p + 4 * PixelsPerVector <= pixels; p += 4 * PixelsPerVector) {
            V scaled[4];
            for (int j = 0; j < 4; ++j)
                scaled[j] = widen(sums + 4 * p + j * Lanes) * options.factor;
            const V alphas = clamp(lowHalves(alphasOfTwo(scaled[0], scaled[1], lanes),
                                             alphasOfTwo(scaled[2], scaled[3], lanes), lanes),
                                   0.0f, 255.0f);
            const V ratios = splat(255.0f) / alphas;
            encodePremultipliedOf4<0>(scaled, ratios, px + 4 * p);
            encodePremultipliedOf4<1>(scaled, ratios, px + 4 * p);
            encodePremultipliedOf4<2>(scaled, ratios, px + 4 * p);
            encodePremultipliedOf4<3>(scaled, ratios, px + 4 * p);
        }
    }
    encodePixels(sums + 4 * p, pixels - p, options, original + 4 * p, px + 4 * p);
}

template <typename Channel> struct PixelRows
{
    // Copies: the byte stores below may alias anything they point to, so pointers would be
    // read again for every vector.
    EncodeOptions options[SimdKernels::MaxOutputRows];
    const Channel *original[SimdKernels::MaxOutputRows];
    Channel *out[SimdKernels::MaxOutputRows];

    PixelRows(int rows, const EncodeOptions *o, const Channel *const *originalRows, Channel *const *outRows)
    {
        std::copy_n(o, rows, options);
        std::copy_n(originalRows, rows, original);
        std::copy_n(outRows, rows, out);
    }

    void put(int r, int offset, V v) const
    {
        narrow(encodeVector(v, original[r] + offset, options[r]), out[r] + offset);
    }
    void tail(int r, int offset, const float *sums, int values) const
    {
        encodePixels(sums, values / 4, options[r], original[r] + offset, out[r] + offset);
    }
};

template <typename Channel>
void columnPassPixels(const float *const *lines, const float *taps, int n, int outputs, int count,
                      const EncodeOptions *options, const Channel *const *original, Channel *const *out)
{
    withRowCount(outputs, [&](auto rows) {
        columnRows<rows()>(lines, taps, n, count, PixelRows<Channel>(rows(), options, original, out));
    });
}

void columnPass8(const float *const *lines, const float *taps, int n, int outputs, int count,
                 const EncodeOptions *options, const std::uint8_t *const *original, std::uint8_t *const *out)
{
    columnPassPixels(lines, taps, n, outputs, count, options, original, out);
}

void columnPass16(const float *const *lines, const float *taps, int n, int outputs, int count,
                  const EncodeOptions *options, const std::uint16_t *const *original, std::uint16_t *const *out)
{
    columnPassPixels(lines, taps, n, outputs, count, options, original, out);
}

} // namespace

#include "box16.inl"
#include "fixedpoint.inl"
#include "recursivegaussian.inl"

const SimdKernels kernels = {rowPass,         columnPass,      columnPass8,  columnPass16,    directPass,
                             decode8,         encode8,         decode16,     encode16,        fixedDecode,
                             fixedWiden,      fixedRowPass,    fixedColumnPass, fixedDirectPass, fixedBoxRow,  fixedAddLine,
                             fixedBoxColumns, box16Columns,    box16Row,     iirColumns,      iirRows,
                             fixedDecodePremultiplied, fixedColumnSums, encodeFixed8, iirInterleaveGray,
                             iirDeinterleaveGray};
