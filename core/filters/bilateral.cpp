// Bilateral smoothing: smooths flat areas and keeps edges, weighing each neighbour by its
// distance and by how close its colour is to the centre's.
#include "bandscheduler.h"
#include "borders.h"
#include "filtersettings.h"
#include "workimage.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ks::filters {

using namespace detail;

namespace {

// The spatial weights: exp(-(r / factor)^power / 2) over an odd size x size grid, r the
// distance from the centre in pixels; the centre weighs 1.
Kernel spatialWeights(int size, double factor, double power)
{
    size = std::clamp(size | 1, 1, Kernel::MaxSide);
    factor = std::max(factor, 1e-6);
    const int radius = size / 2;
    std::vector<float> w(size_t(size) * size_t(size));
    for (int y = -radius; y <= radius; ++y)
        for (int x = -radius; x <= radius; ++x)
            w[size_t((y + radius) * size + x + radius)] =
                float(std::exp(-0.5 * std::pow(std::hypot(double(x), double(y)) / factor, power)));
    return Kernel(size, size, std::move(w));
}

Kernel spatialKernel(const FilterSettings &s)
{
    return spatialWeights(s.integer(u"size"), s.value(u"spatial-factor"), s.value(u"spatial-power"));
}


// exp(-(c / factor)^power / 2) for a colour distance c in 8-bit units, looked up from c^2.
// The table runs over c, not c^2, so it is equally fine near 0 for every power, with linear
// interpolation between entries at most 1/256 of the factor apart. It ends where the weight
// falls below 1e-12 (nothing a sum of at most 51 x 51 weights of up to 1 can see) or at the
// largest possible distance, sqrt(3) * 255.
class ColorWeights
{
public:
    ColorWeights(double factor, double power)
    {
        factor = std::max(factor, 1e-6);
        const double largest = std::sqrt(3.0) * 255.0 + 1.0;
        const double negligible = factor * std::pow(2.0 * std::log(1e12), 1.0 / power);
        const double end = std::min(largest, negligible);
        const int intervals = int(std::clamp(std::ceil(256.0 * end / factor), 4096.0, double(1 << 20)));
        m_table.resize(size_t(intervals) + 2); // one spare entry, so interpolation never reads past the end
        for (int i = 0; i <= intervals; ++i)
            m_table[size_t(i)] = float(std::exp(-0.5 * std::pow(i * end / intervals / factor, power)));
        m_table.back() = m_table[size_t(intervals)];
        m_scale = float(intervals / end);
        m_last = float(intervals);
    }

    float operator()(float squaredDistance) const
    {
        const float f = std::min(std::sqrt(squaredDistance) * m_scale, m_last);
        const int i = int(f);
        const float t = f - float(i);
        return m_table[size_t(i)] + t * (m_table[size_t(i) + 1] - m_table[size_t(i)]);
    }

private:
    std::vector<float> m_table;
    float m_scale = 1.0f;
    float m_last = 0.0f;
};

struct Tap
{
    int row;      // 0..size-1: window row
    int offset;   // in floats, from the window's left column
    float weight; // spatial weight
};

struct BilateralJob
{
    const QImage &source;
    PixelCodec codec;
    QRect out;
    int radius;
    std::vector<Tap> taps;
    ColorWeights color;
    float distanceScale2; // (255 / maxValue)^2: distances in 8-bit units
    std::vector<int> columns, rows;
};

struct Scratch
{
    std::vector<float> lines; // the band's rows, border columns included
    std::vector<float> sums;  // one output row
};

void bilateralBand(const BilateralJob &job, int y0, int y1, Scratch &s, QImage &target)
{
    const int r = job.radius, size = 2 * r + 1;
    const size_t lineFloats = job.columns.size() * 4;
    const int lineCount = y1 - y0 + 2 * r;
    s.lines.resize(lineFloats * size_t(lineCount));
    for (int j = 0; j < lineCount; ++j) {
        float *line = s.lines.data() + lineFloats * size_t(j);
        const int sourceRow = job.rows[size_t(y0 + j)];
        if (sourceRow < 0)
            std::fill(line, line + lineFloats, 0.0f);
        else
            decodePaddedRow(job.source, job.codec, sourceRow, job.out.left() - r, job.columns, line);
    }

    const int width = job.out.width();
    s.sums.resize(size_t(width) * 4);
    std::vector<const float *> window(static_cast<size_t>(size));
    for (int y = 0; y < y1 - y0; ++y) {
        for (int j = 0; j < size; ++j)
            window[size_t(j)] = s.lines.data() + lineFloats * size_t(y + j);
        for (int x = 0; x < width; ++x) {
            const float *centre = window[size_t(r)] + 4 * size_t(x + r);
            const float cr = centre[0], cg = centre[1], cb = centre[2];
            float sr = 0.0f, sg = 0.0f, sb = 0.0f, sa = 0.0f, total = 0.0f;
            for (const Tap &tap : job.taps) {
                const float *p = window[size_t(tap.row)] + 4 * size_t(x) + size_t(tap.offset);
                const float dr = p[0] - cr, dg = p[1] - cg, db = p[2] - cb;
                const float w = tap.weight * job.color((dr * dr + dg * dg + db * db) * job.distanceScale2);
                sr += w * p[0];
                sg += w * p[1];
                sb += w * p[2];
                sa += w * p[3];
                total += w;
            }
            // total >= 1: the centre pixel weighs 1 in space and in colour.
            float *sum = s.sums.data() + 4 * size_t(x);
            sum[0] = sr / total;
            sum[1] = sg / total;
            sum[2] = sb / total;
            sum[3] = sa / total;
        }
        encodeRow(s.sums.data(), job.codec, EncodeParams{}, job.source, job.out.top() + y0 + y, job.out.left(), width,
                  false, target);
    }
}

// Each output pixel is sum(w * p) / sum(w) over the size x size window around it, with
// w = spatialWeights(size, spatial-factor, spatial-power)(dx, dy)
//     * exp(-(c / color-factor)^color-power / 2),
// c the Euclidean distance between the window pixel's and the centre pixel's (R, G, B)
// working values, in 8-bit units. Working values follow AlphaMode and linear light as in a
// convolution (premultiplied by default); alpha is averaged with the same weights unless
// AlphaMode::Ignore keeps it. Pixels outside the image are read per settings.border.
// The colour weight comes from an interpolated table; results stay within one level of the
// exact double-precision sum. Cost: size^2 weights per pixel.
//
// source and target are engine-layout images (RGBA8888 or RGBA64) of the same size; only the
// pixels inside `out` are written. Runs in bands on `scheduler`; false when cancelled.
Result<bool> run(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                 QImage &target)
{
    const Kernel spatial = spatialKernel(settings);
    const int r = spatial.width() / 2;
    const PixelCodec codec = codecFor(source, settings);
    const float unit = 255.0f / codec.maxValue;
    BilateralJob job{source,
                     codec,
                     out,
                     r,
                     {},
                     ColorWeights(settings.value(u"color-factor"), settings.value(u"color-power")),
                     unit * unit,
                     borderIndices(out.left() - r, out.width() + 2 * r, source.width(), settings.border),
                     borderIndices(out.top() - r, out.height() + 2 * r, source.height(), settings.border)};
    // Weights that underflowed to zero add nothing; leaving them out changes no sum.
    for (int j = 0; j < spatial.height(); ++j)
        for (int i = 0; i < spatial.width(); ++i)
            if (spatial.at(i, j) > 0.0f)
                job.taps.push_back({j, 4 * i, spatial.at(i, j)});

    std::vector<Scratch> scratch(size_t(scheduler.workers()));
    // Each output pixel costs size^2 taps, so decoding the 2r rows a band shares with its
    // neighbours is small beside its work even for short bands.
    const int bandRows = 16;
    return scheduler.run(out.height(), bandRows, [&](int y0, int y1, int worker) {
        bilateralBand(job, y0, y1, scratch[size_t(worker)], target);
    });
}

constexpr ParamDeclaration Params[] = {
    {.key = "size", .label = "Size", .type = ParamType::Size, .minimum = 3, .maximum = 51, .defaultValue = 5,
     .unit = "px", .oddOnly = true, .decimals = 0, .preview = PreviewScaling::WithZoom},
    {.key = "spatial-factor", .label = "Spatial factor", .minimum = 0.1, .maximum = 1000, .defaultValue = 10,
     .unit = "px", .slider = SliderScale::Logarithmic, .sliderMinimum = 0.5, .sliderMaximum = 500, .decimals = 1,
     .preview = PreviewScaling::WithZoom},
    {.key = "spatial-power", .label = "Spatial power", .minimum = 0.1, .maximum = 10, .defaultValue = 2},
    {.key = "color-factor", .label = "Colour factor", .minimum = 0.1, .maximum = 1000, .defaultValue = 50,
     .unit = "levels", .slider = SliderScale::Logarithmic, .sliderMinimum = 0.5, .sliderMaximum = 500, .decimals = 1},
    {.key = "color-power", .label = "Colour power", .minimum = 0.1, .maximum = 10, .defaultValue = 2},
};

} // namespace

extern const FilterDeclaration bilateral{
    .name = "bilateral",
    .displayName = "Bilateral smoothing",
    .description = "smooths and keeps edges: Σ w·p / Σ w over the window with w = exp(−½ (d / spatial-factor)"
                   "^spatial-power) · exp(−½ (c / color-factor)^color-power), d the distance in pixels and c the "
                   "Euclidean RGB distance from the centre pixel in 8-bit levels. Powers of 2 make both Gaussians; "
                   "the factors are then their sigmas",
    .params = Params,
    .kernelRole = KernelRole::SpatialWeights,
    .buildKernel = spatialKernel,
    .run = run,
};

} // namespace ks::filters
