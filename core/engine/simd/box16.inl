// The 16-bit box's inner loops (see SimdKernels::box16Columns), included by simdkernels.inl
// so each instruction set gets its own copy. Integer sums in 32-bit lanes: exact on every level.

namespace {

using VD = std::uint32_t __attribute__((vector_size(KS_VECTOR_BYTES)));
constexpr int DwordLanes = KS_VECTOR_BYTES / 4;

inline VD loadDwords(const std::uint32_t *p)
{
    VD v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void storeDwords(std::uint32_t *p, VD v)
{
    std::memcpy(p, &v, sizeof v);
}

// DwordLanes 16-bit values, one per 32-bit lane.
inline VU16 loadHalfWords(const std::uint16_t *p)
{
    VU16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// Ones in the colour lanes of RGBA pixels, zero in the alpha lanes.
template <std::size_t... I> inline VU16 colourLanes(std::index_sequence<I...>)
{
    return VU16{std::uint16_t(I % 4 == 3 ? 0 : 0xffff)...};
}

bool box16Columns(std::uint32_t *running, const std::uint16_t *entering, const std::uint16_t *leaving, int count)
{
    const VU16 colour = colourLanes(std::make_index_sequence<DwordLanes>{});
    VU16 alphas = ~VU16{}; // every alpha lane ANDed together, colour lanes kept at ones
    int i = 0;
    for (; i + DwordLanes <= count; i += DwordLanes) {
        // The entering row comes from memory (its source rows are read once): ask for it ahead
        // of the loads (a profile put most of the time on them), reaching into the next row.
        __builtin_prefetch(entering + i + 2048);
        const VU16 in = loadHalfWords(entering + i);
        alphas &= in | colour;
        const VD sum = loadDwords(running + i) + __builtin_convertvector(in, VD) -
                       __builtin_convertvector(loadHalfWords(leaving + i), VD);
        storeDwords(running + i, sum);
    }
    bool opaque = true;
    for (int l = 0; l < DwordLanes; ++l)
        opaque = opaque && alphas[l] == 0xffff;
    for (; i < count; ++i) {
        running[i] += std::uint32_t(entering[i]) - leaving[i];
        opaque = opaque && (i % 4 != 3 || entering[i] == 0xffff);
    }
    return opaque;
}

// v moved up by K lanes, zeros coming in: lane i holds v[i - K].
template <int K, std::size_t... I> inline VD dwordsUp(VD v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, VD{}, (int(I) >= K ? int(I) - K : DwordLanes)...);
}

// The last pixel's four lanes repeated across the vector.
template <std::size_t... I> inline VD lastPixelDwords(VD v, std::index_sequence<I...>)
{
    return __builtin_shufflevector(v, v, (DwordLanes - 4 + int(I) % 4)...);
}

// Running sums over the pixels of one vector, channel by channel.
inline VD pixelPrefixDwords(VD v)
{
    constexpr auto lanes = std::make_index_sequence<DwordLanes>{};
    if constexpr (DwordLanes > 4)
        v += dwordsUp<4>(v, lanes);
    if constexpr (DwordLanes > 8)
        v += dwordsUp<8>(v, lanes);
    return v;
}

inline std::uint16_t scaledBoxValue(std::uint32_t sum, std::uint32_t multiplier, int shift)
{
    const std::uint64_t v = (std::uint64_t(sum) * multiplier + (std::uint64_t(1) << (shift - 1))) >> shift;
    return std::uint16_t(std::min<std::uint64_t>(v, 65535));
}

// (sum * multiplier + 2^(shift - 1)) >> shift per lane, shift >= 32 (the result fits 32 bits):
// even and odd lanes as 64-bit lanes, each a 32 x 32-bit multiply the vector units have.
inline VD scaleSums(VD sums, std::uint32_t multiplier, int shift)
{
    using VQ = std::uint64_t __attribute__((vector_size(KS_VECTOR_BYTES)));
    VQ pairs;
    std::memcpy(&pairs, &sums, sizeof pairs);
    const VQ low = VQ{} + 0xffffffffu, m = VQ{} + multiplier, half = VQ{} + (std::uint64_t(1) << (shift - 1));
    const VQ even = ((pairs & low) * m + half) >> shift;
    const VQ odd = ((pairs >> 32) * m + half) >> shift;
    const VQ joined = even | (odd << 32);
    VD v;
    std::memcpy(&v, &joined, sizeof v);
    return v;
}

// Sums of `a` neighbouring pixels as differences of running sums along the row (as boxRow):
// the running sums wrap around 2^32, a difference of two is exact when the true sum fits.
void box16Row(const std::uint32_t *running, int a, int count, std::uint32_t multiplier, int shift,
              std::uint32_t *scratch, std::uint16_t *out)
{
    const int length = count + 4 * (a - 1);
    std::uint32_t *prefix = scratch; // prefix[4 + j]: sum of running[j - 4k] for k >= 0
    std::fill_n(prefix, 4, 0u);
    VD carry{};
    int j = 0;
    for (; j + DwordLanes <= length; j += DwordLanes) {
        // The carry moves on by the vector's own totals: one add on the chain from vector to vector.
        const VD within = pixelPrefixDwords(loadDwords(running + j));
        storeDwords(prefix + 4 + j, within + carry);
        carry += lastPixelDwords(within, std::make_index_sequence<DwordLanes>{});
    }
    for (; j < length; ++j)
        prefix[4 + j] = prefix[j] + running[j];
    const int span = 4 * a;
    int i = 0;
    for (; i + DwordLanes <= count; i += DwordLanes) {
        const VD sums = loadDwords(prefix + i + span) - loadDwords(prefix + i);
        const VD scaled = scaleSums(sums, multiplier, shift);
        const VD clamped = scaled < 65535u ? scaled : VD{} + 65535u;
        const VU16 narrowed = __builtin_convertvector(clamped, VU16);
        std::memcpy(out + i, &narrowed, sizeof narrowed);
    }
    for (; i < count; ++i)
        out[i] = scaledBoxValue(prefix[i + span] - prefix[i], multiplier, shift);
}

} // namespace
