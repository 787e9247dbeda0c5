#include "tifffile.h"

#include "imageio.h"

#include <QBuffer>
#include <QFile>
#include <QIODevice>
#include <QSaveFile>

#include <tiffio.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

namespace ks {

namespace {

// libtiff reports through callbacks; each handle gets its own (libtiff 4.5's open options), so
// threads writing different files never share a message. The first error is the one that counts.
struct Messages
{
    char text[300] = {};
};

int onError(TIFF *, void *user, const char *, const char *format, va_list args)
{
    auto *messages = static_cast<Messages *>(user);
    if (!*messages->text)
        std::vsnprintf(messages->text, sizeof messages->text, format, args);
    return 1; // handled: libtiff's default handler would print to stderr
}

int onWarning(TIFF *, void *, const char *, const char *, va_list)
{
    return 1; // unknown private tags and the like: not the reader's business
}

QString messageOr(const Messages &messages, const char *fallback)
{
    return QString::fromUtf8(*messages.text ? messages.text : fallback);
}

// libtiff on a QIODevice, so a TIFF can go to a QSaveFile (atomic) or a QBuffer (Exiv2 adds the
// metadata to the bytes afterwards).
tmsize_t deviceRead(thandle_t handle, void *data, tmsize_t size)
{
    auto *device = static_cast<QIODevice *>(handle);
    return device->isReadable() ? tmsize_t(device->read(static_cast<char *>(data), size)) : -1;
}

tmsize_t deviceWrite(thandle_t handle, void *data, tmsize_t size)
{
    return tmsize_t(static_cast<QIODevice *>(handle)->write(static_cast<const char *>(data), size));
}

toff_t deviceSeek(thandle_t handle, toff_t offset, int whence)
{
    auto *device = static_cast<QIODevice *>(handle);
    const qint64 base = whence == SEEK_CUR ? device->pos() : whence == SEEK_END ? device->size() : 0;
    const qint64 position = base + qint64(offset);
    return device->seek(position) ? toff_t(position) : toff_t(-1);
}

int deviceClose(thandle_t)
{
    return 0; // the device belongs to the caller
}

toff_t deviceSize(thandle_t handle)
{
    return toff_t(static_cast<QIODevice *>(handle)->size());
}

int deviceMap(thandle_t, void **, toff_t *)
{
    return 0;
}

void deviceUnmap(thandle_t, void *, toff_t) {}

// Opens with our message handlers; `open` is TIFFOpenExt or TIFFClientOpenExt with its options.
template <typename Open> TIFF *openWithMessages(Messages &messages, Open open)
{
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    // No buffer of libtiff's own over 1 GiB (a strip, a tile, a tag's array): a damaged count
    // gets libtiff's error message, not an allocation of gigabytes.
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t(1) << 30);
    TIFFOpenOptionsSetErrorHandlerExtR(options, onError, &messages);
    TIFFOpenOptionsSetWarningHandlerExtR(options, onWarning, nullptr);
    TIFF *tiff = open(options);
    TIFFOpenOptionsFree(options);
    return tiff;
}

// ---- writing ----

// How a QImage format is stored: samples per pixel, bits per sample, whether the last is alpha.
struct Layout
{
    int samples = 4;
    int bits = 8;
    bool alpha = true;

    qint64 rowBytes(int width) const { return qint64(width) * samples * bits / 8; }
};

Layout layoutFor(QImage::Format format)
{
    switch (format) {
    case QImage::Format_Grayscale8:
        return {1, 8, false};
    case QImage::Format_Grayscale16:
        return {1, 16, false};
    case QImage::Format_RGB888:
        return {3, 8, false};
    case QImage::Format_RGBX64:
        return {3, 16, false};
    case QImage::Format_RGBA64:
        return {4, 16, true};
    default:
        Q_ASSERT(format == QImage::Format_RGBA8888);
        return {4, 8, true};
    }
}

// The format an image is stored from: one whose samples libtiff takes as they are (RGBX64 drops
// its padding word on the way).
QImage::Format storedFormat(const QImage &image)
{
    switch (image.format()) {
    case QImage::Format_Grayscale8:
    case QImage::Format_Grayscale16:
    case QImage::Format_RGB888:
    case QImage::Format_RGBX64:
    case QImage::Format_RGBA64:
    case QImage::Format_RGBA8888:
        return image.format();
    default:
        break;
    }
    if (image.depth() > 32)
        return image.hasAlphaChannel() ? QImage::Format_RGBA64 : QImage::Format_RGBX64;
    return image.hasAlphaChannel() ? QImage::Format_RGBA8888 : QImage::Format_RGB888;
}

// Above this much pixel data a classic TIFF's 32-bit offsets could overflow (compressed data can
// come out slightly larger than raw): BigTIFF then.
constexpr quint64 ClassicTiffPixelBytes = 0xF0000000u;

// One TIFF being written row by row on a device. libtiff's predictor rewrites the row it is
// given, so rows are copied into a buffer of our own first.
class Encoder
{
public:
    ~Encoder()
    {
        if (m_tiff)
            TIFFClose(m_tiff);
    }

    bool open(QIODevice &device, int width, int height, QImage::Format format, TiffCompression compression,
              const QColorSpace &colorSpace, QSize dotsPerMetre)
    {
        m_layout = layoutFor(format);
        m_row.resize(size_t(m_layout.rowBytes(width)));
        const bool big = quint64(m_layout.rowBytes(width)) * quint64(height) > ClassicTiffPixelBytes;
        m_tiff = openWithMessages(m_messages, [&](TIFFOpenOptions *options) {
            return TIFFClientOpenExt("", big ? "w8" : "w", &device, deviceRead, deviceWrite, deviceSeek, deviceClose,
                                     deviceSize, deviceMap, deviceUnmap, options);
        });
        return m_tiff && setFields(width, height, compression, colorSpace, dotsPerMetre);
    }

    // `row` in the open() format; RGBX64 rows are packed to three samples.
    bool writeRow(const uchar *row, int y)
    {
        if (m_layout.samples == 3 && m_layout.bits == 16) {
            const auto *in = reinterpret_cast<const quint16 *>(row);
            auto *out = reinterpret_cast<quint16 *>(m_row.data());
            for (size_t i = 0, n = m_row.size() / 6; i < n; ++i)
                std::memcpy(out + 3 * i, in + 4 * i, 6);
        } else {
            std::memcpy(m_row.data(), row, m_row.size());
        }
        return TIFFWriteScanline(m_tiff, m_row.data(), uint32_t(y), 0) >= 0;
    }

    // Writes the directory; false when that or anything before it failed.
    bool close()
    {
        const bool written = TIFFWriteDirectory(m_tiff) == 1 && !*m_messages.text;
        TIFFClose(m_tiff); // flushes nothing more: the directory is out
        m_tiff = nullptr;
        return written;
    }

    QString error() const { return messageOr(m_messages, "writing failed"); }

private:
    bool setFields(int width, int height, TiffCompression compression, const QColorSpace &colorSpace,
                   QSize dotsPerMetre)
    {
        bool ok = TIFFSetField(m_tiff, TIFFTAG_IMAGEWIDTH, uint32_t(width)) &&
                  TIFFSetField(m_tiff, TIFFTAG_IMAGELENGTH, uint32_t(height)) &&
                  TIFFSetField(m_tiff, TIFFTAG_BITSPERSAMPLE, uint16_t(m_layout.bits)) &&
                  TIFFSetField(m_tiff, TIFFTAG_SAMPLESPERPIXEL, uint16_t(m_layout.samples)) &&
                  TIFFSetField(m_tiff, TIFFTAG_PHOTOMETRIC,
                               uint16_t(m_layout.samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK)) &&
                  TIFFSetField(m_tiff, TIFFTAG_PLANARCONFIG, uint16_t(PLANARCONFIG_CONTIG));
        if (m_layout.alpha) {
            const uint16_t extra = EXTRASAMPLE_UNASSALPHA;
            ok = ok && TIFFSetField(m_tiff, TIFFTAG_EXTRASAMPLES, uint16_t(1), &extra);
        }
        const uint16_t method = compression == TiffCompression::Lzw       ? COMPRESSION_LZW
                                : compression == TiffCompression::Deflate ? COMPRESSION_ADOBE_DEFLATE
                                                                          : COMPRESSION_NONE;
        ok = ok && TIFFSetField(m_tiff, TIFFTAG_COMPRESSION, method);
        if (method != COMPRESSION_NONE)
            ok = ok && TIFFSetField(m_tiff, TIFFTAG_PREDICTOR, uint16_t(PREDICTOR_HORIZONTAL));
        // Strips of about 256 KiB: small enough to stream, large enough for Deflate to work well.
        const qint64 rows = std::clamp<qint64>((256 << 10) / std::max<qint64>(1, m_layout.rowBytes(width)), 1, height);
        ok = ok && TIFFSetField(m_tiff, TIFFTAG_ROWSPERSTRIP, uint32_t(rows));
        if (const QByteArray icc = colorSpace.isValid() ? colorSpace.iccProfile() : QByteArray(); !icc.isEmpty())
            ok = ok && TIFFSetField(m_tiff, TIFFTAG_ICCPROFILE, uint32_t(icc.size()), icc.constData());
        if (dotsPerMetre.width() > 0 && dotsPerMetre.height() > 0)
            ok = ok && TIFFSetField(m_tiff, TIFFTAG_RESOLUTIONUNIT, uint16_t(RESUNIT_CENTIMETER)) &&
                 TIFFSetField(m_tiff, TIFFTAG_XRESOLUTION, float(dotsPerMetre.width() / 100.0)) &&
                 TIFFSetField(m_tiff, TIFFTAG_YRESOLUTION, float(dotsPerMetre.height() / 100.0));
        return ok;
    }

    Messages m_messages;
    TIFF *m_tiff = nullptr;
    Layout m_layout;
    std::vector<uchar> m_row;
};

} // namespace

bool isTiffFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4);
    return head == QByteArrayLiteral("II*\0") || head == QByteArrayLiteral("MM\0*") ||
           head == QByteArrayLiteral("II+\0") || head == QByteArrayLiteral("MM\0+");
}

std::optional<QString> writeTiff(QIODevice &device, const QImage &source, TiffCompression compression)
{
    // Palette and 1-bit images have no row layout of their own here: made plain first.
    const QImage image = source.colorCount() > 0 ? source.convertToFormat(QImage::Format_ARGB32) : source;
    if (image.isNull())
        return QStringLiteral("not enough memory to convert the image for writing");
    const QImage::Format stored = storedFormat(image);
    Encoder encoder;
    if (!encoder.open(device, image.width(), image.height(), stored, compression, image.colorSpace(),
                      QSize(image.dotsPerMeterX(), image.dotsPerMeterY())))
        return QStringLiteral("writing failed (%1)").arg(encoder.error());
    for (int y = 0; y < image.height(); ++y) {
        // Other formats a row at a time: no second whole image in memory.
        const QImage row = image.format() == stored
                               ? QImage()
                               : QImage(image.constScanLine(y), image.width(), 1, image.bytesPerLine(), image.format())
                                     .convertToFormat(stored);
        if (!encoder.writeRow(row.isNull() ? image.constScanLine(y) : row.constBits(), y))
            return QStringLiteral("writing failed (%1)").arg(encoder.error());
    }
    if (!encoder.close())
        return QStringLiteral("writing failed (%1)").arg(encoder.error());
    return std::nullopt;
}

// ---- writing rows to a file ----

struct TiffRowWriter::State
{
    QSaveFile file;
    Encoder encoder; // declared after the file: closed before it
};

TiffRowWriter::~TiffRowWriter() = default; // QSaveFile without commit() leaves no file

Result<std::unique_ptr<TiffRowWriter>> TiffRowWriter::create(const QString &path, int width, int height,
                                                             QImage::Format format, TiffCompression compression,
                                                             const QColorSpace &colorSpace)
{
    Q_ASSERT(format == QImage::Format_RGBA8888 || format == QImage::Format_RGBA64 ||
             format == QImage::Format_Grayscale8 || format == QImage::Format_Grayscale16);
    std::unique_ptr<TiffRowWriter> writer(new TiffRowWriter(path, width, height, format));
    writer->m_state = std::make_unique<State>();
    State &s = *writer->m_state;
    s.file.setFileName(path);
    if (!s.file.open(QIODevice::WriteOnly))
        return Failure{QStringLiteral("%1: cannot be written (%2)").arg(path, s.file.errorString())};
    if (!s.encoder.open(s.file, width, height, format, compression, colorSpace, {}))
        return Failure{QStringLiteral("%1: %2").arg(path, s.encoder.error())};
    return writer;
}

Status TiffRowWriter::writeFrom(const QImage &source, int first, int count)
{
    const int y0 = nextRow();
    for (int i = 0; i < count; ++i)
        if (!m_state->encoder.writeRow(source.constScanLine(first + i), y0 + i))
            return Failure{QStringLiteral("%1: %2").arg(m_path, m_state->encoder.error())};
    return {};
}

Status TiffRowWriter::finishFile()
{
    if (!m_state->encoder.close())
        return Failure{QStringLiteral("%1: %2").arg(m_path, m_state->encoder.error())};
    if (!m_state->file.commit())
        return Failure{QStringLiteral("%1: cannot be written (%2)").arg(m_path, m_state->file.errorString())};
    return {};
}

// ---- reading rows ----

namespace {

constexpr tmsize_t MaxTileBytes = tmsize_t(64) << 20;
constexpr size_t MaxTileRowBytes = size_t(1) << 30;

QString photometricName(uint16_t photometric)
{
    switch (photometric) {
    case PHOTOMETRIC_MINISWHITE:
        return QStringLiteral("min-is-white gray");
    case PHOTOMETRIC_PALETTE:
        return QStringLiteral("palette");
    case PHOTOMETRIC_SEPARATED:
        return QStringLiteral("CMYK");
    case PHOTOMETRIC_YCBCR:
        return QStringLiteral("YCbCr");
    case PHOTOMETRIC_CIELAB:
        return QStringLiteral("CIE L*a*b*");
    default:
        return QStringLiteral("photometric %1").arg(photometric);
    }
}

// Gray, gray + alpha, RGB or RGBA samples to RGBA, opaque where the file has no alpha.
template <typename T> void expandToRgba(const T *in, T *out, int width, int samples, T opaque)
{
    for (int x = 0; x < width; ++x, in += samples, out += 4) {
        if (samples <= 2) {
            out[0] = out[1] = out[2] = in[0];
            out[3] = samples == 2 ? in[1] : opaque;
        } else {
            out[0] = in[0];
            out[1] = in[1];
            out[2] = in[2];
            out[3] = samples == 4 ? in[3] : opaque;
        }
    }
}

} // namespace

struct TiffRowReader::State
{
    Messages messages;
    TIFF *tiff = nullptr;
    int samples = 4;
    int bits = 8;
    bool premultiplied = false;
    std::vector<uchar> raw; // one row as the file stores it
    // Tiled files: the current row of tiles, whole rows of the image, and one tile.
    bool tiled = false;
    uint32_t tileWidth = 0, tileLength = 0;
    int tileRowTop = -1;
    std::vector<uchar> tileRow, tile;
    ~State()
    {
        if (tiff)
            TIFFClose(tiff);
    }
};

TiffRowReader::~TiffRowReader() = default;

Result<std::unique_ptr<TiffRowReader>> TiffRowReader::open(const QString &path)
{
    std::unique_ptr<TiffRowReader> reader(new TiffRowReader(path));
    reader->m_state = std::make_unique<State>();
    State &s = *reader->m_state;
    // "m": no memory mapping, or the whole file would count as resident as it is read.
    s.tiff = openWithMessages(s.messages, [&](TIFFOpenOptions *options) {
        return TIFFOpenExt(QFile::encodeName(path).constData(), "rm", options);
    });
    return setUp(std::move(reader), Rows::Rgba);
}

Result<std::unique_ptr<TiffRowReader>> TiffRowReader::open(QIODevice &device, const QString &name, Rows rows)
{
    std::unique_ptr<TiffRowReader> reader(new TiffRowReader(name));
    reader->m_state = std::make_unique<State>();
    State &s = *reader->m_state;
    s.tiff = openWithMessages(s.messages, [&](TIFFOpenOptions *options) {
        return TIFFClientOpenExt("", "rm", &device, deviceRead, deviceWrite, deviceSeek, deviceClose, deviceSize,
                                 deviceMap, deviceUnmap, options);
    });
    return setUp(std::move(reader), rows);
}

// The X and Y resolution in dots per metre, when the file gives them in inches or centimetres.
QSize storedResolution(TIFF *tiff)
{
    float x = 0, y = 0;
    uint16_t unit = 0;
    if (!TIFFGetField(tiff, TIFFTAG_XRESOLUTION, &x) || !TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &y))
        return {};
    TIFFGetFieldDefaulted(tiff, TIFFTAG_RESOLUTIONUNIT, &unit);
    const double perMetre = unit == RESUNIT_INCH ? 100.0 / 2.54 : unit == RESUNIT_CENTIMETER ? 100.0 : 0.0;
    if (perMetre == 0 || !(x > 0) || !(y > 0) || x > 1e6f || y > 1e6f)
        return {};
    return QSize(int(std::lround(x * perMetre)), int(std::lround(y * perMetre)));
}

// Checks the opened file's layout and takes its size, format, profile and resolution.
Result<std::unique_ptr<TiffRowReader>> TiffRowReader::setUp(std::unique_ptr<TiffRowReader> reader, Rows rows)
{
    State &s = *reader->m_state;
    const QString &path = reader->m_path;
    const auto refuse = [&](const QString &why) {
        return Failure{QStringLiteral("%1: %2 cannot be streamed in strips").arg(path, why)};
    };
    if (!s.tiff)
        return Failure{QStringLiteral("%1: %2").arg(path, messageOr(s.messages, "not a readable TIFF"))};
    uint32_t width = 0, height = 0;
    uint16_t bits = 0, samples = 0, sampleFormat = 0, planar = 0, photometric = 0, orientation = 0, extraCount = 0;
    uint16_t *extra = nullptr;
    TIFFGetField(s.tiff, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(s.tiff, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(s.tiff, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(s.tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(s.tiff, TIFFTAG_SAMPLEFORMAT, &sampleFormat);
    TIFFGetFieldDefaulted(s.tiff, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(s.tiff, TIFFTAG_ORIENTATION, &orientation);
    TIFFGetFieldDefaulted(s.tiff, TIFFTAG_EXTRASAMPLES, &extraCount, &extra);
    if (!TIFFGetField(s.tiff, TIFFTAG_PHOTOMETRIC, &photometric))
        return Failure{QStringLiteral("%1: the TIFF says nothing about its colours (no Photometric tag)").arg(path)};

    if (photometric != PHOTOMETRIC_MINISBLACK && photometric != PHOTOMETRIC_RGB)
        return refuse(QStringLiteral("a %1 TIFF (gray and RGB can)").arg(photometricName(photometric)));
    if (bits != 8 && bits != 16)
        return refuse(QStringLiteral("a TIFF of %1 bits per sample (8 and 16 can)").arg(bits));
    if (sampleFormat != SAMPLEFORMAT_UINT)
        return refuse(QStringLiteral("a TIFF of floating-point or signed samples"));
    if (planar != PLANARCONFIG_CONTIG)
        return refuse(QStringLiteral("a TIFF with separate colour planes"));
    const int colours = photometric == PHOTOMETRIC_RGB ? 3 : 1;
    if (samples != colours && samples != colours + 1)
        return refuse(QStringLiteral("a TIFF of %1 samples per pixel").arg(samples));
    if (orientation != ORIENTATION_TOPLEFT)
        return refuse(QStringLiteral("a TIFF stored turned or mirrored (orientation %1)").arg(orientation));
    if (Status size = reader->checkSize(width, height); !size)
        return Failure{size.error()};

    s.samples = samples;
    s.bits = bits;
    s.premultiplied = samples == colours + 1 && extraCount > 0 && extra[0] == EXTRASAMPLE_ASSOCALPHA;
    s.raw.resize(size_t(width) * samples * bits / 8);
    s.tiled = TIFFIsTiled(s.tiff);
    if (s.tiled) {
        TIFFGetField(s.tiff, TIFFTAG_TILEWIDTH, &s.tileWidth);
        TIFFGetField(s.tiff, TIFFTAG_TILELENGTH, &s.tileLength);
        // A tile is read whole, padding included: a damaged tag must not ask for gigabytes
        // (real files use tiles of 16 to 1024 pixels a side).
        const tmsize_t tileBytes = TIFFTileSize(s.tiff);
        const size_t tileRowBytes = s.raw.size() * std::min(s.tileLength, height);
        if (s.tileWidth == 0 || s.tileLength == 0 || s.tileWidth > 65536 || s.tileLength > 65536 || tileBytes <= 0 ||
            tileBytes > MaxTileBytes || tileRowBytes > MaxTileRowBytes)
            return Failure{
                QStringLiteral("%1: unsupported tile size %2x%3 (at most 64 MiB a tile and 1 GiB a row of tiles)")
                    .arg(path)
                    .arg(s.tileWidth)
                    .arg(s.tileLength)};
        s.tileRow.resize(tileRowBytes);
        s.tile.resize(size_t(tileBytes));
    }
    uint32_t iccSize = 0;
    void *icc = nullptr;
    if (TIFFGetField(s.tiff, TIFFTAG_ICCPROFILE, &iccSize, &icc) && icc)
        reader->m_colorSpace =
            QColorSpace::fromIccProfile(QByteArray(static_cast<const char *>(icc), qsizetype(iccSize)));
    reader->m_dotsPerMetre = storedResolution(s.tiff);
    reader->m_width = int(width);
    reader->m_height = int(height);
    reader->m_format = bits == 16 ? QImage::Format_RGBA64 : QImage::Format_RGBA8888;
    if (samples == 1)
        reader->m_format = bits == 16 ? QImage::Format_Grayscale16 : QImage::Format_Grayscale8;
    if (rows == Rows::AsStored && samples == 3)
        reader->m_format = bits == 16 ? QImage::Format_RGBX64 : QImage::Format_RGBX8888;
    return reader;
}

std::optional<QImage> readTiffExactly(const QByteArray &data)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    auto reader = TiffRowReader::open(buffer, QString(), TiffRowReader::Rows::AsStored);
    // Over the limit: Qt's reader gives the refusal its message.
    if (!reader || qint64((*reader)->width()) * (*reader)->height() > MaxImagePixels)
        return std::nullopt;
    QImage image((*reader)->width(), (*reader)->height(), (*reader)->format());
    if (image.isNull() || !(*reader)->readRows(image, 0, image.height()))
        return std::nullopt;
    image.setColorSpace((*reader)->colorSpace());
    if (const QSize dpm = (*reader)->dotsPerMetre(); !dpm.isEmpty()) {
        image.setDotsPerMeterX(dpm.width());
        image.setDotsPerMeterY(dpm.height());
    }
    return image;
}

// Row y as the file stores it: a scanline of a stripped file, or a slice of the row of tiles it
// lies in (read whole once, when its first row is asked for).
Status TiffRowReader::readRawRow(int y, const uchar **row)
{
    State &s = *m_state;
    const auto failed = [&] {
        return Failure{QStringLiteral("%1: %2").arg(m_path, messageOr(s.messages, "the image data cannot be read"))};
    };
    if (!s.tiled) {
        if (TIFFReadScanline(s.tiff, s.raw.data(), uint32_t(y), 0) < 0)
            return failed();
        *row = s.raw.data();
        return {};
    }
    const size_t rowBytes = s.raw.size(), pixelBytes = size_t(s.samples * s.bits / 8);
    if (s.tileRowTop < 0 || y >= s.tileRowTop + int(s.tileLength)) {
        s.tileRowTop = y / int(s.tileLength) * int(s.tileLength);
        const int rows = std::min(int(s.tileLength), m_height - s.tileRowTop);
        for (int x = 0; x < m_width; x += int(s.tileWidth)) {
            if (TIFFReadTile(s.tiff, s.tile.data(), uint32_t(x), uint32_t(s.tileRowTop), 0, 0) < 0)
                return failed();
            const size_t bytes = size_t(std::min(int(s.tileWidth), m_width - x)) * pixelBytes;
            for (int r = 0; r < rows; ++r)
                std::memcpy(s.tileRow.data() + size_t(r) * rowBytes + size_t(x) * pixelBytes,
                            s.tile.data() + size_t(r) * s.tileWidth * pixelBytes, bytes);
        }
    }
    *row = s.tileRow.data() + size_t(y - s.tileRowTop) * rowBytes;
    return {};
}

Status TiffRowReader::readInto(QImage &target, int first, int count)
{
    const State &s = *m_state;
    for (int i = 0; i < count; ++i) {
        const uchar *raw = nullptr;
        if (Status read = readRawRow(nextRow() + i, &raw); !read)
            return read;
        uchar *line = target.scanLine(first + i);
        if (target.format() == QImage::Format_Grayscale8 || target.format() == QImage::Format_Grayscale16)
            std::memcpy(line, raw, s.raw.size());
        else if (s.bits == 16)
            expandToRgba(reinterpret_cast<const quint16 *>(raw), reinterpret_cast<quint16 *>(line), m_width, s.samples,
                         quint16(0xffff));
        else
            expandToRgba(raw, line, m_width, s.samples, uchar(0xff));
        if (s.premultiplied) { // made straight by Qt's own conversion, as its TIFF reader's output is
            const QImage::Format premultiplied =
                s.bits == 16 ? QImage::Format_RGBA64_Premultiplied : QImage::Format_RGBA8888_Premultiplied;
            const QImage straight =
                QImage(line, m_width, 1, target.bytesPerLine(), premultiplied).convertToFormat(m_format);
            std::memcpy(line, straight.constBits(), size_t(straight.bytesPerLine()));
        }
    }
    return {};
}

} // namespace ks
