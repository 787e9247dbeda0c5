#include "imageio.h"
#include "testimages.h"

#include <tiffio.h>

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <thread>
#include <vector>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

Q_DECLARE_METATYPE(ks::LoadOptions)

using namespace ks;
using ks::test::AlphaContent;

namespace {

// Save options at a JPEG/WebP quality, everything else at its default.
SaveOptions qualityOnly(int quality)
{
    SaveOptions options;
    options.quality = quality;
    return options;
}

// ---- Bytes ------------------------------------------------------------------------------

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray encoded(const QImage &image, const char *format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    return writer.write(image) ? bytes : QByteArray();
}

// Every message begins with the file it is about.
QString errorPrefix(const QString &file)
{
    return file + QStringLiteral(": ");
}

bool canWrite(const char *format)
{
    return QImageWriter::supportedImageFormats().contains(format);
}

bool canRead(const char *format)
{
    return QImageReader::supportedImageFormats().contains(format);
}

// Every file and folder under `dir`, hidden ones too, so a stray temporary file shows up.
QStringList everythingIn(const QString &dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        entries << QDir(dir).relativeFilePath(it.next());
    entries.sort();
    return entries;
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

QByteArray littleEndian(quint32 v)
{
    const char bytes[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    return QByteArray(bytes, 4);
}

// A gzip member (what .svgz files are): Qt only makes zlib streams, whose deflate body is the same.
QByteArray gzipped(const QByteArray &data)
{
    const QByteArray deflate = qCompress(data).mid(4 + 2).chopped(4); // length, zlib header, adler32
    return QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10) + deflate + littleEndian(crc32(data)) +
           littleEndian(quint32(data.size()));
}

// ---- PNG by hand: every colour type, bit depth and interlacing ----------------------------

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    return bigEndian(quint32(data.size())) + type + data + bigEndian(crc32(type + data));
}

QByteArray pngFile(const QByteArray &ihdr, const QByteArray &middleChunks, const QByteArray &idat)
{
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + middleChunks + pngChunk("IDAT", idat) +
           pngChunk("IEND", {});
}

QByteArray pngHeader(quint32 width, quint32 height, int bitDepth, int colorType, bool interlaced)
{
    return bigEndian(width) + bigEndian(height) + char(bitDepth) + char(colorType) + '\0' + '\0' +
           char(interlaced ? 1 : 0);
}

// A valid PNG header that declares a huge image, followed by an empty compressed stream:
// enough for a reader to learn the size, far too little to decode.
QByteArray hugePngHeader(quint32 width, quint32 height)
{
    return pngFile(pngHeader(width, height, 8, 6, false), {}, QByteArray("\x78\x9c\x03\x00\x00\x00\x00\x01", 8));
}

struct PngKind
{
    int colorType = 0; // 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
    int bitDepth = 8;
    bool interlaced = false;
    bool transparentColor = false; // a tRNS chunk naming one gray or RGB value as transparent
};

int channelCount(int colorType)
{
    switch (colorType) {
    case 2:
        return 3;
    case 4:
        return 2;
    case 6:
        return 4;
    default:
        return 1;
    }
}

// A scrambled but reproducible sample for each pixel and channel, within the bit depth.
quint16 sampleAt(int x, int y, int channel, int bitDepth)
{
    quint32 h = quint32(x) * 73856093u ^ quint32(y) * 19349663u ^ quint32(channel + 1) * 83492791u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return quint16(h & ((1u << bitDepth) - 1));
}

QRgba64 paletteEntry(int index)
{
    const auto eight = [](int v) { return quint16((v & 255) * 257); };
    return qRgba64(eight(index * 37 + 11), eight(index * 91 + 3), eight(255 - index * 5), eight(index * 53 + 7));
}

constexpr int PngWidth = 13, PngHeight = 11; // odd sizes leave Adam7 passes partly filled

// The pixel at (x, y) as the file means it, in 16-bit units.
QRgba64 expectedPngPixel(const PngKind &kind, int x, int y)
{
    const int d = kind.bitDepth;
    const auto scaled = [d](quint16 s) { return quint16(quint32(s) * 65535u / ((1u << d) - 1)); };
    const auto sample = [&](int c) { return sampleAt(x, y, c, d); };
    const auto keyed = [&](int c) { return sample(c) == sampleAt(1, 1, c, d); }; // tRNS is pixel (1, 1)
    switch (kind.colorType) {
    case 0: {
        const quint16 g = scaled(sample(0));
        return qRgba64(g, g, g, kind.transparentColor && keyed(0) ? 0 : 65535);
    }
    case 2: {
        const bool clear = kind.transparentColor && keyed(0) && keyed(1) && keyed(2);
        return qRgba64(scaled(sample(0)), scaled(sample(1)), scaled(sample(2)), clear ? 0 : 65535);
    }
    case 3:
        return paletteEntry(sample(0));
    case 4: {
        const quint16 g = scaled(sample(0));
        return qRgba64(g, g, g, scaled(sample(1)));
    }
    default:
        return qRgba64(scaled(sample(0)), scaled(sample(1)), scaled(sample(2)), scaled(sample(3)));
    }
}

// Packs samples into a scanline as PNG wants: most significant bits first, 16-bit big-endian.
class RowPacker
{
public:
    void add(quint16 value, int bits)
    {
        m_bits = (m_bits << bits) | value;
        m_count += bits;
        while (m_count >= 8) {
            m_count -= 8;
            m_row.append(char(m_bits >> m_count));
        }
    }
    QByteArray finish()
    {
        if (m_count > 0)
            m_row.append(char(m_bits << (8 - m_count)));
        return m_row;
    }

private:
    quint64 m_bits = 0;
    int m_count = 0;
    QByteArray m_row{1, '\0'}; // filter type None
};

QByteArray pngImageData(const PngKind &kind)
{
    struct Pass
    {
        int x0, y0, dx, dy;
    };
    static constexpr Pass adam7[] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                     {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
    static constexpr Pass whole[] = {{0, 0, 1, 1}};
    QByteArray raw;
    for (const Pass &p : kind.interlaced ? std::span<const Pass>(adam7) : std::span<const Pass>(whole)) {
        if (p.x0 >= PngWidth || p.y0 >= PngHeight)
            continue; // an empty pass has no rows at all
        for (int y = p.y0; y < PngHeight; y += p.dy) {
            RowPacker row;
            for (int x = p.x0; x < PngWidth; x += p.dx)
                for (int c = 0; c < channelCount(kind.colorType); ++c)
                    row.add(sampleAt(x, y, c, kind.bitDepth), kind.bitDepth);
            raw += row.finish();
        }
    }
    return qCompress(raw).mid(4); // qCompress puts the length before the zlib stream
}

QByteArray pngOfKind(const PngKind &kind)
{
    QByteArray chunks;
    if (kind.colorType == 3) {
        QByteArray palette, alpha;
        for (int i = 0; i < (1 << kind.bitDepth); ++i) {
            const QRgba64 e = paletteEntry(i);
            palette.append(char(e.red8())).append(char(e.green8())).append(char(e.blue8()));
            alpha += char(e.alpha8());
        }
        chunks = pngChunk("PLTE", palette) + pngChunk("tRNS", alpha);
    } else if (kind.transparentColor) {
        QByteArray key; // 16 bits per channel whatever the depth
        for (int c = 0; c < channelCount(kind.colorType); ++c) {
            const quint16 v = sampleAt(1, 1, c, kind.bitDepth);
            key.append(char(v >> 8)).append(char(v & 0xff));
        }
        chunks = pngChunk("tRNS", key);
    }
    return pngFile(pngHeader(PngWidth, PngHeight, kind.bitDepth, kind.colorType, kind.interlaced), chunks,
                   pngImageData(kind));
}

// ---- GIF by hand ------------------------------------------------------------------------

// Two frames of 2x1 pixels over a red/green palette: [red, green], then [green, red].
// Each frame's LZW data is clear, the two indices, end — all 3-bit codes.
QByteArray twoFrameGif()
{
    const QByteArray header("GIF89a\x02\x00\x01\x00\x80\x00\x00"
                            "\xff\x00\x00\x00\xff\x00",
                            19);
    const QByteArray delay("\x21\xf9\x04\x00\x0a\x00\x00\x00", 8);
    const QByteArray descriptor("\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00", 10);
    const QByteArray first("\x02\x02\x44\x0a\x00", 5), second("\x02\x02\x0c\x0a\x00", 5);
    return header + delay + descriptor + first + delay + descriptor + second + ';';
}

// ---- SVG --------------------------------------------------------------------------------

const QByteArray TestSvg =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\" viewBox=\"0 0 100 50\">"
    "<rect x=\"10\" y=\"10\" width=\"30\" height=\"20\" fill=\"#ff0000\"/>"
    "<circle cx=\"75\" cy=\"25\" r=\"15\" fill=\"#0000ff\" fill-opacity=\"0.5\"/>"
    "</svg>";

// ---- Images -----------------------------------------------------------------------------

// Lossy formats get a smooth picture, where their error is small and bounded.
QImage smoothImage(int width, int height, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(40 + 4 * x, 200 - 5 * y, 120));
    return image.convertToFormat(format);
}

bool isPremultiplied(const QImage &image)
{
    return image.pixelFormat().premultiplied() == QPixelFormat::Premultiplied;
}

bool isSixteenBitFormat(QImage::Format format)
{
    return format == QImage::Format_RGBA64 || format == QImage::Format_Grayscale16;
}

// One PNG made by Qt, for the corruption rows.
QByteArray qtPng()
{
    return encoded(test::makeImage(64, 64, QImage::Format_RGBA8888, AlphaContent::Random, 1), "png");
}

// Bytes of the first IDAT chunk's data XORed, optionally with the chunk's CRC made right again,
// so that the damage reaches the decompressor instead of stopping at the checksum.
QByteArray damagedIdat(QByteArray png, bool fixCrc)
{
    const qsizetype type = png.indexOf("IDAT");
    const qsizetype length = qsizetype(quint8(png[type - 4])) << 24 | quint8(png[type - 3]) << 16 |
                             quint8(png[type - 2]) << 8 | quint8(png[type - 1]);
    const qsizetype start = type + 4 + length / 3;
    for (qsizetype i = start; i < start + 64 && i < type + 4 + length; ++i)
        png[i] = char(png[i] ^ 0x5a);
    if (fixCrc)
        png.replace(type + 4 + length, 4, bigEndian(crc32(png.mid(type, 4 + length))));
    return png;
}

} // namespace

class tst_ImageIo : public QObject
{
    Q_OBJECT

private slots:
    void init();

    // Loading
    void loadsFormatsQtWrites_data();
    void loadsFormatsQtWrites();
    void loadsEveryPngKind_data();
    void loadsEveryPngKind();
    void loadsFirstGifFrame();
    void appliesOrientation();
    void decodesBeyondQtDefaultAllocationLimit();
    void rasterisesSvg_data();
    void rasterisesSvg();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void refusesFileWithoutReadPermission();
    void loadsFromSeveralThreadsAtOnce();
    void loadsBundledSamples_data();
    void loadsBundledSamples();

    // Saving
    void savesAndReloads_data();
    void savesAndReloads();
    void qualityChangesSize_data();
    void qualityChangesSize();
    void replacesExistingFile();
    void failedSaveChangesNothing_data();
    void failedSaveChangesNothing();
    void failureWhileWritingLeavesNoTrace();
    void refusesUnwritableDirectory();
    void writableExtensionsMatchPlugins_data();
    void writableExtensionsMatchPlugins();
    void tiffRoundTrips_data();
    void tiffRoundTrips();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return QDir(m_dir->path()).absoluteFilePath(name); }
};

void tst_ImageIo::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// ---- Loading ----------------------------------------------------------------------------

void tst_ImageIo::loadsFormatsQtWrites_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("writer");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("tolerance");
    QTest::addColumn<int>("expectedDepth");
    QTest::newRow("png rgba") << "a.png" << QByteArray("png") << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("png rgb") << "b.png" << QByteArray("png") << int(QImage::Format_RGB32) << 0 << 32;
    QTest::newRow("png gray") << "c.png" << QByteArray("png") << int(QImage::Format_Grayscale8) << 0 << 8;
    QTest::newRow("png palette") << "d.png" << QByteArray("png") << int(QImage::Format_Indexed8) << 0 << 32;
    QTest::newRow("png 16-bit rgba") << "e.png" << QByteArray("png") << int(QImage::Format_RGBA64) << 0 << 64;
    QTest::newRow("png 16-bit rgb") << "e2.png" << QByteArray("png") << int(QImage::Format_RGBX64) << 0 << 64;
    QTest::newRow("png 16-bit gray") << "f.png" << QByteArray("png") << int(QImage::Format_Grayscale16) << 0 << 16;
    QTest::newRow("png named .jpg") << "png.jpg" << QByteArray("png") << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("png upper case") << "UPPER.PNG" << QByteArray("png") << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("png no extension") << "noext" << QByteArray("png") << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("jpeg") << "g.jpg" << QByteArray("jpeg") << int(QImage::Format_RGB32) << 8 << 32;
    QTest::newRow("jpeg gray") << "g2.jpeg" << QByteArray("jpeg") << int(QImage::Format_Grayscale8) << 8 << 8;
    QTest::newRow("bmp") << "h.bmp" << QByteArray("bmp") << int(QImage::Format_RGB32) << 0 << 32;
    QTest::newRow("tiff 8-bit") << "i.tif" << QByteArray("tiff") << int(QImage::Format_ARGB32) << 0 << 32;
    QTest::newRow("tiff 16-bit") << "j.tiff" << QByteArray("tiff") << int(QImage::Format_RGBA64) << 0 << 64;
    QTest::newRow("tiff 16-bit gray") << "j2.tiff" << QByteArray("tiff") << int(QImage::Format_Grayscale16) << 0 << 16;
    QTest::newRow("webp lossless") << "k.webp" << QByteArray("webp") << int(QImage::Format_ARGB32) << 0 << 32;
}

void tst_ImageIo::loadsFormatsQtWrites()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, writer);
    QFETCH(int, format);
    QFETCH(int, tolerance);
    QFETCH(int, expectedDepth);
    if (!canWrite(writer) || !canRead(writer))
        QSKIP("no Qt plugin reads and writes this format here");
    const bool lossy = tolerance > 0;
    QImage image = lossy ? smoothImage(33, 21, QImage::Format(format))
                         : test::makeImage(33, 21, QImage::Format_RGBA64, AlphaContent::Shapes, 3);
    if (format == int(QImage::Format_Indexed8))
        image = image.convertToFormat(QImage::Format_RGB32).convertToFormat(QImage::Format_Indexed8);
    else
        image = image.convertToFormat(QImage::Format(format));
    // Quality 100: lossless WebP, the best JPEG.
    const QByteArray bytes = encoded(image, writer, 100);
    QVERIFY(!bytes.isEmpty());
    writeBytes(path(name), bytes);

    const Result<LoadedImage> loaded = loadImage(path(name));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QVERIFY(loaded.error().isEmpty());
    QVERIFY(!loaded->isSvg);
    QCOMPARE(loaded->image.size(), image.size());
    QCOMPARE(loaded->image.depth(), expectedDepth);
    QVERIFY(!isPremultiplied(loaded->image));
    const int difference = test::maxChannelDifference(loaded->image, image);
    QVERIFY2(difference >= 0 && difference <= tolerance, qPrintable(QString::number(difference)));
}

void tst_ImageIo::loadsEveryPngKind_data()
{
    QTest::addColumn<int>("colorType");
    QTest::addColumn<int>("bitDepth");
    QTest::addColumn<bool>("interlaced");
    QTest::addColumn<bool>("transparentColor");
    const struct
    {
        int type;
        const char *name;
        std::initializer_list<int> depths;
    } kinds[] = {{0, "gray", {1, 2, 4, 8, 16}},
                 {2, "rgb", {8, 16}},
                 {3, "palette", {1, 2, 4, 8}},
                 {4, "gray+alpha", {8, 16}},
                 {6, "rgba", {8, 16}}};
    for (const auto &kind : kinds)
        for (int depth : kind.depths)
            for (bool interlaced : {false, true})
                QTest::addRow("%s %d-bit%s", kind.name, depth, interlaced ? " interlaced" : "")
                    << kind.type << depth << interlaced << false;
    QTest::newRow("gray 8-bit tRNS") << 0 << 8 << false << true;
    QTest::newRow("gray 16-bit tRNS") << 0 << 16 << false << true;
    QTest::newRow("rgb 8-bit tRNS") << 2 << 8 << true << true;
    QTest::newRow("rgb 16-bit tRNS") << 2 << 16 << false << true;
    QTest::newRow("rgb 16-bit tRNS interlaced") << 2 << 16 << true << true;
}

void tst_ImageIo::loadsEveryPngKind()
{
    QFETCH(int, colorType);
    QFETCH(int, bitDepth);
    QFETCH(bool, interlaced);
    QFETCH(bool, transparentColor);
    const PngKind kind{colorType, bitDepth, interlaced, transparentColor};
    writeBytes(path("kind.png"), pngOfKind(kind));

    const Result<LoadedImage> loaded = loadImage(path("kind.png"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->image.size(), QSize(PngWidth, PngHeight));
    QVERIFY(!isPremultiplied(loaded->image));
    const bool sixteen = bitDepth == 16;
    QCOMPARE(isSixteenBitFormat(loaded->image.format()), sixteen);
    for (int y = 0; y < PngHeight; ++y) {
        for (int x = 0; x < PngWidth; ++x) {
            QRgba64 expected = expectedPngPixel(kind, x, y), actual = loaded->image.pixelColor(x, y).rgba64();
            if (!sixteen) {
                expected = QRgba64::fromArgb32(expected.toArgb32());
                actual = QRgba64::fromArgb32(actual.toArgb32());
            }
            if (expected.alpha() == 0) // the colour of an invisible pixel carries nothing
                actual.setRed(expected.red()), actual.setGreen(expected.green()), actual.setBlue(expected.blue());
            QVERIFY2(actual == expected, qPrintable(QStringLiteral("(%1, %2): %3 instead of %4")
                                                        .arg(x)
                                                        .arg(y)
                                                        .arg(quint64(actual), 16, 16, QChar(u'0'))
                                                        .arg(quint64(expected), 16, 16, QChar(u'0'))));
        }
    }
}

void tst_ImageIo::loadsFirstGifFrame()
{
    if (!canRead("gif"))
        QSKIP("no Qt plugin reads GIF here");
    writeBytes(path("two.gif"), twoFrameGif());
    QImageReader frames(path("two.gif"));
    QCOMPARE(frames.imageCount(), 2); // the file really is an animation

    const Result<LoadedImage> loaded = loadImage(path("two.gif"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->image.size(), QSize(2, 1));
    QCOMPARE(loaded->image.pixelColor(0, 0), QColor(255, 0, 0));
    QCOMPARE(loaded->image.pixelColor(1, 0), QColor(0, 255, 0));
}

void tst_ImageIo::appliesOrientation()
{
    // TIFF stores the orientation tag that Qt's writer is given; PNG has none.
    if (!canWrite("tiff"))
        QSKIP("no Qt plugin writes TIFF here");
    QImage image(40, 20, QImage::Format_RGB32);
    image.fill(Qt::blue);
    for (int y = 0; y < 20; ++y)
        for (int x = 0; x < 20; ++x)
            image.setPixel(x, y, qRgb(255, 0, 0)); // left half red
    QImageWriter writer(path("turned.tif"));
    if (!writer.supportsOption(QImageIOHandler::ImageTransformation))
        QSKIP("this TIFF writer cannot store an orientation");
    writer.setTransformation(QImageIOHandler::TransformationRotate90);
    QVERIFY2(writer.write(image), qPrintable(writer.errorString()));

    const Result<LoadedImage> loaded = loadImage(path("turned.tif"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->image.size(), QSize(20, 40)); // turned a quarter clockwise: the left is now on top
    QCOMPARE(loaded->image.pixelColor(10, 5), QColor(Qt::red));
    QCOMPARE(loaded->image.pixelColor(10, 35), QColor(Qt::blue));
}

void tst_ImageIo::decodesBeyondQtDefaultAllocationLimit()
{
    // 4100 x 4100 x 8 bytes is just over Qt's default 128 MiB allocation limit for decoding.
    QImage big(4100, 4100, QImage::Format_RGBA64);
    big.fill(QColor(10, 20, 30, 40));
    QImageWriter writer(path("big.png"));
    writer.setQuality(80); // quick, light compression
    QVERIFY2(writer.write(big), qPrintable(writer.errorString()));
    big = QImage();

    const Result<LoadedImage> loaded = loadImage(path("big.png"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->image.size(), QSize(4100, 4100));
    QCOMPARE(loaded->image.format(), QImage::Format_RGBA64);
    QCOMPARE(loaded->image.pixelColor(4099, 4099), QColor(10, 20, 30, 40));
}

void tst_ImageIo::rasterisesSvg_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<double>("scale");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("own size") << "a.svg" << TestSvg << 1.0 << 0 << 0 << QSize(100, 50);
    QTest::newRow("scale 2") << "a.svg" << TestSvg << 2.0 << 0 << 0 << QSize(200, 100);
    QTest::newRow("scale 0.5") << "a.svg" << TestSvg << 0.5 << 0 << 0 << QSize(50, 25);
    QTest::newRow("width only") << "a.svg" << TestSvg << 1.0 << 300 << 0 << QSize(300, 150);
    QTest::newRow("width only, scale ignored") << "a.svg" << TestSvg << 0.0 << 300 << 0 << QSize(300, 150);
    QTest::newRow("height only") << "a.svg" << TestSvg << 1.0 << 0 << 20 << QSize(40, 20);
    QTest::newRow("both") << "a.svg" << TestSvg << 7.0 << 60 << 60 << QSize(60, 60);
    QTest::newRow("svgz") << "a.svgz" << gzipped(TestSvg) << 2.0 << 0 << 0 << QSize(200, 100);
    QTest::newRow("svg content named .txt") << "svg.txt" << TestSvg << 1.0 << 0 << 0 << QSize(100, 50);
    QTest::newRow("svg content, no extension")
        << "drawing"
        << "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n" + TestSvg << 1.0 << 0 << 0 << QSize(100, 50);
    QTest::newRow("svgz content named .bin") << "svg.bin" << gzipped(TestSvg) << 1.0 << 0 << 0 << QSize(100, 50);
}

void tst_ImageIo::rasterisesSvg()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(double, scale);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(QSize, expected);
    if (name == u"svg.bin" && !canRead("svgz"))
        QSKIP("recognising SVGZ by content needs Qt's SVG image plugin");
    writeBytes(path(name), content);
    const Result<LoadedImage> loaded = loadImage(path(name), LoadOptions{scale, width, height});
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QVERIFY(loaded->isSvg);
    QCOMPARE(loaded->image.size(), expected);
    QVERIFY(loaded->image.hasAlphaChannel());
    QVERIFY(!isPremultiplied(loaded->image));
    const double sx = expected.width() / 100.0, sy = expected.height() / 50.0;
    QCOMPARE(loaded->image.pixelColor(int(25 * sx), int(20 * sy)), QColor(255, 0, 0));
    QCOMPARE(loaded->image.pixelColor(0, 0).alpha(), 0);
    QCOMPARE(loaded->image.pixelColor(int(2 * sx), int(45 * sy)).alpha(), 0);
    const QColor halfBlue = loaded->image.pixelColor(int(75 * sx), int(25 * sy));
    QVERIFY2(std::abs(halfBlue.alpha() - 128) <= 2, qPrintable(halfBlue.name(QColor::HexArgb)));
    QCOMPARE(halfBlue.blue(), 255);
}

enum class Setup
{
    File,      // `content` written to the name
    Missing,   // nothing there
    Directory, // a folder of that name
    Device,    // the name is an absolute path to a device
};

void tst_ImageIo::refusesBadFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("setup");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("needs"); // a format Qt must read for the row to mean anything
    QTest::addColumn<LoadOptions>("options");
    QTest::addColumn<QString>("reason");
    const auto file = int(Setup::File);
    const LoadOptions plain;
    const QByteArray png = qtPng();
    const QByteArray jpeg = encoded(smoothImage(64, 64), "jpeg", 90);
    const QByteArray bmp = encoded(smoothImage(64, 64), "bmp");
    const QByteArray tiff = encoded(smoothImage(64, 64), "tiff");
    const QByteArray webp = encoded(smoothImage(64, 64), "webp", 90);
    const QByteArray noSize = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>";

    QTest::newRow("missing") << "missing.png" << int(Setup::Missing) << QByteArray() << QByteArray() << plain
                             << "no such file";
    QTest::newRow("directory") << "folder.png" << int(Setup::Directory) << QByteArray() << QByteArray() << plain
                               << "is a directory";
    QTest::newRow("device") << "/dev/zero" << int(Setup::Device) << QByteArray() << QByteArray() << plain
                            << "not a regular file";
    QTest::newRow("empty") << "empty.png" << file << QByteArray("") << QByteArray() << plain << "the file is empty";
    QTest::newRow("garbage") << "garbage.png" << file << QByteArray("this is not an image at all") << QByteArray()
                             << plain << "not an image Qt can read";
    QTest::newRow("unknown format") << "notes.txt" << file << QByteArray("plain text\n") << QByteArray() << plain
                                    << "unknown or unsupported format";
    QTest::newRow("png signature only") << "sig.png" << file << png.left(8) << QByteArray() << plain
                                        << "corrupt or truncated";
    QTest::newRow("png header only") << "head.png" << file << png.left(33) << QByteArray() << plain
                                     << "corrupt or truncated";
    QTest::newRow("png cut in half") << "half.png" << file << png.left(png.size() / 2) << QByteArray() << plain
                                     << "corrupt or truncated";
    QTest::newRow("png without IEND") << "noend.png" << file << png.left(png.size() - 12) << QByteArray() << plain
                                      << "corrupt or truncated";
    QTest::newRow("png bad IDAT crc") << "crc.png" << file << damagedIdat(png, false) << QByteArray() << plain
                                      << "corrupt or truncated";
    QTest::newRow("png bad IDAT data") << "zlib.png" << file << damagedIdat(png, true) << QByteArray() << plain
                                       << "corrupt or truncated";
    QTest::newRow("png too large") << "huge.png" << file << hugePngHeader(20000, 20000) << QByteArray() << plain
                                   << "20000x20000 pixels, more than the limit of 256 megapixels";
    QTest::newRow("png wider than Qt reads") << "wide.png" << file << hugePngHeader(1000001, 2) << QByteArray() << plain
                                             << "a PNG over 1000000 pixels a side is read in strips only";
    QTest::newRow("jpeg cut in half") << "half.jpg" << file << jpeg.left(jpeg.size() / 2) << QByteArray("jpeg") << plain
                                      << "corrupt or truncated";
    QTest::newRow("jpeg without end marker")
        << "noend.jpg" << file << jpeg.chopped(2) << QByteArray("jpeg") << plain << "end-of-image";
    QTest::newRow("bmp cut in half") << "half.bmp" << file << bmp.left(bmp.size() / 2) << QByteArray("bmp") << plain
                                     << "corrupt or truncated";
    QTest::newRow("tiff cut in half") << "half.tif" << file << tiff.left(tiff.size() / 2) << QByteArray("tiff") << plain
                                      << "corrupt or truncated";
    QTest::newRow("webp cut in half") << "half.webp" << file << webp.left(webp.size() / 2) << QByteArray("webp")
                                      << plain << "corrupt or truncated";
    QTest::newRow("gif cut in frame") << "half.gif" << file << twoFrameGif().left(34) << QByteArray("gif") << plain
                                      << "corrupt or truncated";
    QTest::newRow("invalid svg") << "bad.svg" << file << QByteArray("<svg xmlns='http://www.w3.org/2000/svg'><rect")
                                 << QByteArray() << plain << "not a valid SVG";
    QTest::newRow("svg without size") << "nosize.svg" << file << noSize << QByteArray() << plain << "has no size";
    QTest::newRow("svg too large") << "big.svg" << file << TestSvg << QByteArray() << LoadOptions{1000.0, 0, 0}
                                   << "100000x50000 pixels, more than the limit";
    QTest::newRow("svg scale beyond int")
        << "big.svg" << file << TestSvg << QByteArray() << LoadOptions{1e12, 0, 0} << "more than the limit";
    QTest::newRow("svg width too large") << "big.svg" << file << TestSvg << QByteArray()
                                         << LoadOptions{1.0, std::numeric_limits<int>::max(), 0}
                                         << "more than the limit";
    QTest::newRow("svg scale zero") << "zero.svg" << file << TestSvg << QByteArray() << LoadOptions{0.0, 0, 0}
                                    << "scale must be positive";
    QTest::newRow("svg scale negative") << "neg.svg" << file << TestSvg << QByteArray() << LoadOptions{-2.0, 0, 0}
                                        << "scale must be positive";
    QTest::newRow("svg scale NaN") << "nan.svg" << file << TestSvg << QByteArray() << LoadOptions{std::nan(""), 0, 0}
                                   << "scale must be positive";
    QTest::newRow("svg negative width") << "neg.svg" << file << TestSvg << QByteArray() << LoadOptions{1.0, -10, 0}
                                        << "must not be negative";
    QTest::newRow("svg negative height") << "neg.svg" << file << TestSvg << QByteArray() << LoadOptions{1.0, 50, -1}
                                         << "must not be negative";
}

void tst_ImageIo::refusesBadFiles()
{
    QFETCH(QString, name);
    QFETCH(int, setup);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, needs);
    QFETCH(LoadOptions, options);
    QFETCH(QString, reason);
    if (!needs.isEmpty() && !canRead(needs))
        QSKIP("no Qt plugin reads this format here");
    const QString file = Setup(setup) == Setup::Device ? name : path(name);
    if (Setup(setup) == Setup::Device && !QFileInfo::exists(file))
        QSKIP("no such device here");
    if (Setup(setup) == Setup::File) {
        QVERIFY(!content.isNull());
        writeBytes(file, content);
    }
    if (Setup(setup) == Setup::Directory)
        QVERIFY(QDir(m_dir->path()).mkdir(name));

    const Result<LoadedImage> loaded = loadImage(file, options);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().startsWith(errorPrefix(file)), qPrintable(loaded.error()));
    QVERIFY2(loaded.error().contains(reason), qPrintable(loaded.error()));
    QVERIFY(!loaded.error().contains(u'\n'));
}

void tst_ImageIo::refusesFileWithoutReadPermission()
{
    writeBytes(path("locked.png"), qtPng());
    QVERIFY(QFile::setPermissions(path("locked.png"), QFileDevice::Permissions()));
    QFile probe(path("locked.png"));
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running with rights that read any file (root)");
    const Result<LoadedImage> locked = loadImage(path("locked.png"));
    QVERIFY(!locked.ok());
    QVERIFY2(locked.error().startsWith(errorPrefix(path("locked.png"))), qPrintable(locked.error()));
    QVERIFY2(locked.error().contains("cannot be read (Permission denied)"), qPrintable(locked.error()));
}

void tst_ImageIo::loadsFromSeveralThreadsAtOnce()
{
    writeBytes(path("deep.png"),
               encoded(test::makeImage(64, 48, QImage::Format_RGBA64, AlphaContent::Random, 2), "png"));
    writeBytes(path("shapes.svg"), TestSvg);
    const QImage png = loadImage(path("deep.png"))->image, svg = loadImage(path("shapes.svg"))->image;
    QVERIFY(!png.isNull() && !svg.isNull());

    constexpr int Threads = 4, Rounds = 8;
    std::array<int, Threads> mismatches{};
    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < Rounds; ++round) {
                mismatches[t] += loadImage(path("deep.png"))->image != png;
                mismatches[t] += loadImage(path("shapes.svg"), LoadOptions{1.0, 0, 0})->image != svg;
            }
        });
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(std::accumulate(mismatches.begin(), mismatches.end(), 0), 0);
}

void tst_ImageIo::loadsBundledSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QSize>("expected"); // empty when the suite knows nothing more about the sample
    const QDir samples(QStringLiteral(KS_SAMPLES_DIR));
    const QStringList files =
        samples.entryList({"*.png", "*.svg", "*.svgz", "*.jpg", "*.webp", "*.tif", "*.tiff"}, QDir::Files);
    for (const QString &name : files) {
        const QSize known = name == u"photo.png" ? QSize(640, 400) : name == u"shapes.svg" ? QSize(480, 320) : QSize();
        QTest::newRow(qPrintable(name)) << samples.filePath(name) << known;
    }
    if (files.isEmpty())
        QTest::newRow("none yet") << QString() << QSize();
}

void tst_ImageIo::loadsBundledSamples()
{
    QFETCH(QString, file);
    QFETCH(QSize, expected);
    if (file.isEmpty())
        QSKIP("no bundled samples in " KS_SAMPLES_DIR " yet");
    const Result<LoadedImage> loaded = loadImage(file);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->isSvg, file.endsWith(".svg") || file.endsWith(".svgz"));
    QVERIFY(!loaded->image.size().isEmpty());
    if (expected.isEmpty())
        return;
    // Both samples are described as having a fully transparent outside and an opaque middle.
    QCOMPARE(loaded->image.size(), expected);
    QVERIFY(loaded->image.hasAlphaChannel());
    QCOMPARE(loaded->image.pixelColor(expected.width() - 1, 0).alpha(), 0);
    QCOMPARE(loaded->image.pixelColor(expected.width() / 2, expected.height() / 2).alpha(), 255);
}

// ---- Saving -----------------------------------------------------------------------------

void tst_ImageIo::savesAndReloads_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QImage>("image");
    QTest::addColumn<int>("comparedAs"); // the format the file holds, in QImage terms
    QTest::addColumn<int>("tolerance");
    const auto random = [](QImage::Format f) { return test::makeImage(29, 17, f, AlphaContent::Random, 8); };
    const auto opaque = [](QImage::Format f) { return test::makeImage(29, 17, f, AlphaContent::Opaque, 9); };
    const auto shapes = [](QImage::Format f) { return test::makeImage(29, 17, f, AlphaContent::Shapes, 10); };
    // Every alpha at least 1 (in 8 bits): lossless WebP may change the colour of invisible pixels.
    const auto visible = [](QImage::Format f) {
        QImage image = test::makeImage(29, 17, QImage::Format_ARGB32, AlphaContent::Random, 12);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, image.pixel(x, y) | 0x01000000u);
        return image.convertToFormat(f);
    };
    // Colour with no alpha at all: dropping alpha shows it, compositing would not.
    QImage invisible = smoothImage(29, 17, QImage::Format_ARGB32);
    for (int y = 0; y < invisible.height(); ++y)
        for (int x = 0; x < invisible.width(); ++x)
            invisible.setPixel(x, y, invisible.pixel(x, y) & 0x00ffffffu);
    using F = QImage;
    QTest::newRow("png 8-bit") << "a.png" << random(F::Format_ARGB32) << int(F::Format_ARGB32) << 0;
    QTest::newRow("png premultiplied") << "b.png" << random(F::Format_ARGB32_Premultiplied) << int(F::Format_ARGB32)
                                       << 0;
    QTest::newRow("png gray") << "c.png" << opaque(F::Format_Grayscale8) << int(F::Format_Grayscale8) << 0;
    QTest::newRow("png rgba64") << "d.png" << random(F::Format_RGBA64) << int(F::Format_RGBA64) << 0;
    QTest::newRow("png rgba64 premultiplied")
        << "e.png" << random(F::Format_RGBA64_Premultiplied) << int(F::Format_RGBA64) << 0;
    QTest::newRow("png rgbx64") << "f.png" << opaque(F::Format_RGBX64) << int(F::Format_RGBA64) << 0;
    QTest::newRow("png gray16") << "g.png" << opaque(F::Format_Grayscale16) << int(F::Format_Grayscale16) << 0;
    QTest::newRow("png float16") << "h.png" << random(F::Format_RGBA16FPx4) << int(F::Format_RGBA64) << 0;
    QTest::newRow("png upper case") << "I.PNG" << random(F::Format_RGBA64) << int(F::Format_RGBA64) << 0;
    // TIFF: libtiff stores straight alpha and our reader reads it exactly (tiffRoundTrips covers
    // partial alpha; this row keeps the shapes).
    QTest::newRow("tiff 8-bit") << "j.tif" << shapes(F::Format_ARGB32) << int(F::Format_ARGB32) << 0;
    QTest::newRow("tiff rgba64") << "k.tiff" << random(F::Format_RGBA64) << int(F::Format_RGBA64) << 0;
    QTest::newRow("tiff gray16") << "l.TIF" << opaque(F::Format_Grayscale16) << int(F::Format_Grayscale16) << 0;
    QTest::newRow("bmp drops alpha") << "m.bmp" << random(F::Format_ARGB32) << int(F::Format_RGB32) << 0;
    QTest::newRow("bmp from 16-bit") << "n.bmp" << opaque(F::Format_RGBA64) << int(F::Format_RGB32) << 0;
    QTest::newRow("jpeg") << "o.jpg" << smoothImage(29, 17) << int(F::Format_RGB32) << 8;
    QTest::newRow("jpeg drops alpha") << "p.JPEG" << invisible << int(F::Format_RGB32) << 8;
    QTest::newRow("jpeg from 16-bit") << "q.jpeg" << smoothImage(29, 17, F::Format_RGBA64) << int(F::Format_RGB32) << 8;
    QTest::newRow("webp lossless") << "r.webp" << visible(F::Format_ARGB32) << int(F::Format_ARGB32) << 0;
    QTest::newRow("webp from 16-bit") << "s.webp" << visible(F::Format_RGBA64) << int(F::Format_ARGB32) << 0;
    QTest::newRow("webp opaque") << "t.webp" << opaque(F::Format_RGB32) << int(F::Format_RGB32) << 0;
}

void tst_ImageIo::savesAndReloads()
{
    QFETCH(QString, name);
    QFETCH(QImage, image);
    QFETCH(int, comparedAs);
    QFETCH(int, tolerance);
    if (!writableExtensions().contains(QFileInfo(name).suffix().toLower()))
        QSKIP("no Qt plugin writes this format here");
    const QString error = saveImage(image, path(name), qualityOnly(100)).error();
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const Result<LoadedImage> loaded = loadImage(path(name));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    const QImage expected = image.convertToFormat(QImage::Format(comparedAs));
    QCOMPARE(loaded->image.depth(), expected.depth());
    QCOMPARE(loaded->image.hasAlphaChannel(), expected.hasAlphaChannel());
    const int difference = test::maxChannelDifference(loaded->image, expected);
    QVERIFY2(difference >= 0 && difference <= tolerance, qPrintable(QString::number(difference)));
    QCOMPARE(everythingIn(m_dir->path()), QStringList{name});
}

void tst_ImageIo::qualityChangesSize_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("jpeg") << "jpg";
    QTest::newRow("webp") << "webp";
}

void tst_ImageIo::qualityChangesSize()
{
    QFETCH(QString, suffix);
    if (!writableExtensions().contains(suffix))
        QSKIP("no Qt plugin writes this format here");
    const QImage image = test::makeImage(128, 96, QImage::Format_RGBA8888, AlphaContent::Opaque, 4);
    QVERIFY(saveImage(image, path("low." + suffix), qualityOnly(10)).ok());
    QVERIFY(saveImage(image, path("high." + suffix), qualityOnly(95)).ok());
    const qint64 low = QFileInfo(path("low." + suffix)).size(), high = QFileInfo(path("high." + suffix)).size();
    QVERIFY2(low > 0 && low * 2 < high, qPrintable(QStringLiteral("%1 vs %2 bytes").arg(low).arg(high)));
    QVERIFY(loadImage(path("low." + suffix)).ok());
}

void tst_ImageIo::replacesExistingFile()
{
    writeBytes(path("out.png"), "previous contents");
    const QImage image = test::makeImage(16, 16, QImage::Format_ARGB32, AlphaContent::Random, 7);
    const QString error = saveImage(image, path("out.png")).error();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(test::maxChannelDifference(loadImage(path("out.png"))->image, image), 0);
    QCOMPARE(everythingIn(m_dir->path()), QStringList{"out.png"});
}

void tst_ImageIo::failedSaveChangesNothing_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QImage>("image");
    QTest::addColumn<int>("quality");
    QTest::addColumn<QString>("reason");
    const QImage image = test::makeImage(8, 8, QImage::Format_RGBA8888, AlphaContent::Opaque, 5);
    QTest::newRow("unknown extension") << "old.xyz" << image << 90 << "unknown file type '.xyz' (use png";
    QTest::newRow("readable only") << "old.xpm" << image << 90 << "unknown file type '.xpm'";
    QTest::newRow("no extension") << "old" << image << 90 << "no extension";
    QTest::newRow("null image") << "old.png" << QImage() << 90 << "no image";
    QTest::newRow("quality above 100") << "old.jpg" << image << 101 << "quality must be 0 to 100";
    QTest::newRow("quality below 0") << "old.jpg" << image << -1 << "quality must be 0 to 100";
    QTest::newRow("missing directory") << "no/such/dir/old.png" << image << 90 << "cannot be written";
    QTest::newRow("target is a directory") << "folder.png" << image << 90 << "is a directory";
    // Refused by the encoder itself, after the output file was opened.
    QTest::newRow("too wide for jpeg") << "old.jpg" << QImage(65501, 1, QImage::Format_RGB32) << 90
                                       << "at most 65500 pixels";
    QTest::newRow("too high for webp") << "old.webp" << QImage(1, 16384, QImage::Format_RGB32) << 90
                                       << "at most 16383 pixels";
    QTest::newRow("too wide for png") << "old.png" << QImage(1000001, 1, QImage::Format_RGB32) << 90
                                      << "at most 1000000 pixels";
}

void tst_ImageIo::failedSaveChangesNothing()
{
    QFETCH(QString, target);
    QFETCH(QImage, image);
    QFETCH(int, quality);
    QFETCH(QString, reason);
    if (target.endsWith(".webp") && !writableExtensions().contains("webp"))
        QSKIP("no Qt plugin writes WebP here");
    const QByteArray old("previous contents");
    if (target == u"folder.png")
        QVERIFY(QDir(m_dir->path()).mkdir(target));
    else if (QFileInfo(path(target)).dir().exists())
        writeBytes(path(target), old);
    writeBytes(path("neighbour.png"), old);
    const QStringList before = everythingIn(m_dir->path());

    const QString error = saveImage(image, path(target), qualityOnly(quality)).error();
    QVERIFY2(error.startsWith(errorPrefix(path(target))), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(everythingIn(m_dir->path()), before);
    QCOMPARE(readBytes(path("neighbour.png")), old);
    if (QFileInfo(path(target)).isFile())
        QCOMPARE(readBytes(path(target)), old);
}

void tst_ImageIo::failureWhileWritingLeavesNoTrace()
{
#ifdef Q_OS_UNIX
    // A file size limit makes the write itself fail half-way, as a full disk would; the
    // signal it raises is ignored so the write returns an error instead of ending the test.
    // BMP, because Qt's PNG writer leaks a buffer when its device fails (LeakSanitizer sees it).
    const QByteArray old = encoded(test::makeImage(8, 8, QImage::Format_ARGB32, AlphaContent::Opaque, 3), "bmp");
    writeBytes(path("old.bmp"), old);
    const QImage noise = test::makeImage(256, 256, QImage::Format_RGBA64, AlphaContent::Random, 11);
    rlimit saved{};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 16 * 1024; // the bitmap needs about 200 KiB
    QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
    const QString error = saveImage(noise, path("old.bmp")).error();
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY2(error.startsWith(errorPrefix(path("old.bmp"))) && error.contains("writing failed"), qPrintable(error));
    QCOMPARE(readBytes(path("old.bmp")), old);
    QCOMPARE(everythingIn(m_dir->path()), QStringList{"old.bmp"});
#else
    QSKIP("needs a POSIX file size limit to make a write fail");
#endif
}

void tst_ImageIo::refusesUnwritableDirectory()
{
    const QString locked = path("locked");
    QVERIFY(QDir(m_dir->path()).mkdir("locked"));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    QFile probe(locked + "/probe");
    if (probe.open(QIODevice::WriteOnly)) {
        probe.remove();
        QSKIP("running with rights that write anywhere (root)");
    }
    const QString target = locked + "/out.png";
    const QString error = saveImage(test::makeImage(4, 4, QImage::Format_ARGB32, AlphaContent::Opaque, 1), target).error();
    QVERIFY2(error.startsWith(errorPrefix(target)) && error.contains("cannot be written"), qPrintable(error));
    QVERIFY(QDir(locked).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void tst_ImageIo::writableExtensionsMatchPlugins_data()
{
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QByteArray>("format");
    for (const auto &[extension, format] : {std::pair{"png", "png"},
                                            {"jpg", "jpeg"},
                                            {"jpeg", "jpeg"},
                                            {"webp", "webp"},
                                            {"tif", "tiff"},
                                            {"tiff", "tiff"},
                                            {"bmp", "bmp"}})
        QTest::newRow(extension) << QString::fromLatin1(extension) << QByteArray(format);
}

void tst_ImageIo::writableExtensionsMatchPlugins()
{
    QFETCH(QString, extension);
    QFETCH(QByteArray, format);
    const QStringList listed = writableExtensions();
    // PPM, PGM and GIF have encoders of their own (core/io/extraformats.h): always listed.
    QVERIFY(listed.size() <= 10 && listed.contains("gif") && listed.contains("ppm") && !listed.contains("svg"));
    QCOMPARE(listed.contains(extension), canWrite(format));
    const QString target = path("out." + extension);
    const QString error = saveImage(test::makeImage(6, 5, QImage::Format_ARGB32, AlphaContent::Opaque, 2), target).error();
    if (listed.contains(extension)) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(loadImage(target)->image.size(), QSize(6, 5));
    } else {
        QVERIFY2(error.contains("plugin is missing"), qPrintable(error));
        QVERIFY(!QFile::exists(target));
    }
}

// Noise in every channel; alpha too where the format has it (partial alpha is where premultiplying
// would lose colour), opaque otherwise.
static QImage noiseImage(QImage::Format format)
{
    QImage image(37, 23, format);
    QRandomGenerator random(29);
    for (int y = 0; y < image.height(); ++y)
        for (qsizetype i = 0; i < image.bytesPerLine(); ++i)
            image.scanLine(y)[i] = uchar(random.bounded(256));
    if (format == QImage::Format_RGB32 || format == QImage::Format_RGBX64)
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                QRgba64 pixel = image.pixelColor(x, y).rgba64();
                pixel.setAlpha(0xffff);
                image.setPixelColor(x, y, QColor::fromRgba64(pixel));
            }
    return image;
}

// TIFF is written with libtiff: every compression and depth reads back through Qt's own reader
// (an independent decoder) and through ours with the same pixels, and libtiff finds in the file
// the compression asked for and straight (unassociated) alpha.
void tst_ImageIo::tiffRoundTrips_data()
{
    QTest::addColumn<int>("compression");
    QTest::addColumn<int>("tag");
    QTest::addColumn<int>("format");
    const QList<std::tuple<const char *, TiffCompression, int>> methods{
        {"none", TiffCompression::None, COMPRESSION_NONE},
        {"lzw", TiffCompression::Lzw, COMPRESSION_LZW},
        {"deflate", TiffCompression::Deflate, COMPRESSION_ADOBE_DEFLATE}};
    const QList<QPair<const char *, QImage::Format>> formats{
        {"gray8", QImage::Format_Grayscale8}, {"gray16", QImage::Format_Grayscale16},
        {"rgb8", QImage::Format_RGB32},       {"rgba8", QImage::Format_ARGB32},
        {"rgb16", QImage::Format_RGBX64},     {"rgba16", QImage::Format_RGBA64}};
    for (const auto &[method, compression, tag] : methods)
        for (const auto &[name, format] : formats)
            QTest::addRow("%s %s", method, name) << int(compression) << tag << int(format);
}

void tst_ImageIo::tiffRoundTrips()
{
    QFETCH(int, compression);
    QFETCH(int, tag);
    QFETCH(int, format);
    const QImage source = noiseImage(QImage::Format(format));
    SaveOptions options;
    options.tiffCompression = TiffCompression(compression);
    const QString file = path("round.tif");
    const Status saved = saveImage(source, file, options);
    QVERIFY2(saved, qPrintable(saved.error()));

    TIFF *tiff = TIFFOpen(QFile::encodeName(file).constData(), "r");
    QVERIFY(tiff);
    uint16_t stored = 0, extraCount = 0, bits = 0;
    uint16_t *extra = nullptr;
    TIFFGetField(tiff, TIFFTAG_COMPRESSION, &stored);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_EXTRASAMPLES, &extraCount, &extra);
    const bool alpha = extraCount == 1 && extra[0] == EXTRASAMPLE_UNASSALPHA;
    TIFFClose(tiff);
    QCOMPARE(int(stored), tag);
    QCOMPARE(int(bits), source.depth() > 32 || source.format() == QImage::Format_Grayscale16 ? 16 : 8);
    QCOMPARE(alpha, source.hasAlphaChannel());

    const QImage qt = QImageReader(file).read();
    QVERIFY(!qt.isNull());
    if (source.format() == QImage::Format_ARGB32) // Qt's reader premultiplies 8-bit alpha (libtiff rounds)
    {
        // Compared premultiplied: made straight, a one-level rounding step becomes many where alpha is small.
        const QImage a = qt.convertToFormat(QImage::Format_ARGB32_Premultiplied),
                     b = source.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < a.height(); ++y)
            for (qsizetype i = 0; i < a.bytesPerLine(); ++i)
                QVERIFY2(std::abs(a.constScanLine(y)[i] - b.constScanLine(y)[i]) <= 1,
                         qPrintable(QStringLiteral("row %1 byte %2").arg(y).arg(i)));
    }
    else
        QCOMPARE(qt.convertToFormat(source.format()), source);
    const Result<LoadedImage> ours = loadImage(file);
    QVERIFY2(ours, qPrintable(ours.error()));
    QCOMPARE(ours->image.convertToFormat(source.format()), source);
}

QTEST_MAIN(tst_ImageIo)
#include "tst_imageio.moc"
