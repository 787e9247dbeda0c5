#include "histogram.h"

#include <algorithm>

namespace ks {

namespace {

// Rows converted at a time: a few hundred kilobytes, whatever the image's size.
constexpr int StripRows = 64;

bool isSixteenBit(const QImage &image)
{
    return image.depth() > 32 || image.format() == QImage::Format_Grayscale16;
}

// `rows` in RGBA order, one Sample per channel; `shift` brings a sample to a bin.
template <typename Sample>
void countRows(const QImage &rows, int shift, Histogram &histogram)
{
    auto &h = histogram.counts;
    for (int y = 0; y < rows.height(); ++y) {
        const auto *p = reinterpret_cast<const Sample *>(rows.constScanLine(y));
        for (int x = 0; x < rows.width(); ++x, p += 4) {
            const unsigned luma = (54u * p[0] + 183u * p[1] + 19u * p[2] + 128u) >> 8;
            ++h[Histogram::Red][p[0] >> shift];
            ++h[Histogram::Green][p[1] >> shift];
            ++h[Histogram::Blue][p[2] >> shift];
            ++h[Histogram::Alpha][p[3] >> shift];
            ++h[Histogram::Luminance][luma >> shift];
        }
    }
}

} // namespace

double Histogram::mean(Channel channel) const
{
    if (pixels == 0)
        return 0.0;
    double sum = 0.0;
    for (int bin = 0; bin < Bins; ++bin)
        sum += double(bin) * double(counts[channel][bin]);
    return sum / double(pixels);
}

std::optional<Histogram> histogramOf(const QImage &input, const CancelToken &cancel)
{
    // Palette images have no rows to reinterpret; they are small (8 bits per pixel at most).
    const QImage image = input.colorCount() > 0 ? input.convertToFormat(QImage::Format_ARGB32) : input;
    const bool deep = isSixteenBit(image);
    const QImage::Format work = deep ? QImage::Format_RGBA64 : QImage::Format_RGBA8888;
    Histogram histogram;
    for (int top = 0; top < image.height(); top += StripRows) {
        if (cancel.isCancelled())
            return std::nullopt;
        const int rows = std::min(StripRows, image.height() - top);
        // A view of the strip, without a copy; the conversion makes the only copy, strip-sized.
        const QImage strip(image.constScanLine(top), image.width(), rows, image.bytesPerLine(), image.format());
        const QImage converted = strip.convertToFormat(work);
        if (deep)
            countRows<quint16>(converted, 8, histogram);
        else
            countRows<uchar>(converted, 0, histogram);
    }
    histogram.pixels = qint64(image.width()) * image.height();
    return histogram;
}

} // namespace ks
