#pragma once

#include "imageio.h"
#include "stripio.h"

#include <optional>

class QIODevice;

// TIFF written and read with libtiff directly: Qt's TIFF plugin writes only uncompressed or LZW
// data, premultiplies 8-bit alpha and wants the whole image in memory. Files are stripped,
// chunky (RGBARGBA...), 8 or 16 bits per sample, alpha stored straight (ExtraSamples =
// unassociated); BigTIFF when the pixels could pass the classic format's 4 GiB. Reasons say
// "<file>: <reason>". Not thread-safe per object; separate objects on separate threads are fine.
namespace ks {

// Whether the file starts with a TIFF or BigTIFF header (either byte order).
bool isTiffFile(const QString &path);

// Encodes `image` as a whole TIFF onto `device` (open for writing, seekable: QSaveFile, QBuffer).
// Grayscale8/16 stay gray, RGBX64 and images without alpha become RGB, the rest RGBA; 16-bit
// formats keep 16 bits. The colour space is embedded as the ICC profile, dots per metre as the
// resolution. Returns the reason when it fails (without a file name).
std::optional<QString> writeTiff(QIODevice &device, const QImage &image, TiffCompression compression);

// Rows of a stripped TIFF (read scanline by scanline) or a tiled one (one row of tiles at a time),
// 8 or 16 bits per sample, gray, gray + alpha, RGB or RGBA with straight or premultiplied alpha
// (premultiplied is made straight as Qt's reader does), any compression libtiff decodes. Refused
// with a reason naming what is not supported: palette, CMYK, YCbCr-subsampled, float or 1-bit
// samples, separate planes, and an orientation other than top-left (the rows would need turning).
class TiffRowReader : public RowReader
{
public:
    // Both read gray without alpha as Grayscale8/16. Rgba: the rest as RGBA8888/RGBA64 (the strip
    // loop's layouts). AsStored: RGB without alpha as RGBX8888/RGBX64 (a whole image to keep).
    enum class Rows
    {
        Rgba,
        AsStored
    };

    ~TiffRowReader() override;
    static Result<std::unique_ptr<TiffRowReader>> open(const QString &path);
    // From a seekable, readable device that outlives the reader; `name` is for the reasons.
    static Result<std::unique_ptr<TiffRowReader>> open(QIODevice &device, const QString &name, Rows rows);

protected:
    Status readInto(QImage &target, int first, int count) override;

private:
    using RowReader::RowReader;
    static Result<std::unique_ptr<TiffRowReader>> setUp(std::unique_ptr<TiffRowReader> reader, Rows rows);
    Status readRawRow(int y, const uchar **row);
    struct State;
    std::unique_ptr<State> m_state;
};

// A whole TIFF from its bytes, exactly as stored (TiffRowReader::Rows::AsStored, with its colour
// profile), or nothing when the reader above does not take it or the data is bad: the caller then
// asks Qt's plugin, which reads what libtiff's RGBA interface can (palette, CMYK, orientations),
// but makes 8-bit straight alpha premultiplied on the way, losing colour where alpha is small.
std::optional<QImage> readTiffExactly(const QByteArray &data);

// RGBA8888 or RGBA64 rows into a TIFF with alpha, or gray ones into a gray TIFF, through QSaveFile.
class TiffRowWriter : public RowWriter
{
public:
    ~TiffRowWriter() override;
    static Result<std::unique_ptr<TiffRowWriter>> create(const QString &path, int width, int height,
                                                         QImage::Format format, TiffCompression compression,
                                                         const QColorSpace &colorSpace = {});

protected:
    Status writeFrom(const QImage &source, int first, int count) override;
    Status finishFile() override;

private:
    using RowWriter::RowWriter;
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace ks
