#pragma once

#include <QImage>
#include <QString>

// Colour profiles of images (Qt's QColorSpace, read from the file's ICC profile, PNG sRGB or
// gAMA+cHRM chunks). Pure functions, safe from any thread.
namespace ks {

// What loading and exporting do with an image's colour space.
enum class ColorHandling {
    Keep,         // filter in the image's own space, export with its profile embedded
    ConvertToSrgb // convert to sRGB on load, so filtering and the exported file are sRGB
};

// True when the image has no profile (taken as sRGB, as browsers and Qt do) or an sRGB one.
bool isSrgb(const QImage &image);

// The profile's name for people: its ICC description, "sRGB" for untagged images.
QString colorProfileName(const QImage &image);

// The image converted to sRGB and tagged so; itself (shared, no copy) when it is sRGB already.
// 8-bit images stay 8-bit and 16-bit ones 16-bit. A null result means out of memory.
QImage convertedToSrgb(const QImage &image);

} // namespace ks
