#pragma once

#include "histogram.h"

#include <QWidget>

class QPainter;

#include <optional>

namespace ks {

// Draws the histograms of one channel of the original (a filled grey area) and of the result (a
// line in the channel's colour) over the same axes, so that what a filter moved shows at a glance.
// Each is drawn as a share of its own pixels, so a reduced preview compares with the original;
// the log scale shows the sparse bins a linear one flattens to nothing.
class HistogramPlot : public QWidget
{
    Q_OBJECT

public:
    explicit HistogramPlot(QWidget *parent = nullptr);

    void setHistograms(const std::optional<Histogram> &original, const std::optional<Histogram> &result);
    void setChannel(Histogram::Channel channel);
    void setLogScale(bool on);
    Histogram::Channel channel() const { return m_channel; }
    bool logScale() const { return m_log; }

    QSize sizeHint() const override { return {280, 140}; }
    QSize minimumSizeHint() const override { return {120, 60}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    // Bar heights 0..1 of `histogram`'s channel, against the tallest bar of both histograms.
    QList<double> heights(const Histogram &histogram, double tallest) const;
    double barValue(const Histogram &histogram, int bin) const;
    QColor channelColor() const;
    void drawLegend(QPainter &painter, const QRectF &area) const;

    std::optional<Histogram> m_original;
    std::optional<Histogram> m_result;
    Histogram::Channel m_channel = Histogram::Luminance;
    bool m_log = false;
};

} // namespace ks
