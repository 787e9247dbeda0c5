#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "imageio.h"
#include "presets.h"
#include "recipe.h"
#include "testimages.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ks;

namespace {

const QString Photo = QStringLiteral(KS_SAMPLES_DIR "/photo.png");
const QString Shapes = QStringLiteral(KS_SAMPLES_DIR "/shapes.svg");
const QSize PhotoSize(640, 400);  // written by tests/tools/makesamples.cpp
const QSize ShapesSize(480, 320); // the width and height in shapes.svg

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments,
           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(KS_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

Recipe recipeOf(const QStringList &specs)
{
    Recipe recipe;
    for (const QString &spec : specs) {
        const Result<FilterSettings> parsed = parseFilterSpec(spec);
        if (!parsed.ok())
            qFatal("bad spec in the test itself: %s", qPrintable(parsed.error()));
        recipe.steps.append(*parsed);
    }
    return recipe;
}

// The oracle: what the engine makes of the same input in this process.
QImage engineResult(const QString &input, const QStringList &specs)
{
    return Engine().apply(loadImage(input)->image, recipeOf(specs)).value();
}

// The same steps, every one limited to `region`, as --region should make them.
Recipe limitedTo(Recipe recipe, const QRect &region)
{
    for (FilterSettings &step : recipe.steps)
        step.region = region;
    return recipe;
}

QImage asArgb(const QImage &image)
{
    return image.convertToFormat(QImage::Format_ARGB32);
}

bool isOneLineReason(const QString &err)
{
    return err.startsWith(QLatin1String("kernel-studio-cli: ")) && err.count(u'\n') == 1 && err.endsWith(u'\n');
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void hostileInputIsRefusedInOneLine_data();
    void hostileInputIsRefusedInOneLine();
    void helpExitsZero_data();
    void helpExitsZero();
    void listNamesEveryFilter();
    void readmeTablesMatchTheDeclarations();
    void kernelPrintsMatrixAndSeparability_data();
    void kernelPrintsMatrixAndSeparability();
    void applyWritesEngineResult_data();
    void applyWritesEngineResult();
    void optionsAreDefaultsThatSpecKeysOverride_data();
    void optionsAreDefaultsThatSpecKeysOverride();
    void applyKeepsSixteenBits();
    void applyRasterisesSvgAtScale_data();
    void applyRasterisesSvgAtScale();
    void rendersSvgTextWithoutADisplay();
    void applyReadsRecipe_data();
    void applyReadsRecipe();
    void regionChangesOnlyInside_data();
    void regionChangesOnlyInside();
    void recipeWrittenThenApplied_data();
    void recipeWrittenThenApplied();
    void eachWritesOneFilePerFilterAndInput();
    void eachRunsTheSixteenReferenceFilters();
    void eachKeepsNamesApart_data();
    void eachKeepsNamesApart();
    void eachNeverOverwritesAnInput();
    void eachGoesOnAfterAFailedInput();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void failuresExitOneAndWriteNothing_data();
    void failuresExitOneAndWriteNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
    // Data rows cannot know the per-test directory: "TMP/" stands for it.
    QStringList expand(QStringList arguments) const
    {
        for (QString &argument : arguments)
            argument.replace(QLatin1String("TMP/"), m_dir->path() + u'/');
        return arguments;
    }
    QStringList files() const
    {
        return QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    }
};

void tst_Cli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    writeFile(path("corrupt.png"), readFile(Photo).left(2000)); // a PNG cut short
    writeFile(path("bad.json"), "{\"format\": \"kernel-studio-recipe\", \"version\": 1, \"steps\": [");
    writeFile(path("preset.json"), "{\"format\": \"something-else\", \"version\": 1, \"steps\": []}");
    QVERIFY(QDir(m_dir->path()).mkdir("folder.png"));
    writeFile(path("box.json"), recipeToJson(recipeOf({"box:size=3"})));
}

void tst_Cli::helpExitsZero_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("tool") << QStringList{"--help"} << "Commands:";
    QTest::newRow("tool -h") << QStringList{"-h"} << "Commands:";
    QTest::newRow("help") << QStringList{"help"} << "Commands:";
    QTest::newRow("apply") << QStringList{"apply", "--help"} << "kernel-studio-cli apply";
    QTest::newRow("each") << QStringList{"each", "--help"} << "kernel-studio-cli each";
    QTest::newRow("kernel") << QStringList{"kernel", "--help"} << "kernel-studio-cli kernel";
    QTest::newRow("recipe") << QStringList{"recipe", "--help"} << "kernel-studio-cli recipe";
    QTest::newRow("recipe named in the overview") << QStringList{"--help"} << "recipe -f SPEC";
    QTest::newRow("--region in apply's help") << QStringList{"apply", "--help"} << "--region <x,y,w,h>";
    QTest::newRow("list") << QStringList{"list", "-h"} << "kernel-studio-cli list";
    QTest::newRow("help apply") << QStringList{"help", "apply"} << "--svg-scale";
    QTest::newRow("help among others") << QStringList{"apply", "in.png", "-f", "box", "--help"} << "-o, --output";
}

void tst_Cli::helpExitsZero()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(mentions), qPrintable(run.out));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
}

// The README's filter tables are made from the declarations (scripts/update-readme.sh); a
// filter added, renamed or changed without running it makes them disagree.
void tst_Cli::readmeTablesMatchTheDeclarations()
{
    const Run run = runCli({"list", "--markdown"});
    QCOMPARE(run.exitCode, 0);
    QFile readme(QStringLiteral(KS_SOURCE_DIR "/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const QRegularExpression section(QStringLiteral("<!-- filters:begin[^>]*-->\n(.*)<!-- filters:end -->"),
                                     QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = section.match(text);
    QVERIFY2(match.hasMatch(), "README.md has no filters:begin/filters:end section");
    QVERIFY2(match.captured(1) == run.out, "README.md's filter tables differ from `list --markdown`: run "
                                           "scripts/update-readme.sh");
    for (const FilterDeclaration *f : allFilters())
        QVERIFY2(match.captured(1).contains(QStringLiteral("| `%1` ").arg(QLatin1String(f->name))), f->name);
}

void tst_Cli::listNamesEveryFilter()
{
    const Run run = runCli({"list"});
    QCOMPARE(run.exitCode, 0);
    for (const FilterDeclaration *f : allFilters()) {
        const QString heading = QStringLiteral("^%1  %2: ")
                                    .arg(QRegularExpression::escape(QLatin1String(f->name)),
                                         QRegularExpression::escape(QLatin1String(f->displayName)));
        QVERIFY2(run.out.contains(QRegularExpression(heading, QRegularExpression::MultilineOption)), f->name);
        for (const ParamDeclaration &p : f->params)
            QVERIFY2(run.out.contains(QStringLiteral("%1: %2 (default ").arg(p.key, allowedValues(p))), p.key);
    }
    QVERIFY(run.out.contains("border: clamp, reflect, wrap, transparent, unfiltered"));
    QVERIFY(run.out.contains("alpha: premultiplied, straight, ignore"));
    QVERIFY(run.out.contains("region: x;y;width;height"));
}

void tst_Cli::kernelPrintsMatrixAndSeparability_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<bool>("separable");
    QTest::newRow("binomial") << "binomial5x5"
                              << QStringList{"size 5x5, anchor 2,2", "sum 256, factor 0.00390625",
                                             "effective sum (factor x sum) 1",
                                             "separable: column [1 4 6 4 1] x row [1 4 6 4 1]",
                                             "5x5: 1,4,6,4,1,4,16,24,16,4,6,24,36,24,6,4,16,24,16,4,1,4,6,4,1"}
                              << true;
    QTest::newRow("sharpen") << "sharpen3x3" << QStringList{"size 3x3", "sum 1", "3x3: 0,-1,0,-1,5,-1,0,-1,0"} << false;
    QTest::newRow("custom with anchor") << R"(custom:kernel="3x2+0+0: 1,2,3,4,5,6",factor=0.5,bias=10)"
                                        << QStringList{"size 3x2, anchor 0,0", "sum 21, factor 0.5, bias 10",
                                                       "(factor x sum) 10.5", "3x2+0+0: 1,2,3,4,5,6"}
                                        << false;
    QTest::newRow("sobel is rank 1") << "sobel-x" << QStringList{"column [1 2 1] x row [-1 0 1]"} << true;
}

void tst_Cli::kernelPrintsMatrixAndSeparability()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, mentions);
    QFETCH(bool, separable);
    const Run run = runCli({"kernel", spec});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    for (const QString &text : mentions)
        QVERIFY2(run.out.contains(text), qPrintable(text + u'\n' + run.out));
    QCOMPARE(run.out.contains(QRegularExpression("^separable: ", QRegularExpression::MultilineOption)), separable);
    QCOMPARE(run.out.contains("not separable"), !separable);

    // The matrix: one line per row, right-aligned columns, so every row is equally long.
    const Kernel kernel = parseFilterSpec(spec)->kernel();
    const QStringList lines = run.out.split(u'\n');
    const qsizetype first = lines.indexOf(QRegularExpression("size .*")); // matches whole lines
    QVERIFY(first >= 0);
    const QStringList rows = lines.mid(first + 1, kernel.height());
    for (int y = 0; y < kernel.height(); ++y) {
        QCOMPARE(rows[y].size(), rows[0].size());
        const QStringList cells = rows[y].split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(cells.size(), kernel.width());
        for (int x = 0; x < kernel.width(); ++x)
            QCOMPARE(cells[x].toFloat(), kernel.at(x, y));
    }
}

void tst_Cli::applyWritesEngineResult_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QString>("output");
    QTest::addColumn<int>("tolerance");
    QTest::newRow("gaussian png") << QStringList{"gaussian:size=5,sigma=1.5"} << "out.png" << 0;
    QTest::newRow("chain png") << QStringList{"sharpen3x3", "motion:size=7,angle=45,border=wrap"} << "chain.png" << 0;
    QTest::newRow("custom tiff") << QStringList{R"(custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0)"}
                                 << "custom.tif" << 0;
    QTest::newRow("box bmp") << QStringList{"box:size=4"} << "box.bmp" << 0;
    QTest::newRow("blur jpeg") << QStringList{"gaussian:size=9,sigma=3"} << "blur.jpg" << 12;
    QTest::newRow("upper-case extension") << QStringList{"emboss3x3"} << "EMBOSS.PNG" << 0;
}

void tst_Cli::applyWritesEngineResult()
{
    QFETCH(QStringList, specs);
    QFETCH(QString, output);
    QFETCH(int, tolerance);
    QStringList arguments{"apply", Photo, "-o", path(output)};
    for (const QString &spec : specs)
        arguments << "-f" << spec;
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    const Result<LoadedImage> written = loadImage(path(output));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QImage expected = engineResult(Photo, specs);
    QCOMPARE(written->image.size(), PhotoSize);
    if (output.endsWith(".png", Qt::CaseInsensitive)) { // the whole image, alpha included
        QCOMPARE(test::maxChannelDifference(written->image, expected), 0);
        return;
    }
    // JPEG and BMP keep no alpha: compare where the sample is opaque, where all of them keep the
    // colour as it is.
    int difference = 0;
    for (int y = 100; y < 300; ++y)
        for (int x = 100; x < 540; ++x) {
            const QColor a = written->image.pixelColor(x, y), b = expected.pixelColor(x, y);
            QCOMPARE(b.alpha(), 255);
            difference = std::max({difference, std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                                   std::abs(a.blue() - b.blue())});
        }
    QVERIFY2(difference <= tolerance, qPrintable(QString::number(difference)));
}

void tst_Cli::optionsAreDefaultsThatSpecKeysOverride_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("meaning"); // the spec that says the same without options
    QTest::addColumn<QString>("unlike");  // a result it must differ from, so the row can fail
    QTest::newRow("--border") << QStringList{"--border", "wrap"} << "box:size=9"
                              << "box:size=9,border=wrap"
                              << "box:size=9";
    QTest::newRow("spec border wins") << QStringList{"--border", "wrap"} << "box:size=9,border=reflect"
                                      << "box:size=9,border=reflect"
                                      << "box:size=9,border=wrap";
    QTest::newRow("--alpha") << QStringList{"--alpha", "straight"} << "gaussian:size=7,sigma=2"
                             << "gaussian:size=7,sigma=2,alpha=straight"
                             << "gaussian:size=7,sigma=2";
    QTest::newRow("spec alpha wins") << QStringList{"--alpha", "straight"} << "gaussian:size=7,sigma=2,alpha=ignore"
                                     << "gaussian:size=7,sigma=2,alpha=ignore"
                                     << "gaussian:size=7,sigma=2,alpha=straight";
    QTest::newRow("--linear") << QStringList{"--linear"} << "box:size=5"
                              << "box:size=5,linear=true"
                              << "box:size=5";
    QTest::newRow("--region") << QStringList{"--region", "100,50,200,120"} << "sharpen5x5"
                              << "sharpen5x5:region=100;50;200;120"
                              << "sharpen5x5";
    QTest::newRow("one thread") << QStringList{"--threads", "1"} << "gaussian:size=0,sigma=4"
                                << "gaussian:size=0,sigma=4"
                                << "gaussian:size=0,sigma=3";
    QTest::newRow("three threads") << QStringList{"--threads", "3"} << "gaussian:size=0,sigma=4"
                                   << "gaussian:size=0,sigma=4"
                                   << "gaussian:size=0,sigma=3";
}

void tst_Cli::optionsAreDefaultsThatSpecKeysOverride()
{
    QFETCH(QStringList, options);
    QFETCH(QString, spec);
    QFETCH(QString, meaning);
    QFETCH(QString, unlike);
    const Run run = runCli(QStringList{"apply", Photo, "-f", spec, "-o", path("out.png")} + options);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage written = loadImage(path("out.png"))->image;
    QCOMPARE(test::maxChannelDifference(written, engineResult(Photo, {meaning})), 0);
    QVERIFY(test::maxChannelDifference(written, engineResult(Photo, {unlike})) > 0);
}

void tst_Cli::applyKeepsSixteenBits()
{
    const QImage deep = test::makeImage(64, 48, QImage::Format_RGBA64, test::AlphaContent::Random, 12);
    QVERIFY(saveImage(deep, path("deep.png")).ok());
    const Run run = runCli({"apply", path("deep.png"), "-f", "gaussian:size=3,sigma=0.8", "-o", path("deep-out.png")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Result<LoadedImage> written = loadImage(path("deep-out.png"));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(written->image.depth(), 64);
    QCOMPARE(written->image, engineResult(path("deep.png"), {"gaussian:size=3,sigma=0.8"}));
}

void tst_Cli::applyRasterisesSvgAtScale_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QSize>("size");
    QTest::newRow("own size") << QStringList{} << ShapesSize;
    QTest::newRow("scale 2") << QStringList{"--svg-scale", "2"} << ShapesSize * 2;
    QTest::newRow("scale 0.5") << QStringList{"--svg-scale", "0.5"} << ShapesSize / 2;
    QTest::newRow("width") << QStringList{"--svg-width", "240"} << QSize(240, 160);
    QTest::newRow("height") << QStringList{"--svg-height", "64"} << QSize(96, 64);
    QTest::newRow("size wins over scale")
        << QStringList{"--svg-scale", "3", "--svg-width", "100", "--svg-height", "50"} << QSize(100, 50);
    QTest::newRow("raster ignores svg options") << QStringList{"--svg-scale", "2", "PHOTO"} << PhotoSize;
}

void tst_Cli::applyRasterisesSvgAtScale()
{
    QFETCH(QStringList, options);
    QFETCH(QSize, size);
    const QString input = options.removeAll("PHOTO") ? Photo : Shapes;
    const Run run =
        runCli(QStringList{"apply", input, "-f", "gaussian:size=3,sigma=1", "-o", path("svg.png")} + options);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Result<LoadedImage> written = loadImage(path("svg.png"));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(written->image.size(), size);
    QVERIFY(written->image.hasAlphaChannel());
    QCOMPARE(written->image.pixelColor(0, 0).alpha(), 0); // both samples have a transparent corner
}

// The tool makes its own headless platform: SVG text needs fonts, fonts need a GUI application.
void tst_Cli::rendersSvgTextWithoutADisplay()
{
    writeFile(path("text.svg"), R"(<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">
        <text x="10" y="45" font-family="DejaVu Sans" font-size="40" fill="#000">Text</text></svg>)");
    QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        bare.remove(QLatin1String(name));
    const Run run = runCli({"apply", path("text.svg"), "-f", "identity", "-o", path("text.png")}, bare);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QImage text = loadImage(path("text.png"))->image.convertToFormat(QImage::Format_ARGB32);
    int inked = 0;
    for (int y = 0; y < text.height(); ++y)
        for (int x = 0; x < text.width(); ++x)
            inked += qAlpha(text.pixel(x, y)) > 128;
    QVERIFY2(inked > 300, qPrintable(QString::number(inked)));
}

void tst_Cli::applyReadsRecipe_data()
{
    QTest::addColumn<QStringList>("recipeSpecs");
    QTest::addColumn<QStringList>("extraSpecs");
    QTest::newRow("recipe") << QStringList{"box:size=3", "sobel-x:alpha=ignore"} << QStringList{};
    QTest::newRow("recipe then -f") << QStringList{"motion:size=5,angle=30,border=reflect"}
                                    << QStringList{"sharpen3x3", "gaussian:size=3,sigma=0.7"};
    QTest::newRow("every setting")
        << QStringList{R"(custom:kernel="4x3+1+2: 1,0,0,0,0,2,0,0,0,0,1,1",factor=0.2,bias=5,border=transparent,)"
                       "alpha=straight,linear=true,region=10;20;300;200"}
        << QStringList{};
}

void tst_Cli::applyReadsRecipe()
{
    QFETCH(QStringList, recipeSpecs);
    QFETCH(QStringList, extraSpecs);
    const Recipe recipe = recipeOf(recipeSpecs);
    writeFile(path("recipe.json"), recipeToJson(recipe));
    QCOMPARE(*recipeFromJson(readFile(path("recipe.json"))), recipe);

    QStringList arguments{"apply", Photo, "--recipe", path("recipe.json"), "-o", path("r.png")};
    for (const QString &spec : extraSpecs)
        arguments << "-f" << spec;
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage written = loadImage(path("r.png"))->image;
    QCOMPARE(test::maxChannelDifference(written, engineResult(Photo, recipeSpecs + extraSpecs)), 0);
    if (!extraSpecs.isEmpty()) // the order matters, so the test can tell recipe-first from -f-first
        QVERIFY(test::maxChannelDifference(written, engineResult(Photo, extraSpecs + recipeSpecs)) > 0);
}

void tst_Cli::regionChangesOnlyInside_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("fromRecipe"); // the steps from a recipe file, else from -f
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QRect>("region");

    const QStringList chain{"gaussian:size=9,sigma=3", "sharpen3x3"};
    QTest::newRow("apply -f") << "apply" << false << chain << QRect(100, 50, 200, 120);
    QTest::newRow("apply --recipe") << "apply" << true << chain << QRect(100, 50, 200, 120);
    QTest::newRow("apply --recipe whose step has a region of its own")
        << "apply" << true << QStringList{"box:size=7,region=0;0;50;50"} << QRect(300, 200, 340, 200);
    QTest::newRow("apply, region at the bottom-right corner")
        << "apply" << false << QStringList{"emboss3x3"} << QRect(600, 370, 40, 30);
    QTest::newRow("each -f") << "each" << false << QStringList{"box:size=7", "emboss3x3"} << QRect(10, 300, 600, 90);
    QTest::newRow("each --recipe") << "each" << true << QStringList{"motion:size=9,angle=45", "laplace4"}
                                   << QRect(320, 0, 320, 400);
}

void tst_Cli::regionChangesOnlyInside()
{
    QFETCH(QString, command);
    QFETCH(bool, fromRecipe);
    QFETCH(QStringList, specs);
    QFETCH(QRect, region);

    const QString regionText =
        QStringLiteral("%1,%2,%3,%4").arg(region.x()).arg(region.y()).arg(region.width()).arg(region.height());
    QStringList arguments{command, Photo, "--region", regionText};
    if (fromRecipe) {
        writeFile(path("steps.json"), recipeToJson(recipeOf(specs)));
        arguments << "--recipe" << path("steps.json");
    } else {
        for (const QString &spec : specs)
            arguments << "-f" << spec;
    }
    arguments << (command == "apply" ? QStringList{"-o", path("out.png")} : QStringList{"-d", path("out")});
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // apply chains the steps; each writes one file per step.
    QList<QPair<QString, Recipe>> results;
    if (command == "apply") {
        results.append({path("out.png"), recipeOf(specs)});
    } else {
        for (qsizetype s = 0; s < specs.size(); ++s)
            results.append({path("out/") + eachFileName("photo", s + 1, specs.size()), recipeOf({specs[s]})});
    }
    const QImage input = asArgb(loadImage(Photo)->image);
    for (const auto &[file, recipe] : results) {
        const Result<LoadedImage> written = loadImage(file);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const QImage expected = Engine().apply(loadImage(Photo)->image, limitedTo(recipe, region)).value();
        QCOMPARE(test::maxChannelDifference(written->image, expected), 0);
        const QImage image = asArgb(written->image);
        QCOMPARE(image.size(), input.size());
        int changedInside = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const bool changed = image.pixel(x, y) != input.pixel(x, y);
                if (!region.contains(x, y))
                    QVERIFY2(!changed, qPrintable(QString("%1: %2,%3 changed").arg(file).arg(x).arg(y)));
                else
                    changedInside += changed;
            }
        QVERIFY2(changedInside > 0, qPrintable(file));
    }
}

void tst_Cli::recipeWrittenThenApplied_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QStringList>("options");

    QTest::newRow("two steps") << QStringList{"gaussian:size=5,sigma=1.5", "sharpen5x5"} << QStringList{};
    QTest::newRow("with options") << QStringList{"box:size=9", "emboss3x3"}
                                  << QStringList{"--border", "wrap",     "--alpha",
                                                 "straight", "--region", "20,30,300,200"};
    QTest::newRow("custom kernel in linear light")
        << QStringList{R"(custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",bias=10)", "motion:size=7,angle=30"}
        << QStringList{"--linear"};
}

void tst_Cli::recipeWrittenThenApplied()
{
    QFETCH(QStringList, specs);
    QFETCH(QStringList, options);

    QStringList filters;
    for (const QString &spec : specs)
        filters << "-f" << spec;
    const QStringList before = files();
    const Run written = runCli(QStringList{"recipe"} + filters + options + QStringList{"-o", path("r.json")});
    QVERIFY2(written.exitCode == 0, qPrintable(written.err));
    QVERIFY2(written.out.contains(QStringLiteral("%1 steps").arg(specs.size())), qPrintable(written.out));
    QCOMPARE(files(), QStringList(before) << "r.json"); // and no temporary file left behind
    const Result<Recipe> recipe = recipeFromJson(readFile(path("r.json")));
    QVERIFY2(recipe.ok(), qPrintable(recipe.error()));
    QCOMPARE(recipe->steps.size(), specs.size());

    const Run fromRecipe = runCli({"apply", Photo, "--recipe", path("r.json"), "-o", path("a.png")});
    QVERIFY2(fromRecipe.exitCode == 0, qPrintable(fromRecipe.err));
    const Run fromSpecs = runCli(QStringList{"apply", Photo} + filters + options + QStringList{"-o", path("b.png")});
    QVERIFY2(fromSpecs.exitCode == 0, qPrintable(fromSpecs.err));
    const QImage a = loadImage(path("a.png"))->image;
    QVERIFY(!a.isNull());
    QCOMPARE(test::maxChannelDifference(a, loadImage(path("b.png"))->image), 0);
    QCOMPARE(test::maxChannelDifference(a, Engine().apply(loadImage(Photo)->image, *recipe).value()), 0);
    QVERIFY(test::maxChannelDifference(a, loadImage(Photo)->image) > 0);
    // The options are in the file: without them the same specs give another image.
    if (!options.isEmpty())
        QVERIFY(test::maxChannelDifference(a, engineResult(Photo, specs)) > 0);
}

void tst_Cli::eachWritesOneFilePerFilterAndInput()
{
    const QString dir = path("new/results");
    const QStringList specs{"emboss3x3", "gaussian:size=5,sigma=1.5", "motion:size=9,angle=45"};
    const Run run = runCli({"each", Photo, Shapes, "-f", specs[0], "-f", specs[1], "-f", specs[2], "-d", dir});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.err.isEmpty());
    const QStringList expected{"photo-1.png",  "photo-2.png",  "photo-3.png",
                               "shapes-1.png", "shapes-2.png", "shapes-3.png"};
    QCOMPARE(QDir(dir).entryList(QDir::Files, QDir::Name), expected);

    // One line per file, in the order written: "<output path>  <filter spec>".
    QStringList lines;
    for (const QString &name : expected)
        lines << QDir(dir).filePath(name) + QLatin1String("  ") +
                     filterSpec(recipeOf({specs[name.section(u'-', 1).left(1).toInt() - 1]}).steps[0]);
    QCOMPARE(run.out, lines.join(u'\n') + u'\n');

    for (const QString &name : expected) {
        const Result<LoadedImage> loaded = loadImage(QDir(dir).filePath(name));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->image.size(), name.startsWith("photo") ? PhotoSize : ShapesSize);
    }
    // Each filter on the original, not on the previous result.
    QCOMPARE(
        test::maxChannelDifference(loadImage(QDir(dir).filePath("photo-2.png"))->image, engineResult(Photo, {specs[1]})),
        0);
    QCOMPARE(
        test::maxChannelDifference(loadImage(QDir(dir).filePath("photo-3.png"))->image, engineResult(Photo, {specs[2]})),
        0);
}

// The reference library's example: sixteen filters on the PNG and on the SVG template.
void tst_Cli::eachRunsTheSixteenReferenceFilters()
{
    const Recipe example = referenceExample();
    QCOMPARE(example.steps.size(), 16);
    const QString dir = path("example");
    const Run run = runCli({"each", Photo, Shapes, "--example", "-d", dir});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 32);
    // This suite has no QGuiApplication to rasterise SVG text with: the CLI rasterises it.
    const QString shapesRaster = path("shapes-raster.png");
    QCOMPARE(runCli({"apply", Shapes, "-f", "identity", "-o", shapesRaster}).exitCode, 0);
    for (const auto &[input, raster] : {std::pair(Photo, Photo), std::pair(Shapes, shapesRaster)}) {
        const QImage original = loadImage(raster)->image;
        const QString stem = QFileInfo(input).completeBaseName();
        for (qsizetype i = 0; i < example.steps.size(); ++i) {
            const Result<LoadedImage> written = loadImage(QDir(dir).filePath(eachFileName(stem, i + 1, 16)));
            QVERIFY2(written.ok(), qPrintable(written.error()));
            const QImage expected = Engine().apply(original, example.steps[i]).value();
            QVERIFY2(test::maxChannelDifference(written->image, expected) == 0,
                     qPrintable(QStringLiteral("%1 step %2").arg(stem).arg(i + 1)));
        }
    }
}

void tst_Cli::eachKeepsNamesApart_data()
{
    QTest::addColumn<QStringList>("inputs"); // copies of the samples, by their new names
    QTest::addColumn<int>("filters");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("base names clash") << QStringList{"same.png", "same.svg"} << 10
                                      << QStringList{"same.png-01.png", "same.png-10.png", "same.svg-01.png",
                                                     "same.svg-10.png"};
    QTest::newRow("file names clash") << QStringList{"a/photo.png", "b/photo.png"} << 2
                                      << QStringList{"photo.png-1.png", "photo.png-2.png", "photo.png_2-1.png",
                                                     "photo.png_2-2.png"};
    QTest::newRow("no clash") << QStringList{"one.png", "two.svg"} << 16
                              << QStringList{"one-01.png", "one-16.png", "two-01.png", "two-16.png"};
}

void tst_Cli::eachKeepsNamesApart()
{
    QFETCH(QStringList, inputs);
    QFETCH(int, filters);
    QFETCH(QStringList, expected);
    QStringList arguments{"each", "-d", path("out")};
    for (const QString &input : inputs) {
        QVERIFY(QDir(m_dir->path()).mkpath(QFileInfo(input).path()));
        QVERIFY(QFile::copy(input.endsWith(".svg") ? Shapes : Photo, path(input)));
        arguments << path(input);
    }
    for (int i = 1; i <= filters; ++i)
        arguments << "-f" << QStringLiteral("box:size=%1").arg(i);
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList files = QDir(path("out")).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), inputs.size() * filters);
    for (const QString &name : expected)
        QVERIFY2(files.contains(name), qPrintable(name + u'\n' + files.join(u' ')));
}

void tst_Cli::eachNeverOverwritesAnInput()
{
    QVERIFY(QFile::copy(Photo, path("a.png")));
    QVERIFY(QFile::copy(Photo, path("a-1.png")));
    const QStringList before = files();
    const Run run = runCli({"each", path("a.png"), path("a-1.png"), "-f", "box", "-d", m_dir->path()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneLineReason(run.err) && run.err.contains("a-1.png would overwrite an input"), qPrintable(run.err));
    QCOMPARE(files(), before);
    QCOMPARE(readFile(path("a-1.png")), readFile(Photo));
}

void tst_Cli::eachGoesOnAfterAFailedInput()
{
    const Run run = runCli(
        {"each", path("nothere.png"), Photo, path("corrupt.png"), "-f", "box", "-f", "identity", "-d", path("out")});
    QCOMPARE(run.exitCode, 1);
    const QStringList reasons = run.err.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(reasons.size(), 2);
    QVERIFY2(reasons[0].startsWith("kernel-studio-cli: ") && reasons[0].contains("nothere.png"), qPrintable(run.err));
    QVERIFY2(reasons[1].startsWith("kernel-studio-cli: ") && reasons[1].contains("corrupt.png"), qPrintable(run.err));
    QCOMPARE(QDir(path("out")).entryList(QDir::Files, QDir::Name), (QStringList{"photo-1.png", "photo-2.png"}));
    QCOMPARE(run.out.count(u'\n'), 2);
}

void tst_Cli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    const QStringList apply{"apply", Photo, "-o", "TMP/x.png"};
    QTest::newRow("no command") << QStringList{} << "no command";
    QTest::newRow("unknown command") << QStringList{"blur"} << "unknown command 'blur'";
    QTest::newRow("help on unknown command") << QStringList{"help", "blur"} << "unknown command 'blur'";
    QTest::newRow("missing -o") << QStringList{"apply", Photo, "-f", "box"} << "-o OUT";
    QTest::newRow("missing input") << QStringList{"apply", "-f", "box", "-o", "TMP/x.png"} << "one input";
    QTest::newRow("two inputs") << QStringList{"apply", Photo, Photo, "-f", "box", "-o", "TMP/x.png"} << "one input";
    QTest::newRow("no filter") << apply << "no filter";
    QTest::newRow("unknown filter") << apply + QStringList{"-f", "blurry"} << "unknown filter 'blurry'";
    QTest::newRow("bad key") << apply + QStringList{"-f", "gaussian:radius=2"} << "radius";
    QTest::newRow("sigma range") << apply + QStringList{"-f", "gaussian:sigma=0"} << "sigma";
    QTest::newRow("even gaussian size") << apply + QStringList{"-f", "gaussian:size=4"} << "size";
    QTest::newRow("bad kernel text") << apply + QStringList{"-f", R"(custom:kernel="3x3: 1,2")"} << "kernel";
    QTest::newRow("second spec bad") << apply + QStringList{"-f", "box", "-f", "box:size=x"} << "size";
    QTest::newRow("bad --border") << apply + QStringList{"-f", "box", "--border", "mirror"} << "mirror";
    QTest::newRow("--border smuggling a key")
        << apply + QStringList{"-f", "box", "--border", "wrap,alpha=ignore"} << "--border";
    QTest::newRow("bad --alpha") << apply + QStringList{"-f", "box", "--alpha", "multiply"} << "--alpha";
    QTest::newRow("bad --region") << apply + QStringList{"-f", "box", "--region", "1,2,3"} << "--region";
    QTest::newRow("empty --region") << apply + QStringList{"-f", "box", "--region", "1,2,0,5"} << "--region";
    QTest::newRow("negative --threads") << apply + QStringList{"-f", "box", "--threads", "-1"} << "--threads";
    QTest::newRow("fractional --threads") << apply + QStringList{"-f", "box", "--threads", "1.5"} << "--threads";
    QTest::newRow("word --quality") << apply + QStringList{"-f", "box", "--quality", "high"} << "--quality";
    QTest::newRow("--quality 101") << apply + QStringList{"-f", "box", "--quality", "101"} << "--quality";
    QTest::newRow("--svg-scale 0") << apply + QStringList{"-f", "box", "--svg-scale", "0"} << "--svg-scale";
    QTest::newRow("--svg-width word") << apply + QStringList{"-f", "box", "--svg-width", "wide"} << "--svg-width";
    QTest::newRow("unknown option") << apply + QStringList{"--bogus"} << "bogus";
    QTest::newRow("option without value") << QStringList{"apply", Photo, "-o", "TMP/x.png", "-f"} << "-f";
    QTest::newRow("unknown output type") << QStringList{"apply", Photo, "-f", "box", "-o", "TMP/x.xyz"} << ".xyz";
    QTest::newRow("bad recipe") << apply + QStringList{"--recipe", "TMP/bad.json"} << "bad.json";
    QTest::newRow("--region with a word") << apply + QStringList{"-f", "box", "--region", "1,2,x,4"} << "'1,2,x,4'";
    QTest::newRow("--region with a negative size")
        << apply + QStringList{"-f", "box", "--region", "1,2,-3,4"} << "--region";
    QTest::newRow("--region of five numbers")
        << apply + QStringList{"-f", "box", "--region", "1,2,3,4,5"} << "--region";
    QTest::newRow("recipe not a recipe") << apply + QStringList{"--recipe", "TMP/preset.json"} << "preset.json";
    QTest::newRow("each bad --region") << QStringList{"each", Photo, "-f", "box", "--region", "a", "-d", "TMP/d"}
                                       << "--region";
    QTest::newRow("each bad recipe") << QStringList{"each", Photo, "--recipe", "TMP/bad.json", "-d", "TMP/d"}
                                     << "bad.json";
    QTest::newRow("recipe without -o") << QStringList{"recipe", "-f", "box"} << "-o FILE";
    QTest::newRow("recipe without steps") << QStringList{"recipe", "-o", "TMP/r.json"} << "no filter";
    QTest::newRow("recipe with an input")
        << QStringList{"recipe", Photo, "-f", "box", "-o", "TMP/r.json"} << "no input images";
    QTest::newRow("recipe bad spec") << QStringList{"recipe", "-f", "box:size=0", "-o", "TMP/r.json"} << "size";
    QTest::newRow("recipe bad --region") << QStringList{"recipe", "-f", "box", "--region", "1;2", "-o", "TMP/r.json"}
                                         << "--region";
    QTest::newRow("recipe from a corrupt recipe")
        << QStringList{"recipe", "--recipe", "TMP/bad.json", "-o", "TMP/r.json"} << "bad.json";
    QTest::newRow("each without dir") << QStringList{"each", Photo, "-f", "box"} << "-d DIR";
    QTest::newRow("each without input") << QStringList{"each", "-f", "box", "-d", "TMP/d"} << "input";
    QTest::newRow("each bad spec") << QStringList{"each", Photo, "-f", "box:size=0", "-d", "TMP/d"} << "size";
    QTest::newRow("kernel bad spec") << QStringList{"kernel", "box:size=0"} << "size";
    QTest::newRow("kernel without spec") << QStringList{"kernel"} << "one filter spec";
    QTest::newRow("list with argument") << QStringList{"list", "gaussian"} << "no arguments";
}

void tst_Cli::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const QStringList before = files();
    const Run run = runCli(expand(arguments));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneLineReason(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QCOMPARE(files(), before); // nothing written, no directory made
}

void tst_Cli::failuresExitOneAndWriteNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing input") << QStringList{"apply", "TMP/nothere.png", "-f", "box", "-o", "TMP/out.png"}
                                   << "nothere.png: no such file";
    QTest::newRow("corrupt input") << QStringList{"apply", "TMP/corrupt.png", "-f", "box", "-o", "TMP/out.png"}
                                   << "corrupt.png: the image data is corrupt";
    QTest::newRow("unwritable output") << QStringList{"apply", Photo, "-f", "box", "-o", "TMP/no/such/dir/out.png"}
                                       << "cannot be written";
    QTest::newRow("output is a directory")
        << QStringList{"apply", Photo, "-f", "box", "-o", "TMP/folder.png"} << "folder.png";
    QTest::newRow("missing recipe") << QStringList{"apply", Photo, "--recipe", "TMP/none.json", "-o", "TMP/out.png"}
                                    << "none.json";
    QTest::newRow("region outside the image")
        << QStringList{"apply", Photo, "-f", "box", "--region", "1000,1000,5,5", "-o", "TMP/out.png"} << "outside";
    QTest::newRow("region outside the image, from a recipe")
        << QStringList{"apply", Photo, "--recipe", "TMP/box.json", "--region", "640,0,5,5", "-o", "TMP/out.png"}
        << "outside";
    QTest::newRow("each: region outside the image")
        << QStringList{"each", Photo, "-f", "box", "--region", "0,400,10,10", "-d", "TMP/out"} << "outside";
    QTest::newRow("each: missing recipe")
        << QStringList{"each", Photo, "--recipe", "TMP/none.json", "-d", "TMP/out"} << "none.json";
    QTest::newRow("recipe: missing recipe")
        << QStringList{"recipe", "--recipe", "TMP/none.json", "-o", "TMP/out.png"} << "none.json";
    QTest::newRow("recipe: unwritable") << QStringList{"recipe", "-f", "box", "-o", "TMP/no/such/dir/r.json"}
                                        << "cannot be written";
    QTest::newRow("recipe: onto a directory")
        << QStringList{"recipe", "-f", "box", "-o", "TMP/folder.png"} << "folder.png";
    QTest::newRow("each: directory not creatable")
        << QStringList{"each", Photo, "-f", "box", "-d", "TMP/corrupt.png/sub"} << "cannot be created";
    QTest::newRow("each: missing input") << QStringList{"each", "TMP/nothere.png", "-f", "box", "-d", "TMP/out"}
                                         << "nothere.png: no such file";
}

void tst_Cli::failuresExitOneAndWriteNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const QStringList before = files();
    const Run run = runCli(expand(arguments));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneLineReason(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFile::exists(path("out.png")));
    QCOMPARE(QDir(path("out")).entryList(QDir::Files), QStringList());
    QStringList after = files();
    after.removeAll("out"); // each makes its directory before it reads the inputs
    QCOMPARE(after, before);
}

void tst_Cli::hostileInputIsRefusedInOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("output: symlink to /dev/null")
        << QStringList{"apply", Photo, "-f", "identity", "-o", "TMP/null.png"} << "not a regular file";
    QTest::newRow("output: FIFO") << QStringList{"apply", Photo, "-f", "identity", "-o", "TMP/pipe.png"}
                                  << "not a regular file";
    QTest::newRow("recipe: /dev/zero") << QStringList{"apply", Photo, "--recipe", "/dev/zero", "-o", "TMP/o.png"}
                                       << "/dev/zero: is not a regular file";
    QTest::newRow("recipe: FIFO") << QStringList{"apply", Photo, "--recipe", "TMP/pipe.png", "-o", "TMP/o.png"}
                                  << "is not a regular file";
    QTest::newRow("input: FIFO") << QStringList{"apply", "TMP/pipe.png", "-f", "box", "-o", "TMP/o.png"}
                                 << "is not a regular file";
    QTest::newRow("SVG past --timeout")
        << QStringList{"apply", "TMP/slow.svg", "-f", "box", "--timeout", "1", "-o", "TMP/o.png"} << "gave up after 1";
}

// Each of these replaced a device, grew without end, blocked forever or ran for minutes.
void tst_Cli::hostileInputIsRefusedInOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QVERIFY(QFile::link("/dev/null", path("null.png")));
    QCOMPARE(::mkfifo(QFile::encodeName(path("pipe.png")).constData(), 0600), 0);
    // A filled path of 20,000 random segments: the rasteriser needs minutes for it.
    QByteArray svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><path d="M 0 0)";
    quint32 state = 7;
    for (int i = 0; i < 20000; ++i) {
        state = state * 1664525u + 1013904223u;
        svg += " L " + QByteArray::number(state % 4000) + " " + QByteArray::number((state >> 12) % 4000);
    }
    svg += R"(" fill="black"/></svg>)";
    writeFile(path("slow.svg"), svg);
    const Run run = runCli(expand(arguments));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneLineReason(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(!QFile::exists(path("o.png")));
    struct stat st {};
    QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    QVERIFY(::stat(QFile::encodeName(path("pipe.png")).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
