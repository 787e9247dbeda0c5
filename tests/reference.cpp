#include "reference.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace ks::test {

int referenceCoordinate(int i, int n, BorderMode mode)
{
    if (i >= 0 && i < n)
        return i;
    switch (mode) {
    case BorderMode::Transparent:
        return -1;
    case BorderMode::Clamp:
    case BorderMode::Unfiltered:
        return std::clamp(i, 0, n - 1);
    case BorderMode::Wrap:
        while (i < 0)
            i += n;
        while (i >= n)
            i -= n;
        return i;
    case BorderMode::Reflect:
        if (n == 1)
            return 0;
        while (i < 0 || i >= n)
            i = i < 0 ? -i : 2 * (n - 1) - i;
        return i;
    }
    return -1;
}

ReferenceImage::ReferenceImage(const QImage &input)
    : sixteen(input.depth() >= 48 || input.format() == QImage::Format_Grayscale16),
      image(input.convertToFormat(sixteen ? QImage::Format_RGBA64 : QImage::Format_RGBA8888)),
      max(sixteen ? 65535.0 : 255.0)
{
}

ReferencePixel ReferenceImage::read(int x, int y) const
{
    if (sixteen) {
        const auto *p = reinterpret_cast<const quint16 *>(image.constScanLine(y)) + 4 * x;
        return {double(p[0]), double(p[1]), double(p[2]), double(p[3])};
    }
    const uchar *p = image.constScanLine(y) + 4 * x;
    return {double(p[0]), double(p[1]), double(p[2]), double(p[3])};
}

void ReferenceImage::write(QImage &out, int x, int y, const ReferencePixel &v) const
{
    for (int c = 0; c < 4; ++c) {
        const double clamped = std::clamp(std::floor(v[size_t(c)] + 0.5), 0.0, max);
        if (sixteen)
            reinterpret_cast<quint16 *>(out.scanLine(y))[4 * x + c] = quint16(clamped);
        else
            out.scanLine(y)[4 * x + c] = uchar(clamped);
    }
}

double srgbToLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double linearToSrgb(double c)
{
    return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

namespace {

// A source pixel in working form: linear if asked, premultiplied if asked.
ReferencePixel working(const ReferenceImage &in, int x, int y, const FilterSettings &s)
{
    ReferencePixel p = in.read(x, y);
    for (int c = 0; c < 3; ++c) {
        if (s.linearLight)
            p[size_t(c)] = in.max * srgbToLinear(p[size_t(c)] / in.max);
        if (s.alpha == AlphaMode::Premultiplied)
            p[size_t(c)] *= p[3] / in.max;
    }
    return p;
}

bool fullyCovered(int x, int y, const Kernel &k, const QSize &size)
{
    return x - k.anchorX() >= 0 && y - k.anchorY() >= 0 && x - k.anchorX() + k.width() <= size.width() &&
           y - k.anchorY() + k.height() <= size.height();
}

ReferencePixel filteredPixel(const ReferenceImage &in, int x, int y, const FilterSettings &s, const Kernel &k)
{
    ReferencePixel sum{0, 0, 0, 0};
    for (int j = 0; j < k.height(); ++j) {
        for (int i = 0; i < k.width(); ++i) {
            const int sx = referenceCoordinate(x - k.anchorX() + i, in.image.width(), s.border);
            const int sy = referenceCoordinate(y - k.anchorY() + j, in.image.height(), s.border);
            if (sx < 0 || sy < 0)
                continue;
            const ReferencePixel p = working(in, sx, sy, s);
            for (int c = 0; c < 4; ++c)
                sum[size_t(c)] += double(k.at(i, j)) * p[size_t(c)];
        }
    }

    const double originalAlpha = in.read(x, y)[3];
    const bool keepsWeight = std::abs(k.factor() * k.sum() - 1.0) < 1e-3;
    const double alpha =
        (s.alpha == AlphaMode::Ignore || !keepsWeight) ? originalAlpha : std::clamp(k.factor() * sum[3], 0.0, in.max);
    ReferencePixel out{};
    for (int c = 0; c < 3; ++c) {
        double v = k.factor() * sum[size_t(c)];
        if (s.alpha == AlphaMode::Premultiplied)
            v = alpha > 0 ? v * in.max / alpha : 0.0;
        v += k.bias() * in.max / 255.0;
        if (s.linearLight)
            v = in.max * linearToSrgb(std::clamp(v / in.max, 0.0, 1.0));
        out[size_t(c)] = v;
    }
    out[3] = alpha;
    return out;
}

} // namespace

QImage referenceApply(const QImage &image, const FilterSettings &s)
{
    const ReferenceImage in(image);
    const Kernel k = s.kernel();
    QImage out = in.image.copy();
    const QRect region = s.region.value_or(out.rect());
    for (int y = 0; y < out.height(); ++y) {
        for (int x = 0; x < out.width(); ++x) {
            if (!region.contains(x, y))
                continue;
            if (s.border == BorderMode::Unfiltered && !fullyCovered(x, y, k, out.size()))
                continue;
            in.write(out, x, y, filteredPixel(in, x, y, s, k));
        }
    }
    return out;
}

QImage referenceSeparable(const QImage &image, const std::vector<float> &rowTaps,
                          const std::vector<float> &columnTaps, BorderMode border, bool keepAlpha)
{
    const QImage in = image.convertToFormat(QImage::Format_RGBA8888);
    const int w = in.width(), h = in.height();
    const int rx = int(rowTaps.size()) / 2, ry = int(columnTaps.size()) / 2;
    std::vector<double> rows(size_t(w) * size_t(h) * 4, 0.0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (size_t i = 0; i < rowTaps.size(); ++i) {
                const int sx = referenceCoordinate(x - rx + int(i), w, border);
                if (sx < 0)
                    continue;
                for (int c = 0; c < 4; ++c)
                    rows[(size_t(y) * size_t(w) + size_t(x)) * 4 + size_t(c)] +=
                        double(rowTaps[i]) * in.constScanLine(y)[4 * sx + c];
            }
    QImage out = in.copy();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < (keepAlpha ? 3 : 4); ++c) {
                double sum = 0.0;
                for (size_t j = 0; j < columnTaps.size(); ++j) {
                    const int sy = referenceCoordinate(y - ry + int(j), h, border);
                    if (sy >= 0)
                        sum += double(columnTaps[j]) * rows[(size_t(sy) * size_t(w) + size_t(x)) * 4 + size_t(c)];
                }
                out.scanLine(y)[4 * x + c] = uchar(std::clamp(std::floor(sum + 0.5), 0.0, 255.0));
            }
    return out;
}

} // namespace ks::test
