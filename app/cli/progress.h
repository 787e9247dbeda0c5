#pragma once

#include <QElapsedTimer>
#include <QMutex>
#include <QString>

// A progress bar on stderr: one line redrawn in place ("\r"), with percentage and an
// estimate of the time left; at most ten redraws a second. update() may be called from
// any thread (the engine reports from its workers).
namespace ks::cli {

class ProgressBar
{
public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar(); // ends the line if one was drawn
    ProgressBar(const ProgressBar &) = delete;
    ProgressBar &operator=(const ProgressBar &) = delete;

    bool enabled() const { return m_enabled; }
    // fraction 0..1 of the whole work; `label` says what is being done (a file name)
    void update(double fraction, const QString &label);
    // Clears the bar so that a message can be printed on a clean line; the next update redraws.
    void clear();
    void finish();

private:
    void draw(double fraction, const QString &label);

    const bool m_enabled;
    QMutex m_mutex;
    QElapsedTimer m_started;
    qint64 m_lastDraw = -1000;
    int m_lastWidth = 0;
};

// "1.2 s", "340 ms"
QString durationText(qint64 milliseconds);

} // namespace ks::cli
