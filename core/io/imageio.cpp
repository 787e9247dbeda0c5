#include "imageio.h"

#include "extraformats.h"
#include "filelimits.h"
#include "svgsafety.h"
#include "tifffile.h"

#include <QBuffer>
#include <QColorSpace>
#include <QImageIOHandler>
#include <QTransform>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>

#include <sys/statvfs.h>

namespace ks {

namespace {

QString withPath(const QString &path, const QString &reason)
{
    return QStringLiteral("%1: %2").arg(path, reason);
}

Failure loadFailure(const QString &path, const QString &reason)
{
    return Failure{withPath(path, reason)};
}

// Doubles, because an SVG may be asked for sizes far beyond int before it is refused.
// `subject` says whose size it is: "the image is", "the SVG would rasterise to".
QString tooLarge(const QString &subject, double width, double height)
{
    return QStringLiteral("%1 %2x%3 pixels, more than the limit of %4 megapixels")
        .arg(subject)
        .arg(width, 0, 'f', 0)
        .arg(height, 0, 'f', 0)
        .arg(MaxImagePixels / (1024 * 1024));
}

bool exceedsLimit(double width, double height)
{
    return width * height > double(MaxImagePixels);
}

// ---- Reading the file -------------------------------------------------------------------

Result<QByteArray> readWholeFile(const QString &path)
{
    // A regular file only (devices and pipes could stream forever or block), refused above its
    // size limit before a byte is read. Compressed files are much smaller than their pixels, so
    // holding the bytes costs little and lets the format checks below look at the whole file.
    Result<QByteArray> data = readRegularFile(path, MaxImageFileBytes);
    if (!data)
        return Failure{data.error() == u"is a directory" ? QStringLiteral("is a directory, not an image file")
                                                          : data.error()};
    if (data->isEmpty())
        return Failure{QStringLiteral("the file is empty")};
    return data;
}

// ---- SVG --------------------------------------------------------------------------------

bool hasSvgSuffix(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == u"svg" || suffix == u"svgz";
}

// Text that begins like XML and mentions an <svg element early on. A raster format never
// starts with '<', so a PNG whose metadata happens to contain "<svg" is not mistaken.
bool looksLikeSvgText(QByteArrayView data)
{
    QByteArrayView head = data.first(std::min<qsizetype>(data.size(), 4096));
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    const qsizetype start =
        std::find_if_not(head.begin(), head.end(), [](char c) { return std::isspace(uchar(c)); }) - head.begin();
    return start < head.size() && head[start] == '<' && head.indexOf("<svg") >= 0;
}

bool isSvgFormat(const QByteArray &format)
{
    return format == "svg" || format == "svgz";
}

bool validSvgOptions(const LoadOptions &options)
{
    if (options.svgWidth < 0 || options.svgHeight < 0)
        return false;
    // The scale only matters when no size is given; NaN fails the comparison too.
    return options.svgWidth > 0 || options.svgHeight > 0 || (options.svgScale > 0 && std::isfinite(options.svgScale));
}

// The raster size from the options, unrounded. A given width/height wins over the scale;
// a missing one follows the SVG's aspect ratio.
QSizeF svgTargetSize(const QSizeF &own, const LoadOptions &options)
{
    const double aspect = own.height() / own.width();
    if (options.svgWidth > 0 && options.svgHeight > 0)
        return QSizeF(options.svgWidth, options.svgHeight);
    if (options.svgWidth > 0)
        return QSizeF(options.svgWidth, options.svgWidth * aspect);
    if (options.svgHeight > 0)
        return QSizeF(options.svgHeight / aspect, options.svgHeight);
    return own * options.svgScale;
}

// Rounded, and never below one pixel: a tiny positive scale still gives an image.
int pixelsFrom(double length)
{
    return std::max(1, int(std::lround(length)));
}

Result<LoadedImage> loadSvg(const QString &path, const QByteArray &data, const LoadOptions &options)
{
    if (!validSvgOptions(options))
        return loadFailure(path, QStringLiteral("the SVG scale must be positive and the SVG width and height must "
                                                "not be negative (scale %1, width %2, height %3)")
                                     .arg(options.svgScale)
                                     .arg(options.svgWidth)
                                     .arg(options.svgHeight));
    // SVGZ is decompressed here with a cap, and external resources are dropped: an <image> of a
    // local path would otherwise be read (or block forever on a FIFO) inside QtSvg.
    const Result<QByteArray> text = svgTextWithinLimit(data);
    if (!text)
        return loadFailure(path, text.error());
    const Result<QByteArray> safe = svgWithoutExternalResources(*text);
    if (!safe)
        return loadFailure(path, safe.error());
    QSvgRenderer renderer(*safe);
    if (!renderer.isValid())
        return loadFailure(path, QStringLiteral("not a valid SVG document"));
    const QSizeF own = renderer.defaultSize().isEmpty() ? renderer.viewBoxF().size() : QSizeF(renderer.defaultSize());
    if (own.isEmpty())
        return loadFailure(path, QStringLiteral("the SVG has no size (its width, height and viewBox are empty)"));
    const QSizeF target = svgTargetSize(own, options);
    // Checked in floating point before anything becomes an int, so no size can overflow.
    if (exceedsLimit(std::max(1.0, target.width()), std::max(1.0, target.height())))
        return loadFailure(path,
                           tooLarge(QStringLiteral("the SVG would rasterise to"), target.width(), target.height()));
    const QSize size(pixelsFrom(target.width()), pixelsFrom(target.height()));
    // One canvas, converted in place below.
    if (Status budget = checkMemoryBudget(imageMemoryBytes(size.width(), size.height(), 4),
                                          QStringLiteral("rasterising the SVG at %1x%2 pixels")
                                              .arg(size.width())
                                              .arg(size.height()));
        !budget)
        return loadFailure(path, budget.error());

    // Painting needs premultiplied pixels; the result is handed out straight like any raster.
    QImage canvas(size, QImage::Format_ARGB32_Premultiplied);
    if (canvas.isNull())
        return loadFailure(path,
                           QStringLiteral("not enough memory for %1x%2 pixels").arg(size.width()).arg(size.height()));
    canvas.fill(Qt::transparent);
    QPainter painter(&canvas);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    canvas.convertTo(QImage::Format_ARGB32); // in place: same depth, no second image
    return LoadedImage{std::move(canvas), true, {}};
}

// ---- Raster -----------------------------------------------------------------------------

// Qt refuses decodes above 128 MiB by default, below our own limit at 16 bits per channel
// (256 Mpx x 8 bytes). Raised once, never lowered if the application allows more already;
// the function-local static makes the one write safe when loads start on several threads.
void allowImagesUpToOurLimit()
{
    static const bool raised = [] {
        const int neededMiB = int(MaxImagePixels * 8 / (1024 * 1024)) + 1;
        const int current = QImageReader::allocationLimit();
        if (current != 0 && current < neededMiB) // 0 means no limit at all
            QImageReader::setAllocationLimit(neededMiB);
        return true;
    }();
    Q_UNUSED(raised);
}

quint32 readBigEndian16(QByteArrayView d, qsizetype at)
{
    return (quint32(uchar(d[at])) << 8) | uchar(d[at + 1]);
}

quint32 readBigEndian32(QByteArrayView d, qsizetype at)
{
    return (readBigEndian16(d, at) << 16) | readBigEndian16(d, at + 2);
}

// libpng's default user limit, which Qt's PNG plugin keeps for reading and writing (the strips
// of stripio.cpp lift it).
constexpr quint32 MaxPngSideInQt = 1000000;

// Whether the data starts with the PNG signature and a whole IHDR chunk (width at byte 16,
// height at 20, bit depth at 24, colour type at 25).
bool startsWithPngHeader(QByteArrayView d)
{
    return d.size() >= 33 && d.startsWith("\x89PNG\r\n\x1a\n") && d.sliced(12, 4) == "IHDR";
}

// Whether the PNG's header gives a side over that limit, which Qt would call corrupt data.
bool pngTooLargeForQt(QByteArrayView d)
{
    return startsWithPngHeader(d) &&
           (readBigEndian32(d, 16) > MaxPngSideInQt || readBigEndian32(d, 20) > MaxPngSideInQt);
}

quint32 readLittleEndian(QByteArrayView d, qsizetype at, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | uchar(d[at + i]);
    return v;
}

// libjpeg pads a cut-off file with grey and only warns, so Qt returns it as a good image.
// Walks the segments to the end-of-image marker; a file that ends before it is truncated.
// Anything unexpected is left to the decoder, which has already accepted the file.
bool jpegEndsEarly(QByteArrayView d)
{
    qsizetype pos = 2; // after SOI
    while (pos + 1 < d.size()) {
        if (uchar(d[pos]) != 0xFF)
            return false;
        const uchar marker = uchar(d[pos + 1]);
        if (marker == 0xD9) // EOI
            return false;
        if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += marker == 0xFF ? 1 : 2; // fill byte or a marker without a length
            continue;
        }
        if (pos + 3 >= d.size())
            return true;
        pos += 2 + readBigEndian16(d, pos + 2);
        if (pos > d.size())
            return true;
        if (marker != 0xDA) // SOS: entropy-coded data follows, up to the next real marker
            continue;
        for (;;) {
            pos = d.indexOf(char(0xFF), pos);
            if (pos < 0 || pos + 1 >= d.size())
                return true;
            const uchar next = uchar(d[pos + 1]);
            if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7))
                break; // stuffed zero bytes and restart markers belong to the scan
            pos += 2;
        }
    }
    return true;
}

// Qt's BMP reader stops quietly at the end of the data and returns the rows it never read
// as they were allocated. Uncompressed bitmaps declare exactly how many bytes they need.
bool bmpEndsEarly(QByteArrayView d)
{
    if (d.size() < 30 || !d.startsWith("BM"))
        return false;
    const quint32 pixelOffset = readLittleEndian(d, 10, 4);
    const quint32 headerSize = readLittleEndian(d, 14, 4);
    qint64 width = 0, height = 0, bitsPerPixel = 0, compression = 0;
    if (headerSize == 12) { // OS/2 core header
        width = readLittleEndian(d, 18, 2);
        height = readLittleEndian(d, 20, 2);
        bitsPerPixel = readLittleEndian(d, 24, 2);
    } else if (headerSize >= 40 && d.size() >= 34) {
        width = qint32(readLittleEndian(d, 18, 4));
        height = std::abs(qint64(qint32(readLittleEndian(d, 22, 4)))); // negative: top-down rows
        bitsPerPixel = readLittleEndian(d, 28, 2);
        compression = readLittleEndian(d, 30, 4);
    } else {
        return false;
    }
    const bool uncompressed = compression == 0 || compression == 3 || compression == 6; // RGB, (alpha)bitfields
    if (!uncompressed || width <= 0 || bitsPerPixel <= 0 || bitsPerPixel > 64)
        return false;
    const qint64 rowBytes = (width * bitsPerPixel + 31) / 32 * 4;
    return double(pixelOffset) + double(rowBytes) * double(height) > double(d.size()); // no overflow on any header
}

// libjpeg walks the markers before the first scan once per header query, and Qt asks more than
// once: 100,000 empty comments cost seconds, quadratically. No real file has thousands of
// segments before its image data.
constexpr int MaxJpegSegments = 4096;

bool jpegHasTooManySegments(QByteArrayView d)
{
    qsizetype pos = 2;
    for (int segments = 0; pos + 3 < d.size(); ++segments) {
        if (segments > MaxJpegSegments)
            return true;
        if (uchar(d[pos]) != 0xFF)
            return false;
        const uchar marker = uchar(d[pos + 1]);
        if (marker == 0xFF) {
            ++pos;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9)
            return false;
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;
            continue;
        }
        pos += 2 + readBigEndian16(d, pos + 2);
    }
    return false;
}

// Qt's GIF reader returns the rows a cut-off file never had as background. Walks the blocks up
// to the end of the first image's data (the frame that is loaded); a file that ends before it
// is truncated. Anything unexpected is left to the decoder.
bool gifEndsEarly(QByteArrayView d)
{
    if (d.size() < 13 || !(d.startsWith("GIF87a") || d.startsWith("GIF89a")))
        return false;
    auto colorTableBytes = [](uchar flags) { return (flags & 0x80) ? 3 * (2 << (flags & 0x07)) : 0; };
    qsizetype pos = 13 + colorTableBytes(uchar(d[10]));
    // Sub-blocks: a length byte, that many bytes, until a zero length. Returns false at the end.
    auto skipSubBlocks = [&]() {
        while (pos < d.size()) {
            const uchar length = uchar(d[pos]);
            pos += 1 + length;
            if (length == 0)
                return pos <= d.size();
        }
        return false;
    };
    while (pos < d.size()) {
        const uchar block = uchar(d[pos]);
        if (block == 0x3B) // trailer
            return false;
        if (block == 0x21) { // extension: label, then sub-blocks
            pos += 2;
            if (!skipSubBlocks())
                return true;
        } else if (block == 0x2C) { // image: descriptor, local colour table, LZW code size, data
            if (pos + 10 > d.size())
                return true;
            pos += 10 + colorTableBytes(uchar(d[pos + 9])) + 1;
            return !skipSubBlocks();
        } else {
            return false;
        }
    }
    return true;
}

// A WebP file says its own length in its RIFF header.
bool webpEndsEarly(QByteArrayView d)
{
    if (d.size() < 12 || !d.startsWith("RIFF") || d.sliced(8, 4) != "WEBP")
        return false;
    return qint64(readLittleEndian(d, 4, 4)) + 8 > d.size();
}

std::optional<QString> endsEarly(const QByteArray &format, QByteArrayView data)
{
    if (format == "gif" && gifEndsEarly(data))
        return QStringLiteral("the GIF data ends inside its first image");
    if (format == "webp" && webpEndsEarly(data))
        return QStringLiteral("the file is shorter than its RIFF header declares");
    if (format == "jpeg" && jpegEndsEarly(data))
        return QStringLiteral("the JPEG data ends before its end-of-image marker");
    if (format == "bmp" && bmpEndsEarly(data))
        return QStringLiteral("the file is shorter than the bitmap its header declares");
    return std::nullopt;
}

QString corruptOrTruncated(const QString &detail)
{
    return QStringLiteral("the image data is corrupt or truncated (%1)").arg(detail);
}

struct PngColorKey
{
    qsizetype chunkStart = 0;
    qsizetype chunkSize = 0; // length, type, data and CRC
    quint16 red = 0, green = 0, blue = 0;
};

// The tRNS chunk of a 16-bit RGB PNG (colour type 2), which names one colour as transparent.
std::optional<PngColorKey> sixteenBitRgbColorKey(QByteArrayView d)
{
    if (!startsWithPngHeader(d) || uchar(d[24]) != 16 || uchar(d[25]) != 2)
        return std::nullopt;
    for (qsizetype pos = 8; pos + 12 <= d.size();) {
        const qsizetype size = 12 + qsizetype(readBigEndian32(d, pos));
        const QByteArrayView type = d.sliced(pos + 4, 4);
        if (type == "IDAT" || size > d.size() - pos)
            return std::nullopt; // the key must come before the image data
        if (type == "tRNS" && size == 12 + 6)
            return PngColorKey{pos, size, quint16(readBigEndian16(d, pos + 8)), quint16(readBigEndian16(d, pos + 10)),
                                quint16(readBigEndian16(d, pos + 12))};
        pos += size;
    }
    return std::nullopt;
}

// As libpng does it: a pixel is transparent when all three 16-bit samples match exactly.
void applyColorKey(QImage &image, const PngColorKey &key)
{
    if (image.format() != QImage::Format_RGBA64)
        image = image.convertToFormat(QImage::Format_RGBA64);
    for (int y = 0; y < image.height(); ++y) {
        auto *px = reinterpret_cast<QRgba64 *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x)
            if (px[x].red() == key.red && px[x].green() == key.green && px[x].blue() == key.blue)
                px[x].setAlpha(0);
    }
}

// 16-bit (and deeper) sources stay 16-bit; 8-bit ones get a plain, straight-alpha format.
QImage normalized(const QImage &image)
{
    switch (image.format()) {
    case QImage::Format_Grayscale16:
    case QImage::Format_RGBA64:
    case QImage::Format_Grayscale8:
    case QImage::Format_ARGB32:
    case QImage::Format_RGB32:
    case QImage::Format_RGBA8888:
        return image;
    case QImage::Format_RGBX64:
    case QImage::Format_RGBA64_Premultiplied:
    case QImage::Format_BGR30:
    case QImage::Format_A2BGR30_Premultiplied:
    case QImage::Format_RGB30:
    case QImage::Format_A2RGB30_Premultiplied:
    case QImage::Format_RGBX16FPx4:
    case QImage::Format_RGBA16FPx4:
    case QImage::Format_RGBA16FPx4_Premultiplied:
    case QImage::Format_RGBX32FPx4:
    case QImage::Format_RGBA32FPx4:
    case QImage::Format_RGBA32FPx4_Premultiplied:
        return image.convertToFormat(QImage::Format_RGBA64);
    default:
        return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    }
}

// The format the bytes really are: Qt's reader echoes a file-name hint back from format()
// even when the content decided otherwise, so the content is asked on its own first.
QByteArray contentFormat(const QByteArray &data, const QString &path)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QByteArray format = QImageReader::imageFormat(&buffer);
    if (format.isEmpty()) {
        // A few formats (TGA) have no signature; only the suffix can name them.
        format = QFileInfo(path).suffix().toLower().toLatin1();
        buffer.seek(0);
        QImageReader byName(&buffer, format);
        byName.setDecideFormatFromContent(false);
        if (format.isEmpty() || !byName.canRead())
            return {};
    }
    if (format == "jpg")
        return "jpeg";
    if (format == "tif")
        return "tiff";
    return format;
}

// The stored image turned as its EXIF / TIFF orientation says, in Qt's order (mirror and flip,
// then a quarter turn), keeping the colour space.
QImage upright(const QImage &stored, QImageIOHandler::Transformations orientation)
{
    if (orientation == QImageIOHandler::TransformationNone)
        return stored;
    const QColorSpace space = stored.colorSpace();
    QImage image;
    if (orientation == QImageIOHandler::TransformationRotate270) {
        image = stored.transformed(QTransform().rotate(270));
    } else {
        image = stored.mirrored(orientation & QImageIOHandler::TransformationMirror,
                                orientation & QImageIOHandler::TransformationFlip);
        if (orientation & QImageIOHandler::TransformationRotate90)
            image = image.transformed(QTransform().rotate(90));
    }
    image.setColorSpace(space);
    return image;
}

Result<LoadedImage> decodeRaster(const QString &path, const QByteArray &data, const QByteArray &format)
{
    // Qt 6.4 reads a 16-bit RGB PNG with a tRNS colour key as RGBA64 but never expands the
    // three-channel rows: pixels come out shifted and partly uninitialised. Such a file is
    // decoded without the chunk and the key applied afterwards.
    const std::optional<PngColorKey> key = format == "png" ? sixteenBitRgbColorKey(data) : std::nullopt;
    QBuffer buffer;
    buffer.setData(key ? QByteArray(data).remove(key->chunkStart, key->chunkSize) : data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    // EXIF / TIFF orientation is applied below: Qt 6.4's own auto-transform drops the image's
    // colour space when it rotates.
    reader.setAutoTransform(false);
    if (format == "jpeg" && jpegHasTooManySegments(data))
        return loadFailure(path, QStringLiteral("more than %1 JPEG segments before the image data").arg(MaxJpegSegments));
    if (format == "png" && pngTooLargeForQt(data))
        return loadFailure(path, QStringLiteral("a PNG over %1 pixels a side is read in strips only "
                                                "(kernel-studio-cli apply --stream)")
                                     .arg(MaxPngSideInQt));
    if (const auto reason = endsEarly(format, data)) // before decoding: a cut-off file costs nothing
        return loadFailure(path, corruptOrTruncated(*reason));
    const QSize declared = reader.size();
    if (declared.isValid() && exceedsLimit(declared.width(), declared.height()))
        return loadFailure(path, tooLarge(QStringLiteral("the image is"), declared.width(), declared.height()));
    // The decoder's pixels plus the one converted copy (normalized()), at 16 bits when the
    // reader says so before decoding and 8 bits otherwise, checked before any pixel is decoded.
    if (declared.isValid()) {
        const int depth = reader.imageFormat() != QImage::Format_Invalid
                              ? std::max(4, QImage::toPixelFormat(reader.imageFormat()).bitsPerPixel() / 8)
                              : 4;
        if (Status budget = checkMemoryBudget(imageMemoryBytes(declared.width(), declared.height(), depth, 2),
                                              QStringLiteral("decoding the %1x%2 image")
                                                  .arg(declared.width())
                                                  .arg(declared.height()));
            !budget)
            return loadFailure(path, budget.error());
    }
    allowImagesUpToOurLimit();
    // TIFF through libtiff directly where it can (Qt's plugin premultiplies 8-bit alpha, which
    // loses colour; the --stream path reads the same way, so both give the same pixels).
    std::optional<QImage> exactTiff = format == "tiff" ? readTiffExactly(data) : std::nullopt;
    QImage image = exactTiff ? *exactTiff : QImage();
    // A cut-off PNG makes read() fail yet leaves a half-decoded image behind: the return value
    // decides, not image.isNull().
    if (!exactTiff && (!reader.read(&image) || image.isNull()))
        return loadFailure(path, corruptOrTruncated(reader.errorString()));
    if (!exactTiff) // the exact reader takes top-left orientation only
        image = upright(image, reader.transformation());
    // For formats that declare no size up front.
    if (exceedsLimit(image.width(), image.height()))
        return loadFailure(path, tooLarge(QStringLiteral("the image is"), image.width(), image.height()));
    LoadedImage loaded{normalized(image), false, readMetadata(data)};
    if (key && !loaded.image.isNull())
        applyColorKey(loaded.image, *key);
    if (loaded.image.isNull())
        return loadFailure(path, QStringLiteral("not enough memory to convert the image"));
    return loaded;
}

Result<LoadedImage> loadRaster(const QString &path, const QByteArray &data, const LoadOptions &options)
{
    // Qt reads 8-bit Netpbm only and no PAM; ours keeps 16-bit samples.
    if (formats::isNetpbm(data)) {
        Result<QImage> image = formats::decodeNetpbm(data, MaxImagePixels);
        if (!image)
            return loadFailure(path, image.error());
        return LoadedImage{std::move(*image), false, {}}; // Netpbm carries no metadata
    }
    const QByteArray format = contentFormat(data, path);
    if (format.isEmpty())
        return loadFailure(path, QStringLiteral("not an image Qt can read (unknown or unsupported format)"));
    if (isSvgFormat(format)) // recognised by Qt's SVG plugin, e.g. gzip data with another name
        return loadSvg(path, data, options);
    return decodeRaster(path, data, format);
}

// ---- Writing ----------------------------------------------------------------------------

bool isSixteenBitOrDeeper(QImage::Format format)
{
    switch (format) {
    case QImage::Format_RGBX64:
    case QImage::Format_RGBA64:
    case QImage::Format_RGBA64_Premultiplied:
    case QImage::Format_BGR30:
    case QImage::Format_A2BGR30_Premultiplied:
    case QImage::Format_RGB30:
    case QImage::Format_A2RGB30_Premultiplied:
    case QImage::Format_RGBX16FPx4:
    case QImage::Format_RGBA16FPx4:
    case QImage::Format_RGBA16FPx4_Premultiplied:
    case QImage::Format_RGBX32FPx4:
    case QImage::Format_RGBA32FPx4:
    case QImage::Format_RGBA32FPx4_Premultiplied:
        return true;
    default:
        return false;
    }
}

bool isPremultiplied(const QImage &image)
{
    return image.pixelFormat().premultiplied() == QPixelFormat::Premultiplied;
}

bool isGray(QImage::Format format)
{
    return format == QImage::Format_Grayscale8 || format == QImage::Format_Grayscale16;
}

// What each file type can hold. PNG and TIFF: 16-bit stays 16-bit (deeper or float formats
// become RGBA64, which Qt's writers store as 16-bit), premultiplied becomes straight alpha.
// JPEG and BMP: 8-bit without alpha; the alpha channel is simply dropped, colours are kept as
// stored (not composited onto a background). WebP: 8-bit with alpha.
QImage forWriting(const QImage &image, const QByteArray &format)
{
    const QImage::Format f = image.format();
    if (format == "ppm" || format == "pgm") // their encoder keeps 16-bit depth and drops alpha
        return isSixteenBitOrDeeper(f) ? image.convertToFormat(QImage::Format_RGBA64) : image;
    if (format == "gif") // palette with one transparent index: straight alpha
        return image.convertToFormat(QImage::Format_ARGB32);
    if (format == "png" || format == "tiff") {
        if (f == QImage::Format_RGBX64 || isGray(f))
            return image;
        if (isSixteenBitOrDeeper(f))
            return image.convertToFormat(QImage::Format_RGBA64);
        return isPremultiplied(image) ? image.convertToFormat(QImage::Format_ARGB32) : image;
    }
    if (isGray(f))
        return image.convertToFormat(QImage::Format_Grayscale8);
    if (format == "webp" && image.hasAlphaChannel())
        return image.convertToFormat(QImage::Format_ARGB32);
    return image.convertToFormat(QImage::Format_RGB32);
}

QByteArray formatForSuffix(const QString &suffix)
{
    const QString s = suffix.toLower();
    if (s == u"png")
        return "png";
    if (s == u"jpg" || s == u"jpeg")
        return "jpeg";
    if (s == u"webp")
        return "webp";
    if (s == u"tif" || s == u"tiff")
        return "tiff";
    if (s == u"bmp")
        return "bmp";
    if (s == u"ppm" || s == u"pgm" || s == u"gif")
        return s.toLatin1();
    return {};
}

// The largest side each encoder takes. Only used to explain a refusal: the encoder itself
// stays the judge of what it can write, and reports nothing useful when it says no.
int maxSideFor(const QByteArray &format)
{
    if (format == "jpeg")
        return 65500;
    if (format == "webp")
        return 16383;
    if (format == "gif")
        return 65535;
    if (format == "png")
        return int(MaxPngSideInQt);
    return std::numeric_limits<int>::max();
}

QString encoderFailure(const QImage &image, const QByteArray &format, const QString &qtReason)
{
    const int maxSide = maxSideFor(format);
    if (image.width() <= maxSide && image.height() <= maxSide)
        return QStringLiteral("writing failed (%1)").arg(qtReason);
    return QStringLiteral("writing failed: %1 images can be at most %2 pixels wide and high (this one is %3x%4)")
        .arg(QString::fromLatin1(format).toUpper())
        .arg(maxSide)
        .arg(image.width())
        .arg(image.height());
}

// Why the device failed, or empty when it did not say. Qt's encoders and QSaveFile often say
// only "Unknown error" when the disk filled up, so a full file system is asked about directly.
QString deviceFailure(const QString &path, const QSaveFile &file)
{
    struct statvfs fs {};
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::statvfs(dir.constData(), &fs) == 0 && fs.f_bavail == 0)
        return QStringLiteral("no space left on device");
    if (file.error() != QFileDevice::NoError && file.errorString() != u"Unknown error")
        return file.errorString();
    return {};
}

// Formats encoded here rather than by Qt's plugins (Qt writes no GIF and no 16-bit Netpbm).
bool isOwnEncoder(const QByteArray &format)
{
    return format == "ppm" || format == "pgm" || format == "gif";
}

// Whether writing the format depends on a Qt image plugin being installed (TIFF is libtiff's).
bool missingPlugin(const QByteArray &format)
{
    return !isOwnEncoder(format) && format != "tiff" && !QImageWriter::supportedImageFormats().contains(format);
}

QByteArray ownEncoding(const QImage &image, const QByteArray &format)
{
    if (format == "gif")
        return formats::encodeGif(image);
    return formats::encodeNetpbm(image, format == "pgm");
}

// Qt's PNG writer takes the zlib level through its quality: level = (100 - quality) * 9 / 91.
int pngQualityForLevel(int level)
{
    return 100 - (level * 91 + 8) / 9;
}

// Encodes `pixels` (already forWriting) onto `device`: TIFF through libtiff (Qt's plugin has no
// Deflate), the rest through Qt's plugins. The reason when it fails.
std::optional<QString> writeToDevice(QIODevice &device, const QImage &image, const QImage &pixels,
                                     const QByteArray &format, const SaveOptions &options)
{
    if (format == "tiff")
        return writeTiff(device, pixels, options.tiffCompression);
    QImageWriter writer(&device, format);
    if (format == "jpeg" || format == "webp")
        writer.setQuality(options.quality); // WebP at 100 is lossless
    if (format == "png" && options.pngLevel >= 0)
        writer.setQuality(pngQualityForLevel(std::min(options.pngLevel, 9)));
    if (writer.write(pixels))
        return std::nullopt;
    return encoderFailure(image, format, writer.errorString());
}

// Everything that can be refused before a file is touched.
Status refusalBeforeWriting(const QImage &image, const QString &path, const QByteArray &format, int quality)
{
    const QString suffix = QFileInfo(path).suffix();
    const QString choices = writableExtensions().join(QStringLiteral(", "));
    if (image.isNull())
        return Failure{QStringLiteral("there is no image to save")};
    if (suffix.isEmpty())
        return Failure{QStringLiteral("unknown file type: the name has no extension (use %1)").arg(choices)};
    if (format.isEmpty())
        return Failure{QStringLiteral("unknown file type '.%1' (use %2)").arg(suffix, choices)};
    if (missingPlugin(format))
        return Failure{QStringLiteral("this installation cannot write %1 (its Qt image plugin is missing)")
            .arg(QString::fromLatin1(format).toUpper())};
    if (quality < 0 || quality > 100)
        return Failure{QStringLiteral("quality must be 0 to 100 (got %1)").arg(quality)};
    // After symlinks: a device or pipe is refused rather than replaced by a regular file.
    return checkOutputTarget(path);
}

} // namespace

Result<LoadedImage> loadImage(const QString &path, const LoadOptions &options)
{
    const Result<QByteArray> file = readWholeFile(path);
    if (!file)
        return loadFailure(path, file.error());
    Result<LoadedImage> loaded = hasSvgSuffix(path) || looksLikeSvgText(*file) ? loadSvg(path, *file, options)
                                                                               : loadRaster(path, *file, options);
    if (loaded && options.color == ColorHandling::ConvertToSrgb) {
        loaded->image = convertedToSrgb(loaded->image);
        if (loaded->image.isNull())
            return loadFailure(path, QStringLiteral("not enough memory to convert the image to sRGB"));
    }
    return loaded;
}

Result<LoadedImage> loadImageFromBytes(const QByteArray &data, const LoadOptions &options, const QString &name)
{
    if (data.isEmpty())
        return loadFailure(name, QStringLiteral("no image data (empty)"));
    if (looksLikeSvgText(data))
        return loadSvg(name, data, options);
    return loadRaster(name, data, options);
}

Result<QByteArray> encodeImage(const QImage &image, const QString &extension, const SaveOptions &options)
{
    const QByteArray format = formatForSuffix(extension);
    if (image.isNull())
        return Failure{QStringLiteral("there is no image to encode")};
    if (format.isEmpty())
        return Failure{QStringLiteral("unknown format '%1' (use %2)")
                           .arg(extension, writableExtensions().join(QStringLiteral(", ")))};
    if (missingPlugin(format))
        return Failure{QStringLiteral("this installation cannot write %1 (its Qt image plugin is missing)")
                           .arg(QString::fromLatin1(format).toUpper())};
    if (options.quality < 0 || options.quality > 100)
        return Failure{QStringLiteral("quality must be 0 to 100 (got %1)").arg(options.quality)};
    const QImage pixels = forWriting(image, format);
    if (pixels.isNull())
        return Failure{QStringLiteral("not enough memory to convert the image for writing")};
    if (isOwnEncoder(format)) {
        QByteArray bytes = ownEncoding(pixels, format);
        if (bytes.isEmpty())
            return Failure{encoderFailure(image, format, QStringLiteral("not enough memory"))};
        return bytes;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (const auto reason = writeToDevice(buffer, image, pixels, format, options))
        return Failure{*reason};
    return bytes;
}

Status saveBytes(const QString &path, const QByteArray &data)
{
    if (Status target = checkOutputTarget(path); !target)
        return Failure{withPath(path, QStringLiteral("cannot be written: %1").arg(target.error()))};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Failure{withPath(path, QStringLiteral("cannot be written (%1)").arg(file.errorString()))};
    if (file.write(data) != data.size() || !file.commit())
        return Failure{withPath(path, QStringLiteral("cannot be written (%1)").arg(deviceFailure(path, file).isEmpty() ? file.errorString() : deviceFailure(path, file)))};
    return {};
}

Status saveImage(const QImage &image, const QString &path, const SaveOptions &options)
{
    const QByteArray format = formatForSuffix(QFileInfo(path).suffix());
    if (Status refusal = refusalBeforeWriting(image, path, format, options.quality); !refusal)
        return Failure{withPath(path, refusal.error())};
    const QImage pixels =
        forWriting(options.color == ColorHandling::ConvertToSrgb ? convertedToSrgb(image) : image, format);
    if (pixels.isNull())
        return Failure{withPath(path, QStringLiteral("not enough memory to convert the image for writing"))};

    // QSaveFile writes a temporary file next to the target and renames it over the target
    // only on commit(), so a failure at any point leaves the old file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Failure{withPath(path, QStringLiteral("cannot be written (%1)").arg(file.errorString()))};
    // With metadata the file is encoded in memory first, Exiv2 adds the tags, then it is written.
    const bool addMetadata = !options.metadata.isEmpty() && format != "bmp" && !isOwnEncoder(format);
    QBuffer encoded;
    encoded.open(QIODevice::WriteOnly);
    QIODevice &target = addMetadata ? static_cast<QIODevice &>(encoded) : file;
    if (isOwnEncoder(format)) {
        const QByteArray bytes = ownEncoding(pixels, format);
        if (bytes.isEmpty())
            return Failure{withPath(path, encoderFailure(image, format, QStringLiteral("not enough memory")))};
        if (file.write(bytes) != bytes.size()) {
            file.cancelWriting();
            return Failure{withPath(path, QStringLiteral("writing failed (%1)").arg(file.errorString()))};
        }
    } else if (const auto encoderReason = writeToDevice(target, image, pixels, format, options)) {
        // A failing device (disk full) says more than the encoder's "Unknown error".
        const QString device = deviceFailure(path, file);
        const QString why = device.isEmpty() ? *encoderReason : QStringLiteral("writing failed (%1)").arg(device);
        file.cancelWriting(); // the encoder may have failed with the device fine: nothing must be committed
        return Failure{withPath(path, why)};
    }
    if (addMetadata) {
        const Result<QByteArray> tagged = withMetadata(encoded.data(), options.metadata, pixels.size(),
                                                       QStringLiteral("Kernel Studio " KS_VERSION));
        if (!tagged || file.write(*tagged) != tagged->size()) {
            const QString why = tagged ? QStringLiteral("writing failed (%1)").arg(file.errorString()) : tagged.error();
            file.cancelWriting();
            return Failure{withPath(path, why)};
        }
    }
    if (!file.commit())
        return Failure{withPath(path, QStringLiteral("writing failed (%1)").arg(deviceFailure(path, file).isEmpty() ? file.errorString() : deviceFailure(path, file)))};
    return {};
}

QStringList writableExtensions()
{
    QStringList extensions;
    for (const char *ext : {"png", "jpg", "jpeg", "webp", "tif", "tiff", "bmp", "ppm", "pgm", "gif"})
        if (!missingPlugin(formatForSuffix(QLatin1String(ext))))
            extensions << QLatin1String(ext);
    return extensions;
}

} // namespace ks
