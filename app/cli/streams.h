#pragma once

#include "imageio.h"

#include <QString>

// Where images come from and go to: files, or standard input and output for "-" (also
// /dev/stdin and /dev/stdout), so the command line composes in pipelines.
namespace ks::cli {

// Standard input is read whole, up to this many bytes (the pixels of the largest image
// loadImage accepts at 16 bits per channel, plus room for a header): an endless stream is
// refused instead of filling memory.
constexpr qint64 MaxStdinBytes = MaxImagePixels * 8 + 16 * 1024 * 1024;

bool isStandardInput(const QString &path);  // "-" or /dev/stdin
bool isStandardOutput(const QString &path); // "-" or /dev/stdout

// A file through loadImage, or standard input sniffed from its bytes.
Result<LoadedImage> loadInput(const QString &path, const LoadOptions &options);

// A file through saveImage (type from the extension), or standard output in `format`
// (png, jpg, webp, tif, bmp, ppm, pgm, gif): encoded whole first, so a refusal writes nothing.
Status writeOutput(const QImage &image, const QString &path, const QString &format, const SaveOptions &options);

} // namespace ks::cli
