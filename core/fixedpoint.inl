// The 16-bit fixed-point inner loops (see SimdKernels::fixedDecode), included by
// simdkernels.inl so each instruction set gets its own copy. Twice the float lanes per
// register, half the bytes through the caches.

namespace {

using VU = std::uint16_t __attribute__((vector_size(KS_VECTOR_BYTES)));
constexpr int WordLanes = KS_VECTOR_BYTES / 2;

inline VU loadWords(const std::uint16_t *p)
{
    VU v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void storeWords(std::uint16_t *p, VU v)
{
    std::memcpy(p, &v, sizeof v);
}

// (a * b) >> 16 per lane: a weight in 1/65536 units applied to a value.
inline VU mulHigh(VU a, VU b)
{
#if defined(__AVX512BW__)
    using Register = __m512i;
#elif defined(__AVX2__)
    using Register = __m256i;
#else
    using Register = __m128i;
#endif
    Register x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
#if defined(__AVX512BW__)
    const Register r = _mm512_mulhi_epu16(x, y);
#elif defined(__AVX2__)
    const Register r = _mm256_mulhi_epu16(x, y);
#else
    const Register r = _mm_mulhi_epu16(x, y);
#endif
    VU v;
    std::memcpy(&v, &r, sizeof v);
    return v;
}

// (a + b + 1) >> 1 per lane, without overflow.
inline VU average(VU a, VU b)
{
#if defined(__AVX512BW__)
    using Register = __m512i;
#elif defined(__AVX2__)
    using Register = __m256i;
#else
    using Register = __m128i;
#endif
    Register x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
#if defined(__AVX512BW__)
    const Register r = _mm512_avg_epu16(x, y);
#elif defined(__AVX2__)
    const Register r = _mm256_avg_epu16(x, y);
#else
    const Register r = _mm_avg_epu16(x, y);
#endif
    VU v;
    std::memcpy(&v, &r, sizeof v);
    return v;
}

// Mirrored fractional taps folded into pairs (SimdKernels::fixedRowPass): pair k < n/2 is
// applied as mulHigh(average(x_k, x_{n-1-k}), 2 t_k), one multiply and one truncation
// instead of two. The multipliers are splatted into vectors once per call.
struct FoldedTaps
{
    static constexpr int MaxSplats = 64; // longer kernels splat their further taps on use
    const std::uint16_t *taps;
    int n;
    VU splats[MaxSplats];

    FoldedTaps(const std::uint16_t *t, int count) : taps(t), n(count)
    {
        for (int k = 0; k < std::min(n, MaxSplats); ++k)
            splats[k] = VU{} + multiplier(k);
    }

    std::uint16_t multiplier(int k) const { return std::uint16_t(k < n / 2 ? 2 * taps[k] : taps[k]); }
    VU splat(int k) const { return k < MaxSplats ? splats[k] : VU{} + multiplier(k); }

    // One output over values x(0..n-1), as vectors or one value at a time.
    template <typename Read> VU sum(Read x) const
    {
        VU acc{};
        for (int k = 0; k < n / 2; ++k)
            acc += mulHigh(average(x(k), x(n - 1 - k)), splat(k));
        if (n % 2)
            acc += mulHigh(x(n / 2), splat(n / 2));
        return acc;
    }
    template <typename Read> std::uint16_t scalarSum(Read x) const
    {
        unsigned acc = 0;
        for (int k = 0; k < n / 2; ++k)
            acc += ((unsigned(x(k)) + x(n - 1 - k) + 1) / 2 * multiplier(k)) >> 16;
        if (n % 2)
            acc += (unsigned(x(n / 2)) * taps[n / 2]) >> 16;
        return std::uint16_t(acc);
    }
};

inline VU mulTap(VU x, std::uint16_t w, bool fraction)
{
    if (w == 1 && !fraction)
        return x; // box rows: a plain sum
    const VU t = VU{} + w;
    return fraction ? mulHigh(x, t) : VU(x * t);
}

// WordLanes bytes to words, ANDing the bytes into `all` (whose alpha lanes then tell opacity).
inline VU widenWords(const std::uint8_t *p, __m128i &all)
{
    VU v;
#if defined(__AVX512BW__)
    const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
    all = _mm_and_si128(all, _mm_and_si128(_mm256_castsi256_si128(bytes), _mm256_extracti128_si256(bytes, 1)));
    const __m512i w = _mm512_cvtepu8_epi16(bytes);
#elif defined(__AVX2__)
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    all = _mm_and_si128(all, bytes);
    const __m256i w = _mm256_cvtepu8_epi16(bytes);
#else
    const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
    all = _mm_and_si128(all, _mm_unpacklo_epi64(bytes, bytes)); // both halves the same 8 bytes
    const __m128i w = _mm_unpacklo_epi8(bytes, _mm_setzero_si128());
#endif
    std::memcpy(&v, &w, sizeof v);
    return v;
}

// shift is 0 or 8.
bool fixedDecode(const std::uint8_t *in, int pixels, int shift, std::uint16_t *out)
{
    const int count = 4 * pixels;
    __m128i all = _mm_set1_epi8(-1);
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        const VU v = widenWords(in + i, all);
        storeWords(out + i, shift ? VU(v << 8) : v);
    }
    alignas(16) std::uint8_t lanes[16];
    _mm_store_si128(reinterpret_cast<__m128i *>(lanes), all);
    std::uint8_t alpha = lanes[3] & lanes[7] & lanes[11] & lanes[15];
    for (; i < count; ++i) {
        out[i] = std::uint16_t(in[i] << shift);
        if (i % 4 == 3)
            alpha &= in[i];
    }
    return alpha == 255;
}

// x times tap k, one value at a time, for the last values of a line.
inline unsigned scalarTap(unsigned x, std::uint16_t w, bool fraction)
{
    return fraction ? (x * w) >> 16 : x * w;
}

void foldedRowPass(const std::uint16_t *in, const std::uint16_t *taps, int n, int count, std::uint16_t *out)
{
    const FoldedTaps t(taps, n);
    int i = 0;
    // Two vectors at a time: two independent sums in flight.
    for (; i + 2 * WordLanes <= count; i += 2 * WordLanes) {
        const VU a = t.sum([&](int k) { return loadWords(in + i + 4 * k); });
        const VU b = t.sum([&](int k) { return loadWords(in + i + WordLanes + 4 * k); });
        storeWords(out + i, a);
        storeWords(out + i + WordLanes, b);
    }
    for (; i < count; ++i)
        out[i] = t.scalarSum([&](int k) { return in[i + 4 * k]; });
}

void fixedRowPass(const std::uint16_t *in, const std::uint16_t *taps, int n, bool fraction, bool folded, int count,
                  std::uint16_t *out)
{
    if (folded)
        return foldedRowPass(in, taps, n, count, out);
    int i = 0;
    for (; i + 2 * WordLanes <= count; i += 2 * WordLanes) {
        VU acc[2] = {};
        for (int k = 0; k < n; ++k)
            for (int b = 0; b < 2; ++b)
                acc[b] += mulTap(loadWords(in + i + 4 * k + WordLanes * b), taps[k], fraction);
        for (int b = 0; b < 2; ++b)
            storeWords(out + i + WordLanes * b, acc[b]);
    }
    for (; i < count; ++i) {
        unsigned acc = 0;
        for (int k = 0; k < n; ++k)
            acc += scalarTap(in[i + 4 * k], taps[k], fraction);
        out[i] = std::uint16_t(acc);
    }
}

// Each line is loaded once and read by every output row of the group that needs it. Folded
// outputs pair different lines, so there the lines wait in a small buffer.
template <int R>
void foldedColumnRows(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, int count,
                      std::uint16_t *const *out)
{
    const FoldedTaps t(taps, n);
    constexpr int MaxLines = 64; // the plan folds columns of up to 61 taps
    VU x[MaxLines];
    int i = 0;
    for (; i + WordLanes <= count && n + R - 1 <= MaxLines; i += WordLanes) {
        for (int l = 0; l < n + R - 1; ++l)
            x[l] = loadWords(lines[l] + i);
        for (int r = 0; r < R; ++r)
            storeWords(out[r] + i, t.sum([&](int k) { return x[r + k]; }));
    }
    for (; i < count; ++i)
        for (int r = 0; r < R; ++r)
            out[r][i] = t.scalarSum([&](int k) { return lines[r + k][i]; });
}

template <int R>
void fixedColumnRows(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction,
                     bool folded, int count, std::uint16_t *const *out)
{
    if (folded)
        return foldedColumnRows<R>(lines, taps, n, count, out);
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        VU acc[R] = {};
        for (int l = 0; l < n + R - 1; ++l) {
            const VU x = loadWords(lines[l] + i);
            for (int r = 0; r < R; ++r) {
                const int k = l - r;
                if (k >= 0 && k < n)
                    acc[r] += mulTap(x, taps[k], fraction);
            }
        }
        for (int r = 0; r < R; ++r)
            storeWords(out[r] + i, acc[r]);
    }
    for (; i < count; ++i)
        for (int r = 0; r < R; ++r) {
            unsigned acc = 0;
            for (int k = 0; k < n; ++k)
                acc += scalarTap(lines[r + k][i], taps[k], fraction);
            out[r][i] = std::uint16_t(acc);
        }
}

void fixedColumnPass(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction,
                     bool folded, int outputs, int count, std::uint16_t *const *out)
{
    switch (outputs) {
    case 4:
        return fixedColumnRows<4>(lines, taps, n, fraction, folded, count, out);
    case 3:
        return fixedColumnRows<3>(lines, taps, n, fraction, folded, count, out);
    case 2:
        return fixedColumnRows<2>(lines, taps, n, fraction, folded, count, out);
    default:
        return fixedColumnRows<1>(lines, taps, n, fraction, folded, count, out);
    }
}

void fixedScaleLine(std::uint16_t *line, int shift, std::uint16_t m, int count)
{
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(line + i, mulHigh(VU(loadWords(line + i) << shift), VU{} + m));
    for (; i < count; ++i)
        line[i] = std::uint16_t((unsigned(std::uint16_t(line[i] << shift)) * m) >> 16);
}

// v moved up by K lanes, zeros coming in: lane i holds v[i - K].
template <int K, std::size_t... I> inline VU shiftUp(VU v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, VU{}, (int(I) >= K ? int(I) - K : WordLanes)...);
}

// The last pixel's four lanes repeated across the vector.
template <std::size_t... I> inline VU lastPixel(VU v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, v, (WordLanes - 4 + int(I) % 4)...);
}

// Running sums over the pixels of one vector, channel by channel (lane i adds every lane
// i - 4k): log2(pixels per vector) shifted adds.
inline VU pixelPrefix(VU v)
{
    constexpr auto lanes = std::make_index_sequence<WordLanes>{};
    v += shiftUp<4>(v, lanes);
    if constexpr (WordLanes > 8)
        v += shiftUp<8>(v, lanes);
    if constexpr (WordLanes > 16)
        v += shiftUp<16>(v, lanes);
    return v;
}

// Sums of `a` neighbouring pixels as differences of running sums along the row: two passes
// whatever a is. The running sums wrap around 2^16, but a difference of two is exact whenever
// the true sum fits 16 bits (the plan makes sure it does).
void fixedBoxRow(const std::uint16_t *in, int a, int count, std::uint16_t *out, std::uint16_t *scratch)
{
    const int length = count + 4 * (a - 1); // input values the outputs read
    std::uint16_t *prefix = scratch;        // prefix[4 + j]: sum of in[j - 4k] for k >= 0
    std::fill_n(prefix, 4, std::uint16_t(0));
    VU carry{};
    int j = 0;
    for (; j + WordLanes <= length; j += WordLanes) {
        const VU sums = pixelPrefix(loadWords(in + j)) + carry;
        storeWords(prefix + 4 + j, sums);
        carry = lastPixel(sums, std::make_index_sequence<WordLanes>{});
    }
    for (; j < length; ++j)
        prefix[4 + j] = std::uint16_t(prefix[j] + in[j]);
    const int span = 4 * a;
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(out + i, loadWords(prefix + i + span) - loadWords(prefix + i));
    for (; i < count; ++i)
        out[i] = std::uint16_t(prefix[i + span] - prefix[i]);
}

void fixedSlide(std::uint16_t *sum, const std::uint16_t *add, const std::uint16_t *sub, int count)
{
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(sum + i, loadWords(sum + i) + loadWords(add + i) - (sub ? loadWords(sub + i) : VU{}));
    for (; i < count; ++i)
        sum[i] = std::uint16_t(sum[i] + add[i] - (sub ? sub[i] : 0));
}

// Words to bytes, values above 255 (at most 32767) stored as 255. `stream` writes past the
// caches (p aligned to WordLanes bytes; no effect on the baseline level).
inline void narrowWords(VU v, std::uint8_t *p, bool stream = false)
{
#if defined(__AVX512BW__)
    __m512i w;
    std::memcpy(&w, &v, sizeof w);
    const __m256i bytes = _mm512_cvtusepi16_epi8(w);
    if (stream)
        _mm256_stream_si256(reinterpret_cast<__m256i *>(p), bytes);
    else
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), bytes);
#elif defined(__AVX2__)
    __m256i w;
    std::memcpy(&w, &v, sizeof w);
    const __m128i bytes = _mm_packus_epi16(_mm256_castsi256_si128(w), _mm256_extracti128_si256(w, 1));
    if (stream)
        _mm_stream_si128(reinterpret_cast<__m128i *>(p), bytes);
    else
        _mm_storeu_si128(reinterpret_cast<__m128i *>(p), bytes);
#else
    (void)stream;
    __m128i w;
    std::memcpy(&w, &v, sizeof w);
    _mm_storel_epi64(reinterpret_cast<__m128i *>(p), _mm_packus_epi16(w, w));
#endif
}

template <int R>
void fixedDirectRows(const std::uint16_t *const *lines, const std::uint16_t *weights, int n, int m, int count,
                     std::uint16_t *const *out)
{
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        VU acc[R] = {};
        for (int l = 0; l < m + R - 1; ++l) {
            const std::uint16_t *line = lines[l] + i;
            for (int k = 0; k < n; ++k) {
                const VU x = loadWords(line + 4 * k);
                for (int r = 0; r < R; ++r) {
                    const int j = l - r;
                    if (j >= 0 && j < m && weights[j * n + k] != 0)
                        acc[r] += mulHigh(x, VU{} + weights[j * n + k]);
                }
            }
        }
        for (int r = 0; r < R; ++r)
            storeWords(out[r] + i, acc[r]);
    }
    for (; i < count; ++i)
        for (int r = 0; r < R; ++r) {
            std::uint16_t acc = 0;
            for (int j = 0; j < m; ++j)
                for (int k = 0; k < n; ++k)
                    acc = std::uint16_t(acc + ((unsigned(lines[r + j][i + 4 * k]) * weights[j * n + k]) >> 16));
            out[r][i] = acc;
        }
}

void fixedDirectPass(const std::uint16_t *const *lines, const std::uint16_t *weights, int n, int m, int outputs,
                     int count, std::uint16_t *const *out)
{
    switch (outputs) {
    case 4:
        return fixedDirectRows<4>(lines, weights, n, m, count, out);
    case 3:
        return fixedDirectRows<3>(lines, weights, n, m, count, out);
    case 2:
        return fixedDirectRows<2>(lines, weights, n, m, count, out);
    default:
        return fixedDirectRows<1>(lines, weights, n, m, count, out);
    }
}

void fixedEncode(const std::uint16_t *sums, int count, int shift, bool stream, std::uint8_t *out)
{
    const std::uint16_t half = std::uint16_t(1u << (shift - 1));
    auto one = [&](int i) { out[i] = std::uint8_t(std::min(255u, (unsigned(sums[i]) + half) >> shift)); };
    int i = 0;
    if (stream) // streaming stores need aligned addresses: the first bytes go one by one
        for (; i < count && reinterpret_cast<std::uintptr_t>(out + i) % WordLanes != 0; ++i)
            one(i);
    for (; i + WordLanes <= count; i += WordLanes) {
        const VU v = loadWords(sums + i);
        // Round half up without overflow (a sum near 65535 would wrap when the half is added):
        // the bit below the result's lowest is the half. 256 and above saturate to 255.
        narrowWords((v >> shift) + ((v >> (shift - 1)) & 1), out + i, stream);
    }
    for (; i < count; ++i)
        one(i);
    if (stream)
        _mm_sfence(); // the row is complete in memory before anyone reads it
}

} // namespace
