#pragma once

#include "colorprofile.h"
#include "metadata.h"
#include "result.h"

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
    // Keep: the image keeps its embedded profile (QImage::colorSpace()); ConvertToSrgb: it is
    // converted to sRGB, so the filters and the export work in sRGB.
    ColorHandling color = ColorHandling::Keep;
};

struct LoadedImage
{
    QImage image; // tagged with the file's colour space (ICC, PNG sRGB/gAMA+cHRM) where it has one
    bool isSvg = false;
    ImageMetadata metadata; // EXIF, IPTC and XMP of the file (JPEG, PNG, WebP, TIFF), for the export
};

// Any raster format Qt's plugins read (first frame of animations, EXIF/TIFF orientation
// applied), and SVG/SVGZ (by extension or content) through QtSvg on a transparent background.
// 16-bit images stay 16-bit (Format_RGBA64 / Grayscale16); 8-bit ones come as Grayscale8,
// RGB32, ARGB32 or RGBA8888, never premultiplied. The format is taken from the content, not
// the name. Missing, unreadable, empty, corrupt or truncated files and images over
// MaxImagePixels are refused with a reason, "<file>: <reason>". Raises Qt's process-wide QImageReader allocation
// limit once (never lowers it) so that images up to MaxImagePixels decode.
Result<LoadedImage> loadImage(const QString &path, const LoadOptions &options = {});

// The same for an image already in memory (standard input): the format is taken from the bytes
// (SVG too), and reasons say "<name>: <reason>".
Result<LoadedImage> loadImageFromBytes(const QByteArray &data, const LoadOptions &options = {},
                                       const QString &name = QStringLiteral("standard input"));

// How TIFF pixel data is compressed: LZW and Deflate (zlib) are lossless and take the horizontal
// predictor (each sample stored as the difference to its left neighbour), as GIMP and libvips do.
enum class TiffCompression { None, Lzw, Deflate };

struct SaveOptions
{
    int quality = 90; // JPEG and WebP, 0..100
    // PNG: zlib level 0 (none, fastest) to 9 (smallest), -1 = zlib's default (6). Others ignore it.
    int pngLevel = -1;
    TiffCompression tiffCompression = TiffCompression::None; // TIFF only
    // Keep: the image's colour profile is embedded (PNG iCCP, JPEG APP2, WebP ICCP, TIFF tag);
    // ConvertToSrgb: the pixels are converted to sRGB first.
    ColorHandling color = ColorHandling::Keep;
    // Written into JPEG, PNG, WebP and TIFF files (see withMetadata); empty writes none, which
    // is how metadata is stripped.
    ImageMetadata metadata;
};

// Writes by extension (png, jpg/jpeg, webp, tif/tiff, bmp, ppm, pgm, gif; any case) through QSaveFile: on
// failure no partial file is left and an existing file is untouched. PNG and TIFF keep 16-bit
// depth (RGBA64 / Grayscale16); TIFF is written by libtiff (tifffile.h) with straight
// (unassociated) alpha, gray or RGB(A), and the colour profile as its ICC tag. JPEG and BMP
// are 8-bit without alpha: the alpha channel is dropped and the colours are written as stored
// (not composited onto a background). WebP is 8-bit with alpha; quality 100 is lossless.
// PPM/PGM are 16-bit for 16-bit images (maxval 65535), 8-bit otherwise, without alpha (PGM
// converts to gray). GIF is one 8-bit palette frame (exact up to 255 colours, a dithered
// 252-colour cube beyond), alpha below 128 transparent. A refusal says "<file>: <reason>".
Status saveImage(const QImage &image, const QString &path, const SaveOptions &options = {});

// The bytes saveImage() would write for an extension (png, jpg, ..., gif), in memory: for
// standard output. A refusal is one line without a file name.
Result<QByteArray> encodeImage(const QImage &image, const QString &extension, const SaveOptions &options = {});

// The extensions saveImage() accepts with the plugins present, lower case.
QStringList writableExtensions();

// Writes `data` (a recipe, a presets file) to `path` the same way, through QSaveFile: on failure
// an existing file is untouched. A refusal says "<file>: cannot be written (<reason>)".
Status saveBytes(const QString &path, const QByteArray &data);

} // namespace ks
