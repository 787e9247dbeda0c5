#include "filejob.h"

#include "engine.h"
#include "progress.h"
#include "streams.h"
#include "streamjob.h"

#include <QElapsedTimer>


namespace ks::cli {

namespace {

// Load and save are each counted as a small share of the work, so the bar moves while a
// large file is decoded or encoded although neither reports its own progress.
constexpr double LoadShare = 0.05;
constexpr double SaveShare = 0.05;

} // namespace

QString timesText(const QString &input, const FileTimes &times)
{
    return QStringLiteral("%1: %2x%3, load %4, filter %5, save %6")
        .arg(input)
        .arg(times.size.width())
        .arg(times.size.height())
        .arg(durationText(times.loadMs), durationText(times.filterMs), durationText(times.saveMs));
}

std::optional<Problem> runFileJob(const FileJob &file, const JobOptions &job, const Engine &engine,
                                  FileTimes &times, const std::function<void(double)> &progress)
{
    if (wantsStreaming(file, job))
        return runStreamJob(file, job, engine, times, progress);
    auto tell = [&](double fraction) {
        if (progress)
            progress(fraction);
    };
    QElapsedTimer timer;
    timer.start();
    tell(0.0);
    const Result<LoadedImage> loaded = loadInput(file.input, job.load);
    if (!loaded)
        return failure(loaded.error());
    const qint64 loadMs = timer.restart();
    tell(LoadShare);

    const Result<QImage> filtered = engine.apply(loaded->image, job.recipe, {}, [&](double fraction) {
        tell(LoadShare + fraction * (1.0 - LoadShare - SaveShare));
    });
    if (!filtered)
        return failure(QStringLiteral("%1: %2").arg(
            isStandardInput(file.input) ? QStringLiteral("standard input") : file.input, filtered.error()));
    const qint64 filterMs = timer.restart();

    if (const Status saved = writeOutput(*filtered, file.output, file.format, saveOptionsFor(job, *loaded)); !saved)
        return failure(saved.error());
    times.size = loaded->image.size();
    times.loadMs = loadMs;
    times.filterMs = filterMs;
    times.saveMs = timer.elapsed();
    tell(1.0);
    return std::nullopt;
}

} // namespace ks::cli
