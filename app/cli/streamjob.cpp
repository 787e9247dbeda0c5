#include "streamjob.h"

#include "engine.h"
#include "filterdeclaration.h"
#include "imageio.h"
#include "streams.h"
#include "stripio.h"
#include "tifffile.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ks::cli {

namespace {

// The rows a step's output pixel reads above and below itself.
struct Reach
{
    int up = 0, down = 0;
};

bool streamable(const FilterSettings &step)
{
    const std::string_view name = step.filter().name;
    return step.filter().run == nullptr || name == "median" || name == "bilateral";
}

// Each enabled step's vertical reach, or the reason the recipe cannot run in strips.
Result<std::vector<Reach>> stepReaches(const Recipe &recipe, const QString &input, QSize size)
{
    std::vector<Reach> reaches;
    for (const FilterSettings &step : recipe.steps) {
        if (!step.enabled) {
            reaches.push_back({});
            continue;
        }
        const QString spec = filterSpec(step);
        if (!streamable(step))
            return Failure{QStringLiteral("%1: %2 needs the whole image and cannot be streamed in strips "
                                          "(in memory it runs up to %3 megapixels)")
                               .arg(input, QString::fromUtf8(step.filter().name))
                               .arg(MaxImagePixels / (1024 * 1024))};
        if (step.border == BorderMode::Wrap)
            return Failure{QStringLiteral("%1: %2: wrap borders read the opposite edge and cannot be streamed in "
                                          "strips (use clamp, reflect, transparent or unfiltered)")
                               .arg(input, spec)};
        if (const Status valid = validate(step); !valid)
            return Failure{QStringLiteral("%1: %2").arg(input, valid.error())};
        if (step.region && !QRect(QPoint(0, 0), size).intersects(*step.region))
            return Failure{QStringLiteral("%1: the region %2,%3 %4x%5 lies outside the %6x%7 image")
                               .arg(input)
                               .arg(step.region->x())
                               .arg(step.region->y())
                               .arg(step.region->width())
                               .arg(step.region->height())
                               .arg(size.width())
                               .arg(size.height())};
        const Kernel kernel = step.filter().buildKernel(step);
        reaches.push_back({kernel.anchorY(), kernel.height() - 1 - kernel.anchorY()});
    }
    return reaches;
}

} // namespace

namespace {

bool isStripFile(const QString &path)
{
    return isPngFile(path) || isTiffFile(path);
}

// The format the strips are written in: the reader's, except that a gray file a step may give
// alpha (a transparent border) or colour (a choice of channels) is written as RGBA; the engine
// returns its strips gray wherever they stay opaque gray, as it does a whole image.
QImage::Format writtenFormat(const RowReader &reader, const Recipe &recipe)
{
    const QImage::Format format = reader.format();
    if (format != QImage::Format_Grayscale8 && format != QImage::Format_Grayscale16)
        return format;
    constexpr quint8 Colours = 0b0111;
    for (const FilterSettings &step : recipe.steps)
        if (step.enabled && (step.border == BorderMode::Transparent || (step.channels & Colours) != Colours))
            return format == QImage::Format_Grayscale16 ? QImage::Format_RGBA64 : QImage::Format_RGBA8888;
    return format;
}

bool isStripSuffix(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == u"png" || suffix == u"tif" || suffix == u"tiff";
}

} // namespace

bool wantsStreaming(const FileJob &file, const JobOptions &job)
{
    if (job.stream)
        return true;
    if (isStandardInput(file.input) || !QFileInfo(file.input).isFile() || !isStripFile(file.input))
        return false;
    const auto reader = RowReader::open(file.input);
    return reader && qint64((*reader)->width()) * (*reader)->height() > MaxImagePixels;
}

std::optional<Problem> runStreamJob(const FileJob &file, const JobOptions &job, const Engine &engine, FileTimes &times,
                                    const std::function<void(double)> &progress)
{
    if (isStandardInput(file.input))
        return failure(QStringLiteral("streaming (--stream, or images over %1 megapixels) reads a PNG or TIFF file, "
                                      "not standard input")
                           .arg(MaxImagePixels / (1024 * 1024)));
    if (isStandardOutput(file.output) || !isStripSuffix(file.output))
        return failure(QStringLiteral("%1: streaming (--stream, or images over %2 megapixels) writes PNG or TIFF "
                                      "files only")
                           .arg(isStandardOutput(file.output) ? QStringLiteral("standard output") : file.output)
                           .arg(MaxImagePixels / (1024 * 1024)));
    if (!isStripFile(file.input))
        return failure(QStringLiteral("%1: streaming (--stream) reads PNG and TIFF files only").arg(file.input));

    QElapsedTimer timer;
    timer.start();
    auto opened = RowReader::open(file.input);
    if (!opened)
        return failure(opened.error());
    RowReader &reader = **opened;
    const int width = reader.width(), height = reader.height();
    const auto reaches = stepReaches(job.recipe, file.input, QSize(width, height));
    if (!reaches)
        return failure(reaches.error());

    // Step i reads the rows kept plus what steps after it reach: cumulative from the last step.
    const size_t steps = reaches->size();
    std::vector<Reach> after(steps + 1);
    for (size_t i = steps; i-- > 0;)
        after[i] = {after[i + 1].up + (*reaches)[i].up, after[i + 1].down + (*reaches)[i].down};
    const Reach margin = after[0];

    const QImage::Format written = writtenFormat(reader, job.recipe);
    auto created = RowWriter::create(file.output, width, height, written, reader.colorSpace(), job.save);
    if (!created)
        return failure(created.error());
    RowWriter &writer = **created;

    const int stripRows = std::max(1, job.stripRows);
    QImage window; // image rows [top, bottom)
    int top = 0, bottom = 0;
    for (int y0 = 0; y0 < height; y0 += stripRows) {
        const int y1 = std::min(height, y0 + stripRows);
        const int newTop = std::max(0, y0 - margin.up), newBottom = std::min(height, y1 + margin.down);

        // The rows the last window shares with this one are copied; the rest are read.
        timer.restart();
        QImage next(width, newBottom - newTop, reader.format());
        if (next.isNull())
            return failure(QStringLiteral("%1: not enough memory for a strip of %2x%3")
                               .arg(file.input)
                               .arg(width)
                               .arg(newBottom - newTop));
        next.setColorSpace(reader.colorSpace()); // linear light follows the file's own curve
        for (int y = newTop; y < std::min(bottom, newBottom); ++y)
            std::memcpy(next.scanLine(y - newTop), window.constScanLine(y - top), size_t(next.bytesPerLine()));
        const int firstRead = std::max(newTop, bottom);
        Q_ASSERT(firstRead == reader.nextRow());
        if (const Status read = reader.readRows(next, firstRead - newTop, newBottom - firstRead); !read)
            return failure(read.error());
        window = std::move(next);
        top = newTop;
        bottom = newBottom;
        times.loadMs += timer.restart();

        // Each step computes only the rows later steps (and the output) need: its region.
        Recipe strip = job.recipe;
        for (size_t i = 0; i < steps; ++i) {
            FilterSettings &step = strip.steps[qsizetype(i)];
            QRect rows(0, y0 - after[i + 1].up, width, (y1 + after[i + 1].down) - (y0 - after[i + 1].up));
            if (step.region)
                rows &= *step.region;
            rows &= QRect(0, top, width, bottom - top);
            if (rows.isEmpty()) {
                step.enabled = false; // nothing of it here: its pixels keep their input values
                step.region.reset();  // (the engine checks even a disabled step's region)
            } else {
                step.region = rows.translated(0, -top);
            }
        }
        const Result<QImage> filtered = engine.apply(window, strip, {}, [&](double fraction) {
            if (progress)
                progress((y0 + fraction * (y1 - y0)) / height);
        });
        if (!filtered)
            return failure(QStringLiteral("%1: %2").arg(file.input, filtered.error()));
        times.filterMs += timer.restart();

        const QImage rows = filtered->format() == written ? *filtered : filtered->convertToFormat(written);
        if (const Status wrote = writer.writeRows(rows, y0 - top, y1 - y0); !wrote)
            return failure(wrote.error());
        times.saveMs += timer.restart();
    }
    timer.restart();
    if (const Status finished = writer.finish(); !finished)
        return failure(finished.error());
    times.saveMs += timer.elapsed();
    times.size = QSize(width, height);
    if (progress)
        progress(1.0);
    return std::nullopt;
}

} // namespace ks::cli
