#include "compareview.h"

#include <QKeyEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace ks {

namespace {

// Whole-number zooms from 100 % up keep every image pixel an equal block of device pixels.
constexpr std::array ZoomLadder{1.0 / 64, 1.0 / 48, 1.0 / 32, 1.0 / 24, 1.0 / 16, 1.0 / 12, 1.0 / 8, 1.0 / 6,
                                1.0 / 4,  1.0 / 3,  1.0 / 2,  2.0 / 3,  1.0,      2.0,      3.0,     4.0,
                                6.0,      8.0,      12.0,     16.0,     24.0,     32.0,     48.0,    64.0};

double steppedZoom(double zoom, int steps)
{
    constexpr double tolerance = 1e-6;
    for (; steps > 0; --steps) {
        const auto next =
            std::find_if(ZoomLadder.begin(), ZoomLadder.end(), [zoom](double z) { return z > zoom * (1 + tolerance); });
        zoom = next != ZoomLadder.end() ? *next : ZoomLadder.back();
    }
    for (; steps < 0; ++steps) {
        const auto next = std::find_if(ZoomLadder.rbegin(), ZoomLadder.rend(),
                                       [zoom](double z) { return z < zoom * (1 - tolerance); });
        zoom = next != ZoomLadder.rend() ? *next : ZoomLadder.front();
    }
    return zoom;
}

// |result - original| per channel times `gain`, opaque. Compared premultiplied, so a change of
// opacity shows as well and the colour of fully transparent pixels (meaningless) does not.
// Images up to this many pixels get their difference at once; larger ones on a worker.
constexpr qint64 SyncDifferencePixels = 2'000'000;

QImage amplifiedDifference(const QImage &original, const QImage &result, int gain)
{
    const QImage sized = result.size() == original.size()
                             ? result
                             : result.scaled(original.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QImage::Format format = original.format();
    const bool argbOrder = format == QImage::Format_RGB32 || format == QImage::Format_ARGB32 ||
                           format == QImage::Format_ARGB32_Premultiplied;
    const bool rgbaOrder = format == QImage::Format_RGBX8888 || format == QImage::Format_RGBA8888 ||
                           format == QImage::Format_RGBA8888_Premultiplied;
    // The 32-bit formats the readers and the engine produce are compared in place, alpha in byte 3
    // (little-endian); converting a 24-megapixel pair first would take the GUI thread half a second.
    const bool direct = Q_BYTE_ORDER == Q_LITTLE_ENDIAN && (argbOrder || rgbaOrder);
    const QImage::Format work = direct ? format : QImage::Format_RGBA8888_Premultiplied;
    const bool straight = work == QImage::Format_ARGB32 || work == QImage::Format_RGBA8888;
    const QImage a = original.convertToFormat(work);
    const QImage b = sized.convertToFormat(work);
    // Same byte order as the input, so channel c of the input is channel c of the output.
    QImage out(a.size(), argbOrder && direct ? QImage::Format_RGB32 : QImage::Format_RGBX8888);
    auto premultiplied = [straight](const uchar *p, int c) { return straight ? (p[c] * p[3] + 127) / 255 : int(p[c]); };
    for (int y = 0; y < a.height(); ++y) {
        const uchar *pa = a.constScanLine(y);
        const uchar *pb = b.constScanLine(y);
        uchar *po = out.scanLine(y);
        for (int x = 0; x < a.width(); ++x, pa += 4, pb += 4, po += 4) {
            for (int c = 0; c < 3; ++c)
                po[c] = uchar(std::min(255, gain * std::abs(premultiplied(pa, c) - premultiplied(pb, c))));
            po[3] = 255;
        }
    }
    return out;
}

} // namespace

CompareView::CompareView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));
    m_differenceJob = new QFutureWatcher<QImage>(this);
    connect(m_differenceJob, &QFutureWatcher<QImage>::finished, this, [this] {
        if (m_differenceGeneration.isCurrent(m_differenceJobTag) && m_differenceJob->future().resultCount() > 0) {
            m_differenceSource = std::make_shared<const ImagePane::Source>(m_differenceJob->result());
            m_differenceStale = false;
        }
        updatePanes(); // shows it, or starts the job for the images shown now
    });
    setAccessibleName(tr("Image comparison"));
    setAccessibleDescription(tr("The original image and the filtered result. Wheel or +/- to zoom, double click "
                                "for 100 % or fit, drag or arrow keys to pan, hold Backslash to see the original "
                                "in place of the result. R switches the region tool: drag to limit the filter to a "
                                "rectangle, drag its handles to change it, Escape removes it."));
    setFocusPolicy(Qt::StrongFocus);

    m_originalPane =
        createPane(QStringLiteral("originalPane"), tr("Original image"), tr("The image as opened, before filtering"));
    m_resultPane = createPane(QStringLiteral("resultPane"), tr("Filtered result"),
                              tr("The image after filtering, zoomed and panned together with the original"));
    m_splitPane = createPane(QStringLiteral("splitPane"), tr("Split comparison"),
                             tr("The original left of the divider and the result right of it; drag the divider"));
    m_differencePane =
        createPane(QStringLiteral("differencePane"), tr("Difference image"),
                   tr("The absolute difference between result and original, amplified %1 times").arg(DifferenceGain));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("compareSplitter"));
    m_splitter->setAccessibleName(tr("Original and result"));
    m_splitter->setAccessibleDescription(tr("Drag the handle to share the width between original and result"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_originalPane);
    m_splitter->addWidget(m_resultPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_splitter);
    layout->addWidget(m_splitPane);
    layout->addWidget(m_differencePane);
    m_splitPane->hide();
    m_differencePane->hide();

    m_splitPane->setSplitPosition(m_split);
    updatePanes();
}

ImagePane *CompareView::createPane(const QString &name, const QString &accessibleName, const QString &description)
{
    auto *pane = new ImagePane(this);
    pane->setObjectName(name);
    pane->setAccessibleName(accessibleName);
    pane->setAccessibleDescription(description);
    pane->setMinimumSize(64, 64);
    // Keys belong to the view as a whole, whichever pane was clicked.
    pane->setFocusProxy(this);

    connect(pane, &ImagePane::zoomStepsRequested, this,
            [this, pane](int steps, const QPointF &point) { zoomBySteps(steps, pane, point); });
    // Double click toggles as in photo browsers: from fit to 100 % at that spot, else back to fit.
    connect(pane, &ImagePane::zoomToggleRequested, this, [this, pane](const QPointF &point) {
        if (m_fit)
            zoomAround(1, pane, point);
        else
            zoomToFit();
    });
    connect(pane, &ImagePane::panRequested, this, [this](const QPointF &center) {
        m_center = center;
        applyView();
    });
    connect(pane, &ImagePane::splitRequested, this, &CompareView::setSplitPosition);
    connect(pane, &ImagePane::cursorOverPixel, this, &CompareView::reportPixel);
    connect(pane, &ImagePane::regionRequested, this, [this](std::optional<QRect> region, bool interim) {
        m_region = region;
        showRegion();
        emit regionChanged(region, interim);
    });
    connect(pane, &ImagePane::viewportResized, this, [this] {
        applyView();
        checkPaneSize();
    });
    return pane;
}

void CompareView::setOriginal(const QImage &image)
{
    const bool sizeChanged = image.size() != m_original.size();
    m_original = image;
    m_originalSource = image.isNull() ? nullptr : std::make_shared<const ImagePane::Source>(image);
    m_result = {};
    m_resultSource = nullptr;
    m_resultIsFull = true;
    m_resultArea = {};
    m_resultAreaSource = nullptr;
    m_failed = false;
    m_differenceSource = nullptr; // a difference with another image means nothing
    invalidateDifference();
    updatePanes();
    if (sizeChanged) {
        m_fit = true;
        // A rectangle of another image means nothing here; the owner sets the new settings' one.
        m_region.reset();
        showRegion();
    }
    applyView();
}

void CompareView::setResult(const QImage &image, bool fullResolution)
{
    m_result = image;
    m_resultIsFull = fullResolution;
    m_resultSource = image.isNull() ? nullptr : std::make_shared<const ImagePane::Source>(image);
    m_resultArea = {};
    m_resultAreaSource = nullptr;
    m_failed = false;
    invalidateDifference();
    updatePanes();
}

void CompareView::setResultArea(const QImage &image, const QRect &area)
{
    m_resultArea = image;
    m_resultAreaRect = area;
    m_resultAreaSource = image.isNull() ? nullptr : std::make_shared<const ImagePane::Source>(image);
    m_failed = false;
    // A result of the older settings underneath is no longer one: it is only the surround.
    m_resultIsFull = false;
    updatePanes();
}

void CompareView::setRenderFailed(const QString &reason)
{
    m_failed = true;
    m_failure = reason;
    m_resultArea = {};
    m_resultAreaSource = nullptr;
    updatePanes();
}

QRect CompareView::visibleImageRect() const
{
    const ImagePane *pane = referencePane();
    const QRectF shown(pane->viewportToImage(QPointF(0, 0)),
                       pane->viewportToImage(QPointF(pane->viewport()->width(), pane->viewport()->height())));
    return shown.toAlignedRect() & m_original.rect();
}

void CompareView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_splitter->setVisible(mode == Mode::SideBySide);
    m_splitPane->setVisible(mode == Mode::Split);
    m_differencePane->setVisible(mode == Mode::Difference);
    // Lay the newly shown pane out now, so the view is clamped to its real size, not a stale one.
    layout()->activate();
    updatePanes();
    applyView();
    checkPaneSize();
}

QList<ImagePane *> CompareView::panes() const
{
    return {m_originalPane, m_resultPane, m_splitPane, m_differencePane};
}

void CompareView::setRegion(std::optional<QRect> region)
{
    if (region == m_region)
        return;
    cancelRegionDrags(); // the owner's word wins over a drag in progress, which would overwrite it
    m_region = region;
    showRegion();
}

bool CompareView::cancelRegionDrags()
{
    bool dragging = false;
    for (ImagePane *pane : panes()) {
        dragging = dragging || pane->isDraggingRegion();
        pane->cancelRegionDrag(); // nothing happens on a pane that is not dragging
    }
    return dragging;
}

void CompareView::clearRegion()
{
    cancelRegionDrags();
    if (!m_region)
        return;
    m_region.reset();
    showRegion();
    emit regionChanged(std::nullopt, false);
}

void CompareView::setRegionTool(bool on)
{
    if (on == m_regionTool)
        return;
    m_regionTool = on;
    for (ImagePane *pane : panes())
        pane->setRegionTool(on);
    emit regionToolChanged(on);
}

void CompareView::showRegion()
{
    for (ImagePane *pane : panes())
        pane->setRegion(m_region);
}

void CompareView::setShowOriginal(bool show)
{
    if (show == m_showOriginal)
        return;
    m_showOriginal = show;
    updatePanes();
}

void CompareView::setPreviewOn(bool on)
{
    if (on == m_previewOn)
        return;
    m_previewOn = on;
    updatePanes();
}

void CompareView::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    updatePanes();
}

QString CompareView::resultBadge() const
{
    if (showsOriginal())
        return tr("Original");
    if (m_failed)
        return tr("Render failed");
    if (m_resultAreaSource)
        return tr("Preview, exact in view");
    if (m_result.isNull())
        return {};
    return m_resultIsFull ? tr("Full resolution") : tr("Preview");
}

void CompareView::updatePanes()
{
    const QSize document = m_original.size();
    for (ImagePane *pane : {m_originalPane, m_resultPane, m_splitPane, m_differencePane}) {
        pane->setDocumentSize(document);
        pane->setPlaceholder(m_original.isNull() ? tr("Open an image to compare it with its filtered result")
                                                 : tr("No result yet"));
    }

    const bool hasResult = m_resultSource != nullptr;
    // An exact area with nothing under it yet shows the original around it.
    const ImagePane::SourcePtr resultBase = m_resultSource || !m_resultAreaSource ? m_resultSource : m_originalSource;
    const ImagePane::SourcePtr shownResult = showsOriginal() ? m_originalSource : resultBase;
    const ImagePane::SourcePtr shownArea = showsOriginal() ? nullptr : m_resultAreaSource;

    m_originalPane->setSources(m_originalSource);
    m_originalPane->setBadges(m_originalSource ? tr("Original") : QString());
    m_originalPane->setPlaceholder(tr("Open an image to compare it with its filtered result"));

    m_resultPane->setSources(shownResult);
    m_resultPane->setOverlay(shownArea, m_resultAreaRect);
    m_resultPane->setBadges(shownResult || m_failed ? resultBadge() : QString());
    // One invitation to open an image is enough, and while busy the badge says what goes on.
    if (m_original.isNull() || (m_busy && !shownResult))
        m_resultPane->setPlaceholder({});
    if (m_failed && !m_original.isNull() && !shownResult)
        m_resultPane->setPlaceholder(tr("Render failed: %1").arg(m_failure));

    // Without a result yet the right side shows the original too, and its badge is empty.
    m_splitPane->setSources(m_originalSource, shownResult ? shownResult : m_originalSource);
    m_splitPane->setOverlay(shownArea, m_resultAreaRect);
    m_splitPane->setBadges(m_originalSource ? tr("Original") : QString(), resultBadge());
    m_splitPane->setSplitPosition(m_split);

    if (m_mode == Mode::Difference && hasResult && !m_original.isNull())
        refreshDifference();
    if (showsOriginal()) {
        m_differencePane->setSources(m_originalSource);
        m_differencePane->setBadges(tr("Original"));
    } else {
        m_differencePane->setSources(hasResult ? m_differenceSource : nullptr);
        m_differencePane->setBadges(hasResult ? tr("Difference ×%1").arg(DifferenceGain) : QString(),
                                    hasResult && !m_resultIsFull ? tr("Preview") : QString());
    }

    for (ImagePane *pane : {m_resultPane, m_splitPane, m_differencePane})
        pane->setBusy(m_busy);
}

void CompareView::invalidateDifference()
{
    m_differenceStale = true;
    m_differenceGeneration.bump();
}

void CompareView::refreshDifference()
{
    if (!m_differenceStale)
        return;
    if (qint64(m_original.width()) * m_original.height() <= SyncDifferencePixels) {
        m_differenceSource =
            std::make_shared<const ImagePane::Source>(amplifiedDifference(m_original, m_result, DifferenceGain));
        m_differenceStale = false;
        return;
    }
    if (m_differenceJob->isRunning())
        return; // when it ends, the images shown then get theirs
    m_differenceJobTag = m_differenceGeneration.current();
    m_differenceJob->setFuture(QtConcurrent::run([original = m_original, result = m_result] {
        return amplifiedDifference(original, result, DifferenceGain);
    }));
}

ImagePane *CompareView::referencePane() const
{
    switch (m_mode) {
    case Mode::Split:
        return m_splitPane;
    case Mode::Difference:
        return m_differencePane;
    case Mode::SideBySide:
        break;
    }
    return m_resultPane;
}

double CompareView::fitZoom() const
{
    if (m_mode == Mode::SideBySide)
        return std::min(m_originalPane->fitZoom(), m_resultPane->fitZoom());
    return referencePane()->fitZoom();
}

void CompareView::applyView()
{
    if (m_fit && !m_original.isNull()) {
        m_zoom = fitZoom();
        m_center = QPointF(m_original.width() / 2.0, m_original.height() / 2.0);
    }
    m_zoom = std::clamp(m_zoom, MinZoom, MaxZoom);
    // A hidden pane has no size worth clamping to yet; it clamps itself once it is laid out.
    ImagePane *reference = referencePane();
    if (reference->isVisible() && !m_original.isNull())
        m_center = reference->clampedCenter(m_center, m_zoom);

    for (ImagePane *pane : {m_originalPane, m_resultPane, m_splitPane, m_differencePane})
        pane->setView(m_zoom, m_center);

    // Callers set m_zoom and m_center before coming here, so compare with what was last told.
    const bool zoomMoved = m_zoom != m_announcedZoom;
    const bool centerMoved = m_center != m_announcedCenter;
    m_announcedZoom = m_zoom;
    m_announcedCenter = m_center;
    if (zoomMoved)
        emit zoomChanged(m_zoom);
    if (zoomMoved || centerMoved)
        emit viewChanged();
}

void CompareView::setZoom(double zoom)
{
    m_fit = false;
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    applyView();
}

void CompareView::setViewCenter(const QPointF &imagePoint)
{
    m_center = imagePoint;
    applyView();
}

void CompareView::zoomBySteps(int steps, ImagePane *pane, const QPointF &viewportPoint)
{
    zoomAround(steppedZoom(m_zoom, steps), pane, viewportPoint);
}

void CompareView::zoomAround(double zoom, ImagePane *pane, const QPointF &viewportPoint)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    if (pane && !m_original.isNull()) {
        const QPointF anchor = pane->viewportToImage(viewportPoint);
        m_center = pane->centerKeeping(anchor, viewportPoint, zoom);
    }
    m_fit = false;
    m_zoom = zoom;
    applyView();
}

void CompareView::zoomIn()
{
    zoomBySteps(1, nullptr, {});
}

void CompareView::zoomOut()
{
    zoomBySteps(-1, nullptr, {});
}

void CompareView::zoomToFit()
{
    m_fit = true;
    applyView();
}

void CompareView::zoomToActualSize()
{
    setZoom(1);
}

void CompareView::setSplitPosition(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction == m_split)
        return;
    m_split = fraction;
    m_splitPane->setSplitPosition(m_split);
    emit splitPositionChanged(m_split);
}

QSize CompareView::paneSize() const
{
    return referencePane()->viewportDeviceSize();
}

void CompareView::checkPaneSize()
{
    const QSize size = paneSize();
    if (size == m_lastPaneSize || !referencePane()->isVisible())
        return;
    m_lastPaneSize = size;
    emit paneSizeChanged(size);
}

void CompareView::reportPixel(const QPoint &pixel)
{
    if (pixel == m_lastPixel)
        return;
    m_lastPixel = pixel;
    emit cursorOverPixel(pixel);
}

void CompareView::panBy(double dx, double dy)
{
    const ImagePane *pane = referencePane();
    const QSize view = pane->viewportDeviceSize();
    m_center = pane->shownCenter() + QPointF(dx * view.width(), dy * view.height()) / m_zoom;
    applyView();
}

void CompareView::keyPressEvent(QKeyEvent *event)
{
    constexpr double panStep = 0.125; // of the viewport per arrow key press
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Left:
        panBy(-panStep, 0);
        break;
    case Qt::Key_Right:
        panBy(panStep, 0);
        break;
    case Qt::Key_Up:
        panBy(0, -panStep);
        break;
    case Qt::Key_Down:
        panBy(0, panStep);
        break;
    case Qt::Key_R:
        if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            return QWidget::keyPressEvent(event);
        if (!event->isAutoRepeat())
            setRegionTool(!m_regionTool);
        break;
    case Qt::Key_Escape: // a drag in progress first, then the region, then the tool
        if (cancelRegionDrags())
            break;
        if (m_region)
            clearRegion();
        else if (m_regionTool)
            setRegionTool(false);
        else
            return QWidget::keyPressEvent(event); // nothing of ours: a dialog or the window may want it
        break;
    case Qt::Key_Backslash:
        if (!event->isAutoRepeat()) {
            m_backslashHeld = true;
            setShowOriginal(true);
        }
        break;
    default:
        return QWidget::keyPressEvent(event);
    }
    event->accept();
}

void CompareView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Backslash && !event->isAutoRepeat()) {
        m_backslashHeld = false;
        setShowOriginal(false);
        event->accept();
        return;
    }
    QWidget::keyReleaseEvent(event);
}

void CompareView::focusInEvent(QFocusEvent *event)
{
    // Only keyboard navigation needs to be shown where it landed; a click says so itself.
    const bool byKeyboard = event->reason() == Qt::TabFocusReason || event->reason() == Qt::BacktabFocusReason;
    for (ImagePane *pane : {m_originalPane, m_resultPane, m_splitPane, m_differencePane})
        pane->setFocusFrame(byKeyboard);
    QWidget::focusInEvent(event);
}

void CompareView::focusOutEvent(QFocusEvent *event)
{
    for (ImagePane *pane : {m_originalPane, m_resultPane, m_splitPane, m_differencePane})
        pane->setFocusFrame(false);
    // The release would go to another widget: do not leave the original stuck on screen.
    if (m_backslashHeld) {
        m_backslashHeld = false;
        setShowOriginal(false);
    }
    QWidget::focusOutEvent(event);
}

} // namespace ks
