#pragma once

#include "filtersettings.h"
#include "simdkernels.h"
#include "transfercurve.h"

#include <QImage>

#include <vector>

// Internal to the engine: the float working copy of an image and the conversions in and out.
namespace ks::detail {

// Working values are four interleaved floats (R, G, B, A) per pixel, in the image's own
// units (0..255 for 8-bit sources, 0..65535 for 16-bit). The engine keeps only a few rows of
// them at a time, per worker, never a whole image.

// How one step turns pixels into working values and back. Working colour is straight or
// premultiplied by alpha (per AlphaMode), in the image's own encoding or in linear light,
// scaled to maxValue. Linear light undoes the transfer curve of the image's own colour space
// (sRGB's when it has none), so an Adobe RGB image is linearised with its 2.2 gamma.
struct PixelCodec
{
    bool sixteenBit = false;
    float maxValue = 255.0f;
    AlphaMode alpha = AlphaMode::Premultiplied;
    bool linearLight = false;
    std::shared_ptr<const TransferCurve> curve; // set when linearLight
};

// The source in the one layout the engine reads: RGBA8888, or RGBA64 for 16-bit images.
QImage engineLayout(const QImage &image);
PixelCodec codecFor(const QImage &engineImage, const FilterSettings &settings);

// Decodes `width` pixels of row y of an engine-layout image, from column x0, into out.
// Returns true when the fast 8-bit path saw only opaque pixels (false tells nothing).
bool decodeRow(const QImage &source, const PixelCodec &codec, int y, int x0, int width, float *out);

// How the filtered sums become pixels: value = factor * sum + bias (colour only), clamped.
// filterAlpha false keeps each pixel's original alpha (kernels that do not keep total
// weight, such as edge detectors, would otherwise erase it).
struct EncodeParams
{
    float factor = 1.0f;
    float bias = 0.0f; // in the image's own units
    bool filterAlpha = true;
};

// Whether pixels go through the vector decoder and encoder (SimdKernels::decode8, encode8,
// decode16, encode16): 8- and 16-bit images in their own encoding (not linear light). And the encoder's options for a row; opaqueInput as for encodeRow.
bool hasSimdCodec(const PixelCodec &codec);
EncodeOptions simdEncodeOptions(const PixelCodec &codec, const EncodeParams &params, bool opaqueInput);

// Writes `width` pixels of sums into row y of `target` (engine layout) from column x0.
// Kept alpha (filterAlpha false, AlphaMode::Ignore) is read from the same pixels of `source`.
// opaqueInput says every pixel the sums read was opaque (decodeRow returned true for all).
void encodeRow(const float *sums, const PixelCodec &codec, const EncodeParams &params, const QImage &source, int y,
               int x0, int width, bool opaqueInput, QImage &target);

// alpha=ignore: the result keeps the source's alpha. Copies the alpha of `pixels` RGBA pixels
// (8- or 16-bit channels) from one row to another.
template <typename Channel> void copyAlpha(const Channel *from, Channel *to, int pixels)
{
    for (int x = 0; x < pixels; ++x)
        to[4 * x + 3] = from[4 * x + 3];
}

// Decodes source row `row` into one pixel per virtual column: virtual column v is source
// column first + v, read as columns[v] says (borderIndices(first, count, ...); -1 is
// transparent black). True when every pixel read was opaque (false tells nothing).
bool decodePaddedRow(const QImage &source, const PixelCodec &codec, int row, int first, const std::vector<int> &columns,
                     float *line);

// The format the result is handed back in, given the source's format and the result.
QImage toOutputFormat(const QImage &result, QImage::Format sourceFormat);

} // namespace ks::detail
