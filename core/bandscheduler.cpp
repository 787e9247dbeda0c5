#include "bandscheduler.h"

#include <QThreadPool>

#include <algorithm>
#include <latch>

namespace ks::detail {

ProgressCounter::ProgressCounter(int totalBands, std::function<void(double)> report)
    : m_total(std::max(totalBands, 1)), m_report(std::move(report))
{
}

void ProgressCounter::bandDone()
{
    const int done = ++m_done;
    if (!m_report)
        return;
    std::lock_guard lock(m_mutex);
    if (done <= m_reported)
        return; // a later band already reported a larger count
    m_reported = done;
    m_report(std::min(1.0, double(done) / m_total));
}

BandScheduler::BandScheduler(QThreadPool *pool, int threads, CancelToken cancel, ProgressCounter *progress)
    : m_pool(pool), m_threads(pool ? std::max(threads, 1) : 1), m_cancel(std::move(cancel)), m_progress(progress)
{
}

bool BandScheduler::run(int rows, const std::function<void(int, int)> &task)
{
    const int bands = bandCount(rows);
    std::atomic<int> next{0};
    std::atomic<int> completed{0};
    auto work = [&] {
        for (int band = next++; band < bands; band = next++) {
            if (m_cancel.isCancelled())
                return;
            const int y0 = band * BandRows;
            task(y0, std::min(rows, y0 + BandRows));
            ++completed;
            if (m_progress)
                m_progress->bandDone();
        }
    };

    const int helpers = std::min(m_threads, bands) - 1;
    std::latch finished(std::max(helpers, 0));
    for (int i = 0; i < helpers; ++i)
        m_pool->start([&] {
            work();
            finished.count_down();
        });
    work();
    finished.wait(); // helpers read this frame's state; they must be done before it ends
    return completed.load() == bands;
}

} // namespace ks::detail
