#include "testimages.h"

#include <QPainter>
#include <QRandomGenerator>

#include <cmath>

namespace ks::test {

namespace {

bool isSixteenBit(const QImage &image)
{
    return image.depth() >= 48 || image.format() == QImage::Format_Grayscale16;
}

} // namespace

QImage makeImage(int width, int height, QImage::Format format, AlphaContent alpha, quint32 seed)
{
    QRandomGenerator random(seed);
    QImage image(width, height, QImage::Format_RGBA64);
    const double cx = width / 2.0, cy = height / 2.0, radius = std::min(width, height) / 3.0;
    for (int y = 0; y < height; ++y) {
        auto *px = reinterpret_cast<quint16 *>(image.scanLine(y));
        for (int x = 0; x < width; ++x, px += 4) {
            // A gradient plus noise: smooth parts and sharp parts for every kernel to act on.
            const int base = int(65535.0 * (x + y) / (width + height));
            for (int c = 0; c < 3; ++c)
                px[c] = quint16(std::clamp(base / 2 + int(random.bounded(32768)) - c * 4000, 0, 65535));
            switch (alpha) {
            case AlphaContent::Opaque:
                px[3] = 65535;
                break;
            case AlphaContent::Random:
                px[3] = quint16(random.bounded(65536));
                break;
            case AlphaContent::Shapes: {
                const bool inside = std::hypot(x + 0.5 - cx, y + 0.5 - cy) < radius;
                if (!inside)
                    px[0] = px[1] = px[2] = 0;
                px[3] = inside ? 65535 : 0;
                break;
            }
            }
        }
    }
    return image.convertToFormat(format);
}

int maxChannelDifference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return -1;
    const bool sixteen = isSixteenBit(a) || isSixteenBit(b);
    const QImage::Format f = sixteen ? QImage::Format_RGBA64 : QImage::Format_RGBA8888;
    const QImage ca = a.convertToFormat(f), cb = b.convertToFormat(f);
    int worst = 0;
    for (int y = 0; y < ca.height(); ++y) {
        for (int x = 0; x < ca.width() * 4; ++x) {
            const int va = sixteen ? reinterpret_cast<const quint16 *>(ca.constScanLine(y))[x] : ca.constScanLine(y)[x];
            const int vb = sixteen ? reinterpret_cast<const quint16 *>(cb.constScanLine(y))[x] : cb.constScanLine(y)[x];
            worst = std::max(worst, std::abs(va - vb));
        }
    }
    return worst;
}

} // namespace ks::test
