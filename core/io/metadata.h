#pragma once

#include "result.h"

#include <QByteArray>
#include <QSize>
#include <QString>

// EXIF, IPTC and XMP carried from a source file to an exported one, through Exiv2 (the
// library digiKam and GIMP use). Safe to call from any thread; Exiv2 is kept out of this header.
namespace ks {

// The source's metadata, serialised (cheap to copy: QByteArray shares its data).
struct ImageMetadata
{
    QByteArray exif; // EXIF as a TIFF structure (Exiv2's ExifParser), thumbnail and layout tags removed
    QByteArray iptc; // IPTC IIM records
    QByteArray xmp;  // the XMP packet

    bool isEmpty() const { return exif.isEmpty() && iptc.isEmpty() && xmp.isEmpty(); }
};

// What the file's bytes carry; empty for formats or files without any (and for files Exiv2
// cannot parse: metadata never stops an image from opening).
ImageMetadata readMetadata(const QByteArray &fileData);

// `encoded` (a whole JPEG, PNG, WebP or TIFF file) with `metadata` written into it: Orientation
// set to normal (the pixels are already upright), the pixel dimensions set to `pixels`, Software
// set to `software`. The embedded ICC profile is kept. Other formats come back unchanged.
Result<QByteArray> withMetadata(const QByteArray &encoded, const ImageMetadata &metadata, QSize pixels,
                                const QString &software);

// One tag of a file, as text ("Exif.Image.Artist", "Iptc.Application2.Caption",
// "Xmp.dc.creator"); empty when absent. For tests and `kernel-studio-cli info`-style tools.
QString metadataTag(const QByteArray &fileData, const QString &key);

} // namespace ks
