#pragma once

#include "canceltoken.h"

#include <atomic>
#include <functional>
#include <mutex>

class QThreadPool;

// Internal to the engine: runs row bands on a thread pool. Scheduling only; what a band
// computes is the caller's pure function.
namespace ks::detail {

// Counts finished bands across all phases of a job and reports the fraction done,
// one call at a time, never decreasing.
class ProgressCounter
{
public:
    ProgressCounter(int totalBands, std::function<void(double)> report);
    void bandDone();

private:
    std::atomic<int> m_done{0};
    int m_total;
    std::function<void(double)> m_report;
    std::mutex m_mutex;
    int m_reported = 0;
};

class BandScheduler
{
public:
    static constexpr int BandRows = 16;
    static int bandCount(int rows) { return (rows + BandRows - 1) / BandRows; }

    // threads counts the calling thread, which always works too; pool may be null for 1.
    BandScheduler(QThreadPool *pool, int threads, CancelToken cancel, ProgressCounter *progress);

    // Calls task(y0, y1) for consecutive bands covering [0, rows). Returns false when the
    // cancel token stopped it before every band ran.
    bool run(int rows, const std::function<void(int y0, int y1)> &task);

private:
    QThreadPool *m_pool;
    int m_threads;
    CancelToken m_cancel;
    ProgressCounter *m_progress;
};

} // namespace ks::detail
