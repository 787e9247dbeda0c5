#include "imagepane.h"

#include "colorprofile.h"

#include <QColorSpace>
#include <QCursor>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

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

// One 2x2 block of four-channel pixels (alpha last) averaged into an 8-bit pixel. Straight
// alpha is weighted by alpha, so the colour of transparent pixels does not bleed in.
template <typename Channel> void averageBlock(const Channel *const (&block)[4], bool straight, uchar *target)
{
    constexpr quint64 max = std::numeric_limits<Channel>::max();
    constexpr quint64 toByte = max / 255; // 1 for 8-bit, 257 for 16-bit channels
    // Four equal non-zero alphas weigh the colours equally: the plain mean is then the same
    // number, without a division by a variable (opaque images halve several times faster).
    const bool equalAlpha =
        block[0][3] != 0 && block[0][3] == block[1][3] && block[0][3] == block[2][3] && block[0][3] == block[3][3];
    if (straight && !equalAlpha) {
        quint64 alpha = 0;
        for (const Channel *p : block)
            alpha += p[3];
        for (int c = 0; c < 3; ++c) {
            quint64 sum = 0;
            for (const Channel *p : block)
                sum += quint64(p[c]) * p[3];
            target[c] = alpha == 0 ? 0 : uchar((sum + alpha / 2) / alpha / toByte);
        }
        target[3] = uchar((alpha + 2) / 4 / toByte);
    } else {
        for (int c = 0; c < 4; ++c)
            target[c] = uchar((quint64(block[0][c]) + block[1][c] + block[2][c] + block[3][c] + 2) / 4 / toByte);
    }
}

template <typename Channel> void halve(const QImage &image, bool straight, QImage &out)
{
    const int lastX = image.width() - 1;
    const int lastY = image.height() - 1;
    for (int y = 0; y < out.height(); ++y) {
        const auto *row0 = reinterpret_cast<const Channel *>(image.constScanLine(2 * y));
        const auto *row1 = reinterpret_cast<const Channel *>(image.constScanLine(std::min(2 * y + 1, lastY)));
        uchar *target = out.scanLine(y);
        for (int x = 0; x < out.width(); ++x, target += 4) {
            const int x0 = 8 * x;
            const int x1 = 4 * std::min(2 * x + 1, lastX);
            const Channel *const block[4] = {row0 + x0, row0 + x1, row1 + x0, row1 + x1};
            averageBlock(block, straight, target);
        }
    }
}

// Half the size, each pixel the mean of a 2x2 block, 8 bits per channel (plenty on screen).
// The formats the engine and the image readers produce get a direct loop: QImage::scaled
// converts straight alpha to premultiplied and back and is several times slower, which on a
// 24-megapixel result is a visible stall of the GUI thread.
QImage halfSize(const QImage &image)
{
    const QSize half((image.width() + 1) / 2, (image.height() + 1) / 2);
    // The loops want channels in memory order with alpha (or padding) last.
    const bool littleEndian = Q_BYTE_ORDER == Q_LITTLE_ENDIAN;
    switch (image.format()) {
    case QImage::Format_ARGB32:
    case QImage::Format_RGBA8888:
    case QImage::Format_RGB32:
    case QImage::Format_ARGB32_Premultiplied:
    case QImage::Format_RGBA8888_Premultiplied:
    case QImage::Format_RGBX8888:
        if (littleEndian || image.format() >= QImage::Format_RGBX8888) {
            const bool straight = image.format() == QImage::Format_ARGB32 || image.format() == QImage::Format_RGBA8888;
            QImage out(half, image.format());
            halve<uchar>(image, straight, out);
            return out;
        }
        break;
    case QImage::Format_RGBA64:
    case QImage::Format_RGBX64:
    case QImage::Format_RGBA64_Premultiplied: {
        const bool premultiplied = image.format() == QImage::Format_RGBA64_Premultiplied;
        QImage out(half, premultiplied                             ? QImage::Format_RGBA8888_Premultiplied
                         : image.format() == QImage::Format_RGBX64 ? QImage::Format_RGBX8888
                                                                   : QImage::Format_RGBA8888);
        halve<quint16>(image, image.format() == QImage::Format_RGBA64, out);
        return out;
    }
    default:
        break;
    }
    return image.scaled(half, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace

ImagePane::Source::Source(const QImage &image)
{
    // Kept as given (shared, no copy): the raster engine fetches any format scanline by scanline,
    // and only the visible part is ever drawn, while converting a 24-megapixel image up front
    // would stall the GUI thread for a fifth of a second on every result.
    m_hasAlpha = image.hasAlphaChannel();
    m_levels.push_back(image);
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
        QImage half = halfSize(m_levels.back());
        half.setColorSpace(m_levels.back().colorSpace());
        m_levels.push_back(std::move(half));
    }
    // An image in another colour space (Adobe RGB, Display P3) is shown converted to sRGB, or its
    // colours would look dull or wrong; only the levels drawn are converted, when first drawn (at
    // fit, a sixteenth of a 24-megapixel image or less). Qt 6.4 reports no screen profile.
    if (m_shown.size() < m_levels.size())
        m_shown.resize(m_levels.size());
    QImage &shown = m_shown[size_t(index)];
    if (shown.isNull())
        shown = convertedToSrgb(m_levels[size_t(index)]);
    return shown;
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

void ImagePane::setOverlay(SourcePtr overlay, const QRect &documentRect)
{
    if (overlay == m_overlay && documentRect == m_overlayRect)
        return;
    m_overlay = std::move(overlay);
    m_overlayRect = documentRect;
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

void ImagePane::setFocusFrame(bool show)
{
    if (show == m_focusFrame)
        return;
    m_focusFrame = show;
    viewport()->update();
}

void ImagePane::setRegion(const std::optional<QRect> &region)
{
    if (region == m_region)
        return;
    m_region = region;
    viewport()->update();
}

void ImagePane::setRegionTool(bool on)
{
    if (on == m_regionTool)
        return;
    m_regionTool = on;
    if (m_drag == Drag::None)
        updateCursor(viewport()->mapFromGlobal(QCursor::pos()));
}

void ImagePane::cancelRegionDrag()
{
    if (m_drag != Drag::Region)
        return;
    const bool changed = m_regionDragChanged;
    const std::optional<QRect> before = m_regionDrag.regionBefore();
    m_drag = Drag::None;
    m_regionDrag.end();
    m_regionDragChanged = false;
    if (changed)
        emit regionRequested(before, false);
    updateCursor(viewport()->mapFromGlobal(QCursor::pos()));
}

QRect ImagePane::deviceRegionRect() const
{
    if (!m_region || m_documentSize.isEmpty())
        return {};
    // Rounded like the image's own pixel edges, so the outline hugs the pixels at any zoom.
    const QPoint origin = deviceOrigin();
    const QRect &r = *m_region;
    const int x0 = origin.x() + int(std::lround(r.x() * m_zoom));
    const int x1 = origin.x() + int(std::lround((r.x() + r.width()) * m_zoom));
    const int y0 = origin.y() + int(std::lround(r.y() * m_zoom));
    const int y1 = origin.y() + int(std::lround((r.y() + r.height()) * m_zoom));
    return QRect(x0, y0, std::max(1, x1 - x0), std::max(1, y1 - y0));
}

QRectF ImagePane::regionInViewport() const
{
    const QRect device = deviceRegionRect();
    if (device.isEmpty())
        return {};
    const double dpr = devicePixelRatio();
    return QRectF(QPointF(device.topLeft()) / dpr, QSizeF(device.size()) / dpr);
}

RegionOverlay::Part ImagePane::regionPartAt(const QPointF &viewportPoint) const
{
    if (!m_left)
        return RegionOverlay::Part::None;
    return RegionOverlay::partAt(regionInViewport(), viewportPoint);
}

void ImagePane::beginRegionDrag(const QPointF &viewportPoint, RegionOverlay::Part part)
{
    const QPointF imagePoint = viewportToImage(viewportPoint);
    if (part == RegionOverlay::Part::None)
        m_regionDrag.beginDraw(imagePoint, m_documentSize, m_region);
    else
        m_regionDrag.beginEdit(part, *m_region, imagePoint, m_documentSize);
    m_drag = Drag::Region;
    m_regionDragChanged = false;
    m_regionDragShown = m_region;
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
    double zoom =
        std::min(double(view.width()) / m_documentSize.width(), double(view.height()) / m_documentSize.height());
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

void ImagePane::scrollContentsBy(int dx, int dy)
{
    if (m_syncingScrollBars || m_documentSize.isEmpty())
        return;
    // Only the axis that moved is taken from its bar: the other bar's whole-pixel value would
    // nudge the centre by a fraction of a pixel.
    const double scale = m_zoom / devicePixelRatio();
    const QSize view = viewport()->size();
    QPointF center = shownCenter();
    if (dx != 0)
        center.setX((horizontalScrollBar()->value() + view.width() / 2.0) / scale);
    if (dy != 0)
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
    const QRect exposed =
        QRectF(QPointF(event->rect().topLeft()) * dpr, QSizeF(event->rect().size()) * dpr).toAlignedRect();

    // Drawing in device pixels keeps the pixel grid exact on HiDPI screens.
    painter.setWorldTransform(QTransform::fromScale(1 / dpr, 1 / dpr));
    painter.fillRect(exposed, Surround);

    const bool hasImage = m_left && !m_documentSize.isEmpty();
    if (hasImage) {
        const QRect imageRect = deviceImageRect() & exposed;
        if (!m_right) {
            drawSource(painter, *m_left, imageRect);
            if (m_overlay)
                drawSource(painter, *m_overlay, imageRect, m_overlayRect);
        } else {
            const int split = int(std::lround(dividerX() * dpr));
            QRect leftPart = imageRect;
            leftPart.setRight(std::min(imageRect.right(), split - 1));
            QRect rightPart = imageRect;
            rightPart.setLeft(std::max(imageRect.left(), split));
            drawSource(painter, *m_left, leftPart);
            drawSource(painter, *m_right, rightPart);
            if (m_overlay)
                drawSource(painter, *m_overlay, rightPart, m_overlayRect);
        }
        if (m_region)
            RegionOverlay::paint(painter, deviceRegionRect(), dpr);
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
    if (m_focusFrame) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(viewport()->rect()).adjusted(1, 1, -1, -1));
    }
}

void ImagePane::drawSource(QPainter &painter, const Source &source, const QRect &exposed, const QRect &placed) const
{
    const QRect document = placed.isEmpty() ? QRect(QPoint(0, 0), m_documentSize) : placed;
    const QImage &full = source.image();
    const double perPixelX = m_zoom * document.width() / full.width();
    const double perPixelY = m_zoom * document.height() / full.height();
    const int levelIndex = source.levelFor(std::min(perPixelX, perPixelY));
    const QImage &image = source.level(levelIndex);
    // Device pixels per pixel of the level actually drawn.
    const double stepX = m_zoom * document.width() / image.width();
    const double stepY = m_zoom * document.height() / image.height();
    const QPoint origin =
        deviceOrigin() + QPoint(int(std::lround(document.x() * m_zoom)), int(std::lround(document.y() * m_zoom)));
    // A placed source covers (and is clipped to) its own rectangle only.
    const QRect area = placed.isEmpty() ? exposed
                                        : exposed & QRect(origin, QSize(int(std::lround(document.width() * m_zoom)),
                                                                        int(std::lround(document.height() * m_zoom))));
    if (area.isEmpty())
        return;

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
    const bool reduced = full.width() < document.width() || full.height() < document.height();
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
    // Flat caps: the line ends exactly at the image's edges.
    painter.setPen(QPen(QColor(0, 0, 0, 110), 4, Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    painter.setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::FlatCap));
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
    // The same order of precedence as a press: handles, divider, inside the region, new region.
    const RegionOverlay::Part part = m_drag == Drag::None ? regionPartAt(viewportPoint) : RegionOverlay::Part::None;
    const bool onHandle = part != RegionOverlay::Part::None && part != RegionOverlay::Part::Inside;
    if (m_drag == Drag::Pan)
        viewport()->setCursor(Qt::ClosedHandCursor);
    else if (m_drag == Drag::Region)
        viewport()->setCursor(m_regionDrag.isDrawing() ? Qt::CrossCursor
                                                       : RegionOverlay::cursorFor(m_regionDrag.part()));
    else if (onHandle)
        viewport()->setCursor(RegionOverlay::cursorFor(part));
    else if (m_drag == Drag::Divider || isOverDivider(viewportPoint))
        viewport()->setCursor(Qt::SplitHCursor);
    else if (part == RegionOverlay::Part::Inside)
        viewport()->setCursor(RegionOverlay::cursorFor(part));
    else if (m_regionTool && m_left)
        viewport()->setCursor(Qt::CrossCursor);
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
    if (steps != 0) {
        emit zoomStepsRequested(steps, event->position());
        reportPixel(event->position()); // the image moved under a mouse that did not
    }
    event->accept();
}

void ImagePane::mousePressEvent(QMouseEvent *event)
{
    if (m_drag != Drag::None) // a second button during a drag: the first one's drag goes on
        return event->accept();
    const bool left = event->button() == Qt::LeftButton;
    const RegionOverlay::Part part = left ? regionPartAt(event->position()) : RegionOverlay::Part::None;
    const bool onHandle = part != RegionOverlay::Part::None && part != RegionOverlay::Part::Inside;
    // The middle button always pans, so the view can be moved even when the region fills it.
    if (onHandle)
        beginRegionDrag(event->position(), part);
    else if (left && isOverDivider(event->position()))
        m_drag = Drag::Divider;
    else if (part == RegionOverlay::Part::Inside || (left && m_regionTool && m_left))
        beginRegionDrag(event->position(), part);
    else if (left || event->button() == Qt::MiddleButton)
        m_drag = Drag::Pan;
    else
        return QAbstractScrollArea::mousePressEvent(event);
    m_dragButton = event->button();
    m_lastDragPos = event->position();
    updateCursor(event->position());
    event->accept();
}

void ImagePane::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (m_drag == Drag::Region) {
        const std::optional<QRect> region = m_regionDrag.regionAt(viewportToImage(pos));
        // A new region appears once it is a pixel wide and high; until then the old one stays.
        if (region && region != m_regionDragShown) {
            m_regionDragShown = region;
            m_regionDragChanged = true;
            emit regionRequested(region, true);
        }
    } else if (m_drag == Drag::Divider && !m_documentSize.isEmpty()) {
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
    if (event->button() != m_dragButton)
        return event->accept();
    if (m_drag == Drag::Region) {
        const bool drawing = m_regionDrag.isDrawing();
        const bool hadRegion = m_regionDrag.regionBefore().has_value();
        m_drag = Drag::None;
        m_regionDrag.end();
        // A click off the region with the tool on drops it, as a click outside a selection does.
        if (m_regionDragChanged)
            emit regionRequested(m_regionDragShown, false);
        else if (drawing && hadRegion)
            emit regionRequested(std::nullopt, false);
        m_regionDragChanged = false;
    }
    m_drag = Drag::None;
    updateCursor(event->position());
    event->accept();
}

void ImagePane::mouseDoubleClickEvent(QMouseEvent *event)
{
    // On the region a double click is most likely a hurried drag: it must not change the zoom.
    if (event->button() != Qt::LeftButton || isOverDivider(event->position()) ||
        regionPartAt(event->position()) != RegionOverlay::Part::None)
        return QAbstractScrollArea::mouseDoubleClickEvent(event);
    emit zoomToggleRequested(event->position());
    event->accept();
}

bool ImagePane::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave)
        emit cursorOverPixel(QPoint(-1, -1));
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace ks
