// The recursive Gaussian's inner loops (see recursivegaussian.h), included by
// simdkernels.inl so each instruction set gets its own copy.

namespace {

// Two complex one-pole states per lane group: s = x + z * s, in real arithmetic.
struct IirState
{
    V re[2], im[2];

    void start(V x, const IirCoefficients &c)
    {
        for (int k = 0; k < 2; ++k) {
            re[k] = x * c.er[k];
            im[k] = x * c.ei[k];
        }
    }

    void step(V x, const IirCoefficients &c)
    {
        for (int k = 0; k < 2; ++k) {
            const V r = x + c.zr[k] * re[k] - c.zi[k] * im[k];
            im[k] = c.zr[k] * im[k] + c.zi[k] * re[k];
            re[k] = r;
        }
    }

    V output(const float *wr, const float *wi) const
    {
        return wr[0] * re[0] - wi[0] * im[0] + wr[1] * re[1] - wi[1] * im[1];
    }
};

// One vector holds one pixel of RowsPerVector rows: lanes row * 4 + channel.
constexpr int RowsPerVector = PixelsPerVector;

inline V loadRows(const std::uint8_t *const *rows, int column)
{
    std::int32_t w[4] = {};
    for (int r = 0; r < RowsPerVector; ++r)
        std::memcpy(&w[r], rows[r] + 4 * column, 4);
    return widen(_mm_setr_epi32(w[0], w[1], w[2], w[3]));
}

// Bytes n0, n1, n2, ... (each below 16) to n0 | n1 << 4, n2 | n3 << 4, ...: half as many bytes.
inline __m128i packNibbles(__m128i nibbles)
{
    // As 16-bit lanes n_even | n_odd << 8; shifting right by 4 moves n_odd to bits 4..7 and
    // drops n_even, which the mask keeps in bits 0..3.
    const __m128i pairs = _mm_or_si128(_mm_and_si128(nibbles, _mm_set1_epi16(0x00FF)), _mm_srli_epi16(nibbles, 4));
    return _mm_packus_epi16(pairs, pairs);
}

// Lanes / 2 packed bytes back to Lanes values 0..15, as floats.
inline V widenNibbles(const std::uint8_t *p)
{
#if defined(__AVX512F__)
    const __m128i packed = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
#elif defined(__AVX2__)
    std::int32_t word;
    std::memcpy(&word, p, 4);
    const __m128i packed = _mm_cvtsi32_si128(word);
#else
    std::uint16_t word;
    std::memcpy(&word, p, 2);
    const __m128i packed = _mm_cvtsi32_si128(word);
#endif
    const __m128i mask = _mm_set1_epi8(15);
    const __m128i low = _mm_and_si128(packed, mask);
    const __m128i high = _mm_and_si128(_mm_srli_epi16(packed, 4), mask);
    return widen(_mm_unpacklo_epi8(low, high));
}

// RowsPerVector rows at once.
void iirRowGroup(const std::uint8_t *const *rows, const IirLine &line, const IirCoefficients &c, float *scratch,
                 std::uint8_t *const *hi, std::uint8_t *const *lo)
{
    IirState s;
    s.start(loadRows(rows, line.index[0]), c);
    const int end = line.first + line.n;
    for (int i = 0; i < end; ++i) {
        s.step(loadRows(rows, line.index[i]), c);
        if (i >= line.first)
            store(scratch + Lanes * (i - line.first), s.output(c.ar, c.ai));
    }
    IirState u;
    u.start(loadRows(rows, line.index[line.count - 1]), c);
    for (int i = line.count - 1; i >= line.first; --i) {
        if (i < end) {
            // The backward part counts samples after i only, so it is read before x_i enters.
            V v = load(scratch + Lanes * (i - line.first)) + u.output(c.br, c.bi);
            v = v * 16.0f + 0.5f;
            v = v < 0.0f ? V{} : v;
            v = v > 4095.0f ? splat(4095.0f) : v;
            const VI fixed = __builtin_convertvector(v, VI);
            alignas(16) std::uint8_t high[16], low[16];
            _mm_store_si128(reinterpret_cast<__m128i *>(high), narrowInts(fixed >> 4));
            _mm_store_si128(reinterpret_cast<__m128i *>(low), packNibbles(narrowInts(fixed & 15)));
            const int x = i - line.first;
            for (int r = 0; r < RowsPerVector; ++r) {
                std::memcpy(hi[r] + 4 * x, high + 4 * r, 4);
                std::memcpy(lo[r] + 2 * x, low + 2 * r, 2);
            }
        }
        u.step(loadRows(rows, line.index[i]), c);
    }
}

void iirRows(const std::uint8_t *const *rows, const IirLine &line, const IirCoefficients &c, float *scratch,
             std::uint8_t *const *hi, std::uint8_t *const *lo)
{
    for (int g = 0; g < 4; g += RowsPerVector)
        iirRowGroup(rows + g, line, c, scratch, hi + g, lo + g);
}

// A strip of up to 16 pixels (B vectors); a partial strip goes through a copy.
template <int B> struct Strip
{
    V v[B];
};

// `bytes` high bytes from hi and their low nibbles, packed two to a byte, from lo.
template <int B> inline Strip<B> loadFixed(const std::uint8_t *hi, const std::uint8_t *lo, int bytes)
{
    Strip<B> s;
    alignas(16) std::uint8_t h[Lanes * B] = {}, l[Lanes * B / 2] = {};
    const std::uint8_t *hp = hi, *lp = lo;
    if (bytes < Lanes * B) {
        std::memcpy(h, hi, size_t(bytes));
        std::memcpy(l, lo, size_t(bytes / 2));
        hp = h;
        lp = l;
    }
    for (int b = 0; b < B; ++b)
        s.v[b] = (widen(hp + Lanes * b) * 16.0f + widenNibbles(lp + Lanes / 2 * b)) * (1.0f / 16.0f);
    return s;
}

template <int B>
void iirStrip(std::uint8_t *const *hiRows, const std::uint8_t *const *loRows, const std::uint8_t *const *sourceRows,
              int x0, int pixels, const IirLine &line, const IirCoefficients &c, bool keepAlpha, float *scratch)
{
    const int bytes = 4 * pixels, offset = 4 * x0;
    auto input = [&](int i) {
        const int row = line.index[i];
        return loadFixed<B>(hiRows[row] + offset, loRows[row] + offset / 2, bytes);
    };
    IirState s[B];
    Strip<B> x = input(0);
    for (int b = 0; b < B; ++b)
        s[b].start(x.v[b], c);
    const int end = line.first + line.n;
    for (int i = 0; i < end; ++i) {
        x = input(i);
        for (int b = 0; b < B; ++b) {
            s[b].step(x.v[b], c);
            if (i >= line.first)
                store(scratch + Lanes * (B * (i - line.first) + b), s[b].output(c.ar, c.ai));
        }
    }
    IirState u[B];
    x = input(line.count - 1);
    for (int b = 0; b < B; ++b)
        u[b].start(x.v[b], c);
    for (int i = line.count - 1; i >= line.first; --i) {
        // Row i is read (as input) before its result overwrites it, below.
        x = input(i);
        if (i < end) {
            alignas(16) std::uint8_t out[Lanes * B + 16]; // narrow may store a whole 16 bytes
            for (int b = 0; b < B; ++b) {
                V v = load(scratch + Lanes * (B * (i - line.first) + b)) + u[b].output(c.br, c.bi);
                v = v < 0.0f ? V{} : v;
                v = v > 255.0f ? splat(255.0f) : v;
                narrow(v + 0.5f, out + Lanes * b);
            }
            const int row = i - line.first;
            if (keepAlpha)
                for (int p = 0; p < pixels; ++p)
                    out[4 * p + 3] = sourceRows[row][offset + 4 * p + 3];
            std::memcpy(hiRows[row] + offset, out, size_t(bytes));
        }
        for (int b = 0; b < B; ++b)
            u[b].step(x.v[b], c);
    }
}

void iirColumns(std::uint8_t *const *hiRows, const std::uint8_t *const *loRows, const std::uint8_t *const *sourceRows,
                int x0, int pixels, const IirLine &line, const IirCoefficients &c, bool keepAlpha, float *scratch)
{
    iirStrip<16 / PixelsPerVector>(hiRows, loRows, sourceRows, x0, pixels, line, c, keepAlpha, scratch);
}

} // namespace
