#include "histogramdock.h"

#include "histogramplot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ks {

HistogramCounter::HistogramCounter(std::function<void()> changed) : m_changed(std::move(changed))
{
    QObject::connect(&m_watcher, &QFutureWatcherBase::finished, &m_watcher, [this] {
        const bool current = m_generation.isCurrent(m_jobTag) && m_watcher.future().resultCount() > 0;
        if (current && m_watcher.result()) {
            m_histogram = m_watcher.result();
            m_changed();
        }
        update(); // an image that arrived meanwhile
    });
}

HistogramCounter::~HistogramCounter()
{
    m_cancel.cancel();
    m_watcher.disconnect();
}

void HistogramCounter::setImage(const QImage &image)
{
    m_generation.bump();
    m_cancel.cancel();
    m_image = image;
    m_due = !image.isNull();
    if (m_histogram) {
        m_histogram.reset();
        m_changed();
    }
}

void HistogramCounter::update()
{
    if (!m_due || m_watcher.isRunning())
        return; // a running count is cancelled already; its end calls update() again
    m_due = false;
    m_jobTag = m_generation.current();
    m_cancel = CancelToken();
    m_watcher.setFuture(QtConcurrent::run([image = m_image, cancel = m_cancel] { return histogramOf(image, cancel); }));
}

HistogramDock::HistogramDock(QWidget *parent)
    : QDockWidget(tr("Histogram"), parent), m_original([this] { refresh(); }), m_result([this] { refresh(); })
{
    setObjectName(QStringLiteral("histogramDock"));
    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("histogramPanel"));

    m_channel = new QComboBox(content);
    m_channel->setObjectName(QStringLiteral("histogramChannel"));
    m_channel->setAccessibleName(tr("Histogram channel"));
    m_channel->addItem(tr("Luminance"), Histogram::Luminance);
    m_channel->addItem(tr("Red"), Histogram::Red);
    m_channel->addItem(tr("Green"), Histogram::Green);
    m_channel->addItem(tr("Blue"), Histogram::Blue);
    m_channel->addItem(tr("Alpha"), Histogram::Alpha);
    m_log = new QCheckBox(tr("&Log scale"), content);
    m_log->setObjectName(QStringLiteral("histogramLog"));
    m_log->setAccessibleName(tr("Log scale"));
    m_plot = new HistogramPlot(content);
    m_plot->setAccessibleDescription(
        tr("Grey area: the original; line: the result; each as a share of its pixels, dark to light"));
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("histogramSummary"));
    m_summary->setAccessibleName(tr("Histogram summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_channel, 1);
    controls->addWidget(m_log);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_summary);
    setWidget(content);

    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        m_plot->setChannel(Histogram::Channel(m_channel->currentData().toInt()));
        refresh();
    });
    connect(m_log, &QCheckBox::toggled, m_plot, &HistogramPlot::setLogScale);
    refresh();
}

void HistogramDock::setOriginal(const QImage &image)
{
    m_original.setImage(image);
    m_result.setImage({});
    countIfShown();
}

void HistogramDock::setResult(const QImage &image)
{
    m_result.setImage(image);
    countIfShown();
}

void HistogramDock::showEvent(QShowEvent *event)
{
    QDockWidget::showEvent(event);
    countIfShown();
}

void HistogramDock::countIfShown()
{
    if (!isVisible())
        return;
    m_original.update();
    m_result.update();
}

void HistogramDock::refresh()
{
    const auto &original = m_original.histogram();
    const auto &result = m_result.histogram();
    m_plot->setHistograms(original, result);
    const auto channel = Histogram::Channel(m_channel->currentData().toInt());
    const auto mean = [channel](const std::optional<Histogram> &h) {
        return h ? QString::number(h->mean(channel), 'f', 1) : QStringLiteral("–");
    };
    m_summary->setText(tr("%1 mean: original %2, result %3")
                           .arg(m_channel->currentText(), mean(original), mean(result)));
    emit histogramsChanged();
}

} // namespace ks
