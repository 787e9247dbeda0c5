#include "metadata.h"

#include <exiv2/exiv2.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace ks {

namespace {

using Bytes = const Exiv2::byte *;

// Exiv2 0.27's XMP toolkit is not thread-safe, and its global state is set up on first use:
// every call into Exiv2 holds this lock (metadata is small; exports do not wait on each other long).
std::mutex &exiv2Mutex()
{
    static std::mutex mutex;
    static const bool initialized = Exiv2::XmpParser::initialize();
    Q_UNUSED(initialized);
    return mutex;
}

std::unique_ptr<Exiv2::Image> openBytes(const QByteArray &data)
{
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<Bytes>(data.constData()), long(data.size()));
    return std::unique_ptr<Exiv2::Image>(image.release());
}

// Tags that describe the source file's own layout (strips, tiles, compression, sample format)
// or its thumbnail: true of the source only, wrong in any other file.
bool isLayoutTag(const Exiv2::Exifdatum &datum)
{
    if (datum.groupName() != "Image")
        return datum.groupName() == "Thumbnail"; // IFD1
    static const char *const layout[] = {"ImageWidth", "ImageLength", "BitsPerSample", "Compression",
                                         "PhotometricInterpretation", "StripOffsets", "SamplesPerPixel",
                                         "RowsPerStrip", "StripByteCounts", "PlanarConfiguration", "TileWidth",
                                         "TileLength", "TileOffsets", "TileByteCounts", "ExtraSamples",
                                         "SampleFormat", "Predictor", "InterColorProfile", "NewSubfileType",
                                         "JPEGInterchangeFormat", "JPEGInterchangeFormatLength", "SubIFDs"};
    for (const char *name : layout)
        if (datum.tagName() == name)
            return true;
    return false;
}

void setText(Exiv2::ExifData &exif, const char *key, const std::string &value)
{
    exif[key] = value;
}

} // namespace

ImageMetadata readMetadata(const QByteArray &fileData)
{
    const std::lock_guard lock(exiv2Mutex());
    ImageMetadata metadata;
    try {
        std::unique_ptr<Exiv2::Image> image = openBytes(fileData);
        if (!image)
            return metadata;
        image->readMetadata();
        Exiv2::ExifData exif = image->exifData();
        for (auto it = exif.begin(); it != exif.end();)
            it = isLayoutTag(*it) ? exif.erase(it) : std::next(it);
        if (!exif.empty()) {
            Exiv2::Blob blob;
            Exiv2::ExifParser::encode(blob, Exiv2::littleEndian, exif);
            metadata.exif = QByteArray(reinterpret_cast<const char *>(blob.data()), qsizetype(blob.size()));
        }
        if (!image->iptcData().empty()) {
            const Exiv2::DataBuf buf = Exiv2::IptcParser::encode(image->iptcData());
            metadata.iptc = QByteArray(reinterpret_cast<const char *>(buf.pData_), qsizetype(buf.size_));
        }
        if (!image->xmpData().empty()) {
            std::string packet;
            if (Exiv2::XmpParser::encode(packet, image->xmpData(), Exiv2::XmpParser::omitPacketWrapper) == 0)
                metadata.xmp = QByteArray::fromStdString(packet);
        }
    } catch (...) { // Exiv2 reports everything it dislikes by throwing; metadata is a bonus
        return {};
    }
    return metadata;
}

Result<QByteArray> withMetadata(const QByteArray &encoded, const ImageMetadata &metadata, QSize pixels,
                                const QString &software)
{
    const std::lock_guard lock(exiv2Mutex());
    try {
        std::unique_ptr<Exiv2::Image> image = openBytes(encoded);
        const std::string mime = image ? image->mimeType() : std::string();
        if (mime != "image/jpeg" && mime != "image/png" && mime != "image/webp" && mime != "image/tiff")
            return encoded;
        image->readMetadata(); // keeps the ICC profile and, for TIFF, the file's own layout tags

        Exiv2::ExifData exif = image->exifData();
        if (!metadata.exif.isEmpty()) {
            Exiv2::ExifData source;
            Exiv2::ExifParser::decode(source, reinterpret_cast<Bytes>(metadata.exif.constData()),
                                      uint32_t(metadata.exif.size()));
            for (const Exiv2::Exifdatum &datum : source)
                if (exif.findKey(Exiv2::ExifKey(datum.key())) == exif.end())
                    exif.add(datum);
        }
        const std::string name = software.toStdString();
        setText(exif, "Exif.Image.Software", name);
        exif["Exif.Image.Orientation"] = uint16_t(1);
        if (exif.findKey(Exiv2::ExifKey("Exif.Photo.PixelXDimension")) != exif.end() || !metadata.exif.isEmpty()) {
            exif["Exif.Photo.PixelXDimension"] = uint32_t(pixels.width());
            exif["Exif.Photo.PixelYDimension"] = uint32_t(pixels.height());
        }
        image->setExifData(exif);

        if (!metadata.iptc.isEmpty()) {
            Exiv2::IptcData iptc;
            Exiv2::IptcParser::decode(iptc, reinterpret_cast<Bytes>(metadata.iptc.constData()),
                                      uint32_t(metadata.iptc.size()));
            image->setIptcData(iptc);
        }
        if (!metadata.xmp.isEmpty()) {
            Exiv2::XmpData xmp;
            if (Exiv2::XmpParser::decode(xmp, metadata.xmp.toStdString()) == 0) {
                for (const char *key : {"Xmp.tiff.Orientation"})
                    if (auto it = xmp.findKey(Exiv2::XmpKey(key)); it != xmp.end())
                        xmp[key] = "1";
                if (auto it = xmp.findKey(Exiv2::XmpKey("Xmp.exif.PixelXDimension")); it != xmp.end()) {
                    xmp["Xmp.exif.PixelXDimension"] = std::to_string(pixels.width());
                    xmp["Xmp.exif.PixelYDimension"] = std::to_string(pixels.height());
                }
                xmp["Xmp.xmp.CreatorTool"] = name;
                image->setXmpData(xmp);
            }
        }
        image->writeMetadata();
        Exiv2::BasicIo &io = image->io();
        io.seek(0, Exiv2::BasicIo::beg);
        const Exiv2::DataBuf all = io.read(long(io.size()));
        return QByteArray(reinterpret_cast<const char *>(all.pData_), qsizetype(all.size_));
    } catch (const std::exception &error) {
        return Failure{QStringLiteral("the metadata cannot be written (%1)").arg(QString::fromLocal8Bit(error.what()))};
    } catch (...) {
        return Failure{QStringLiteral("the metadata cannot be written")};
    }
}

QString metadataTag(const QByteArray &fileData, const QString &key)
{
    const std::lock_guard lock(exiv2Mutex());
    try {
        std::unique_ptr<Exiv2::Image> image = openBytes(fileData);
        if (!image)
            return {};
        image->readMetadata();
        const std::string k = key.toStdString();
        if (key.startsWith(QLatin1String("Exif."))) {
            const auto it = image->exifData().findKey(Exiv2::ExifKey(k));
            return it == image->exifData().end() ? QString() : QString::fromStdString(it->toString());
        }
        if (key.startsWith(QLatin1String("Iptc."))) {
            const auto it = image->iptcData().findKey(Exiv2::IptcKey(k));
            return it == image->iptcData().end() ? QString() : QString::fromStdString(it->toString());
        }
        const auto it = image->xmpData().findKey(Exiv2::XmpKey(k));
        return it == image->xmpData().end() ? QString() : QString::fromStdString(it->toString());
    } catch (...) {
        return {};
    }
}

} // namespace ks
