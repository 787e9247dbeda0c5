#include "imageio.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>

#include <cmath>

namespace ks {

namespace {

LoadResult loadFailure(const QString &path, const QString &reason)
{
    LoadResult r;
    r.error = QStringLiteral("%1: %2").arg(path, reason);
    return r;
}

QString tooLarge(qint64 width, qint64 height)
{
    return QStringLiteral("the image is %1x%2 pixels, more than the limit of %3 megapixels")
        .arg(width)
        .arg(height)
        .arg(MaxImagePixels / (1024 * 1024));
}

bool looksLikeSvg(const QString &path, const QByteArray &head)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"svg" || suffix == u"svgz")
        return true;
    return head.contains("<svg") || (head.startsWith("<?xml") && head.contains("svg"));
}

// The SVG's raster size from the options: an explicit width/height wins over the scale.
QSize svgRasterSize(const QSizeF &own, const LoadOptions &options)
{
    if (options.svgWidth > 0 && options.svgHeight > 0)
        return {options.svgWidth, options.svgHeight};
    if (options.svgWidth > 0)
        return {options.svgWidth, int(std::lround(options.svgWidth * own.height() / own.width()))};
    if (options.svgHeight > 0)
        return {int(std::lround(options.svgHeight * own.width() / own.height())), options.svgHeight};
    return {int(std::lround(own.width() * options.svgScale)), int(std::lround(own.height() * options.svgScale))};
}

LoadResult loadSvg(const QString &path, const QByteArray &data, const LoadOptions &options)
{
    if (!(options.svgScale > 0) || !std::isfinite(options.svgScale) || options.svgWidth < 0 || options.svgHeight < 0)
        return loadFailure(path, QStringLiteral("the SVG scale must be positive and sizes must not be negative"));
    QSvgRenderer renderer(data);
    if (!renderer.isValid())
        return loadFailure(path, QStringLiteral("not a valid SVG document"));
    QSizeF own = renderer.viewBoxF().size();
    if (!renderer.defaultSize().isEmpty())
        own = renderer.defaultSize();
    if (own.isEmpty())
        return loadFailure(path, QStringLiteral("the SVG has no size (no width, height or viewBox)"));
    const QSize size = svgRasterSize(own, options);
    if (size.width() < 1 || size.height() < 1)
        return loadFailure(
            path, QStringLiteral("the SVG would rasterise to %1x%2 pixels").arg(size.width()).arg(size.height()));
    if (qint64(size.width()) * size.height() > MaxImagePixels)
        return loadFailure(path, tooLarge(size.width(), size.height()));

    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return loadFailure(path,
                           QStringLiteral("not enough memory for %1x%2 pixels").arg(size.width()).arg(size.height()));
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    LoadResult r;
    r.image = image.convertToFormat(QImage::Format_ARGB32);
    r.isSvg = true;
    return r;
}

// 16-bit sources keep their depth; everything else becomes a plain 8-bit format.
QImage normalised(const QImage &image)
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

LoadResult loadRaster(const QString &path, const QByteArray &data)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, QFileInfo(path).suffix().toLatin1());
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);
    if (!reader.canRead())
        return loadFailure(path, QStringLiteral("not an image Qt can read (unknown or unsupported format)"));
    const QSize declared = reader.size();
    if (declared.isValid() && qint64(declared.width()) * declared.height() > MaxImagePixels)
        return loadFailure(path, tooLarge(declared.width(), declared.height()));
    // Qt's default allocation guard (128 MiB) is below our own pixel limit at 16 bits per channel.
    QImageReader::setAllocationLimit(int(MaxImagePixels * 8 / (1024 * 1024)) + 1);
    QImage image;
    if (!reader.read(&image) || image.isNull())
        return loadFailure(path,
                           QStringLiteral("the image data is corrupt or truncated (%1)").arg(reader.errorString()));
    LoadResult r;
    r.image = normalised(image);
    return r;
}

QString saveFailure(const QString &path, const QString &reason)
{
    return QStringLiteral("%1: %2").arg(path, reason);
}

// What each file type can hold: 16-bit PNG and TIFF, 8-bit elsewhere, alpha except JPEG.
QImage forWriting(const QImage &image, const QByteArray &format)
{
    const bool sixteen = image.depth() >= 48 || image.format() == QImage::Format_Grayscale16;
    if (format == "png" || format == "tiff") {
        if (image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_Grayscale16)
            return image;
        return sixteen ? image.convertToFormat(QImage::Format_RGBA64) : image;
    }
    if (image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_Grayscale16)
        return image.convertToFormat(QImage::Format_Grayscale8);
    if (format == "jpeg")
        return image.convertToFormat(QImage::Format_RGB32); // JPEG has no alpha: it is dropped
    return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
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
    return {};
}

} // namespace

LoadResult loadImage(const QString &path, const LoadOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists())
        return loadFailure(path, QStringLiteral("no such file"));
    if (info.isDir())
        return loadFailure(path, QStringLiteral("is a directory, not an image file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return loadFailure(path, QStringLiteral("cannot be read (%1)").arg(file.errorString()));
    if (file.size() == 0)
        return loadFailure(path, QStringLiteral("the file is empty"));
    // Compressed images are far smaller than their pixels, so reading the file whole is cheap.
    const QByteArray data = file.readAll();
    if (looksLikeSvg(path, data.left(1024)))
        return loadSvg(path, data, options);
    return loadRaster(path, data);
}

QString saveImage(const QImage &image, const QString &path, const SaveOptions &options)
{
    if (image.isNull())
        return saveFailure(path, QStringLiteral("there is no image to save"));
    const QString suffix = QFileInfo(path).suffix();
    const QByteArray format = formatForSuffix(suffix);
    if (format.isEmpty())
        return saveFailure(path, QStringLiteral("unknown file type '.%1' (use %2)")
                                     .arg(suffix, writableExtensions().join(QStringLiteral(", "))));
    if (!QImageWriter::supportedImageFormats().contains(format))
        return saveFailure(path, QStringLiteral("this installation cannot write %1 (its Qt image plugin is missing)")
                                     .arg(QString::fromLatin1(format).toUpper()));
    if (options.quality < 0 || options.quality > 100)
        return saveFailure(path, QStringLiteral("quality must be 0 to 100 (got %1)").arg(options.quality));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return saveFailure(path, QStringLiteral("cannot be written (%1)").arg(file.errorString()));
    QImageWriter writer(&file, format);
    if (format == "jpeg" || format == "webp")
        writer.setQuality(options.quality);
    if (!writer.write(forWriting(image, format))) {
        file.cancelWriting();
        return saveFailure(path, QStringLiteral("writing failed (%1)").arg(writer.errorString()));
    }
    if (!file.commit())
        return saveFailure(path, QStringLiteral("could not be completed (%1)").arg(file.errorString()));
    return {};
}

QStringList writableExtensions()
{
    QStringList extensions;
    const QList<QByteArray> supported = QImageWriter::supportedImageFormats();
    for (const char *ext : {"png", "jpg", "jpeg", "webp", "tif", "tiff", "bmp"})
        if (supported.contains(formatForSuffix(QLatin1String(ext))))
            extensions << QLatin1String(ext);
    return extensions;
}

} // namespace ks
