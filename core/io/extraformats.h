#pragma once

#include "result.h"

#include <QByteArray>
#include <QImage>

// The formats Qt's plugins do not read or write the way the command line needs: Netpbm with
// 16-bit samples (PGM/PPM P5/P6 with a maxval above 255, and PAM P7), and GIF writing.
// Used by imageio.cpp only; pure functions of their arguments, safe from any thread.
namespace ks::formats {

// A binary PGM/PPM (P5/P6) or a PAM (P7: GRAYSCALE, GRAYSCALE_ALPHA, RGB, RGB_ALPHA), 8 or 16
// bits per sample: the bytes begin "P5", "P6" or "P7". Maxvals other than 255/65535 are scaled.
bool isNetpbm(QByteArrayView data);
// The image (Grayscale8/16, RGB32, ARGB32 or RGBA64, never premultiplied), or why not.
// `maxPixels` is checked on the header before any pixel is allocated.
Result<QImage> decodeNetpbm(QByteArrayView data, qint64 maxPixels);

// P6 (colour) or P5 (`gray`), maxval 65535 for 16-bit images and 255 for the rest. Netpbm has no
// alpha: it is dropped, colours written as stored.
QByteArray encodeNetpbm(const QImage &image, bool gray);

// GIF89a, one frame, 8-bit palette: up to 255 colours exactly, more through Qt's colour
// reduction (a 216-colour cube, dithered); pixels with alpha below 128 become the one
// transparent index.
QByteArray encodeGif(const QImage &image);

} // namespace ks::formats
