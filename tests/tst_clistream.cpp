// kernel-studio-cli --stream: PNG and TIFF through the recipe in horizontal strips. The in-memory path is
// the oracle: on images small enough for both, the strips must give the same pixels, byte for
// byte, whatever the strip height (one row, a prime, more than the image), border and region.
#include "imageio.h"
#include "stripio.h"
#include "tifffile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <png.h>
#include <tiffio.h>

#include <csetjmp>
#include <cstdio>

using namespace ks;

namespace {

const QString Cli = QStringLiteral(KS_CLI_PATH);
const QString Photo = QStringLiteral(KS_SAMPLES_DIR "/photo.png");

struct Run
{
    int exitCode = -1;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(Cli, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(240000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("timed out")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardError())};
}

// The pixels as the engine works on them, so two files compare by value whatever PNG colour
// type each writer chose.
QImage pixels(const QString &path)
{
    const Result<LoadedImage> image = loadImage(path);
    if (!image)
        return {};
    const bool sixteenBit = image->image.depth() > 32 || image->image.format() == QImage::Format_Grayscale16;
    return image->image.convertToFormat(sixteenBit ? QImage::Format_RGBA64 : QImage::Format_RGBA8888);
}

bool isOneLineReason(const QString &err)
{
    return err.startsWith(QLatin1String("kernel-studio-cli: ")) && err.count(u'\n') == 1 && err.endsWith(u'\n');
}

// Noise with a soft alpha edge (premultiplied colour matters) at 8 or 16 bits, an odd size.
QImage testImage(bool sixteenBit)
{
    QImage image(93, 71, sixteenBit ? QImage::Format_RGBA64 : QImage::Format_RGBA8888);
    QRandomGenerator random(18);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const int alpha = std::clamp(x * 255 / 60, 0, 255);
            image.setPixelColor(
                x, y,
                QColor::fromRgba64(QRgba64::fromRgba64(quint16(random.bounded(65536)), quint16(random.bounded(65536)),
                                                       quint16(random.bounded(65536)), quint16(alpha * 257))));
        }
    return image;
}

// Why two files' pixels differ (the first row that does), or nothing when they are the same.
QString pixelDifference(const QString &expectedFile, const QString &actualFile)
{
    const QImage expected = pixels(expectedFile), actual = pixels(actualFile);
    if (expected.isNull() || actual.isNull())
        return QStringLiteral("cannot be read");
    if (actual.size() != expected.size() || actual.format() != expected.format())
        return QStringLiteral("size or format differs");
    for (int y = 0; y < expected.height(); ++y)
        if (memcmp(actual.constScanLine(y), expected.constScanLine(y), size_t(expected.bytesPerLine())) != 0)
            return QStringLiteral("row %1 differs").arg(y);
    return {};
}

// The test image as a gray or RGBA TIFF, written by our libtiff writer (stripped, Deflate).
QImage tiffTestImage(const QString &kind)
{
    const QImage image = testImage(kind.endsWith(QLatin1String("16")));
    if (kind.startsWith(QLatin1String("gray")))
        return image.convertToFormat(kind == QLatin1String("gray16") ? QImage::Format_Grayscale16
                                                                     : QImage::Format_Grayscale8);
    return image;
}

// A TIFF tag's value as the file has it (or its default), -1 for a file libtiff cannot open.
int tiffTagOf(const QString &file, ttag_t tag)
{
    TIFF *tiff = TIFFOpen(QFile::encodeName(file).constData(), "r");
    if (!tiff)
        return -1;
    uint16_t value = 0;
    TIFFGetFieldDefaulted(tiff, tag, &value);
    TIFFClose(tiff);
    return value;
}

int tiffCompressionOf(const QString &file)
{
    return tiffTagOf(file, TIFFTAG_COMPRESSION);
}

// Opens FILE for writing with the tags of a WIDTHxHEIGHT RGBA 8-bit image in strips.
TIFF *startTiff(const QString &file, uint32_t width, uint32_t height)
{
    TIFF *tiff = TIFFOpen(QFile::encodeName(file).constData(), "w");
    if (!tiff)
        return nullptr;
    const uint16_t extra = EXTRASAMPLE_UNASSALPHA;
    TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, width);
    TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, height);
    TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, uint16_t(8));
    TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, uint16_t(4));
    TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, uint16_t(PHOTOMETRIC_RGB));
    TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, uint16_t(PLANARCONFIG_CONTIG));
    TIFFSetField(tiff, TIFFTAG_EXTRASAMPLES, uint16_t(1), &extra);
    TIFFSetField(tiff, TIFFTAG_COMPRESSION, uint16_t(COMPRESSION_ADOBE_DEFLATE));
    return tiff;
}

// The same in tiles of SIDE pixels.
TIFF *startTiledTiff(const QString &file, int width, int height, int side)
{
    TIFF *tiff = startTiff(file, uint32_t(width), uint32_t(height));
    if (!tiff)
        return nullptr;
    TIFFSetField(tiff, TIFFTAG_TILEWIDTH, uint32_t(side));
    TIFFSetField(tiff, TIFFTAG_TILELENGTH, uint32_t(side));
    return tiff;
}

// An 8-bit RGBA image as a tiled TIFF of 16x16 tiles (the edges cut tiles), straight alpha.
bool writeTiledTiff(const QImage &rgba8888, const QString &file)
{
    TIFF *tiff = startTiledTiff(file, rgba8888.width(), rgba8888.height(), 16);
    if (!tiff)
        return false;
    std::vector<uchar> tile(16 * 16 * 4);
    bool ok = true;
    for (int ty = 0; ty < rgba8888.height(); ty += 16)
        for (int tx = 0; tx < rgba8888.width(); tx += 16) {
            std::fill(tile.begin(), tile.end(), 0);
            for (int y = ty; y < std::min(ty + 16, rgba8888.height()); ++y)
                memcpy(tile.data() + (y - ty) * 64, rgba8888.constScanLine(y) + tx * 4,
                       size_t(std::min(16, rgba8888.width() - tx)) * 4);
            ok = ok && TIFFWriteTile(tiff, tile.data(), uint32_t(tx), uint32_t(ty), 0, 0) >= 0;
        }
    TIFFClose(tiff);
    return ok;
}

// The header of a WIDTHx1 RGBA PNG and an empty IDAT chunk: all a reader sees before it sizes its rows.
bool writePngHeader(const QString &file, uint32_t width)
{
    FILE *out = std::fopen(QFile::encodeName(file).constData(), "wb");
    png_structp png = out ? png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr) : nullptr;
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    const bool ok = info && setjmp(png_jmpbuf(png)) == 0;
    if (ok) {
        png_init_io(png, out);
        png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
        png_set_IHDR(png, info, width, 1, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), nullptr, 0); // where rows would start
    }
    png_destroy_write_struct(png ? &png : nullptr, info ? &info : nullptr);
    if (out)
        std::fclose(out);
    return ok;
}

} // namespace

class tst_CliStream : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void streamEqualsInMemory_data();
    void streamEqualsInMemory();
    void recursiveGaussianWithinOneLevel();
    void rowReaderReadsWhatQtReads();
    void refusals_data();
    void refusals();
    void batchStreams();
    void grayPngStreamsGray();
    void tiffStreamEqualsInMemory_data();
    void tiffStreamEqualsInMemory();
    void tiledTiffStreams();
    void tiffRowReaderReadsWhatQtReads();
    void tiffRefusals_data();
    void tiffRefusals();
    void tooWideRowsRefused();
    void pngWiderThanAMillionStreams();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void tst_CliStream::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_CliStream::streamEqualsInMemory_data()
{
    QTest::addColumn<QString>("image"); // "photo" (opaque RGB), "rgba8", "rgba16"
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<int>("stripRows");

    const QList<QPair<const char *, QStringList>> recipes{
        {"gaussian", {"gaussian:sigma=2"}},
        {"gaussian reflect", {"gaussian:sigma=3,border=reflect"}},
        {"gaussian transparent", {"gaussian:sigma=2.5,border=transparent"}},
        {"gaussian unfiltered", {"gaussian:sigma=2,border=unfiltered"}},
        // A region keeps the engine on the FIR kernel in memory too, so sigma 10 is exact.
        {"gaussian 10 region", {"gaussian:sigma=10,region=5;3;70;40"}},
        {"box", {"box:size=9"}},
        {"box reflect region", {"box:size=5,border=reflect,region=0;20;50;30"}},
        {"motion", {"motion:size=11,angle=60,border=reflect"}},
        {"median", {"median:size=5"}},
        {"median reflect", {"median:size=7,border=reflect"}},
        {"median transparent region", {"median:size=9,border=transparent,region=10;0;40;71"}},
        {"bilateral", {"bilateral"}},
        {"bilateral reflect", {"bilateral:border=reflect"}},
        {"stack", {"median:size=3", "gaussian:sigma=1.5,border=reflect", "sharpen3x3", "bilateral:region=0;30;93;5"}},
    };
    // Strips of one row, a prime, and more than the image (one strip); the small image takes them
    // all, the others one each (kept short: each row runs the CLI twice).
    const QList<QPair<const char *, QList<int>>> images{{"photo", {37}}, {"rgba8", {1, 7, 1000}}, {"rgba16", {5}}};
    for (const auto &[image, strips] : images)
        for (const auto &[name, specs] : recipes)
            for (int rows : strips)
                QTest::addRow("%s %s strips %d", image, name, rows) << QString::fromLatin1(image) << specs << rows;
}

void tst_CliStream::streamEqualsInMemory()
{
    QFETCH(QString, image);
    QFETCH(QStringList, specs);
    QFETCH(int, stripRows);
    QString input = Photo;
    if (image != QLatin1String("photo")) {
        input = path(image + ".png");
        QVERIFY(testImage(image == QLatin1String("rgba16")).save(input));
    }
    QStringList steps;
    for (const QString &spec : specs)
        steps << "-f" << spec;
    const Run memory = runCli(QStringList{"apply", input} + steps + QStringList{"-o", path("memory.png")});
    QVERIFY2(memory.exitCode == 0, qPrintable(memory.err));
    const Run stream = runCli(QStringList{"apply", input, "--stream", "--strip-rows", QString::number(stripRows)} +
                              steps + QStringList{"-o", path("stream.png")});
    QVERIFY2(stream.exitCode == 0, qPrintable(stream.err));

    const QString difference = pixelDifference(path("memory.png"), path("stream.png"));
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// From sigma 6 the engine blurs whole opaque images with a recursive Gaussian; the strips run
// the FIR kernel, which the recursion follows to within one level.
void tst_CliStream::recursiveGaussianWithinOneLevel()
{
    QCOMPARE(runCli({"apply", Photo, "-f", "gaussian:sigma=10", "-o", path("memory.png")}).exitCode, 0);
    QCOMPARE(
        runCli({"apply", Photo, "-f", "gaussian:sigma=10", "--stream", "--strip-rows", "50", "-o", path("stream.png")})
            .exitCode,
        0);
    const QImage expected = pixels(path("memory.png")), actual = pixels(path("stream.png"));
    QCOMPARE(actual.size(), expected.size());
    int worst = 0;
    for (int y = 0; y < expected.height(); ++y)
        for (qsizetype i = 0; i < expected.bytesPerLine(); ++i)
            worst = std::max(worst, std::abs(int(actual.constScanLine(y)[i]) - int(expected.constScanLine(y)[i])));
    QVERIFY2(worst <= 1, qPrintable(QString::number(worst)));
}

// The row reader against Qt's decoder: palette, gray, RGB, 16-bit, in pieces of any size.
void tst_CliStream::rowReaderReadsWhatQtReads()
{
    const QImage source = testImage(true);
    const QList<QImage> images{
        source.convertToFormat(QImage::Format_Indexed8), source.convertToFormat(QImage::Format_Grayscale8),
        source.convertToFormat(QImage::Format_RGB32), source, source.convertToFormat(QImage::Format_RGBA8888)};
    for (const QImage &image : images) {
        const QString file = path("rows.png");
        QVERIFY(image.save(file));
        auto reader = PngRowReader::open(file);
        QVERIFY2(reader, qPrintable(reader.error()));
        QImage rows((*reader)->width(), (*reader)->height(), (*reader)->format());
        for (int y = 0; y < rows.height(); y += 10)
            QVERIFY((*reader)->readRows(rows, y, std::min(10, rows.height() - y)));
        QCOMPARE(rows, pixels(file).convertToFormat(rows.format()));
    }
}

void tst_CliStream::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("reason");
    QTest::newRow("wiener") << QStringList{"-f", "gauss-wiener", "-o", "out.png"} << "needs the whole image";
    QTest::newRow("wrap") << QStringList{"-f", "box:border=wrap", "-o", "out.png"} << "wrap borders";
    QTest::newRow("jpeg out") << QStringList{"-f", "box", "-o", "out.jpg"} << "writes PNG or TIFF files only";
}

// Refused before anything is written: exit 1, one line, no output file.
void tst_CliStream::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, reason);
    arguments.last() = path(arguments.last());
    const Run run = runCli(QStringList{"apply", Photo, "--stream"} + arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneLineReason(run.err) && run.err.contains(reason), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(arguments.last()));

    // A JPEG input cannot be streamed either.
    QVERIFY(QImage(Photo).save(path("photo.jpg")));
    const Run jpeg = runCli({"apply", path("photo.jpg"), "--stream", "-f", "box", "-o", path("j.png")});
    QCOMPARE(jpeg.exitCode, 1);
    QVERIFY2(jpeg.err.contains("reads PNG and TIFF files only"), qPrintable(jpeg.err));
}

void tst_CliStream::batchStreams()
{
    const Run run =
        runCli({"batch", Photo, "--stream", "--strip-rows", "33", "-f", "median:size=5", "-d", path("out")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(runCli({"apply", Photo, "-f", "median:size=5", "-o", path("memory.png")}).exitCode, 0);
    const QStringList written = QDir(path("out")).entryList(QDir::Files);
    QCOMPARE(written.size(), 1);
    QCOMPARE(pixels(path("out/") + written.first()), pixels(path("memory.png")));
}

// A gray PNG streams as gray, 8 and 16 bits, through a gray step and one that needs RGBA
// (partial opacity), and comes out as the in-memory path writes it: a gray PNG, the same pixels.
void tst_CliStream::grayPngStreamsGray()
{
    for (QImage::Format format : {QImage::Format_Grayscale8, QImage::Format_Grayscale16}) {
        QVERIFY(testImage(false).convertToFormat(format).save(path("gray.png")));
        const QStringList steps{"-f", "gaussian:sigma=2", "-f", "box:size=5,opacity=60"};
        QCOMPARE(runCli(QStringList{"apply", path("gray.png")} + steps + QStringList{"-o", path("m.png")}).exitCode, 0);
        const Run stream = runCli(QStringList{"apply", path("gray.png"), "--stream", "--strip-rows", "9"} + steps +
                                  QStringList{"-o", path("s.png")});
        QVERIFY2(stream.exitCode == 0, qPrintable(stream.err));
        QCOMPARE(QImage(path("s.png")).format(), format);
        QCOMPARE(QImage(path("m.png")).format(), format);
        QCOMPARE(pixels(path("s.png")), pixels(path("m.png")));
    }
}

// TIFF in and out through the strips (libtiff rows, Deflate) equals the in-memory path byte for
// byte, gray and RGBA, 8 and 16 bits; the streamed file is Deflate-compressed as asked.
void tst_CliStream::tiffStreamEqualsInMemory_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("specs");
    const QList<QPair<const char *, QStringList>> recipes{
        {"gaussian", {"gaussian:sigma=2"}},
        {"median reflect", {"median:size=5,border=reflect"}},
        {"box region", {"box:size=7,region=5;3;40;30"}},
        {"stack", {"bilateral:border=transparent", "sharpen3x3"}},
    };
    for (const QString image : {"gray8", "gray16", "rgba8", "rgba16"})
        for (const auto &[name, specs] : recipes)
            QTest::newRow(qPrintable(image + ' ' + QLatin1String(name))) << image << specs;
}

void tst_CliStream::tiffStreamEqualsInMemory()
{
    QFETCH(QString, image);
    QFETCH(QStringList, specs);
    const QString input = path(image + ".tif");
    SaveOptions deflate;
    deflate.tiffCompression = TiffCompression::Deflate;
    QVERIFY(saveImage(tiffTestImage(image), input, deflate));
    QStringList steps;
    for (const QString &spec : specs)
        steps << "-f" << spec;
    const QStringList out{"--compression", "deflate", "-o"};
    const Run memory = runCli(QStringList{"apply", input} + steps + out + QStringList{path("memory.tif")});
    QVERIFY2(memory.exitCode == 0, qPrintable(memory.err));
    const Run stream = runCli(QStringList{"apply", input, "--stream", "--strip-rows", "7"} + steps + out +
                              QStringList{path("stream.tif")});
    QVERIFY2(stream.exitCode == 0, qPrintable(stream.err));
    const QString difference = pixelDifference(path("memory.tif"), path("stream.tif"));
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    QCOMPARE(tiffCompressionOf(path("stream.tif")), COMPRESSION_ADOBE_DEFLATE);
    // Gray stays gray (one sample per pixel), unless a step may make alpha (the transparent border).
    const bool gray = image.startsWith(QLatin1String("gray")) && !specs.join(u' ').contains(u"transparent");
    QCOMPARE(tiffTagOf(path("stream.tif"), TIFFTAG_SAMPLESPERPIXEL), gray ? 1 : 4);
    QCOMPARE(tiffTagOf(path("stream.tif"), TIFFTAG_BITSPERSAMPLE),
             tiffTagOf(path("memory.tif"), TIFFTAG_BITSPERSAMPLE));
}

// A tiled TIFF (edge tiles cut) is read a row of tiles at a time: the same result as the same
// pixels stripped, in memory.
void tst_CliStream::tiledTiffStreams()
{
    const QImage image = testImage(false);
    QVERIFY(writeTiledTiff(image, path("tiled.tif")));
    QVERIFY(saveImage(image, path("stripped.tif")));
    const QStringList steps{"-f", "gaussian:sigma=3,border=reflect", "-f", "median:size=3"};
    const Run memory = runCli(QStringList{"apply", path("stripped.tif")} + steps + QStringList{"-o", path("m.tif")});
    QVERIFY2(memory.exitCode == 0, qPrintable(memory.err));
    const Run stream = runCli(QStringList{"apply", path("tiled.tif"), "--stream", "--strip-rows", "10"} + steps +
                              QStringList{"-o", path("s.png")});
    QVERIFY2(stream.exitCode == 0, qPrintable(stream.err));
    const QString difference = pixelDifference(path("m.tif"), path("s.png"));
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// The TIFF row reader against Qt's TIFF plugin on files Qt wrote: gray, RGB, 16-bit RGBA, 8-bit
// straight and premultiplied alpha, in pieces of any size. Compared premultiplied: Qt reads 8-bit
// straight alpha through libtiff's RGBA interface, which premultiplies (rounding a level apart
// from Qt's own arithmetic there), so only that file is allowed one level.
void tst_CliStream::tiffRowReaderReadsWhatQtReads()
{
    const QImage source = testImage(true);
    const QList<QImage> images{
        source.convertToFormat(QImage::Format_Grayscale8), source.convertToFormat(QImage::Format_Grayscale16),
        source.convertToFormat(QImage::Format_RGB32),      source,
        source.convertToFormat(QImage::Format_ARGB32),     source.convertToFormat(QImage::Format_ARGB32_Premultiplied)};
    for (const QImage &image : images) {
        const QString file = path("qt.tif");
        QImageWriter writer(file, "tiff");
        QVERIFY2(writer.write(image), qPrintable(writer.errorString()));
        auto reader = TiffRowReader::open(file);
        QVERIFY2(reader, qPrintable(reader.error()));
        QImage rows((*reader)->width(), (*reader)->height(), (*reader)->format());
        for (int y = 0; y < rows.height(); y += 10)
            QVERIFY((*reader)->readRows(rows, y, std::min(10, rows.height() - y)));
        const QImage::Format premultiplied = rows.format() == QImage::Format_RGBA64
                                                 ? QImage::Format_RGBA64_Premultiplied
                                                 : QImage::Format_RGBA8888_Premultiplied;
        const QImage ours = rows.convertToFormat(premultiplied), qt = QImage(file).convertToFormat(premultiplied);
        const int tolerance = image.format() == QImage::Format_ARGB32 ? 1 : 0;
        for (int y = 0; y < ours.height(); ++y)
            for (qsizetype i = 0; i < ours.bytesPerLine(); ++i)
                QVERIFY2(std::abs(ours.constScanLine(y)[i] - qt.constScanLine(y)[i]) <= tolerance,
                         qPrintable(QStringLiteral("format %1, row %2, byte %3").arg(image.format()).arg(y).arg(i)));
    }
}

void tst_CliStream::tiffRefusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("palette") << "palette"
                             << "a palette TIFF (gray and RGB can) cannot be streamed in strips";
    QTest::newRow("turned") << "turned"
                            << "a TIFF stored turned or mirrored (orientation 6) cannot be streamed";
    // 4 GiB a tile for an 8x8 image: refused before anything is allocated.
    QTest::newRow("huge tile") << "hugetile"
                               << "unsupported tile size 32768x32768 (at most 64 MiB a tile and 1 GiB a row of tiles)";
}

// TIFF layouts the strips cannot take are refused by name before anything is written.
void tst_CliStream::tiffRefusals()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const QString input = path(kind + ".tif");
    if (kind == QLatin1String("hugetile")) {
        TIFF *tiff = startTiledTiff(input, 8, 8, 32768);
        const uchar deflated = 0; // the tile's bytes: never decoded
        QVERIFY(tiff && TIFFWriteRawTile(tiff, 0, const_cast<uchar *>(&deflated), 1) == 1);
        TIFFClose(tiff);
    } else {
        QImageWriter writer(input, "tiff");
        if (kind == QLatin1String("turned"))
            writer.setTransformation(QImageIOHandler::TransformationRotate90);
        const QImage image = testImage(false);
        QVERIFY(
            writer.write(kind == QLatin1String("palette") ? image.convertToFormat(QImage::Format_Indexed8) : image));
    }
    const Run run = runCli({"apply", input, "--stream", "-f", "box", "-o", path("out.tif")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneLineReason(run.err) && run.err.contains(input + ": " + reason), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(path("out.tif")));
}

// A row is held whole, so a width over 16 million pixels (a damaged header, most likely) is
// refused by name before any row is allocated, in PNG and TIFF alike.
void tst_CliStream::tooWideRowsRefused()
{
    constexpr uint32_t width = 1u << 25;
    QVERIFY(writePngHeader(path("wide.png"), width));
    TIFF *tiff = startTiff(path("wide.tif"), width, 1);
    const uchar deflated = 0; // the strip's bytes: never decoded
    QVERIFY(tiff && TIFFWriteRawStrip(tiff, 0, const_cast<uchar *>(&deflated), 1) == 1);
    TIFFClose(tiff);
    for (const char *name : {"wide.png", "wide.tif"}) {
        const Run run = runCli({"apply", path(name), "--stream", "-f", "box", "-o", path("out.png")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(isOneLineReason(run.err) &&
                     run.err.contains(path(name) + ": unsupported size 33554432x1 (rows of at most 16777216 pixels)"),
                 qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(path("out.png")));
    }
}

// libpng stops at a million pixels a side unless told otherwise; the strips read and write PNG
// rows up to RowReader's own limit, with the pixels of the in-memory path (through TIFF, which
// Qt writes at any width).
void tst_CliStream::pngWiderThanAMillionStreams()
{
    QImage wide(1000003, 2, QImage::Format_RGBA8888);
    QRandomGenerator random(5);
    for (int y = 0; y < wide.height(); ++y)
        for (qsizetype i = 0; i < wide.bytesPerLine(); ++i)
            wide.scanLine(y)[i] = uchar(random.bounded(256));
    QVERIFY(wide.save(path("wide.tif")));
    const Run streamed = runCli({"apply", path("wide.tif"), "--stream", "-f", "box:size=3", "-o", path("wide.png")});
    QVERIFY2(streamed.exitCode == 0, qPrintable(streamed.err));
    QCOMPARE(runCli({"apply", path("wide.tif"), "-f", "box:size=3", "-o", path("memory.tif")}).exitCode, 0);

    auto reader = RowReader::open(path("wide.png"));
    QVERIFY2(reader, qPrintable(reader.error()));
    QImage readBack((*reader)->width(), (*reader)->height(), (*reader)->format());
    QVERIFY((*reader)->readRows(readBack, 0, readBack.height()));
    QCOMPARE(readBack, pixels(path("memory.tif")));
}

QTEST_GUILESS_MAIN(tst_CliStream)
#include "tst_clistream.moc"
