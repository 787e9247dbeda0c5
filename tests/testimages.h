#pragma once

#include <QImage>

// Seeded test images and pixel comparisons shared by the suites.
namespace ks::test {

enum class AlphaContent
{
    Opaque, // alpha at maximum everywhere
    Random, // every pixel a random alpha, colour random too
    Shapes, // an opaque disk on fully transparent black
};

// A textured image (seeded noise, smoothed a little so kernels see structure).
QImage makeImage(int width, int height, QImage::Format format, AlphaContent alpha, quint32 seed);

// Largest absolute difference of any channel, in the images' own units (both are converted
// to RGBA64 when either is 16-bit, else to RGBA8888). -1 when sizes differ.
int maxChannelDifference(const QImage &a, const QImage &b);

} // namespace ks::test

#include "filterregistry.h"
#include "filtersettings.h"

// The filter of that spec name at its defaults (the name must be registered).
inline ks::FilterSettings filterNamed(const char *name)
{
    return ks::FilterSettings(*ks::findFilter(QLatin1String(name)));
}
