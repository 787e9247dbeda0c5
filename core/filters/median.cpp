// Median: the per-channel median of a square window (removes speckle noise).
#include "bandscheduler.h"
#include "borders.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "simd/nonlinearkernels.h"
#include "workimage.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace ks::filters {

using namespace detail;

namespace {

// The largest window: the histograms' int16 counts hold up to 181 * 181.
constexpr int MaxSize = 101;

// Where a band reads and writes; fixed before the first band, shared read-only.
struct MedianJob
{
    const uchar *sourceBits;
    qsizetype sourceStride;
    int sourceWidth;
    uchar *targetBits;
    qsizetype targetStride;
    QRect out;
    int radius;
    int stride;               // values per pixel: 4 (RGBA), 1 (Grayscale8)
    int channels;             // the channels filtered: 1 for gray, 3 when alpha is copied, else 4
    std::vector<int> columns; // source column of virtual column i (out.left() - radius + i), or -1
    std::vector<int> rows;    // source row of virtual row j (out.top() - radius + j), or -1
};

// One channel of the pixels a band reads, borders already resolved (transparent reads 0), so
// the histogram code below never sees a border mode. The columns inside the image are read as
// one run (a copy for gray, a constant stride of four the compiler vectorises for RGBA); only
// the border columns go through job.columns.
template <typename Channel>
void extractPlane(const MedianJob &job, int channel, int firstRow, int rowCount, std::vector<Channel> &plane)
{
    const size_t width = job.columns.size();
    const int first = job.out.left() - job.radius; // the source column of virtual column 0
    const auto [begin, end] = insideRun(first, int(width), job.sourceWidth);
    plane.resize(width * size_t(rowCount));
    for (int j = 0; j < rowCount; ++j) {
        Channel *line = plane.data() + width * size_t(j);
        const int sourceRow = job.rows[size_t(firstRow + j)];
        if (sourceRow < 0) {
            std::fill(line, line + width, Channel(0));
            continue;
        }
        const auto *in = reinterpret_cast<const Channel *>(job.sourceBits + job.sourceStride * sourceRow) + channel;
        auto border = [&](size_t i) {
            const int x = job.columns[i];
            line[i] = x < 0 ? Channel(0) : in[job.stride * x];
        };
        for (int i = 0; i < begin; ++i)
            border(size_t(i));
        const Channel *inside = end > begin ? in + ptrdiff_t(job.stride) * (first + begin) : in;
        if (job.stride == 1)
            std::copy(inside, inside + (end - begin), line + begin);
        else
            for (int i = begin; i < end; ++i)
                line[i] = inside[4 * (i - begin)];
        for (size_t i = size_t(end); i < width; ++i)
            border(i);
    }
}

template <typename Channel> Channel *targetPixel(const MedianJob &job, int y, int x)
{
    return reinterpret_cast<Channel *>(job.targetBits + job.targetStride * y) + job.stride * x;
}

// 8-bit: Perreault and Hebert's constant-time median. Every virtual column keeps a histogram
// of its `size` values around the current row, moved down one row with one removal and one
// addition; the window histogram moves right by adding one column histogram and removing
// another. Both are two-level (16 coarse bins of 16 fine ones), cumulative so a rank's bin
// is one vector compare away: the coarse level is kept current at every step, and a fine bin
// is brought up to date only when the median lands in it, so a step costs a few 16-wide
// vector adds whatever the size (NonlinearKernels::medianColumns8, medianRow8).
struct Scratch8
{
    std::vector<std::uint8_t> plane;
    std::vector<std::int16_t> columnFine;   // 256 per virtual column
    std::vector<std::int16_t> columnCoarse; // 16 per virtual column
};

// Outputs per stripe of the 8-bit histogram median (see medianBand8).
constexpr int StripeWidth = 512;

// Outputs [x0, x1) of rows [y0, y1) of the band from its plane (virtual columns from x0).
void medianStripe8(const MedianJob &job, int y0, int y1, int x0, int x1, int channel, Scratch8 &s)
{
    const NonlinearKernels &kernels = nonlinearKernels();
    const int size = 2 * job.radius + 1;
    const size_t planeWidth = job.columns.size();
    const int columnCount = x1 - x0 + size - 1;
    auto line = [&](int j) { return s.plane.data() + size_t(j) * planeWidth + size_t(x0); };

    s.columnFine.assign(size_t(columnCount) * 256, 0);
    s.columnCoarse.assign(size_t(columnCount) * 16, 0);
    const MedianColumns8 columns{s.columnCoarse.data(), s.columnFine.data(), columnCount};
    for (int j = 0; j < size - 1; ++j) // the last row of the first window enters below
        kernels.medianColumns8(columns, line(j), nullptr);

    for (int y = 0; y < y1 - y0; ++y) {
        kernels.medianColumns8(columns, line(y + size - 1), y > 0 ? line(y - 1) : nullptr);
        std::uint8_t *out = targetPixel<std::uint8_t>(job, job.out.top() + y0 + y, job.out.left() + x0) + channel;
        kernels.medianRow8({columns.coarse, columns.fine, columnCount, size, x1 - x0, out, job.stride});
    }
}

// The band in stripes of StripeWidth outputs, so a stripe's fine column histograms (512
// bytes a column) stay in the core's cache as the rows go down; a stripe re-reads the
// size - 1 columns its left neighbour also read.
void medianBand8(const MedianJob &job, int y0, int y1, int channel, Scratch8 &s)
{
    extractPlane(job, channel, y0, y1 - y0 + 2 * job.radius, s.plane);
    const int width = job.out.width();
    const int stripes = (width + StripeWidth - 1) / StripeWidth;
    for (int k = 0; k < stripes; ++k) // stripes of equal width
        medianStripe8(job, y0, y1, width * k / stripes, width * (k + 1) / stripes, channel, s);
}

// 16-bit: column histograms of 65536 levels would need gigabytes, so this is Huang's
// sliding window along each row over a two-level (256 x 256) histogram: a step right moves
// 2 * size values, and the median is tracked from the previous one with the count of
// values below it, skipping whole coarse bins, so it rarely walks far.
struct Scratch16
{
    std::vector<std::uint16_t> plane;
    std::vector<std::uint16_t> fine;   // 65536
    std::vector<std::uint16_t> coarse; // 256
};

void medianBand16(const MedianJob &job, int y0, int y1, int channel, Scratch16 &s)
{
    const int r = job.radius, size = 2 * r + 1;
    const size_t planeWidth = job.columns.size();
    const int outWidth = job.out.width();
    const int rank = size * size / 2;
    extractPlane(job, channel, y0, y1 - y0 + 2 * r, s.plane);
    s.fine.resize(65536);
    s.coarse.resize(256);
    std::uint16_t *fine = s.fine.data();
    std::uint16_t *coarse = s.coarse.data();

    for (int y = 0; y < y1 - y0; ++y) {
        const std::uint16_t *top = s.plane.data() + size_t(y) * planeWidth;
        std::fill(s.fine.begin(), s.fine.end(), std::uint16_t(0));
        std::fill(s.coarse.begin(), s.coarse.end(), std::uint16_t(0));
        for (int j = 0; j < size; ++j)
            for (int i = 0; i < size; ++i) {
                const int v = top[size_t(j) * planeWidth + size_t(i)];
                ++fine[v];
                ++coarse[v >> 8];
            }

        // Invariant after each pixel: below = number of values < median, and
        // below <= rank < below + fine[median].
        int median = 0, below = 0;
        std::uint16_t *px = targetPixel<std::uint16_t>(job, job.out.top() + y0 + y, job.out.left()) + channel;
        for (int x = 0; x < outWidth; ++x, px += job.stride) {
            if (x > 0) {
                for (int j = 0; j < size; ++j) {
                    const std::uint16_t *line = top + size_t(j) * planeWidth;
                    const int gone = line[x - 1], come = line[x + size - 1];
                    --fine[gone];
                    --coarse[gone >> 8];
                    ++fine[come];
                    ++coarse[come >> 8];
                    below += (come < median) - (gone < median);
                }
            }
            while (below > rank) {
                if ((median & 255) == 0 && below - coarse[(median >> 8) - 1] > rank) {
                    below -= coarse[(median >> 8) - 1];
                    median -= 256;
                } else {
                    below -= fine[--median];
                }
            }
            while (below + fine[median] <= rank) {
                below += fine[median++];
                while ((median & 255) == 0 && below + coarse[median >> 8] <= rank) {
                    below += coarse[median >> 8];
                    median += 256;
                }
            }
            *px = std::uint16_t(median);
        }
    }
}

// Sizes 3 and 5: a min/max selection network per window, all channels of a vector of pixels
// at once (NonlinearKernels::median*; gray has its own, a value a lane). Cheaper than the histograms' constant cost
// while the window is this small. The network reads the source rows in place where a
// pixel's window columns are inside the image; only the few pixels near the left and right
// edges read copies with their borders resolved.
template <typename Channel> struct NetworkScratch
{
    std::vector<Channel> zeros; // a transparent row
    std::vector<Channel> edges; // padded copies of the window rows for edge pixels
};

template <typename Channel> using NetworkKernel = void (*)(const Channel *const *, int, Channel *);

// The output columns [first, last) whose window columns are consecutive source columns.
std::pair<int, int> inPlaceColumns(const MedianJob &job)
{
    const int r = job.radius, width = job.out.width();
    auto inPlace = [&](int x) {
        const int start = job.columns[size_t(x)];
        if (start < 0)
            return false;
        for (int k = 1; k <= 2 * r; ++k)
            if (job.columns[size_t(x + k)] != start + k)
                return false;
        return true;
    };
    int first = 0;
    while (first < width && !inPlace(first))
        ++first;
    int last = width;
    while (last > first && !inPlace(last - 1))
        --last;
    return {first, last};
}

template <typename Channel>
void networkRow(const MedianJob &job, int y, std::pair<int, int> inPlace, NetworkScratch<Channel> &s,
                NetworkKernel<Channel> median)
{
    const int r = job.radius, size = 2 * r + 1, width = job.out.width();
    std::array<const Channel *, 5> rows{}; // the window's source rows, in place
    for (int j = 0; j < size; ++j) {
        const int sourceRow = job.rows[size_t(y + j)];
        rows[size_t(j)] = sourceRow < 0
                              ? s.zeros.data()
                              : reinterpret_cast<const Channel *>(job.sourceBits + job.sourceStride * sourceRow);
    }
    Channel *out = targetPixel<Channel>(job, job.out.top() + y, job.out.left());
    const auto [first, last] = inPlace;
    if (last > first) {
        std::array<const Channel *, 5> lines{};
        const int left = job.columns[size_t(first)];
        for (int j = 0; j < size; ++j)
            lines[size_t(j)] = rows[size_t(j)] == s.zeros.data() ? s.zeros.data() : rows[size_t(j)] + job.stride * left;
        median(lines.data(), job.stride * (last - first), out + job.stride * first);
    }
    // The edges: outputs [x0, x1) from copies of their 2r + x1 - x0 window columns.
    auto edge = [&](int x0, int x1) {
        if (x1 <= x0)
            return;
        const int columns = x1 - x0 + 2 * r;
        const size_t stride = size_t(job.stride);
        s.edges.assign(stride * size_t(columns) * size_t(size), Channel(0));
        std::array<const Channel *, 5> lines{};
        for (int j = 0; j < size; ++j) {
            Channel *line = s.edges.data() + stride * size_t(columns) * size_t(j);
            for (int i = 0; i < columns; ++i)
                if (const int x = job.columns[size_t(x0 + i)]; x >= 0)
                    std::memcpy(line + stride * size_t(i), rows[size_t(j)] + stride * size_t(x),
                                stride * sizeof(Channel));
            lines[size_t(j)] = line;
        }
        median(lines.data(), job.stride * (x1 - x0), out + job.stride * x0);
    };
    edge(0, first);
    edge(std::max(first, last), width);
}

template <typename Channel>
void networkBand(const MedianJob &job, int y0, int y1, NetworkScratch<Channel> &s, NetworkKernel<Channel> median)
{
    s.zeros.assign(size_t(job.stride) * job.columns.size(), Channel(0));
    const std::pair<int, int> inPlace = inPlaceColumns(job);
    for (int y = y0; y < y1; ++y)
        networkRow(job, y, inPlace, s, median);
}

template <typename Channel> void copyAlphaRows(const MedianJob &job, int y0, int y1)
{
    for (int y = job.out.top() + y0; y < job.out.top() + y1; ++y) {
        const auto *in = reinterpret_cast<const Channel *>(job.sourceBits + job.sourceStride * y);
        copyAlpha(in + 4 * job.out.left(), targetPixel<Channel>(job, y, job.out.left()), job.out.width());
    }
}

// The per-channel median of the size x size window around each pixel (the "size" parameter, odd).
// Works on the stored channel values (straight colour, exact integers), so the result is
// exactly the naive sorted-window median. AlphaMode::Ignore copies alpha; the other modes
// filter alpha like the colour channels. Linear light cannot change a median (the transfer
// curve keeps order) and is ignored. Pixels outside the image are read per settings.border.
//
// source and target are engine-layout images (RGBA8888 or RGBA64), or opaque Grayscale8
// images (one channel: the declaration's runsOnGray), of the same size; only the
// pixels inside `out` are written. Runs in bands on `scheduler`; false when cancelled. Bands
// share nothing, so the result is the same for any thread count.
//
// Cost per pixel and channel: a fixed selection network for sizes 3 and 5 (vectors of pixels
// at once), else constant for 8-bit (sliding column histograms) and a few times size for
// 16-bit (a histogram sliding along each row); never a sort of the window.
Result<bool> run(const QImage &source, const FilterSettings &settings, const QRect &out, BandScheduler &scheduler,
                 QImage &target)
{
    const int size = std::clamp(settings.integer(u"size") | 1, 1, MaxSize);
    const int r = size / 2;
    // Raw pointers taken here, once: scanLine() on a shared target from several threads
    // would race in its detach check.
    const bool gray = source.format() == QImage::Format_Grayscale8;
    MedianJob job{source.constBits(),
                  source.bytesPerLine(),
                  source.width(),
                  target.bits(),
                  target.bytesPerLine(),
                  out,
                  r,
                  gray ? 1 : 4,
                  gray ? 1 : (settings.alpha == AlphaMode::Ignore ? 3 : 4),
                  borderIndices(out.left() - r, out.width() + 2 * r, source.width(), settings.border),
                  borderIndices(out.top() - r, out.height() + 2 * r, source.height(), settings.border)};

    const bool sixteenBit = source.format() == QImage::Format_RGBA64;
    if (size == 3 || size == 5) {
        const NonlinearKernels &kernels = nonlinearKernels();
        std::vector<NetworkScratch<std::uint8_t>> lines8(sixteenBit ? 0 : size_t(scheduler.workers()));
        std::vector<NetworkScratch<std::uint16_t>> lines16(sixteenBit ? size_t(scheduler.workers()) : 0);
        // Every channel is filtered; kept alpha is put back over it.
        return scheduler.run(out.height(), 32, [&](int y0, int y1, int worker) {
            if (sixteenBit)
                networkBand(job, y0, y1, lines16[size_t(worker)], size == 3 ? kernels.median3x16 : kernels.median5x16);
            else if (gray)
                networkBand(job, y0, y1, lines8[size_t(worker)],
                            size == 3 ? kernels.median3gray8 : kernels.median5gray8);
            else
                networkBand(job, y0, y1, lines8[size_t(worker)], size == 3 ? kernels.median3x8 : kernels.median5x8);
            if (job.channels == 3) {
                if (sixteenBit)
                    copyAlphaRows<std::uint16_t>(job, y0, y1);
                else
                    copyAlphaRows<std::uint8_t>(job, y0, y1);
            }
        });
    }
    std::vector<Scratch8> scratch8(sixteenBit ? 0 : size_t(scheduler.workers()));
    std::vector<Scratch16> scratch16(sixteenBit ? size_t(scheduler.workers()) : 0);
    // A band re-reads `size - 1` rows and builds its column histograms from them, as much
    // work as about half that many output rows: bands of about 4 * size rows keep that near
    // a tenth. Bands of equal height share the work evenly between threads. Depends on the
    // settings and the region only, not on threads.
    const int bands = std::max(1, BandScheduler::bandCount(out.height(), std::max(32, 4 * size)));
    const int bandRows = (out.height() + bands - 1) / bands;
    return scheduler.run(out.height(), bandRows, [&](int y0, int y1, int worker) {
        for (int c = 0; c < job.channels; ++c) {
            if (sixteenBit)
                medianBand16(job, y0, y1, c, scratch16[size_t(worker)]);
            else
                medianBand8(job, y0, y1, c, scratch8[size_t(worker)]);
        }
        if (job.channels == 3) {
            if (sixteenBit)
                copyAlphaRows<std::uint16_t>(job, y0, y1);
            else
                copyAlphaRows<std::uint8_t>(job, y0, y1);
        }
    });
}

constexpr ParamDeclaration Params[] = {
    {.key = "size",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Size"),
     .type = ParamType::Size,
     .minimum = 3,
     .maximum = MaxSize,
     .defaultValue = 5,
     .unit = "px",
     .oddOnly = true,
     .decimals = 0,
     .preview = PreviewScaling::WithZoom},
};

Kernel window(const FilterSettings &s)
{
    return ks::box(s.integer(u"size"));
}

} // namespace

extern const FilterDeclaration median{
    .name = "median",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Median"),
    .description = QT_TRANSLATE_NOOP(
        "ks::FilterDeclaration",
        "the median of the size × size window, per channel, on the stored values (exact; sizes 3 and "
        "5 by a vectorised min/max network, larger ones by a constant-time sliding histogram, so size "
        "101 costs about what size 7 does); removes speckle noise. alpha=ignore keeps alpha; linear "
        "light cannot change a median"),
    .params = Params,
    .kernelRole = KernelRole::Window,
    .buildKernel = window,
    .run = run,
    .runsOnGray = true,
};

} // namespace ks::filters
