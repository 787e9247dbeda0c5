#pragma once

#include "canceltoken.h"
#include "engine.h"
#include "latestonly.h"
#include "recipe.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QRect>
#include <QSize>

#include <memory>
#include <optional>

namespace ks {

// Turns edits into renders without ever filtering on the GUI thread.
//
// Every change (source, recipe) bumps a generation and cancels the render in flight. At most
// one render runs at a time; changes that arrive meanwhile only remember that another render
// is due, so a burst of slider moves costs one cancelled render and one render of the last
// settings. A result whose generation is stale is dropped.
//
// Sources above QuickRenderPixels get a quick pass first, then the exact full-resolution
// render. The quick pass is one of:
// - the part in view (setView()) at full resolution, when the view magnifies the image beyond
//   what a display-size render could show (zoomed in) and every step reads only a bounded
//   neighbourhood: its pixels are those of the full render (areaReady());
// - else the source scaled down to the display size with the filter scaled to match (sizes and
//   sigma shrink with the image, clamped to their ranges).
// A quick pass that cannot run or fails is skipped: the full render always follows. Only the
// full render equals what export writes.
//
// The source is converted to the engine's working layout once, not on every render.
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
    // The size, in device pixels, the result is shown at; reduced quick renders are made for it.
    void setDisplaySize(const QSize &size);
    // The source pixels in view and the device pixels one source pixel covers. While no exact
    // result is ready, a view that moves outside the part already rendered starts a new pass.
    void setView(const QRect &visible, double zoom);

    const QImage &source() const { return m_source; }
    const Recipe &recipe() const { return m_recipe; }
    quint64 generation() const { return m_generation.current(); }
    bool isBusy() const { return m_running; }
    // The last full-resolution result of the current generation, null until it is ready.
    const QImage &fullResult() const { return m_fullResult; }
    // The reason the last render of the current settings failed; empty otherwise.
    const QString &failure() const { return m_failure; }

    // The recipe adapted to an image `scale` times the source's size (reduced quick renders).
    static Recipe scaledRecipe(const Recipe &recipe, double scale);

    // How to compute only `area` of an image of `imageSize` exactly: the part of the image to
    // filter (`area` plus what the steps read around it) and the recipe to run on that crop,
    // whose result holds `area` at `area.topLeft() - crop.topLeft()`. Nothing when a step reads
    // beyond any bounded neighbourhood (a filter that reads the whole image, a wrapping border).
    struct AreaPlan
    {
        QRect crop;
        Recipe recipe;
    };
    static std::optional<AreaPlan> areaPlan(const Recipe &recipe, const QSize &imageSize, const QRect &area);

signals:
    // A new result for the current settings: `full` tells whether it is the exact one.
    void resultReady(const QImage &image, bool full, double milliseconds);
    // A quick pass of the part in view: `image` holds the pixels `area` of the full result.
    void areaReady(const QImage &image, const QRect &area, double milliseconds);
    void renderFailed(const QString &reason);
    void progressChanged(double fraction); // of the full render, 0..1
    void busyChanged(bool busy);

private:
    enum class Pass
    {
        Reduced,
        Area,
        Full
    };
    struct Job
    {
        Generation::Tag generation;
        Pass pass;
        Result<QImage> result = Failure{};
        bool cancelled = false; // the result is a cancellation, not a failure
        double milliseconds = 0;
        QRect area;            // Area: the source pixels the result holds
        QImage workingSource;  // the source in the engine's layout, kept for the next job
        QImage reducedSource;  // the scaled source a reduced pass used, kept for the next one
        qint64 sourceKey = 0;  // QImage::cacheKey() of the source the job read
    };

    void restart();
    void startNext();
    void start(Pass pass);
    void finished(const Job &job);
    Pass firstPass() const;
    bool wantsAreaPass() const;
    QSize reducedSize() const;
    QRect areaToRender() const;
    void setRunning(bool running);

    std::shared_ptr<const Engine> m_engine;
    QImage m_source;
    Recipe m_recipe;
    QSize m_displaySize;
    QRect m_visible;
    double m_zoom = 0;
    QImage m_fullResult;
    QString m_failure;
    QRect m_shownArea; // the area pass of the current generation, while no full result is

    Generation m_generation;
    bool m_running = false;        // a job is on a worker thread
    bool m_restartPending = false; // settings changed while it ran
    Pass m_nextPass = Pass::Full;
    CancelToken m_cancel;
    QImage m_workingSource; // cache: m_source in the engine's layout
    QImage m_reducedSource; // cache: the source scaled to reducedSize()
    QFutureWatcher<Job> m_watcher;
};

} // namespace ks
