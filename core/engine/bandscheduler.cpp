#include "bandscheduler.h"

#include <QRunnable>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <latch>

#if defined(__SANITIZE_THREAD__)
#define KS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KS_TSAN 1
#endif
#endif
#ifdef KS_TSAN
extern "C" void __tsan_acquire(void *address);
extern "C" void __tsan_release(void *address);
#endif

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

namespace {

// One helper's share of a run, handed to the pool. The pool's queue orders the caller's writes
// (source, settings, the run's frame, this task) before the helper reads them, but with a futex
// inside Qt, which ThreadSanitizer does not see: under TSan the task states that order itself
// (release when made, acquire first thing on the pool's thread), so TSan checks the bands
// instead of reporting the hand-off.
class HelperTask final : public QRunnable
{
public:
    explicit HelperTask(std::function<void()> body) : m_body(std::move(body))
    {
#ifdef KS_TSAN
        __tsan_release(this);
#endif
    }

    void run() override
    {
#ifdef KS_TSAN
        __tsan_acquire(this);
#endif
        m_body();
    }

private:
    std::function<void()> m_body;
};

} // namespace

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
    std::latch finished(std::max(helpers, 0)); // orders the helpers' writes before the return
    for (int i = 0; i < helpers; ++i)
        m_pool->start(new HelperTask([&, i] {
            work(i + 1);
            finished.count_down();
        }));
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
