#pragma once

#include "filtersettings.h"

#include <QImage>

#include <vector>

// Internal to the engine: the float working copy of an image and the conversions in and out.
namespace ks::detail {

// Four interleaved floats (R, G, B, A) per pixel, in the image's own units
// (0..255 for 8-bit sources, 0..65535 for 16-bit), row-major, no padding.
class WorkImage
{
public:
    WorkImage() = default;
    WorkImage(int width, int height);

    int width() const { return m_width; }
    int height() const { return m_height; }
    float *row(int y) { return m_data.data() + size_t(y) * size_t(m_width) * 4; }
    const float *row(int y) const { return m_data.data() + size_t(y) * size_t(m_width) * 4; }

private:
    int m_width = 0;
    int m_height = 0;
    std::vector<float> m_data;
};

// How one step turns pixels into working values and back. Working colour is straight or
// premultiplied by alpha (per AlphaMode), in sRGB or linear light, scaled to maxValue.
struct PixelCodec
{
    bool sixteenBit = false;
    float maxValue = 255.0f;
    AlphaMode alpha = AlphaMode::Premultiplied;
    bool linearLight = false;
};

// The source in the one layout the engine reads: RGBA8888, or RGBA64 for 16-bit images.
QImage engineLayout(const QImage &image);
PixelCodec codecFor(const QImage &engineImage, const FilterSettings &settings);

// Decodes rows [y0, y1) of an engine-layout image into the working copy.
void decodeRows(const QImage &source, const PixelCodec &codec, int y0, int y1, WorkImage &out);

// How the filtered sums become pixels: value = factor * sum + bias (colour only), clamped.
// filterAlpha false keeps each pixel's original alpha (kernels that do not keep total
// weight, such as edge detectors, would otherwise erase it).
struct EncodeParams
{
    float factor = 1.0f;
    float bias = 0.0f; // in the image's own units
    bool filterAlpha = true;
};

// Writes sums row (y - outRect.top()) of `sums` into row y of `target` (engine layout,
// a copy of the source) for the columns of outRect, for every y in [y0, y1).
void encodeRows(const WorkImage &sums, const QRect &outRect, const PixelCodec &codec, const EncodeParams &params,
                int y0, int y1, QImage &target);

// The format the result is handed back in, given the source's format and the result.
QImage toOutputFormat(const QImage &result, QImage::Format sourceFormat);

} // namespace ks::detail
