#include "document.h"

#include "filelimits.h"
#include "svgsafety.h"

#include <QFile>
#include <QFileInfo>
#include <QSvgRenderer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace ks {

namespace {

// The SVG's own size, as the core's loader takes it; empty when `path` is no readable SVG.
QSizeF svgOwnSize(const QString &path)
{
    // The same limits as the loader: a regular file of bounded size, SVGZ capped, and no
    // external resources (QtSvg reads an <image>'s file while parsing).
    const Result<QByteArray> bytes = readRegularFile(path, MaxImageFileBytes);
    const Result<QByteArray> text = bytes ? svgTextWithinLimit(*bytes) : Failure{bytes.error()};
    const Result<QByteArray> safe = text ? svgWithoutExternalResources(*text) : Failure{text.error()};
    if (!safe)
        return {};
    const QSvgRenderer renderer(*safe);
    if (!renderer.isValid())
        return {};
    return renderer.defaultSize().isEmpty() ? renderer.viewBoxF().size() : QSizeF(renderer.defaultSize());
}

bool exceedsLimit(const QSizeF &size)
{
    return size.width() * size.height() > double(MaxImagePixels);
}

} // namespace

Document::Document(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            finished(m_watcher.result());
    });
}

Document::~Document()
{
    // The worker holds no pointer to this document; only its answer is dropped.
    m_watcher.disconnect(this);
}

void Document::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

QSize Document::largestSvgSize(const QSizeF &own)
{
    if (own.isEmpty())
        return {};
    const double scale = std::sqrt(double(MaxImagePixels) / (own.width() * own.height()));
    QSize size(std::max(1, int(std::floor(own.width() * scale))), std::max(1, int(std::floor(own.height() * scale))));
    while (qint64(size.width()) * size.height() > MaxImagePixels) // rounding may leave one row too many
        size = QSize(std::max(1, size.width() - 1), std::max(1, size.height() - 1));
    return size;
}

void Document::open(const QString &path)
{
    start(path, {}, 1.0, false);
}

void Document::reload()
{
    if (m_path.isEmpty())
        return;
    LoadOptions options;
    options.svgScale = m_isSvg ? m_svgScale : 1.0;
    start(m_path, options, options.svgScale, true);
}

void Document::setSvgScale(double scale)
{
    if (!m_isSvg || m_path.isEmpty())
        return;
    LoadOptions options;
    options.svgScale = scale;
    start(m_path, options, scale, true);
}

void Document::openSvgAtSize(const QString &path, const QSize &size, bool sameDocument)
{
    LoadOptions options;
    options.svgWidth = size.width();
    options.svgHeight = size.height();
    // The scale is known once the SVG is read; until then the width's share stands in.
    start(path, options, 0.0, sameDocument);
}

void Document::cancel()
{
    if (!m_loading)
        return;
    m_generation.bump(); // its result is dropped when it arrives
    setLoading(false);
}

void Document::close()
{
    cancel();
    m_path.clear();
    m_name.clear();
    m_image = {};
    m_isSvg = false;
    m_metadata = {};
    m_svgScale = 1.0;
    setModified(false);
    emit closed();
}

void Document::startLoading(const QString &path, const QString &name, double svgScale, bool sameDocument)
{
    m_loadingPath = path;
    m_loadingName = name;
    m_loadingSvgScale = svgScale;
    m_loadingSameDocument = sameDocument;
    setLoading(true);
}

void Document::openUntitled(const QByteArray &bytes, const QImage &image, const QString &name)
{
    const Generation::Tag generation = m_generation.bump();
    startLoading({}, name, 1.0, false);
    m_watcher.setFuture(QtConcurrent::run([bytes, image, name, generation] {
        Outcome outcome;
        outcome.generation = generation;
        QByteArray data = bytes;
        if (data.isEmpty()) {
            SaveOptions fast;
            fast.pngLevel = 0; // only a wrapper for the loader: stored, not compressed
            const Result<QByteArray> encoded = encodeImage(image, QStringLiteral("png"), fast);
            if (!encoded) {
                outcome.result = Failure{QStringLiteral("%1: %2").arg(name, encoded.error())};
                return outcome;
            }
            data = *encoded;
        }
        outcome.result = loadImageFromBytes(data, {}, name);
        return outcome;
    }));
}

void Document::start(const QString &path, const LoadOptions &options, double svgScale, bool sameDocument)
{
    const Generation::Tag generation = m_generation.bump();
    startLoading(path, QFileInfo(path).fileName(), svgScale, sameDocument);
    m_watcher.setFuture(QtConcurrent::run([path, options, generation] {
        Outcome outcome;
        outcome.generation = generation;
        outcome.result = loadImage(path, options);
        const bool atSize = options.svgWidth > 0 && options.svgHeight > 0;
        if (!outcome.result.ok() || (outcome.result->isSvg && atSize)) {
            // Only a valid SVG refused for its size alone is offered a smaller one.
            outcome.svgOwnSize = svgOwnSize(path);
            const QSizeF target = atSize ? QSizeF(options.svgWidth, options.svgHeight)
                                         : outcome.svgOwnSize * options.svgScale;
            outcome.svgTooLarge = !outcome.result.ok() && !outcome.svgOwnSize.isEmpty() && exceedsLimit(target);
        }
        return outcome;
    }));
}

void Document::finished(const Outcome &outcome)
{
    if (!m_generation.isCurrent(outcome.generation))
        return; // cancelled, or overtaken by a newer load
    setLoading(false);
    const QString path = m_loadingPath;
    if (outcome.svgTooLarge) {
        emit svgTooLarge(path, outcome.svgOwnSize, largestSvgSize(outcome.svgOwnSize), m_loadingSameDocument);
        return;
    }
    if (!outcome.result.ok()) {
        emit loadFailed(path, outcome.result.error());
        return;
    }
    m_path = path;
    m_name = m_loadingName;
    m_image = outcome.result->image;
    m_isSvg = outcome.result->isSvg;
    m_metadata = outcome.result->metadata;
    m_svgScale = m_loadingSvgScale;
    if (m_isSvg && m_svgScale <= 0.0) { // rasterised at a size: the scale it amounts to
        const QSizeF own = outcome.svgOwnSize;
        m_svgScale = own.isEmpty() ? 1.0 : m_image.width() / own.width();
    } else if (!m_isSvg) {
        m_svgScale = 1.0;
    }
    emit loaded(m_loadingSameDocument);
}

void Document::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

} // namespace ks
