#include "engine.h"
#include "filtercatalog.h"
#include "imageio.h"
#include "recipe.h"
#include "testimages.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ks;

namespace {

const QString Photo = QStringLiteral(KS_SAMPLES_DIR "/photo.png");
const QString Shapes = QStringLiteral(KS_SAMPLES_DIR "/shapes.svg");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(KS_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QImage engineResult(const QString &input, const QStringList &specs)
{
    Recipe recipe;
    for (const QString &spec : specs)
        recipe.steps.append(*parseFilterSpec(spec).value);
    return Engine().apply(loadImage(input).image, recipe).image;
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void helpExitsZero_data();
    void helpExitsZero();
    void listNamesEveryFilter();
    void kernelPrintsMatrixAndSeparability();
    void applyWritesEngineResult_data();
    void applyWritesEngineResult();
    void applyKeepsSixteenBits();
    void applyRasterisesSvgAtScale();
    void applyReadsRecipe();
    void eachWritesOneFilePerFilterAndInput();
    void eachKeepsNamesApartWhenBaseNamesClash();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void failuresExitOneAndWriteNothing_data();
    void failuresExitOneAndWriteNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void tst_Cli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Cli::helpExitsZero_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("tool") << QStringList{"--help"} << "Commands:";
    QTest::newRow("apply") << QStringList{"apply", "--help"} << "kernel-studio-cli apply";
    QTest::newRow("each") << QStringList{"each", "--help"} << "kernel-studio-cli each";
    QTest::newRow("kernel") << QStringList{"kernel", "--help"} << "kernel-studio-cli kernel";
    QTest::newRow("list") << QStringList{"list", "-h"} << "kernel-studio-cli list";
}

void tst_Cli::helpExitsZero()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(mentions), qPrintable(run.out));
    QVERIFY(run.err.isEmpty());
}

void tst_Cli::listNamesEveryFilter()
{
    const Run run = runCli({"list"});
    QCOMPARE(run.exitCode, 0);
    for (const FilterInfo &f : allFilters()) {
        QVERIFY2(run.out.contains(QLatin1String(f.name) + u' '), f.name);
        for (const ParamInfo &p : f.params)
            QVERIFY(run.out.contains(QLatin1String(p.key) + u':'));
    }
    QVERIFY(run.out.contains("border: clamp, reflect, wrap, transparent, unfiltered"));
}

void tst_Cli::kernelPrintsMatrixAndSeparability()
{
    const Run binomial = runCli({"kernel", "binomial5x5"});
    QCOMPARE(binomial.exitCode, 0);
    QVERIFY(binomial.out.contains(QRegularExpression("6\\s+24\\s+36\\s+24\\s+6")));
    QVERIFY(binomial.out.contains("separable: column [1 4 6 4 1] x row [1 4 6 4 1]"));
    QVERIFY(binomial.out.contains("factor 0.00390625"));

    const Run sharpen = runCli({"kernel", "sharpen3x3"});
    QCOMPARE(sharpen.exitCode, 0);
    QVERIFY(sharpen.out.contains("not separable"));
    QVERIFY(sharpen.out.contains("3x3: 0,-1,0,-1,5,-1,0,-1,0"));
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
    const LoadResult written = loadImage(path(output));
    QVERIFY2(written.ok(), qPrintable(written.error));
    QImage expected = engineResult(Photo, specs);
    QCOMPARE(written.image.size(), expected.size());
    if (!output.endsWith(".png") && !output.endsWith(".tif")) // no alpha in the file: compare colour on opaque
        expected = expected.convertToFormat(QImage::Format_RGB32);
    int difference = 0;
    for (int y = 100; y < 300; ++y) // the opaque middle: JPEG and BMP have no alpha to compare
        for (int x = 100; x < 540; ++x) {
            const QColor a = written.image.pixelColor(x, y), b = expected.pixelColor(x, y);
            difference = std::max({difference, std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                                   std::abs(a.blue() - b.blue())});
        }
    QVERIFY2(difference <= tolerance, qPrintable(QString::number(difference)));
    if (tolerance == 0 && output.endsWith(".png"))
        QCOMPARE(test::maxChannelDifference(written.image, expected), 0);
}

void tst_Cli::applyKeepsSixteenBits()
{
    const QImage deep = test::makeImage(64, 48, QImage::Format_RGBA64, test::AlphaContent::Random, 12);
    QVERIFY(saveImage(deep, path("deep.png")).isEmpty());
    const Run run = runCli({"apply", path("deep.png"), "-f", "gaussian:size=3,sigma=0.8", "-o", path("deep-out.png")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const LoadResult written = loadImage(path("deep-out.png"));
    QVERIFY2(written.ok(), qPrintable(written.error));
    QCOMPARE(written.image.depth(), 64);
    QCOMPARE(written.image, engineResult(path("deep.png"), {"gaussian:size=3,sigma=0.8"}));
}

void tst_Cli::applyRasterisesSvgAtScale()
{
    const Run run =
        runCli({"apply", Shapes, "-f", "gaussian:size=3,sigma=1", "--svg-scale", "2", "-o", path("svg.png")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(loadImage(path("svg.png")).image.size(), QSize(960, 640));
    const Run width = runCli({"apply", Shapes, "-f", "identity", "--svg-width", "240", "-o", path("w.png")});
    QVERIFY2(width.exitCode == 0, qPrintable(width.err));
    QCOMPARE(loadImage(path("w.png")).image.size(), QSize(240, 160));
}

void tst_Cli::applyReadsRecipe()
{
    Recipe recipe;
    recipe.steps = {*parseFilterSpec("box:size=3").value, *parseFilterSpec("sobel-x:alpha=ignore").value};
    QFile file(path("recipe.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(recipeToJson(recipe));
    file.close();
    const Run run = runCli({"apply", Photo, "--recipe", path("recipe.json"), "-o", path("r.png")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(test::maxChannelDifference(loadImage(path("r.png")).image,
                                        Engine().apply(loadImage(Photo).image, recipe).image),
             0);
}

void tst_Cli::eachWritesOneFilePerFilterAndInput()
{
    const QString dir = path("results");
    const Run run = runCli({"each", Photo, Shapes, "-f", "emboss3x3", "-f", "gaussian:size=5,sigma=1.5", "-f",
                            "motion:size=9,angle=45", "-d", dir});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList expected{"photo-1.png",  "photo-2.png",  "photo-3.png",
                               "shapes-1.png", "shapes-2.png", "shapes-3.png"};
    QCOMPARE(QDir(dir).entryList(QDir::Files, QDir::Name), expected);
    QCOMPARE(run.out.count(u'\n'), 6);
    for (const QString &name : expected) {
        const LoadResult loaded = loadImage(QDir(dir).filePath(name));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        QCOMPARE(loaded.image.size(), name.startsWith("photo") ? QSize(640, 400) : QSize(480, 320));
    }
    QCOMPARE(loadImage(QDir(dir).filePath("photo-2.png")).image,
             engineResult(Photo, {"gaussian:size=5,sigma=1.5"}).convertToFormat(QImage::Format_ARGB32));
}

void tst_Cli::eachKeepsNamesApartWhenBaseNamesClash()
{
    QVERIFY(QFile::copy(Photo, path("same.png")));
    QVERIFY(QFile::copy(Shapes, path("same.svg")));
    const QString dir = path("clash");
    QStringList arguments{"each", path("same.png"), path("same.svg"), "-d", dir};
    for (int i = 0; i < 10; ++i)
        arguments << "-f"
                  << "identity";
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList files = QDir(dir).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 20);
    QVERIFY(files.contains("same.png-01.png"));
    QVERIFY(files.contains("same.svg-10.png"));
}

void tst_Cli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no command") << QStringList{} << "no command";
    QTest::newRow("unknown command") << QStringList{"blur"} << "blur";
    QTest::newRow("missing -o") << QStringList{"apply", Photo, "-f", "box"} << "-o";
    QTest::newRow("missing input") << QStringList{"apply", "-f", "box", "-o", "x.png"} << "one input";
    QTest::newRow("no filter") << QStringList{"apply", Photo, "-o", "x.png"} << "no filter";
    QTest::newRow("unknown filter") << QStringList{"apply", Photo, "-f", "blurry", "-o", "x.png"} << "blurry";
    QTest::newRow("bad key") << QStringList{"apply", Photo, "-f", "gaussian:radius=2", "-o", "x.png"} << "radius";
    QTest::newRow("sigma range") << QStringList{"apply", Photo, "-f", "gaussian:sigma=0", "-o", "x.png"} << "sigma";
    QTest::newRow("bad border") << QStringList{"apply", Photo, "-f", "box", "--border", "mirror", "-o", "x.png"}
                                << "mirror";
    QTest::newRow("bad threads") << QStringList{"apply", Photo, "-f", "box", "--threads", "-1", "-o", "x.png"}
                                 << "--threads";
    QTest::newRow("bad quality") << QStringList{"apply", Photo, "-f", "box", "--quality", "high", "-o", "x.jpg"}
                                 << "--quality";
    QTest::newRow("unknown option") << QStringList{"apply", Photo, "--bogus"} << "bogus";
    QTest::newRow("each without dir") << QStringList{"each", Photo, "-f", "box"} << "-d";
    QTest::newRow("kernel bad spec") << QStringList{"kernel", "box:size=0"} << "size";
}

void tst_Cli::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("kernel-studio-cli: ") && run.err.count(u'\n') == 1, qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(!QFile::exists("x.png"));
}

void tst_Cli::failuresExitOneAndWriteNothing_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing input") << "nothere.png"
                                   << "out.png"
                                   << "nothere.png: no such file";
    QTest::newRow("corrupt input") << "corrupt.png"
                                   << "out.png"
                                   << "corrupt.png: the image data is corrupt";
    QTest::newRow("unwritable output") << ""
                                       << "no/such/dir/out.png"
                                       << "cannot be written";
    QTest::newRow("unknown output type") << ""
                                         << "out.xyz"
                                         << "unknown file type";
}

void tst_Cli::failuresExitOneAndWriteNothing()
{
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(QString, mentions);
    QFile corrupt(path("corrupt.png"));
    QVERIFY(corrupt.open(QIODevice::WriteOnly));
    QFile photo(Photo);
    QVERIFY(photo.open(QIODevice::ReadOnly));
    corrupt.write(photo.readAll().left(2000)); // cut short
    corrupt.close();

    const QString in = input.isEmpty() ? Photo : path(input);
    const Run run = runCli({"apply", in, "-f", "box", "-o", path(output)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith("kernel-studio-cli: ") && run.err.count(u'\n') == 1, qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(!QFile::exists(path(output)));

    // each goes on with the other inputs, then reports the failure.
    const Run each = runCli({"each", in, Photo, "-f", "box", "-d", path("each")});
    if (!input.isEmpty()) {
        QCOMPARE(each.exitCode, 1);
        QVERIFY(QFile::exists(path("each/photo-1.png")));
    }
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
