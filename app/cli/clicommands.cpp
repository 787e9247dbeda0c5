#include "clicommands.h"

#include "batch.h"
#include "clioptions.h"
#include "filejob.h"
#include "jsonoutput.h"
#include "progress.h"
#include "streams.h"

#include "engine.h"
#include "filelimits.h"
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

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

namespace ks::cli {

namespace {

const char *const Overview = R"(Usage: kernel-studio-cli COMMAND [options]

Kernel filters on images, headless.

Commands:
  apply IN -f SPEC [-f SPEC ...] -o OUT     run the filters in order on IN, write OUT
                                            (IN and OUT may be - for standard input/output)
  batch IN... -f SPEC [-f SPEC ...] -d DIR  the whole stack on every input, into DIR
  each IN... -f SPEC [-f SPEC ...] -d DIR   each filter on each input: DIR/<name>-<index>.png
  recipe -f SPEC [-f SPEC ...] -o FILE      write the steps as a recipe JSON (for --recipe and the editor)
  kernel SPEC [--json]                      print a filter's kernel, sum and separability
  list [--json | --markdown]                every filter with its parameters and defaults

A SPEC is name:key=value,...  e.g. gaussian:size=5,sigma=1.5  motion:size=7,angle=45
  custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0
apply, each and recipe also read steps from a recipe JSON (--recipe FILE), before any -f,
and --region x,y,w,h limits every step to a rectangle.
Run 'kernel-studio-cli COMMAND --help' for a command's options.
Exit status: 0 success, 1 failure (a file could not be read or written), 2 usage error.
-q prints errors only; -v adds per-file timings and the image plugins' own warnings;
--progress (the default when stderr is a terminal) shows a progress bar on stderr.
)";

int runApply(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Runs the filters in order on IN and writes the result to OUT: first the\n"
                                     "steps of --recipe FILE, then --example, then every -f SPEC.\n"
                                     "A key inside a spec wins over --border, --alpha, --linear and --region;\n"
                                     "steps read from --recipe keep their own settings, except that --region\n"
                                     "limits them too. A region outside the image is a failure (exit 1).");
    parser.addPositionalArgument("IN", "Input image (PNG, JPEG, WebP, TIFF, BMP, GIF, PPM/PGM/PAM, SVG, ...), "
                                       "or - for standard input (any of these, told apart by their bytes).");
    addJobOptions(parser);
    parser.addOption({{"o", "output"}, "Output file; its extension picks the format. - for standard output "
                                       "(then --format is needed and nothing else is written there).", "file"});
    parser.addOption({"format", "The type written to standard output: png, jpg, webp, tif, bmp, ppm, pgm, gif.",
                      "ext"});
    if (const auto over = parseCommand(parser, QStringLiteral("apply"), arguments))
        return *over;
    if (parser.positionalArguments().size() != 1)
        return report(usage(
            QStringLiteral("apply takes exactly one input image (got %1)").arg(parser.positionalArguments().size())));
    if (!parser.isSet("output"))
        return report(usage(QStringLiteral("apply needs -o OUT, the file to write")));
    FileJob file{parser.positionalArguments().first(), parser.value("output"), parser.value("format").toLower()};
    if (auto problem = checkOutputType(file.output))
        return report(*problem);
    if (isStandardOutput(file.output)) {
        if (file.format.isEmpty())
            return report(usage(QStringLiteral("-o - writes to standard output and needs --format (%1)")
                                    .arg(writableExtensions().join(QStringLiteral(", ")))));
        if (!writableExtensions().contains(file.format))
            return report(usage(QStringLiteral("--format: unknown output type '%1' (use %2)")
                                    .arg(file.format, writableExtensions().join(QStringLiteral(", ")))));
    } else if (parser.isSet("format")) {
        return report(usage(QStringLiteral("--format is for -o - (standard output); a file's extension names its type")));
    }
    JobOptions job;
    if (auto problem = readJobOptions(parser, job))
        return report(*problem);

    const Engine engine(job.threads);
    ProgressBar bar(job.progress);
    const QString label = isStandardInput(file.input) ? QStringLiteral("standard input") : file.input;
    FileTimes times;
    const auto problem = runFileJob(file, job, engine, times, [&](double f) { bar.update(f, label); });
    bar.finish();
    if (problem)
        return report(*problem);
    if (job.verbosity == Verbosity::Verbose)
        fprintf(console(), "%s\n", qPrintable(timesText(label, times)));
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
    const Result<LoadedImage> loaded = loadInput(input, job.load);
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
        if (job.verbosity != Verbosity::Quiet)
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
    parser.addOption({"schema", "Print the JSON Schema of recipe files (docs/recipe.schema.json) and exit."});
    if (const auto over = parseCommand(parser, QStringLiteral("recipe"), arguments))
        return *over;
    if (parser.isSet("schema")) {
        out() << recipeSchemaJson();
        return ExitSuccess;
    }
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
    parser.addOption({"json", "Print the kernel as JSON: width, height, anchor, factor, bias, weights (row-major), "
                              "separable factors (null when not separable)."});
    if (const auto over = parseCommand(parser, QStringLiteral("kernel"), arguments))
        return *over;
    if (parser.positionalArguments().size() != 1)
        return report(usage(QStringLiteral("kernel takes exactly one filter spec")));
    const Result<FilterSettings> parsed = parseFilterSpec(parser.positionalArguments().first());
    if (!parsed)
        return report(usage(parsed.error()));
    if (parser.isSet("json"))
        out() << kernelJson(*parsed);
    else
        printKernel(*parsed);
    return ExitSuccess;
}

// A parameter's allowed values and default, in the words of `list`.
QString paramLine(const ParamDeclaration &p, const FilterSettings &defaults)
{
    const QString value = paramText(defaults, p).value_or(QStringLiteral("none"));
    return QStringLiteral("%1: %2 (default %3%4)")
        .arg(QLatin1String(p.key), allowedValues(p), value,
             p.unitSuffix());
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
    const QString value = *paramText(defaults, p) + p.unitSuffix();
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
    parser.addOption({"json", "Print every filter with its parameters (type, range, default, unit, label), "
                              "descriptions and the options every filter takes, as JSON."});
    if (const auto over = parseCommand(parser, QStringLiteral("list"), arguments))
        return *over;
    if (!parser.positionalArguments().isEmpty())
        return report(usage(QStringLiteral("list takes no arguments")));
    if (parser.isSet("markdown") && parser.isSet("json"))
        return report(usage(QStringLiteral("list: give --json or --markdown, not both")));
    if (parser.isSet("json")) {
        out() << filtersJson();
        return ExitSuccess;
    }
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
        << "    opacity: 0 to 100, the percent of the step's result blended over its input (default 100)\n"
        << "    channels: letters of r, g, b, a, the channels the step changes (default rgba)\n"
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
    if (command == u"batch")
        return runBatch(rest);
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
        return report(usage(QStringLiteral("no command given (apply, batch, each, recipe, kernel, list; --help for more)")));
    return report(usage(
        QStringLiteral("unknown command '%1' (apply, batch, each, recipe, kernel, list; --help for more)").arg(command)));
}

} // namespace ks::cli
