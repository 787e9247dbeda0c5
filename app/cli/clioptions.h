#pragma once

#include "filtersettings.h"
#include "imageio.h"
#include "recipe.h"

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

#include <cstdio>
#include <optional>

// What the commands share: the one-line reports, and the options that say which steps to run
// and how to load, filter and save. Everything here runs on the main thread.
namespace ks::cli {

QTextStream &out(); // standard output

// Our own stderr (reports, progress, timings). The image libraries print their own lines on
// the process's stderr (libpng: "libpng error: ..."); silenceLibraryOutput() points that at
// /dev/null for the rest of the run, while console() keeps the real one. One switch for the
// whole process: several files decode at once in batch -j, so no per-call redirection.
FILE *console();
void silenceLibraryOutput();

// A usage error (exit 2) or a failure (exit 1), with its one-line reason.
struct Problem
{
    int exitCode;
    QString reason;
};

int report(const Problem &problem); // "kernel-studio-cli: <reason>" on stderr; returns the exit code
Problem usage(const QString &reason);
Problem failure(const QString &reason);

enum class Verbosity
{
    Quiet,   // -q: errors only
    Normal,
    Verbose, // -v: per-file timings, and Qt's own warnings
};

// How apply, each and batch load, filter and save.
struct JobOptions
{
    Recipe recipe;
    LoadOptions load;
    SaveOptions save;
    int threads = 0;
    Verbosity verbosity = Verbosity::Normal;
    bool progress = false; // --progress, or stderr is a terminal (never with -q)
    bool stream = false;   // --stream: PNG/TIFF through the filters in strips (streamjob.h); also automatic when large
    int stripRows = 512;   // --strip-rows
    bool stripMetadata = false; // --strip-metadata
};

// The save options for one input: its EXIF/IPTC/XMP go along unless --strip-metadata.
SaveOptions saveOptionsFor(const JobOptions &job, const LoadedImage &loaded);

// -f, --recipe, --example, --border, --alpha, --linear, --region
void addStepOptions(QCommandLineParser &parser);
// the step options and --svg-*, --threads, --quality, --compression, -q, -v, --progress
void addJobOptions(QCommandLineParser &parser);

std::optional<Problem> readNumber(const QCommandLineParser &parser, const QString &name, double minimum,
                                  double maximum, bool whole, double &value);
std::optional<Problem> readBaseSettings(const QCommandLineParser &parser, FilterSettings &base);
std::optional<Problem> readRecipe(const QCommandLineParser &parser, const FilterSettings &base, Recipe &recipe);
// Every usage error is found before the one failure possible here (a recipe file that cannot
// be read), so a wrong command line is always reported as one.
std::optional<Problem> readJobOptions(const QCommandLineParser &parser, JobOptions &job);

// Parses a command's arguments. Returns the exit code when the command is already over
// (--help shown, or a usage error reported); nothing when it should go on.
std::optional<int> parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments);

// A type the writer does not know is a mistake in the command, found before any filtering.
std::optional<Problem> checkOutputType(const QString &path);

} // namespace ks::cli
