#include "convolution.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ks::detail {

int borderIndex(int i, int n, BorderMode mode)
{
    if (i >= 0 && i < n)
        return i;
    switch (mode) {
    case BorderMode::Transparent:
        return -1;
    case BorderMode::Wrap:
        return ((i % n) + n) % n;
    case BorderMode::Reflect: {
        if (n == 1)
            return 0;
        const int period = 2 * (n - 1);
        int m = ((i % period) + period) % period;
        return m < n ? m : period - m;
    }
    case BorderMode::Clamp:
    case BorderMode::Unfiltered:
        break;
    }
    return i < 0 ? 0 : n - 1;
}

std::vector<int> borderIndices(int first, int count, int n, BorderMode mode)
{
    std::vector<int> indices(static_cast<size_t>(count));
    for (int k = 0; k < count; ++k)
        indices[size_t(k)] = borderIndex(first + k, n, mode);
    return indices;
}

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

// Fractions in 1/65536 units on pixels in 1/256 units: each tap truncates at most 1/256 of
// a level, so a blur stays well within one level of the exact result. Only kernels that keep
// total weight (sums then stay below 256 levels, inside 16 bits).
bool fractionFixed(const ConvolutionPlan &plan, ConvolutionPlan::Fixed &fixed)
{
    const double rowTotal = total(plan.rowTaps), columnScale = plan.kernel.factor() * rowTotal;
    if (rowTotal <= 0.0 || std::abs(columnScale * total(plan.columnTaps) - 1.0) >= 1e-3)
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
    return true;
}

ConvolutionPlan::Fixed fixedForm(const ConvolutionPlan &plan)
{
    ConvolutionPlan::Fixed fixed;
    auto negative = [](float t) { return t < 0.0f; };
    if (plan.path != ConvolutionPlan::Path::Separable || plan.kernel.bias() != 0.0 ||
        std::any_of(plan.rowTaps.begin(), plan.rowTaps.end(), negative) ||
        std::any_of(plan.columnTaps.begin(), plan.columnTaps.end(), negative))
        return fixed;
    fixed.usable = integerFixed(plan, fixed);
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
        plan.fixed = fixedForm(plan);
    }
    return plan;
}

BandJob::BandJob(const QImage &source, const PixelCodec &codec, const ConvolutionPlan &plan, const QRect &out,
                 BorderMode border, const EncodeParams &params)
    : source(source), codec(codec), plan(plan), out(out), params(params),
      columns(borderIndices(out.left() - plan.kernel.anchorX(), out.width() + plan.kernel.width() - 1,
                            source.width(), border)),
      rows(borderIndices(out.top() - plan.kernel.anchorY(), out.height() + plan.kernel.height() - 1,
                         source.height(), border))
{
    fixedPath = plan.fixed.usable && !codec.sixteenBit && !codec.linearLight &&
                (codec.alpha != AlphaMode::Premultiplied || border != BorderMode::Transparent);
}

int BandJob::bandRows() const
{
    const int perSixteenth = (out.height() + 15) / 16;
    return std::max(64, std::min(4 * plan.kernel.height(), perSixteenth));
}

namespace {

// Decodes source row `row` into the padded line the kernel's width reads: one pixel per
// virtual column, transparent where the border mode says so. True when all were opaque.
bool decodePadded(const BandJob &job, int row, float *line)
{
    const std::vector<int> &columns = job.columns;
    const int count = int(columns.size());
    // Virtual column v is source column first + v; those inside the image decode in one run.
    const int first = job.out.left() - job.plan.kernel.anchorX();
    const int begin = std::clamp(-first, 0, count), end = std::clamp(job.source.width() - first, begin, count);
    bool opaque = end > begin && decodeRow(job.source, job.codec, row, first + begin, end - begin, line + 4 * begin);
    auto border = [&](int v) {
        const int c = columns[size_t(v)];
        if (c < 0) {
            std::fill_n(line + 4 * v, 4, 0.0f);
            opaque = false;
        } else {
            opaque = decodeRow(job.source, job.codec, row, c, 1, line + 4 * v) && opaque;
        }
    };
    for (int v = 0; v < begin; ++v)
        border(v);
    for (int v = end; v < count; ++v)
        border(v);
    return opaque;
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
    const size_t lineFloats = separable ? size_t(job.out.width()) * 4 : job.columns.size() * 4;
    float *line = s.ring.data() + size_t(slot) * lineFloats;
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
    if (!s.ring.empty())
        return;
    const int slotCount = job.plan.kernel.height() + GroupRows - 1;
    const size_t padded = job.columns.size() * 4;
    const bool separable = job.plan.path == ConvolutionPlan::Path::Separable;
    const size_t lineFloats = separable ? size_t(job.out.width()) * 4 : padded;
    s.decoded.assign(padded, 0.0f);
    s.ring.assign(lineFloats * size_t(slotCount), 0.0f);
    s.zero.assign(padded, 0.0f);
    s.sums.assign(size_t(job.out.width()) * 4 * GroupRows, 0.0f);
    s.lines.assign(size_t(slotCount), nullptr);
    s.ringLines.assign(size_t(slotCount), nullptr);
    s.ringOpaque.assign(size_t(slotCount), 0);
}

bool decodePaddedFixed(const BandJob &job, int row, std::uint16_t *line)
{
    const std::vector<int> &columns = job.columns;
    const int count = int(columns.size()), shift = job.plan.fixed.inputShift;
    const int first = job.out.left() - job.plan.kernel.anchorX();
    const int begin = std::clamp(-first, 0, count), end = std::clamp(job.source.width() - first, begin, count);
    const uchar *pixels = job.source.constScanLine(row);
    bool opaque = end > begin && simdKernels().fixedDecode(pixels + 4 * (first + begin), end - begin, shift,
                                                           line + 4 * begin);
    auto border = [&](int v) {
        const int c = columns[size_t(v)];
        for (int i = 0; i < 4; ++i)
            line[4 * v + i] = c < 0 ? 0 : std::uint16_t(pixels[4 * c + i] << shift);
        opaque = opaque && c >= 0 && pixels[4 * c + 3] == 255;
    };
    for (int v = 0; v < begin; ++v)
        border(v);
    for (int v = end; v < count; ++v)
        border(v);
    return opaque;
}

void prepareFixed(const BandJob &job, BandScratch &s)
{
    if (!s.fixedRing.empty())
        return;
    const int slotCount = job.plan.kernel.height() + GroupRows - 1;
    const size_t count = size_t(job.out.width()) * 4;
    s.fixedDecoded.assign(job.columns.size() * 4, 0);
    s.fixedRing.assign(count * size_t(slotCount), 0);
    s.fixedZero.assign(count, 0);
    s.fixedSums.assign(count * GroupRows, 0);
    s.fixedLines.assign(size_t(slotCount), nullptr);
    s.fixedRingLines.assign(size_t(slotCount), nullptr);
}

// The fixed-point band: the float band's structure on 16-bit lines. Returns false, having
// written rows it will not vouch for, when premultiplied colour met a pixel that is not
// opaque (the float band then redoes it).
bool filterBandFixed(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    prepareFixed(job, s);
    const ConvolutionPlan::Fixed &f = job.plan.fixed;
    const bool needOpaque = job.codec.alpha == AlphaMode::Premultiplied;
    const int height = job.plan.kernel.height(), slotCount = height + GroupRows - 1;
    const int count = job.out.width() * 4;
    const SimdKernels &simd = simdKernels();
    int computed = y0;
    for (int y = y0; y < y1; y += GroupRows) {
        const int outputs = std::min(GroupRows, y1 - y);
        for (; computed < y + outputs + height - 1; ++computed) {
            const int slot = computed % slotCount, row = job.rows[size_t(computed)];
            if (row < 0) {
                s.fixedRingLines[size_t(slot)] = s.fixedZero.data();
                continue;
            }
            if (!decodePaddedFixed(job, row, s.fixedDecoded.data()) && needOpaque)
                return false;
            std::uint16_t *line = s.fixedRing.data() + size_t(slot) * size_t(count);
            simd.fixedRowPass(s.fixedDecoded.data(), f.rowTaps.data(), int(f.rowTaps.size()), f.fraction, count,
                              line);
            s.fixedRingLines[size_t(slot)] = line;
        }
        for (int l = 0; l < outputs + height - 1; ++l)
            s.fixedLines[size_t(l)] = s.fixedRingLines[size_t((y + l) % slotCount)];
        std::uint16_t *sums[GroupRows];
        for (int r = 0; r < GroupRows; ++r)
            sums[r] = s.fixedSums.data() + size_t(r) * size_t(count);
        simd.fixedColumnPass(s.fixedLines.data(), f.columnTaps.data(), height, f.fraction, outputs, count, sums);
        for (int r = 0; r < outputs; ++r) {
            const int outY = job.out.top() + y + r;
            uchar *out = target.scanLine(outY) + 4 * job.out.left();
            simd.fixedEncode(sums[r], count, f.outputShift, out);
            if (job.codec.alpha == AlphaMode::Ignore) {
                const uchar *original = job.source.constScanLine(outY) + 4 * job.out.left();
                for (int x = 0; x < job.out.width(); ++x)
                    out[4 * x + 3] = original[4 * x + 3];
            }
        }
    }
    return true;
}

} // namespace

void filterBand(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    if (job.fixedPath && filterBandFixed(job, y0, y1, s, target))
        return;
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
        float *sums[GroupRows];
        for (int r = 0; r < GroupRows; ++r)
            sums[r] = s.sums.data() + size_t(r) * size_t(count);
        if (p.path == ConvolutionPlan::Path::Separable)
            simdKernels().columnPass(s.lines.data(), p.columnTaps.data(), height, outputs, count, sums);
        else
            simdKernels().directPass(s.lines.data(), p.kernel.weights().data(), p.kernel.width(), height, outputs,
                                     count, sums);
        for (int r = 0; r < outputs; ++r) {
            bool allOpaque = true;
            for (int k = 0; k < height; ++k)
                allOpaque = allOpaque && s.ringOpaque[size_t((y + r + k) % slotCount)];
            encodeRow(sums[r], job.codec, job.params, job.source, job.out.top() + y + r, job.out.left(),
                      job.out.width(), allOpaque, target);
        }
    }
}

} // namespace ks::detail
