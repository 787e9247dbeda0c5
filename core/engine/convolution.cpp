#include "convolution.h"

#include "borders.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace ks::detail {

namespace {

bool isSymmetric(const std::vector<float> &taps)
{
    return std::equal(taps.begin(), taps.end(), taps.rbegin());
}

double total(const std::vector<float> &taps)
{
    double sum = 0.0;
    for (float t : taps)
        sum += t;
    return sum;
}

// Integer taps summing to a power of two, with factor 1 / (row total * column total): the
// sums are exact integers and the final shift divides exactly as (sum + half) / total.
bool integerFixed(const ConvolutionPlan &plan, ConvolutionPlan::Fixed &fixed)
{
    auto isInteger = [](float t) { return t == std::round(t) && t <= 256.0f; };
    if (!std::all_of(plan.rowTaps.begin(), plan.rowTaps.end(), isInteger) ||
        !std::all_of(plan.columnTaps.begin(), plan.columnTaps.end(), isInteger))
        return false;
    const double grand = total(plan.rowTaps) * total(plan.columnTaps);
    int shift = 1;
    while (shift <= 8 && double(1 << shift) != grand)
        ++shift;
    if (shift > 8 || plan.kernel.factor() * grand != 1.0) // 255 * 256 still fits 16 bits
        return false;
    for (float t : plan.rowTaps)
        fixed.rowTaps.push_back(std::uint16_t(t));
    for (float t : plan.columnTaps)
        fixed.columnTaps.push_back(std::uint16_t(t));
    fixed.outputShift = shift;
    return true;
}

// Mirrored taps whose doubles fit 16 bits may be folded into pairs (SimdKernels::fixedRowPass).
bool foldable(const std::vector<std::uint16_t> &taps)
{
    return std::equal(taps.begin(), taps.end(), taps.rbegin()) &&
           std::all_of(taps.begin(), taps.begin() + ptrdiff_t(taps.size() / 2),
                       [](std::uint16_t t) { return 2u * t <= 65535u; });
}

// Fractions in 1/65536 units on pixels in 1/256 units: each tap truncates at most 1/256 of
// a level, so a blur stays well within one level of the exact result. Only kernels that keep
// total weight (sums then stay below 256 levels, inside 16 bits).
bool fractionFixed(const ConvolutionPlan &plan, ConvolutionPlan::Fixed &fixed)
{
    const double rowTotal = total(plan.rowTaps), columnScale = plan.kernel.factor() * rowTotal;
    if (rowTotal <= 0.0 || std::abs(columnScale * total(plan.columnTaps) - 1.0) >= 1e-3)
        return false;
    if (plan.rowTaps.size() + plan.columnTaps.size() > 255) // truncation must stay below a level
        return false;
    auto quantise = [](double w, std::vector<std::uint16_t> &out) {
        const double q = std::round(w * 65536.0);
        if (q > 65535.0)
            return false;
        out.push_back(std::uint16_t(q));
        return true;
    };
    for (float t : plan.rowTaps)
        if (!quantise(t / rowTotal, fixed.rowTaps))
            return false;
    for (float t : plan.columnTaps)
        if (!quantise(t * columnScale, fixed.columnTaps))
            return false;
    fixed.fraction = true;
    fixed.inputShift = 8;
    fixed.outputShift = 8;
    fixed.rowFolded = foldable(fixed.rowTaps);
    fixed.columnFolded = foldable(fixed.columnTaps);
    return true;
}

// A direct kernel as fractions: as for separable blurs, each of its taps truncates at most
// 1/256 of a level, so up to 15x15 (225 taps) the result stays within one level.
ConvolutionPlan::Fixed directFixed(const ConvolutionPlan &plan)
{
    ConvolutionPlan::Fixed fixed;
    const Kernel &k = plan.kernel;
    const std::vector<float> &w = k.weights();
    if (k.bias() != 0.0 || std::abs(k.effectiveSum() - 1.0) >= 1e-3 || w.size() > 15 * 15 ||
        std::any_of(w.begin(), w.end(), [](float t) { return t < 0.0f; }))
        return fixed;
    for (float t : w) {
        const double q = std::round(double(t) * k.factor() * 65536.0);
        if (q > 65535.0)
            return {};
        fixed.weights.push_back(std::uint16_t(q));
    }
    fixed.usable = fixed.fraction = true;
    fixed.inputShift = fixed.outputShift = 8;
    return fixed;
}

// Each rescaled row sum truncates at most one unit (1/256 of a level): a box of up to 255
// rows stays within one level. The column sum of rescaled rows is about 256 * the average.
bool boxFixed(const ConvolutionPlan &plan, ConvolutionPlan::Fixed &fixed)
{
    auto constant = [](const std::vector<float> &t) {
        return std::adjacent_find(t.begin(), t.end(), std::not_equal_to<>()) == t.end();
    };
    const int a = int(plan.rowTaps.size()), b = int(plan.columnTaps.size());
    const double effective = plan.kernel.effectiveSum();
    if (!constant(plan.rowTaps) || !constant(plan.columnTaps) || a * 255 > 65535 || b > 255 ||
        std::abs(effective - 1.0) >= 1e-3)
        return false;
    int shift = 0;
    while (255 * a << (shift + 1) <= 65535)
        ++shift;
    const double scale = std::round(16777216.0 * effective / (double(a) * b * (1 << shift)));
    if (scale > 65535.0 || scale < 1024.0) // too coarse a scale would cost precision
        return false;
    fixed.rowTaps.assign(size_t(a), 1);
    fixed.box = true;
    fixed.boxShift = shift;
    fixed.boxScale = std::uint16_t(scale);
    fixed.outputShift = 8;
    return true;
}

// A box whose a x b sum of 16-bit values fits 32 bits, with its scale as a 32-bit multiplier and
// the largest shift that keeps it so: the scale's error then costs far less than a level.
ConvolutionPlan::Box16 box16Form(const ConvolutionPlan &plan)
{
    ConvolutionPlan::Box16 box;
    auto constant = [](const std::vector<float> &t) {
        return std::adjacent_find(t.begin(), t.end(), std::not_equal_to<>()) == t.end();
    };
    const std::vector<float> &row = plan.rowTaps, &column = plan.columnTaps;
    if (plan.path != ConvolutionPlan::Path::Separable || !constant(row) || !constant(column) ||
        plan.kernel.bias() != 0.0 || std::abs(plan.kernel.effectiveSum() - 1.0) >= 1e-3)
        return box;
    const double cells = double(row.size()) * double(column.size());
    const double scale = plan.kernel.factor() * double(row.front()) * double(column.front());
    if (cells * 65535.0 > 4294967295.0 || scale <= 0.0)
        return box;
    int shift = 63;
    while (shift > 1 && std::round(std::ldexp(scale, shift)) > 4294967295.0)
        --shift;
    const double multiplier = std::round(std::ldexp(scale, shift));
    if (shift < 32 || multiplier < 65536.0) // the kernels need it; a coarser scale would cost precision
        return box;
    box.usable = true;
    box.multiplier = std::uint32_t(multiplier);
    box.shift = shift;
    return box;
}

ConvolutionPlan::Fixed fixedForm(const ConvolutionPlan &plan)
{
    if (plan.path == ConvolutionPlan::Path::Direct)
        return directFixed(plan);
    ConvolutionPlan::Fixed fixed;
    auto negative = [](float t) { return t < 0.0f; };
    if (plan.kernel.bias() != 0.0 || std::any_of(plan.rowTaps.begin(), plan.rowTaps.end(), negative) ||
        std::any_of(plan.columnTaps.begin(), plan.columnTaps.end(), negative))
        return fixed;
    fixed.usable = integerFixed(plan, fixed);
    if (!fixed.usable) {
        fixed = {};
        fixed.usable = boxFixed(plan, fixed);
    }
    if (!fixed.usable) {
        fixed = {};
        fixed.usable = fractionFixed(plan, fixed);
    }
    return fixed;
}

} // namespace

ConvolutionPlan makePlan(const Kernel &kernel)
{
    ConvolutionPlan plan;
    plan.kernel = kernel;
    if (auto factors = kernel.separableFactors(); factors && kernel.width() * kernel.height() > 1) {
        plan.path = ConvolutionPlan::Path::Separable;
        plan.rowTaps = std::move(factors->row);
        plan.columnTaps = std::move(factors->column);
        plan.rowSymmetric = isSymmetric(plan.rowTaps);
        plan.columnSymmetric = isSymmetric(plan.columnTaps);
    }
    plan.fixed = fixedForm(plan);
    plan.box16 = box16Form(plan);
    return plan;
}

bool grayFixedPath(const ConvolutionPlan &plan, const FilterSettings &settings)
{
    return plan.fixed.usable && !settings.linearLight && settings.border != BorderMode::Transparent;
}

BandJob::BandJob(const QImage &source, const PixelCodec &codec, const ConvolutionPlan &plan, const QRect &out,
                 BorderMode border, const EncodeParams &params)
    : source(source), codec(codec), plan(plan), out(out), border(border), params(params),
      columns(borderIndices(out.left() - plan.kernel.anchorX(), out.width() + plan.kernel.width() - 1, source.width(),
                            border)),
      rows(borderIndices(out.top() - plan.kernel.anchorY(), out.height() + plan.kernel.height() - 1, source.height(),
                         border))
{
    fixedPath = plan.fixed.usable && !codec.sixteenBit && !codec.linearLight &&
                (codec.alpha != AlphaMode::Premultiplied || border != BorderMode::Transparent);

    premultipliedFixed = fixedPath && codec.alpha == AlphaMode::Premultiplied &&
                         plan.path == ConvolutionPlan::Path::Separable && plan.fixed.fraction && !plan.fixed.box &&
                         params.filterAlpha;

    box16Path = plan.box16.usable && codec.sixteenBit && !codec.linearLight &&
                (codec.alpha != AlphaMode::Premultiplied || border != BorderMode::Transparent);

    gray = source.format() == QImage::Format_Grayscale8;
    Q_ASSERT(!gray || fixedPath);
    streamOutput = qsizetype(out.width()) * out.height() * channels() >= StreamBytes;
}

int BandJob::bandRows() const
{
    const int perEighth = (out.height() + 7) / 8;
    return std::max(64, std::min(16 * plan.kernel.height(), perEighth));
}

namespace {

bool decodePadded(const BandJob &job, int row, float *line)
{
    return decodePaddedRow(job.source, job.codec, row, job.out.left() - job.plan.kernel.anchorX(), job.columns, line);
}

// Ring slots of the float band (a line of sums, or of decoded pixels for direct kernels)
// and of the fixed-point band (decoded pixels in either case), each on its own cache lines.
size_t ringStride(const BandJob &job)
{
    const bool separable = job.plan.path == ConvolutionPlan::Path::Separable;
    return cacheLineStride<float>(separable ? size_t(job.out.width()) * 4 : job.columns.size() * 4);
}

size_t fixedRingStride(const BandJob &job)
{
    return cacheLineStride<std::uint16_t>(job.columns.size() * size_t(job.channels()));
}

// The line a virtual row contributes: its horizontal sums (separable) or its decoded pixels
// (direct), computed into ring slot `slot`; transparent rows share the zero line.
const float *lineFor(const BandJob &job, int virtualRow, int slot, BandScratch &s, bool &opaque)
{
    const int row = job.rows[size_t(virtualRow)];
    opaque = false;
    if (row < 0)
        return s.zero.data();
    const bool separable = job.plan.path == ConvolutionPlan::Path::Separable;
    float *line = s.ring.data() + size_t(slot) * ringStride(job);
    if (!separable) {
        opaque = decodePadded(job, row, line);
        return line;
    }
    opaque = decodePadded(job, row, s.decoded.data());
    const ConvolutionPlan &p = job.plan;
    simdKernels().rowPass(s.decoded.data(), p.rowTaps.data(), int(p.rowTaps.size()), p.rowSymmetric,
                          job.out.width() * 4, line);
    return line;
}

constexpr int GroupRows = SimdKernels::MaxOutputRows;

void prepare(const BandJob &job, BandScratch &s)
{
    const int slotCount = job.plan.kernel.height() + GroupRows - 1;
    const size_t padded = job.columns.size() * 4;
    // Tiles of one band (filterBandPremultipliedTiles) share the scratch at different widths.
    if (!s.ring.empty() && s.decoded.size() >= padded && s.ring.size() >= ringStride(job) * size_t(slotCount))
        return;
    s.decoded.assign(padded, 0.0f);
    s.ring.assign(ringStride(job) * size_t(slotCount), 0.0f);
    s.zero.assign(padded, 0.0f);
    s.sums.assign(size_t(job.out.width()) * 4 * GroupRows, 0.0f);
    s.lines.assign(size_t(slotCount), nullptr);
    s.ringLines.assign(size_t(slotCount), nullptr);
    s.ringOpaque.assign(size_t(slotCount), 0);
}

// A gray row: one value per virtual column.
void decodePaddedGray(const BandJob &job, int row, std::uint16_t *line)
{
    const std::vector<int> &columns = job.columns;
    const int count = int(columns.size()), shift = job.plan.fixed.inputShift;
    const int first = job.out.left() - job.plan.kernel.anchorX();
    const auto [begin, end] = insideRun(first, count, job.source.width());
    const uchar *pixels = job.source.constScanLine(row);
    if (end > begin)
        simdKernels().fixedWiden(pixels + first + begin, end - begin, shift, line + begin);
    auto border = [&](int v) {
        const int c = columns[size_t(v)];
        line[v] = c < 0 ? 0 : std::uint16_t(pixels[c] << shift);
    };
    for (int v = 0; v < begin; ++v)
        border(v);
    for (int v = end; v < count; ++v)
        border(v);
}

// premultiply (inputShift 8 only): colour as SimdKernels::fixedDecodePremultiplied gives it.
bool decodePaddedFixed(const BandJob &job, int row, std::uint16_t *line, bool premultiply = false)
{
    if (job.gray) {
        decodePaddedGray(job, row, line);
        return true; // gray is opaque
    }
    const std::vector<int> &columns = job.columns;
    const int count = int(columns.size()), shift = job.plan.fixed.inputShift;
    const int first = job.out.left() - job.plan.kernel.anchorX();
    const auto [begin, end] = insideRun(first, count, job.source.width());
    const uchar *pixels = job.source.constScanLine(row);
    const SimdKernels &simd = simdKernels();
    bool opaque =
        end > begin &&
        (premultiply ? simd.fixedDecodePremultiplied(pixels + 4 * (first + begin), end - begin, line + 4 * begin)
                     : simd.fixedDecode(pixels + 4 * (first + begin), end - begin, shift, line + 4 * begin));
    auto border = [&](int v) {
        const int c = columns[size_t(v)];
        if (c >= 0 && premultiply) {
            simd.fixedDecodePremultiplied(pixels + 4 * c, 1, line + 4 * v);
        } else {
            for (int i = 0; i < 4; ++i)
                line[4 * v + i] = c < 0 ? 0 : std::uint16_t(pixels[4 * c + i] << shift);
        }
        opaque = opaque && c >= 0 && pixels[4 * c + 3] == 255;
    };
    for (int v = 0; v < begin; ++v)
        border(v);
    for (int v = end; v < count; ++v)
        border(v);
    return opaque;
}

// Asks for the source row the band decodes next while this one is filtered: the decode
// otherwise waits on memory for every row (the largest part of a 5x5 blur in a profile).
void prefetchSourceRow(const BandJob &job, int row)
{
    if (row < 0)
        return;
    const int first = std::max(0, job.out.left() - job.plan.kernel.anchorX());
    const int end = std::min(job.source.width(), first + int(job.columns.size()));
    const uchar *pixels = job.source.constScanLine(row);
    const int bytes = job.channels();
    for (int offset = first * bytes; offset < end * bytes; offset += 64)
        __builtin_prefetch(pixels + offset);
}

// One slot more than the float ring: a box's sliding sum still subtracts the line before.
int fixedSlotCount(const BandJob &job)
{
    return job.plan.kernel.height() + GroupRows;
}

void prepareFixed(const BandJob &job, BandScratch &s)
{
    const int slotCount = fixedSlotCount(job);
    const size_t channels = size_t(job.channels());
    const size_t count = size_t(job.out.width()) * channels, padded = job.columns.size() * channels;
    if (!s.fixedRing.empty() && s.fixedDecoded.size() >= padded &&
        s.fixedRing.size() >= fixedRingStride(job) * size_t(slotCount))
        return;
    s.fixedRunning.assign(count, 0);
    s.fixedBoxScratch.assign(2 * (count + channels * size_t(job.plan.kernel.width())), 0);
    s.fixedDecoded.assign(padded, 0);
    s.fixedRing.assign(fixedRingStride(job) * size_t(slotCount), 0);
    s.fixedZero.assign(padded, 0);
    s.fixedLines.assign(size_t(slotCount), nullptr);
    s.fixedRingLines.assign(size_t(slotCount), nullptr);
    s.fixedSums.assign(count * GroupRows, 0);
}

enum class FixedDecode : std::uint8_t
{
    Plain,
    Premultiplied, // colour times alpha (filterBandPremultipliedFixed)
};

// Virtual rows [computed, upTo) into the fixed-point ring: decoded and, unless the kernel is
// direct, through the row pass (a box's sliding sum or the taps); transparent border rows share
// the zero line. Stops, returning false, at a row with a pixel that is not opaque, when the
// decode is plain and the colour premultiplied (filterBandFixed's caller redoes the band).
template <FixedDecode decode> bool fillFixedRing(const BandJob &job, BandScratch &s, int &computed, int upTo)
{
    const ConvolutionPlan::Fixed &f = job.plan.fixed;
    constexpr bool premultiply = decode == FixedDecode::Premultiplied;
    const bool stopAtAlpha = !premultiply && job.codec.alpha == AlphaMode::Premultiplied;
    const bool direct = job.plan.path == ConvolutionPlan::Path::Direct;
    const int slotCount = fixedSlotCount(job), channels = job.channels(), count = job.out.width() * channels;
    const SimdKernels &simd = simdKernels();
    for (; computed < upTo; ++computed) {
        const int slot = computed % slotCount, row = job.rows[size_t(computed)];
        if (row < 0) {
            s.fixedRingLines[size_t(slot)] = s.fixedZero.data();
            continue;
        }
        std::uint16_t *line = s.fixedRing.data() + size_t(slot) * fixedRingStride(job);
        if (size_t(computed) + 1 < job.rows.size())
            prefetchSourceRow(job, job.rows[size_t(computed) + 1]);
        std::uint16_t *decoded = direct ? line : s.fixedDecoded.data();
        if (!decodePaddedFixed(job, row, decoded, premultiply) && stopAtAlpha)
            return false;
        if (!direct && f.box)
            simd.fixedBoxRow(decoded, int(f.rowTaps.size()), channels, count, f.boxShift, f.boxScale, line,
                             s.fixedBoxScratch.data());
        else if (!direct)
            simd.fixedRowPass(decoded, f.rowTaps.data(), int(f.rowTaps.size()), f.fraction, f.rowFolded, channels,
                              count, line);
        s.fixedRingLines[size_t(slot)] = line;
    }
    return true;
}

// The ring's lines for output rows [y, y + outputs), in order, into s.fixedLines.
void gatherFixedLines(const BandJob &job, BandScratch &s, int y, int outputs)
{
    const int slotCount = fixedSlotCount(job);
    for (int l = 0; l < outputs + job.plan.kernel.height() - 1; ++l)
        s.fixedLines[size_t(l)] = s.fixedRingLines[size_t((y + l) % slotCount)];
}

// The fixed-point band: the float band's structure on 16-bit lines. Returns false, having
// written rows it will not vouch for, when premultiplied colour met a pixel that is not
// opaque (the float band then redoes it).
bool filterBandFixed(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    prepareFixed(job, s);
    const ConvolutionPlan::Fixed &f = job.plan.fixed;
    const bool direct = job.plan.path == ConvolutionPlan::Path::Direct;
    const int height = job.plan.kernel.height(), slotCount = fixedSlotCount(job);
    const int channels = job.channels(), count = job.out.width() * channels;
    const SimdKernels &simd = simdKernels();
    int computed = y0;
    auto lineOf = [&](int v) { return s.fixedRingLines[size_t(v % slotCount)]; };
    for (int y = y0; y < y1; y += GroupRows) {
        const int outputs = std::min(GroupRows, y1 - y);
        if (!fillFixedRing<FixedDecode::Plain>(job, s, computed, y + outputs + height - 1))
            return false;
        gatherFixedLines(job, s, y, outputs);
        uchar *out[GroupRows];
        for (int r = 0; r < outputs; ++r)
            out[r] = target.scanLine(job.out.top() + y + r) + channels * job.out.left();
        if (f.box) {
            // Integer sums are exact in any order: sliding them gives what summing would. The
            // band's first row starts from its first height - 1 lines and a zero line leaving.
            if (y == y0) {
                std::fill(s.fixedRunning.begin(), s.fixedRunning.end(), std::uint16_t(0));
                for (int k = 0; k < height - 1; ++k)
                    simd.fixedAddLine(s.fixedRunning.data(), lineOf(y0 + k), count);
            }
            const std::uint16_t *entering[GroupRows], *leaving[GroupRows];
            for (int r = 0; r < outputs; ++r) {
                entering[r] = lineOf(y + r + height - 1);
                leaving[r] = y + r == y0 ? s.fixedZero.data() : lineOf(y + r - 1);
            }
            simd.fixedBoxColumns(s.fixedRunning.data(), entering, leaving, outputs, count, f.outputShift,
                                 job.streamOutput, out);
        } else if (direct)
            simd.fixedDirectPass(s.fixedLines.data(), f.weights.data(), job.plan.kernel.width(), height, channels,
                                 outputs, count, f.outputShift, job.streamOutput, out);
        else
            simd.fixedColumnPass(s.fixedLines.data(), f.columnTaps.data(), height, f.fraction, f.columnFolded, outputs,
                                 count, f.outputShift, job.streamOutput, out);
        if (job.codec.alpha == AlphaMode::Ignore && !job.gray)
            for (int r = 0; r < outputs; ++r)
                copyAlpha(job.source.constScanLine(job.out.top() + y + r) + 4 * job.out.left(), out[r],
                          job.out.width());
    }
    return true;
}

// Premultiplied colour in fixed point, divided by alpha on the way out: the fixed-point band's
// decode (premultiplied) and row pass, column sums kept in 16 bits (1/256 of a level), and the
// float encoder's divide on them. Callers make sure the alpha every output reads is high enough
// (filterBandPremultipliedTiles); a separable kernel of fractional taps only.
void filterBandPremultipliedFixed(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    prepareFixed(job, s);
    const ConvolutionPlan::Fixed &f = job.plan.fixed;
    const int height = job.plan.kernel.height(), count = job.out.width() * 4;
    const SimdKernels &simd = simdKernels();
    EncodeOptions options;
    options.factor = 1.0f / float(1 << f.outputShift); // sums are in 1/256 of a level
    options.premultiplied = true;
    int computed = y0;
    for (int y = y0; y < y1; y += GroupRows) {
        const int outputs = std::min(GroupRows, y1 - y);
        fillFixedRing<FixedDecode::Premultiplied>(job, s, computed, y + outputs + height - 1);
        gatherFixedLines(job, s, y, outputs);
        std::uint16_t *sums[GroupRows];
        for (int r = 0; r < GroupRows; ++r)
            sums[r] = s.fixedSums.data() + size_t(r) * size_t(count);
        simd.fixedColumnSums(s.fixedLines.data(), f.columnTaps.data(), height, f.fraction, f.columnFolded, outputs,
                             count, sums);
        for (int r = 0; r < outputs; ++r) {
            const int outY = job.out.top() + y + r;
            simd.encodeFixed8(sums[r], job.out.width(), options, job.source.constScanLine(outY) + 4 * job.out.left(),
                              target.scanLine(outY) + 4 * job.out.left());
        }
    }
}

// The least alpha any output may read for filterBandPremultipliedFixed to stay within +-1 of
// the exact result. Its sums of colour and alpha each come out a little off (the decode's and
// each pass's truncations, up to about 16/256 of a level apart, and the 1/65536 rounding of the
// taps), which the divide by the blurred alpha a (as a fraction) turns into up to about 0.12 / a
// of a level (docs/performance.md): 0.64 at alpha 48, inside the one level a result may be off
// (tst_engine's alpha ramps stay within it down to 16). The blurred alpha is a weighted mean of
// the alphas read, so it is at least their least.
constexpr int PremultipliedFixedMinAlpha = 48;
// Output columns per tile of that choice: a tile's kernel reaches 12 columns beyond it at
// sigma 2, so narrower tiles would mostly re-read their neighbours' alpha.
constexpr int AlphaTilePixels = 64;

// The least alpha of each tile's footprint (its outputs' columns and the kernel's reach) in
// virtual row v, into minimum[tile]; 0 where the row or a column is a transparent border.
// `alpha` is scratch for the row's alpha per virtual column.
void tileMinimumOfRow(const BandJob &job, int v, int tiles, std::vector<std::uint8_t> &alpha, std::uint8_t *minimum)
{
    const int row = job.rows[size_t(v)];
    if (row < 0) {
        std::fill(minimum, minimum + tiles, std::uint8_t(0));
        return;
    }
    const std::vector<int> &columns = job.columns;
    const int count = int(columns.size()), first = job.out.left() - job.plan.kernel.anchorX();
    const auto [begin, end] = insideRun(first, count, job.source.width());
    const uchar *pixels = job.source.constScanLine(row);
    alpha.resize(size_t(count));
    for (int c = 0; c < begin; ++c)
        alpha[size_t(c)] = columns[size_t(c)] < 0 ? 0 : pixels[4 * columns[size_t(c)] + 3];
    const uchar *inside = pixels + 4 * (first + begin) + 3;
    for (int c = begin; c < end; ++c)
        alpha[size_t(c)] = inside[4 * (c - begin)];
    for (int c = end; c < count; ++c)
        alpha[size_t(c)] = columns[size_t(c)] < 0 ? 0 : pixels[4 * columns[size_t(c)] + 3];
    const int width = job.out.width(), reach = job.plan.kernel.width() - 1;
    for (int t = 0; t < tiles; ++t) {
        const int from = t * AlphaTilePixels, to = std::min(width, from + AlphaTilePixels) + reach;
        minimum[t] = *std::min_element(alpha.begin() + from, alpha.begin() + to);
    }
}

// How a tile of outputs is filtered, from the least alpha its outputs read: opaque ones by the
// fixed-point band (the same result as the float one there), those down to
// PremultipliedFixedMinAlpha by the premultiplied fixed-point band, the rest in float.
enum class TilePath : std::uint8_t
{
    Float,
    PremultipliedFixed,
    Fixed,
};

TilePath tilePath(std::uint8_t leastAlpha)
{
    return leastAlpha == 255                          ? TilePath::Fixed
           : leastAlpha >= PremultipliedFixedMinAlpha ? TilePath::PremultipliedFixed
                                                      : TilePath::Float;
}

void filterBandFloat(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target);

// Output rows [y0, y1) of `job` narrowed to columns [x0, x1), by one path.
void filterTileRun(const BandJob &job, int x0, int x1, int y0, int y1, TilePath path, BandScratch &s, QImage &target)
{
    const QRect part(job.out.left() + x0, job.out.top(), x1 - x0, job.out.height());
    const BandJob run(job.source, job.codec, job.plan, part, job.border, job.params);
    if (path == TilePath::PremultipliedFixed)
        filterBandPremultipliedFixed(run, y0, y1, s, target);
    else if (path == TilePath::Float || !filterBandFixed(run, y0, y1, s, target))
        filterBandFloat(run, y0, y1, s, target);
}

// A premultiplied band that is not all opaque, in tiles of AlphaTilePixels columns by one output
// row, each filtered by the path the least alpha its outputs read allows (tilePath). The path of an output depends only
// on the pixels it reads, never on where bands or strips begin, and each run computes its outputs exactly as a whole
// band would: the result depends on the source only (a streamed strip equals the whole image in memory, to the byte).
void filterBandPremultipliedTiles(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    const int width = job.out.width(), height = job.plan.kernel.height();
    const int tiles = (width + AlphaTilePixels - 1) / AlphaTilePixels;
    const int virtualRows = y1 - y0 + height - 1;
    s.tileMinimum.resize(size_t(virtualRows) * size_t(tiles));
    for (int v = 0; v < virtualRows; ++v)
        tileMinimumOfRow(job, y0 + v, tiles, s.rowAlpha, s.tileMinimum.data() + size_t(v) * size_t(tiles));

    // The path of each output row of each tile: the tile's least alpha over the kernel's rows.
    const int rows = y1 - y0;
    std::vector<TilePath> paths(static_cast<size_t>(rows) * static_cast<size_t>(tiles));
    auto path = [&](int y, int t) -> TilePath & { return paths[size_t(y) * size_t(tiles) + size_t(t)]; };
    for (int y = 0; y < rows; ++y)
        for (int t = 0; t < tiles; ++t) {
            std::uint8_t least = 255;
            for (int v = y; v < y + height; ++v)
                least = std::min(least, s.tileMinimum[size_t(v) * size_t(tiles) + size_t(t)]);
            path(y, t) = tilePath(least);
        }
    auto samePaths = [&](int t, int u) {
        for (int y = 0; y < rows; ++y)
            if (path(y, t) != path(y, u))
                return false;
        return true;
    };
    // Neighbouring tiles whose rows all take the same paths run together, each run of rows of one
    // path as a band: an alpha edge crossing the band costs a few runs, not one per row.
    for (int t = 0; t < tiles;) {
        int last = t + 1;
        while (last < tiles && samePaths(t, last))
            ++last;
        const int x0 = t * AlphaTilePixels, x1 = std::min(width, last * AlphaTilePixels);
        for (int y = 0; y < rows;) {
            int end = y + 1;
            while (end < rows && path(end, t) == path(y, t))
                ++end;
            filterTileRun(job, x0, x1, y0 + y, y0 + end, path(y, t), s, target);
            y = end;
        }
        t = last;
    }
}

// The 16-bit box's source row for virtual row v, or null where it is transparent.
const std::uint16_t *box16SourceRow(const BandJob &job, int virtualRow)
{
    const int row = job.rows[size_t(virtualRow)];
    return row < 0 ? nullptr : reinterpret_cast<const std::uint16_t *>(job.source.constScanLine(row));
}

// The 16-bit box's column sums move on: + entering - leaving (null: a transparent row, or
// none). Virtual columns inside the image read the rows as they are, the few outside through
// job.columns. True when every pixel of entering was opaque.
bool slideBox16Columns(const BandJob &job, const std::uint16_t *entering, const std::uint16_t *leaving, BandScratch &s)
{
    const std::vector<int> &columns = job.columns;
    const int count = int(columns.size()), first = job.out.left() - job.plan.kernel.anchorX();
    const auto [begin, end] = insideRun(first, count, job.source.width());
    std::uint32_t *running = s.box16Running.data();
    const std::uint16_t *zero = s.box16Zero.data();
    bool opaque = entering != nullptr;
    if (end > begin) {
        const ptrdiff_t inside = 4 * ptrdiff_t(first + begin);
        opaque = simdKernels().box16Columns(running + 4 * begin, entering ? entering + inside : zero,
                                            leaving ? leaving + inside : zero, 4 * (end - begin)) &&
                 opaque;
    }
    auto border = [&](int v) {
        const int c = columns[size_t(v)];
        for (int i = 0; i < 4; ++i) {
            const std::uint32_t in = entering && c >= 0 ? entering[4 * c + i] : 0;
            const std::uint32_t out = leaving && c >= 0 ? leaving[4 * c + i] : 0;
            running[4 * v + i] += in - out;
        }
        opaque = opaque && c >= 0 && entering[4 * c + 3] == 65535;
    };
    for (int v = 0; v < begin; ++v)
        border(v);
    for (int v = end; v < count; ++v)
        border(v);
    return opaque;
}

// The 16-bit box over a band: the column sums of the first output row, then each row's sums
// from the last (exact integers: sliding gives what summing would). Returns false, having
// written rows it will not vouch for, when premultiplied colour met a pixel that is not opaque
// (the float band then redoes it).
bool filterBandBox16(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    const ConvolutionPlan::Box16 &box = job.plan.box16;
    const bool needOpaque = job.codec.alpha == AlphaMode::Premultiplied;
    const int width = job.plan.kernel.width(), height = job.plan.kernel.height();
    const int count = 4 * job.out.width();
    s.box16Running.assign(job.columns.size() * 4, 0);
    s.box16Prefix.resize(size_t(count + 4 * width));
    s.box16Zero.assign(size_t(job.source.width()) * 4, 0);
    for (int k = 0; k < height; ++k)
        if (!slideBox16Columns(job, box16SourceRow(job, y0 + k), nullptr, s) && needOpaque)
            return false;
    for (int y = y0; y < y1; ++y) {
        if (y > y0 && !slideBox16Columns(job, box16SourceRow(job, y + height - 1), box16SourceRow(job, y - 1), s) &&
            needOpaque)
            return false;
        const int outY = job.out.top() + y;
        auto *out = reinterpret_cast<std::uint16_t *>(target.scanLine(outY)) + 4 * job.out.left();
        simdKernels().box16Row(s.box16Running.data(), width, count, box.multiplier, box.shift, s.box16Prefix.data(),
                               out);
        if (job.codec.alpha == AlphaMode::Ignore)
            copyAlpha(reinterpret_cast<const std::uint16_t *>(job.source.constScanLine(outY)) + 4 * job.out.left(), out,
                      job.out.width());
    }
    return true;
}

// The column pass of output rows [y, y + outputs) of the band, encoded straight into target.
template <typename Channel>
void encodeColumns(const BandJob &job, int y, int outputs, const EncodeOptions *options, const float *const *lines,
                   QImage &target)
{
    const Channel *original[GroupRows];
    Channel *out[GroupRows];
    for (int r = 0; r < outputs; ++r) {
        const int outY = job.out.top() + y + r;
        original[r] = reinterpret_cast<const Channel *>(job.source.constScanLine(outY)) + 4 * job.out.left();
        out[r] = reinterpret_cast<Channel *>(target.scanLine(outY)) + 4 * job.out.left();
    }
    const ConvolutionPlan &p = job.plan;
    const int height = p.kernel.height(), count = job.out.width() * 4;
    if constexpr (sizeof(Channel) == 1)
        simdKernels().columnPass8(lines, p.columnTaps.data(), height, outputs, count, options, original, out);
    else
        simdKernels().columnPass16(lines, p.columnTaps.data(), height, outputs, count, options, original, out);
}

} // namespace

void filterBand(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    if (job.fixedPath && filterBandFixed(job, y0, y1, s, target))
        return;
    if (job.box16Path && filterBandBox16(job, y0, y1, s, target))
        return;
    if (job.premultipliedFixed) {
        filterBandPremultipliedTiles(job, y0, y1, s, target);
        return;
    }
    filterBandFloat(job, y0, y1, s, target);
}

namespace {

void filterBandFloat(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    prepare(job, s);
    const ConvolutionPlan &p = job.plan;
    const int height = p.kernel.height();
    const int slotCount = height + GroupRows - 1;
    const int count = job.out.width() * 4;
    // Lines stream through a ring: each is computed once per band and read while still in
    // cache. Virtual row v lives in slot v % slotCount. Each slot also remembers whether its
    // source row was all opaque: output rows that read only opaque pixels skip the
    // premultiplied divide.
    int computed = y0; // next virtual row to compute
    for (int y = y0; y < y1; y += GroupRows) {
        const int outputs = std::min(GroupRows, y1 - y);
        const int needed = y + outputs + height - 1;
        for (; computed < needed; ++computed) {
            const int slot = computed % slotCount;
            bool opaque = false;
            s.ringLines[size_t(slot)] = lineFor(job, computed, slot, s, opaque);
            s.ringOpaque[size_t(slot)] = opaque;
        }
        for (int l = 0; l < outputs + height - 1; ++l)
            s.lines[size_t(l)] = s.ringLines[size_t((y + l) % slotCount)];
        bool allOpaque[GroupRows];
        for (int r = 0; r < outputs; ++r) {
            allOpaque[r] = true;
            for (int k = 0; k < height; ++k)
                allOpaque[r] = allOpaque[r] && s.ringOpaque[size_t((y + r + k) % slotCount)];
        }
        const bool separable = p.path == ConvolutionPlan::Path::Separable;
        if (separable && hasSimdCodec(job.codec)) {
            // 8- or 16-bit results straight from the column sums.
            EncodeOptions options[GroupRows];
            for (int r = 0; r < outputs; ++r)
                options[r] = simdEncodeOptions(job.codec, job.params, allOpaque[r]);
            if (job.codec.sixteenBit)
                encodeColumns<quint16>(job, y, outputs, options, s.lines.data(), target);
            else
                encodeColumns<uchar>(job, y, outputs, options, s.lines.data(), target);
            continue;
        }
        float *sums[GroupRows];
        for (int r = 0; r < GroupRows; ++r)
            sums[r] = s.sums.data() + size_t(r) * size_t(count);
        if (separable)
            simdKernels().columnPass(s.lines.data(), p.columnTaps.data(), height, outputs, count, sums);
        else
            simdKernels().directPass(s.lines.data(), p.kernel.weights().data(), p.kernel.width(), height, outputs,
                                     count, sums);
        for (int r = 0; r < outputs; ++r)
            encodeRow(sums[r], job.codec, job.params, job.source, job.out.top() + y + r, job.out.left(),
                      job.out.width(), allOpaque[r], target);
    }
}

} // namespace

} // namespace ks::detail
