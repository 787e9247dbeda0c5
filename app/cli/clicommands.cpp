#include "clicommands.h"

#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "imageio.h"
#include "kerneltext.h"
#include "numbertext.h"
#include "presets.h"
#include "recipe.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include <cmath>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace ks::cli {

namespace {

const char *const Overview = R"(Usage: kernel-studio-cli COMMAND [options]

Kernel filters on images, headless.

Commands:
  apply IN -f SPEC [-f SPEC ...] -o OUT     run the filters in order on IN, write OUT
  each IN... -f SPEC [-f SPEC ...] -d DIR   each filter on each input: DIR/<name>-<index>.png
  recipe -f SPEC [-f SPEC ...] -o FILE      write the steps as a recipe JSON (for --recipe and the editor)
  kernel SPEC                               print a filter's kernel, sum and separability
  list                                      every filter with its parameters and defaults

A SPEC is name:key=value,...  e.g. gaussian:size=5,sigma=1.5  motion:size=7,angle=45
  custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0
apply, each and recipe also read steps from a recipe JSON (--recipe FILE), before any -f,
and --region x,y,w,h limits every step to a rectangle.
Run 'kernel-studio-cli COMMAND --help' for a command's options.
Exit status: 0 success, 1 failure (a file could not be read or written), 2 usage error.
Qt's own warnings are hidden; set KS_VERBOSE=1 to see them.
)";

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// A usage error (exit 2) or a failure (exit 1), with its one-line reason.
struct Problem
{
    int exitCode;
    QString reason;
};

int report(const Problem &problem)
{
    out().flush();
    fprintf(stderr, "kernel-studio-cli: %s\n", qPrintable(problem.reason));
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

// libpng writes its own "libpng error: ..." lines straight to stderr, bypassing Qt's message
// handler; while an image is decoded they are silenced so a failure stays one line.
class SilencedStderr
{
public:
    SilencedStderr()
    {
        if (qEnvironmentVariableIsSet("KS_VERBOSE"))
            return;
        fflush(stderr);
        m_saved = dup(STDERR_FILENO);
        const int devNull = open("/dev/null", O_WRONLY);
        if (m_saved >= 0 && devNull >= 0)
            dup2(devNull, STDERR_FILENO);
        if (devNull >= 0)
            close(devNull);
    }
    ~SilencedStderr()
    {
        if (m_saved < 0)
            return;
        fflush(stderr);
        dup2(m_saved, STDERR_FILENO);
        close(m_saved);
    }
    SilencedStderr(const SilencedStderr &) = delete;
    SilencedStderr &operator=(const SilencedStderr &) = delete;

private:
    int m_saved = -1;
};

Result<LoadedImage> quietlyLoad(const QString &path, const LoadOptions &options)
{
    const SilencedStderr silence;
    return loadImage(path, options);
}

// What apply and each share: how to load, filter and save.
struct JobOptions
{
    Recipe recipe;
    LoadOptions load;
    SaveOptions save;
    int threads = 0;
    bool stripMetadata = false;
};

// The save options for one input: its EXIF/IPTC/XMP go along unless --strip-metadata.
SaveOptions saveOptionsFor(const JobOptions &job, const LoadedImage &loaded)
{
    SaveOptions save = job.save;
    if (!job.stripMetadata)
        save.metadata = loaded.metadata;
    return save;
}

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
        {"quality", "JPEG/WebP quality 0-100 (default 90).", "q"},
        {"colorspace",
         "keep: filter in the image's own colour space and embed its profile (default); "
         "srgb: convert to sRGB first.",
         "keep|srgb"},
        {"strip-metadata", "Write no EXIF, IPTC or XMP (by default the input's are kept)."},
    });
}

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

// "x,y,w,h" (semicolons also accepted, as in specs) in whole pixels with a positive size.
std::optional<QRect> regionFromOption(const QString &text)
{
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;]")));
    if (parts.size() != 4)
        return std::nullopt;
    int v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toInt(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (v[2] <= 0 || v[3] <= 0)
        return std::nullopt;
    return QRect(v[0], v[1], v[2], v[3]);
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
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return failure(QStringLiteral("%1: cannot be read (%2)").arg(path, file.errorString()));
        const Result<Recipe> parsed = recipeFromJson(file.readAll());
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
    if (recipe.steps.isEmpty())
        return usage(QStringLiteral(
            "no filter given (use -f SPEC or --recipe FILE; 'kernel-studio-cli list' shows the filters)"));
    return std::nullopt;
}

// Every usage error is found before the one failure possible here (a recipe file that cannot
// be read), so a wrong command line is always reported as one.
std::optional<Problem> readJobOptions(const QCommandLineParser &parser, JobOptions &job)
{
    double threads = 0, quality = job.save.quality, scale = 1, width = 0, height = 0;
    for (auto problem :
         {readNumber(parser, "threads", 0, 1024, true, threads), readNumber(parser, "quality", 0, 100, true, quality),
          readNumber(parser, "svg-scale", 0.001, 1000, false, scale),
          readNumber(parser, "svg-width", 1, 1000000, true, width),
          readNumber(parser, "svg-height", 1, 1000000, true, height)})
        if (problem)
            return problem;
    job.threads = int(threads);
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

// Loads, filters and returns the image; the problem names the file.
std::optional<Problem> filterFile(const QString &input, const JobOptions &job, const Engine &engine, QImage &result,
                                  SaveOptions &save)
{
    const Result<LoadedImage> loaded = quietlyLoad(input, job.load);
    if (!loaded)
        return failure(loaded.error());
    const Result<QImage> filtered = engine.apply(loaded->image, job.recipe);
    if (!filtered)
        return failure(QStringLiteral("%1: %2").arg(input, filtered.error()));
    result = *filtered;
    save = saveOptionsFor(job, *loaded);
    return std::nullopt;
}

// A type the writer does not know is a mistake in the command, found before any filtering.
std::optional<Problem> checkOutputType(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QStringList known = writableExtensions();
    if (known.contains(suffix))
        return std::nullopt;
    return usage(QStringLiteral("%1: unknown output type %2 (use %3)")
                     .arg(path, suffix.isEmpty() ? QStringLiteral("(no extension)") : u'.' + suffix,
                          known.join(QStringLiteral(", "))));
}

int runApply(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Runs the filters in order on IN and writes the result to OUT: first the\n"
                                     "steps of --recipe FILE, then --example, then every -f SPEC.\n"
                                     "A key inside a spec wins over --border, --alpha, --linear and --region;\n"
                                     "steps read from --recipe keep their own settings, except that --region\n"
                                     "limits them too. A region outside the image is a failure (exit 1).");
    parser.addPositionalArgument("IN", "Input image (PNG, JPEG, WebP, TIFF, BMP, GIF, SVG, ...).");
    addJobOptions(parser);
    parser.addOption({{"o", "output"}, "Output file; its extension picks the format.", "file"});
    if (const auto over = parseCommand(parser, QStringLiteral("apply"), arguments))
        return *over;
    if (parser.positionalArguments().size() != 1)
        return report(usage(
            QStringLiteral("apply takes exactly one input image (got %1)").arg(parser.positionalArguments().size())));
    if (!parser.isSet("output"))
        return report(usage(QStringLiteral("apply needs -o OUT, the file to write")));
    if (auto problem = checkOutputType(parser.value("output")))
        return report(*problem);
    JobOptions job;
    if (auto problem = readJobOptions(parser, job))
        return report(*problem);

    const Engine engine(job.threads);
    QImage result;
    SaveOptions save;
    if (auto problem = filterFile(parser.positionalArguments().first(), job, engine, result, save))
        return report(*problem);
    if (const Status saved = saveImage(result, parser.value("output"), save); !saved)
        return report(failure(saved.error()));
    return ExitSuccess;
}

// Output names for `each`: the base name; the whole file name where base names collide; and a
// counter where even those collide (one name in two folders), so no result overwrites another.
QStringList outputStems(const QStringList &inputs)
{
    QHash<QString, int> count;
    for (const QString &input : inputs)
        ++count[QFileInfo(input).completeBaseName()];
    QStringList stems;
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        const QString preferred = count[info.completeBaseName()] > 1 ? info.fileName() : info.completeBaseName();
        QString stem = preferred;
        for (int n = 2; stems.contains(stem); ++n)
            stem = QStringLiteral("%1_%2").arg(preferred).arg(n);
        stems << stem;
    }
    return stems;
}

// outputs[input][step]: DIR/<stem>-<index>.png, the index zero-padded to the number of steps.
QList<QStringList> outputPaths(const QStringList &inputs, qsizetype steps, const QString &dir)
{
    QList<QStringList> outputs;
    for (const QString &stem : outputStems(inputs)) {
        QStringList paths;
        for (qsizetype s = 0; s < steps; ++s)
            paths << QDir(dir).filePath(eachFileName(stem, s + 1, steps));
        outputs << paths;
    }
    return outputs;
}

// Results are written while inputs are still to be read, so none may replace an input
// (e.g. "a.png" and "a-1.png" filtered into their own folder).
std::optional<Problem> checkInputsKept(const QStringList &inputs, const QList<QStringList> &outputs)
{
    QSet<QString> originals;
    for (const QString &input : inputs)
        if (const QString path = QFileInfo(input).canonicalFilePath(); !path.isEmpty())
            originals.insert(path);
    for (const QStringList &paths : outputs)
        for (const QString &path : paths)
            if (originals.contains(QFileInfo(path).canonicalFilePath()))
                return usage(QStringLiteral("%1 would overwrite an input; choose another -d DIR").arg(path));
    return std::nullopt;
}

enum class Outcome
{
    Done,
    Failed,  // reported; the run goes on with the other steps and inputs
    Stopped, // reported; nothing more can be written
};

// Writes one result per step for one input. A step the engine refuses for this image (e.g. a
// region outside it) is reported and the rest go on; a file that cannot be written ends the
// run, since the next ones would fail the same way.
Outcome eachInput(const QString &input, const QStringList &outputs, const JobOptions &job, const Engine &engine)
{
    const Result<LoadedImage> loaded = quietlyLoad(input, job.load);
    if (!loaded) {
        report(failure(loaded.error()));
        return Outcome::Failed;
    }
    Outcome outcome = Outcome::Done;
    for (qsizetype s = 0; s < job.recipe.steps.size(); ++s) {
        const FilterSettings &step = job.recipe.steps[s];
        const Result<QImage> filtered = engine.apply(loaded->image, step);
        if (!filtered) {
            report(failure(QStringLiteral("%1: %2: %3").arg(input, filterSpec(step), filtered.error())));
            outcome = Outcome::Failed;
            continue;
        }
        if (const Status saved = saveImage(*filtered, outputs[s], saveOptionsFor(job, *loaded)); !saved) {
            report(failure(saved.error()));
            return Outcome::Stopped;
        }
        out() << outputs[s] << "  " << filterSpec(step) << Qt::endl;
    }
    return outcome;
}

int runEach(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Applies each filter on its own to each input and writes one PNG per\n"
                                     "filter and input: DIR/<input name>-<index>.png, index from 1, and prints\n"
                                     "'<file>  <spec>' for each. Inputs sharing a base name keep their\n"
                                     "extension in the name (photo.png-1.png). An input that cannot be read is\n"
                                     "reported and the others go on; the exit status is then 1.\n"
                                     "The steps: those of --recipe FILE, then --example, then every -f SPEC;\n"
                                     "--region limits every one of them (a step whose region lies outside an\n"
                                     "input is reported and the others go on).");
    parser.addPositionalArgument("IN...", "Input images.");
    addJobOptions(parser);
    parser.addOption({{"d", "directory"}, "Directory for the results (created if needed).", "dir"});
    if (const auto over = parseCommand(parser, QStringLiteral("each"), arguments))
        return *over;
    const QStringList inputs = parser.positionalArguments();
    if (inputs.isEmpty())
        return report(usage(QStringLiteral("each needs at least one input image")));
    if (!parser.isSet("directory"))
        return report(usage(QStringLiteral("each needs -d DIR, the directory to write to")));
    JobOptions job;
    if (auto problem = readJobOptions(parser, job))
        return report(*problem);
    const QString dir = parser.value("directory");
    const QList<QStringList> outputs = outputPaths(inputs, job.recipe.steps.size(), dir);
    if (auto problem = checkInputsKept(inputs, outputs))
        return report(*problem);
    if (!QDir().mkpath(dir))
        return report(failure(QStringLiteral("%1: the directory cannot be created").arg(dir)));

    const Engine engine(job.threads);
    int exitCode = ExitSuccess;
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const Outcome outcome = eachInput(inputs[i], outputs[i], job, engine);
        if (outcome == Outcome::Stopped)
            return ExitFailure;
        if (outcome == Outcome::Failed)
            exitCode = ExitFailure;
    }
    return exitCode;
}

int runRecipe(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Writes filter steps as a recipe JSON file, the form that apply --recipe,\n"
                                     "each --recipe and the editor read: the steps of --recipe FILE (if given),\n"
                                     "then --example, then every -f SPEC, with --border, --alpha, --linear and\n"
                                     "--region as for apply. The file is replaced only once it is complete.");
    addStepOptions(parser);
    parser.addOption({{"o", "output"}, "The recipe file to write (JSON).", "file"});
    if (const auto over = parseCommand(parser, QStringLiteral("recipe"), arguments))
        return *over;
    if (!parser.positionalArguments().isEmpty())
        return report(usage(QStringLiteral("recipe takes no input images (got '%1'); use apply to filter one")
                                .arg(parser.positionalArguments().first())));
    if (!parser.isSet("output"))
        return report(usage(QStringLiteral("recipe needs -o FILE, the recipe file to write")));
    FilterSettings base;
    if (auto problem = readBaseSettings(parser, base))
        return report(*problem);
    Recipe recipe;
    if (auto problem = readRecipe(parser, base, recipe))
        return report(*problem);

    const QString path = parser.value("output");
    if (const Status saved = saveBytes(path, recipeToJson(recipe)); !saved)
        return report(failure(saved.error()));
    out() << path << "  " << recipe.steps.size() << (recipe.steps.size() == 1 ? " step" : " steps") << Qt::endl;
    return ExitSuccess;
}

QString weightText(float w)
{
    return QString::number(double(w), 'g', 6);
}

void printKernel(const FilterSettings &settings)
{
    const Kernel k = settings.kernel();
    int width = 1;
    for (float w : k.weights())
        width = std::max(width, int(weightText(w).size()));
    out() << settings.filter().displayName << " (" << filterSpec(settings) << ")\n";
    out() << "size " << k.width() << "x" << k.height() << ", anchor " << k.anchorX() << "," << k.anchorY() << "\n";
    for (int y = 0; y < k.height(); ++y) {
        QStringList row;
        for (int x = 0; x < k.width(); ++x)
            row << weightText(k.at(x, y)).rightJustified(width);
        out() << "  " << row.join(QStringLiteral("  ")) << "\n";
    }
    out() << "sum " << k.sum() << ", factor " << k.factor() << ", bias " << k.bias()
          << ", effective sum (factor x sum) " << k.effectiveSum() << "\n";
    if (const auto factors = k.separableFactors()) {
        QStringList column, row;
        for (float v : factors->column)
            column << weightText(v);
        for (float v : factors->row)
            row << weightText(v);
        out() << "separable: column [" << column.join(u' ') << "] x row [" << row.join(u' ') << "]\n";
    } else {
        out() << "not separable (runs as a direct 2-D convolution)\n";
    }
    out() << "as text: " << kernelToText(k) << "\n";
}

int runKernel(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Prints the kernel a filter spec applies: weights, anchor, sum, factor,\n"
                                     "bias, separability and its ImageMagick text form.");
    parser.addPositionalArgument("SPEC", "A filter spec, e.g. gaussian:size=5,sigma=1.5.");
    if (const auto over = parseCommand(parser, QStringLiteral("kernel"), arguments))
        return *over;
    if (parser.positionalArguments().size() != 1)
        return report(usage(QStringLiteral("kernel takes exactly one filter spec")));
    const Result<FilterSettings> parsed = parseFilterSpec(parser.positionalArguments().first());
    if (!parsed)
        return report(usage(parsed.error()));
    printKernel(*parsed);
    return ExitSuccess;
}

// " px" after a default, "°" right after it.
QString unitSuffix(const ParamDeclaration &p)
{
    const QString unit = QString::fromUtf8(p.unit);
    if (unit.isEmpty() || !p.isNumeric())
        return {};
    return unit.front().isLetter() ? u' ' + unit : unit;
}

// A parameter's allowed values and default, in the words of `list`.
QString paramLine(const ParamDeclaration &p, const FilterSettings &defaults)
{
    const QString value = paramText(defaults, p).value_or(QStringLiteral("none"));
    return QStringLiteral("%1: %2 (default %3%4)")
        .arg(QLatin1String(p.key), allowedValues(p), value,
             unitSuffix(p));
}

// A parameter as the README's tables show it: "`size` odd 1–1001 or 0 = from sigma (5 px)".
QString markdownParam(const ParamDeclaration &p, const FilterSettings &defaults)
{
    const QString key = QStringLiteral("`%1`").arg(QLatin1String(p.key));
    if (p.isKernel()) {
        const std::optional<Kernel> &kernel = defaults.kernelValue(QLatin1String(p.key));
        return kernel ? QStringLiteral("%1 kernel text (a %2×%3 default)").arg(key).arg(kernel->width()).arg(kernel->height())
                      : QStringLiteral("%1 kernel text (none)").arg(key);
    }
    const QString value = *paramText(defaults, p) + unitSuffix(p);
    if (p.type == ParamType::Switch)
        return QStringLiteral("%1 true/false (%2)").arg(key, value);
    QString range = QStringLiteral("%1–%2").arg(numberText(p.minimum), numberText(p.maximum));
    if (p.type == ParamType::Size) {
        range = QStringLiteral("%1%2–%3").arg(p.oddOnly ? QStringLiteral("odd ") : QString()).arg(std::max(1, int(p.minimum))).arg(int(p.maximum));
        if (p.zeroMeansAuto)
            range += QStringLiteral(" or 0 = from sigma");
    }
    return QStringLiteral("%1 %2 (%3)").arg(key, range, value);
}

// The README's filter tables, one row per filter, from the declarations: those the
// convolution engine runs, then those with their own run function.
void printMarkdownTables()
{
    for (const bool own : {false, true}) {
        out() << (own ? "\n| name | parameters (default) | what it does |\n|---|---|---|\n"
                      : "| name | parameters (default) | kernel |\n|---|---|---|\n");
        for (const FilterDeclaration *f : allFilters()) {
            if ((f->run != nullptr) != own)
                continue;
            const FilterSettings defaults(*f);
            QStringList params;
            for (const ParamDeclaration &p : f->params)
                params << markdownParam(p, defaults);
            out() << "| `" << f->name << "` " << QString::fromUtf8(f->displayName) << " | "
                  << (params.isEmpty() ? QStringLiteral("—") : params.join(QStringLiteral(", "))) << " | "
                  << QString::fromUtf8(f->description).replace(u'|', QStringLiteral("\\|")) << " |\n";
        }
    }
}

int runList(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Lists every filter with its parameters, allowed values and defaults.");
    parser.addOption({"markdown", "Print the filters as the README's Markdown tables."});
    if (const auto over = parseCommand(parser, QStringLiteral("list"), arguments))
        return *over;
    if (!parser.positionalArguments().isEmpty())
        return report(usage(QStringLiteral("list takes no arguments")));
    if (parser.isSet("markdown")) {
        printMarkdownTables();
        return ExitSuccess;
    }
    for (const FilterDeclaration *f : allFilters()) {
        out() << f->name << "  " << f->displayName << ": " << QString::fromUtf8(f->description) << "\n";
        const FilterSettings defaults(*f);
        for (const ParamDeclaration &p : f->params)
            out() << "    " << paramLine(p, defaults) << "\n";
    }
    out()
        << "\nEvery filter also takes:\n"
        << "    border: " << borderModeNames() << " (default clamp)\n"
        << "    alpha: " << alphaModeNames() << " (default premultiplied)\n"
        << "    linear: true or false (default false)\n"
        << "    region: x;y;width;height (default the whole image)\n"
        << "    enabled: true or false (default true; a disabled step is passed by)\n"
        << "\nExamples:\n"
        << "    kernel-studio-cli apply in.png -f gaussian:size=5,sigma=1.5,border=reflect -o out.png\n"
        << "    kernel-studio-cli apply in.svg --svg-scale 2 -f 'motion:size=9,angle=45,region=0;0;200;100' -o "
           "out.png\n"
        << "    kernel-studio-cli each in.png -f sharpen3x3 -f 'custom:kernel=\"3x3: 0,-1,0,-1,5,-1,0,-1,0\",bias=10' "
           "-d results\n";
    return ExitSuccess;
}

} // namespace

int run(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (command == u"apply")
        return runApply(rest);
    if (command == u"each")
        return runEach(rest);
    if (command == u"recipe")
        return runRecipe(rest);
    if (command == u"kernel")
        return runKernel(rest);
    if (command == u"list")
        return runList(rest);
    if (command == u"help" && !rest.isEmpty()) // "help apply" reads as "apply --help"
        return run({rest.first(), QStringLiteral("--help")});
    if (command == u"--help" || command == u"-h" || command == u"help") {
        out() << Overview;
        return ExitSuccess;
    }
    if (command == u"--version") {
        out() << "kernel-studio-cli " << PROJECT_VERSION << "\n";
        return ExitSuccess;
    }
    if (command.isEmpty())
        return report(usage(QStringLiteral("no command given (apply, each, recipe, kernel, list; --help for more)")));
    return report(usage(
        QStringLiteral("unknown command '%1' (apply, each, recipe, kernel, list; --help for more)").arg(command)));
}

} // namespace ks::cli
