// Wiener deconvolution, of a given (real or complex) kernel, of a Gaussian and of a motion
// streak: undoes a blur in the frequency domain (FFTW: single precision for 8-bit images,
// double for 16-bit).
#include "bandscheduler.h"
#include "borders.h"
#include "commonparams.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "workimage.h"

#include <fftw3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <memory>
#include <mutex>
#include <new>
#include <numbers>
#include <vector>

// Conventions of this file:
// - H is the frequency response of the blur exactly as the engine applies settings.kernel()
//   (correlation: weight (i, j) reads the pixel at (x - anchorX + i, y - anchorY + j)), so a
//   Custom convolution followed by a Deconvolution with the same kernel undoes it, also for
//   kernels that are not symmetric. That is the DFT of the kernel mirrored about its anchor,
//   the anchor at the origin: the result is not shifted.
// - The kernel is normalised to sum 1 (its factor applied first, its bias ignored: a constant
//   offset is not part of a blur). A complex kernel real + i * imaginary is divided by its
//   complex sum, so H(0) = 1 and the image keeps its mean brightness and gets no global phase;
//   a zero sum (real or complex) leaves the kernel as it is. An imaginary part that is all
//   zeros is a real kernel.
// - The result is the real part of the inverse transform. For a complex kernel that is the
//   inverse of the Hermitian part of the filter, (A(w) + conj(A(-w))) / 2, which lets every
//   transform be a real-to-complex one.
// - Padding: Wrap deconvolves the image as the tile it says it is (the transform is exactly
//   the image's size). The other modes extend the image after its right and bottom edges
//   (which the transform's periodicity also puts before its left and top edges): 2 * kernel
//   extent of plain border extension next to each edge, then a raised-cosine blend from the
//   extension of one edge to that of the opposite edge, so the periodic image has no seam to
//   ring at; the blend takes what is left up to an FFT-friendly size (2^a 3^b 5^c 7^d).
// - Grayscale deconvolves Rec. 601 luma (0.299 R + 0.587 G + 0.114 B, the weights of
//   gamma-encoded video and of qGray) of the working values and adds each pixel's luma change
//   to R, G and B alike, which keeps the differences between channels (chroma).
namespace ks::filters {

using namespace detail;

namespace {

// FFTW's planner keeps global state: only the fftwf_execute functions may run concurrently,
// and Engine::apply may run on several threads at once, so plans are made and destroyed in turn.
std::mutex &plannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

// FFTW's two precisions behind one interface: float (fftwf_, the default) and double (fftw_,
// for 16-bit images, where single precision cannot hold +-1 at low snr).
template <typename Real> struct Fftw;

// The plans are batches of 1-D transforms ("many" interface): `count` rows of `n` reals to
// n/2 + 1 complex cells in place (row r at r * rowDistance reals), or `count` adjacent
// columns of n complex cells, `stride` cells apart.
template <> struct Fftw<float>
{
    using Complex = fftwf_complex;
    using Plan = fftwf_plan;
    static void *malloc(size_t bytes) { return fftwf_malloc(bytes); }
    static void free(void *p) { fftwf_free(p); }
    static Plan rowsPlan(int n, int count, int rowDistance, float *data, bool forward)
    {
        auto *cells = reinterpret_cast<Complex *>(data);
        return forward ? fftwf_plan_many_dft_r2c(1, &n, count, data, nullptr, 1, rowDistance, cells, nullptr, 1,
                                                 rowDistance / 2, FFTW_ESTIMATE)
                       : fftwf_plan_many_dft_c2r(1, &n, count, cells, nullptr, 1, rowDistance / 2, data, nullptr, 1,
                                                 rowDistance, FFTW_ESTIMATE);
    }
    static Plan columnsPlan(int n, int count, int stride, float *data, bool forward)
    {
        auto *cells = reinterpret_cast<Complex *>(data);
        return fftwf_plan_many_dft(1, &n, count, cells, nullptr, stride, 1, cells, nullptr, stride, 1,
                                   forward ? FFTW_FORWARD : FFTW_BACKWARD, FFTW_ESTIMATE);
    }
    static void execute(Plan plan, bool realRows, bool forward, float *data)
    {
        auto *cells = reinterpret_cast<Complex *>(data);
        if (!realRows)
            fftwf_execute_dft(plan, cells, cells);
        else if (forward)
            fftwf_execute_dft_r2c(plan, data, cells);
        else
            fftwf_execute_dft_c2r(plan, cells, data);
    }
    static void destroy(Plan plan) { fftwf_destroy_plan(plan); }
};

template <> struct Fftw<double>
{
    using Complex = fftw_complex;
    using Plan = fftw_plan;
    static void *malloc(size_t bytes) { return fftw_malloc(bytes); }
    static void free(void *p) { fftw_free(p); }
    static Plan rowsPlan(int n, int count, int rowDistance, double *data, bool forward)
    {
        auto *cells = reinterpret_cast<Complex *>(data);
        return forward ? fftw_plan_many_dft_r2c(1, &n, count, data, nullptr, 1, rowDistance, cells, nullptr, 1,
                                                rowDistance / 2, FFTW_ESTIMATE)
                       : fftw_plan_many_dft_c2r(1, &n, count, cells, nullptr, 1, rowDistance / 2, data, nullptr, 1,
                                                rowDistance, FFTW_ESTIMATE);
    }
    static Plan columnsPlan(int n, int count, int stride, double *data, bool forward)
    {
        auto *cells = reinterpret_cast<Complex *>(data);
        return fftw_plan_many_dft(1, &n, count, cells, nullptr, stride, 1, cells, nullptr, stride, 1,
                                  forward ? FFTW_FORWARD : FFTW_BACKWARD, FFTW_ESTIMATE);
    }
    static void execute(Plan plan, bool realRows, bool forward, double *data)
    {
        auto *cells = reinterpret_cast<Complex *>(data);
        if (!realRows)
            fftw_execute_dft(plan, cells, cells);
        else if (forward)
            fftw_execute_dft_r2c(plan, data, cells);
        else
            fftw_execute_dft_c2r(plan, cells, data);
    }
    static void destroy(Plan plan) { fftw_destroy_plan(plan); }
};

template <typename Real> struct FftwFree
{
    void operator()(Real *p) const { Fftw<Real>::free(p); }
};
template <typename Real> using FftwBuffer = std::unique_ptr<Real[], FftwFree<Real>>;

template <typename Real> FftwBuffer<Real> allocate(size_t count)
{
    auto *p = static_cast<Real *>(Fftw<Real>::malloc(count * sizeof(Real)));
    if (!p)
        throw std::bad_alloc();
    return FftwBuffer<Real>(p);
}

// An in-place 2-D real transform of rows x columns cut into bands the engine's workers share:
// the forward one is a real-to-complex transform of each row, then a complex transform of
// each column of the half spectrum; the inverse undoes them in the opposite order. A band is
// RowBand rows or ColumnBand columns of one plane (the last band of each may be shorter);
// FFTW's 2-D plans do the same passes, in one thread. Every band of every plane runs through
// the new-array interface on plans made once per run; planes come from FFTW's malloc and
// bands start at multiples of 64 bytes, so every buffer has the alignment the plans expect.
template <typename Real> class BandedTransform
{
    using F = Fftw<Real>;

public:
    static constexpr int RowBand = 16;
    static constexpr int ColumnBand = 16; // 16 columns of about 1000 cells stay in L2

    BandedTransform(int rows, int columns, Real *buffer) : m_rows(rows), m_columns(columns)
    {
        m_cells = columns / 2 + 1;
        std::lock_guard lock(plannerMutex());
        // FFTW_ESTIMATE: planning neither measures nor touches the buffer.
        for (int forward = 0; forward < 2; ++forward) {
            for (int last = 0; last < 2; ++last) {
                const int rowCount = last ? (rows % RowBand) : std::min(rows, RowBand);
                const int columnCount = last ? (m_cells % ColumnBand) : std::min(m_cells, ColumnBand);
                if (rowCount > 0)
                    m_plans[index(true, forward, last)] = F::rowsPlan(columns, rowCount, 2 * m_cells, buffer, forward);
                if (columnCount > 0)
                    m_plans[index(false, forward, last)] = F::columnsPlan(rows, columnCount, m_cells, buffer, forward);
            }
        }
        for (int realRows = 0; realRows < 2; ++realRows)
            for (int forward = 0; forward < 2; ++forward)
                if (!m_plans[index(realRows, forward, false)])
                    m_valid = false;
    }
    ~BandedTransform()
    {
        std::lock_guard lock(plannerMutex());
        for (auto plan : m_plans)
            if (plan)
                F::destroy(plan);
    }
    BandedTransform(const BandedTransform &) = delete;
    BandedTransform &operator=(const BandedTransform &) = delete;

    bool valid() const { return m_valid; }
    int rowBands() const { return (m_rows + RowBand - 1) / RowBand; }
    int columnBands() const { return (m_cells + ColumnBand - 1) / ColumnBand; }

    // Band `band` of the rows pass (realRows) or of the columns pass of one plane.
    void run(Real *plane, bool realRows, bool forward, int band) const
    {
        const int size = realRows ? RowBand : ColumnBand;
        const int total = realRows ? m_rows : m_cells;
        const bool last = (band + 1) * size > total;
        Real *start =
            plane + (realRows ? size_t(band) * size_t(size) * size_t(2 * m_cells) : 2 * size_t(band) * size_t(size));
        F::execute(m_plans[index(realRows, forward, last)], realRows, forward, start);
    }

private:
    static int index(bool realRows, bool forward, bool last)
    {
        return int(realRows) * 4 + int(forward) * 2 + int(last);
    }

    int m_rows, m_columns, m_cells;
    std::array<typename F::Plan, 8> m_plans{};
    bool m_valid = true;
};

bool fftFriendly(int n)
{
    for (int p : {2, 3, 5, 7})
        while (n % p == 0)
            n /= p;
    return n == 1;
}

int fftSize(int n)
{
    while (!fftFriendly(n))
        ++n;
    return n;
}

// A padding cell: a blend of two image coordinates (-1: transparent, zero).
struct MarginCell
{
    int from = -1;
    int to = -1;
    float weight = 0.0f; // of `to`
};

// One axis of the padded plane: the image's n cells, then size - n margin cells.
struct Axis
{
    int n = 0;
    int size = 0;
    std::vector<MarginCell> margin;
};

Axis makeAxis(int n, int kernelExtent, BorderMode border)
{
    Axis axis;
    axis.n = n;
    if (border == BorderMode::Wrap) {
        axis.size = n;
        return axis;
    }
    // Guards of twice the kernel: the inverse filter reaches further than the blur did.
    const int guard = 2 * kernelExtent;
    const int minimumBlend = std::max(2 * kernelExtent, 16);
    axis.size = fftSize(n + 2 * guard + minimumBlend);
    const int m = axis.size - n;
    const int blend = m - 2 * guard;
    axis.margin.resize(size_t(m));
    for (int t = 0; t < m; ++t) {
        MarginCell &cell = axis.margin[size_t(t)];
        cell.from = borderIndex(n + t, n, border); // past the far edge
        cell.to = borderIndex(t - m, n, border);   // before the near edge, seen periodically
        if (t >= guard + blend)
            cell.weight = 1.0f;
        else if (t >= guard)
            cell.weight = float(0.5 - 0.5 * std::cos(std::numbers::pi * (t - guard + 0.5) / blend));
    }
    return axis;
}

inline float luma(const float *rgba)
{
    return 0.299f * rgba[0] + 0.587f * rgba[1] + 0.114f * rgba[2];
}

// The kernel to undo, normalised (see the top of the file); im is all zeros for a real kernel.
struct KernelParts
{
    std::vector<double> re, im; // normalised weights, row-major as the kernel
    bool complex = false;
};

KernelParts normalizedKernel(const FilterSettings &settings, const Kernel &kernel)
{
    KernelParts parts;
    const size_t count = kernel.weights().size();
    parts.re.resize(count);
    parts.im.assign(count, 0.0);
    double sumRe = 0.0, sumIm = 0.0;
    for (size_t i = 0; i < count; ++i) {
        parts.re[i] = double(kernel.weights()[i]) * kernel.factor();
        sumRe += parts.re[i];
    }
    const std::optional<Kernel> imaginary =
        settings.filter().param(u"imaginary") ? settings.kernelValue(u"imaginary") : std::nullopt;
    if (imaginary && imaginary->weights().size() == count) {
        for (size_t i = 0; i < count; ++i) {
            parts.im[i] = double(imaginary->weights()[i]) * imaginary->factor();
            sumIm += parts.im[i];
            parts.complex = parts.complex || parts.im[i] != 0.0;
        }
    }
    const std::complex<double> sum(sumRe, sumIm);
    if (std::abs(sum) < 1e-12)
        return parts;
    for (size_t i = 0; i < count; ++i) {
        if (!parts.complex) {
            parts.re[i] /= sumRe;
            continue;
        }
        const std::complex<double> w = std::complex<double>(parts.re[i], parts.im[i]) / sum;
        parts.re[i] = w.real();
        parts.im[i] = w.imag();
    }
    return parts;
}

// Undoes a blur by settings.kernel() (complex when the "imaginary" parameter is set), the kernel
// normalised to sum 1: F = brightness * G * conj(H) / (|H|^2 + snr), per colour channel, or on
// luma only when "grayscale" is on (chroma kept). The image is padded per settings.border
// before the transform so that its edges do not ring more than they must (Wrap: no padding,
// the image is one tile of a periodic plane); alpha is kept. H is the response of the blur as
// the engine's convolution applies the kernel, anchor at the origin, so the result is not
// shifted; with a complex kernel the result is the real part.
// Working values follow AlphaMode and linear light as in a convolution.
//
// source and target are engine-layout images (RGBA8888 or RGBA64) of the same size; only the
// pixels inside `out` are written. Uses `scheduler`'s workers (the transforms in bands of rows and
// columns of every channel at once, see BandedTransform); false when cancelled.
// Throws std::bad_alloc when the transform buffers cannot be had; fails when FFTW cannot plan.
template <typename Real>
Result<bool> runInPrecision(const QImage &source, const FilterSettings &settings, const QRect &out,
                            BandScheduler &scheduler, QImage &target)
{
    const bool grayscale = settings.flag(u"grayscale");
    const PixelCodec codec = codecFor(source, settings);
    const Kernel kernel = settings.kernel();
    const KernelParts parts = normalizedKernel(settings, kernel);
    const Axis columns = makeAxis(source.width(), kernel.width(), settings.border);
    const Axis rows = makeAxis(source.height(), kernel.height(), settings.border);
    const int nx = columns.size, ny = rows.size;
    const int halfWidth = nx / 2 + 1;            // complex cells per spectrum row
    const size_t stride = size_t(2 * halfWidth); // reals per row, in place
    const size_t planeFloats = stride * size_t(ny);

    const int channels = grayscale ? 1 : 3;
    std::vector<FftwBuffer<Real>> planes;
    for (int c = 0; c < channels; ++c)
        planes.push_back(allocate<Real>(planeFloats));
    FftwBuffer<Real> kernelRe = allocate<Real>(planeFloats);
    FftwBuffer<Real> kernelIm = parts.complex ? allocate<Real>(planeFloats) : FftwBuffer<Real>();
    const BandedTransform<Real> transform(ny, nx, planes[0].get());
    if (!transform.valid())
        return Failure{
            QStringLiteral("%1: FFTW could not plan a %2x%3 transform").arg(settings.filter().name).arg(nx).arg(ny)};

    const int width = source.width(), height = source.height();
    std::vector<std::vector<float>> decoded(size_t(scheduler.workers()), std::vector<float>(4 * size_t(width)));

    // Image rows, extended to the right.
    auto fillRows = [&](int y0, int y1, int worker) {
        float *px = decoded[size_t(worker)].data();
        for (int y = y0; y < y1; ++y) {
            decodeRow(source, codec, y, 0, width, px);
            for (int c = 0; c < channels; ++c) {
                Real *row = planes[size_t(c)].get() + size_t(y) * stride;
                for (int x = 0; x < width; ++x)
                    row[x] = grayscale ? luma(px + 4 * x) : px[4 * x + c];
                for (int x = width; x < nx; ++x) {
                    const MarginCell &cell = columns.margin[size_t(x - width)];
                    const Real from = cell.from < 0 ? Real(0) : row[cell.from];
                    const Real to = cell.to < 0 ? Real(0) : row[cell.to];
                    row[x] = (Real(1) - cell.weight) * from + Real(cell.weight) * to;
                }
            }
        }
    };
    // The margin rows below, blended from whole extended rows.
    auto fillMarginRows = [&](int t0, int t1, int) {
        for (int t = t0; t < t1; ++t) {
            const int y = height + t;
            const MarginCell &cell = rows.margin[size_t(t)];
            for (int c = 0; c < channels; ++c) {
                Real *plane = planes[size_t(c)].get();
                Real *row = plane + size_t(y) * stride;
                const Real *from = cell.from < 0 ? nullptr : plane + size_t(cell.from) * stride;
                const Real *to = cell.to < 0 ? nullptr : plane + size_t(cell.to) * stride;
                for (int x = 0; x < nx; ++x)
                    row[x] = (Real(1) - cell.weight) * (from ? from[x] : Real(0)) +
                             Real(cell.weight) * (to ? to[x] : Real(0));
            }
        }
    };
    // The kernel mirrored about its anchor, the anchor at the origin (see the top of the file).
    auto placeKernel = [&](Real *plane, const std::vector<double> &weights) {
        std::fill(plane, plane + planeFloats, Real(0));
        for (int j = 0; j < kernel.height(); ++j) {
            const int v = ((kernel.anchorY() - j) % ny + ny) % ny;
            for (int i = 0; i < kernel.width(); ++i) {
                const int u = ((kernel.anchorX() - i) % nx + nx) % nx;
                plane[size_t(v) * stride + size_t(u)] += Real(weights[size_t(j) * size_t(kernel.width()) + size_t(i)]);
            }
        }
    };
    // Every plane to transform: the channels, then the kernel's real and imaginary parts.
    std::vector<Real *> forwardPlanes;
    for (auto &plane : planes)
        forwardPlanes.push_back(plane.get());
    forwardPlanes.push_back(kernelRe.get());
    if (parts.complex)
        forwardPlanes.push_back(kernelIm.get());
    auto placeKernels = [&](int begin, int end, int) {
        for (int item = begin; item < end; ++item)
            placeKernel(item == 0 ? kernelRe.get() : kernelIm.get(), item == 0 ? parts.re : parts.im);
    };
    // One pass of the transform over `planeList`, band by band: all planes' bands are items of
    // one scheduler run, so two workers share three channels evenly.
    auto pass = [&](const std::vector<Real *> &planeList, bool realRows, bool forward, double share) {
        const int bands = realRows ? transform.rowBands() : transform.columnBands();
        return scheduler.run(
            int(planeList.size()) * bands, 1,
            [&](int begin, int end, int) {
                for (int item = begin; item < end; ++item)
                    transform.run(planeList[size_t(item / bands)], realRows, forward, item % bands);
            },
            share);
    };
    // G * A / (nx * ny): FFTW's inverse does not divide by the size.
    const double scale = settings.value(u"brightness") / (double(nx) * double(ny));
    const double snr = settings.value(u"snr");
    auto applyFilter = [&](int v0, int v1, int) {
        using C = std::complex<double>;
        for (int v = v0; v < v1; ++v) {
            const size_t offset = size_t(v) * stride;
            for (int u = 0; u < halfWidth; ++u) {
                const size_t k = offset + 2 * size_t(u);
                const C hr(kernelRe[k], kernelRe[k + 1]);
                C filter;
                if (!parts.complex) {
                    filter = std::conj(hr) / (std::norm(hr) + snr);
                } else {
                    // Half spectra of real inputs give the other half as conjugates.
                    const C hi(kernelIm[k], kernelIm[k + 1]);
                    const C h = hr + C(0.0, 1.0) * hi;
                    const C hMirror = std::conj(hr) + C(0.0, 1.0) * std::conj(hi);
                    filter = 0.5 * (std::conj(h) / (std::norm(h) + snr) + hMirror / (std::norm(hMirror) + snr));
                }
                filter *= scale;
                const Real fr = Real(filter.real()), fi = Real(filter.imag());
                for (int c = 0; c < channels; ++c) {
                    Real *g = planes[size_t(c)].get() + k;
                    const Real gr = g[0], gi = g[1];
                    g[0] = gr * fr - gi * fi;
                    g[1] = gr * fi + gi * fr;
                }
            }
        }
    };
    const std::vector<Real *> channelPlanes(forwardPlanes.begin(), forwardPlanes.begin() + channels);
    const EncodeParams params{1.0f, 0.0f, false}; // alpha is kept
    std::vector<std::vector<float>> sums(size_t(scheduler.workers()), std::vector<float>(4 * size_t(out.width())));
    auto writeRows = [&](int y0, int y1, int worker) {
        float *px = decoded[size_t(worker)].data();
        float *result = sums[size_t(worker)].data();
        for (int y = out.top() + y0; y < out.top() + y1; ++y) {
            const bool opaque = decodeRow(source, codec, y, out.left(), out.width(), px);
            for (int i = 0; i < out.width(); ++i) {
                const size_t at = size_t(y) * stride + size_t(out.left() + i);
                float *s = result + 4 * i;
                const float *p = px + 4 * i;
                if (grayscale) {
                    const float change = float(planes[0][at] - Real(luma(p)));
                    for (int c = 0; c < 3; ++c)
                        s[c] = p[c] + change;
                } else {
                    for (int c = 0; c < 3; ++c)
                        s[c] = float(planes[size_t(c)][at]);
                }
                s[3] = p[3];
            }
            encodeRow(result, codec, params, source, y, out.left(), out.width(), opaque, target);
        }
    };

    constexpr int RowBand = 32;
    // Wrap has no margin rows; an empty run would leave its share of the progress unreported.
    const bool marginRows = ny > height;
    return scheduler.run(height, RowBand, fillRows, marginRows ? 0.1 : 0.15) &&
           (!marginRows || scheduler.run(ny - height, RowBand, fillMarginRows, 0.05)) &&
           scheduler.run(parts.complex ? 2 : 1, 1, placeKernels, 0.02) && pass(forwardPlanes, true, true, 0.14) &&
           pass(forwardPlanes, false, true, 0.14) && scheduler.run(ny, RowBand, applyFilter, 0.1) &&
           pass(channelPlanes, false, false, 0.15) && pass(channelPlanes, true, false, 0.15) &&
           scheduler.run(out.height(), RowBand, writeRows, 0.15);
}

// Single precision holds 8-bit results to +-1; 16-bit ones at low snr need double (the
// filter's gain there reaches 1/snr, and float's 24 bits are not enough for 65535 levels).
Result<bool> run(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                 QImage &target)
{
    return codecFor(source, settings).sixteenBit ? runInPrecision<double>(source, settings, out, scheduler, target)
                                                 : runInPrecision<float>(source, settings, out, scheduler, target);
}

// The parameters every Wiener filter takes after its kernel's.
constexpr ParamDeclaration Snr{.key = "snr",
                               .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "SNR"),
                               .minimum = 0.00001,
                               .maximum = 10,
                               .defaultValue = 0.007,
                               .slider = SliderScale::Logarithmic,
                               .sliderMinimum = 0.0001,
                               .sliderMaximum = 0.1,
                               .decimals = 5};
constexpr ParamDeclaration Brightness{.key = "brightness",
                                      .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Brightness"),
                                      .minimum = 0.1,
                                      .maximum = 10,
                                      .defaultValue = 1.15};
constexpr ParamDeclaration Grayscale{.key = "grayscale",
                                     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Grayscale"),
                                     .type = ParamType::Switch,
                                     .minimum = 0,
                                     .maximum = 1,
                                     .defaultValue = 0};

Kernel blurToUndo()
{
    return ks::gaussian(5, 1.5); // the identity would undo nothing
}

constexpr ParamDeclaration KernelParams[] = {
    {.key = "kernel",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Kernel"),
     .type = ParamType::Kernel,
     .defaultKernel = blurToUndo},
    {.key = "imaginary",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Imaginary part"),
     .type = ParamType::Kernel},
    Snr,
    Brightness,
    Grayscale,
};
constexpr ParamDeclaration GaussParams[] = {GaussianSize, Sigma, Snr, Brightness, Grayscale};
constexpr ParamDeclaration MotionParams[] = {MotionLength, Sigma, Angle, Snr, Brightness, Grayscale};

Kernel givenKernel(const FilterSettings &s)
{
    return *s.kernelValue(u"kernel");
}

Kernel gaussianKernel(const FilterSettings &s)
{
    return ks::gaussian(s.integer(u"size"), s.value(u"sigma"));
}

Kernel streakKernel(const FilterSettings &s)
{
    return motionStreak(s.integer(u"size"), s.value(u"sigma"), s.value(u"angle"));
}

// A complex kernel's two parts must be the same size, and the kernel must have a sum.
Status checkImaginary(const FilterSettings &s)
{
    const std::optional<Kernel> &imaginary = s.kernelValue(u"imaginary");
    const Kernel &real = *s.kernelValue(u"kernel");
    if (imaginary && (imaginary->width() != real.width() || imaginary->height() != real.height()))
        return Failure{QStringLiteral("%1: the imaginary part is %2x%3 but the kernel is %4x%5; they must match")
                           .arg(s.filter().name)
                           .arg(imaginary->width())
                           .arg(imaginary->height())
                           .arg(real.width())
                           .arg(real.height())};
    // Undoing a blur divides by the kernel's sum; a sum of 0 (real and imaginary) would give a
    // black image without a word.
    double sumRe = 0.0, sumIm = 0.0, magnitude = 0.0;
    for (float w : real.weights()) {
        sumRe += double(w) * real.factor();
        magnitude += std::abs(double(w) * real.factor());
    }
    if (imaginary)
        for (float w : imaginary->weights()) {
            sumIm += double(w) * imaginary->factor();
            magnitude += std::abs(double(w) * imaginary->factor());
        }
    if (std::abs(std::complex<double>(sumRe, sumIm)) <= 1e-12 * std::max(magnitude, 1.0))
        return Failure{QStringLiteral("%1: the kernel's weights sum to 0, so it cannot be normalised to undo a blur")
                           .arg(s.filter().name)};
    return {};
}

} // namespace

extern const FilterDeclaration deconvolution{
    .name = "deconvolution",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Deconvolution (Wiener)"),
    .description = QT_TRANSLATE_NOOP(
        "ks::FilterDeclaration",
        "Wiener deconvolution: undoes a blur by the kernel (normalised to sum 1; complex when an "
        "imaginary part of the same size is given, as the reference's to_complex). F = brightness · G · "
        "H̄ / (|H|² + snr) per colour channel; snr is the noise-to-signal ratio (0.002–0.009 suits most "
        "8-bit images: lower restores more and rings more); grayscale deconvolves luma only and keeps "
        "each pixel's chroma. Runs on FFTW3 with the image padded per border mode"),
    .params = KernelParams,
    .kernelRole = KernelRole::BlurUndone,
    .buildKernel = givenKernel,
    .run = run,
    .readsWholeImage = true,
    .check = checkImaginary,
};

extern const FilterDeclaration gaussWiener{
    .name = "gauss-wiener",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Gaussian deconvolution (Gauss-Wiener)"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "deconvolution of gaussian(size, sigma)"),
    .params = GaussParams,
    .kernelRole = KernelRole::BlurUndone,
    .buildKernel = gaussianKernel,
    .run = run,
    .readsWholeImage = true,
};

extern const FilterDeclaration motionWiener{
    .name = "motion-wiener",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Motion deconvolution (Motion-Wiener)"),
    .description =
        QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                          "deconvolution of a motion streak: the motion line of that length and angle with a Gaussian "
                          "cross-section of sigma"),
    .params = MotionParams,
    .kernelRole = KernelRole::BlurUndone,
    .buildKernel = streakKernel,
    .run = run,
    .readsWholeImage = true,
};

} // namespace ks::filters
