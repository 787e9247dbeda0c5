#include "stripio.h"

#include "imageio.h"
#include "tifffile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSysInfo>

#include <png.h>

#include <climits>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

namespace ks {

namespace {

// libpng reports errors by calling back and never returning: we keep its message and longjmp
// to the setjmp of the one small function that called it. Those functions hold no C++ objects
// with destructors, so the jump skips nothing.
struct ErrorText
{
    char text[200] = {};
};

[[noreturn]] void onError(png_structp png, png_const_charp message)
{
    auto *error = static_cast<ErrorText *>(png_get_error_ptr(png));
    std::snprintf(error->text, sizeof error->text, "%s", message);
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) {} // ancillary-chunk chatter: not our reader's business

QString reason(const QString &path, const char *text)
{
    return QStringLiteral("%1: %2").arg(path, QString::fromUtf8(*text ? text : "not a readable PNG"));
}

} // namespace

bool isPngFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(8);
    return head.size() == 8 && png_sig_cmp(reinterpret_cast<png_const_bytep>(head.constData()), 0, 8) == 0;
}

// ---- the strip loop's view: any reader, any writer ----

RowReader::~RowReader() = default;

Result<std::unique_ptr<RowReader>> RowReader::open(const QString &path)
{
    if (isPngFile(path)) {
        auto png = PngRowReader::open(path);
        if (!png)
            return Failure{png.error()};
        return std::unique_ptr<RowReader>(std::move(*png));
    }
    if (isTiffFile(path)) {
        auto tiff = TiffRowReader::open(path);
        if (!tiff)
            return Failure{tiff.error()};
        return std::unique_ptr<RowReader>(std::move(*tiff));
    }
    return Failure{QStringLiteral("%1: only PNG and TIFF files can be read in strips").arg(path)};
}

Status RowReader::readRows(QImage &target, int first, int count)
{
    Q_ASSERT(target.width() == m_width && target.format() == m_format && first + count <= target.height());
    if (m_nextRow + count > m_height)
        return Failure{QStringLiteral("%1: read past the last row").arg(m_path)};
    if (Status read = readInto(target, first, count); !read)
        return read;
    m_nextRow += count;
    return {};
}

Status RowReader::checkSize(uint32_t width, uint32_t height) const
{
    if (width == 0 || height == 0 || width > MaxRowPixels || height > uint32_t(INT_MAX))
        return Failure{QStringLiteral("%1: unsupported size %2x%3 (rows of at most %4 pixels)")
                           .arg(m_path)
                           .arg(width)
                           .arg(height)
                           .arg(MaxRowPixels)};
    return {};
}

RowWriter::~RowWriter() = default;

Result<std::unique_ptr<RowWriter>> RowWriter::create(const QString &path, int width, int height, QImage::Format format,
                                                     const QColorSpace &colorSpace, const SaveOptions &options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png") {
        auto png = PngRowWriter::create(path, width, height, format, options.pngLevel);
        if (!png)
            return Failure{png.error()};
        return std::unique_ptr<RowWriter>(std::move(*png));
    }
    if (suffix == u"tif" || suffix == u"tiff") {
        auto tiff = TiffRowWriter::create(path, width, height, format, options.tiffCompression,
                                          options.color == ColorHandling::Keep ? colorSpace : QColorSpace());
        if (!tiff)
            return Failure{tiff.error()};
        return std::unique_ptr<RowWriter>(std::move(*tiff));
    }
    return Failure{QStringLiteral("%1: only PNG and TIFF files can be written in strips").arg(path)};
}

Status RowWriter::writeRows(const QImage &source, int first, int count)
{
    Q_ASSERT(source.width() == m_width && source.format() == m_format && first + count <= source.height());
    if (m_nextRow + count > m_height)
        return Failure{QStringLiteral("%1: written past the last row").arg(m_path)};
    if (Status written = writeFrom(source, first, count); !written)
        return written;
    m_nextRow += count;
    return {};
}

Status RowWriter::finish()
{
    if (m_nextRow != m_height)
        return Failure{QStringLiteral("%1: only %2 of %3 rows written").arg(m_path).arg(m_nextRow).arg(m_height)};
    return finishFile();
}

// ---- PNG reading ----

struct PngRowReader::State
{
    ErrorText error;
    FILE *file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    png_uint_32 width = 0, height = 0;
    int depth = 0;
    bool interlaced = false;
    bool gray = false; // gray without alpha, read as it is
    ~State()
    {
        if (png)
            png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
        if (file)
            std::fclose(file);
    }
};

static bool readHeaderImpl(png_structp png, png_infop info, FILE *file, png_uint_32 *width, png_uint_32 *height,
                           int *depth, bool *interlaced, bool *gray)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_init_io(png, file);
    // libpng's default stops at a million pixels a side; RowReader::checkSize is the limit here.
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_read_info(png, info);
    int colour = 0, interlace = 0;
    png_get_IHDR(png, info, width, height, depth, &colour, &interlace, nullptr, nullptr);
    *interlaced = interlace != PNG_INTERLACE_NONE;
    if (*interlaced)
        return true;
    png_set_expand(png); // palette to RGB, gray below 8 bits to 8, tRNS to alpha
    const bool opaque = !(colour & PNG_COLOR_MASK_ALPHA) && !png_get_valid(png, info, PNG_INFO_tRNS);
    *gray = opaque && colour == PNG_COLOR_TYPE_GRAY;
    if (*depth < 8)
        *depth = 8;
    if (!*gray && !(colour & PNG_COLOR_MASK_COLOR))
        png_set_gray_to_rgb(png);
    if (!*gray && opaque)
        png_set_add_alpha(png, *depth == 16 ? 0xffff : 0xff, PNG_FILLER_AFTER);
    if (*depth == 16 && QSysInfo::ByteOrder == QSysInfo::LittleEndian)
        png_set_swap(png); // RGBA64 holds native 16-bit words
    png_read_update_info(png, info);
    return true;
}

static bool readRowsImpl(png_structp png, png_bytep *rows, int count)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    for (int i = 0; i < count; ++i)
        png_read_row(png, rows[i], nullptr);
    return true;
}

PngRowReader::~PngRowReader() = default;

Result<std::unique_ptr<PngRowReader>> PngRowReader::open(const QString &path)
{
    std::unique_ptr<PngRowReader> reader(new PngRowReader(path));
    reader->m_state = std::make_unique<State>();
    State &s = *reader->m_state;
    s.file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!s.file)
        return Failure{
            QStringLiteral("%1: cannot be opened (%2)").arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s.error, onError, onWarning);
    if (!s.png || !(s.info = png_create_info_struct(s.png)))
        throw std::bad_alloc();
    if (!readHeaderImpl(s.png, s.info, s.file, &s.width, &s.height, &s.depth, &s.interlaced, &s.gray))
        return Failure{reason(path, s.error.text)};
    if (s.interlaced)
        return Failure{QStringLiteral("%1: an interlaced PNG cannot be streamed row by row").arg(path)};
    if (Status size = reader->checkSize(s.width, s.height); !size)
        return Failure{size.error()};
    reader->m_width = int(s.width);
    reader->m_height = int(s.height);
    if (s.gray)
        reader->m_format = s.depth == 16 ? QImage::Format_Grayscale16 : QImage::Format_Grayscale8;
    else
        reader->m_format = s.depth == 16 ? QImage::Format_RGBA64 : QImage::Format_RGBA8888;
    return reader;
}

Status PngRowReader::readInto(QImage &target, int first, int count)
{
    std::vector<png_bytep> rows;
    rows.resize(size_t(count));
    for (int i = 0; i < count; ++i)
        rows[size_t(i)] = target.scanLine(first + i);
    if (!readRowsImpl(m_state->png, rows.data(), count))
        return Failure{reason(m_path, m_state->error.text)};
    return {};
}

// ---- PNG writing ----

struct PngRowWriter::State
{
    ErrorText error;
    QSaveFile file;
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~State()
    {
        if (png)
            png_destroy_write_struct(&png, info ? &info : nullptr);
    }
};

static void writeToSaveFile(png_structp png, png_bytep data, png_size_t length)
{
    auto *file = static_cast<QSaveFile *>(png_get_io_ptr(png));
    if (file->write(reinterpret_cast<const char *>(data), qint64(length)) != qint64(length))
        png_error(png, "cannot be written (disk full?)");
}

static void flushNothing(png_structp) {}

static bool writeHeaderImpl(png_structp png, png_infop info, QSaveFile *file, int width, int height, int depth,
                            int colour, int compression)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_set_write_fn(png, file, writeToSaveFile, flushNothing);
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff); // what the reader takes, this writes
    if (compression >= 0)
        png_set_compression_level(png, compression);
    png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), depth, colour, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (depth == 16 && QSysInfo::ByteOrder == QSysInfo::LittleEndian)
        png_set_swap(png);
    return true;
}

static bool writeRowsImpl(png_structp png, png_bytep *rows, int count)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    for (int i = 0; i < count; ++i)
        png_write_row(png, rows[i]);
    return true;
}

static bool writeEndImpl(png_structp png)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_write_end(png, nullptr);
    return true;
}

PngRowWriter::~PngRowWriter() = default; // QSaveFile without commit() leaves no file

Result<std::unique_ptr<PngRowWriter>> PngRowWriter::create(const QString &path, int width, int height,
                                                           QImage::Format format, int compression)
{
    std::unique_ptr<PngRowWriter> writer(new PngRowWriter(path, width, height, format));
    writer->m_state = std::make_unique<State>();
    State &s = *writer->m_state;
    s.file.setFileName(path);
    if (!s.file.open(QIODevice::WriteOnly))
        return Failure{QStringLiteral("%1: cannot be written (%2)").arg(path, s.file.errorString())};
    s.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &s.error, onError, onWarning);
    if (!s.png || !(s.info = png_create_info_struct(s.png)))
        throw std::bad_alloc();
    const bool gray = format == QImage::Format_Grayscale8 || format == QImage::Format_Grayscale16;
    const int depth = format == QImage::Format_RGBA64 || format == QImage::Format_Grayscale16 ? 16 : 8;
    if (!writeHeaderImpl(s.png, s.info, &s.file, width, height, depth,
                         gray ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB_ALPHA, compression))
        return Failure{reason(path, s.error.text)};
    return writer;
}

Status PngRowWriter::writeFrom(const QImage &source, int first, int count)
{
    std::vector<png_bytep> rows;
    rows.resize(size_t(count));
    for (int i = 0; i < count; ++i)
        rows[size_t(i)] = const_cast<png_bytep>(source.constScanLine(first + i));
    if (!writeRowsImpl(m_state->png, rows.data(), count))
        return Failure{reason(m_path, m_state->error.text)};
    return {};
}

Status PngRowWriter::finishFile()
{
    if (!writeEndImpl(m_state->png))
        return Failure{reason(m_path, m_state->error.text)};
    if (!m_state->file.commit())
        return Failure{QStringLiteral("%1: cannot be written (%2)").arg(m_path, m_state->file.errorString())};
    return {};
}

} // namespace ks
