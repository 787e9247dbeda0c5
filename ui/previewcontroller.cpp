#include "previewcontroller.h"

#include "filtersettings.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace ks {

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
    m_quickSource = {};
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
        m_quickSource = {};
    m_displaySize = size;
}

Recipe PreviewController::scaledRecipe(const Recipe &recipe, double scale)
{
    Recipe scaled;
    for (const FilterSettings &step : recipe.steps)
        scaled.steps << scaledForPreview(step, scale);
    return scaled;
}

QSize PreviewController::quickSize() const
{
    return m_source.size().scaled(m_displaySize, Qt::KeepAspectRatio);
}

bool PreviewController::wantsQuickPass() const
{
    if (qint64(m_source.width()) * m_source.height() <= QuickRenderPixels || m_displaySize.isEmpty())
        return false;
    return quickSize().width() < m_source.width();
}

void PreviewController::restart()
{
    m_generation.bump();
    m_fullResult = {};
    m_nextPass = wantsQuickPass() ? Pass::Quick : Pass::Full;
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
    m_cancel = CancelToken();
    setRunning(true);
    if (pass == Pass::Full)
        emit progressChanged(0.0);

    const Generation::Tag generation = m_generation.current();
    const CancelToken cancel = m_cancel;
    const std::shared_ptr<const Engine> engine = m_engine;
    const QImage source = m_source;
    QImage quickSource = m_quickSource;
    const QSize quickSize = this->quickSize();
    const Recipe recipe =
        pass == Pass::Full ? m_recipe : scaledRecipe(m_recipe, double(quickSize.width()) / m_source.width());
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

    m_watcher.setFuture(QtConcurrent::run([=]() mutable {
        QElapsedTimer timer;
        timer.start();
        Job job{generation, pass, Failure{}, false, 0, {}};
        if (pass == Pass::Quick) {
            if (quickSource.isNull())
                quickSource = source.scaled(quickSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            job.quickSource = quickSource;
            job.result = engine->apply(quickSource, recipe, cancel);
        } else {
            job.result = engine->apply(source, recipe, cancel, progress);
        }
        job.cancelled = cancel.isCancelled();
        job.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return job;
    }));
}

void PreviewController::finished(const Job &job)
{
    if (job.pass == Pass::Quick && !job.quickSource.isNull() && job.quickSource.size() == quickSize())
        m_quickSource = job.quickSource;
    if (m_generation.isCurrent(job.generation) && !m_restartPending) {
        if (job.result.ok()) {
            const bool full = job.pass == Pass::Full;
            if (full)
                m_fullResult = *job.result;
            emit resultReady(*job.result, full, job.milliseconds);
            if (!full) {
                start(Pass::Full);
                return;
            }
        } else if (!job.cancelled) {
            emit renderFailed(job.result.error());
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
