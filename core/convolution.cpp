#include "convolution.h"

#include <algorithm>
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

void prepare(const BandJob &job, BandScratch &s)
{
    const int height = job.plan.kernel.height();
    if (!s.ring.empty())
        return;
    const size_t padded = job.columns.size() * 4;
    const bool separable = job.plan.path == ConvolutionPlan::Path::Separable;
    const size_t lineFloats = separable ? size_t(job.out.width()) * 4 : padded;
    s.decoded.assign(padded, 0.0f);
    s.ring.assign(lineFloats * size_t(height), 0.0f);
    s.zero.assign(padded, 0.0f);
    s.sums.assign(size_t(job.out.width()) * 4, 0.0f);
    s.lines.assign(size_t(height), nullptr);
}

} // namespace

void filterBand(const BandJob &job, int y0, int y1, BandScratch &s, QImage &target)
{
    prepare(job, s);
    const ConvolutionPlan &p = job.plan;
    const int height = p.kernel.height();
    const int count = job.out.width() * 4;
    // Lines stream through a ring of kernel-height slots: each is computed once per band and
    // read while still in cache. Virtual row v lives in slot v % height.
    // Each slot remembers whether its source row was all opaque: output rows that read only
    // opaque pixels skip the premultiplied divide.
    std::vector<const float *> ring(size_t(height), nullptr);
    std::vector<char> opaque(size_t(height), 0);
    for (int v = y0; v < y1 + height - 1; ++v) {
        bool lineOpaque = false;
        ring[size_t(v % height)] = lineFor(job, v, v % height, s, lineOpaque);
        opaque[size_t(v % height)] = lineOpaque;
        const int y = v - (height - 1);
        if (y < y0)
            continue;
        bool allOpaque = true;
        for (int k = 0; k < height; ++k) {
            s.lines[size_t(k)] = ring[size_t((y + k) % height)];
            allOpaque = allOpaque && opaque[size_t((y + k) % height)];
        }
        if (p.path == ConvolutionPlan::Path::Separable)
            simdKernels().columnPass(s.lines.data(), p.columnTaps.data(), height, p.columnSymmetric, count,
                                     s.sums.data());
        else
            simdKernels().directPass(s.lines.data(), p.kernel.weights().data(), p.kernel.width(), height, count,
                                     s.sums.data());
        const int outY = job.out.top() + y;
        encodeRow(s.sums.data(), job.codec, job.params, job.source, outY, job.out.left(), job.out.width(), allOpaque,
                  target);
    }
}

} // namespace ks::detail
