#include "progress.h"

#include "clioptions.h"

#include <algorithm>
#include <cstdio>

namespace ks::cli {

namespace {

constexpr int BarWidth = 30;

QString clockText(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QString durationText(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds);
    return QStringLiteral("%1 s").arg(double(milliseconds) / 1000.0, 0, 'f', 2);
}

ProgressBar::ProgressBar(bool enabled) : m_enabled(enabled)
{
    m_started.start();
}

ProgressBar::~ProgressBar()
{
    finish();
}

void ProgressBar::update(double fraction, const QString &label)
{
    if (!m_enabled)
        return;
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_started.elapsed();
    if (now - m_lastDraw < 100 && fraction < 1.0)
        return;
    m_lastDraw = now;
    draw(std::clamp(fraction, 0.0, 1.0), label);
}

void ProgressBar::draw(double fraction, const QString &label)
{
    const int filled = int(fraction * BarWidth);
    QString line = QStringLiteral("%1 [%2%3] %4%")
                       .arg(label, QString(filled, u'#'), QString(BarWidth - filled, u' '))
                       .arg(int(fraction * 100), 3);
    const qint64 elapsed = m_started.elapsed();
    // An estimate from the first moments is noise; wait for some work to be done.
    if (fraction >= 1.0)
        line += QStringLiteral("  %1").arg(clockText(elapsed / 1000));
    else if (elapsed > 1000 && fraction > 0.02)
        line += QStringLiteral("  ETA %1").arg(clockText(qint64(double(elapsed) * (1 - fraction) / fraction / 1000)));
    const int width = int(line.size());
    // Pad over the rest of a longer previous line.
    line += QString(std::max(0, m_lastWidth - width), u' ');
    m_lastWidth = width;
    fprintf(console(), "\r%s", qPrintable(line));
    fflush(console());
}

void ProgressBar::clear()
{
    if (!m_enabled)
        return;
    const QMutexLocker lock(&m_mutex);
    if (m_lastWidth == 0)
        return;
    fprintf(console(), "\r%s\r", qPrintable(QString(m_lastWidth, u' ')));
    fflush(console());
    m_lastWidth = 0;
    m_lastDraw = -1000;
}

void ProgressBar::finish()
{
    if (!m_enabled)
        return;
    const QMutexLocker lock(&m_mutex);
    if (m_lastWidth > 0)
        fprintf(console(), "\n");
    m_lastWidth = 0;
}

} // namespace ks::cli
