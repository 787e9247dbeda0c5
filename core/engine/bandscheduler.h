#pragma once

#include "canceltoken.h"

#include <functional>
#include <mutex>

class QThreadPool;

// Internal to the engine: runs bands on a thread pool. Scheduling only; what a band
// computes is the caller's pure function.
namespace ks::detail {

// Reports the fraction of a job done, one call at a time, never decreasing. A job is a
// number of equal steps; each step announces its bands, and each band is an equal part of it.
class ProgressCounter
{
public:
    ProgressCounter(int steps, std::function<void(double)> report);
    // Starts the next part of a step: `bands` bands that together make `share` of the step
    // (the parts of one step add up to 1).
    void startPart(int bands, double share);
    void bandDone();
    // The current part's bands are to be done again another way: what they added is taken
    // back (what was reported stays, so the fraction waits until the new work catches up).
    void takeBackPart();

private:
    std::function<void(double)> m_report;
    std::mutex m_mutex;
    double m_stepShare;
    double m_done = 0.0;
    double m_perBand = 0.0;
    int m_partBandsDone = 0;
    double m_reported = -1.0;
};

class BandScheduler
{
public:
    static int bandCount(int items, int bandSize) { return (items + bandSize - 1) / bandSize; }

    // threads counts the calling thread, which always works too; pool may be null for 1.
    BandScheduler(QThreadPool *pool, int threads, CancelToken cancel, ProgressCounter *progress);

    // How many workers may run a task at once; worker indices are below this.
    int workers() const { return m_threads; }

    // Calls task(begin, end, worker) for consecutive bands of `bandSize` items covering
    // [0, items). `worker` tells which of workers() runs it, so callers can keep per-worker
    // scratch buffers; which worker runs which band never changes a band's result. Returns
    // false when the cancel token stopped it before every band ran. `share` is the part of
    // the current step's progress these bands make.
    bool run(int items, int bandSize, const std::function<void(int begin, int end, int worker)> &task,
             double share = 1.0);
    // The last run's work is to be done again another way: takes back its progress.
    void takeBackProgress();

private:
    QThreadPool *m_pool;
    int m_threads;
    CancelToken m_cancel;
    ProgressCounter *m_progress;
};

} // namespace ks::detail
