#include "imagepane.h"

#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ks {

namespace {

// Neutral grey around the image: colour judgements need a surround that is neither theme nor tint.
const QColor Surround(0x3c, 0x3c, 0x3c);
const QColor CheckerLight(0xcc, 0xcc, 0xcc);
const QColor CheckerMid(0x99, 0x99, 0x99);
constexpr int CheckerSquare = 8;    // logical pixels, fixed on screen whatever the zoom
constexpr int DividerGrabWidth = 8; // logical pixels either side of the divider line

QBrush checkerBrush(double dpr)
{
    const int side = std::max(1, int(std::lround(CheckerSquare * dpr)));
    QImage tile(2 * side, 2 * side, QImage::Format_RGB32);
    tile.fill(CheckerLight);
    QPainter painter(&tile);
    painter.fillRect(side, 0, side, side, CheckerMid);
    painter.fillRect(0, side, side, side, CheckerMid);
    return QBrush(tile);
}

} // namespace

ImagePane::Source::Source(const QImage &image)
{
    // Premultiplied 32-bit is what the raster engine blends without converting on every paint.
    m_hasAlpha = image.hasAlphaChannel();
    m_levels.push_back(image.convertToFormat(m_hasAlpha ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32));
}

int ImagePane::Source::levelFor(double devicePixelsPerPixel) const
{
    // Stop at the level that is still drawn at or above half size: smooth scaling between
    // 0.5 and 1 samples every source pixel, far below it bilinear sampling aliases.
    int level = 0;
    const QImage &full = image();
    while (devicePixelsPerPixel * (1 << (level + 1)) <= 1.0 && (full.width() >> (level + 1)) >= 1 &&
           (full.height() >> (level + 1)) >= 1)
        ++level;
    return level;
}

const QImage &ImagePane::Source::level(int index) const
{
    while (int(m_levels.size()) <= index) {
        const QImage &previous = m_levels.back();
        const QSize half((previous.width() + 1) / 2, (previous.height() + 1) / 2);
        m_levels.push_back(previous.scaled(half, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    }
    return m_levels[size_t(index)];
}

ImagePane::ImagePane(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    // Painting covers every exposed pixel, so the viewport need not clear itself first.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAutoFillBackground(false);
    viewport()->setCursor(Qt::OpenHandCursor);
}

void ImagePane::setDocumentSize(const QSize &size)
{
    if (size == m_documentSize)
        return;
    m_documentSize = size;
    updateScrollBars();
    viewport()->update();
}

void ImagePane::setSources(SourcePtr left, SourcePtr right)
{
    m_left = std::move(left);
    m_right = std::move(right);
    viewport()->update();
}

void ImagePane::setSplitPosition(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction == m_split)
        return;
    m_split = fraction;
    viewport()->update();
}

void ImagePane::setView(double zoom, const QPointF &center)
{
    if (zoom == m_zoom && center == m_center)
        return;
    m_zoom = zoom;
    m_center = center;
    updateScrollBars();
    viewport()->update();
}

void ImagePane::setBadges(const QString &left, const QString &right)
{
    if (left == m_badgeLeft && right == m_badgeRight)
        return;
    m_badgeLeft = left;
    m_badgeRight = right;
    viewport()->update();
}

void ImagePane::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    viewport()->update();
}

void ImagePane::setPlaceholder(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    viewport()->update();
}

double ImagePane::devicePixelRatio() const
{
    return viewport()->devicePixelRatioF();
}

QSize ImagePane::viewportDeviceSize() const
{
    const double dpr = devicePixelRatio();
    return QSize(int(std::lround(viewport()->width() * dpr)), int(std::lround(viewport()->height() * dpr)));
}

QPointF ImagePane::clampedCenter(const QPointF &center, double zoom) const
{
    const QSize view = viewportDeviceSize();
    auto clampAxis = [zoom](double c, int document, int viewSide) {
        const double halfSpan = viewSide / 2.0 / zoom;
        if (document * zoom <= viewSide)
            return document / 2.0;
        return std::clamp(c, halfSpan, document - halfSpan);
    };
    return QPointF(clampAxis(center.x(), m_documentSize.width(), view.width()),
                   clampAxis(center.y(), m_documentSize.height(), view.height()));
}

QPointF ImagePane::centerKeeping(const QPointF &imagePoint, const QPointF &viewportPoint, double zoom) const
{
    const QSize view = viewportDeviceSize();
    const QPointF device = viewportPoint * devicePixelRatio();
    return imagePoint - (device - QPointF(view.width() / 2.0, view.height() / 2.0)) / zoom;
}

double ImagePane::fitZoom() const
{
    if (m_documentSize.isEmpty())
        return 1;
    const QSize view = viewportDeviceSize();
    double zoom = std::min(double(view.width()) / m_documentSize.width(), double(view.height()) / m_documentSize.height());
    if (zoom >= 1)
        zoom = std::floor(zoom);
    return std::clamp(zoom, MinZoom, MaxZoom);
}

QPoint ImagePane::deviceOrigin() const
{
    // Rounded once here, so the whole image sits on the device pixel grid.
    const QSize view = viewportDeviceSize();
    const QPointF center = shownCenter();
    return QPoint(int(std::lround(view.width() / 2.0 - center.x() * m_zoom)),
                  int(std::lround(view.height() / 2.0 - center.y() * m_zoom)));
}

QRect ImagePane::deviceImageRect() const
{
    return QRect(deviceOrigin(), QSize(int(std::lround(m_documentSize.width() * m_zoom)),
                                       int(std::lround(m_documentSize.height() * m_zoom))));
}

QPointF ImagePane::imageToViewport(const QPointF &imagePoint) const
{
    return (QPointF(deviceOrigin()) + imagePoint * m_zoom) / devicePixelRatio();
}

QPointF ImagePane::viewportToImage(const QPointF &viewportPoint) const
{
    return (viewportPoint * devicePixelRatio() - QPointF(deviceOrigin())) / m_zoom;
}

double ImagePane::dividerX() const
{
    const double device = std::round(deviceOrigin().x() + m_split * m_documentSize.width() * m_zoom);
    return device / devicePixelRatio();
}

void ImagePane::updateScrollBars()
{
    // Scroll bars count logical pixels of the zoomed image; their value is the left/top edge.
    const double scale = m_zoom / devicePixelRatio();
    const QPointF center = shownCenter();
    const QSize view = viewport()->size();
    auto sync = [&](QScrollBar *bar, int document, int viewSide, double c) {
        const double content = document * scale;
        const int maximum = std::max(0, int(std::lround(content - viewSide)));
        bar->setRange(0, maximum);
        bar->setPageStep(std::max(1, viewSide));
        bar->setSingleStep(std::max(1, viewSide / 20));
        bar->setValue(int(std::lround(c * scale - viewSide / 2.0)));
    };
    m_syncingScrollBars = true;
    sync(horizontalScrollBar(), m_documentSize.width(), view.width(), center.x());
    sync(verticalScrollBar(), m_documentSize.height(), view.height(), center.y());
    m_syncingScrollBars = false;
}

void ImagePane::scrollContentsBy(int, int)
{
    if (m_syncingScrollBars || m_documentSize.isEmpty())
        return;
    const double scale = m_zoom / devicePixelRatio();
    const QSize view = viewport()->size();
    QPointF center = shownCenter();
    if (horizontalScrollBar()->maximum() > 0)
        center.setX((horizontalScrollBar()->value() + view.width() / 2.0) / scale);
    if (verticalScrollBar()->maximum() > 0)
        center.setY((verticalScrollBar()->value() + view.height() / 2.0) / scale);
    emit panRequested(center);
}

void ImagePane::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    emit viewportResized();
}

void ImagePane::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    const double dpr = devicePixelRatio();
    const QRect exposed = QRectF(QPointF(event->rect().topLeft()) * dpr, QSizeF(event->rect().size()) * dpr)
                              .toAlignedRect();

    // Drawing in device pixels keeps the pixel grid exact on HiDPI screens.
    painter.setWorldTransform(QTransform::fromScale(1 / dpr, 1 / dpr));
    painter.fillRect(exposed, Surround);

    const bool hasImage = m_left && !m_documentSize.isEmpty();
    if (hasImage) {
        const QRect imageRect = deviceImageRect() & exposed;
        if (!m_right) {
            drawSource(painter, *m_left, imageRect);
        } else {
            const int split = int(std::lround(dividerX() * dpr));
            QRect leftPart = imageRect;
            leftPart.setRight(std::min(imageRect.right(), split - 1));
            QRect rightPart = imageRect;
            rightPart.setLeft(std::max(imageRect.left(), split));
            drawSource(painter, *m_left, leftPart);
            drawSource(painter, *m_right, rightPart);
        }
    }

    painter.resetTransform();
    if (hasImage && m_right)
        drawDivider(painter);
    if (!hasImage && !m_placeholder.isEmpty()) {
        painter.setPen(QColor(0xb0, 0xb0, 0xb0));
        painter.drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    }
    drawBadge(painter, m_badgeLeft, Qt::AlignTop | Qt::AlignLeft);
    drawBadge(painter, m_badgeRight, Qt::AlignTop | Qt::AlignRight);
    if (m_busy)
        drawBadge(painter, tr("Rendering…"), Qt::AlignBottom | Qt::AlignRight);
}

void ImagePane::drawSource(QPainter &painter, const Source &source, const QRect &area) const
{
    if (area.isEmpty())
        return;
    const QImage &full = source.image();
    const double perPixelX = m_zoom * m_documentSize.width() / full.width();
    const double perPixelY = m_zoom * m_documentSize.height() / full.height();
    const int levelIndex = source.levelFor(std::min(perPixelX, perPixelY));
    const QImage &image = source.level(levelIndex);
    // Device pixels per pixel of the level actually drawn.
    const double stepX = m_zoom * m_documentSize.width() / image.width();
    const double stepY = m_zoom * m_documentSize.height() / image.height();
    const QPoint origin = deviceOrigin();

    // Only the source pixels under the exposed area are drawn, whatever the image's size.
    const int x0 = std::clamp(int(std::floor((area.left() - origin.x()) / stepX)), 0, image.width());
    const int x1 = std::clamp(int(std::ceil((area.right() + 1 - origin.x()) / stepX)), 0, image.width());
    const int y0 = std::clamp(int(std::floor((area.top() - origin.y()) / stepY)), 0, image.height());
    const int y1 = std::clamp(int(std::ceil((area.bottom() + 1 - origin.y()) / stepY)), 0, image.height());
    if (x1 <= x0 || y1 <= y0)
        return;
    const QRectF sourceRect(x0, y0, x1 - x0, y1 - y0);
    const QRectF target(origin.x() + x0 * stepX, origin.y() + y0 * stepY, (x1 - x0) * stepX, (y1 - y0) * stepY);

    painter.save();
    painter.setClipRect(area);
    if (source.hasAlpha()) {
        painter.setBrushOrigin(0, 0);
        painter.fillRect(area, checkerBrush(devicePixelRatio()));
    }
    // Exact pixels from 100 % up; a reduced (quick) result is smoothed, its blocks mean nothing.
    const bool reduced = full.width() < m_documentSize.width() || full.height() < m_documentSize.height();
    const bool smooth = reduced || stepX < 1 || stepY < 1;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, smooth);
    painter.drawImage(target, image, sourceRect);
    painter.restore();
}

void ImagePane::drawDivider(QPainter &painter) const
{
    const double dpr = devicePixelRatio();
    const double x = dividerX();
    const QRect image = deviceImageRect();
    const double top = std::max(0.0, image.top() / dpr);
    const double bottom = std::min(double(viewport()->height()), (image.bottom() + 1) / dpr);
    if (bottom <= top || x < -DividerGrabWidth || x > viewport()->width() + DividerGrabWidth)
        return;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 0, 0, 110), 4));
    painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    painter.setPen(QPen(Qt::white, 2));
    painter.drawLine(QPointF(x, top), QPointF(x, bottom));

    // A round grip with two arrows tells that the line can be dragged sideways.
    const QPointF grip(x, (top + bottom) / 2);
    const double radius = 12;
    painter.setPen(QPen(QColor(0, 0, 0, 140), 1));
    painter.setBrush(QColor(250, 250, 250));
    painter.drawEllipse(grip, radius, radius);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(60, 60, 60));
    QPainterPath arrows;
    arrows.moveTo(grip + QPointF(-8, 0));
    arrows.lineTo(grip + QPointF(-3, -5));
    arrows.lineTo(grip + QPointF(-3, 5));
    arrows.closeSubpath();
    arrows.moveTo(grip + QPointF(8, 0));
    arrows.lineTo(grip + QPointF(3, -5));
    arrows.lineTo(grip + QPointF(3, 5));
    arrows.closeSubpath();
    painter.drawPath(arrows);
    painter.restore();
}

void ImagePane::drawBadge(QPainter &painter, const QString &text, Qt::Alignment corner) const
{
    if (text.isEmpty())
        return;
    painter.save();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    painter.setFont(small);
    const QFontMetrics metrics(small);
    const int margin = 8;
    const QSize box(metrics.horizontalAdvance(text) + 12, metrics.height() + 6);
    const QRect area = viewport()->rect().adjusted(margin, margin, -margin, -margin);
    QRect rect(QPoint(), box);
    if (corner & Qt::AlignRight)
        rect.moveRight(area.right());
    else
        rect.moveLeft(area.left());
    if (corner & Qt::AlignBottom)
        rect.moveBottom(area.bottom());
    else
        rect.moveTop(area.top());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 150));
    painter.drawRoundedRect(rect, 4, 4);
    painter.setPen(QColor(240, 240, 240));
    painter.drawText(rect, Qt::AlignCenter, text);
    painter.restore();
}

bool ImagePane::isOverDivider(const QPointF &viewportPoint) const
{
    return m_right && !m_documentSize.isEmpty() && std::abs(viewportPoint.x() - dividerX()) <= DividerGrabWidth;
}

void ImagePane::updateCursor(const QPointF &viewportPoint)
{
    if (m_drag == Drag::Pan)
        viewport()->setCursor(Qt::ClosedHandCursor);
    else if (m_drag == Drag::Divider || isOverDivider(viewportPoint))
        viewport()->setCursor(Qt::SplitHCursor);
    else
        viewport()->setCursor(Qt::OpenHandCursor);
}

void ImagePane::reportPixel(const QPointF &viewportPoint)
{
    const QPointF image = viewportToImage(viewportPoint);
    const QPoint pixel(int(std::floor(image.x())), int(std::floor(image.y())));
    // The document's geometry is known even before a result exists; the status bar wants it.
    const bool inside = QRect(QPoint(), m_documentSize).contains(pixel);
    emit cursorOverPixel(inside ? pixel : QPoint(-1, -1));
}

void ImagePane::wheelEvent(QWheelEvent *event)
{
    // Whole notches step through the zoom ladder; fine-grained wheels accumulate to a notch.
    const QPoint delta = event->angleDelta();
    m_wheelRemainder += delta.y() != 0 ? delta.y() : delta.x();
    const int steps = m_wheelRemainder / 120;
    m_wheelRemainder -= steps * 120;
    if (steps != 0)
        emit zoomStepsRequested(steps, event->position());
    event->accept();
}

void ImagePane::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && isOverDivider(event->position()))
        m_drag = Drag::Divider;
    else if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton)
        m_drag = Drag::Pan;
    else
        return QAbstractScrollArea::mousePressEvent(event);
    m_lastDragPos = event->position();
    updateCursor(event->position());
    event->accept();
}

void ImagePane::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (m_drag == Drag::Divider && !m_documentSize.isEmpty()) {
        emit splitRequested(std::clamp(viewportToImage(pos).x() / m_documentSize.width(), 0.0, 1.0));
    } else if (m_drag == Drag::Pan) {
        const QPointF delta = (pos - m_lastDragPos) * devicePixelRatio() / m_zoom;
        m_lastDragPos = pos;
        emit panRequested(shownCenter() - delta);
    }
    updateCursor(pos);
    reportPixel(pos);
    event->accept();
}

void ImagePane::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    m_drag = Drag::None;
    updateCursor(event->position());
    event->accept();
}

bool ImagePane::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave)
        emit cursorOverPixel(QPoint(-1, -1));
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace ks
