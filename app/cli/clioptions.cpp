#include "clioptions.h"

#include "clicommands.h"
#include "filelimits.h"
#include "presets.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <fcntl.h>
#include <unistd.h>

namespace ks::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

FILE *console()
{
    static FILE *const stream = [] {
        const int fd = dup(STDERR_FILENO);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : nullptr;
        return f ? f : stderr;
    }();
    return stream;
}

void silenceLibraryOutput()
{
    static const bool done = [] {
        console(); // keeps the real stderr first
        fflush(stderr);
        const int devNull = open("/dev/null", O_WRONLY);
        if (devNull >= 0) {
            dup2(devNull, STDERR_FILENO);
            close(devNull);
        }
        return true;
    }();
    Q_UNUSED(done);
}

int report(const Problem &problem)
{
    // batch -j reports from several threads; each reason stays one whole line.
    static QMutex mutex;
    const QMutexLocker lock(&mutex);
    out().flush();
    fprintf(console(), "kernel-studio-cli: %s\n", qPrintable(problem.reason));
    fflush(console());
    return problem.exitCode;
}

Problem usage(const QString &reason)
{
    return {ExitUsage, reason};
}

Problem failure(const QString &reason)
{
    return {ExitFailure, reason};
}

namespace {

// "x,y,w,h" (semicolons also accepted, as in specs) in whole pixels with a positive size.
std::optional<QRect> regionFromOption(const QString &text)
{
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;]")));
    if (parts.size() != 4)
        return std::nullopt;
    qint64 v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toInt(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (v[2] <= 0 || v[3] <= 0)
        return std::nullopt;
    return regionRect(v[0], v[1], v[2], v[3]); // nothing when x + width passes int
}

} // namespace

// The options that say which steps to run: apply, each and recipe share them.
void addStepOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {{"f", "filter"}, "A filter step, e.g. gaussian:size=5,sigma=1.5 (repeatable).", "spec"},
        {"recipe", "Read filter steps from a recipe JSON file (they come before any -f).", "file"},
        {"example", "Add the reference example's filters (emboss, sharpen, blurs, custom 5x7, edges; see README)."},
        {"border", "Border mode for every -f step: clamp, reflect, wrap, transparent, unfiltered.", "mode"},
        {"alpha", "Alpha mode for every -f step: premultiplied, straight, ignore.", "mode"},
        {"linear", "Filter every -f step in linear light."},
        {"region",
         "Only change pixels inside the rectangle x,y,w,h (image pixels, left, top, width, height): "
         "every step, also those from --recipe and --example; a region= key in a -f spec wins.",
         "x,y,w,h"},
        {"opacity",
         "Blend the whole stack's result over the original: 100 (default) keeps the result, 0 the original "
         "(each step also takes opacity= and channels= in its spec).",
         "percent"},
    });
}

void addJobOptions(QCommandLineParser &parser)
{
    addStepOptions(parser);
    parser.addOptions({
        {"svg-scale", "SVG raster scale (default 1 = the SVG's own size).", "scale"},
        {"svg-width", "SVG raster width in pixels.", "pixels"},
        {"svg-height", "SVG raster height in pixels.", "pixels"},
        {"threads", "Worker threads, 0 = one per core (default 0).", "n"},
        {"quality", "JPEG/WebP quality 0-100 (default 90; WebP 100 is lossless).", "q"},
        {"compression",
         "TIFF: none (default), lzw or deflate (zip), lossless; PNG: zlib level 0 (fastest) to 9 (smallest, "
         "default 6). Other formats have none (GIF is always LZW).",
         "c"},
        {{"q", "quiet"}, "Print nothing but errors."},
        {{"v", "verbose"}, "Print the time spent loading, filtering and saving each file (on stderr), "
                           "and the image plugins' own warnings."},
        {"progress", "Show a progress bar on stderr (the default when stderr is a terminal)."},
        {"stream", "Stream PNG or TIFF input through the filters in strips of rows, PNG or TIFF output written "
                   "row by row, so memory stays bounded (automatic above the in-memory limit of 256 megapixels). "
                   "Convolution filters, median and bilateral; not wrap borders or the Wiener filters."},
        {"strip-rows", "Rows per strip with --stream (default 512).", "n"},
        {"timeout", "Give up after this many seconds, with no output written (default 600).", "seconds"},
        {"colorspace",
         "keep: filter in the image's own colour space and embed its profile (default); "
         "srgb: convert to sRGB first.",
         "keep|srgb"},
        {"strip-metadata", "Write no EXIF, IPTC or XMP (by default the input's are kept)."},
    });
}

SaveOptions saveOptionsFor(const JobOptions &job, const LoadedImage &loaded)
{
    SaveOptions save = job.save;
    if (!job.stripMetadata)
        save.metadata = loaded.metadata;
    return save;
}

// Some inputs (an SVG with a huge path) keep a decoder busy for minutes and cannot be cancelled
// from outside: past the time budget the process ends with a one-line reason. Outputs are
// written atomically, so none is left half-written.
void startTimeout(double seconds)
{
    std::thread([seconds] {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        std::fprintf(console(), "kernel-studio-cli: gave up after %g seconds (--timeout); the output was not written\n",
                     seconds);
        std::fflush(console());
        std::_Exit(ExitFailure);
    }).detach();
}

namespace {

// A method for TIFF (none, lzw, deflate or its other name zip) or a zlib level for PNG. Each
// format takes only its own kind; the other is ignored, as by formats without compression.
std::optional<Problem> readCompression(const QCommandLineParser &parser, SaveOptions &save)
{
    if (!parser.isSet("compression"))
        return std::nullopt;
    const QString text = parser.value("compression").trimmed().toLower();
    bool ok = false;
    const int level = text.toInt(&ok);
    if (text == u"none")
        save.tiffCompression = TiffCompression::None;
    else if (text == u"lzw")
        save.tiffCompression = TiffCompression::Lzw;
    else if (text == u"deflate" || text == u"zip")
        save.tiffCompression = TiffCompression::Deflate;
    else if (ok && level >= 0 && level <= 9)
        save.pngLevel = level;
    else
        return usage(QStringLiteral("--compression must be none, lzw or deflate (TIFF) or a level 0 to 9 (PNG) "
                                    "(got '%1')")
                         .arg(parser.value("compression")));
    return std::nullopt;
}

bool stderrIsTerminal()
{
    return isatty(STDERR_FILENO) == 1;
}

} // namespace

// Reads a numeric option when it is set; `whole` refuses fractions (counts, pixels, quality).
std::optional<Problem> readNumber(const QCommandLineParser &parser, const QString &name, double minimum, double maximum,
                                  bool whole, double &value)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (ok && std::isfinite(v) && v >= minimum && v <= maximum && (!whole || v == std::floor(v))) {
        value = v;
        return std::nullopt;
    }
    return usage(QStringLiteral("--%1 must be a %2 from %3 to %4 (got '%5')")
                     .arg(name, whole ? QStringLiteral("whole number") : QStringLiteral("number"))
                     .arg(minimum, 0, 'g', 10)
                     .arg(maximum, 0, 'g', 10)
                     .arg(parser.value(name)));
}

// Each option is checked on its own, so a value can never smuggle in further spec keys
// (as "--border clamp,alpha=ignore" would if the options were pasted into a spec).
std::optional<Problem> readBaseSettings(const QCommandLineParser &parser, FilterSettings &base)
{
    if (parser.isSet("border")) {
        const auto mode = borderModeFromName(parser.value("border").trimmed());
        if (!mode)
            return usage(QStringLiteral("--border: unknown border mode '%1' (known: %2)")
                             .arg(parser.value("border"), borderModeNames()));
        base.border = *mode;
    }
    if (parser.isSet("alpha")) {
        const auto mode = alphaModeFromName(parser.value("alpha").trimmed());
        if (!mode)
            return usage(QStringLiteral("--alpha: unknown alpha mode '%1' (known: %2)")
                             .arg(parser.value("alpha"), alphaModeNames()));
        base.alpha = *mode;
    }
    base.linearLight = parser.isSet("linear");
    if (parser.isSet("region")) {
        base.region = regionFromOption(parser.value("region"));
        if (!base.region)
            return usage(QStringLiteral("--region must be x,y,width,height in whole pixels, width and height above 0 "
                                        "(got '%1')")
                             .arg(parser.value("region")));
    }
    return std::nullopt;
}

// The recipe file's steps, then the -f specs. The specs are checked first: a bad spec is a
// usage error even when the recipe file cannot be read as well.
std::optional<Problem> readRecipe(const QCommandLineParser &parser, const FilterSettings &base, Recipe &recipe)
{
    QList<FilterSettings> specs;
    for (const QString &spec : parser.values("filter")) {
        const Result<FilterSettings> parsed = parseFilterSpec(spec, base);
        if (!parsed)
            return usage(parsed.error());
        specs.append(*parsed);
    }
    if (parser.isSet("recipe")) {
        const QString path = parser.value("recipe");
        // A regular file of bounded size: /dev/zero or a FIFO would be read forever.
        const Result<QByteArray> bytes = readRegularFile(path, MaxTextFileBytes);
        if (!bytes)
            return failure(QStringLiteral("%1: %2").arg(path, bytes.error()));
        const Result<Recipe> parsed = recipeFromJson(*bytes);
        if (!parsed)
            return usage(QStringLiteral("%1: %2").arg(path, parsed.error()));
        recipe = *parsed;
    }
    if (parser.isSet("example"))
        recipe.steps.append(referenceExample().steps);
    // --region is where on the image to filter, not how: it limits the steps from the file
    // and the example too (the -f steps already have it from `base`, unless a key says otherwise).
    if (base.region)
        for (FilterSettings &step : recipe.steps)
            step.region = base.region;
    recipe.steps.append(specs);
    if (parser.isSet("opacity")) {
        bool ok = false;
        recipe.opacity = parser.value("opacity").toDouble(&ok);
        if (!ok || !(recipe.opacity >= 0 && recipe.opacity <= 100))
            return usage(
                QStringLiteral("--opacity must be a number from 0 to 100 (got '%1')").arg(parser.value("opacity")));
    }
    if (recipe.steps.isEmpty())
        return usage(QStringLiteral(
            "no filter given (use -f SPEC or --recipe FILE; 'kernel-studio-cli list' shows the filters)"));
    return std::nullopt;
}

// Every usage error is found before the one failure possible here (a recipe file that cannot
// be read), so a wrong command line is always reported as one.
std::optional<Problem> readJobOptions(const QCommandLineParser &parser, JobOptions &job)
{
    double threads = 0, quality = job.save.quality, scale = 1, width = 0, height = 0, timeout = 600;
    for (auto problem :
         {readNumber(parser, "threads", 0, 1024, true, threads), readNumber(parser, "quality", 0, 100, true, quality),
          readNumber(parser, "timeout", 0.001, 1e6, false, timeout),
          readNumber(parser, "svg-scale", 0.001, 1000, false, scale),
          readNumber(parser, "svg-width", 1, 1000000, true, width),
          readNumber(parser, "svg-height", 1, 1000000, true, height)})
        if (problem)
            return problem;
    if (parser.isSet("quiet") && parser.isSet("verbose"))
        return usage(QStringLiteral("-q and -v contradict each other; give one"));
    if (auto problem = readCompression(parser, job.save))
        return problem;
    job.verbosity = parser.isSet("quiet")     ? Verbosity::Quiet
                    : parser.isSet("verbose") ? Verbosity::Verbose
                                              : Verbosity::Normal;
    job.progress = job.verbosity != Verbosity::Quiet && (parser.isSet("progress") || stderrIsTerminal());
    if (job.verbosity == Verbosity::Verbose)
        qInstallMessageHandler(nullptr); // Qt's default handler: the plugins' warnings are shown
    else
        silenceLibraryOutput();
    job.threads = int(threads);
    job.stream = parser.isSet("stream");
    if (parser.isSet("strip-rows")) {
        double rows = 0;
        if (auto problem = readNumber(parser, "strip-rows", 1, 1 << 20, true, rows))
            return problem;
        job.stripRows = int(rows);
    }
    job.save.quality = int(quality);
    job.load = {scale, int(width), int(height)};
    const QString colorspace = parser.value("colorspace");
    if (!colorspace.isEmpty() && colorspace != u"keep" && colorspace != u"srgb")
        return usage(QStringLiteral("--colorspace must be keep or srgb (got '%1')").arg(colorspace));
    job.load.color = colorspace == u"srgb" ? ColorHandling::ConvertToSrgb : ColorHandling::Keep;
    job.stripMetadata = parser.isSet("strip-metadata");
    FilterSettings base;
    if (auto problem = readBaseSettings(parser, base))
        return problem;
    startTimeout(timeout);
    return readRecipe(parser, base, job.recipe);
}

// Parses a command's arguments. Returns the exit code when the command is already over
// (--help shown, or a usage error reported); nothing when it should go on.
std::optional<int> parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments)
{
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    const QString program = QStringLiteral("kernel-studio-cli");
    if (!parser.parse(QStringList{program} + arguments))
        return report(usage(QStringLiteral("%1: %2").arg(command, parser.errorText())));
    if (!parser.isSet(help))
        return std::nullopt;
    // Qt's usage line names the program only; the command belongs there too.
    out() << parser.helpText().replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                                       QStringLiteral("Usage: %1 %2").arg(program, command));
    return ExitSuccess;
}

// A type the writer does not know is a mistake in the command, found before any filtering.
std::optional<Problem> checkOutputType(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (path == u"-")
        return std::nullopt; // standard output: --format names the type (checked by the command)
    const QStringList known = writableExtensions();
    if (known.contains(suffix))
        return std::nullopt;
    return usage(QStringLiteral("%1: unknown output type %2 (use %3)")
                     .arg(path, suffix.isEmpty() ? QStringLiteral("(no extension)") : u'.' + suffix,
                          known.join(QStringLiteral(", "))));
}


} // namespace ks::cli
