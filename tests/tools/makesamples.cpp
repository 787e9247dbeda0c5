// Writes resources/samples/photo.png: a procedural, photo-like test picture with
// transparency, so that blurs, sharpening, emboss and edge detection all show something.
#include "imageio.h"

#include <QGuiApplication>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QRandomGenerator>

namespace {

// A cloud of overlapping blobs that fade out: soft edges, so blurs barely change it while
// edge detectors find almost nothing, next to the hard shapes where both show plainly.
void paintCloud(QPainter &p, const QPointF &centre, double scale)
{
    const QPointF offsets[] = {{-1.0, 0.2}, {-0.3, -0.3}, {0.4, -0.1}, {1.0, 0.25}, {0.1, 0.35}};
    p.setPen(Qt::NoPen);
    for (const QPointF &offset : offsets) {
        const QPointF c = centre + offset * scale;
        QRadialGradient blob(c, scale * 0.75);
        blob.setColorAt(0, QColor(255, 255, 255, 200));
        blob.setColorAt(0.5, QColor(255, 255, 255, 120));
        blob.setColorAt(1, QColor(255, 255, 255, 0));
        p.setBrush(blob);
        p.drawEllipse(c, scale * 0.75, scale * 0.75);
    }
}

void paintScene(QPainter &p, const QSize &size)
{
    const int w = size.width(), h = size.height();
    QLinearGradient sky(0, 0, 0, h * 0.6);
    sky.setColorAt(0, QColor(40, 90, 170));
    sky.setColorAt(1, QColor(250, 200, 150));
    p.fillRect(QRect(0, 0, w, h), sky);
    paintCloud(p, QPointF(w * 0.2, h * 0.5), 34);
    paintCloud(p, QPointF(w * 0.58, h * 0.12), 26);

    QRadialGradient sun(w * 0.75, h * 0.3, h * 0.18);
    sun.setColorAt(0, QColor(255, 250, 220));
    sun.setColorAt(0.6, QColor(255, 190, 90));
    sun.setColorAt(1, QColor(255, 190, 90, 0));
    p.setPen(Qt::NoPen);
    p.setBrush(sun);
    p.drawEllipse(QPointF(w * 0.75, h * 0.3), h * 0.18, h * 0.18);

    QPainterPath hills;
    hills.moveTo(0, h * 0.65);
    hills.cubicTo(w * 0.25, h * 0.45, w * 0.45, h * 0.8, w * 0.7, h * 0.55);
    hills.cubicTo(w * 0.85, h * 0.45, w * 0.95, h * 0.6, w, h * 0.58);
    hills.lineTo(w, h);
    hills.lineTo(0, h);
    QLinearGradient grass(0, h * 0.5, 0, h);
    grass.setColorAt(0, QColor(70, 140, 60));
    grass.setColorAt(1, QColor(20, 60, 25));
    p.setBrush(grass);
    p.drawPath(hills);

    // Hard edges and fine detail: a checkerboard, stripes and text.
    const int cell = 8;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 12; ++x)
            p.fillRect(40 + x * cell, 40 + y * cell, cell, cell, (x + y) % 2 ? Qt::black : Qt::white);
    p.setPen(QPen(QColor(250, 250, 250), 1));
    for (int i = 0; i < 12; ++i)
        p.drawLine(40, 130 + 3 * i, 200, 130 + 3 * i);
    p.setPen(QPen(QColor(200, 30, 40), 4));
    p.setBrush(QColor(60, 110, 220, 170));
    p.drawEllipse(QPointF(w * 0.42, h * 0.3), 50, 50);
    p.setPen(Qt::white);
    QFont font(QStringLiteral("DejaVu Sans"), 30, QFont::Bold);
    p.setFont(font);
    p.drawText(QRect(0, int(h * 0.78), w, int(h * 0.2)), Qt::AlignCenter, QStringLiteral("Kernel Studio"));
}

void addNoise(QImage &image)
{
    QRandomGenerator random(2026);
    for (int y = 0; y < image.height(); ++y) {
        auto *px = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int n = int(random.bounded(17)) - 8;
            const QRgb c = px[x];
            px[x] = qRgba(std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255),
                          std::clamp(qBlue(c) + n, 0, 255), qAlpha(c));
        }
    }
}

// A rounded rectangle with a soft edge; the top-right corner is cut away entirely.
void applyAlphaMask(QImage &image)
{
    QImage mask(image.size(), QImage::Format_ARGB32_Premultiplied);
    mask.fill(Qt::transparent);
    QPainter p(&mask);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 12; ++i) { // stacked translucent outlines make a soft edge
        p.setBrush(QColor(0, 0, 0, 22));
        p.drawRoundedRect(QRectF(mask.rect()).adjusted(i, i, -i, -i), 40, 40);
    }
    p.setBrush(Qt::black);
    p.drawRoundedRect(QRectF(mask.rect()).adjusted(12, 12, -12, -12), 34, 34);
    p.setCompositionMode(QPainter::CompositionMode_Clear);
    p.drawPolygon(QPolygonF(
        {QPointF(image.width() * 0.8, 0), QPointF(image.width(), 0), QPointF(image.width(), image.height() * 0.3)}));
    p.end();
    QPainter q(&image);
    q.setCompositionMode(QPainter::CompositionMode_DestinationIn);
    q.drawImage(0, 0, mask);
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("photo.png");
    QImage image(640, 400, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        paintScene(p, image.size());
    }
    image = image.convertToFormat(QImage::Format_ARGB32);
    addNoise(image);
    image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    applyAlphaMask(image);
    const QString error = ks::saveImage(image.convertToFormat(QImage::Format_ARGB32), path).error();
    if (!error.isEmpty()) {
        fprintf(stderr, "make-samples: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}
