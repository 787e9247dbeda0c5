#pragma once

#include <QColor>
#include <QPointF>
#include <QRect>
#include <QRectF>
#include <QSize>
#include <Qt>

#include <optional>

class QPainter;

namespace ks {

// The filter region as every ImagePane draws it and as the mouse edits it: the outline and
// its eight handles, which part of it lies under the mouse, and one drag (drawing a new
// rectangle, moving it, or pulling an edge or corner).
//
// The region itself is not kept here: CompareView holds the one region and pushes it into
// every pane, as it does the view transform. A drag only remembers where it started, so that
// each mouse position gives the rectangle afresh and rounding never accumulates.
//
// Regions are in image pixels of the original: whole pixels, never empty, inside the document.
// Mouse positions come in as image points (fractions allowed); rectangle edges snap to the
// nearest pixel boundary, as the edges of a selection do in other image editors.
class RegionOverlay
{
public:
    enum class Part
    {
        None,
        Inside,
        Left,
        Top,
        Right,
        Bottom,
        TopLeft,
        TopRight,
        BottomLeft,
        BottomRight,
    };

    // Logical pixels: the side of a drawn handle, and how far from an edge the mouse still grabs it.
    static constexpr double HandleSize = 7;
    static constexpr double GrabDistance = 5;

    // The part of a region shown at `shown` (logical viewport coordinates) under `point`:
    // corners before edges before the inside, so a small region can still be resized.
    static Part partAt(const QRectF &shown, const QPointF &point);
    static Qt::CursorShape cursorFor(Part part);

    // Draws the outline just outside `shownDevice` (device pixels, painter without scaling) so
    // it never covers a filtered pixel, and the handles over it. `dpr` sizes lines and handles.
    static void paint(QPainter &painter, const QRect &shownDevice, double dpr);

    // The outline's colours: a dashed bright line over a solid dark one, visible on any image.
    static QColor dashColor();
    static QColor shadowColor();

    // The rectangle between two image points, edges rounded to pixel boundaries, clipped to
    // `document`; nothing when it would be empty.
    static std::optional<QRect> spanned(const QPointF &a, const QPointF &b, const QSize &document);

    // Starts drawing a new region from `imagePoint`.
    void beginDraw(const QPointF &imagePoint, const QSize &document, const std::optional<QRect> &before);
    // Starts moving (Part::Inside) or resizing `region` by `part`.
    void beginEdit(Part part, const QRect &region, const QPointF &imagePoint, const QSize &document);
    bool isActive() const { return m_part != Part::None || m_drawing; }
    bool isDrawing() const { return m_drawing; }
    Part part() const { return m_part; }
    // The region with the mouse at `imagePoint`. Drawing gives nothing while the rectangle is
    // still empty; moving keeps the size and stays inside; resizing never goes below a pixel.
    std::optional<QRect> regionAt(const QPointF &imagePoint) const;
    // The region as it was when the drag started (for cancelling it).
    std::optional<QRect> regionBefore() const { return m_before; }
    void end();

private:
    Part m_part = Part::None;
    bool m_drawing = false;
    QPointF m_pressPoint;
    QSize m_document;
    std::optional<QRect> m_before;
};

} // namespace ks
