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

    void read(const float *p)
    {
        for (int k = 0; k < 2; ++k) {
            re[k] = load(p + Lanes * (2 * k));
            im[k] = load(p + Lanes * (2 * k + 1));
        }
    }

    void write(float *p) const
    {
        for (int k = 0; k < 2; ++k) {
            store(p + Lanes * (2 * k), re[k]);
            store(p + Lanes * (2 * k + 1), im[k]);
        }
    }
};
constexpr int StateFloats = 4 * Lanes;

// Lanes / 2 packed bytes back to Lanes values 0..15, as floats.
inline V widenNibbles(__m128i packed)
{
    const __m128i mask = _mm_set1_epi8(15);
    const __m128i low = _mm_and_si128(packed, mask);
    const __m128i high = _mm_and_si128(_mm_srli_epi16(packed, 4), mask);
    return widen(_mm_unpacklo_epi8(low, high));
}

// Bytes n0, n1, n2, ... (each below 16) to n0 | n1 << 4, n2 | n3 << 4, ...: half as many bytes.
inline __m128i packNibbles(__m128i nibbles)
{
    // As 16-bit lanes n_even | n_odd << 8; shifting right by 4 moves n_odd to bits 4..7 and
    // drops n_even, which the mask keeps in bits 0..3.
    const __m128i pairs = _mm_or_si128(_mm_and_si128(nibbles, _mm_set1_epi16(0x00FF)), _mm_srli_epi16(nibbles, 4));
    return _mm_packus_epi16(pairs, pairs);
}

// 8.4 fixed point: the high bytes (Lanes of them) and the low nibbles packed two to a byte
// (Lanes / 2 bytes), so a 12-bit sample costs one and a half bytes.
inline V loadFixed(const std::uint8_t *hi, const std::uint8_t *lo)
{
    __m128i packed;
#if defined(__AVX512F__)
    packed = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(lo));
#elif defined(__AVX2__)
    std::int32_t word;
    std::memcpy(&word, lo, 4);
    packed = _mm_cvtsi32_si128(word);
#else
    std::uint16_t word;
    std::memcpy(&word, lo, 2);
    packed = _mm_cvtsi32_si128(word);
#endif
    return (widen(hi) * 16.0f + widenNibbles(packed)) * (1.0f / 16.0f);
}

// v rounded to 1/16, clamped to [0, 4095 / 16].
inline void storeFixed(V v, std::uint8_t *hi, std::uint8_t *lo)
{
    v = v * 16.0f + 0.5f;
    v = clamp(v, 0.0f, 4095.0f);
    const VI fixed = __builtin_convertvector(v, VI);
    storeLanes(narrowInts(fixed >> 4), hi);
    const __m128i nibbles = packNibbles(narrowInts(fixed & 15));
#if defined(__AVX512F__)
    _mm_storel_epi64(reinterpret_cast<__m128i *>(lo), nibbles);
#elif defined(__AVX2__)
    const std::int32_t word = _mm_cvtsi128_si32(nibbles);
    std::memcpy(lo, &word, 4);
#else
    const auto word = std::uint16_t(_mm_cvtsi128_si32(nibbles));
    std::memcpy(lo, &word, 2);
#endif
}

// The forward part of the vertical pass is stored with this offset, so the few partial sums
// that dip below zero (the fit's small negative lobes) survive the unsigned fixed point.
constexpr float ForwardBias = 16.0f;

// One row of the band as the vertical pass sees it, from some column on: the source, and the
// 8.4 output (hi null: a padding row, no output). Partial vectors at the right edge go through
// padded copies.
struct ColumnRow
{
    const std::uint8_t *source;
    std::uint8_t *hi, *lo;

    // The same row from vector v (PixelsPerVector pixels each) on.
    ColumnRow from(int v) const
    {
        return {source + Lanes * v, hi ? hi + Lanes * v : nullptr, hi ? lo + Lanes / 2 * v : nullptr};
    }
};

inline void columnForward(IirState &s, const ColumnRow &p, const IirCoefficients &c)
{
    s.step(widen(p.source), c);
    if (p.hi)
        storeFixed(s.output(c.ar, c.ai) + ForwardBias, p.hi, p.lo);
}

inline void columnBackward(IirState &u, const ColumnRow &p, const IirCoefficients &c)
{
    // The backward part counts the samples below this row only, so it is read before x enters.
    if (p.hi)
        storeFixed(loadFixed(p.hi, p.lo) - ForwardBias + u.output(c.br, c.bi), p.hi, p.lo);
    u.step(widen(p.source), c);
}

inline void columnStart(IirState &s, const ColumnRow &p, const IirCoefficients &c)
{
    s.start(widen(p.source), c);
}

// Sweeps up to ColumnRowsAtOnce rows of the band [x0, x0 + pixels) in order, each column's
// state read and written once for all of them: whole vectors in place, the rest of the row
// through padded copies.
constexpr int ColumnRowsAtOnce = 4;

template <typename Op> inline void columnRows(const ColumnRow *rows, int count, int pixels, float *state, Op op)
{
    const int whole = pixels / PixelsPerVector;
    for (int v = 0; v < whole; ++v) {
        IirState s;
        s.read(state + StateFloats * v);
        for (int r = 0; r < count; ++r)
            op(s, rows[r].from(v));
        s.write(state + StateFloats * v);
    }
    const int rest = pixels - whole * PixelsPerVector;
    if (rest == 0)
        return;
    const int at = whole * Lanes, bytes = 4 * rest;
    IirState s;
    s.read(state + StateFloats * whole);
    for (int r = 0; r < count; ++r) {
        const ColumnRow &row = rows[r];
        alignas(16) std::uint8_t source[Lanes] = {}, hi[Lanes] = {}, lo[Lanes] = {};
        std::memcpy(source, row.source + at, size_t(bytes));
        if (row.hi) {
            std::memcpy(hi, row.hi + at, size_t(bytes));
            std::memcpy(lo, row.lo + at / 2, size_t(bytes / 2));
        }
        op(s, ColumnRow{source, row.hi ? hi : nullptr, row.hi ? lo : nullptr});
        if (row.hi) {
            std::memcpy(row.hi + at, hi, size_t(bytes));
            std::memcpy(row.lo + at / 2, lo, size_t(bytes / 2));
        }
    }
    s.write(state + StateFloats * whole);
}

// The vertical pass sweeps whole rows of the band top to bottom and back, keeping every
// column's state in `state`: the image is read and written in address order, which the
// caches prefetch, instead of walking down columns a row stride apart.
void iirColumns(const std::uint8_t *const *sourceRows, const IirLine &line, const IirCoefficients &coefficients,
                int x0, int pixels, float *state, std::uint8_t *const *hiRows, std::uint8_t *const *loRows)
{
    const IirCoefficients c = coefficients; // a local copy: the stores below cannot alias it
    const int end = line.first + line.n;
    auto row = [&](int i, bool output) {
        const bool inside = output && i >= line.first && i < end;
        return ColumnRow{sourceRows[line.index[i]] + 4 * x0, inside ? hiRows[i - line.first] + 4 * x0 : nullptr,
                         inside ? loRows[i - line.first] + 2 * x0 : nullptr};
    };
    auto forward = [&](IirState &s, const ColumnRow &p) { columnForward(s, p, c); };
    auto backward = [&](IirState &s, const ColumnRow &p) { columnBackward(s, p, c); };
    auto start = [&](IirState &s, const ColumnRow &p) { columnStart(s, p, c); };

    // Each sweep starts from its first sample's steady state, then takes rows a few at a time.
    auto sweep = [&](int from, int to, int step, auto op) {
        const ColumnRow first = row(from, false);
        columnRows(&first, 1, pixels, state, start);
        for (int i = from; i != to;) {
            ColumnRow rows[ColumnRowsAtOnce];
            int count = 0;
            for (; count < ColumnRowsAtOnce && i != to; ++count, i += step)
                rows[count] = row(i, true);
            columnRows(rows, count, pixels, state, op);
        }
    };
    sweep(0, end, 1, forward);
    sweep(line.count - 1, line.first - 1, -1, backward);
}

// One vector holds one pixel of RowsPerVector rows: lanes row * 4 + channel.
constexpr int RowsPerVector = PixelsPerVector;

inline V loadRows(const std::uint8_t *const *hi, const std::uint8_t *const *lo, int column)
{
    std::int32_t h[4] = {};
    std::int16_t l[4] = {};
    for (int r = 0; r < RowsPerVector; ++r) {
        std::memcpy(&h[r], hi[r] + 4 * column, 4);
        std::memcpy(&l[r], lo[r] + 2 * column, 2);
    }
    const V high = widen(_mm_setr_epi32(h[0], h[1], h[2], h[3]));
    return (high * 16.0f + widenNibbles(_mm_setr_epi16(l[0], l[1], l[2], l[3], 0, 0, 0, 0))) * (1.0f / 16.0f);
}

// Two groups of RowsPerVector rows side by side: the recursion is a chain of dependent
// multiply-adds along the row, and two independent chains keep the units busy while each waits.
constexpr int GroupsAtOnce = 2;

void iirRowGroups(const std::uint8_t *const *hiRows, const std::uint8_t *const *loRows, const IirLine &line,
                  const IirCoefficients &coefficients, float *scratch, std::uint8_t *const *outRows)
{
    constexpr int G = GroupsAtOnce, Rows = G * RowsPerVector;
    // Local copies: the byte stores below may alias anything behind a pointer, which would
    // have every row pointer, index and coefficient read again at every column.
    const IirCoefficients c = coefficients;
    const std::uint8_t *hi[Rows], *lo[Rows];
    std::uint8_t *out[Rows];
    std::copy_n(hiRows, Rows, hi);
    std::copy_n(loRows, Rows, lo);
    std::copy_n(outRows, Rows, out);
    const int first = line.first, end = line.first + line.n;
    // Padded sample i reads column index[i]; inside the line that is i - first.
    auto column = [&](int i) { return i >= first && i < end ? i - first : line.index[i]; };
    auto sample = [&](int g, int x) { return loadRows(hi + g * RowsPerVector, lo + g * RowsPerVector, x); };
    auto forward = [&](int g, int i) { return scratch + Lanes * (G * (i - first) + g); };
    IirState s[G];
    for (int g = 0; g < G; ++g)
        s[g].start(sample(g, column(0)), c);
    for (int i = 0; i < end; ++i) {
        const int x = column(i);
        for (int g = 0; g < G; ++g) {
            s[g].step(sample(g, x), c);
            if (i >= first)
                store(forward(g, i), s[g].output(c.ar, c.ai));
        }
    }
    IirState u[G];
    for (int g = 0; g < G; ++g)
        u[g].start(sample(g, column(line.count - 1)), c);
    for (int i = line.count - 1; i >= first; --i) {
        // Every group reads this column before any writes it (out may be hi, and a row may repeat).
        const int x = column(i);
        V v[G];
        for (int g = 0; g < G; ++g)
            v[g] = sample(g, x);
        for (int g = 0; g < G; ++g) {
            if (i < end) {
                const V y = clamp(load(forward(g, i)) + u[g].output(c.br, c.bi), 0.0f, 255.0f);
                alignas(16) std::uint8_t bytes[16];
                _mm_store_si128(reinterpret_cast<__m128i *>(bytes),
                                narrowInts(__builtin_convertvector(y + 0.5f, VI)));
                for (int r = 0; r < RowsPerVector; ++r)
                    std::memcpy(out[g * RowsPerVector + r] + 4 * (i - first), bytes + 4 * r, 4);
            }
            u[g].step(v[g], c);
        }
    }
}

void iirRows(const std::uint8_t *const *hi, const std::uint8_t *const *lo, const IirLine &line,
             const IirCoefficients &c, float *scratch, std::uint8_t *const *out)
{
    constexpr int RowsAtOnce = GroupsAtOnce * RowsPerVector;
    for (int r = 0; r < SimdKernels::IirRows; r += RowsAtOnce)
        iirRowGroups(hi + r, lo + r, line, c, scratch, out + r);
}

} // namespace
