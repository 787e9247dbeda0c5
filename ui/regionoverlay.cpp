#include "regionoverlay.h"

#include <QColor>
#include <QPainter>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace ks {

namespace {

int snap(double v, int limit)
{
    return std::clamp(int(std::lround(v)), 0, limit);
}

// Two edges on one axis, in order, at least a pixel apart: an edge pulled across the opposite
// one turns the rectangle over instead of leaving an empty one.
std::pair<int, int> ordered(int a, int b, int limit)
{
    int low = std::min(a, b);
    int high = std::max(a, b);
    if (low == high) {
        if (high < limit)
            ++high;
        else
            --low;
    }
    return {low, high};
}

} // namespace

RegionOverlay::Part RegionOverlay::partAt(const QRectF &shown, const QPointF &point)
{
    if (shown.isEmpty())
        return Part::None;
    const double toLeft = std::abs(point.x() - shown.left());
    const double toRight = std::abs(point.x() - shown.right());
    const double toTop = std::abs(point.y() - shown.top());
    const double toBottom = std::abs(point.y() - shown.bottom());
    // On a region a few pixels wide both edges are in reach: the nearer one wins.
    const bool left = toLeft <= GrabDistance && toLeft <= toRight;
    const bool right = !left && toRight <= GrabDistance;
    const bool top = toTop <= GrabDistance && toTop <= toBottom;
    const bool bottom = !top && toBottom <= GrabDistance;
    const bool withinX = point.x() >= shown.left() - GrabDistance && point.x() <= shown.right() + GrabDistance;
    const bool withinY = point.y() >= shown.top() - GrabDistance && point.y() <= shown.bottom() + GrabDistance;
    if (left && top)
        return Part::TopLeft;
    if (right && top)
        return Part::TopRight;
    if (left && bottom)
        return Part::BottomLeft;
    if (right && bottom)
        return Part::BottomRight;
    if ((left || right) && withinY)
        return left ? Part::Left : Part::Right;
    if ((top || bottom) && withinX)
        return top ? Part::Top : Part::Bottom;
    if (shown.contains(point))
        return Part::Inside;
    return Part::None;
}

Qt::CursorShape RegionOverlay::cursorFor(Part part)
{
    switch (part) {
    case Part::Inside:
        return Qt::SizeAllCursor;
    case Part::Left:
    case Part::Right:
        return Qt::SizeHorCursor;
    case Part::Top:
    case Part::Bottom:
        return Qt::SizeVerCursor;
    case Part::TopLeft:
    case Part::BottomRight:
        return Qt::SizeFDiagCursor;
    case Part::TopRight:
    case Part::BottomLeft:
        return Qt::SizeBDiagCursor;
    case Part::None:
        break;
    }
    return Qt::ArrowCursor;
}

QColor RegionOverlay::dashColor()
{
    return QColor(255, 214, 0);
}

QColor RegionOverlay::shadowColor()
{
    return QColor(16, 16, 16);
}

void RegionOverlay::paint(QPainter &painter, const QRect &shownDevice, double dpr)
{
    if (shownDevice.isEmpty())
        return;
    const int line = std::max(1, int(std::lround(dpr)));
    // The pen's centre half a line outside the region: the line covers whole device pixels
    // next to the region and none of the region's own.
    const QRectF outline = QRectF(shownDevice).adjusted(-line / 2.0, -line / 2.0, line / 2.0, line / 2.0);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(shadowColor(), line, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    painter.drawRect(outline);
    QPen dashes(dashColor(), line, Qt::CustomDashLine, Qt::FlatCap, Qt::MiterJoin);
    dashes.setDashPattern({4, 4});
    // The outline starts half a line before a pixel edge: shifting the dashes by as much puts
    // every dash's end on a pixel edge too, so no pixel is a blend of the two colours.
    dashes.setDashOffset(0.5);
    painter.setPen(dashes);
    painter.drawRect(outline);

    // Odd sides centred on the line's centre: every handle edge falls on a pixel edge.
    const int side = int(std::lround(HandleSize * dpr)) | 1;
    const QPointF centre = outline.center();
    for (const QPointF &at :
         {outline.topLeft(), QPointF(centre.x(), outline.top()), outline.topRight(),
          QPointF(outline.right(), centre.y()), outline.bottomRight(), QPointF(centre.x(), outline.bottom()),
          outline.bottomLeft(), QPointF(outline.left(), centre.y())}) {
        const QRectF handle(std::round(at.x() - side / 2.0), std::round(at.y() - side / 2.0), side, side);
        painter.fillRect(handle, shadowColor());
        painter.fillRect(handle.adjusted(line, line, -line, -line), dashColor());
    }
    painter.restore();
}

std::optional<QRect> RegionOverlay::spanned(const QPointF &a, const QPointF &b, const QSize &document)
{
    const int x0 = snap(std::min(a.x(), b.x()), document.width());
    const int x1 = snap(std::max(a.x(), b.x()), document.width());
    const int y0 = snap(std::min(a.y(), b.y()), document.height());
    const int y1 = snap(std::max(a.y(), b.y()), document.height());
    if (x1 <= x0 || y1 <= y0)
        return std::nullopt;
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

void RegionOverlay::beginDraw(const QPointF &imagePoint, const QSize &document, const std::optional<QRect> &before)
{
    m_part = Part::None;
    m_drawing = true;
    m_pressPoint = imagePoint;
    m_document = document;
    m_before = before;
}

void RegionOverlay::beginEdit(Part part, const QRect &region, const QPointF &imagePoint, const QSize &document)
{
    m_part = part;
    m_drawing = false;
    m_pressPoint = imagePoint;
    m_document = document;
    m_before = region;
}

std::optional<QRect> RegionOverlay::regionAt(const QPointF &imagePoint) const
{
    if (m_drawing)
        return spanned(m_pressPoint, imagePoint, m_document);
    if (m_part == Part::None || !m_before)
        return m_before;

    // Relative to the press, so grabbing an edge a few pixels off does not make it jump.
    const int dx = int(std::lround(imagePoint.x() - m_pressPoint.x()));
    const int dy = int(std::lround(imagePoint.y() - m_pressPoint.y()));
    const QRect &start = *m_before;
    const int width = m_document.width();
    const int height = m_document.height();
    if (m_part == Part::Inside) {
        const int x = std::clamp(start.x() + dx, 0, std::max(0, width - start.width()));
        const int y = std::clamp(start.y() + dy, 0, std::max(0, height - start.height()));
        return QRect(x, y, start.width(), start.height());
    }

    int left = start.x();
    int right = start.x() + start.width();
    int top = start.y();
    int bottom = start.y() + start.height();
    const bool movesLeft = m_part == Part::Left || m_part == Part::TopLeft || m_part == Part::BottomLeft;
    const bool movesRight = m_part == Part::Right || m_part == Part::TopRight || m_part == Part::BottomRight;
    const bool movesTop = m_part == Part::Top || m_part == Part::TopLeft || m_part == Part::TopRight;
    const bool movesBottom = m_part == Part::Bottom || m_part == Part::BottomLeft || m_part == Part::BottomRight;
    if (movesLeft)
        left = std::clamp(left + dx, 0, width);
    if (movesRight)
        right = std::clamp(right + dx, 0, width);
    if (movesTop)
        top = std::clamp(top + dy, 0, height);
    if (movesBottom)
        bottom = std::clamp(bottom + dy, 0, height);
    const auto [x0, x1] = ordered(left, right, width);
    const auto [y0, y1] = ordered(top, bottom, height);
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

void RegionOverlay::end()
{
    m_part = Part::None;
    m_drawing = false;
    m_before.reset();
}

} // namespace ks
