#pragma once

#include "canceltoken.h"

#include <QImage>

#include <array>
#include <optional>

namespace ks {

// Pixel counts per channel in 256 equal bins, as GIMP's and Krita's histograms show them.
//
// Channels are the stored, straight values (a premultiplied image is unpremultiplied by Qt's
// conversion first; the loader and the engine give straight ones); 16-bit images are binned by their
// high byte (bin = value >> 8), so every bin is equally wide. Luminance is Rec. 709 luma on the
// stored values, (54 R + 183 G + 19 B + 128) >> 8, whose weights sum to 256. Gray images count
// the gray value in R, G, B and luminance; images without alpha count 255 in alpha.
struct Histogram
{
    static constexpr int Bins = 256;
    enum Channel
    {
        Luminance,
        Red,
        Green,
        Blue,
        Alpha,
        ChannelCount
    };

    std::array<std::array<quint64, Bins>, ChannelCount> counts{};
    qint64 pixels = 0;

    double mean(Channel channel) const; // in bins (0..255); 0 for an empty histogram
    bool operator==(const Histogram &) const = default;
};

// Counts every pixel of `image`, a strip of rows at a time (never a converted copy of the whole
// image). Safe on any thread; nothing when `cancel` is set before the last strip.
std::optional<Histogram> histogramOf(const QImage &image, const CancelToken &cancel = {});

} // namespace ks
