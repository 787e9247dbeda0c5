#include "bandscheduler.h"

#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <latch>

namespace ks::detail {

ProgressCounter::ProgressCounter(int steps, std::function<void(double)> report)
    : m_report(std::move(report)), m_stepShare(1.0 / std::max(steps, 1))
{
}

void ProgressCounter::startPart(int bands, double share)
{
    std::lock_guard lock(m_mutex);
    m_perBand = m_stepShare * share / std::max(bands, 1);
    m_partBandsDone = 0;
}

void ProgressCounter::bandDone()
{
    std::lock_guard lock(m_mutex);
    m_done += m_perBand;
    ++m_partBandsDone;
    const double fraction = std::min(1.0, m_done);
    if (!m_report || fraction <= m_reported)
        return;
    m_reported = fraction;
    m_report(fraction);
}

void ProgressCounter::takeBackPart()
{
    std::lock_guard lock(m_mutex);
    m_done -= m_perBand * m_partBandsDone;
    m_partBandsDone = 0;
}

BandScheduler::BandScheduler(QThreadPool *pool, int threads, CancelToken cancel, ProgressCounter *progress)
    : m_pool(pool), m_threads(pool ? std::max(threads, 1) : 1), m_cancel(std::move(cancel)), m_progress(progress)
{
}

bool BandScheduler::run(int items, int bandSize, const std::function<void(int, int, int)> &task, double share)
{
    bandSize = std::max(bandSize, 1);
    const int bands = bandCount(items, bandSize);
    if (m_progress)
        m_progress->startPart(bands, share);
    std::atomic<int> next{0};
    std::atomic<int> completed{0};
    auto work = [&](int worker) {
        for (int band = next++; band < bands; band = next++) {
            if (m_cancel.isCancelled())
                return;
            const int begin = band * bandSize;
            task(begin, std::min(items, begin + bandSize), worker);
            ++completed;
            if (m_progress)
                m_progress->bandDone();
        }
    };

    const int helpers = std::min(m_threads, bands) - 1;
    std::latch finished(std::max(helpers, 0));
    // The pool's queue orders this thread's writes (source, settings, this frame) before the
    // helpers' reads, but inside Qt, which ThreadSanitizer does not see: this release/acquire
    // pair states the same order where it can, so TSan checks the workers instead of reporting
    // the hand-off. (The latch orders the helpers' writes before the return the same way.)
    std::atomic<bool> handedOver{false};
    handedOver.store(true, std::memory_order_release);
    for (int i = 0; i < helpers; ++i)
        m_pool->start([&, i] {
            (void)handedOver.load(std::memory_order_acquire);
            work(i + 1);
            finished.count_down();
        });
    work(0);
    finished.wait(); // helpers read this frame's state; they must be done before it ends
    return completed.load() == bands;
}

void BandScheduler::takeBackProgress()
{
    if (m_progress)
        m_progress->takeBackPart();
}

} // namespace ks::detail
