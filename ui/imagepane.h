#pragma once

#include "regionoverlay.h"

#include <QAbstractScrollArea>
#include <QImage>
#include <QPointF>
#include <QRect>
#include <QString>

#include <deque>
#include <memory>
#include <optional>

namespace ks {

// One scrollable viewport onto the document, as used by CompareView.
//
// A pane owns no view state of its own: CompareView holds the one shared zoom and centre and
// pushes them into every pane with setView(), and likewise the filter region with setRegion().
// What the user does in a pane (wheel, drag, scroll bars, divider, region handles) comes back
// out as a request signal, so panes never talk to each other.
//
// Geometry is in device pixels: zoom 1 is one image pixel per device pixel, and the image's
// top-left corner always lands on a whole device pixel, so at integer zooms every image pixel
// is an exact block of device pixels.
class ImagePane : public QAbstractScrollArea
{
    Q_OBJECT

public:
    // An image converted once to a format the raster engine draws fast, shared between panes.
    // Half-size levels are built on first use so that painting far below 100 % never scales
    // the full image.
    class Source
    {
    public:
        explicit Source(const QImage &image);
        const QImage &image() const { return m_levels.front(); } // as given, in its own colour space
        bool hasAlpha() const { return m_hasAlpha; }
        // The level to draw when one level-0 pixel covers `devicePixelsPerPixel` device pixels.
        int levelFor(double devicePixelsPerPixel) const;
        const QImage &level(int index) const;

    private:
        bool m_hasAlpha = false;
        // Deques: references stay valid as levels are added.
        mutable std::deque<QImage> m_levels; // the image and its half sizes, in its own colour space
        mutable std::deque<QImage> m_shown;  // the levels drawn so far, in sRGB (shared when already sRGB)
    };
    using SourcePtr = std::shared_ptr<const Source>;

    explicit ImagePane(QWidget *parent = nullptr);

    // The document's size in image pixels; every source is stretched over this rectangle.
    void setDocumentSize(const QSize &size);
    QSize documentSize() const { return m_documentSize; }
    // `right` non-null makes this a split pane: `left` left of the divider, `right` right of it.
    void setSources(SourcePtr left, SourcePtr right = {});
    // Drawn over the only source (or the right one of a split) at `documentRect`, in document
    // pixels, one overlay pixel per document pixel: a quick pass's exact part of the result.
    void setOverlay(SourcePtr overlay, const QRect &documentRect = {});
    QRect overlayRect() const { return m_overlay ? m_overlayRect : QRect(); }
    void setSplitPosition(double fraction);
    double splitPosition() const { return m_split; }
    void setView(double zoom, const QPointF &center);
    void setBadges(const QString &left, const QString &right = {});
    QString badgeText() const { return m_badgeLeft; }
    QString rightBadgeText() const { return m_badgeRight; }
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    // A frame that shows where the keyboard focus is (the view owns the focus, the pane shows it).
    void setFocusFrame(bool show);
    bool hasFocusFrame() const { return m_focusFrame; }
    void setPlaceholder(const QString &text);
    QString placeholder() const { return m_placeholder; }

    // The filter region in image pixels, drawn with its handles; the handles and the inside
    // can be dragged whether or not the region tool is on.
    void setRegion(const std::optional<QRect> &region);
    std::optional<QRect> region() const { return m_region; }
    // While on, a left drag that starts off the region draws a new one instead of panning.
    void setRegionTool(bool on);
    bool isRegionTool() const { return m_regionTool; }
    bool isDraggingRegion() const { return m_drag == Drag::Region; }
    // Ends the drag in progress and asks for the region as it was before it (Esc).
    void cancelRegionDrag();
    // Where the region is shown, in logical viewport coordinates; empty without one.
    QRectF regionInViewport() const;

    double devicePixelRatio() const;
    QSize viewportDeviceSize() const;
    double zoom() const { return m_zoom; }
    // The centre actually shown: the requested one, kept so that the image covers the viewport.
    QPointF shownCenter() const { return clampedCenter(m_center, m_zoom); }
    QPointF clampedCenter(const QPointF &center, double zoom) const;
    // The centre that keeps `imagePoint` under `viewportPoint` (logical) at `zoom`.
    QPointF centerKeeping(const QPointF &imagePoint, const QPointF &viewportPoint, double zoom) const;
    // Largest zoom showing the whole document; whole numbers above 100 % to stay pixel exact.
    double fitZoom() const;
    QPointF imageToViewport(const QPointF &imagePoint) const; // logical viewport coordinates
    QPointF viewportToImage(const QPointF &viewportPoint) const;
    // Split divider position in logical viewport coordinates.
    double dividerX() const;

    static constexpr double MinZoom = 1.0 / 64;
    static constexpr double MaxZoom = 64;

signals:
    void zoomStepsRequested(int steps, const QPointF &viewportPoint);
    void zoomToggleRequested(const QPointF &viewportPoint); // double click
    void panRequested(const QPointF &center);
    void splitRequested(double fraction);
    void cursorOverPixel(const QPoint &pixel);
    void viewportResized();
    // The user drags the region: `interim` while the button is held, then once false on release.
    void regionRequested(std::optional<QRect> region, bool interim);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    QPoint deviceOrigin() const;
    QRect deviceImageRect() const;
    // `placed`: where the source lies, in document pixels; empty for the whole document.
    void drawSource(QPainter &painter, const Source &source, const QRect &area, const QRect &placed = {}) const;
    void drawDivider(QPainter &painter) const;
    void drawBadge(QPainter &painter, const QString &text, Qt::Alignment corner) const;
    bool isOverDivider(const QPointF &viewportPoint) const;
    void updateScrollBars();
    void updateCursor(const QPointF &viewportPoint);
    void reportPixel(const QPointF &viewportPoint);
    QRect deviceRegionRect() const;
    // The region part under the mouse; Part::None without a region or an image.
    RegionOverlay::Part regionPartAt(const QPointF &viewportPoint) const;
    void beginRegionDrag(const QPointF &viewportPoint, RegionOverlay::Part part);

    QSize m_documentSize;
    SourcePtr m_left;
    SourcePtr m_right;
    SourcePtr m_overlay;
    QRect m_overlayRect;
    double m_split = 0.5;
    double m_zoom = 1;
    QPointF m_center;
    QString m_badgeLeft;
    QString m_badgeRight;
    QString m_placeholder;
    bool m_busy = false;
    bool m_focusFrame = false;
    std::optional<QRect> m_region;
    bool m_regionTool = false;

    enum class Drag
    {
        None,
        Pan,
        Divider,
        Region
    };
    Drag m_drag = Drag::None;
    Qt::MouseButton m_dragButton = Qt::NoButton;
    QPointF m_lastDragPos;
    RegionOverlay m_regionDrag;
    bool m_regionDragChanged = false;       // a request went out during this drag
    std::optional<QRect> m_regionDragShown; // the last region requested during this drag
    int m_wheelRemainder = 0;
    // Set while setView() moves the scroll bars, so that their echo is not taken for the user.
    bool m_syncingScrollBars = false;
};

} // namespace ks
