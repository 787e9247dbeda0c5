#pragma once

#include "histogram.h"
#include "latestonly.h"

#include <QDockWidget>
#include <QFutureWatcher>
#include <QImage>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;

namespace ks {

class HistogramPlot;

// One histogram kept up to date off the GUI thread: a new image cancels the count in flight,
// and a count of an older image is dropped when it ends (Generation). Counting waits for
// update(), so a hidden dock costs nothing.
class HistogramCounter
{
public:
    explicit HistogramCounter(std::function<void()> changed);
    ~HistogramCounter(); // a count in flight is cancelled; its worker ends on its own

    void setImage(const QImage &image); // the histogram is stale (none) until update() counts it
    void update();                      // counts the image set last, unless done or under way
    const std::optional<Histogram> &histogram() const { return m_histogram; }
    bool isCounting() const { return m_watcher.isRunning(); }

private:
    std::function<void()> m_changed;
    QImage m_image;
    bool m_due = false;
    std::optional<Histogram> m_histogram;
    Generation m_generation;
    Generation::Tag m_jobTag = 0;
    CancelToken m_cancel;
    QFutureWatcher<std::optional<Histogram>> m_watcher;
};

// The Histogram dock: the original's and the result's histograms of one channel (luminance, R,
// G, B or A), linear or log scale, and a line with both means. Follows setOriginal() and
// setResult(); counts on worker threads, and only while the dock is shown.
class HistogramDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit HistogramDock(QWidget *parent = nullptr);

    void setOriginal(const QImage &image); // also forgets the result: it belonged to the last one
    void setResult(const QImage &image);

    const std::optional<Histogram> &originalHistogram() const { return m_original.histogram(); }
    const std::optional<Histogram> &resultHistogram() const { return m_result.histogram(); }
    bool isCounting() const { return m_original.isCounting() || m_result.isCounting(); }
    HistogramPlot *plot() const { return m_plot; }

signals:
    void histogramsChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void countIfShown();
    void refresh();

    HistogramCounter m_original;
    HistogramCounter m_result;
    QComboBox *m_channel = nullptr;
    QCheckBox *m_log = nullptr;
    HistogramPlot *m_plot = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace ks
