#include "batch.h"

#include "clicommands.h"
#include "clioptions.h"
#include "filejob.h"
#include "progress.h"

#include "engine.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

namespace ks::cli {

namespace {

// One input and where its result goes.
struct BatchItem
{
    QString input;
    QString relative; // the path under OUTDIR before renaming: "sub/photo.png"
    QString output;
};

bool hasWildcard(const QString &text)
{
    return text.contains(u'*') || text.contains(u'?') || text.contains(u'[');
}

// Extensions batch picks from a directory (every file named on the command line is tried).
bool looksLikeImage(const QFileInfo &info)
{
    static const QSet<QString> known{"png", "jpg", "jpeg", "webp", "tif", "tiff", "bmp", "gif", "svg", "svgz",
                                     "ppm", "pgm", "pbm", "pnm", "pam", "tga", "xpm"};
    return known.contains(info.suffix().toLower());
}

// Images under `dir` (all levels when recursive), sorted, with their paths relative to it.
void addDirectory(const QString &dir, const QString &pattern, bool recursive, QList<BatchItem> &items)
{
    const QDir base(dir);
    QDirIterator it(dir, pattern.isEmpty() ? QStringList() : QStringList{pattern}, QDir::Files | QDir::Readable,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    QStringList found;
    while (it.hasNext()) {
        const QString path = it.next();
        if (!pattern.isEmpty() || looksLikeImage(QFileInfo(path)))
            found << path;
    }
    found.sort();
    for (const QString &path : found)
        items.append({path, base.relativeFilePath(path), {}});
}

// Files as given, wildcard patterns in their last component (when the shell left them
// quoted), directories by their contents. Unknown names are reported but do not stop the run.
QList<BatchItem> collectInputs(const QStringList &arguments, bool recursive, QStringList &missing)
{
    QList<BatchItem> items;
    for (const QString &argument : arguments) {
        const QFileInfo info(argument);
        if (info.isDir()) {
            addDirectory(argument, {}, recursive, items);
        } else if (info.exists()) {
            items.append({argument, info.fileName(), {}});
        } else if (hasWildcard(info.fileName()) && !hasWildcard(info.path())) {
            const qsizetype before = items.size();
            addDirectory(info.path(), info.fileName(), recursive, items);
            if (items.size() == before)
                missing << argument;
        } else {
            missing << argument;
        }
    }
    return items;
}

// {recipe}: the recipe file's name, else the filters' names joined with '+'.
QString recipeName(const QCommandLineParser &parser, const Recipe &recipe)
{
    if (parser.isSet("recipe") && parser.values("filter").isEmpty())
        return QFileInfo(parser.value("recipe")).completeBaseName();
    QStringList names;
    for (const FilterSettings &step : recipe.steps)
        names << QLatin1String(step.filter().name);
    return names.join(u'+');
}

struct NameParts
{
    QString stem, name, ext, recipe;
    qsizetype index = 0;
};

QString expandName(QString pattern, const NameParts &parts)
{
    return pattern.replace(QStringLiteral("{stem}"), parts.stem)
        .replace(QStringLiteral("{name}"), parts.name)
        .replace(QStringLiteral("{ext}"), parts.ext)
        .replace(QStringLiteral("{recipe}"), parts.recipe)
        .replace(QStringLiteral("{index}"), QString::number(parts.index));
}

// The default -j: files in parallel (one engine thread each) when there are clearly more files
// than cores, one file at a time with every core otherwise (see README "batch").
int defaultJobs(qsizetype files, int threads)
{
    const int cores = threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
    return files >= 2 * cores ? cores : 1;
}

} // namespace

int runBatch(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Runs the whole stack (--recipe FILE, then --example, then every -f SPEC, in order) on each input and\n"
        "writes each result into DIR, keeping the inputs' paths relative to a directory given as input.\n"
        "Inputs: files, wildcard patterns in quotes ('photos/*.jpg'), or directories (their images; all\n"
        "levels with --recursive). A file that fails is reported and the others go on; the run ends with\n"
        "'N written, M failed' and exit status 1 if any failed. No result ever replaces an input.\n"
        "--name placeholders: {stem} (input name without extension), {name} (with it), {ext} (output\n"
        "type), {recipe} (the recipe file's name, or the filter names joined with +), {index} (1, 2, ...).");
    parser.addPositionalArgument("IN...", "Input images, patterns or directories.");
    addJobOptions(parser);
    parser.addOptions({
        {{"d", "directory"}, "Directory for the results (created if needed).", "dir"},
        {"format", "Output type for every result (png, jpg, webp, tif, bmp, ppm, pgm, gif); default: the input's "
                   "own type when it can be written, else png.",
         "ext"},
        {"name", "Output file name pattern (default '{stem}.{ext}').", "pattern"},
        {"skip-existing", "Leave results that already exist alone (counted as skipped)."},
        {{"r", "recursive"}, "Take the images in directories at every level, not only the first."},
        {{"j", "jobs"}, "Files processed at once; the engine's threads are shared among them (default: as many "
                        "as cores when there are at least twice as many files as cores, else 1).",
         "n"},
    });
    if (const auto over = parseCommand(parser, QStringLiteral("batch"), arguments))
        return *over;
    if (parser.positionalArguments().isEmpty())
        return report(usage(QStringLiteral("batch needs at least one input (file, pattern or directory)")));
    if (!parser.isSet("directory"))
        return report(usage(QStringLiteral("batch needs -d DIR, the directory to write to")));
    const QString format = parser.value("format").toLower();
    const QStringList writable = writableExtensions();
    if (parser.isSet("format") && !writable.contains(format))
        return report(usage(QStringLiteral("--format: unknown output type '%1' (use %2)")
                                .arg(parser.value("format"), writable.join(QStringLiteral(", ")))));
    const QString pattern = parser.isSet("name") ? parser.value("name") : QStringLiteral("{stem}.{ext}");
    if (!pattern.contains(QStringLiteral("{stem}")) && !pattern.contains(QStringLiteral("{name}")) &&
        !pattern.contains(QStringLiteral("{index}")))
        return report(usage(QStringLiteral("--name '%1' would give every result the same name (use {stem}, {name} "
                                           "or {index})")
                                .arg(pattern)));
    double jobsValue = 0;
    if (auto problem = readNumber(parser, "jobs", 1, 1024, true, jobsValue))
        return report(*problem);
    for (const QString &input : parser.positionalArguments())
        if (input == u"-")
            return report(usage(QStringLiteral("batch reads files; use apply - for standard input")));
    JobOptions job;
    if (auto problem = readJobOptions(parser, job))
        return report(*problem);

    QStringList missing;
    QList<BatchItem> items = collectInputs(parser.positionalArguments(), parser.isSet("recursive"), missing);
    const QDir outDir(parser.value("directory"));
    const QString recipe = recipeName(parser, job.recipe);
    QHash<QString, QString> taken; // output -> the input it is for
    QSet<QString> inputs;
    for (const BatchItem &item : items)
        inputs.insert(QFileInfo(item.input).absoluteFilePath());
    for (qsizetype i = 0; i < items.size(); ++i) {
        BatchItem &item = items[i];
        const QFileInfo in(item.input);
        QString ext = format;
        if (ext.isEmpty())
            ext = writable.contains(in.suffix().toLower()) ? in.suffix().toLower() : QStringLiteral("png");
        const QString dir = QFileInfo(item.relative).path();
        const QString name = expandName(pattern, {in.completeBaseName(), in.fileName(), ext, recipe, i + 1});
        item.output = QDir::cleanPath(outDir.filePath(dir == u"." ? name : dir + u'/' + name));
        if (auto problem = checkOutputType(item.output))
            return report(*problem);
        const QString absolute = QFileInfo(item.output).absoluteFilePath();
        if (inputs.contains(absolute) ||
            (QFileInfo::exists(item.output) && QFileInfo(item.output).canonicalFilePath() ==
                                                   QFileInfo(item.input).canonicalFilePath()))
            return report(usage(QStringLiteral("%1 would overwrite an input; choose another -d DIR or --name")
                                    .arg(item.output)));
        if (const auto other = taken.constFind(absolute); other != taken.constEnd())
            return report(usage(QStringLiteral("%1 and %2 would both be written to %3; use --name with {name} or "
                                               "{index}, or give their directory")
                                    .arg(*other, item.input, item.output)));
        taken.insert(absolute, item.input);
    }

    std::atomic<int> failed = int(missing.size()), written = 0, skipped = 0;
    for (const QString &name : missing)
        report(failure(QStringLiteral("%1: no such file, directory or matching image").arg(name)));

    const int cores = job.threads > 0 ? job.threads : std::max(1, QThread::idealThreadCount());
    const int jobs = std::clamp(jobsValue > 0 ? int(jobsValue) : defaultJobs(items.size(), job.threads), 1,
                                std::max<int>(1, int(items.size())));
    ProgressBar bar(job.progress && !items.isEmpty());
    QMutex progressMutex;
    std::vector<double> inFlight(size_t(jobs), 0.0);
    std::atomic<int> finished = 0;
    std::atomic<qsizetype> next = 0;
    auto showProgress = [&](int slot, double fraction, const QString &label) {
        if (!bar.enabled())
            return;
        const QMutexLocker lock(&progressMutex);
        inFlight[size_t(slot)] = fraction;
        double sum = finished;
        for (double f : inFlight)
            sum += f;
        bar.update(sum / double(items.size()), QStringLiteral("%1/%2 %3").arg(finished + 1).arg(items.size()).arg(label));
    };

    auto worker = [&](int slot) {
        // The cores are shared among the files in flight; the output is the same for any count.
        const Engine engine(std::max(1, cores / jobs));
        for (qsizetype i = next++; i < items.size(); i = next++) {
            const BatchItem &item = items[i];
            if (parser.isSet("skip-existing") && QFileInfo::exists(item.output)) {
                ++skipped;
                ++finished;
                continue;
            }
            if (!QDir().mkpath(QFileInfo(item.output).path())) {
                bar.clear();
                report(failure(QStringLiteral("%1: the directory cannot be created").arg(QFileInfo(item.output).path())));
                ++failed;
                ++finished;
                continue;
            }
            FileTimes times;
            const QString label = QFileInfo(item.input).fileName();
            const auto problem = runFileJob({item.input, item.output, {}}, job, engine, times,
                                            [&](double f) { showProgress(slot, f, label); });
            showProgress(slot, 0.0, label);
            ++finished;
            if (problem) {
                bar.clear();
                report(*problem);
                ++failed;
                continue;
            }
            ++written;
            if (job.verbosity == Verbosity::Verbose) {
                bar.clear();
                fprintf(console(), "%s -> %s\n", qPrintable(timesText(item.input, times)), qPrintable(item.output));
                fflush(console());
            }
        }
    };
    if (jobs == 1) {
        worker(0);
    } else {
        std::vector<std::thread> threads;
        for (int slot = 0; slot < jobs; ++slot)
            threads.emplace_back(worker, slot);
        for (std::thread &t : threads)
            t.join();
    }
    bar.update(1.0, QStringLiteral("%1 files").arg(items.size()));
    bar.finish();

    if (job.verbosity != Verbosity::Quiet) {
        out() << written << " written, " << failed << " failed";
        if (skipped > 0)
            out() << ", " << skipped << " skipped";
        out() << Qt::endl;
    }
    return failed > 0 ? ExitFailure : ExitSuccess;
}

} // namespace ks::cli
