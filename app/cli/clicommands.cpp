#include "clicommands.h"

#include "engine.h"
#include "filtercatalog.h"
#include "imageio.h"
#include "kerneltext.h"
#include "recipe.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
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
  kernel SPEC                               print a filter's kernel, sum and separability
  list                                      every filter with its parameters and defaults

A SPEC is name:key=value,...  e.g. gaussian:size=5,sigma=1.5  motion:size=7,angle=45
  custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0
Run 'kernel-studio-cli COMMAND --help' for a command's options.
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

LoadResult quietlyLoad(const QString &path, const LoadOptions &options)
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
};

void addJobOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {{"f", "filter"}, "A filter step, e.g. gaussian:size=5,sigma=1.5 (repeatable).", "spec"},
        {"recipe", "Read filter steps from a recipe JSON file (before any -f).", "file"},
        {"border", "Border mode for every step: clamp, reflect, wrap, transparent, unfiltered.", "mode"},
        {"alpha", "Alpha mode for every step: premultiplied, straight, ignore.", "mode"},
        {"linear", "Filter in linear light."},
        {"region", "Only change pixels inside x,y,w,h.", "x,y,w,h"},
        {"svg-scale", "SVG raster scale (default 1 = the SVG's own size).", "scale"},
        {"svg-width", "SVG raster width in pixels.", "pixels"},
        {"svg-height", "SVG raster height in pixels.", "pixels"},
        {"threads", "Worker threads, 0 = one per core (default 0).", "n"},
        {"quality", "JPEG/WebP quality 0-100 (default 90).", "q"},
    });
}

std::optional<Problem> readNumber(const QCommandLineParser &parser, const QString &name, double minimum, double maximum,
                                  double &value)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < minimum || v > maximum)
        return usage(QStringLiteral("--%1 must be a number from %2 to %3 (got '%4')")
                         .arg(name)
                         .arg(minimum)
                         .arg(maximum)
                         .arg(parser.value(name)));
    value = v;
    return std::nullopt;
}

std::optional<Problem> readBaseSettings(const QCommandLineParser &parser, FilterSettings &base)
{
    // The options become keys of a spec, so they are checked by the same parser as specs.
    QStringList keys;
    if (parser.isSet("border"))
        keys << QStringLiteral("border=") + parser.value("border");
    if (parser.isSet("alpha"))
        keys << QStringLiteral("alpha=") + parser.value("alpha");
    if (parser.isSet("linear"))
        keys << QStringLiteral("linear=true");
    if (parser.isSet("region"))
        keys << QStringLiteral("region=") + QString(parser.value("region")).replace(u',', u';');
    const Parsed<FilterSettings> parsed = parseFilterSpec(QStringLiteral("identity:") + keys.join(u','));
    if (!parsed.ok())
        return usage(parsed.error.section(QStringLiteral("identity: "), -1));
    base = *parsed.value;
    return std::nullopt;
}

std::optional<Problem> readRecipe(const QCommandLineParser &parser, const FilterSettings &base, Recipe &recipe)
{
    if (parser.isSet("recipe")) {
        const QString path = parser.value("recipe");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return failure(QStringLiteral("%1: cannot be read (%2)").arg(path, file.errorString()));
        const Parsed<Recipe> parsed = recipeFromJson(file.readAll());
        if (!parsed.ok())
            return usage(QStringLiteral("%1: %2").arg(path, parsed.error));
        recipe = *parsed.value;
    }
    for (const QString &spec : parser.values("filter")) {
        const Parsed<FilterSettings> parsed = parseFilterSpec(spec, base);
        if (!parsed.ok())
            return usage(parsed.error);
        recipe.steps.append(*parsed.value);
    }
    if (recipe.steps.isEmpty())
        return usage(QStringLiteral(
            "no filter given (use -f SPEC or --recipe FILE; 'kernel-studio-cli list' shows the filters)"));
    return std::nullopt;
}

std::optional<Problem> readJobOptions(const QCommandLineParser &parser, JobOptions &job)
{
    FilterSettings base;
    if (auto problem = readBaseSettings(parser, base))
        return problem;
    if (auto problem = readRecipe(parser, base, job.recipe))
        return problem;
    double threads = 0, quality = job.save.quality, scale = 1, width = 0, height = 0;
    for (auto problem :
         {readNumber(parser, "threads", 0, 1024, threads), readNumber(parser, "quality", 0, 100, quality),
          readNumber(parser, "svg-scale", 0.001, 1000, scale), readNumber(parser, "svg-width", 1, 1e6, width),
          readNumber(parser, "svg-height", 1, 1e6, height)})
        if (problem)
            return problem;
    job.threads = int(threads);
    job.save.quality = int(quality);
    job.load = {scale, int(width), int(height)};
    return std::nullopt;
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
std::optional<Problem> filterFile(const QString &input, const JobOptions &job, const Engine &engine, QImage &result)
{
    const LoadResult loaded = quietlyLoad(input, job.load);
    if (!loaded.ok())
        return failure(loaded.error);
    const EngineResult filtered = engine.apply(loaded.image, job.recipe);
    if (!filtered.ok())
        return failure(QStringLiteral("%1: %2").arg(input, filtered.error));
    result = filtered.image;
    return std::nullopt;
}

int runApply(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Runs the filters in order on IN and writes the result to OUT.");
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
    JobOptions job;
    if (auto problem = readJobOptions(parser, job))
        return report(*problem);

    const Engine engine(job.threads);
    QImage result;
    if (auto problem = filterFile(parser.positionalArguments().first(), job, engine, result))
        return report(*problem);
    if (const QString error = saveImage(result, parser.value("output"), job.save); !error.isEmpty())
        return report(failure(error));
    return ExitSuccess;
}

// Output names for `each`: the base name, or the whole file name where base names collide.
QStringList outputStems(const QStringList &inputs)
{
    QHash<QString, int> count;
    for (const QString &input : inputs)
        ++count[QFileInfo(input).completeBaseName()];
    QStringList stems;
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        stems << (count[info.completeBaseName()] > 1 ? info.fileName() : info.completeBaseName());
    }
    return stems;
}

int runEach(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Applies each filter on its own to each input and writes one PNG per\n"
                                     "filter and input: DIR/<input name>-<index>.png, index from 1.");
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
    if (!QDir().mkpath(dir))
        return report(failure(QStringLiteral("%1: the directory cannot be created").arg(dir)));

    const Engine engine(job.threads);
    const QStringList stems = outputStems(inputs);
    const int digits = int(QString::number(job.recipe.steps.size()).size());
    int exitCode = ExitSuccess;
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const LoadResult loaded = quietlyLoad(inputs[i], job.load);
        if (!loaded.ok()) {
            exitCode = report(failure(loaded.error)); // the other inputs still get done
            continue;
        }
        for (qsizetype s = 0; s < job.recipe.steps.size(); ++s) {
            const FilterSettings &step = job.recipe.steps[s];
            const QString path =
                QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(stems[i]).arg(s + 1, digits, 10, QLatin1Char('0')));
            const EngineResult filtered = engine.apply(loaded.image, step);
            const QString error = filtered.ok() ? saveImage(filtered.image, path, job.save)
                                                : QStringLiteral("%1: %2").arg(inputs[i], filtered.error);
            if (!error.isEmpty())
                return report(failure(error));
            out() << path << "  " << filterSpec(step) << Qt::endl;
        }
    }
    return exitCode;
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
    out() << filterInfo(settings.kind).displayName << " (" << filterSpec(settings) << ")\n";
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
    const Parsed<FilterSettings> parsed = parseFilterSpec(parser.positionalArguments().first());
    if (!parsed.ok())
        return report(usage(parsed.error));
    printKernel(*parsed.value);
    return ExitSuccess;
}

int runList(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Lists every filter with its parameters, allowed values and defaults.");
    if (const auto over = parseCommand(parser, QStringLiteral("list"), arguments))
        return *over;
    if (!parser.positionalArguments().isEmpty())
        return report(usage(QStringLiteral("list takes no arguments")));
    for (const FilterInfo &f : allFilters()) {
        out() << f.name << "  " << f.displayName << ": " << f.description << "\n";
        const FilterSettings defaults = defaultSettings(f.kind);
        for (const ParamInfo &p : f.params) {
            const QString value = p.id == ParamId::Kernel ? kernelToText(defaults.customKernel)
                                                          : QString::number(paramValue(defaults, p.id));
            out() << "    " << p.key << ": " << allowedValues(p) << " (default " << value << ")\n";
        }
    }
    out() << "\nEvery filter also takes:\n"
          << "    border: clamp, reflect, wrap, transparent, unfiltered (default clamp)\n"
          << "    alpha: premultiplied, straight, ignore (default premultiplied)\n"
          << "    linear: true or false (default false)\n"
          << "    region: x;y;width;height (default the whole image)\n"
          << "\nExample: kernel-studio-cli apply in.png -f gaussian:size=5,sigma=1.5,border=reflect -o out.png\n";
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
    if (command == u"kernel")
        return runKernel(rest);
    if (command == u"list")
        return runList(rest);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        out() << Overview;
        return ExitSuccess;
    }
    if (command == u"--version") {
        out() << "kernel-studio-cli " << PROJECT_VERSION << "\n";
        return ExitSuccess;
    }
    if (command.isEmpty())
        return report(usage(QStringLiteral("no command given (apply, each, kernel, list; --help for more)")));
    return report(
        usage(QStringLiteral("unknown command '%1' (apply, each, kernel, list; --help for more)").arg(command)));
}

} // namespace ks::cli
