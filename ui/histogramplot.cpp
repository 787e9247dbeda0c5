#include "histogramplot.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace ks {

namespace {

// The log scale counts in millionths of the image, so that one pixel of a large image still
// rises above the axis and the scale does not depend on the image's size.
constexpr double LogUnits = 1e6;

} // namespace

HistogramPlot::HistogramPlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("histogramPlot"));
    setAccessibleName(tr("Histogram"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void HistogramPlot::setHistograms(const std::optional<Histogram> &original, const std::optional<Histogram> &result)
{
    m_original = original;
    m_result = result;
    update();
}

void HistogramPlot::setChannel(Histogram::Channel channel)
{
    m_channel = channel;
    update();
}

void HistogramPlot::setLogScale(bool on)
{
    m_log = on;
    update();
}

double HistogramPlot::barValue(const Histogram &histogram, int bin) const
{
    if (histogram.pixels == 0)
        return 0.0;
    const double share = double(histogram.counts[m_channel][bin]) / double(histogram.pixels);
    return m_log ? std::log1p(share * LogUnits) : share;
}

QList<double> HistogramPlot::heights(const Histogram &histogram, double tallest) const
{
    QList<double> out(Histogram::Bins, 0.0);
    if (tallest > 0.0)
        for (int bin = 0; bin < Histogram::Bins; ++bin)
            out[bin] = barValue(histogram, bin) / tallest;
    return out;
}

QColor HistogramPlot::channelColor() const
{
    switch (m_channel) {
    case Histogram::Red:
        return QColor(220, 50, 47);
    case Histogram::Green:
        return QColor(60, 170, 60);
    case Histogram::Blue:
        return QColor(38, 110, 220);
    default:
        return palette().color(QPalette::Text);
    }
}

void HistogramPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF area = QRectF(rect()).adjusted(4, 4, -4, -4);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(area.bottomLeft(), area.bottomRight());

    double tallest = 0.0;
    for (const std::optional<Histogram> &h : {m_original, m_result})
        if (h)
            for (int bin = 0; bin < Histogram::Bins; ++bin)
                tallest = std::max(tallest, barValue(*h, bin));
    const double step = area.width() / Histogram::Bins;
    const auto point = [&](int bin, double height) {
        return QPointF(area.left() + (bin + 0.5) * step, area.bottom() - height * area.height());
    };

    painter.setRenderHint(QPainter::Antialiasing);
    if (m_original) {
        const QList<double> h = heights(*m_original, tallest);
        QPainterPath fill(QPointF(area.left(), area.bottom()));
        for (int bin = 0; bin < Histogram::Bins; ++bin)
            fill.lineTo(point(bin, h[bin]));
        fill.lineTo(area.bottomRight());
        fill.closeSubpath();
        QColor grey = palette().color(QPalette::Text);
        grey.setAlphaF(0.25);
        painter.fillPath(fill, grey);
    }
    if (m_result) {
        const QList<double> h = heights(*m_result, tallest);
        QPolygonF line;
        for (int bin = 0; bin < Histogram::Bins; ++bin)
            line << point(bin, h[bin]);
        painter.setPen(QPen(channelColor(), 1.5));
        painter.drawPolyline(line);
    }
    drawLegend(painter, area);
}

// Which is which, in the top right corner: a grey swatch for the original, a line for the result.
void HistogramPlot::drawLegend(QPainter &painter, const QRectF &area) const
{
    const QFontMetricsF metrics(font());
    const QString original = tr("Original");
    const QString result = tr("Result");
    const double swatch = metrics.height() * 0.8;
    const double gap = metrics.averageCharWidth();
    const double width = 2 * (swatch + gap) + metrics.horizontalAdvance(original) + 2 * gap +
                         metrics.horizontalAdvance(result);
    double x = area.right() - width;
    const double y = area.top() + 2;
    QColor grey = palette().color(QPalette::Text);
    grey.setAlphaF(0.25);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRectF(x, y + (metrics.height() - swatch) / 2, swatch, swatch), grey);
    x += swatch + gap;
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QPointF(x, y + metrics.ascent()), original);
    x += metrics.horizontalAdvance(original) + 2 * gap;
    painter.setPen(QPen(channelColor(), 1.5));
    painter.drawLine(QPointF(x, y + metrics.height() / 2), QPointF(x + swatch, y + metrics.height() / 2));
    x += swatch + gap;
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QPointF(x, y + metrics.ascent()), result);
}

} // namespace ks
