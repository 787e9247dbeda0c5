#pragma once

#include "canceltoken.h"
#include "engine.h"
#include "latestonly.h"
#include "recipe.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QSize>

#include <memory>

namespace ks {

// Turns edits into renders without ever filtering on the GUI thread.
//
// Every change (source, recipe, display size) bumps a generation and cancels the render in
// flight. At most one render runs at a time; changes that arrive meanwhile only remember
// that another render is due, so a burst of slider moves costs one cancelled render and one
// render of the last settings. A result whose generation is stale is dropped.
//
// Sources above QuickRenderPixels get a quick render first: the source scaled down to the
// display size with the filter scaled to match (sizes and sigma shrink with the image), and
// then the exact full-resolution render. Only the full render equals what export writes.
//
// Lives on the GUI thread; all signals are emitted there.
class PreviewController : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 QuickRenderPixels = 2'000'000;

    explicit PreviewController(std::shared_ptr<const Engine> engine, QObject *parent = nullptr);
    ~PreviewController() override; // cancels and waits for the render in flight

    void setSource(const QImage &source);
    void setRecipe(const Recipe &recipe);
    // The size, in device pixels, the result is shown at; quick renders are made for it.
    void setDisplaySize(const QSize &size);

    const QImage &source() const { return m_source; }
    const Recipe &recipe() const { return m_recipe; }
    quint64 generation() const { return m_generation.current(); }
    bool isBusy() const { return m_running; }
    // The last full-resolution result of the current generation, null until it is ready.
    const QImage &fullResult() const { return m_fullResult; }

    // The recipe adapted to an image `scale` times the source's size (quick renders).
    static Recipe scaledRecipe(const Recipe &recipe, double scale);

signals:
    // A new result for the current settings: `full` tells whether it is the exact one.
    void resultReady(const QImage &image, bool full, double milliseconds);
    void renderFailed(const QString &reason);
    void progressChanged(double fraction); // of the full render, 0..1
    void busyChanged(bool busy);

private:
    enum class Pass
    {
        Quick,
        Full
    };
    struct Job
    {
        Generation::Tag generation;
        Pass pass;
        Result<QImage> result = Failure{};
        bool cancelled = false; // the result is a cancellation, not a failure
        double milliseconds = 0;
        QImage quickSource; // the scaled source a quick pass used, kept for the next one
    };

    void restart();
    void startNext();
    void start(Pass pass);
    void finished(const Job &job);
    bool wantsQuickPass() const;
    QSize quickSize() const;
    void setRunning(bool running);

    std::shared_ptr<const Engine> m_engine;
    QImage m_source;
    Recipe m_recipe;
    QSize m_displaySize;
    QImage m_fullResult;

    Generation m_generation;
    bool m_running = false;        // a job is on a worker thread
    bool m_restartPending = false; // settings changed while it ran
    Pass m_nextPass = Pass::Full;
    CancelToken m_cancel;
    QImage m_quickSource; // cache: the source scaled to quickSize()
    QFutureWatcher<Job> m_watcher;
};

} // namespace ks
