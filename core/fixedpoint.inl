// The 16-bit fixed-point inner loops (see FixedKernels in simdkernels.h), included by
// simdkernels.inl so each instruction set gets its own copy. 32 lanes of 16 bits per
// 64-byte vector: twice the float lanes, half the bytes through the caches.

namespace {

using VU = std::uint16_t __attribute__((vector_size(64)));
constexpr int WordLanes = 32;

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
    __m512i x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
    const __m512i r = _mm512_mulhi_epu16(x, y);
#elif defined(__AVX2__)
    __m256i x[2], y[2];
    std::memcpy(x, &a, sizeof x);
    std::memcpy(y, &b, sizeof y);
    const __m256i r[2] = {_mm256_mulhi_epu16(x[0], y[0]), _mm256_mulhi_epu16(x[1], y[1])};
#else
    __m128i x[4], y[4];
    std::memcpy(x, &a, sizeof x);
    std::memcpy(y, &b, sizeof y);
    const __m128i r[4] = {_mm_mulhi_epu16(x[0], y[0]), _mm_mulhi_epu16(x[1], y[1]), _mm_mulhi_epu16(x[2], y[2]),
                          _mm_mulhi_epu16(x[3], y[3])};
#endif
    VU v;
    std::memcpy(&v, &r, sizeof v);
    return v;
}

inline VU mulTap(VU x, std::uint16_t w, bool fraction)
{
    const VU t = VU{} + w;
    return fraction ? mulHigh(x, t) : VU(x * t);
}

// 32 bytes to 32 words, ANDing the bytes into `all` (whose alpha lanes then tell opacity).
inline VU widenWords(const std::uint8_t *p, __m128i &all)
{
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16));
    all = _mm_and_si128(all, _mm_and_si128(low, high));
    VU v;
#if defined(__AVX512BW__)
    const __m512i w = _mm512_cvtepu8_epi16(_mm256_set_m128i(high, low));
    std::memcpy(&v, &w, sizeof v);
#elif defined(__AVX2__)
    const __m256i w[2] = {_mm256_cvtepu8_epi16(low), _mm256_cvtepu8_epi16(high)};
    std::memcpy(&v, w, sizeof v);
#else
    const __m128i zero = _mm_setzero_si128();
    const __m128i w[4] = {_mm_unpacklo_epi8(low, zero), _mm_unpackhi_epi8(low, zero), _mm_unpacklo_epi8(high, zero),
                          _mm_unpackhi_epi8(high, zero)};
    std::memcpy(&v, w, sizeof v);
#endif
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

// 32 words (each at most 255) to 32 bytes.
inline void narrowWords(VU v, std::uint8_t *p)
{
#if defined(__AVX512BW__)
    __m512i w;
    std::memcpy(&w, &v, sizeof w);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), _mm512_cvtepi16_epi8(w));
#elif defined(__AVX2__)
    __m256i w[2];
    std::memcpy(w, &v, sizeof w);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), _mm256_permute4x64_epi64(_mm256_packus_epi16(w[0], w[1]), 0xD8));
#else
    __m128i w[4];
    std::memcpy(w, &v, sizeof w);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p), _mm_packus_epi16(w[0], w[1]));
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p + 16), _mm_packus_epi16(w[2], w[3]));
#endif
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
