#include "imageio.h"
#include "testimages.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QTest>

using namespace ks;
using ks::test::AlphaContent;

namespace {

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (char byte : data) {
        crc ^= quint8(byte);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray bigEndian(quint32 v)
{
    const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(bytes, 4);
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    return bigEndian(quint32(data.size())) + type + data + bigEndian(crc32(type + data));
}

// A valid PNG header that declares a huge image, followed by an empty compressed stream:
// enough for a reader to learn the size, far too little to decode.
QByteArray hugePngHeader(quint32 width, quint32 height)
{
    const QByteArray ihdr = bigEndian(width) + bigEndian(height) + QByteArray("\x08\x06\x00\x00\x00", 5);
    const QByteArray emptyZlib("\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", emptyZlib) +
           pngChunk("IEND", {});
}

// An Adam7-interlaced RGBA PNG of `image`, written by hand because Qt only writes plain PNGs.
QByteArray interlacedPng(const QImage &image)
{
    const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888);
    const int w = rgba.width(), h = rgba.height();
    const int passes[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                              {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}; // x0, y0, dx, dy
    QByteArray raw;
    for (const auto &pass : passes) {
        if (pass[0] >= w || pass[1] >= h)
            continue; // an empty pass has no rows at all
        for (int y = pass[1]; y < h; y += pass[3]) {
            raw.append('\0'); // filter type None
            for (int x = pass[0]; x < w; x += pass[2])
                raw.append(reinterpret_cast<const char *>(rgba.constScanLine(y)) + 4 * x, 4);
        }
    }
    const QByteArray ihdr = bigEndian(quint32(w)) + bigEndian(quint32(h)) + QByteArray("\x08\x06\x00\x00\x01", 5);
    const QByteArray zlib = qCompress(raw).mid(4); // qCompress prefixes the zlib stream with a length
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", zlib) + pngChunk("IEND", {});
}

// The classic 1x1 GIF: a two-colour palette, the pixel is entry 0 (red).
QByteArray tinyGif()
{
    return QByteArray("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\x00\x00\x00\x00\x00"
                      ",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;",
                      35);
}

const char *const TestSvg =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\" viewBox=\"0 0 100 50\">"
    "<rect x=\"10\" y=\"10\" width=\"30\" height=\"20\" fill=\"#ff0000\"/>"
    "<circle cx=\"75\" cy=\"25\" r=\"15\" fill=\"#0000ff\" fill-opacity=\"0.5\"/>"
    "</svg>";

QImage smoothImage(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(40 + 4 * x, 200 - 5 * y, 120));
    return image;
}

bool canWrite(const char *format)
{
    return QImageWriter::supportedImageFormats().contains(format);
}

} // namespace

class tst_ImageIo : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void loadsRasterFormats_data();
    void loadsRasterFormats();
    void loadsFirstGifFrame();
    void loadsInterlacedPng();
    void rasterisesSvgAtScaleOrSize_data();
    void rasterisesSvgAtScaleOrSize();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void refusesUnreadableFile();
    void savesSixteenBitExactly_data();
    void savesSixteenBitExactly();
    void jpegQualityChangesSize();
    void failedSaveLeavesExistingFileAlone_data();
    void failedSaveLeavesExistingFileAlone();
    void loadsBundledSamples();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void tst_ImageIo::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ImageIo::loadsRasterFormats_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("tolerance");
    QTest::addColumn<int>("expectedDepth");
    QTest::newRow("png rgba") << "a.png" << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("png rgb") << "b.png" << int(QImage::Format_RGB32) << 0 << 32;
    QTest::newRow("png gray") << "c.png" << int(QImage::Format_Grayscale8) << 0 << 8;
    QTest::newRow("png palette") << "d.png" << int(QImage::Format_Indexed8) << 0 << 32;
    QTest::newRow("png 16-bit rgba") << "e.png" << int(QImage::Format_RGBA64) << 0 << 64;
    QTest::newRow("png 16-bit gray") << "f.png" << int(QImage::Format_Grayscale16) << 0 << 16;
    QTest::newRow("jpeg") << "g.jpg" << int(QImage::Format_RGB32) << 8 << 32;
    QTest::newRow("bmp") << "h.bmp" << int(QImage::Format_RGB32) << 0 << 32;
    QTest::newRow("tiff 8-bit") << "i.tif" << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("tiff 16-bit") << "j.tiff" << int(QImage::Format_RGBA64) << 0 << 64;
    QTest::newRow("webp") << "k.webp" << int(QImage::Format_ARGB32) << 0 << 32;
}

void tst_ImageIo::loadsRasterFormats()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    QFETCH(int, tolerance);
    QFETCH(int, expectedDepth);
    const QByteArray writerFormat = QFileInfo(name).suffix().toLatin1();
    if (!canWrite(writerFormat == "jpg" ? "jpeg" : writerFormat == "tif" ? "tiff" : writerFormat.constData()))
        QSKIP("no Qt plugin writes this format here");
    // Lossy formats get a smooth picture, where their error is small and bounded.
    QImage image =
        tolerance > 0 ? smoothImage(33, 21) : test::makeImage(33, 21, QImage::Format_RGBA64, AlphaContent::Shapes, 3);
    if (format == int(QImage::Format_Indexed8))
        image = image.convertToFormat(QImage::Format_RGB32).convertToFormat(QImage::Format_Indexed8);
    else
        image = image.convertToFormat(QImage::Format(format));
    QImageWriter writer(path(name));
    writer.setQuality(100); // lossless WebP; the best JPEG
    QVERIFY2(writer.write(image), qPrintable(writer.errorString()));

    const LoadResult loaded = loadImage(path(name));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QVERIFY(!loaded.isSvg);
    QCOMPARE(loaded.image.size(), image.size());
    QCOMPARE(loaded.image.depth(), expectedDepth);
    const int difference = test::maxChannelDifference(loaded.image, image);
    QVERIFY2(difference >= 0 && difference <= tolerance, qPrintable(QString::number(difference)));
}

void tst_ImageIo::loadsFirstGifFrame()
{
    writeBytes(path("tiny.gif"), tinyGif());
    const LoadResult loaded = loadImage(path("tiny.gif"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.image.size(), QSize(1, 1));
    QCOMPARE(loaded.image.pixelColor(0, 0), QColor(255, 0, 0));
}

void tst_ImageIo::loadsInterlacedPng()
{
    const QImage image = test::makeImage(13, 11, QImage::Format_RGBA8888, AlphaContent::Random, 6);
    writeBytes(path("interlaced.png"), interlacedPng(image));
    const LoadResult loaded = loadImage(path("interlaced.png"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(test::maxChannelDifference(loaded.image, image), 0);
}

void tst_ImageIo::rasterisesSvgAtScaleOrSize_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("own size") << 1.0 << 0 << 0 << QSize(100, 50);
    QTest::newRow("scale 2") << 2.0 << 0 << 0 << QSize(200, 100);
    QTest::newRow("scale 0.5") << 0.5 << 0 << 0 << QSize(50, 25);
    QTest::newRow("width only") << 1.0 << 300 << 0 << QSize(300, 150);
    QTest::newRow("height only") << 1.0 << 0 << 20 << QSize(40, 20);
    QTest::newRow("both") << 7.0 << 60 << 60 << QSize(60, 60);
}

void tst_ImageIo::rasterisesSvgAtScaleOrSize()
{
    QFETCH(double, scale);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(QSize, expected);
    writeBytes(path("shapes.svg"), TestSvg);
    const LoadResult loaded = loadImage(path("shapes.svg"), LoadOptions{scale, width, height});
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QVERIFY(loaded.isSvg);
    QCOMPARE(loaded.image.size(), expected);
    const double sx = expected.width() / 100.0, sy = expected.height() / 50.0;
    const QColor inside = loaded.image.pixelColor(int(25 * sx), int(20 * sy));
    QCOMPARE(inside, QColor(255, 0, 0));
    QCOMPARE(loaded.image.pixelColor(int(2 * sx), int(45 * sy)).alpha(), 0);
    const QColor halfBlue = loaded.image.pixelColor(int(75 * sx), int(25 * sy));
    QVERIFY(std::abs(halfBlue.alpha() - 128) <= 2);
    QCOMPARE(halfBlue.blue(), 255);
}

void tst_ImageIo::refusesBadFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<double>("svgScale");
    QTest::addColumn<QString>("reason");
    const QByteArray png = [] {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        test::makeImage(64, 64, QImage::Format_RGBA8888, AlphaContent::Random, 1).save(&buffer, "png");
        return bytes;
    }();
    QByteArray corrupt = png;
    for (qsizetype i = png.size() / 2; i < png.size() / 2 + 64; ++i)
        corrupt[i] = char(corrupt[i] ^ 0x5a);
    QTest::newRow("missing") << "missing.png" << QByteArray() << 1.0 << "no such file";
    QTest::newRow("empty") << "empty.png" << QByteArray("") << 1.0 << "empty";
    QTest::newRow("garbage") << "garbage.png" << QByteArray("this is not an image at all") << 1.0 << "not an image";
    QTest::newRow("truncated") << "truncated.png" << png.left(png.size() / 2) << 1.0 << "corrupt or truncated";
    QTest::newRow("corrupt") << "corrupt.png" << corrupt << 1.0 << "corrupt or truncated";
    QTest::newRow("too large") << "huge.png" << hugePngHeader(20000, 20000) << 1.0 << "20000x20000";
    QTest::newRow("invalid svg") << "bad.svg" << QByteArray("<svg xmlns='http://www.w3.org/2000/svg'><rect") << 1.0
                                 << "not a valid SVG";
    QTest::newRow("svg too large") << "big.svg" << QByteArray(TestSvg) << 1000.0 << "megapixels";
    QTest::newRow("svg scale zero") << "zero.svg" << QByteArray(TestSvg) << 0.0 << "scale";
}

void tst_ImageIo::refusesBadFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(double, svgScale);
    QFETCH(QString, reason);
    if (!content.isNull())
        writeBytes(path(name), content);
    const LoadResult loaded = loadImage(path(name), LoadOptions{svgScale, 0, 0});
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.image.isNull());
    QVERIFY2(loaded.error.startsWith(path(name) + u':'), qPrintable(loaded.error));
    QVERIFY2(loaded.error.contains(reason), qPrintable(loaded.error));
    QVERIFY(!loaded.error.contains(u'\n'));
}

void tst_ImageIo::refusesUnreadableFile()
{
    const LoadResult directory = loadImage(m_dir->path());
    QVERIFY(!directory.ok());
    QVERIFY2(directory.error.contains("directory"), qPrintable(directory.error));

    writeBytes(path("locked.png"), "x");
    QFile::setPermissions(path("locked.png"), QFileDevice::Permissions());
    QFile probe(path("locked.png"));
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running with rights that read any file (root)");
    const LoadResult locked = loadImage(path("locked.png"));
    QVERIFY(!locked.ok());
    QVERIFY2(locked.error.contains("cannot be read"), qPrintable(locked.error));
}

void tst_ImageIo::savesSixteenBitExactly_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::newRow("png rgba64") << "a.png" << int(QImage::Format_RGBA64);
    QTest::newRow("png gray16") << "b.png" << int(QImage::Format_Grayscale16);
    QTest::newRow("tiff rgba64") << "c.tif" << int(QImage::Format_RGBA64);
}

void tst_ImageIo::savesSixteenBitExactly()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    const QImage image = test::makeImage(29, 17, QImage::Format(format), AlphaContent::Random, 8);
    const QString error = saveImage(image, path(name));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const LoadResult loaded = loadImage(path(name));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.image.depth(), image.depth());
    QCOMPARE(test::maxChannelDifference(loaded.image, image), 0);
}

void tst_ImageIo::jpegQualityChangesSize()
{
    const QImage image = test::makeImage(128, 96, QImage::Format_RGBA8888, AlphaContent::Opaque, 4);
    QVERIFY(saveImage(image, path("low.jpg"), SaveOptions{10}).isEmpty());
    QVERIFY(saveImage(image, path("high.jpeg"), SaveOptions{95}).isEmpty());
    QVERIFY(QFileInfo(path("low.jpg")).size() * 2 < QFileInfo(path("high.jpeg")).size());
    QVERIFY(loadImage(path("low.jpg")).ok());
}

void tst_ImageIo::failedSaveLeavesExistingFileAlone_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QImage>("image");
    QTest::addColumn<int>("quality");
    QTest::addColumn<QString>("reason");
    const QImage image = test::makeImage(8, 8, QImage::Format_RGBA8888, AlphaContent::Opaque, 5);
    QTest::newRow("unknown extension") << "old.xyz" << image << 90 << "unknown file type";
    QTest::newRow("null image") << "old.png" << QImage() << 90 << "no image";
    QTest::newRow("bad quality") << "old.jpg" << image << 101 << "quality";
}

void tst_ImageIo::failedSaveLeavesExistingFileAlone()
{
    QFETCH(QString, target);
    QFETCH(QImage, image);
    QFETCH(int, quality);
    QFETCH(QString, reason);
    const QByteArray old("previous contents");
    writeBytes(path(target), old);
    const QString error = saveImage(image, path(target), SaveOptions{quality});
    QVERIFY(error.startsWith(path(target)));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(readBytes(path(target)), old);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{target});

    const QString nowhere = path("no/such/dir/out.png");
    const QString missingDir =
        saveImage(test::makeImage(4, 4, QImage::Format_RGBA8888, AlphaContent::Opaque, 1), nowhere);
    QVERIFY2(missingDir.startsWith(nowhere) && missingDir.contains("cannot be written"), qPrintable(missingDir));
}

void tst_ImageIo::loadsBundledSamples()
{
    const LoadResult photo = loadImage(QStringLiteral(KS_SAMPLES_DIR "/photo.png"));
    QVERIFY2(photo.ok(), qPrintable(photo.error));
    QCOMPARE(photo.image.size(), QSize(640, 400));
    QVERIFY(photo.image.hasAlphaChannel());
    QCOMPARE(photo.image.pixelColor(639, 0).alpha(), 0);
    QCOMPARE(photo.image.pixelColor(320, 200).alpha(), 255);

    const LoadResult shapes = loadImage(QStringLiteral(KS_SAMPLES_DIR "/shapes.svg"));
    QVERIFY2(shapes.ok(), qPrintable(shapes.error));
    QCOMPARE(shapes.image.size(), QSize(480, 320));
    QCOMPARE(shapes.image.pixelColor(2, 2).alpha(), 0);
    QCOMPARE(shapes.image.pixelColor(240, 160).alpha(), 255);
}

QTEST_MAIN(tst_ImageIo)
#include "tst_imageio.moc"
