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
inline V widenNibbles(Reg128 packed)
{
#if defined(KS_PORTABLE_SIMD)
    V v;
    for (int i = 0; i < Lanes; ++i)
        v[i] = float(i % 2 ? packed[i / 2] >> 4 : packed[i / 2] & 15);
    return v;
#else
    const Reg128 mask = _mm_set1_epi8(15);
    const Reg128 low = _mm_and_si128(packed, mask);
    const Reg128 high = _mm_and_si128(_mm_srli_epi16(packed, 4), mask);
    return widen(_mm_unpacklo_epi8(low, high));
#endif
}

// Bytes n0, n1, n2, ... (each below 16) to n0 | n1 << 4, n2 | n3 << 4, ...: half as many bytes.
inline Reg128 packNibbles(Reg128 nibbles)
{
#if defined(KS_PORTABLE_SIMD)
    Reg128 r{};
    for (int j = 0; j < 8; ++j)
        r[j] = std::uint8_t(nibbles[2 * j] | nibbles[2 * j + 1] << 4);
    return r;
#else
    // As 16-bit lanes n_even | n_odd << 8; shifting right by 4 moves n_odd to bits 4..7 and
    // drops n_even, which the mask keeps in bits 0..3.
    const Reg128 pairs = _mm_or_si128(_mm_and_si128(nibbles, _mm_set1_epi16(0x00FF)), _mm_srli_epi16(nibbles, 4));
    return _mm_packus_epi16(pairs, pairs);
#endif
}

// Lanes / 2 bytes from p into the low bytes of a register: the packed nibbles of a vector.
inline Reg128 loadHalfLanes(const std::uint8_t *p)
{
#if defined(KS_PORTABLE_SIMD)
    Reg128 r{};
    std::memcpy(&r, p, Lanes / 2);
    return r;
#elif defined(__AVX512F__)
    return _mm_loadl_epi64(reinterpret_cast<const Reg128 *>(p));
#elif defined(__AVX2__)
    std::int32_t word;
    std::memcpy(&word, p, 4);
    return _mm_cvtsi32_si128(word);
#else
    std::uint16_t word;
    std::memcpy(&word, p, 2);
    return _mm_cvtsi32_si128(word);
#endif
}

// 8.4 fixed point: the high bytes (Lanes of them) and the low nibbles packed two to a byte
// (Lanes / 2 bytes), so a 12-bit sample costs one and a half bytes. Exact in float.
inline V fixedToFloat(Reg128 hi, Reg128 packedLo)
{
    return widen(hi) + widenNibbles(packedLo) * (1.0f / 16.0f);
}

// v rounded to 1/16, clamped to [0, 4095 / 16].
inline void storeFixed(V v, std::uint8_t *hi, std::uint8_t *lo)
{
    v = v * 16.0f + 0.5f;
    v = clamp(v, 0.0f, 4095.0f);
    const VI fixed = __builtin_convertvector(v, VI);
    storeLanes(narrowInts(fixed >> 4), hi);
    const Reg128 nibbles = packNibbles(narrowInts(fixed & 15));
#if defined(KS_PORTABLE_SIMD)
    std::memcpy(lo, &nibbles, Lanes / 2);
#elif defined(__AVX512F__)
    _mm_storel_epi64(reinterpret_cast<Reg128 *>(lo), nibbles);
#elif defined(__AVX2__)
    const std::int32_t word = _mm_cvtsi128_si32(nibbles);
    std::memcpy(lo, &word, 4);
#else
    const auto word = std::uint16_t(_mm_cvtsi128_si32(nibbles));
    std::memcpy(lo, &word, 2);
#endif
}

// One row of the band as the vertical pass sees it, from some column on: the source, the
// forward sums of its block (null: not kept) and the 8.4 output (hi null: none). Partial
// vectors at the right edge go through padded copies.
struct ColumnRow
{
    const std::uint8_t *source;
    float *sums;
    std::uint8_t *hi, *lo;

    // The same row from vector v (PixelsPerVector pixels each) on.
    ColumnRow from(int v) const
    {
        return {source + Lanes * v, sums ? sums + Lanes * v : nullptr, hi ? hi + Lanes * v : nullptr,
                hi ? lo + Lanes / 2 * v : nullptr};
    }
};

inline void columnStart(IirState &s, const ColumnRow &p, const IirCoefficients &c)
{
    s.start(widen(p.source), c);
}

inline void columnStep(IirState &s, const ColumnRow &p, const IirCoefficients &c)
{
    s.step(widen(p.source), c);
}

// Returns the source bytes it read.
inline Reg128 columnForward(IirState &s, const ColumnRow &p, const IirCoefficients &c)
{
    const Reg128 bytes = loadLanes(p.source);
    s.step(widen(bytes), c);
    store(p.sums, s.output(c.ar, c.ai));
    return bytes;
}

// Whether the alpha bytes of the first Lanes bytes are all 255.
inline bool alphaOpaque(Reg128 bytes)
{
#if defined(KS_PORTABLE_SIMD)
    for (int i = 3; i < Lanes; i += 4)
        if (bytes[i] != 255)
            return false;
    return true;
#else
    constexpr int alphaBits = 0x8888 & ((1 << Lanes) - 1);
    return (_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(-1))) & alphaBits) == alphaBits;
#endif
}

inline void columnBackward(IirState &u, const ColumnRow &p, const IirCoefficients &c)
{
    // The backward part counts the samples below this row only, so x enters after the output.
    storeFixed(load(p.sums) + u.output(c.br, c.bi), p.hi, p.lo);
    u.step(widen(p.source), c);
}

// Sweeps up to ColumnRowsAtOnce rows of the band [x0, x0 + pixels) in order, each column's
// state read (from `in`) and written (to `out`, which may be `in`) once for all of them:
// whole vectors in place, the rest of the row through padded copies.
constexpr int ColumnRowsAtOnce = 4;

template <typename Op>
inline void columnRows(const ColumnRow *rows, int count, int pixels, const float *in, float *out, Op op)
{
    const int whole = pixels / PixelsPerVector;
    for (int v = 0; v < whole; ++v) {
        IirState s;
        s.read(in + StateFloats * v);
        for (int r = 0; r < count; ++r)
            op(s, rows[r].from(v));
        s.write(out + StateFloats * v);
    }
    const int rest = pixels - whole * PixelsPerVector;
    if (rest == 0)
        return;
    const int at = whole * Lanes, bytes = 4 * rest;
    IirState s;
    s.read(in + StateFloats * whole);
    for (int r = 0; r < count; ++r) {
        const ColumnRow &row = rows[r];
        alignas(16) std::uint8_t source[Lanes], hi[Lanes] = {}, lo[Lanes] = {};
        alignas(64) float sums[Lanes] = {};
        std::memset(source, 255, sizeof source); // past the edge: opaque, results unused
        std::memcpy(source, row.source + at, size_t(bytes));
        if (row.sums)
            std::memcpy(sums, row.sums + at, sizeof(float) * size_t(bytes));
        op(s, ColumnRow{source, row.sums ? sums : nullptr, row.hi ? hi : nullptr, row.hi ? lo : nullptr});
        if (row.sums)
            std::memcpy(row.sums + at, sums, sizeof(float) * size_t(bytes));
        if (row.hi) {
            std::memcpy(row.hi + at, hi, size_t(bytes));
            std::memcpy(row.lo + at / 2, lo, size_t(bytes / 2));
        }
    }
    s.write(out + StateFloats * whole);
}

// The vertical pass sweeps whole rows of the band, keeping every column's state in `state`:
// the image is read and written in address order, which the caches prefetch, instead of
// walking down columns a row stride apart. It runs in blocks of IirColumnBlockRows rows: a
// first sweep up the band keeps the backward state at the foot of every block, then each
// block runs forwards, keeping its forward sums in float, and backwards from that state,
// writing the result once. The forward sums never leave the caches.
bool iirColumns(const std::uint8_t *const *sourceRows, const IirLine &line, const IirCoefficients &coefficients,
                int x0, int pixels, float *state, std::uint8_t *const *hiRows, std::uint8_t *const *loRows)
{
    constexpr int B = SimdKernels::IirColumnBlockRows;
    const IirCoefficients c = coefficients; // a local copy: the stores below cannot alias it
    const int first = line.first, n = line.n, end = first + n, blocks = (n + B - 1) / B;
    const std::size_t vectors = std::size_t(pixels + PixelsPerVector - 1) / PixelsPerVector;
    const std::size_t stateFloats = vectors * StateFloats, sumFloats = vectors * Lanes;
    float *forwardState = state;
    auto backwardState = [&](int block) { return state + stateFloats * std::size_t(1 + block); };
    float *sums = backwardState(blocks); // B rows of sumFloats

    auto plain = [&](int i) { return ColumnRow{sourceRows[line.index[i]] + 4 * x0, nullptr, nullptr, nullptr}; };
    // Steps padded rows from, from + step, ... (not to) a few at a time, the states going from in to out.
    auto sweep = [&](int from, int to, int step, const float *in, float *out, auto rowAt, auto op) {
        for (int i = from; i != to; in = out) {
            ColumnRow rows[ColumnRowsAtOnce];
            int count = 0;
            for (; count < ColumnRowsAtOnce && i != to; ++count, i += step)
                rows[count] = rowAt(i);
            columnRows(rows, count, pixels, in, out, op);
        }
    };
    auto start = [&](IirState &s, const ColumnRow &p) { columnStart(s, p, c); };
    auto stepOnly = [&](IirState &s, const ColumnRow &p) { columnStep(s, p, c); };
#if defined(KS_PORTABLE_SIMD)
    Reg128 read = ~Reg128{}; // every source byte of the band ANDed together
    auto forward = [&](IirState &s, const ColumnRow &p) { read &= columnForward(s, p, c); };
#else
    __m128i read = _mm_set1_epi8(-1); // every source byte of the band ANDed together
    auto forward = [&](IirState &s, const ColumnRow &p) { read = _mm_and_si128(read, columnForward(s, p, c)); };
#endif
    auto backward = [&](IirState &s, const ColumnRow &p) { columnBackward(s, p, c); };
    auto blockStart = [&](int block) { return first + block * B; };
    auto blockEnd = [&](int block) { return first + std::min(n, (block + 1) * B); };

    // Each sweep starts from its first sample's steady state. Up the band: the backward state
    // below every block.
    const ColumnRow bottom = plain(line.count - 1);
    columnRows(&bottom, 1, pixels, backwardState(blocks - 1), backwardState(blocks - 1), start);
    sweep(line.count - 1, end - 1, -1, backwardState(blocks - 1), backwardState(blocks - 1), plain, stepOnly);
    for (int b = blocks - 1; b > 0; --b)
        sweep(blockEnd(b) - 1, blockStart(b) - 1, -1, backwardState(b), backwardState(b - 1), plain, stepOnly);

    const ColumnRow top = plain(0);
    columnRows(&top, 1, pixels, forwardState, forwardState, start);
    sweep(0, first, 1, forwardState, forwardState, plain, stepOnly);
    for (int b = 0; b < blocks; ++b) {
        const int y0 = blockStart(b);
        auto kept = [&](int i) {
            return ColumnRow{sourceRows[line.index[i]] + 4 * x0, sums + sumFloats * std::size_t(i - y0),
                             hiRows[i - first] + 4 * x0, loRows[i - first] + 2 * x0};
        };
        sweep(y0, blockEnd(b), 1, forwardState, forwardState, kept, forward);
        sweep(blockEnd(b) - 1, y0 - 1, -1, backwardState(b), backwardState(b), kept, backward);
    }
    return alphaOpaque(read);
}

// One vector holds one pixel of RowsPerVector rows: lanes row * 4 + channel.
constexpr int RowsPerVector = PixelsPerVector;

// A square of RowsPerVector rows by RowsPerVector pixels (4 bytes each, in the low bytes of
// m[row]) turned over: m[a]'s pixel b becomes m[b]'s pixel a. Rows of pixels become vectors
// of one pixel of every row, and back.
inline void transposePixels(Reg128 *m)
{
#if defined(KS_PORTABLE_SIMD)
    (void)m; // one row of one pixel (RowsPerVector is 1 with 16-byte vectors)
#elif defined(__AVX512F__)
    const Reg128 t0 = _mm_unpacklo_epi32(m[0], m[1]), t1 = _mm_unpacklo_epi32(m[2], m[3]);
    const Reg128 t2 = _mm_unpackhi_epi32(m[0], m[1]), t3 = _mm_unpackhi_epi32(m[2], m[3]);
    m[0] = _mm_unpacklo_epi64(t0, t1);
    m[1] = _mm_unpackhi_epi64(t0, t1);
    m[2] = _mm_unpacklo_epi64(t2, t3);
    m[3] = _mm_unpackhi_epi64(t2, t3);
#elif defined(__AVX2__)
    const Reg128 t = _mm_unpacklo_epi32(m[0], m[1]);
    m[0] = t;
    m[1] = _mm_srli_si128(t, 8);
#else
    (void)m; // one row of one pixel
#endif
}

// The same square for the packed low nibbles, 2 bytes per pixel.
inline void transposeNibblePairs(Reg128 *m)
{
#if defined(KS_PORTABLE_SIMD)
    (void)m;
#elif defined(__AVX512F__)
    const Reg128 t0 = _mm_unpacklo_epi16(m[0], m[1]), t1 = _mm_unpacklo_epi16(m[2], m[3]);
    const Reg128 low = _mm_unpacklo_epi32(t0, t1), high = _mm_unpackhi_epi32(t0, t1);
    m[0] = low;
    m[1] = _mm_srli_si128(low, 8);
    m[2] = high;
    m[3] = _mm_srli_si128(high, 8);
#elif defined(__AVX2__)
    const Reg128 t = _mm_unpacklo_epi16(m[0], m[1]);
    m[0] = t;
    m[1] = _mm_srli_si128(t, 4);
#else
    (void)m;
#endif
}

// Column x of RowsPerVector 8.4 rows, gathered pixel by pixel: for the few samples that are
// not part of a whole square (borders, padding).
inline V loadRows(const std::uint8_t *const *hi, const std::uint8_t *const *lo, int column)
{
    std::int32_t h[4] = {};
    std::int16_t l[4] = {};
    for (int r = 0; r < RowsPerVector; ++r) {
        std::memcpy(&h[r], hi[r] + 4 * column, 4);
        std::memcpy(&l[r], lo[r] + 2 * column, 2);
    }
#if defined(KS_PORTABLE_SIMD)
    Reg128 hv{}, lv{};
    std::memcpy(&hv, h, sizeof h);
    std::memcpy(&lv, l, sizeof l);
    return fixedToFloat(hv, lv);
#else
    return fixedToFloat(_mm_setr_epi32(h[0], h[1], h[2], h[3]), _mm_setr_epi16(l[0], l[1], l[2], l[3], 0, 0, 0, 0));
#endif
}

// Columns x .. x + RowsPerVector - 1 of RowsPerVector 8.4 rows: one load per row, then a transpose.
inline void loadSquare(const std::uint8_t *const *hi, const std::uint8_t *const *lo, int x, V *columns)
{
    Reg128 h[RowsPerVector], l[RowsPerVector];
    for (int r = 0; r < RowsPerVector; ++r) {
        h[r] = loadLanes(hi[r] + 4 * x);
        l[r] = loadHalfLanes(lo[r] + 2 * x);
    }
    transposePixels(h);
    transposeNibblePairs(l);
    for (int j = 0; j < RowsPerVector; ++j)
        columns[j] = fixedToFloat(h[j], l[j]);
}

// Sums to RowsPerVector pixels of 8-bit RGBA, one per row, in the low bytes.
inline Reg128 resultPixels(V sum)
{
    return narrowInts(__builtin_convertvector(clamp(sum, 0.0f, 255.0f) + 0.5f, VI));
}

// Two groups of RowsPerVector rows side by side: the recursion is a chain of dependent
// multiply-adds along the row, and two independent chains keep the units busy while each waits.
constexpr int GroupsAtOnce = 2;
static_assert(2 * GroupsAtOnce * Lanes <= SimdKernels::IirScratchFloats);

void iirRowGroups(const std::uint8_t *const *hiRows, const std::uint8_t *const *loRows, const IirLine &line,
                  const IirCoefficients &coefficients, float *scratch, std::uint8_t *const *outRows)
{
    constexpr int G = GroupsAtOnce, Rows = G * RowsPerVector, R = RowsPerVector;
    // Local copies: the byte stores below may alias anything behind a pointer, which would
    // have every row pointer, index and coefficient read again at every column.
    const IirCoefficients c = coefficients;
    const std::uint8_t *hi[Rows], *lo[Rows];
    std::uint8_t *out[Rows];
    std::copy_n(hiRows, Rows, hi);
    std::copy_n(loRows, Rows, lo);
    std::copy_n(outRows, Rows, out);
    const int n = line.n, first = line.first, end = line.first + line.n;
    auto sample = [&](int g, int x) { return loadRows(hi + g * R, lo + g * R, x); };
    // The forward sweep keeps each inside column's samples and forward sums here for the
    // backward one, which so reads nothing from the rows: out may be hi.
    auto kept = [&](int g, int x) { return scratch + Lanes * (2 * G * x + g); };
    auto forwardSum = [&](int g, int x) { return scratch + Lanes * (2 * G * x + G + g); };

    IirState s[G];
    for (int g = 0; g < G; ++g)
        s[g].start(sample(g, line.index[0]), c);
    for (int i = 0; i < first; ++i)
        for (int g = 0; g < G; ++g)
            s[g].step(sample(g, line.index[i]), c);
    auto forward = [&](int g, int x, V v) {
        s[g].step(v, c);
        store(kept(g, x), v);
        store(forwardSum(g, x), s[g].output(c.ar, c.ai));
    };
    int x = 0;
    for (; x + R <= n; x += R) {
        V v[G][R];
        for (int g = 0; g < G; ++g)
            loadSquare(hi + g * R, lo + g * R, x, v[g]);
        for (int j = 0; j < R; ++j)
            for (int g = 0; g < G; ++g)
                forward(g, x + j, v[g][j]);
    }
    for (; x < n; ++x)
        for (int g = 0; g < G; ++g)
            forward(g, x, sample(g, x));

    IirState u[G];
    for (int g = 0; g < G; ++g)
        u[g].start(sample(g, line.index[line.count - 1]), c);
    for (int i = line.count - 1; i >= end; --i)
        for (int g = 0; g < G; ++g)
            u[g].step(sample(g, line.index[i]), c);
    // The backward part counts the samples right of x only, so x enters after the output.
    auto backward = [&](int g, int x) {
        const Reg128 pixels = resultPixels(load(forwardSum(g, x)) + u[g].output(c.br, c.bi));
        u[g].step(load(kept(g, x)), c);
        return pixels;
    };
    for (x = n; x >= R; x -= R) {
        Reg128 pixels[G][R];
        for (int j = R - 1; j >= 0; --j)
            for (int g = 0; g < G; ++g)
                pixels[g][j] = backward(g, x - R + j);
        for (int g = 0; g < G; ++g) {
            transposePixels(pixels[g]);
            for (int r = 0; r < R; ++r)
                storeLanes(pixels[g][r], out[g * R + r] + 4 * (x - R));
        }
    }
    for (; x > 0; --x)
        for (int g = 0; g < G; ++g) {
            alignas(16) std::uint8_t bytes[16];
#if defined(KS_PORTABLE_SIMD)
            const Reg128 pixels = backward(g, x - 1);
            std::memcpy(bytes, &pixels, 16);
#else
            _mm_store_si128(reinterpret_cast<__m128i *>(bytes), backward(g, x - 1));
#endif
            for (int r = 0; r < R; ++r)
                std::memcpy(out[g * R + r] + 4 * (x - 1), bytes + 4 * r, 4);
        }
}

void iirRows(const std::uint8_t *const *hi, const std::uint8_t *const *lo, const IirLine &line,
             const IirCoefficients &c, float *scratch, std::uint8_t *const *out)
{
    constexpr int RowsAtOnce = GroupsAtOnce * RowsPerVector;
    for (int r = 0; r < SimdKernels::IirRows; r += RowsAtOnce)
        iirRowGroups(hi + r, lo + r, line, c, scratch, out + r);
}

// Plain interleaving loops: the compiler vectorises them for each level's registers.
void iirInterleaveGray(const std::uint8_t *const *hi, const std::uint8_t *const *lo, int width, std::uint8_t *rgbaHi,
                       std::uint8_t *rgbaLo)
{
    const std::uint8_t *h0 = hi[0], *h1 = hi[1], *h2 = hi[2], *h3 = hi[3];
    for (int x = 0; x < width; ++x) {
        rgbaHi[4 * x] = h0[x];
        rgbaHi[4 * x + 1] = h1[x];
        rgbaHi[4 * x + 2] = h2[x];
        rgbaHi[4 * x + 3] = h3[x];
    }
    // Gray byte k holds pixels 2k (low nibble) and 2k + 1 (high); an RGBA pixel's two bytes
    // hold channels 0 and 1, then 2 and 3, low nibble first.
    const std::uint8_t *l0 = lo[0], *l1 = lo[1], *l2 = lo[2], *l3 = lo[3];
    for (int k = 0; k < (width + 1) / 2; ++k) {
        rgbaLo[4 * k] = std::uint8_t((l0[k] & 15) | (l1[k] & 15) << 4);
        rgbaLo[4 * k + 1] = std::uint8_t((l2[k] & 15) | (l3[k] & 15) << 4);
        rgbaLo[4 * k + 2] = std::uint8_t(l0[k] >> 4 | (l1[k] & 0xf0));
        rgbaLo[4 * k + 3] = std::uint8_t(l2[k] >> 4 | (l3[k] & 0xf0));
    }
}

// Channel c of an RGBA row into gray row c.
void iirDeinterleaveGray(const std::uint8_t *rgba, int width, std::uint8_t *const *gray)
{
    std::uint8_t *g0 = gray[0], *g1 = gray[1], *g2 = gray[2], *g3 = gray[3];
    for (int x = 0; x < width; ++x) {
        g0[x] = rgba[4 * x];
        g1[x] = rgba[4 * x + 1];
        g2[x] = rgba[4 * x + 2];
        g3[x] = rgba[4 * x + 3];
    }
}

} // namespace
