#pragma once

#include <QImage>
#include <QSize>
#include <QString>

// Reading and writing image files. Safe to call from any thread.
namespace ks {

// Images larger than this are refused before decoding (256 megapixels, 1 GiB as RGBA8).
constexpr qint64 MaxImagePixels = 256LL * 1024 * 1024;

struct LoadOptions
{
    // SVG only: the scale relative to the SVG's own size, or a width and/or height in
    // pixels (a missing one follows the aspect ratio); a size wins over the scale.
    double svgScale = 1.0;
    int svgWidth = 0;
    int svgHeight = 0;
};

struct LoadResult
{
    QImage image;  // null on failure
    QString error; // "<file>: <reason>" on failure
    bool isSvg = false;
    bool ok() const { return !image.isNull(); }
};

// Any raster format Qt's plugins read (first frame of animations), and SVG/SVGZ through
// QtSvg with transparency. 16-bit images stay 16-bit (Format_RGBA64 / Grayscale16).
LoadResult loadImage(const QString &path, const LoadOptions &options = {});

struct SaveOptions
{
    int quality = 90; // JPEG and WebP, 0..100
};

// Writes by extension (png, jpg/jpeg, webp, tif/tiff, bmp) through QSaveFile: on failure no
// partial file is left and an existing file is untouched. PNG and TIFF keep 16-bit depth.
// Returns an empty string on success, else "<file>: <reason>".
QString saveImage(const QImage &image, const QString &path, const SaveOptions &options = {});

// The extensions saveImage() accepts with the plugins present, lower case.
QStringList writableExtensions();

} // namespace ks
