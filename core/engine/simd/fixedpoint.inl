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
#if defined(KS_PORTABLE_SIMD)
    VU v;
    for (int i = 0; i < WordLanes; ++i)
        v[i] = std::uint16_t((std::uint32_t(a[i]) * b[i]) >> 16);
    return v;
#else
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
#endif
}

// (a + b + 1) >> 1 per lane, without overflow.
inline VU average(VU a, VU b)
{
#if defined(KS_PORTABLE_SIMD)
    VU v;
    for (int i = 0; i < WordLanes; ++i)
        v[i] = std::uint16_t((std::uint32_t(a[i]) + b[i] + 1) >> 1);
    return v;
#else
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
#endif
}

// Tap multipliers splatted into vectors once per call; longer kernels splat their further
// taps on use. Folded taps (mirrored fractions, see FoldedTaps) double the first half.
// N > 0: the tap count is known when compiling (see withTapCount), so the loops over taps
// unroll completely and the splats stay in registers; N == 0: it is n, known at run time.
template <int N> class TapSplats
{
public:
    TapSplats(const std::uint16_t *taps, int n, bool folded) : taps(taps), n(n), folded(folded)
    {
        for (int k = 0; k < std::min(size(), MaxSplats); ++k)
            splats[k] = VU{} + multiplier(k);
    }

    int size() const { return N ? N : n; }
    std::uint16_t multiplier(int k) const
    {
        return std::uint16_t(folded && k < size() / 2 ? 2 * taps[k] : taps[k]);
    }
    VU splat(int k) const { return k < MaxSplats ? splats[k] : VU{} + multiplier(k); }

    const std::uint16_t *const taps;

private:
    static constexpr int MaxSplats = N ? N : 64;
    const int n;
    const bool folded;
    VU splats[MaxSplats];
};

// x * t per lane: integer taps (exact) or fractions in 1/65536 units ((x * t) >> 16).
template <bool Fraction> inline VU weigh(VU x, VU t)
{
    if constexpr (Fraction)
        return mulHigh(x, t);
    else
        return x * t;
}

template <bool Fraction> inline unsigned weigh(unsigned x, unsigned t)
{
    return Fraction ? (x * t) >> 16 : x * t;
}

// Mirrored fractional taps folded into pairs (SimdKernels::fixedRowPass): pair k < n/2 is
// applied as mulHigh(average(x_k, x_{n-1-k}), 2 t_k), one multiply and one truncation
// instead of two.
template <int N> struct FoldedTaps : TapSplats<N>
{
    using TapSplats<N>::size;
    using TapSplats<N>::splat;
    using TapSplats<N>::multiplier;
    using TapSplats<N>::taps;
    FoldedTaps(const std::uint16_t *t, int count) : TapSplats<N>(t, count, true) {}

    // R outputs at once, output r over vectors x(r, 0..n-1): R independent sums in flight.
    template <int R, typename Read> void sums(Read x, VU *acc) const
    {
        const int n = size();
        for (int r = 0; r < R; ++r)
            acc[r] = VU{};
#pragma GCC unroll 16
        for (int k = 0; k < n / 2; ++k) {
            const VU t = splat(k);
            for (int r = 0; r < R; ++r)
                acc[r] += mulHigh(average(x(r, k), x(r, n - 1 - k)), t);
        }
        if (n % 2)
            for (int r = 0; r < R; ++r)
                acc[r] += mulHigh(x(r, n / 2), splat(n / 2));
    }
    // One output over values x(0..n-1).
    template <typename Read> std::uint16_t scalarSum(Read x) const
    {
        const int n = size();
        unsigned acc = 0;
        for (int k = 0; k < n / 2; ++k)
            acc += ((unsigned(x(k)) + x(n - 1 - k) + 1) / 2 * multiplier(k)) >> 16;
        if (n % 2)
            acc += (unsigned(x(n / 2)) * taps[n / 2]) >> 16;
        return std::uint16_t(acc);
    }
};

// Plain taps: one multiply per tap.
template <bool Fraction, int N> struct PlainTaps : TapSplats<N>
{
    using TapSplats<N>::size;
    using TapSplats<N>::splat;
    using TapSplats<N>::taps;
    PlainTaps(const std::uint16_t *t, int count) : TapSplats<N>(t, count, false) {}

    template <int R, typename Read> void sums(Read x, VU *acc) const
    {
        const int n = size();
        for (int r = 0; r < R; ++r)
            acc[r] = VU{};
#pragma GCC unroll 16
        for (int k = 0; k < n; ++k) {
            const VU t = splat(k);
            for (int r = 0; r < R; ++r)
                acc[r] += weigh<Fraction>(x(r, k), t);
        }
    }
    template <typename Read> std::uint16_t scalarSum(Read x) const
    {
        const int n = size();
        unsigned acc = 0;
        for (int k = 0; k < n; ++k)
            acc += weigh<Fraction>(unsigned(x(k)), unsigned(taps[k]));
        return std::uint16_t(acc);
    }
};

// WordLanes bytes to words, ANDing the bytes into `all` (whose alpha lanes then tell opacity).
inline VU widenWords(const std::uint8_t *p, Reg128 &all)
{
    VU v;
#if defined(KS_PORTABLE_SIMD)
    Reg128 bytes;
    std::memcpy(&bytes, p, 8);
    std::memcpy(reinterpret_cast<std::uint8_t *>(&bytes) + 8, p, 8); // both halves the same 8 bytes
    all &= bytes;
    for (int i = 0; i < WordLanes; ++i)
        v[i] = bytes[i];
    return v;
#elif defined(__AVX512BW__)
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
#if !defined(KS_PORTABLE_SIMD)
    std::memcpy(&v, &w, sizeof v);
    return v;
#endif
}

// shift is 0 or 8.
bool fixedDecode(const std::uint8_t *in, int pixels, int shift, std::uint16_t *out)
{
    const int count = 4 * pixels;
#if defined(KS_PORTABLE_SIMD)
    Reg128 all = ~Reg128{};
#else
    __m128i all = _mm_set1_epi8(-1);
#endif
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        const VU v = widenWords(in + i, all);
        storeWords(out + i, shift ? VU(v << 8) : v);
    }
    alignas(16) std::uint8_t lanes[16];
#if defined(KS_PORTABLE_SIMD)
    std::memcpy(lanes, &all, 16);
#else
    _mm_store_si128(reinterpret_cast<__m128i *>(lanes), all);
#endif
    std::uint8_t alpha = lanes[3] & lanes[7] & lanes[11] & lanes[15];
    for (; i < count; ++i) {
        out[i] = std::uint16_t(in[i] << shift);
        if (i % 4 == 3)
            alpha &= in[i];
    }
    return alpha == 255;
}

// Each lane takes its pixel's alpha (lane i / 4 * 4 + 3).
template <std::size_t... I> inline VU alphaWords(VU v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, v, (int(I) / 4 * 4 + 3)...);
}

// Lanes 3, 7, ...: the alpha of each pixel.
template <std::size_t... I> inline VU alphaWordMask(std::index_sequence<I...>)
{
    return VU{std::uint16_t(I % 4 == 3 ? 0xffff : 0)...};
}

// Colour premultiplied in 1/256 units: c * a * 256 / 255 = x + x / 255 for x = c * a (exact in
// 16 bits), x / 255 taken as (x * 257) >> 16, which truncates less than one unit; alpha << 8.
bool fixedDecodePremultiplied(const std::uint8_t *in, int pixels, std::uint16_t *out)
{
    const int count = 4 * pixels;
    const VU alphaLanes = alphaWordMask(std::make_index_sequence<WordLanes>{});
    const VU k257 = VU{} + std::uint16_t(257);
#if defined(KS_PORTABLE_SIMD)
    Reg128 all = ~Reg128{};
#else
    __m128i all = _mm_set1_epi8(-1);
#endif
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        const VU v = widenWords(in + i, all);
        // Colour lanes times their alpha, alpha lanes times 256.
        const VU multiplier = (alphaWords(v, std::make_index_sequence<WordLanes>{}) & ~alphaLanes) |
                              (alphaLanes & std::uint16_t(256));
        const VU x = v * multiplier;
        storeWords(out + i, x + (mulHigh(x, k257) & ~alphaLanes));
    }
    alignas(16) std::uint8_t lanes[16];
#if defined(KS_PORTABLE_SIMD)
    std::memcpy(lanes, &all, 16);
#else
    _mm_store_si128(reinterpret_cast<__m128i *>(lanes), all);
#endif
    std::uint8_t alpha = lanes[3] & lanes[7] & lanes[11] & lanes[15];
    for (; i < count; i += 4) {
        const unsigned a = in[i + 3];
        for (int c = 0; c < 3; ++c) {
            const unsigned x = in[i + c] * a;
            out[i + c] = std::uint16_t(x + ((x * 257) >> 16));
        }
        out[i + 3] = std::uint16_t(a << 8);
        alpha &= std::uint8_t(a);
    }
    return alpha == 255;
}

// Gray values: in << shift, nothing to tell about alpha.
void fixedWiden(const std::uint8_t *in, int count, int shift, std::uint16_t *out)
{
#if defined(KS_PORTABLE_SIMD)
    Reg128 all = ~Reg128{};
#else
    __m128i all = _mm_set1_epi8(-1);
#endif
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        const VU v = widenWords(in + i, all);
        storeWords(out + i, shift ? VU(v << 8) : v);
    }
    for (; i < count; ++i)
        out[i] = std::uint16_t(in[i] << shift);
}

// Calls f(std::integral_constant<int, C>{}) for the pixel stride C (4: RGBA, 1: gray), which
// the loops below take as a constant so their offsets stay immediate.
template <typename F> inline void withStride(int channels, F f)
{
    if (channels == 1)
        return f(std::integral_constant<int, 1>{});
    return f(std::integral_constant<int, 4>{});
}

template <int C, typename Taps>
void rowPassWith(const Taps &t, const std::uint16_t *in, int count, std::uint16_t *out)
{
    int i = 0;
    // Two vectors at a time: two independent sums in flight.
    for (; i + 2 * WordLanes <= count; i += 2 * WordLanes) {
        VU acc[2];
        t.template sums<2>([&](int b, int k) { return loadWords(in + i + WordLanes * b + C * k); }, acc);
        storeWords(out + i, acc[0]);
        storeWords(out + i + WordLanes, acc[1]);
    }
    for (; i < count; ++i)
        out[i] = t.scalarSum([&](int k) { return in[i + C * k]; });
}

void fixedRowPass(const std::uint16_t *in, const std::uint16_t *taps, int n, bool fraction, bool folded,
                  int channels, int count, std::uint16_t *out)
{
    withStride(channels, [&](auto c) {
        withTapCount(n, [&](auto size) {
            if (folded)
                rowPassWith<c()>(FoldedTaps<size()>(taps, n), in, count, out);
            else if (fraction)
                rowPassWith<c()>(PlainTaps<true, size()>(taps, n), in, count, out);
            else
                rowPassWith<c()>(PlainTaps<false, size()>(taps, n), in, count, out);
        });
    });
}

// Words to bytes, values above 255 (at most 32767) stored as 255. `stream` writes past the
// caches (p aligned to WordLanes bytes; no effect on the baseline level).
inline void narrowWords(VU v, std::uint8_t *p, bool stream)
{
#if defined(KS_PORTABLE_SIMD)
    (void)stream;
    for (int i = 0; i < WordLanes; ++i) // saturating, as packus does on the 15-bit sums
        p[i] = std::uint8_t(std::min<unsigned>(v[i], 255));
#elif defined(__AVX512BW__)
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

// Sums to 8-bit values: sum >> shift, rounded half up, at most 255. Streaming stores need
// aligned addresses, so the values before the first aligned one go one at a time (head()),
// and rows that do not share one alignment are not streamed.
class ByteSink
{
public:
    ByteSink(std::uint8_t *const *out, int rows, int shift, bool stream) : out(out), shift(shift), stream(stream)
    {
        for (int r = 1; r < rows && this->stream; ++r)
            this->stream = misalignment(out[r]) == misalignment(out[0]);
    }
    ByteSink(const ByteSink &) = delete;
    ~ByteSink()
    {
#if !defined(KS_PORTABLE_SIMD) // (no streaming stores there)
        if (stream)
            _mm_sfence(); // the rows are complete in memory before anyone reads them
#endif
    }

    int head() const { return stream ? (WordLanes - misalignment(out[0])) % WordLanes : 0; }
    void put(int r, int i, VU v) const
    {
        // Rounds without overflow (a sum near 65535 would wrap when the half is added): the
        // bit below the result's lowest is the half.
        narrowWords((v >> shift) + ((v >> (shift - 1)) & 1), out[r] + i, stream);
    }
    void put(int r, int i, unsigned sum) const
    {
        out[r][i] = std::uint8_t(std::min(255u, (sum + (1u << (shift - 1))) >> shift));
    }

private:
    static int misalignment(const std::uint8_t *p) { return int(reinterpret_cast<std::uintptr_t>(p) % WordLanes); }
    std::uint8_t *const *out;
    const int shift;
    bool stream;
};

// R output rows over values [0, count): vectorSums(i, acc) fills acc[R] for the WordLanes
// values from i, scalarSum(r, i) gives one value; the sink takes them.
template <int R, typename Sink, typename VectorSums, typename ScalarSum>
void sweepRows(int count, const Sink &sink, VectorSums vectorSums, ScalarSum scalarSum)
{
    auto scalar = [&](int i) {
        for (int r = 0; r < R; ++r)
            sink.put(r, i, unsigned(scalarSum(r, i)));
    };
    int i = 0;
    for (const int head = std::min(count, sink.head()); i < head; ++i)
        scalar(i);
    for (; i + WordLanes <= count; i += WordLanes) {
        VU acc[R];
        vectorSums(i, acc);
        for (int r = 0; r < R; ++r)
            sink.put(r, i, acc[r]);
    }
    for (; i < count; ++i)
        scalar(i);
}

// Each output row reads its own n lines; the loads repeat across rows but hit the first-level
// cache, and the loop has no branch on which line feeds which row.
template <int R, typename Taps, typename Sink>
void columnRows(const Taps &t, const std::uint16_t *const *lines, int count, const Sink &sink)
{
    sweepRows<R>(
        count, sink,
        [&](int i, VU *acc) { t.template sums<R>([&](int r, int k) { return loadWords(lines[r + k] + i); }, acc); },
        [&](int r, int i) { return t.scalarSum([&](int k) { return lines[r + k][i]; }); });
}

template <typename Taps, typename Sink>
void columnPassWith(const Taps &t, const std::uint16_t *const *lines, int outputs, int count, const Sink &sink)
{
    withRowCount(outputs, [&](auto rows) { columnRows<rows()>(t, lines, count, sink); });
}

void fixedColumnPass(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction,
                     bool folded, int outputs, int count, int shift, bool stream, std::uint8_t *const *out)
{
    const ByteSink sink(out, outputs, shift, stream);
    withTapCount(n, [&](auto size) {
        if (folded)
            columnPassWith(FoldedTaps<size()>(taps, n), lines, outputs, count, sink);
        else if (fraction)
            columnPassWith(PlainTaps<true, size()>(taps, n), lines, outputs, count, sink);
        else
            columnPassWith(PlainTaps<false, size()>(taps, n), lines, outputs, count, sink);
    });
}

// The column sums as they are, in 1/256 units: for results that still need the divide by alpha.
class WordSink
{
public:
    explicit WordSink(std::uint16_t *const *out) : out(out) {}
    static int head() { return 0; }
    void put(int r, int i, VU v) const { storeWords(out[r] + i, v); }
    void put(int r, int i, unsigned sum) const { out[r][i] = std::uint16_t(sum); }

private:
    std::uint16_t *const *out;
};

void fixedColumnSums(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction, bool folded,
                     int outputs, int count, std::uint16_t *const *out)
{
    const WordSink sink(out);
    withTapCount(n, [&](auto size) {
        if (folded)
            columnPassWith(FoldedTaps<size()>(taps, n), lines, outputs, count, sink);
        else if (fraction)
            columnPassWith(PlainTaps<true, size()>(taps, n), lines, outputs, count, sink);
        else
            columnPassWith(PlainTaps<false, size()>(taps, n), lines, outputs, count, sink);
    });
}

// v moved up by K lanes, zeros coming in: lane i holds v[i - K].
template <int K, std::size_t... I> inline VU shiftUp(VU v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, VU{}, (int(I) >= K ? int(I) - K : WordLanes)...);
}

// The last pixel's C lanes repeated across the vector.
template <int C, std::size_t... I> inline VU lastPixel(VU v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, v, (WordLanes - C + int(I) % C)...);
}

// Running sums over the pixels of one vector, channel by channel (lane i adds every lane
// i - Ck): log2(pixels per vector) shifted adds.
template <int C> inline VU pixelPrefix(VU v)
{
    constexpr auto lanes = std::make_index_sequence<WordLanes>{};
    if constexpr (C < 2)
        v += shiftUp<1>(v, lanes);
    if constexpr (C < 4)
        v += shiftUp<2>(v, lanes);
    v += shiftUp<4>(v, lanes);
    if constexpr (WordLanes > 8)
        v += shiftUp<8>(v, lanes);
    if constexpr (WordLanes > 16)
        v += shiftUp<16>(v, lanes);
    return v;
}

// Sums of `a` neighbouring pixels as differences of running sums along the row: two passes
// whatever a is. The running sums wrap around 2^16, but a difference of two is exact whenever
// the true sum fits 16 bits (the plan makes sure it does). Each sum leaves rescaled.
template <int C>
void boxRow(const std::uint16_t *in, int a, int count, int shift, std::uint16_t scale, std::uint16_t *out,
            std::uint16_t *scratch)
{
    const int length = count + C * (a - 1); // input values the outputs read
    std::uint16_t *prefix = scratch;        // prefix[C + j]: sum of in[j - Ck] for k >= 0
    std::fill_n(prefix, C, std::uint16_t(0));
    VU carry{};
    int j = 0;
    for (; j + WordLanes <= length; j += WordLanes) {
        const VU sums = pixelPrefix<C>(loadWords(in + j)) + carry;
        storeWords(prefix + C + j, sums);
        carry = lastPixel<C>(sums, std::make_index_sequence<WordLanes>{});
    }
    for (; j < length; ++j)
        prefix[C + j] = std::uint16_t(prefix[j] + in[j]);
    const int span = C * a;
    int i = 0;
    const VU m = VU{} + scale;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(out + i, mulHigh(VU(loadWords(prefix + i + span) - loadWords(prefix + i)) << shift, m));
    for (; i < count; ++i)
        out[i] = std::uint16_t((unsigned(std::uint16_t((prefix[i + span] - prefix[i]) << shift)) * scale) >> 16);
}

void fixedBoxRow(const std::uint16_t *in, int a, int channels, int count, int shift, std::uint16_t scale,
                 std::uint16_t *out, std::uint16_t *scratch)
{
    withStride(channels, [&](auto c) { boxRow<c()>(in, a, count, shift, scale, out, scratch); });
}

void fixedAddLine(std::uint16_t *sum, const std::uint16_t *add, int count)
{
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(sum + i, loadWords(sum + i) + loadWords(add + i));
    for (; i < count; ++i)
        sum[i] = std::uint16_t(sum[i] + add[i]);
}

// A direct kernel: row j of the kernel over line r + j, every weight a fraction. Each value is
// loaded once and weighed for every output row that reads it.
template <int R, int C>
void directRows(const std::uint16_t *const *lines, const std::uint16_t *w, int n, int m, int count,
                const ByteSink &sink)
{
    sweepRows<R>(
        count, sink,
        [&](int i, VU *acc) {
            VU sums[R] = {};
            for (int l = 0; l < m + R - 1; ++l) {
                const int firstRow = std::max(0, l - m + 1), lastRow = std::min(R - 1, l);
                for (int k = 0; k < n; ++k) {
                    const VU x = loadWords(lines[l] + i + C * k);
                    for (int r = 0; r < R; ++r)
                        if (r >= firstRow && r <= lastRow)
                            sums[r] += mulHigh(x, VU{} + w[(l - r) * n + k]);
                }
            }
            for (int r = 0; r < R; ++r)
                acc[r] = sums[r];
        },
        [&](int r, int i) {
            std::uint16_t acc = 0;
            for (int j = 0; j < m; ++j)
                for (int k = 0; k < n; ++k)
                    acc = std::uint16_t(acc + weigh<true>(unsigned(lines[r + j][i + C * k]), unsigned(w[j * n + k])));
            return acc;
        });
}

void fixedDirectPass(const std::uint16_t *const *lines, const std::uint16_t *weights, int n, int m, int channels,
                     int outputs, int count, int shift, bool stream, std::uint8_t *const *out)
{
    const ByteSink sink(out, outputs, shift, stream);
    withStride(channels, [&](auto c) {
        withRowCount(outputs, [&](auto rows) { directRows<rows(), c()>(lines, weights, n, m, count, sink); });
    });
}

// A box's columns, `outputs` rows at once: each row's sum is the last one's plus the line that
// enters the box less the one that leaves it (exact modulo 2^16), encoded.
void fixedBoxColumns(std::uint16_t *running, const std::uint16_t *const *entering,
                     const std::uint16_t *const *leaving, int outputs, int count, int shift, bool stream,
                     std::uint8_t *const *out)
{
    const ByteSink sink(out, outputs, shift, stream);
    auto vectorSums = [&](int i, VU *acc) {
        VU sum = loadWords(running + i);
        for (int r = 0; r < outputs; ++r)
            acc[r] = sum += loadWords(entering[r] + i) - loadWords(leaving[r] + i);
        storeWords(running + i, sum);
    };
    // sweepRows asks for the rows of a value in order, so the running sum can move on each time.
    auto scalarSum = [&](int r, int i) {
        return running[i] = std::uint16_t(running[i] + entering[r][i] - leaving[r][i]);
    };
    withRowCount(outputs, [&](auto rows) { sweepRows<rows()>(count, sink, vectorSums, scalarSum); });
}

} // namespace
