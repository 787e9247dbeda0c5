#pragma once

#include "clioptions.h"

#include <QSize>
#include <QString>

#include <functional>
#include <optional>

namespace ks {
class Engine;
}

// One input through the whole recipe to one output: what apply does, and batch per file.
namespace ks::cli {

struct FileJob
{
    QString input;  // a file, or "-" for standard input
    QString output; // a file, or "-" for standard output
    QString format; // the type written to standard output (png, jpg, ...); files use their extension
};

// Where the time went, for -v.
struct FileTimes
{
    QSize size;
    qint64 loadMs = 0, filterMs = 0, saveMs = 0;
};
QString timesText(const QString &input, const FileTimes &times); // "<input>: WxH, load .., filter .., save .."

// Loads, filters, saves. `progress` (may be empty) gets the fraction 0..1 of this file's work,
// from any thread. The problem (a failure, exit 1) names the file.
std::optional<Problem> runFileJob(const FileJob &file, const JobOptions &job, const Engine &engine,
                                  FileTimes &times, const std::function<void(double)> &progress = {});

} // namespace ks::cli
