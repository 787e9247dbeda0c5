#pragma once

#include "result.h"

#include <QColorSpace>
#include <QImage>
#include <QString>

#include <cstdint>
#include <memory>

// Image files read and written a few rows at a time, so an image far larger than memory can pass
// through the engine in horizontal strips (the CLI's --stream). PNG through libpng, TIFF through
// libtiff (tifffile.h); the strip loop sees only RowReader and RowWriter. Not thread-safe per
// object (one reader or writer per thread). Reasons say "<file>: <reason>".
namespace ks {

struct SaveOptions;

// Whether the file starts with the PNG signature.
bool isPngFile(const QString &path);

// Rows of an image file, top to bottom, in the engine's layout: RGBA8888 for 8-bit and lower
// depths (gray and RGB expanded, opaque alpha added, straight alpha), RGBA64 for 16-bit files.
class RowReader
{
public:
    virtual ~RowReader();
    // A PNG or a TIFF file, told by its content; other types are refused.
    static Result<std::unique_ptr<RowReader>> open(const QString &path);

    int width() const { return m_width; }
    int height() const { return m_height; }
    QImage::Format format() const { return m_format; }
    QColorSpace colorSpace() const { return m_colorSpace; } // the embedded profile, or none
    QSize dotsPerMetre() const { return m_dotsPerMetre; }   // the stored resolution, or empty
    int nextRow() const { return m_nextRow; }

    // Reads the next `count` rows into rows `first`.. of `target` (width() wide, format()).
    Status readRows(QImage &target, int first, int count);

protected:
    explicit RowReader(const QString &path) : m_path(path) {}
    // A row is held whole (up to 8 bytes a pixel): 16 million pixels wide is far beyond any photo
    // and keeps a damaged width from asking for gigabytes. Refuses an empty or larger size.
    static constexpr uint32_t MaxRowPixels = 1u << 24;
    Status checkSize(uint32_t width, uint32_t height) const;
    // The next `count` rows (the count checked against height()) into target rows first...
    virtual Status readInto(QImage &target, int first, int count) = 0;

    QString m_path;
    int m_width = 0, m_height = 0;
    QImage::Format m_format = QImage::Format_RGBA8888;
    QColorSpace m_colorSpace;
    QSize m_dotsPerMetre;

private:
    int m_nextRow = 0;
};

// Writes an RGBA8888, RGBA64, Grayscale8 or Grayscale16 image of a known size row by row, through QSaveFile: unless
// finish() succeeds, no file is left and an existing one is untouched.
class RowWriter
{
public:
    virtual ~RowWriter();
    // A PNG (options.pngLevel) or a TIFF (options.tiffCompression, the colour profile embedded)
    // by the extension of `path`; other types are refused.
    static Result<std::unique_ptr<RowWriter>> create(const QString &path, int width, int height, QImage::Format format,
                                                     const QColorSpace &colorSpace, const SaveOptions &options);

    // Rows `first`..first+count-1 of `source` become the next rows of the file.
    Status writeRows(const QImage &source, int first, int count);
    Status finish(); // after all height rows
    int nextRow() const { return m_nextRow; }

protected:
    RowWriter(const QString &path, int width, int height, QImage::Format format)
        : m_path(path), m_width(width), m_height(height), m_format(format)
    {
    }
    virtual Status writeFrom(const QImage &source, int first, int count) = 0;
    virtual Status finishFile() = 0;

    QString m_path;
    int m_width = 0, m_height = 0;
    QImage::Format m_format = QImage::Format_RGBA8888;

private:
    int m_nextRow = 0;
};

// PNG rows through libpng. Interlaced files are refused (they cannot be read row by row
// without the whole image); gray files without alpha are read as Grayscale8/16, all others
// (palette, gray with alpha, RGB) are expanded to RGBA.
class PngRowReader : public RowReader
{
public:
    ~PngRowReader() override;
    static Result<std::unique_ptr<PngRowReader>> open(const QString &path);

protected:
    Status readInto(QImage &target, int first, int count) override;

private:
    using RowReader::RowReader;
    struct State;
    std::unique_ptr<State> m_state;
};

// RGBA or gray PNG (8 or 16-bit) rows through libpng.
class PngRowWriter : public RowWriter
{
public:
    ~PngRowWriter() override;
    // compression: zlib level 0..9, -1 for zlib's default.
    static Result<std::unique_ptr<PngRowWriter>> create(const QString &path, int width, int height,
                                                        QImage::Format format, int compression = -1);

protected:
    Status writeFrom(const QImage &source, int first, int count) override;
    Status finishFile() override;

private:
    using RowWriter::RowWriter;
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace ks
