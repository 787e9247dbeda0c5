#include "previewcontroller.h"

#include "filtersettings.h"

#include <QElapsedTimer>
#include <QMargins>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ks {

namespace {

// The pixels a step reads around each pixel it writes, or nothing when that is not bounded: a
// filter that reads the whole image (in the frequency domain), a wrapping border (the opposite
// edge).
std::optional<QMargins> reachOf(const FilterSettings &step)
{
    if (step.filter().readsWholeImage || step.border == BorderMode::Wrap)
        return std::nullopt;
    // The kernel (or the window a rank or edge-preserving filter reads) covers, for the output pixel
    // at its anchor, the source pixels at (x - anchorX + i, y - anchorY + j).
    const Kernel k = step.kernel();
    return QMargins(k.anchorX(), k.anchorY(), k.width() - 1 - k.anchorX(), k.height() - 1 - k.anchorY());
}

} // namespace

PreviewController::PreviewController(std::shared_ptr<const Engine> engine, QObject *parent)
    : QObject(parent), m_engine(std::move(engine))
{
    connect(&m_watcher, &QFutureWatcher<Job>::finished, this, [this] { finished(m_watcher.result()); });
}

PreviewController::~PreviewController()
{
    m_cancel.cancel();
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void PreviewController::setSource(const QImage &source)
{
    m_source = source;
    m_workingSource = {};
    m_reducedSource = {};
    restart();
}

void PreviewController::setRecipe(const Recipe &recipe)
{
    m_recipe = recipe;
    restart();
}

void PreviewController::setDisplaySize(const QSize &size)
{
    // Only later quick passes use it; a finished full render stays valid at any size.
    if (size != m_displaySize)
        m_reducedSource = {};
    m_displaySize = size;
}

void PreviewController::setView(const QRect &visible, double zoom)
{
    // Kept as given (it may arrive before the source it belongs to); clipped where it is used.
    if (visible == m_visible && zoom == m_zoom)
        return;
    m_visible = visible;
    m_zoom = zoom;
    // Only while the exact result is still to come, and where the part rendered does not cover
    // the new view: then the person waits for exact pixels here, not for the whole image.
    if (m_source.isNull() || !m_fullResult.isNull() || !m_failure.isEmpty() || !wantsAreaPass())
        return;
    if (m_shownArea.contains(areaToRender()))
        return;
    restart();
}

Recipe PreviewController::scaledRecipe(const Recipe &recipe, double scale)
{
    Recipe scaled;
    for (const FilterSettings &step : recipe.steps)
        scaled.steps << scaledForPreview(step, scale);
    return scaled;
}

std::optional<PreviewController::AreaPlan> PreviewController::areaPlan(const Recipe &recipe, const QSize &imageSize,
                                                                       const QRect &area)
{
    const QRect image(QPoint(0, 0), imageSize);
    const QRect wanted = area & image;
    if (wanted.isEmpty())
        return std::nullopt;
    // Walking back from the last step: each step must be exact over what the steps after it
    // read, so the crop is the area grown by every step's reach.
    std::vector<QRect> exactOver(size_t(recipe.steps.size()));
    QRect needed = wanted;
    for (qsizetype i = recipe.steps.size() - 1; i >= 0; --i) {
        const FilterSettings &step = recipe.steps[i];
        exactOver[size_t(i)] = needed;
        if (!step.enabled)
            continue;
        const std::optional<QMargins> reach = reachOf(step);
        if (!reach)
            return std::nullopt;
        needed = needed.marginsAdded(*reach) & image;
    }
    AreaPlan plan{needed, {}};
    const QPoint origin = needed.topLeft();
    for (qsizetype i = 0; i < recipe.steps.size(); ++i) {
        FilterSettings step = recipe.steps[i];
        if (step.enabled) {
            // The region keeps each step to what is read later (and off the crop's inner edges,
            // whose borders are not the image's); pixels it leaves are never read.
            QRect region = exactOver[size_t(i)].translated(-origin);
            if (step.region)
                region &= step.region->translated(-origin);
            if (region.isEmpty())
                step.enabled = false; // changes nothing that is read
            else
                step.region = region;
        }
        plan.recipe.steps << step;
    }
    return plan;
}

QSize PreviewController::reducedSize() const
{
    return m_source.size().scaled(m_displaySize, Qt::KeepAspectRatio);
}

QRect PreviewController::areaToRender() const
{
    return m_visible & m_source.rect();
}

bool PreviewController::wantsAreaPass() const
{
    const QRect visible = areaToRender();
    if (visible.isEmpty() || m_zoom <= 0 || m_displaySize.isEmpty())
        return false;
    // A reduced render shown magnified lies about the pixels; an area of most of the image
    // costs as much as the whole.
    const double reducedScale = double(reducedSize().width()) / m_source.width();
    const qint64 area = qint64(visible.width()) * visible.height();
    return m_zoom > reducedScale * 1.001 && area * 2 <= qint64(m_source.width()) * m_source.height() &&
           areaPlan(m_recipe, m_source.size(), visible).has_value();
}

PreviewController::Pass PreviewController::firstPass() const
{
    if (qint64(m_source.width()) * m_source.height() <= QuickRenderPixels || m_displaySize.isEmpty())
        return Pass::Full;
    if (wantsAreaPass())
        return Pass::Area;
    return reducedSize().width() < m_source.width() ? Pass::Reduced : Pass::Full;
}

void PreviewController::restart()
{
    m_generation.bump();
    m_fullResult = {};
    m_failure.clear();
    m_shownArea = {};
    m_nextPass = firstPass();
    if (m_running) {
        m_cancel.cancel();
        m_restartPending = true;
        return;
    }
    startNext();
}

void PreviewController::startNext()
{
    if (m_source.isNull()) {
        setRunning(false);
        return;
    }
    start(m_nextPass);
}

void PreviewController::start(Pass pass)
{
    const QSize reducedSize = this->reducedSize();
    Recipe recipe = m_recipe;
    QRect area;
    QRect crop;
    if (pass == Pass::Area) {
        area = areaToRender();
        if (const std::optional<AreaPlan> plan = areaPlan(m_recipe, m_source.size(), area)) {
            crop = plan->crop;
            recipe = plan->recipe;
            m_shownArea = area; // asked for: a view inside it needs no other pass
        } else {
            pass = Pass::Full;
        }
    } else if (pass == Pass::Reduced) {
        recipe = scaledRecipe(m_recipe, double(reducedSize.width()) / m_source.width());
        // A step the reduced image cannot show (a cross-parameter check) leaves it to the full render.
        for (const FilterSettings &step : recipe.steps)
            if (!validate(step))
                pass = Pass::Full;
        if (pass == Pass::Full)
            recipe = m_recipe;
    }

    m_cancel = CancelToken();
    setRunning(true);
    if (pass == Pass::Full)
        emit progressChanged(0.0);

    const Generation::Tag generation = m_generation.current();
    const CancelToken cancel = m_cancel;
    const std::shared_ptr<const Engine> engine = m_engine;
    const QImage source = m_source;
    const QImage workingSource = m_workingSource;
    const QImage reducedSource = m_reducedSource;
    // Progress arrives on worker threads; it is passed on from the GUI thread, and only
    // while it still belongs to the current settings.
    const Engine::Progress progress = [this, generation](double fraction) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, fraction] {
                if (m_generation.isCurrent(generation))
                    emit progressChanged(fraction);
            },
            Qt::QueuedConnection);
    };

    m_watcher.setFuture(QtConcurrent::run([=]() {
        QElapsedTimer timer;
        timer.start();
        Job job{generation, pass, Failure{}, false, 0, area, workingSource, reducedSource, source.cacheKey()};
        if (pass == Pass::Reduced) {
            // Scaled from the source as loaded: converting 24 megapixels first would delay the
            // first preview for nothing.
            if (job.reducedSource.isNull())
                job.reducedSource = source.scaled(reducedSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            job.result = engine->apply(job.reducedSource, recipe, cancel);
        } else {
            if (job.workingSource.isNull())
                job.workingSource = Engine::inWorkingLayout(source);
            if (pass == Pass::Area) {
                job.result = engine->apply(job.workingSource.copy(crop), recipe, cancel);
                if (job.result)
                    job.result = job.result->copy(area.translated(-crop.topLeft()));
            } else {
                job.result = engine->apply(job.workingSource, recipe, cancel, progress);
            }
        }
        job.cancelled = cancel.isCancelled();
        job.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return job;
    }));
}

void PreviewController::finished(const Job &job)
{
    // Conversions of the current source are kept for the passes to come, whichever job made them.
    const bool sameSource = !m_source.isNull() && job.sourceKey == m_source.cacheKey();
    if (sameSource && m_workingSource.isNull())
        m_workingSource = job.workingSource;
    if (sameSource && !job.reducedSource.isNull() && job.reducedSource.size() == reducedSize())
        m_reducedSource = job.reducedSource;

    if (m_generation.isCurrent(job.generation) && !m_restartPending) {
        if (job.result.ok()) {
            switch (job.pass) {
            case Pass::Full:
                m_fullResult = *job.result;
                emit resultReady(*job.result, true, job.milliseconds);
                break;
            case Pass::Reduced:
                emit resultReady(*job.result, false, job.milliseconds);
                start(Pass::Full);
                return;
            case Pass::Area:
                emit areaReady(*job.result, job.area, job.milliseconds);
                start(Pass::Full);
                return;
            }
        } else if (!job.cancelled) {
            if (job.pass != Pass::Full) { // a quick pass never keeps the exact one from running
                start(Pass::Full);
                return;
            }
            m_failure = job.result.error();
            emit renderFailed(m_failure);
        }
    }
    m_restartPending = false;
    if (!m_generation.isCurrent(job.generation)) {
        startNext();
        return;
    }
    setRunning(false);
}

void PreviewController::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    emit busyChanged(running);
}

} // namespace ks
