// kernel-studio-cli in pipelines and batches: standard input and output, batch folders,
// progress and verbosity, the JSON outputs and the recipe schema, the formats written.
#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "imageio.h"
#include "recipe.h"
#include "testimages.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ks;

namespace {

const QString Cli = QStringLiteral(KS_CLI_PATH);
const QString Photo = QStringLiteral(KS_SAMPLES_DIR "/photo.png");
const QString Shapes = QStringLiteral(KS_SAMPLES_DIR "/shapes.svg");
const QString Schema = QStringLiteral(KS_DOCS_DIR "/recipe.schema.json");
const QSize PhotoSize(640, 400);
const QSize ShapesSize(480, 320);

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runCli(const QStringList &arguments, const QByteArray &input = {}, const QString &program = Cli)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {-3, {}, QStringLiteral("cannot start %1").arg(program)};
    process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(240000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QImage decoded(const QByteArray &bytes)
{
    const Result<LoadedImage> loaded = loadImageFromBytes(bytes);
    return loaded ? loaded->image : QImage();
}

QImage loaded(const QString &path)
{
    const Result<LoadedImage> image = loadImage(path);
    return image ? image->image : QImage();
}

Recipe recipeOf(const QStringList &specs)
{
    Recipe recipe;
    for (const QString &spec : specs)
        recipe.steps.append(parseFilterSpec(spec).value());
    return recipe;
}

bool isOneLineReason(const QString &err)
{
    return err.startsWith(QLatin1String("kernel-studio-cli: ")) && err.count(u'\n') == 1 && err.endsWith(u'\n');
}

// A literal with its embedded zero-free binary tail, without its terminating zero.
template <size_t N> QByteArray bytesOf(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N - 1));
}

QStringList relativeFiles(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace

class tst_CliBatch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void pipeEqualsTwoSteps();
    void standardOutputFormats_data();
    void standardOutputFormats();
    void standardInputReadsSvg();
    void pipeMistakes_data();
    void pipeMistakes();
    void batchKeepsRelativePaths();
    void batchGoesOnPastABadFile();
    void batchSkipsExisting();
    void batchNamesAndFormat();
    void batchNeverOverwritesAnInput();
    void batchJobsEqualOneJob();
    void batchWithGnuParallel();
    void progressAndVerbosity();
    void listJsonFollowsTheDeclarations();
    void kernelJson_data();
    void kernelJson();
    void recipeSchemaIsCurrentAndValidates();
    void formatsRoundTrip_data();
    void formatsRoundTrip();
    void netpbmReadsPam_data();
    void netpbmReadsPam();
    void tiffCompression();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void tst_CliBatch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// cat a.png | cli apply - -f gaussian:sigma=2 -o - --format png | cli apply - -f sharpen3x3 -o b.png
void tst_CliBatch::pipeEqualsTwoSteps()
{
    const Run first = runCli({"apply", "-", "-f", "gaussian:sigma=2", "-o", "-", "--format", "png"}, readFile(Photo));
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    QVERIFY(first.err.isEmpty());
    QVERIFY(first.out.startsWith("\x89PNG")); // nothing but the image on standard output
    const Run second = runCli({"apply", "-", "-f", "sharpen3x3", "-o", path("b.png")}, first.out);
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QVERIFY(second.out.isEmpty());

    QCOMPARE(runCli({"apply", Photo, "-f", "gaussian:sigma=2", "-o", path("a.png")}).exitCode, 0);
    QCOMPARE(runCli({"apply", path("a.png"), "-f", "sharpen3x3", "-o", path("b2.png")}).exitCode, 0);
    QCOMPARE(readFile(path("b.png")), readFile(path("b2.png")));
    const Engine engine;
    const QImage oracle =
        engine.apply(engine.apply(loaded(Photo), recipeOf({"gaussian:sigma=2"})).value(), recipeOf({"sharpen3x3"}))
            .value();
    QCOMPARE(test::maxChannelDifference(loaded(path("b.png")), oracle), 0);
}

void tst_CliBatch::standardOutputFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("magic");
    QTest::addColumn<bool>("exact"); // lossless for this opaque 8-bit RGB image
    QTest::newRow("png") << "png" << QByteArray("\x89PNG") << true;
    QTest::newRow("jpg") << "jpg" << QByteArray("\xFF\xD8\xFF") << false;
    QTest::newRow("webp") << "webp" << QByteArray("RIFF") << false;
    QTest::newRow("tif") << "tif" << QByteArray("II*") << true;
    QTest::newRow("bmp") << "bmp" << QByteArray("BM") << true;
    QTest::newRow("ppm") << "ppm" << QByteArray("P6\n640 400\n255\n") << true;
    QTest::newRow("gif") << "gif" << QByteArray("GIF89a") << false;
}

// The same bytes as saving to a file of that type; read back from standard input too.
void tst_CliBatch::standardOutputFormats()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, magic);
    QFETCH(bool, exact);
    // Opaque, so that the formats without alpha can be exact too.
    const QString input = path("opaque.png");
    QVERIFY(saveImage(test::makeImage(640, 400, QImage::Format_RGB32, test::AlphaContent::Opaque, 3), input).ok());
    const Run run = runCli({"apply", input, "-f", "box:size=3", "-o", "-", "--format", format});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.startsWith(magic));
    const QString file = path("out." + format);
    QCOMPARE(runCli({"apply", input, "-f", "box:size=3", "-o", file}).exitCode, 0);
    QCOMPARE(run.out, readFile(file));
    const QImage image = decoded(run.out);
    QCOMPARE(image.size(), PhotoSize);
    const QImage oracle = Engine().apply(loaded(input), recipeOf({"box:size=3"})).value();
    if (exact)
        QCOMPARE(test::maxChannelDifference(image, oracle), 0);

    // Back in through standard input, sniffed from the bytes.
    const Run again = runCli({"apply", "-", "-f", "identity", "-o", path("again.png")}, run.out);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(test::maxChannelDifference(loaded(path("again.png")), Engine().apply(image, recipeOf({"identity"})).value()),
             0);
}

void tst_CliBatch::standardInputReadsSvg()
{
    const Run run = runCli({"apply", "-", "-f", "identity", "-o", path("s.png")}, readFile(Shapes));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(loaded(path("s.png")).size(), ShapesSize);
    const Run scaled = runCli({"apply", "/dev/stdin", "--svg-scale", "0.5", "-f", "identity", "-o", path("h.png")},
                              readFile(Shapes));
    QVERIFY2(scaled.exitCode == 0, qPrintable(scaled.err));
    QCOMPARE(loaded(path("h.png")).size(), ShapesSize / 2);
}

void tst_CliBatch::pipeMistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    const QByteArray photo = readFile(Photo);
    QTest::newRow("no --format") << QStringList{"apply", Photo, "-f", "box", "-o", "-"} << QByteArray() << 2
                                 << "needs --format";
    QTest::newRow("unknown --format") << QStringList{"apply", Photo, "-f", "box", "-o", "-", "--format", "xyz"}
                                      << QByteArray() << 2 << "unknown output type 'xyz'";
    QTest::newRow("--format with a file") << QStringList{"apply", Photo, "-f", "box", "-o", "x.png", "--format", "png"}
                                          << QByteArray() << 2 << "--format is for -o -";
    QTest::newRow("empty stdin") << QStringList{"apply", "-", "-f", "box", "-o", "-", "--format", "png"}
                                 << QByteArray() << 1 << "standard input: no image data";
    QTest::newRow("not an image") << QStringList{"apply", "-", "-f", "box", "-o", "-", "--format", "png"}
                                  << QByteArray("hello, world\n") << 1 << "standard input: not an image";
    QTest::newRow("truncated") << QStringList{"apply", "-", "-f", "box", "-o", "-", "--format", "png"}
                               << photo.left(3000) << 1 << "standard input: the image data is corrupt";
    QTest::newRow("-q with -v") << QStringList{"apply", Photo, "-f", "box", "-o", "-", "--format", "png", "-q", "-v"}
                                << QByteArray() << 2 << "contradict";
}

// A refusal writes nothing to standard output, and one line to stderr.
void tst_CliBatch::pipeMistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const Run run = runCli(arguments, input);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(isOneLineReason(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
}

void tst_CliBatch::batchKeepsRelativePaths()
{
    const QByteArray photo = readFile(Photo);
    writeFile(path("in/a.png"), photo);
    writeFile(path("in/sub/b.png"), photo);
    writeFile(path("in/sub/deeper/c.png"), photo);
    writeFile(path("in/notes.txt"), "not an image, and not named like one");
    const Run run = runCli({"batch", path("in"), "--recursive", "-f", "gaussian:sigma=1.5", "-f", "sharpen3x3", "-d",
                            path("out"), "--format", "png"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out, QByteArray("3 written, 0 failed\n"));
    QCOMPARE(relativeFiles(path("out")), (QStringList{"a.png", "sub/b.png", "sub/deeper/c.png"}));
    const QImage oracle = Engine().apply(loaded(Photo), recipeOf({"gaussian:sigma=1.5", "sharpen3x3"})).value();
    for (const QString &file : relativeFiles(path("out")))
        QCOMPARE(test::maxChannelDifference(loaded(path("out/" + file)), oracle), 0);

    // Without --recursive only the first level; a quoted pattern is expanded by batch itself.
    QCOMPARE(runCli({"batch", path("in"), "-f", "box", "-d", path("flat")}).exitCode, 0);
    QCOMPARE(relativeFiles(path("flat")), QStringList{"a.png"});
    QCOMPARE(runCli({"batch", path("in/sub/*.png"), "-f", "box", "-d", path("glob")}).exitCode, 0);
    QCOMPARE(relativeFiles(path("glob")), QStringList{"b.png"});
}

void tst_CliBatch::batchGoesOnPastABadFile()
{
    const QByteArray photo = readFile(Photo);
    writeFile(path("in/1.png"), photo);
    writeFile(path("in/2.png"), photo.left(4000)); // cut short
    writeFile(path("in/3.png"), photo);
    const Run run = runCli({"batch", path("in/1.png"), path("in/2.png"), path("in/missing.png"), path("in/3.png"),
                            "-f", "median:size=3", "-d", path("out")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QByteArray("2 written, 2 failed\n"));
    QCOMPARE(run.err.count(u'\n'), 2);
    QVERIFY2(run.err.contains("2.png: the image data is corrupt"), qPrintable(run.err));
    QVERIFY2(run.err.contains("missing.png: no such file"), qPrintable(run.err));
    QCOMPARE(relativeFiles(path("out")), (QStringList{"1.png", "3.png"}));
}

void tst_CliBatch::batchSkipsExisting()
{
    writeFile(path("in/a.png"), readFile(Photo));
    writeFile(path("in/b.png"), readFile(Photo));
    writeFile(path("out/a.png"), "kept as it is");
    const Run run = runCli({"batch", path("in"), "-f", "box", "-d", path("out"), "--skip-existing"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out, QByteArray("1 written, 0 failed, 1 skipped\n"));
    QCOMPARE(readFile(path("out/a.png")), QByteArray("kept as it is"));
    QCOMPARE(loaded(path("out/b.png")).size(), PhotoSize);
    // Without the option the result replaces it.
    QCOMPARE(runCli({"batch", path("in"), "-f", "box", "-d", path("out")}).exitCode, 0);
    QCOMPARE(loaded(path("out/a.png")).size(), PhotoSize);
}

void tst_CliBatch::batchNamesAndFormat()
{
    writeFile(path("in/photo.png"), readFile(Photo));
    writeFile(path("r.json"), recipeToJson(recipeOf({"box:size=3"})));
    const Run run = runCli({"batch", path("in/photo.png"), Shapes, "--recipe", path("r.json"), "-d", path("out"),
                            "--name", "{stem}-{recipe}-{index}.{ext}", "--format", "ppm"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(relativeFiles(path("out")), (QStringList{"photo-r-1.ppm", "shapes-r-2.ppm"}));
    QVERIFY(readFile(path("out/photo-r-1.ppm")).startsWith("P6\n640 400\n255\n"));
    // Two inputs that would land on one name are a usage error before anything is written.
    writeFile(path("other/photo.png"), readFile(Photo));
    const Run clash = runCli({"batch", path("in/photo.png"), path("other/photo.png"), "-f", "box", "-d", path("c")});
    QCOMPARE(clash.exitCode, 2);
    QVERIFY2(clash.err.contains("would both be written"), qPrintable(clash.err));
    QVERIFY(!QFileInfo::exists(path("c")));
}

void tst_CliBatch::batchNeverOverwritesAnInput()
{
    writeFile(path("in/a.png"), readFile(Photo));
    const QByteArray before = readFile(path("in/a.png"));
    const Run run = runCli({"batch", path("in"), "-f", "box", "-d", path("in")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("would overwrite an input"), qPrintable(run.err));
    QCOMPARE(readFile(path("in/a.png")), before);
}

// Files in parallel give the same bytes as one at a time with every thread.
void tst_CliBatch::batchJobsEqualOneJob()
{
    for (int i = 0; i < 6; ++i) {
        QImage image = test::makeImage(300 + 17 * i, 200 + 11 * i, i % 2 ? QImage::Format_RGBA64 : QImage::Format_ARGB32,
                                       test::AlphaContent::Random, quint32(i + 1));
        QVERIFY(QDir().mkpath(path("in")));
        QVERIFY(saveImage(image, path(QStringLiteral("in/%1.png").arg(i))).ok());
    }
    const QStringList steps{"-f", "gaussian:sigma=3", "-f", "median:size=5", "-f", "bilateral"};
    const Run one = runCli(QStringList{"batch", path("in"), "-j", "1", "-d", path("one")} + steps);
    QVERIFY2(one.exitCode == 0, qPrintable(one.err));
    const Run three = runCli(QStringList{"batch", path("in"), "-j", "3", "--threads", "2", "-d", path("three")} + steps);
    QVERIFY2(three.exitCode == 0, qPrintable(three.err));
    QCOMPARE(three.out, QByteArray("6 written, 0 failed\n"));
    QCOMPARE(relativeFiles(path("one")).size(), 6);
    QCOMPARE(relativeFiles(path("three")), relativeFiles(path("one")));
    for (const QString &file : relativeFiles(path("one")))
        QCOMPARE(readFile(path("three/" + file)), readFile(path("one/" + file)));
}

// The README's recipe for many machines, with two local "hosts" (':') standing in for them.
void tst_CliBatch::batchWithGnuParallel()
{
    const QString parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
    if (parallel.isEmpty())
        QSKIP("GNU parallel is not installed (Debian package 'parallel', in scripts/common.sh)");
    QStringList inputs;
    QVERIFY(QDir().mkpath(path("in")));
    for (int i = 0; i < 4; ++i) {
        inputs << path(QStringLiteral("in/%1.png").arg(i));
        QVERIFY(saveImage(test::makeImage(120, 80, QImage::Format_ARGB32, test::AlphaContent::Opaque, quint32(i + 7)),
                          inputs.last())
                    .ok());
    }
    const Run run = runCli(QStringList{"--will-cite", "-S", "1/:,1/:", "--halt", "now,fail=1", Cli, "batch", "{}",
                                       "-q", "-f", "gaussian:sigma=2", "-d", path("out"), ":::"} +
                               inputs,
                           {}, parallel);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(relativeFiles(path("out")), (QStringList{"0.png", "1.png", "2.png", "3.png"}));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(test::maxChannelDifference(loaded(path(QStringLiteral("out/%1.png").arg(i))),
                                            Engine().apply(loaded(inputs[i]), recipeOf({"gaussian:sigma=2"})).value()),
                 0);
}

void tst_CliBatch::progressAndVerbosity()
{
    const QStringList job{"apply", Photo, "-f", "median:size=9", "-o", path("p.png")};
    const Run progress = runCli(job + QStringList{"--progress"});
    QCOMPARE(progress.exitCode, 0);
    QVERIFY(progress.out.isEmpty());
    QVERIFY2(progress.err.contains(QLatin1String("100%")) && progress.err.contains(u'\r'), qPrintable(progress.err));
    QCOMPARE(progress.err.count(u'\n'), 1); // one line, redrawn in place

    const Run verbose = runCli(job + QStringList{"-v"});
    QCOMPARE(verbose.exitCode, 0);
    QVERIFY2(QRegularExpression("photo.png: 640x400, load [\\d.]+ m?s, filter [\\d.]+ m?s, save [\\d.]+ m?s\n")
                 .match(verbose.err)
                 .hasMatch(),
             qPrintable(verbose.err));

    writeFile(path("in/a.png"), readFile(Photo));
    writeFile(path("in/b.png"), "broken");
    const Run quiet = runCli({"batch", path("in"), "-q", "-f", "box", "-d", path("out")});
    QCOMPARE(quiet.exitCode, 1);
    QVERIFY(quiet.out.isEmpty());
    QVERIFY2(isOneLineReason(quiet.err) && quiet.err.contains("b.png"), qPrintable(quiet.err)); // errors still shown
    const Run batchProgress = runCli({"batch", path("in"), "--progress", "-f", "box", "-d", path("out2")});
    QVERIFY2(batchProgress.err.contains(QLatin1String("100%")), qPrintable(batchProgress.err));
}

void tst_CliBatch::listJsonFollowsTheDeclarations()
{
    const Run run = runCli({"list", "--json"});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc["format"].toString(), QStringLiteral("kernel-studio-filters"));
    const QJsonArray filters = doc["filters"].toArray();
    QCOMPARE(filters.size(), qsizetype(allFilters().size()));
    for (qsizetype i = 0; i < filters.size(); ++i) {
        const FilterDeclaration &f = *allFilters()[i];
        const QJsonObject json = filters[i].toObject();
        QCOMPARE(json["name"].toString(), QLatin1String(f.name));
        QCOMPARE(json["displayName"].toString(), QString::fromUtf8(f.displayName));
        QCOMPARE(json["description"].toString(), QString::fromUtf8(f.description));
        QVERIFY(parseFilterSpec(json["defaultSpec"].toString()).ok());
        const QJsonArray params = json["params"].toArray();
        QCOMPARE(params.size(), qsizetype(f.params.size()));
        for (qsizetype p = 0; p < params.size(); ++p) {
            const ParamDeclaration &d = f.params[size_t(p)];
            const QJsonObject param = params[p].toObject();
            QCOMPARE(param["key"].toString(), QLatin1String(d.key));
            QCOMPARE(param["unit"].toString(), QString::fromUtf8(d.unit));
            QCOMPARE(param["label"].toString(), QString::fromUtf8(d.label));
            if (d.isNumeric() && d.type != ParamType::Switch) {
                QCOMPARE(param["minimum"].toDouble(), d.minimum);
                QCOMPARE(param["maximum"].toDouble(), d.maximum);
                QCOMPARE(param["default"].toDouble(), d.defaultValue);
            }
        }
    }
    QCOMPARE(doc["commonOptions"]["border"]["default"].toString(), QStringLiteral("clamp"));
}

void tst_CliBatch::kernelJson_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("gaussian, separable") << "gaussian:size=5,sigma=1.5";
    QTest::newRow("motion, not separable") << "motion:size=7,angle=30";
    QTest::newRow("custom 5x3, factor, bias, anchor") << "custom:kernel=\"5x3+1+2: 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\",factor=0.5,bias=7";
}

void tst_CliBatch::kernelJson()
{
    QFETCH(QString, spec);
    const Run run = runCli({"kernel", spec, "--json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject json = QJsonDocument::fromJson(run.out).object();
    const Kernel k = parseFilterSpec(spec)->kernel();
    QCOMPARE(json["width"].toInt(), k.width());
    QCOMPARE(json["height"].toInt(), k.height());
    QCOMPARE(json["anchor"]["x"].toInt(), k.anchorX());
    QCOMPARE(json["anchor"]["y"].toInt(), k.anchorY());
    QCOMPARE(json["factor"].toDouble(), k.factor());
    QCOMPARE(json["bias"].toDouble(), k.bias());
    const QJsonArray rows = json["weights"].toArray();
    QCOMPARE(rows.size(), k.height());
    for (int y = 0; y < k.height(); ++y)
        for (int x = 0; x < k.width(); ++x)
            QCOMPARE(float(rows[y][x].toDouble()), k.at(x, y));
    const auto factors = k.separableFactors();
    QCOMPARE(json["separable"].isNull(), !factors.has_value());
    if (factors) {
        QCOMPARE(json["separable"]["row"].toArray().size(), qsizetype(factors->row.size()));
        QCOMPARE(float(json["separable"]["column"][0].toDouble()), factors->column[0]);
    }
}

// docs/recipe.schema.json is what the declarations give today, and the recipes this project
// writes and ships validate against it (Python's jsonschema, the reference implementation).
void tst_CliBatch::recipeSchemaIsCurrentAndValidates()
{
    const Run schema = runCli({"recipe", "--schema"});
    QCOMPARE(schema.exitCode, 0);
    QVERIFY2(schema.out == readFile(Schema), "docs/recipe.schema.json is stale: kernel-studio-cli recipe --schema > "
                                             "docs/recipe.schema.json");
    QCOMPARE(runCli({"recipe", "--example", "-f", "custom:kernel=\"3x3: 0,-1,0,-1,5,-1,0,-1,0\",bias=10", "-f",
                     "median:size=5", "--region", "1,2,30,40", "-o", path("written.json")})
                 .exitCode,
             0);
    writeFile(path("bad-size.json"), R"({"format": "kernel-studio-recipe", "steps": [{"filter": "box", "size": -3}]})");
    writeFile(path("bad-key.json"), R"({"format": "kernel-studio-recipe", "steps": [{"filter": "box", "sigma": 4}]})");
    const QString python = QStringLiteral("/usr/bin/python3");
    const QString script = QStringLiteral(R"(
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
for path in sys.argv[2:]:
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(path))))
    print(path.rsplit('/', 1)[-1], 'invalid' if errors else 'valid')
)");
    if (runCli({"-c", "import jsonschema"}, {}, python).exitCode != 0)
        QSKIP("python3-jsonschema is not installed (in scripts/common.sh)");
    const Run check = runCli({"-c", script, Schema, QStringLiteral(KS_DOCS_DIR "/screenshot-recipe.json"),
                              path("written.json"), path("bad-size.json"), path("bad-key.json")},
                             {}, python);
    QVERIFY2(check.exitCode == 0, qPrintable(check.err));
    QCOMPARE(QString::fromUtf8(check.out), QStringLiteral("screenshot-recipe.json valid\nwritten.json valid\n"
                                                          "bad-size.json invalid\nbad-key.json invalid\n"));
}

void tst_CliBatch::formatsRoundTrip_data()
{
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QImage::Format>("format");
    QTest::addColumn<QImage::Format>("readAs");
    QTest::addColumn<bool>("exact");
    QTest::newRow("ppm 8-bit") << "ppm" << QImage::Format_RGB32 << QImage::Format_RGB32 << true;
    QTest::newRow("ppm 16-bit") << "ppm" << QImage::Format_RGBX64 << QImage::Format_RGBA64 << true;
    QTest::newRow("pgm 8-bit") << "pgm" << QImage::Format_Grayscale8 << QImage::Format_Grayscale8 << true;
    QTest::newRow("pgm 16-bit") << "pgm" << QImage::Format_Grayscale16 << QImage::Format_Grayscale16 << true;
    QTest::newRow("gif few colours") << "gif" << QImage::Format_Indexed8 << QImage::Format_RGB32 << true;
    QTest::newRow("gif photo") << "gif" << QImage::Format_RGB32 << QImage::Format_RGB32 << false;
    QTest::newRow("tif 16-bit") << "tif" << QImage::Format_RGBA64 << QImage::Format_RGBA64 << true;
}

void tst_CliBatch::formatsRoundTrip()
{
    QFETCH(QString, extension);
    QFETCH(QImage::Format, format);
    QFETCH(QImage::Format, readAs);
    QFETCH(bool, exact);
    QImage image;
    if (format == QImage::Format_Indexed8) { // 200 distinct colours: a palette holds them exactly
        image = QImage(333, 77, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, qRgb((x * y) % 200, 255 - (x * y) % 200, 3 * ((x * y) % 200) % 256));
    } else {
        image = test::makeImage(333, 77, QImage::Format_RGBA64, test::AlphaContent::Opaque, 42).convertToFormat(format);
    }
    const QString file = path("image." + extension);
    const Status saved = saveImage(image, file);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
    QCOMPARE(encodeImage(image, extension).value(), readFile(file)); // standard output gets the same bytes
    const QImage back = loaded(file);
    QCOMPARE(back.size(), image.size());
    QCOMPARE(back.format(), readAs);
    const int difference = test::maxChannelDifference(back, image);
    if (exact)
        QCOMPARE(difference, 0);
    else
        QVERIFY2(difference > 0 && difference <= 64, qPrintable(QString::number(difference))); // a 252-colour cube
    // Qt's own reader agrees with ours where it reads the file.
    if (extension != u"tif" && !(extension == u"ppm" && format == QImage::Format_RGBX64) && format != QImage::Format_Grayscale16) {
        QImage qt(file);
        QVERIFY(!qt.isNull());
        QCOMPARE(test::maxChannelDifference(qt.convertToFormat(QImage::Format_ARGB32), back.convertToFormat(QImage::Format_ARGB32)), 0);
    }
}

void tst_CliBatch::netpbmReadsPam_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QImage::Format>("format");
    QTest::addColumn<QRgba64>("first"); // the first pixel as RGBA64
    QTest::newRow("gray") << bytesOf("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n\x80\x10")
                          << QImage::Format_Grayscale8 << qRgba64(0x8080, 0x8080, 0x8080, 0xffff);
    QTest::newRow("rgba 8-bit") << bytesOf("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n\x10\x20\x30\x40")
                                << QImage::Format_ARGB32 << qRgba64(0x1010, 0x2020, 0x3030, 0x4040);
    QTest::newRow("gray alpha 16-bit") << bytesOf("P7\n# comment\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 65535\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n\x12\x34\xAB\xCD")
                                       << QImage::Format_RGBA64 << qRgba64(0x1234, 0x1234, 0x1234, 0xABCD);
    QTest::newRow("pgm maxval 1023") << bytesOf("P5 1 1 1023\n\x03\xFF") << QImage::Format_Grayscale16
                                     << qRgba64(0xffff, 0xffff, 0xffff, 0xffff);
}

void tst_CliBatch::netpbmReadsPam()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QImage::Format, format);
    QFETCH(QRgba64, first);
    const Result<LoadedImage> image = loadImageFromBytes(bytes);
    QVERIFY2(image.ok(), qPrintable(image.error()));
    QCOMPARE(image->image.format(), format);
    QCOMPARE(image->image.pixelColor(0, 0).rgba64(), first);
    // Cut short: refused with a reason, not read past the end.
    const Result<LoadedImage> cut = loadImageFromBytes(bytes.chopped(1), {}, "cut.pam");
    QVERIFY(!cut.ok());
    QVERIFY2(cut.error().startsWith("cut.pam: the image data is corrupt or truncated"), qPrintable(cut.error()));
}

// --compression lzw and deflate (zip) make a TIFF smaller and read back the same; PNG levels
// differ in size only.
void tst_CliBatch::tiffCompression()
{
    const Run plain = runCli({"apply", Photo, "-f", "box:size=7", "-o", path("plain.tif")});
    const Run lzw = runCli({"apply", Photo, "-f", "box:size=7", "-o", path("lzw.tif"), "--compression", "lzw"});
    QVERIFY2(plain.exitCode == 0 && lzw.exitCode == 0, qPrintable(plain.err + lzw.err));
    QVERIFY(QFileInfo(path("lzw.tif")).size() < QFileInfo(path("plain.tif")).size() * 9 / 10);
    QCOMPARE(test::maxChannelDifference(loaded(path("lzw.tif")), loaded(path("plain.tif"))), 0);
    QCOMPARE(runCli({"apply", Photo, "-f", "box:size=7", "-o", path("fast.png"), "--compression", "0"}).exitCode, 0);
    QCOMPARE(runCli({"apply", Photo, "-f", "box:size=7", "-o", path("small.png"), "--compression", "9"}).exitCode, 0);
    QVERIFY(QFileInfo(path("small.png")).size() < QFileInfo(path("fast.png")).size());
    QCOMPARE(test::maxChannelDifference(loaded(path("small.png")), loaded(path("fast.png"))), 0);
    for (const char *name : {"deflate", "zip"}) { // smaller than LZW on a photograph, the same pixels
        const QString file = path(QStringLiteral("%1.tif").arg(QLatin1String(name)));
        const Run deflate = runCli({"apply", Photo, "-f", "box:size=7", "-o", file, "--compression", name});
        QVERIFY2(deflate.exitCode == 0, qPrintable(deflate.err));
        QVERIFY(QFileInfo(file).size() < QFileInfo(path("lzw.tif")).size());
        QCOMPARE(test::maxChannelDifference(loaded(file), loaded(path("plain.tif"))), 0);
    }
    const Run bad = runCli({"apply", Photo, "-f", "box", "-o", path("x.tif"), "--compression", "jpeg"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(isOneLineReason(bad.err));
}

QTEST_GUILESS_MAIN(tst_CliBatch)
#include "tst_clibatch.moc"
