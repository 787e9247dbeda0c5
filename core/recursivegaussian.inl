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

// One pixel column of four rows: lanes row * 4 + channel.
inline V loadFour(const std::uint8_t *const *rows, int column)
{
    std::uint32_t w[4];
    for (int r = 0; r < 4; ++r)
        std::memcpy(&w[r], rows[r] + 4 * column, 4);
    return widen(_mm_setr_epi32(int(w[0]), int(w[1]), int(w[2]), int(w[3])));
}

void iirRows(const std::uint8_t *const *rows, const IirLine &line, const IirCoefficients &c, float *scratch,
             std::uint8_t *const *hi, std::uint8_t *const *lo)
{
    IirState s;
    s.start(loadFour(rows, line.index[0]), c);
    const int end = line.first + line.n;
    for (int i = 0; i < end; ++i) {
        s.step(loadFour(rows, line.index[i]), c);
        if (i >= line.first)
            store(scratch + Lanes * (i - line.first), s.output(c.ar, c.ai));
    }
    IirState u;
    u.start(loadFour(rows, line.index[line.count - 1]), c);
    for (int i = line.count - 1; i >= line.first; --i) {
        if (i < end) {
            // The backward part counts samples after i only, so it is read before x_i enters.
            V v = load(scratch + Lanes * (i - line.first)) + u.output(c.br, c.bi);
            v = v * 256.0f + 0.5f;
            v = v < 0.0f ? V{} : v;
            v = v > 65535.0f ? splat(65535.0f) : v;
            const VI fixed = __builtin_convertvector(v, VI);
            alignas(16) std::uint8_t high[16], low[16];
            _mm_store_si128(reinterpret_cast<__m128i *>(high), narrowInts(fixed >> 8));
            _mm_store_si128(reinterpret_cast<__m128i *>(low), narrowInts(fixed & 255));
            const int x = i - line.first;
            for (int r = 0; r < 4; ++r) {
                std::memcpy(hi[r] + 4 * x, high + 4 * r, 4);
                std::memcpy(lo[r] + 4 * x, low + 4 * r, 4);
            }
        }
        u.step(loadFour(rows, line.index[i]), c);
    }
}

// A strip of up to 16 pixels (B vectors of 4 pixels); partial vectors go through a copy.
template <int B> struct Strip
{
    V v[B];
};

template <int B> inline Strip<B> loadFixed(const std::uint8_t *hi, const std::uint8_t *lo, int bytes)
{
    Strip<B> s;
    alignas(16) std::uint8_t h[16 * B] = {}, l[16 * B] = {};
    const std::uint8_t *hp = hi, *lp = lo;
    if (bytes < 16 * B) {
        std::memcpy(h, hi, size_t(bytes));
        std::memcpy(l, lo, size_t(bytes));
        hp = h;
        lp = l;
    }
    for (int b = 0; b < B; ++b)
        s.v[b] = (widen(hp + 16 * b) * 256.0f + widen(lp + 16 * b)) * (1.0f / 256.0f);
    return s;
}

template <int B>
void iirStrip(std::uint8_t *const *hiRows, const std::uint8_t *const *loRows, const std::uint8_t *const *sourceRows,
              int x0, int pixels, const IirLine &line, const IirCoefficients &c, bool keepAlpha, float *scratch)
{
    const int bytes = 4 * pixels, offset = 4 * x0;
    auto input = [&](int i) {
        const int row = line.index[i];
        return loadFixed<B>(hiRows[row] + offset, loRows[row] + offset, bytes);
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
            alignas(16) std::uint8_t out[16 * B];
            for (int b = 0; b < B; ++b) {
                V v = load(scratch + Lanes * (B * (i - line.first) + b)) + u[b].output(c.br, c.bi);
                v = v < 0.0f ? V{} : v;
                v = v > 255.0f ? splat(255.0f) : v;
                narrow(v + 0.5f, out + 16 * b);
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
    if (pixels > 4)
        iirStrip<4>(hiRows, loRows, sourceRows, x0, pixels, line, c, keepAlpha, scratch);
    else
        iirStrip<1>(hiRows, loRows, sourceRows, x0, pixels, line, c, keepAlpha, scratch);
}

} // namespace
