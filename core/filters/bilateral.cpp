// Bilateral smoothing: smooths flat areas and keeps edges, weighing each neighbour by its
// distance and by how close its colour is to the centre's.
#include "bandscheduler.h"
#include "borders.h"
#include "filtersettings.h"
#include "simd/nonlinearkernels.h"
#include "workimage.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
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

struct BilateralJob
{
    const QImage &source;
    PixelCodec codec;
    QRect out;
    int radius;
    std::vector<int> tapRow, tapColumn; // window row and column of each tap
    std::vector<float> tapLog2Weight;   // log2 of its spatial weight
    float scale;                        // (unit / colour factor)^2, unit = 255 / maxValue
    float power;                        // colour power
    std::vector<int> columns, rows;
    bool clampExponent = true; // whether a weight's exponent may fall below -126
};

struct Scratch
{
    std::vector<float> decoded;          // one row, interleaved, border columns included
    std::vector<float> planes;           // the band's rows, one plane per channel
    std::vector<std::ptrdiff_t> offsets; // each tap's offset in planes from the window's start
    std::vector<float> results;          // one output row, one plane per channel
    std::vector<float> sums;             // the same, interleaved for the encoder
};

// The band's rows become planar (R, G, B and A apart), so a vector holds one channel of
// consecutive pixels and the kernel (NonlinearKernels::bilateralRow) weighs them all at once.
// Alpha is averaged only where it is needed: AlphaMode::Ignore keeps the source's, and where
// every pixel the band reads is opaque every average is the maximum.
void bilateralBand(const BilateralJob &job, int y0, int y1, Scratch &s, QImage &target)
{
    constexpr int Pad = NonlinearKernels::VectorFloats;
    const int r = job.radius;
    const int width = job.out.width();
    const size_t paddedColumns = job.columns.size();
    const std::ptrdiff_t planeFloats = std::ptrdiff_t(paddedColumns) + Pad;
    const std::ptrdiff_t lineFloats = 4 * planeFloats;
    const int lineCount = y1 - y0 + 2 * r;
    s.decoded.resize(paddedColumns * 4);
    s.planes.assign(size_t(lineFloats) * size_t(lineCount), 0.0f);
    bool opaque = true;
    for (int j = 0; j < lineCount; ++j) {
        const int sourceRow = job.rows[size_t(y0 + j)];
        if (sourceRow < 0) {
            opaque = false;
            continue; // transparent: stays 0
        }
        opaque = decodePaddedRow(job.source, job.codec, sourceRow, job.out.left() - r, job.columns, s.decoded.data()) &&
                 opaque;
        float *plane = s.planes.data() + lineFloats * j;
        for (size_t i = 0; i < paddedColumns; ++i)
            for (size_t c = 0; c < 4; ++c)
                plane[std::ptrdiff_t(c) * planeFloats + std::ptrdiff_t(i)] = s.decoded[4 * i + c];
    }
    s.offsets.resize(job.tapRow.size());
    for (size_t t = 0; t < s.offsets.size(); ++t)
        s.offsets[t] = job.tapRow[t] * lineFloats + job.tapColumn[t];

    const bool averageAlpha = job.codec.alpha != AlphaMode::Ignore && !opaque;
    const size_t resultFloats = size_t(width) + Pad;
    s.results.resize(4 * resultFloats);
    s.sums.resize(4 * size_t(width));
    const std::array<float *, 4> results{s.results.data(), s.results.data() + resultFloats,
                                         s.results.data() + 2 * resultFloats, s.results.data() + 3 * resultFloats};
    // Opaque: every alpha is the maximum, so is every weighted average of them.
    std::fill_n(results[3], width, job.codec.maxValue);
    const BilateralTaps taps{int(s.offsets.size()), s.offsets.data(), job.tapLog2Weight.data()};
    const NonlinearKernels &kernels = nonlinearKernels();
    for (int y = 0; y < y1 - y0; ++y) {
        const BilateralRow row{.window = s.planes.data() + lineFloats * y,
                               .channelStride = planeFloats,
                               .centreOffset = r * lineFloats + r,
                               .width = width,
                               .scale = job.scale,
                               .k = 0.5f * std::numbers::log2e_v<float>,
                               .power = job.power,
                               .sixteenBit = job.codec.sixteenBit,
                               .alpha = averageAlpha,
                               .clampExponent = job.clampExponent,
                               .out = results.data()};
        kernels.bilateralRow(row, taps);
        for (int x = 0; x < width; ++x)
            for (size_t c = 0; c < 4; ++c)
                s.sums[4 * size_t(x) + c] = results[c][x];
        encodeRow(s.sums.data(), job.codec, EncodeParams{}, job.source, job.out.top() + y0 + y, job.out.left(), width,
                  opaque, target);
    }
}

// Each output pixel is sum(w * p) / sum(w) over the size x size window around it, with
// w = spatialWeights(size, spatial-factor, spatial-power)(dx, dy)
//     * exp(-(c / color-factor)^color-power / 2),
// c the Euclidean distance between the window pixel's and the centre pixel's (R, G, B)
// working values, in 8-bit units. Working values follow AlphaMode and linear light as in a
// convolution (premultiplied by default); alpha is averaged with the same weights unless
// AlphaMode::Ignore keeps it. Pixels outside the image are read per settings.border.
// Each weight is one power of two, 2^(log2 spatial - log2(e) / 2 * (c / colour factor)^power),
// from polynomials (relative error below 8e-5 for 8-bit, 2e-6 for 16-bit images), computed
// for a vector of pixels at once;
// results stay within one level of the exact double-precision sum and are the same at every
// SIMD level. Cost: size^2 weights per pixel.
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
    const double colorFactor = std::max(settings.value(u"color-factor"), 1e-6);
    BilateralJob job{source,
                     codec,
                     out,
                     r,
                     {},
                     {},
                     {},
                     float(std::pow(unit / colorFactor, 2.0)),
                     float(settings.value(u"color-power")),
                     borderIndices(out.left() - r, out.width() + 2 * r, source.width(), settings.border),
                     borderIndices(out.top() - r, out.height() + 2 * r, source.height(), settings.border)};
    // Weights that underflowed to zero add nothing; leaving them out changes no sum.
    for (int j = 0; j < spatial.height(); ++j)
        for (int i = 0; i < spatial.width(); ++i)
            if (spatial.at(i, j) > 0.0f) {
                job.tapRow.push_back(j);
                job.tapColumn.push_back(i);
                job.tapLog2Weight.push_back(float(std::log2(double(spatial.at(i, j)))));
            }

    // The most negative exponent a weight can have: the least spatial weight's log2 less the
    // colour term of the farthest colours (working values lie in [0, maxValue]). With some
    // margin for float rounding above -126, the kernel needs no clamp.
    double lowestLog2Spatial = 0.0;
    for (float log2Weight : job.tapLog2Weight)
        lowestLog2Spatial = std::min(lowestLog2Spatial, double(log2Weight));
    const double farthest = 3.0 * double(codec.maxValue) * double(codec.maxValue) * double(job.scale);
    const double largestColourTerm = 0.5 * std::numbers::log2e * std::pow(farthest, 0.5 * double(job.power));
    job.clampExponent = lowestLog2Spatial - largestColourTerm < -120.0;

    std::vector<Scratch> scratch(size_t(scheduler.workers()));
    // Each output pixel costs size^2 taps, so decoding the 2r rows a band shares with its
    // neighbours is small beside its work even for short bands.
    const int bandRows = 16;
    return scheduler.run(out.height(), bandRows, [&](int y0, int y1, int worker) {
        bilateralBand(job, y0, y1, scratch[size_t(worker)], target);
    });
}

constexpr ParamDeclaration Params[] = {
    {.key = "size",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Size"),
     .type = ParamType::Size,
     .minimum = 3,
     .maximum = 51,
     .defaultValue = 5,
     .unit = "px",
     .oddOnly = true,
     .decimals = 0,
     .preview = PreviewScaling::WithZoom},
    {.key = "spatial-factor",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Spatial factor"),
     .minimum = 0.1,
     .maximum = 1000,
     .defaultValue = 10,
     .unit = "px",
     .slider = SliderScale::Logarithmic,
     .sliderMinimum = 0.5,
     .sliderMaximum = 500,
     .decimals = 1,
     .preview = PreviewScaling::WithZoom},
    {.key = "spatial-power",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Spatial power"),
     .minimum = 0.1,
     .maximum = 10,
     .defaultValue = 2},
    {.key = "color-factor",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Colour factor"),
     .minimum = 0.1,
     .maximum = 1000,
     .defaultValue = 50,
     .unit = "levels",
     .slider = SliderScale::Logarithmic,
     .sliderMinimum = 0.5,
     .sliderMaximum = 500,
     .decimals = 1},
    {.key = "color-power",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Colour power"),
     .minimum = 0.1,
     .maximum = 10,
     .defaultValue = 2},
};

} // namespace

extern const FilterDeclaration bilateral{
    .name = "bilateral",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Bilateral smoothing"),
    .description = QT_TRANSLATE_NOOP(
        "ks::FilterDeclaration",
        "smooths and keeps edges: Σ w·p / Σ w over the window with w = exp(−½ (d / spatial-factor)"
        "^spatial-power) · exp(−½ (c / color-factor)^color-power), d the distance in pixels and c the "
        "Euclidean RGB distance from the centre pixel in 8-bit levels. Powers of 2 make both Gaussians; "
        "the factors are then their sigmas"),
    .params = Params,
    .kernelRole = KernelRole::SpatialWeights,
    .buildKernel = spatialKernel,
    .run = run,
};

} // namespace ks::filters
