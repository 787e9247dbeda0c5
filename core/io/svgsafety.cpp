#include "svgsafety.h"

#include "filelimits.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <zlib.h>

namespace ks {

namespace {

bool isGzip(const QByteArray &data)
{
    return data.size() >= 2 && uchar(data[0]) == 0x1f && uchar(data[1]) == 0x8b;
}

Result<QByteArray> gunzipWithinLimit(const QByteArray &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) // 16: gzip wrapper
        return Failure{QStringLiteral("the SVGZ data cannot be decompressed")};
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    QByteArray out;
    int status = Z_OK;
    while (status == Z_OK) {
        if (out.size() > MaxSvgBytes) {
            inflateEnd(&stream);
            return Failure{QStringLiteral("the SVGZ data decompresses to more than the limit of %1")
                               .arg(byteCountText(MaxSvgBytes))};
        }
        const qsizetype chunk = 1 << 20;
        const qsizetype done = out.size();
        out.resize(done + chunk);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + done);
        stream.avail_out = uInt(chunk);
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(done + chunk - qsizetype(stream.avail_out));
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break; // input ended before the stream did
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return Failure{QStringLiteral("the SVGZ data is corrupt or truncated")};
    if (out.size() > MaxSvgBytes)
        return Failure{QStringLiteral("the SVGZ data decompresses to more than the limit of %1")
                           .arg(byteCountText(MaxSvgBytes))};
    return out;
}

bool isExternal(QStringView href)
{
    const QStringView h = href.trimmed();
    return !h.startsWith(u"data:", Qt::CaseInsensitive);
}

bool hasExternalHref(const QXmlStreamReader &reader)
{
    for (const QXmlStreamAttribute &a : reader.attributes())
        if (a.name() == u"href" && isExternal(a.value()))
            return true;
    return false;
}

} // namespace

Result<QByteArray> svgTextWithinLimit(const QByteArray &data)
{
    if (isGzip(data))
        return gunzipWithinLimit(data);
    if (data.size() > MaxSvgBytes)
        return Failure{QStringLiteral("the SVG is %1, more than the limit of %2")
                           .arg(byteCountText(data.size()), byteCountText(MaxSvgBytes))};
    return data;
}

Result<QByteArray> svgWithoutExternalResources(const QByteArray &svgText)
{
    QXmlStreamReader reader(svgText);
    QByteArray out;
    QXmlStreamWriter writer(&out);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.hasError())
            break;
        if (reader.isStartElement() && reader.name() == u"image" && hasExternalHref(reader)) {
            reader.skipCurrentElement(); // the element and anything inside it
            continue;
        }
        writer.writeCurrentToken(reader);
    }
    if (reader.hasError())
        return Failure{QStringLiteral("not a valid SVG document (%1 at line %2)")
                           .arg(reader.errorString())
                           .arg(reader.lineNumber())};
    return out;
}

} // namespace ks
