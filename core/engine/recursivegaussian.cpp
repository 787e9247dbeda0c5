#include "recursivegaussian.h"

#include "alignedvector.h"
#include "borders.h"
#include "convolution.h"
#include "kernelbuilders.h"
#include "largebuffer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <complex>
#include <memory>
#include <new>

namespace ks::detail {

namespace {

using Complex = std::complex<double>;

// Deriche's fit of exp(-x^2 / 2) for x >= 0, in units of sigma:
// (a0 cos(w0 x) + a1 sin(w0 x)) exp(-b0 x) + (c0 cos(w1 x) + c1 sin(w1 x)) exp(-b1 x).
struct Term
{
    double cosine, sine, decay, frequency;
};
constexpr Term DericheTerms[2] = {{1.68, 3.735, 1.783, 0.6318}, {-0.6803, -0.2598, 1.723, 1.997}};

// Rows per horizontal band; columns per vertical band: its sweeps read rows 4 KB long, which
// the prefetchers follow (512 columns took 12 % longer at 3840x2160, 2048 no less), and keep
// 64 bytes of forward state per column plus one backward state per block of rows.
constexpr int RowsPerBand = 16;
constexpr int ColumnBandPixels = 1024;

// Columns per vertical band: about ColumnBandPixels, whole vectors of 4 pixels, in a multiple
// of the worker count so that none waits while another runs one band more. (A column's result
// does not depend on its band, so the bands may move with the workers.)
int columnBandPixels(int width, int workers)
{
    const int bands = BandScheduler::bandCount(BandScheduler::bandCount(width, ColumnBandPixels), workers) * workers;
    return (BandScheduler::bandCount(width, bands) + 3) / 4 * 4;
}

// Gray rows are blurred along the row four at a time, as the channels of one RGBA row: the
// horizontal kernel runs unchanged, on a quarter as many rows.
constexpr int GrayRowsPerRgbaRow = 4;

// The horizontal pass over gray rows [y0, y1): IirRows RGBA rows of four gray rows each at a
// time, through interleaved copies (hi and lo here; out overwrites hi). hiRows are the
// vertical pass's high bytes and receive the result.
void grayRowsPass(const std::vector<uchar *> &hiRows, const std::vector<uchar *> &loRows, int y0, int y1,
                  const IirLine &rowLine, const IirCoefficients &c, float *scratch, std::vector<uchar> &interleaved)
{
    constexpr int Rows = SimdKernels::IirRows, GrayRows = Rows * GrayRowsPerRgbaRow;
    const int width = rowLine.n;
    const size_t hiBytes = size_t(width) * 4, loBytes = size_t(width) * 2 + 2;
    // Then a spare row for the results of gray rows past the band's end.
    interleaved.resize(Rows * (hiBytes + loBytes) + size_t(width));
    uchar *spare = interleaved.data() + Rows * (hiBytes + loBytes);
    const SimdKernels &simd = simdKernels();
    for (int y = y0; y < y1; y += GrayRows) {
        const uchar *hi[Rows], *lo[Rows];
        uchar *out[Rows];
        for (int r = 0; r < Rows; ++r) {
            const uchar *grayHi[GrayRowsPerRgbaRow], *grayLo[GrayRowsPerRgbaRow];
            // Fewer rows left: the last is read again and its copies written nowhere.
            for (int k = 0; k < GrayRowsPerRgbaRow; ++k) {
                const int row = std::min(y + r * GrayRowsPerRgbaRow + k, y1 - 1);
                grayHi[k] = hiRows[size_t(row)];
                grayLo[k] = loRows[size_t(row)];
            }
            uchar *rgbaHi = interleaved.data() + size_t(r) * hiBytes;
            uchar *rgbaLo = interleaved.data() + Rows * hiBytes + size_t(r) * loBytes;
            simd.iirInterleaveGray(grayHi, grayLo, width, rgbaHi, rgbaLo);
            hi[r] = out[r] = rgbaHi;
            lo[r] = rgbaLo;
        }
        simd.iirRows(hi, lo, rowLine, c, scratch, out);
        for (int r = 0; r < Rows; ++r) {
            const int top = y + r * GrayRowsPerRgbaRow;
            if (top >= y1)
                break;
            uchar *gray[GrayRowsPerRgbaRow];
            for (int k = 0; k < GrayRowsPerRgbaRow; ++k)
                gray[k] = top + k < y1 ? hiRows[size_t(top + k)] : spare;
            simd.iirDeinterleaveGray(out[r], width, gray);
        }
    }
}

} // namespace

IirCoefficients recursiveGaussianCoefficients(double sigma)
{
    // Term k is Re(alpha_k z_k^n) with alpha = cosine - i sine and z = exp((-decay + i frequency) / sigma).
    Complex alpha[2], z[2];
    Complex gain = 0;
    for (int k = 0; k < 2; ++k) {
        alpha[k] = Complex(DericheTerms[k].cosine, -DericheTerms[k].sine);
        z[k] = std::exp(Complex(-DericheTerms[k].decay, DericheTerms[k].frequency) / sigma);
        // Forwards n >= 0 and backwards n >= 1: alpha (1 + z) / (1 - z) in all.
        gain += alpha[k] * (1.0 + z[k]) / (1.0 - z[k]);
    }
    IirCoefficients c{};
    for (int k = 0; k < 2; ++k) {
        const Complex a = alpha[k] / gain.real(), b = a * z[k], e = 1.0 / (1.0 - z[k]);
        c.zr[k] = float(z[k].real()), c.zi[k] = float(z[k].imag());
        c.ar[k] = float(a.real()), c.ai[k] = float(a.imag());
        c.br[k] = float(b.real()), c.bi[k] = float(b.imag());
        c.er[k] = float(e.real()), c.ei[k] = float(e.imag());
    }
    return c;
}

std::vector<int> recursiveLineIndex(int n, double sigma, BorderMode border, int *first)
{
    // exp(-1.72 x / sigma) < 1e-6 beyond 8 sigma: what lies further cannot move a level.
    const int pad = border == BorderMode::Reflect ? int(std::ceil(8.0 * sigma)) : 0;
    *first = pad;
    return borderIndices(-pad, n + 2 * pad, n, border);
}

double sigmaOf(const FilterSettings &settings)
{
    return settings.value(u"sigma");
}

bool recursiveGaussianAllowed(const QImage &engineImage, const FilterSettings &settings)
{
    if (!settings.filter().recursiveGaussian || sigmaOf(settings) < RecursiveGaussianMinSigma)
        return false;
    // One sigma for both directions: the recursion has no second one.
    if (const ParamDeclaration *sigmaY = settings.filter().param(u"sigma-y");
        sigmaY && settings.value(u"sigma-y") != 0 && settings.value(u"sigma-y") != sigmaOf(settings))
        return false;
    // The kernel's radius (the builder makes even sizes odd); cut inside +-3 sigma, it is not
    // the Gaussian the recursion approximates.
    const double sigma = sigmaOf(settings);
    const int given = settings.integer(u"size");
    const int size = given > 0 ? given : gaussianSizeForSigma(sigma);
    if (size / 2 < std::ceil(3.0 * sigma))
        return false;
    const QImage::Format format = engineImage.format();
    if (settings.region || settings.linearLight ||
        (format != QImage::Format_RGBA8888 && format != QImage::Format_Grayscale8))
        return false;
    return settings.border == BorderMode::Clamp || settings.border == BorderMode::Reflect;
}

bool recursiveGaussianApplies(const QImage &engineImage, const FilterSettings &settings)
{
    return settings.filter().recursiveGaussian && sigmaOf(settings) >= RecursiveGaussianCheaperSigma &&
           recursiveGaussianAllowed(engineImage, settings);
}

RecursiveBlur recursiveGaussianBlur(const QImage &source, const FilterSettings &settings, BandScheduler &scheduler,
                                    QImage &target)
{
    const IirCoefficients c = recursiveGaussianCoefficients(sigmaOf(settings));
    const int width = source.width(), height = source.height();
    const SimdKernels &simd = simdKernels();
    // Gray: the vertical pass filters every column on its own, so it takes each gray row as
    // an RGBA row of a quarter the width (QImage pads lines to 4 bytes: the last pixel's
    // spare bytes are read and written, never used).
    const bool gray = source.format() == QImage::Format_Grayscale8;
    const int columnPixels = gray ? (width + GrayRowsPerRgbaRow - 1) / GrayRowsPerRgbaRow : width;

    // The vertical pass leaves 8.4 fixed point: high bytes in target, the low nibbles here,
    // two to a byte (its rounding, 1/32 of a level, stays far inside the ±1 budget). The
    // horizontal pass reads both and overwrites the high bytes with the result, so the whole
    // blur needs half an image beyond the result. Vertical first: its sweeps read the source
    // again and again (up the band for the block states, then down and up every block).
    // Not zero-filled: every byte is written by the vertical pass before it is read.
    const LargeBuffer low = allocateLargeBuffer(size_t(columnPixels) * size_t(height) * 2);
    if (!low)
        throw std::bad_alloc();
    std::vector<const uchar *> sourceRows(static_cast<size_t>(height));
    std::vector<uchar *> hiRows(static_cast<size_t>(height)), loRows(static_cast<size_t>(height));
    for (int y = 0; y < height; ++y) {
        sourceRows[size_t(y)] = source.constScanLine(y);
        hiRows[size_t(y)] = target.scanLine(y);
        loRows[size_t(y)] = low.get() + size_t(y) * size_t(columnPixels) * 2;
    }

    int first = 0;
    const std::vector<int> rowIndex = recursiveLineIndex(height, sigmaOf(settings), settings.border, &first);
    const IirLine columnLine{rowIndex.data(), int(rowIndex.size()), first, height};
    std::vector<AlignedVector<float>> state(size_t(scheduler.workers()));
    const bool needsOpaque = settings.alpha == AlphaMode::Premultiplied && !gray; // gray has no alpha
    std::atomic<bool> transparent{false};
    const bool columnsDone = scheduler.run(
        columnPixels, columnBandPixels(columnPixels, scheduler.workers()),
        [&](int x0, int x1, int worker) {
            if (transparent)
                return; // the FIR runs instead
            AlignedVector<float> &s = state[size_t(worker)];
            s.resize(SimdKernels::iirColumnStateFloats(height, x1 - x0));
            const bool opaque =
                simd.iirColumns(sourceRows.data(), columnLine, c, x0, x1 - x0, s.data(), hiRows.data(), loRows.data());
            if (needsOpaque && !opaque)
                transparent = true;
        },
        0.5);
    if (transparent) {
        scheduler.takeBackProgress();
        return RecursiveBlur::Transparent;
    }
    if (!columnsDone)
        return RecursiveBlur::Cancelled;

    const std::vector<int> columns = recursiveLineIndex(width, sigmaOf(settings), settings.border, &first);
    const IirLine rowLine{columns.data(), int(columns.size()), first, width};
    if (gray) {
        std::vector<AlignedVector<float>> scratch(size_t(scheduler.workers()));
        std::vector<std::vector<uchar>> interleaved(size_t(scheduler.workers()));
        return scheduler.run(
                   height, SimdKernels::IirRows * GrayRowsPerRgbaRow,
                   [&](int y0, int y1, int worker) {
                       AlignedVector<float> &s = scratch[size_t(worker)];
                       s.resize(size_t(width) * SimdKernels::IirScratchFloats);
                       grayRowsPass(hiRows, loRows, y0, y1, rowLine, c, s.data(), interleaved[size_t(worker)]);
                   },
                   0.5)
                   ? RecursiveBlur::Done
                   : RecursiveBlur::Cancelled;
    }
    const bool keepAlpha = settings.alpha == AlphaMode::Ignore;
    std::vector<AlignedVector<float>> rowScratch(size_t(scheduler.workers()));
    std::vector<std::vector<uchar>> spare(size_t(scheduler.workers()));
    const bool rowsDone = scheduler.run(
        height, RowsPerBand,
        [&](int y0, int y1, int worker) {
            AlignedVector<float> &scratch = rowScratch[size_t(worker)];
            scratch.resize(size_t(width) * SimdKernels::IirScratchFloats);
            constexpr int Rows = SimdKernels::IirRows;
            for (int y = y0; y < y1; y += Rows) {
                const uchar *hi[Rows], *lo[Rows];
                uchar *out[Rows];
                // Fewer rows left: the last is read again and its copies written nowhere.
                for (int r = 0; r < Rows; ++r) {
                    const int row = std::min(y + r, y1 - 1);
                    hi[r] = hiRows[size_t(row)];
                    lo[r] = loRows[size_t(row)];
                    out[r] = hiRows[size_t(row)];
                    if (y + r >= y1) {
                        spare[size_t(worker)].resize(size_t(width) * 4);
                        out[r] = spare[size_t(worker)].data();
                    }
                }
                simd.iirRows(hi, lo, rowLine, c, scratch.data(), out);
            }
            if (keepAlpha)
                for (int y = y0; y < y1; ++y)
                    copyAlpha(sourceRows[size_t(y)], hiRows[size_t(y)], width);
        },
        0.5);
    return rowsDone ? RecursiveBlur::Done : RecursiveBlur::Cancelled;
}

} // namespace ks::detail
