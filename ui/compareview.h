#pragma once

#include "imagepane.h"
#include "latestonly.h"

#include <QFutureWatcher>
#include <QImage>
#include <QPointF>
#include <QRect>
#include <QSize>
#include <QWidget>

#include <optional>

class QSplitter;

namespace ks {

// The before/after view: the original and the filtered result under one shared view transform.
//
// Zoom and centre live here and nowhere else; every pane draws from them, and every gesture in
// a pane (wheel, drag, scroll bar, divider) comes here as a request, so the panes cannot drift
// apart. Zoom 1 is one image pixel per device pixel. Coordinates in the API are image pixels of
// the original; a result of another size is stretched over the original's rectangle.
//
// Three modes: side by side (two panes in a splitter), split (one pane, original left of a
// draggable divider, result right of it) and difference (|result - original| amplified).
// Holding Backslash shows the original where the result would be.
//
// The filter region (FilterSettings::region) is drawn on every pane, in every mode, as a
// dashed rectangle with eight handles: dragging a handle resizes it, dragging inside moves it.
// With the region tool on (R, or setRegionTool()), a drag off the region draws a new one and
// a click off it removes it; with the tool off such a drag pans, and the middle button always
// pans. Esc cancels a region drag in progress, else removes the region, else ends the tool.
class CompareView : public QWidget
{
    Q_OBJECT

public:
    enum class Mode
    {
        SideBySide,
        Split,
        Difference
    };
    Q_ENUM(Mode)

    // The difference mode's amplification of |result - original|.
    static constexpr int DifferenceGain = 4;

    explicit CompareView(QWidget *parent = nullptr);

    // A new document: clears the result; fits to the window when the size differs from the
    // previous original's.
    void setOriginal(const QImage &image);
    // `fullResolution` false marks a quick, reduced preview; any size is drawn over the original.
    void setResult(const QImage &image, bool fullResolution);
    // A quick pass's exact pixels of `area` (image pixels of the original), shown over the
    // result until the next setResult() or setOriginal().
    void setResultArea(const QImage &image, const QRect &area);
    QRect resultArea() const { return m_resultAreaSource ? m_resultAreaRect : QRect(); }
    const QImage &resultAreaImage() const { return m_resultArea; }
    // The last render failed: the result pane says so (badge, or `reason` when it has nothing
    // to show) until the next setResult() or setOriginal(). Pixels still shown are an older result.
    void setRenderFailed(const QString &reason);
    bool renderFailed() const { return m_failed; }
    const QImage &original() const { return m_original; }
    const QImage &result() const { return m_result; }
    bool resultIsFullResolution() const { return m_resultIsFull; }

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    // While true the result pane shows the original (Backslash held does this).
    void setShowOriginal(bool show);
    // The result pane shows the original now: Backslash held, or the preview switched off.
    bool showsOriginal() const { return m_showOriginal || !m_previewOn; }
    // Preview off (the Preview check box): the result pane shows the original until it is on
    // again, whatever Backslash does. Renders go on, so Export and Copy need not wait for one.
    void setPreviewOn(bool on);
    bool isPreviewOn() const { return m_previewOn; }

    // A full render runs: the result pane says so, quietly.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    double zoom() const { return m_zoom; }
    void setZoom(double zoom); // keeps the view centre; clamped to MinZoom..MaxZoom
    bool isFitToWindow() const { return m_fit; }
    QPointF viewCenter() const { return m_center; }
    void setViewCenter(const QPointF &imagePoint);

    // One pane's viewport in device pixels (the quick preview is rendered for this size).
    QSize paneSize() const;
    // The image pixels of the original the result is shown for (whole pixels, inside the image).
    QRect visibleImageRect() const;

    QWidget *originalPane() const { return m_originalPane; }
    QWidget *resultPane() const { return m_resultPane; }
    QWidget *splitPane() const { return m_splitPane; }
    QWidget *differencePane() const { return m_differencePane; }
    QSplitter *splitter() const { return m_splitter; }
    // The badge the result pane shows: "Preview", "Preview, exact in view", "Full resolution",
    // "Render failed" or "Original".
    QString resultBadge() const;

    double splitPosition() const { return m_split; }
    void setSplitPosition(double fraction); // 0..1 across the image

    // The filter region in image pixels of the original (whole pixels, inside the image), or
    // nothing for the whole image. setRegion() emits nothing: it is how the owner shows the
    // region of the settings it holds. A new original of another size drops the region.
    std::optional<QRect> region() const { return m_region; }
    void setRegion(std::optional<QRect> region);
    bool isRegionTool() const { return m_regionTool; }

    static constexpr double MinZoom = ImagePane::MinZoom;
    static constexpr double MaxZoom = ImagePane::MaxZoom;

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomToActualSize();
    // A region drag starting off the region draws a new one (for a checkable action, key R).
    void setRegionTool(bool on);
    // Removes the region as the user would (Esc): emits regionChanged(nullopt, false) if there was one.
    void clearRegion();

signals:
    void zoomChanged(double zoom);
    void viewChanged(); // zoom or pan changed
    // Image pixel under the mouse in any pane; QPoint(-1, -1) when the mouse leaves the image.
    void cursorOverPixel(QPoint pixel);
    void paneSizeChanged(QSize size);
    void splitPositionChanged(double fraction); // so that it can be remembered
    // The user drew, moved, resized or removed the region: `interim` while a mouse button is
    // held (for the live preview), then once with `interim` false when the drag ends (one undo
    // step per drag). A drag cancelled with Esc ends with the region it started from.
    void regionChanged(std::optional<QRect> region, bool interim);
    void regionToolChanged(bool on);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    ImagePane *createPane(const QString &name, const QString &accessibleName, const QString &description);
    ImagePane *referencePane() const;
    double fitZoom() const;
    void applyView();
    void zoomBySteps(int steps, ImagePane *pane, const QPointF &viewportPoint);
    void zoomAround(double zoom, ImagePane *pane, const QPointF &viewportPoint);
    void panBy(double dx, double dy); // fractions of the pane's viewport
    void updatePanes();
    void reportPixel(const QPoint &pixel);
    void checkPaneSize();
    void refreshDifference();
    void invalidateDifference();
    void showRegion();
    bool cancelRegionDrags(); // true when a pane was dragging one
    QList<ImagePane *> panes() const;

    ImagePane *m_originalPane = nullptr;
    ImagePane *m_resultPane = nullptr;
    ImagePane *m_splitPane = nullptr;
    ImagePane *m_differencePane = nullptr;
    QSplitter *m_splitter = nullptr;

    QImage m_original;
    QImage m_result;
    ImagePane::SourcePtr m_originalSource;
    ImagePane::SourcePtr m_resultSource;
    ImagePane::SourcePtr m_differenceSource; // built only in difference mode
    // The difference no longer matches the images (it stays shown until its successor is
    // ready). Large images compute it on a worker, so the window never waits for it; a job of
    // an older generation is dropped when it ends.
    bool m_differenceStale = true;
    Generation m_differenceGeneration;
    Generation::Tag m_differenceJobTag = 0; // the generation the running job started in
    QFutureWatcher<QImage> *m_differenceJob = nullptr;
    bool m_resultIsFull = true;
    QImage m_resultArea;
    QRect m_resultAreaRect;
    ImagePane::SourcePtr m_resultAreaSource;
    bool m_failed = false;
    QString m_failure;

    Mode m_mode = Mode::SideBySide;
    bool m_showOriginal = false;
    bool m_previewOn = true;
    bool m_backslashHeld = false;
    bool m_busy = false;
    bool m_fit = true;
    double m_zoom = 1;
    QPointF m_center;
    double m_announcedZoom = 1;
    QPointF m_announcedCenter;
    double m_split = 0.5;
    QSize m_lastPaneSize;
    QPoint m_lastPixel{-1, -1};
    std::optional<QRect> m_region;
    bool m_regionTool = false;
};

} // namespace ks
