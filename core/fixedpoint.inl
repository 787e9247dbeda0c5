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

void fixedRowPass(const std::uint16_t *in, const std::uint16_t *taps, int n, bool fraction, int count,
                  std::uint16_t *out)
{
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
        std::uint16_t acc = 0;
        for (int k = 0; k < n; ++k)
            acc = std::uint16_t(acc + (fraction ? (unsigned(in[i + 4 * k]) * taps[k]) >> 16
                                                : unsigned(in[i + 4 * k]) * taps[k]));
        out[i] = acc;
    }
}

template <int R>
void fixedColumnRows(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction, int count,
                     std::uint16_t *const *out)
{
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
            std::uint16_t acc = 0;
            for (int k = 0; k < n; ++k)
                acc = std::uint16_t(acc + (fraction ? (unsigned(lines[r + k][i]) * taps[k]) >> 16
                                                    : unsigned(lines[r + k][i]) * taps[k]));
            out[r][i] = acc;
        }
}

void fixedColumnPass(const std::uint16_t *const *lines, const std::uint16_t *taps, int n, bool fraction,
                     int outputs, int count, std::uint16_t *const *out)
{
    switch (outputs) {
    case 4:
        return fixedColumnRows<4>(lines, taps, n, fraction, count, out);
    case 3:
        return fixedColumnRows<3>(lines, taps, n, fraction, count, out);
    case 2:
        return fixedColumnRows<2>(lines, taps, n, fraction, count, out);
    default:
        return fixedColumnRows<1>(lines, taps, n, fraction, count, out);
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

inline void addLines(const std::uint16_t *x, const std::uint16_t *y, int count, std::uint16_t *out)
{
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(out + i, loadWords(x + i) + loadWords(y + i));
    for (; i < count; ++i)
        out[i] = std::uint16_t(x[i] + y[i]);
}

// Sums of `a` neighbouring pixels by doubling: level k holds sums of 2^k pixels (each built
// from two of the level below), and the output adds one level per set bit of a. About
// 2 log2(a) adds per value instead of a.
void fixedBoxRow(const std::uint16_t *in, int a, int count, std::uint16_t *out, std::uint16_t *scratch)
{
    const std::uint16_t *level = in;
    std::uint16_t *buffers[2] = {scratch, scratch + count + 4 * a};
    int length = count + 4 * (a - 1), offset = 0, step = 4, which = 0;
    bool first = true;
    for (int bit = 1; bit <= a; bit <<= 1) {
        if (a & bit) {
            if (first)
                std::memcpy(out, level + offset, sizeof(std::uint16_t) * size_t(count));
            else
                addLines(out, level + offset, count, out);
            first = false;
            offset += step;
        }
        if (bit * 2 > a)
            break;
        length -= step;
        addLines(level, level + step, length, buffers[which]);
        level = buffers[which];
        which ^= 1;
        step *= 2;
    }
}

void fixedSlide(std::uint16_t *sum, const std::uint16_t *add, const std::uint16_t *sub, int count)
{
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes)
        storeWords(sum + i, loadWords(sum + i) + loadWords(add + i) - (sub ? loadWords(sub + i) : VU{}));
    for (; i < count; ++i)
        sum[i] = std::uint16_t(sum[i] + add[i] - (sub ? sub[i] : 0));
}

// WordLanes words (each at most 255) to bytes.
inline void narrowWords(VU v, std::uint8_t *p)
{
#if defined(__AVX512BW__)
    __m512i w;
    std::memcpy(&w, &v, sizeof w);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), _mm512_cvtepi16_epi8(w));
#elif defined(__AVX2__)
    __m256i w;
    std::memcpy(&w, &v, sizeof w);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p),
                     _mm_packus_epi16(_mm256_castsi256_si128(w), _mm256_extracti128_si256(w, 1)));
#else
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

void fixedEncode(const std::uint16_t *sums, int count, int shift, std::uint8_t *out)
{
    const std::uint16_t half = std::uint16_t(1u << (shift - 1));
    int i = 0;
    for (; i + WordLanes <= count; i += WordLanes) {
        VU v = loadWords(sums + i);
        // Round half up without overflow: a sum near 65535 would wrap when the half is added.
        v = (v >> shift) + ((v & VU(VU{} + std::uint16_t(2 * half - 1))) >= half ? VU{} + 1 : VU{});
        narrowWords(v > 255 ? VU{} + 255 : v, out + i);
    }
    for (; i < count; ++i)
        out[i] = std::uint8_t(std::min(255u, (unsigned(sums[i]) + half) >> shift));
}

} // namespace
