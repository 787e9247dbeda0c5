#pragma once

#include "result.h"

#include <QImage>
#include <QString>

#include <memory>

// PNG files read and written a few rows at a time, so an image far larger than memory can pass
// through the engine in horizontal strips (the CLI's --stream). libpng underneath; not
// thread-safe per object (one reader or writer per thread). Reasons say "<file>: <reason>".
namespace ks {

// Whether the file starts with the PNG signature (the streaming path reads only PNG).
bool isPngFile(const QString &path);

// Rows of a PNG, top to bottom, in the engine's layout: RGBA8888 for 8-bit and lower depths
// (palette, gray and RGB expanded, opaque alpha added), RGBA64 for 16-bit files. Interlaced
// files are refused (they cannot be read row by row without the whole image).
class PngRowReader
{
public:
    ~PngRowReader();
    static Result<std::unique_ptr<PngRowReader>> open(const QString &path);

    int width() const { return m_width; }
    int height() const { return m_height; }
    QImage::Format format() const { return m_format; }
    int nextRow() const { return m_nextRow; }

    // Reads the next `count` rows into rows `first`.. of `target` (width() wide, format()).
    Status readRows(QImage &target, int first, int count);

private:
    PngRowReader() = default;
    struct State;
    std::unique_ptr<State> m_state;
    QString m_path;
    int m_width = 0, m_height = 0, m_nextRow = 0;
    QImage::Format m_format = QImage::Format_RGBA8888;
};

// Writes an RGBA8888 or RGBA64 image of a known size row by row as a PNG with alpha, through
// QSaveFile: unless finish() succeeds, no file is left and an existing one is untouched.
class PngRowWriter
{
public:
    ~PngRowWriter();
    // compression: zlib level 0..9, -1 for zlib's default.
    static Result<std::unique_ptr<PngRowWriter>> create(const QString &path, int width, int height,
                                                        QImage::Format format, int compression = -1);
    // Rows `first`..first+count-1 of `source` become the next rows of the file.
    Status writeRows(const QImage &source, int first, int count);
    Status finish(); // after all height rows

private:
    PngRowWriter() = default;
    struct State;
    std::unique_ptr<State> m_state;
    QString m_path;
    int m_width = 0, m_height = 0, m_nextRow = 0;
    QImage::Format m_format = QImage::Format_RGBA8888;
};

} // namespace ks
