#include "extraformats.h"

#include <QHash>
#include <QList>

#include <algorithm>
#include <optional>
#include <vector>

namespace ks::formats {

namespace {

// ---- Netpbm header ----------------------------------------------------------------------

struct NetpbmHeader
{
    qint64 width = 0, height = 0, depth = 0, maxval = 0;
    qsizetype dataStart = 0;
};

// Reads the whitespace- and comment-separated numbers of a P5/P6 header.
class HeaderReader
{
public:
    explicit HeaderReader(QByteArrayView data) : m_data(data) {}
    qsizetype pos() const { return m_pos; }
    void skip(qsizetype n) { m_pos += n; }

    std::optional<qint64> number()
    {
        skipSpaceAndComments();
        qint64 v = 0;
        const qsizetype start = m_pos;
        while (m_pos < m_data.size() && m_data[m_pos] >= '0' && m_data[m_pos] <= '9' && m_pos - start < 12)
            v = v * 10 + (m_data[m_pos++] - '0');
        if (m_pos == start)
            return std::nullopt;
        return v;
    }
    // One text line of a PAM header, without its newline; nothing at the end of the data.
    std::optional<QByteArrayView> line()
    {
        if (m_pos >= m_data.size())
            return std::nullopt;
        qsizetype end = m_data.indexOf('\n', m_pos);
        if (end < 0)
            return std::nullopt;
        const QByteArrayView l = m_data.sliced(m_pos, end - m_pos);
        m_pos = end + 1;
        return l.trimmed();
    }

private:
    void skipSpaceAndComments()
    {
        while (m_pos < m_data.size()) {
            const char c = m_data[m_pos];
            if (c == '#') {
                while (m_pos < m_data.size() && m_data[m_pos] != '\n')
                    ++m_pos;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
                ++m_pos;
            } else {
                return;
            }
        }
    }

    QByteArrayView m_data;
    qsizetype m_pos = 2;
};

Result<NetpbmHeader> readPnmHeader(QByteArrayView data)
{
    HeaderReader reader(data);
    const auto w = reader.number(), h = reader.number(), m = reader.number();
    if (!w || !h || !m || reader.pos() >= data.size())
        return Failure{QStringLiteral("the Netpbm header is incomplete")};
    NetpbmHeader header{*w, *h, data[1] == '6' ? 3 : 1, *m, reader.pos() + 1}; // one whitespace byte ends it
    return header;
}

Result<NetpbmHeader> readPamHeader(QByteArrayView data)
{
    HeaderReader reader(data);
    NetpbmHeader header;
    QByteArray tupleType;
    for (;;) {
        const auto line = reader.line();
        if (!line)
            return Failure{QStringLiteral("the PAM header has no ENDHDR line")};
        if (line->isEmpty() || line->startsWith('#'))
            continue;
        if (*line == "ENDHDR")
            break;
        const qsizetype space = line->indexOf(' ');
        const QByteArrayView key = space < 0 ? *line : line->first(space);
        const QByteArray value = space < 0 ? QByteArray() : line->sliced(space + 1).trimmed().toByteArray();
        bool ok = true;
        if (key == "WIDTH")
            header.width = value.toLongLong(&ok);
        else if (key == "HEIGHT")
            header.height = value.toLongLong(&ok);
        else if (key == "DEPTH")
            header.depth = value.toLongLong(&ok);
        else if (key == "MAXVAL")
            header.maxval = value.toLongLong(&ok);
        else if (key == "TUPLTYPE")
            tupleType = value;
        if (!ok)
            return Failure{QStringLiteral("the PAM header's %1 is not a number").arg(QLatin1String(key.toByteArray()))};
    }
    if (header.depth < 1 || header.depth > 4)
        return Failure{QStringLiteral("PAM images with depth %1 are not supported (1 to 4: gray, gray with alpha, RGB, "
                                      "RGB with alpha; tuple type '%2')")
                           .arg(header.depth)
                           .arg(QString::fromLatin1(tupleType))};
    header.dataStart = reader.pos();
    return header;
}

} // namespace

bool isNetpbm(QByteArrayView data)
{
    return data.size() >= 3 && data[0] == 'P' && (data[1] == '5' || data[1] == '6' || data[1] == '7');
}

Result<QImage> decodeNetpbm(QByteArrayView data, qint64 maxPixels)
{
    const Result<NetpbmHeader> parsed = data[1] == '7' ? readPamHeader(data) : readPnmHeader(data);
    if (!parsed)
        return Failure{parsed.error()};
    const NetpbmHeader h = *parsed;
    if (h.width < 1 || h.height < 1 || h.maxval < 1 || h.maxval > 65535)
        return Failure{QStringLiteral("the Netpbm header declares an impossible image (%1x%2, maxval %3)")
                           .arg(h.width)
                           .arg(h.height)
                           .arg(h.maxval)};
    if (double(h.width) * double(h.height) > double(maxPixels))
        return Failure{QStringLiteral("the image is %1x%2 pixels, more than the limit of %3 megapixels")
                           .arg(h.width)
                           .arg(h.height)
                           .arg(maxPixels / (1024 * 1024))};
    const int bytesPerSample = h.maxval > 255 ? 2 : 1;
    const qint64 needed = h.width * h.height * h.depth * bytesPerSample;
    if (data.size() - h.dataStart < needed)
        return Failure{QStringLiteral("the image data is corrupt or truncated (the file is shorter than its header "
                                      "declares)")};
    const bool deep = bytesPerSample == 2;
    const bool hasAlpha = h.depth == 2 || h.depth == 4;
    const bool gray = h.depth <= 2;
    QImage::Format format = deep ? QImage::Format_RGBA64 : QImage::Format_ARGB32;
    if (gray && !hasAlpha)
        format = deep ? QImage::Format_Grayscale16 : QImage::Format_Grayscale8;
    else if (!hasAlpha && !deep)
        format = QImage::Format_RGB32;
    QImage image(int(h.width), int(h.height), format);
    if (image.isNull())
        return Failure{QStringLiteral("not enough memory for %1x%2 pixels").arg(h.width).arg(h.height)};

    const auto *p = reinterpret_cast<const uchar *>(data.data() + h.dataStart);
    const quint32 top = deep ? 65535 : 255;
    auto sample = [&]() -> quint32 {
        quint32 v = deep ? (quint32(p[0]) << 8 | p[1]) : p[0];
        p += bytesPerSample;
        v = std::min<quint32>(v, quint32(h.maxval));
        return h.maxval == top ? v : (v * top + quint32(h.maxval) / 2) / quint32(h.maxval);
    };
    for (int y = 0; y < image.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            quint32 c[4] = {0, 0, 0, top};
            if (gray) {
                c[0] = c[1] = c[2] = sample();
            } else {
                c[0] = sample();
                c[1] = sample();
                c[2] = sample();
            }
            if (hasAlpha)
                c[3] = sample();
            switch (format) {
            case QImage::Format_Grayscale8:
                line[x] = uchar(c[0]);
                break;
            case QImage::Format_Grayscale16:
                reinterpret_cast<quint16 *>(line)[x] = quint16(c[0]);
                break;
            case QImage::Format_RGBA64:
                reinterpret_cast<QRgba64 *>(line)[x] = qRgba64(c[0], c[1], c[2], c[3]);
                break;
            default:
                reinterpret_cast<QRgb *>(line)[x] = qRgba(int(c[0]), int(c[1]), int(c[2]), int(c[3]));
            }
        }
    }
    return image;
}

QByteArray encodeNetpbm(const QImage &image, bool gray)
{
    const QImage::Format f = image.format();
    const bool deep = f == QImage::Format_Grayscale16 || image.pixelFormat().bitsPerPixel() >= 48 ||
                      f == QImage::Format_BGR30 || f == QImage::Format_RGB30 ||
                      f == QImage::Format_A2BGR30_Premultiplied || f == QImage::Format_A2RGB30_Premultiplied;
    const QImage src = gray ? image.convertToFormat(deep ? QImage::Format_Grayscale16 : QImage::Format_Grayscale8)
                            : image.convertToFormat(deep ? QImage::Format_RGBX64 : QImage::Format_RGB888);
    if (src.isNull())
        return {};
    QByteArray out = QStringLiteral("%1\n%2 %3\n%4\n")
                         .arg(gray ? QLatin1String("P5") : QLatin1String("P6"))
                         .arg(src.width())
                         .arg(src.height())
                         .arg(deep ? 65535 : 255)
                         .toLatin1();
    const int channels = gray ? 1 : 3;
    const qsizetype rowBytes = qsizetype(src.width()) * channels * (deep ? 2 : 1);
    const qsizetype headerSize = out.size();
    out.resize(headerSize + rowBytes * src.height());
    auto *dst = reinterpret_cast<uchar *>(out.data() + headerSize);
    for (int y = 0; y < src.height(); ++y) {
        const uchar *line = src.constScanLine(y);
        if (!deep) {
            std::copy_n(line, rowBytes, dst);
            dst += rowBytes;
            continue;
        }
        // Netpbm samples are big-endian; RGBX64 holds four native 16-bit values per pixel.
        const auto *v = reinterpret_cast<const quint16 *>(line);
        for (int x = 0; x < src.width(); ++x)
            for (int c = 0; c < channels; ++c) {
                const quint16 s = v[qsizetype(x) * (gray ? 1 : 4) + c];
                *dst++ = uchar(s >> 8);
                *dst++ = uchar(s & 0xff);
            }
    }
    return out;
}

// ---- GIF --------------------------------------------------------------------------------

namespace {

// LZW codes packed least significant bit first into sub-blocks of at most 255 bytes.
class GifBitWriter
{
public:
    explicit GifBitWriter(QByteArray &out) : m_out(out) {}
    void write(quint32 code, int bits)
    {
        m_bits |= code << m_count;
        m_count += bits;
        while (m_count >= 8) {
            pushByte(uchar(m_bits & 0xff));
            m_bits >>= 8;
            m_count -= 8;
        }
    }
    void finish()
    {
        if (m_count > 0)
            pushByte(uchar(m_bits & 0xff));
        flushBlock();
        m_out.append('\0'); // block terminator
    }

private:
    void pushByte(uchar b)
    {
        m_block.append(char(b));
        if (m_block.size() == 255)
            flushBlock();
    }
    void flushBlock()
    {
        if (m_block.isEmpty())
            return;
        m_out.append(char(m_block.size()));
        m_out.append(m_block);
        m_block.clear();
    }

    QByteArray &m_out;
    QByteArray m_block;
    quint32 m_bits = 0;
    int m_count = 0;
};

// Pixel indices to LZW with 8-bit minimum code size: a clear code first and whenever the
// table reaches 4095 entries, so every decoder's table stays in step with ours.
void writeLzw(QByteArray &out, const std::vector<uchar> &indices)
{
    constexpr int MinCodeSize = 8;
    constexpr quint32 Clear = 1u << MinCodeSize, End = Clear + 1;
    out.append(char(MinCodeSize));
    GifBitWriter bits(out);
    std::vector<quint16> next(4096 * 256, 0); // 0 = no entry (real entries are above End)
    int codeSize = MinCodeSize + 1;
    quint32 maxCode = End;
    bits.write(Clear, codeSize);
    int current = -1;
    for (uchar value : indices) {
        if (current < 0) {
            current = value;
            continue;
        }
        if (const quint16 code = next[size_t(current) * 256 + value]) {
            current = code;
            continue;
        }
        bits.write(quint32(current), codeSize);
        next[size_t(current) * 256 + value] = quint16(++maxCode);
        if (maxCode >= (1u << codeSize))
            ++codeSize;
        if (maxCode == 4095) {
            bits.write(Clear, codeSize);
            std::fill(next.begin(), next.end(), 0);
            codeSize = MinCodeSize + 1;
            maxCode = End;
        }
        current = value;
    }
    if (current >= 0)
        bits.write(quint32(current), codeSize);
    bits.write(End, codeSize);
    bits.finish();
}

void appendLittle16(QByteArray &out, int v)
{
    out.append(char(v & 0xff));
    out.append(char((v >> 8) & 0xff));
}

// 6 x 7 x 6 levels (252 colours, green finest as the eye is most sensitive to it), with a 4x4
// Bayer ordered dither: deterministic, and no error runs across the image.
constexpr int CubeLevels[3] = {6, 7, 6};

int cubeIndex(QRgb c, int x, int y)
{
    static constexpr int Bayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
    const double threshold = (Bayer[y & 3][x & 3] + 0.5) / 16.0;
    const int v[3] = {qRed(c), qGreen(c), qBlue(c)};
    int index = 0;
    for (int i = 0; i < 3; ++i) {
        const int steps = CubeLevels[i] - 1;
        const double scaled = v[i] * steps / 255.0;
        int level = int(scaled);
        if (scaled - level > threshold)
            ++level;
        index = index * CubeLevels[i] + std::min(level, steps);
    }
    return index;
}

QRgb cubeColor(int index)
{
    const int b = index % CubeLevels[2];
    const int g = index / CubeLevels[2] % CubeLevels[1];
    const int r = index / (CubeLevels[2] * CubeLevels[1]);
    auto level = [](int l, int levels) { return (l * 255 + (levels - 1) / 2) / (levels - 1); };
    return qRgb(level(r, CubeLevels[0]), level(g, CubeLevels[1]), level(b, CubeLevels[2]));
}

} // namespace

QByteArray encodeGif(const QImage &image)
{
    const QImage src = image.convertToFormat(QImage::Format_ARGB32);
    if (src.isNull() || src.width() > 65535 || src.height() > 65535)
        return {};
    // Exact colours when there are few enough; one index is kept free for transparency.
    QHash<QRgb, int> exact;
    bool transparent = false;
    for (int y = 0; y < src.height() && exact.size() <= 255; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(src.constScanLine(y));
        for (int x = 0; x < src.width() && exact.size() <= 255; ++x) {
            if (qAlpha(line[x]) < 128)
                transparent = true;
            else
                exact.insert(line[x] | 0xff000000, 0);
        }
    }
    const bool useCube = exact.size() > 255;
    QList<QRgb> palette;
    if (useCube) {
        for (int i = 0; i < CubeLevels[0] * CubeLevels[1] * CubeLevels[2]; ++i)
            palette << cubeColor(i);
    } else {
        palette = exact.keys();
        std::sort(palette.begin(), palette.end()); // the same file for the same image
        for (int i = 0; i < palette.size(); ++i)
            exact[palette[i]] = i;
    }
    const int transparentIndex = int(palette.size());
    palette << qRgb(0, 0, 0);
    palette.resize(256, qRgb(0, 0, 0));

    std::vector<uchar> indices(size_t(src.width()) * size_t(src.height()));
    size_t n = 0;
    for (int y = 0; y < src.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(src.constScanLine(y));
        for (int x = 0; x < src.width(); ++x) {
            const QRgb c = line[x];
            if (qAlpha(c) < 128)
                indices[n++] = uchar(transparentIndex);
            else
                indices[n++] = uchar(useCube ? cubeIndex(c, x, y) : exact.value(c | 0xff000000));
        }
    }

    QByteArray out("GIF89a");
    appendLittle16(out, src.width());
    appendLittle16(out, src.height());
    out.append(char(0xF7)); // global colour table of 256 entries, 8 bits per primary
    out.append('\0');       // background index
    out.append('\0');       // square pixels
    for (QRgb c : palette) {
        out.append(char(qRed(c)));
        out.append(char(qGreen(c)));
        out.append(char(qBlue(c)));
    }
    if (transparent) { // graphic control extension naming the transparent index
        out.append("\x21\xF9\x04\x01\x00\x00", 6);
        out.append(char(transparentIndex));
        out.append('\0');
    }
    out.append(char(0x2C));
    appendLittle16(out, 0);
    appendLittle16(out, 0);
    appendLittle16(out, src.width());
    appendLittle16(out, src.height());
    out.append('\0'); // no local colour table, not interlaced
    writeLzw(out, indices);
    out.append(char(0x3B));
    return out;
}

} // namespace ks::formats
