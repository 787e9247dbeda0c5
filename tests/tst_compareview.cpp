// CompareView, the before/after view, checked through what it shows (grabbed pixels) and what
// it reports (signals, state), against the behaviour asked for in compareview.h.

#include "compareview.h"
#include "imagepane.h"
#include "regionoverlay.h"

#include <QApplication>
#include <QColorSpace>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTest>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <cmath>
#include <memory>
#include <optional>
#include <set>

using namespace ks;

namespace {

ImagePane *paneOf(QWidget *widget)
{
    return qobject_cast<ImagePane *>(widget);
}

QImage grabViewport(QWidget *paneWidget)
{
    return paneOf(paneWidget)->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// Neighbouring pixels always differ; every pixel is unique for sides up to 256.
QImage distinctImage(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x * 37) % 256, (y * 59) % 256, (x * 7 + y * 13) % 256));
    return image;
}

QImage filled(int width, int height, QColor colour, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    image.fill(colour);
    return image;
}

QPoint rounded(const QPointF &point)
{
    return QPoint(int(std::lround(point.x())), int(std::lround(point.y())));
}

void sendWheel(QWidget *paneWidget, const QPointF &position, int notches, Qt::KeyboardModifiers modifiers)
{
    QWidget *target = paneOf(paneWidget)->viewport();
    QWheelEvent event(position, target->mapToGlobal(position), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

// A shown view whose two side-by-side panes have equal viewports.
std::unique_ptr<CompareView> makeView(const QImage &original, int paneWidth = 300, int height = 220)
{
    auto view = std::make_unique<CompareView>();
    view->resize(2 * paneWidth + view->splitter()->handleWidth(), height);
    view->setOriginal(original);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        return nullptr;
    view->splitter()->setSizes({paneWidth, paneWidth});
    QApplication::processEvents();
    return view;
}

// A view of two distinct images at `zoom` around `center`, laid out, for the region tests.
std::unique_ptr<CompareView> makeRegionView(double zoom, QPointF center)
{
    auto view = makeView(distinctImage(240, 200));
    if (!view)
        return nullptr;
    view->setResult(distinctImage(240, 200).mirrored(true, false), true);
    view->setZoom(zoom);
    view->setViewCenter(center);
    QApplication::processEvents(); // the scroll bars that zoom brings take their room
    return view;
}

using Region = std::optional<QRect>;

QString describe(const Region &region)
{
    if (!region)
        return QStringLiteral("none");
    return QStringLiteral("%1,%2 %3x%4").arg(region->x()).arg(region->y()).arg(region->width()).arg(region->height());
}

Region regionOf(const QList<QVariant> &signalArguments)
{
    return signalArguments.at(0).value<Region>();
}

// A drag through a few moves, as a hand makes it, so that interim steps can be seen.
void drag(QWidget *target, const QPoint &from, const QPoint &to, Qt::MouseButton button = Qt::LeftButton)
{
    constexpr int steps = 4;
    QTest::mousePress(target, button, {}, from);
    for (int i = 1; i <= steps; ++i)
        QTest::mouseMove(target, from + (to - from) * i / steps);
    QTest::mouseRelease(target, button, {}, to);
}

// The spy saw a drag: interim signals, then one final one with `expected`.
bool isInterimThenFinal(const QSignalSpy &spy, const Region &expected, QString &why)
{
    if (spy.count() < 2) {
        why = QStringLiteral("%1 signals").arg(spy.count());
        return false;
    }
    for (qsizetype i = 0; i + 1 < spy.count(); ++i)
        if (!spy.at(i).at(1).toBool()) {
            why = QStringLiteral("signal %1 of %2 is final").arg(i + 1).arg(spy.count());
            return false;
        }
    if (spy.last().at(1).toBool() || regionOf(spy.last()) != expected) {
        why = QStringLiteral("last signal: %1, interim %2; expected %3")
                  .arg(describe(regionOf(spy.last())))
                  .arg(spy.last().at(1).toBool())
                  .arg(describe(expected));
        return false;
    }
    return true;
}

} // namespace

class tst_CompareView : public QObject
{
    Q_OBJECT

private slots:
    void panesStayInSync_data();
    void panesStayInSync();
    void wheelZoomKeepsPointUnderCursor();
    void doubleClickTogglesFitAndActualSize();
    void keysZoom_data();
    void keysZoom();
    void pixelExact_data();
    void pixelExact();
    void checkerboardUnderTransparency();
    void downscaledIsSmooth_data();
    void downscaledIsSmooth();
    void halfSizeLevelIsTheAlphaWeightedMean_data();
    void halfSizeLevelIsTheAlphaWeightedMean();
    void wideGamutLevelsAreShownInSrgb();
    void splitModeAndDividerDrag_data();
    void splitModeAndDividerDrag();
    void differenceMode_data();
    void differenceMode();
    void largeDifferenceComesFromAWorker();
    void quickResultCoversOriginal();
    void fitToWindow_data();
    void fitToWindow();
    void newOriginal_data();
    void newOriginal();
    void cursorOverPixel_data();
    void cursorOverPixel();
    void backslashShowsOriginal_data();
    void backslashShowsOriginal();
    void modesShareTheView_data();
    void modesShareTheView();
    void keyboardFocus();
    void paneSizeReported();
    void namesForAutomation();
    void regionDraw_data();
    void regionDraw();
    void regionEdit_data();
    void regionEdit();
    void regionDragPansWithoutTool();
    void regionKeys();
    void regionShownOnEveryPane_data();
    void regionShownOnEveryPane();
};

void tst_CompareView::panesStayInSync_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("onOriginal");

    QTest::newRow("wheel on original") << "wheel" << true;
    QTest::newRow("wheel on result") << "wheel" << false;
    QTest::newRow("ctrl+wheel on result") << "ctrlwheel" << false;
    QTest::newRow("wheel out on original") << "wheelout" << true;
    QTest::newRow("horizontal scroll bar of original") << "hscroll" << true;
    QTest::newRow("vertical scroll bar of result") << "vscroll" << false;
    QTest::newRow("drag in result") << "drag" << false;
    QTest::newRow("drag in original") << "drag" << true;
    QTest::newRow("right arrow") << "right" << false;
    QTest::newRow("up arrow") << "up" << false;
}

void tst_CompareView::panesStayInSync()
{
    QFETCH(QString, action);
    QFETCH(bool, onOriginal);

    auto view = makeView(distinctImage(240, 200));
    QVERIFY(view);
    view->setResult(distinctImage(240, 200).mirrored(true, false), true);
    ImagePane *original = paneOf(view->originalPane());
    ImagePane *result = paneOf(view->resultPane());
    QCOMPARE(original->viewport()->size(), result->viewport()->size());

    view->setZoom(2);
    view->setViewCenter(QPointF(100, 90));
    QApplication::processEvents();
    const double zoomBefore = view->zoom();
    const QPointF centerBefore = view->viewCenter();
    QCOMPARE(zoomBefore, 2.0);
    QCOMPARE(centerBefore, QPointF(100, 90));

    ImagePane *acted = onOriginal ? original : result;
    const QPointF inside(acted->viewport()->width() / 3.0, acted->viewport()->height() / 3.0);
    QSignalSpy viewChanged(view.get(), &CompareView::viewChanged);
    if (action == "wheel") {
        sendWheel(acted, inside, 1, Qt::NoModifier);
    } else if (action == "ctrlwheel") {
        sendWheel(acted, inside, 1, Qt::ControlModifier);
    } else if (action == "wheelout") {
        sendWheel(acted, inside, -1, Qt::NoModifier);
    } else if (action == "hscroll") {
        acted->horizontalScrollBar()->setValue(acted->horizontalScrollBar()->value() + 37);
    } else if (action == "vscroll") {
        acted->verticalScrollBar()->setValue(acted->verticalScrollBar()->value() - 23);
    } else if (action == "drag") {
        QTest::mousePress(acted->viewport(), Qt::LeftButton, {}, rounded(inside));
        QTest::mouseMove(acted->viewport(), rounded(inside) + QPoint(30, 20));
        QTest::mouseRelease(acted->viewport(), Qt::LeftButton, {}, rounded(inside) + QPoint(30, 20));
    } else if (action == "right") {
        QTest::keyClick(view.get(), Qt::Key_Right);
    } else if (action == "up") {
        QTest::keyClick(view.get(), Qt::Key_Up);
    }

    QVERIFY(!viewChanged.isEmpty());
    QVERIFY(view->zoom() != zoomBefore || view->viewCenter() != centerBefore);
    if (action == "drag") // the image follows the mouse: 30 logical pixels at 200 %
        QCOMPARE(view->viewCenter(), centerBefore - QPointF(15, 10));
    const double dpr = acted->devicePixelRatio();
    if (action == "hscroll") // 37 logical pixels at 200 %; the other axis stays exactly
        QCOMPARE(view->viewCenter(), centerBefore + QPointF(37 * dpr / 2, 0));
    if (action == "vscroll")
        QCOMPARE(view->viewCenter(), centerBefore - QPointF(0, 23 * dpr / 2));
    if (action == "right")
        QVERIFY(view->viewCenter().x() > centerBefore.x());
    if (action == "up")
        QVERIFY(view->viewCenter().y() < centerBefore.y());

    // Both panes show the same image point at the same place, with the same scroll bars.
    QCOMPARE(original->zoom(), view->zoom());
    QCOMPARE(result->zoom(), view->zoom());
    QCOMPARE(original->shownCenter(), result->shownCenter());
    for (const QPointF &p : {QPointF(0, 0), QPointF(123, 45), QPointF(240, 200)})
        QCOMPARE(original->imageToViewport(p), result->imageToViewport(p));
    QCOMPARE(original->horizontalScrollBar()->value(), result->horizontalScrollBar()->value());
    QCOMPARE(original->verticalScrollBar()->value(), result->verticalScrollBar()->value());
    QCOMPARE(original->horizontalScrollBar()->maximum(), result->horizontalScrollBar()->maximum());
    const QImage a = grabViewport(original);
    const QImage b = grabViewport(result);
    // The result is the original mirrored: the same screen pixel shows mirrored image pixels.
    const QPoint probe = rounded(inside);
    const QPointF imagePoint = result->viewportToImage(QPointF(probe) + QPointF(0.5, 0.5));
    const QPoint pixel(int(imagePoint.x()), int(imagePoint.y()));
    QCOMPARE(a.pixel(probe), view->original().pixel(pixel));
    QCOMPARE(b.pixel(probe), view->result().pixel(pixel));
}

void tst_CompareView::wheelZoomKeepsPointUnderCursor()
{
    auto view = makeView(distinctImage(240, 200));
    QVERIFY(view);
    view->setZoom(2);
    ImagePane *result = paneOf(view->resultPane());
    const QPointF cursor(70, 50);
    const QPointF before = result->viewportToImage(cursor);
    QSignalSpy zoomChanged(view.get(), &CompareView::zoomChanged);
    sendWheel(result, cursor, 1, Qt::NoModifier);
    QCOMPARE(zoomChanged.count(), 1);
    QVERIFY(view->zoom() > 2);
    QCOMPARE(zoomChanged.first().first().toDouble(), view->zoom());
    const QPointF after = result->viewportToImage(cursor);
    // Within the rounding of the image origin to whole device pixels.
    QVERIFY2(std::abs(after.x() - before.x()) <= 1 / view->zoom() &&
                 std::abs(after.y() - before.y()) <= 1 / view->zoom(),
             qPrintable(QString("%1,%2 -> %3,%4").arg(before.x()).arg(before.y()).arg(after.x()).arg(after.y())));
    QVERIFY(!view->isFitToWindow());
}

void tst_CompareView::doubleClickTogglesFitAndActualSize()
{
    auto view = makeView(distinctImage(480, 400));
    QVERIFY(view);
    QVERIFY(view->isFitToWindow());
    QVERIFY(view->zoom() < 1);
    ImagePane *pane = paneOf(view->originalPane());
    const QPoint spot = rounded(pane->imageToViewport(QPointF(120.5, 300.5)));
    QTest::mouseDClick(pane->viewport(), Qt::LeftButton, {}, spot);
    QCOMPARE(view->zoom(), 1.0);
    QVERIFY(!view->isFitToWindow());
    // The spot clicked stays under the mouse (as far as the image edges allow: not here).
    const QPointF under = pane->viewportToImage(QPointF(spot));
    QVERIFY2(std::abs(under.x() - 120.5) < 1.5 && std::abs(under.y() - 300.5) < 1.5,
             qPrintable(QString("%1,%2").arg(under.x()).arg(under.y())));
    QTest::mouseDClick(pane->viewport(), Qt::LeftButton, {}, spot);
    QVERIFY(view->isFitToWindow());
    QVERIFY(view->zoom() < 1);
}

void tst_CompareView::keysZoom_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<bool>("zoomsIn");

    QTest::newRow("plus") << int(Qt::Key_Plus) << true;
    QTest::newRow("equal") << int(Qt::Key_Equal) << true;
    QTest::newRow("minus") << int(Qt::Key_Minus) << false;
}

void tst_CompareView::keysZoom()
{
    QFETCH(int, key);
    QFETCH(bool, zoomsIn);

    auto view = makeView(distinctImage(240, 200));
    QVERIFY(view);
    view->setZoom(2);
    view->setViewCenter(QPointF(110, 95));
    QTest::keyClick(view.get(), Qt::Key(key));
    QCOMPARE(view->zoom() > 2, zoomsIn);
    QVERIFY(view->zoom() != 2);
    // The view centre stays unless the image edge forces it (not here at these zooms).
    if (zoomsIn)
        QCOMPARE(view->viewCenter(), QPointF(110, 95));
}

void tst_CompareView::pixelExact_data()
{
    QTest::addColumn<QSize>("imageSize");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPointF>("center");

    QTest::newRow("100 %, whole image") << QSize(37, 23) << 1.0 << QPointF();
    QTest::newRow("100 %, panned") << QSize(700, 500) << 1.0 << QPointF(351, 250);
    QTest::newRow("200 %") << QSize(37, 23) << 2.0 << QPointF();
    QTest::newRow("300 %, panned") << QSize(240, 200) << 3.0 << QPointF(117.5, 101.25);
    QTest::newRow("400 %, whole image") << QSize(37, 23) << 4.0 << QPointF();
    QTest::newRow("400 %, panned") << QSize(200, 180) << 4.0 << QPointF(93.7, 80.2);
}

void tst_CompareView::pixelExact()
{
    QFETCH(QSize, imageSize);
    QFETCH(double, zoom);
    QFETCH(QPointF, center);

    const QImage image = distinctImage(imageSize.width(), imageSize.height());
    auto view = makeView(image);
    QVERIFY(view);
    view->setResult(image.mirrored(false, true), true);
    view->setZoom(zoom);
    QApplication::processEvents(); // scroll bars appear and take their room
    if (!center.isNull()) {
        view->setViewCenter(center);
        QApplication::processEvents();
        QCOMPARE(view->viewCenter(), center); // well inside the image, so not moved to keep it covered
    }

    for (bool resultSide : {false, true}) {
        ImagePane *pane = paneOf(resultSide ? view->resultPane() : view->originalPane());
        const QImage &source = resultSide ? view->result() : view->original();
        const QImage shot = grabViewport(pane);
        // Everything in device pixels: the grab has them, and run with QT_SCALE_FACTOR=2 this
        // checks HiDPI too.
        const double dpr = pane->devicePixelRatio();
        if (qEnvironmentVariableIsSet("QT_SCALE_FACTOR")) // the HiDPI run really is one
            QCOMPARE(dpr, qEnvironmentVariable("QT_SCALE_FACTOR").toDouble());
        QCOMPARE(shot.width(), int(std::lround(pane->viewport()->width() * dpr)));
        const QPointF originF = pane->imageToViewport(QPointF(0, 0)) * dpr;
        const QPoint origin = rounded(originF);
        QCOMPARE(QPointF(origin), originF); // on the pixel grid
        const int z = int(zoom);
        const QRect imageRect(origin, imageSize * z);
        if (imageRect.width() <= shot.width()) { // centred when it fits
            QVERIFY(std::abs(imageRect.left() - (shot.width() - 1 - imageRect.right())) <= 1);
        } else { // the centre asked for is at the viewport's centre
            const QPointF mid = pane->imageToViewport(center) * dpr;
            QVERIFY2(
                std::abs(mid.x() - shot.width() / 2.0) <= 0.5 && std::abs(mid.y() - shot.height() / 2.0) <= 0.5,
                qPrintable(QString("%1,%2 in %3x%4").arg(mid.x()).arg(mid.y()).arg(shot.width()).arg(shot.height())));
        }
        // The panes' badges sit in the top rows, over the image.
        const int BadgeZone = int(40 * dpr);
        const QRgb surround = shot.pixel(0, shot.height() - 1);
        int checked = 0;
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                const QPoint screen(x, y);
                if (y < BadgeZone)
                    continue;
                if (!imageRect.contains(screen)) {
                    // Right around the image only the surround: no image pixel leaks out.
                    if (imageRect.adjusted(-1, -1, 1, 1).contains(screen))
                        QCOMPARE(shot.pixel(screen), surround);
                    continue;
                }
                const QPoint imagePixel((x - origin.x()) / z, (y - origin.y()) / z);
                if (shot.pixel(screen) != source.pixel(imagePixel))
                    QFAIL(qPrintable(QString("screen %1,%2 shows %3, image pixel %4,%5 is %6")
                                         .arg(x)
                                         .arg(y)
                                         .arg(shot.pixel(screen), 8, 16)
                                         .arg(imagePixel.x())
                                         .arg(imagePixel.y())
                                         .arg(source.pixel(imagePixel), 8, 16)));
                ++checked;
            }
        }
        QVERIFY(checked > 500);
        // Each image pixel is a z x z block, so the neighbour one block on differs.
        const QPoint firstVisible((std::max(0, imageRect.left()) - origin.x() + z - 1) / z * z + origin.x(),
                                  (std::max(0, imageRect.top()) - origin.y() + z - 1) / z * z + origin.y());
        QVERIFY(shot.pixel(firstVisible) != shot.pixel(firstVisible + QPoint(z, 0)));
        QCOMPARE(shot.pixel(firstVisible), shot.pixel(firstVisible + QPoint(z - 1, z - 1)));
        // The surround is one flat grey (when any shows).
        if (imageRect.left() > 0) {
            QCOMPARE(qRed(surround), qGreen(surround));
            QCOMPARE(qGreen(surround), qBlue(surround));
        }
    }
}

void tst_CompareView::checkerboardUnderTransparency()
{
    // Left half fully transparent, right half opaque red.
    QImage image(120, 80, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 60; x < image.width(); ++x)
            image.setPixel(x, y, qRgba(255, 0, 0, 255));
    auto view = makeView(image);
    QVERIFY(view);

    QList<int> squareSizes;
    for (double zoom : {1.0, 2.0}) {
        view->setZoom(zoom);
        view->setViewCenter(QPointF(30, 40));
        ImagePane *pane = paneOf(view->originalPane());
        const QImage shot = grabViewport(pane);
        const double dpr = pane->devicePixelRatio(); // the grab is in device pixels
        const QPoint a = rounded(pane->imageToViewport(QPointF(2, 2)) * dpr);
        const QPoint b = rounded(pane->imageToViewport(QPointF(58, 78)) * dpr);
        QVERIFY(a.x() >= 0 && a.y() >= 0);
        std::set<QRgb> colours;
        for (int y = a.y(); y < b.y(); ++y)
            for (int x = std::max(0, a.x()); x < b.x(); ++x)
                colours.insert(shot.pixel(x, y));
        QCOMPARE(colours.size(), size_t(2));
        for (QRgb c : colours) { // greys, light and mid
            QCOMPARE(qRed(c), qGreen(c));
            QCOMPARE(qGreen(c), qBlue(c));
            QVERIFY(qRed(c) > 100);
        }
        // Square size along a row, in screen pixels.
        const int y = a.y() + 1;
        int x = std::max(0, a.x());
        while (x < b.x() && shot.pixel(x, y) == shot.pixel(a.x(), y))
            ++x;
        int run = 0;
        const QRgb second = shot.pixel(x, y);
        while (x < b.x() && shot.pixel(x, y) == second) {
            ++x;
            ++run;
        }
        squareSizes << run;
        const QPoint red = rounded(pane->imageToViewport(QPointF(70.5, 40.5)) * dpr);
        QCOMPARE(shot.pixel(red), qRgb(255, 0, 0));
    }
    // Fixed screen-size squares: zooming does not change them.
    QCOMPARE(squareSizes[0], squareSizes[1]);
    QVERIFY(squareSizes[0] >= 4);
}

void tst_CompareView::downscaledIsSmooth_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<double>("zoom");

    QTest::newRow("RGB32, 50 %") << int(QImage::Format_RGB32) << 0.5;
    QTest::newRow("ARGB32, 25 %") << int(QImage::Format_ARGB32) << 0.25;
    QTest::newRow("RGBA8888, 1/6") << int(QImage::Format_RGBA8888) << 1.0 / 6;
    QTest::newRow("RGBA64 (16-bit), 1/8") << int(QImage::Format_RGBA64) << 0.125;
    QTest::newRow("premultiplied, 1/3") << int(QImage::Format_ARGB32_Premultiplied) << 1.0 / 3;
    QTest::newRow("grayscale, 25 %") << int(QImage::Format_Grayscale8) << 0.25;
}

void tst_CompareView::downscaledIsSmooth()
{
    QFETCH(int, format);
    QFETCH(double, zoom);

    // One-pixel black and white stripes: sampled without smoothing they alias to black or white
    // bands, averaged they are an even grey.
    QImage stripes(480, 480, QImage::Format_RGB32);
    for (int y = 0; y < stripes.height(); ++y)
        for (int x = 0; x < stripes.width(); ++x)
            stripes.setPixel(x, y, x % 2 ? qRgb(255, 255, 255) : qRgb(0, 0, 0));
    auto view = makeView(stripes.convertToFormat(QImage::Format(format)));
    QVERIFY(view);
    view->setZoom(zoom);
    QCOMPARE(view->zoom(), zoom);
    ImagePane *pane = paneOf(view->originalPane());
    const QImage shot = grabViewport(pane);
    const double dpr = pane->devicePixelRatio();
    const QRect inner =
        QRectF(pane->imageToViewport(QPointF(8, 8)) * dpr, pane->imageToViewport(QPointF(472, 472)) * dpr)
            .toAlignedRect()
            .intersected(shot.rect().adjusted(0, int(40 * dpr), 0, 0)); // below the badge
    QVERIFY(inner.width() > 10 && inner.height() > 10);
    for (int y = inner.top(); y <= inner.bottom(); ++y)
        for (int x = inner.left(); x <= inner.right(); ++x)
            if (std::abs(qGray(shot.pixel(x, y)) - 128) > 12)
                QFAIL(qPrintable(QString("%1,%2 is %3").arg(x).arg(y).arg(qGray(shot.pixel(x, y)))));
}

void tst_CompareView::halfSizeLevelIsTheAlphaWeightedMean_data()
{
    QTest::addColumn<QImage::Format>("format");
    QTest::newRow("8-bit straight") << QImage::Format_RGBA8888;
    QTest::newRow("8-bit ARGB32") << QImage::Format_ARGB32;
    QTest::newRow("16-bit straight") << QImage::Format_RGBA64;
}

// Level 1 of the display pyramid against a naive alpha-weighted 2x2 mean, on blocks that are
// opaque, evenly translucent (the equal-alpha shortcut), mixed, and fully transparent.
void tst_CompareView::halfSizeLevelIsTheAlphaWeightedMean()
{
    QFETCH(QImage::Format, format);
    const int width = 64, height = 48;
    QImage image(width, height, QImage::Format_RGBA64);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int band = y / 12; // 0 opaque, 1 even alpha per block, 2 mixed, 3 transparent
            const int alpha = band == 0 ? 65535 : band == 1 ? 1000 * (1 + x / 2) : band == 2 ? (x * 7919 + y * 104729) % 65536 : 0;
            image.setPixelColor(x, y, QColor::fromRgba64(quint16((x * 1031 + y * 17) % 65536), quint16((y * 2311) % 65536),
                                                          quint16((x * y * 37) % 65536), quint16(alpha)));
        }
    image = image.convertToFormat(format);
    const ks::ImagePane::Source source(image);
    const QImage half = source.level(1).convertToFormat(QImage::Format_RGBA8888);
    QCOMPARE(half.size(), QSize(width / 2, height / 2));

    const bool wide = format == QImage::Format_RGBA64;
    const quint64 toByte = wide ? 257 : 1;
    auto channel = [&](int x, int y, int c) -> quint64 {
        const QColor color = image.pixelColor(x, y);
        const QRgba64 p = color.rgba64();
        const quint16 v[4] = {p.red(), p.green(), p.blue(), p.alpha()};
        return wide ? v[c] : v[c] / 257;
    };
    for (int y = 0; y < half.height(); ++y)
        for (int x = 0; x < half.width(); ++x) {
            quint64 alpha = 0, sums[3] = {0, 0, 0};
            for (int dy = 0; dy < 2; ++dy)
                for (int dx = 0; dx < 2; ++dx) {
                    const quint64 a = channel(2 * x + dx, 2 * y + dy, 3);
                    alpha += a;
                    for (int c = 0; c < 3; ++c)
                        sums[c] += channel(2 * x + dx, 2 * y + dy, c) * a;
                }
            const QRgb got = half.pixel(x, y);
            const int expected[4] = {
                alpha == 0 ? 0 : int((sums[0] + alpha / 2) / alpha / toByte),
                alpha == 0 ? 0 : int((sums[1] + alpha / 2) / alpha / toByte),
                alpha == 0 ? 0 : int((sums[2] + alpha / 2) / alpha / toByte), int((alpha + 2) / 4 / toByte)};
            const int actual[4] = {qRed(got), qGreen(got), qBlue(got), qAlpha(got)};
            for (int c = 0; c < 4; ++c)
                if (actual[c] != expected[c])
                    QFAIL(qPrintable(QStringLiteral("pixel (%1, %2) channel %3: %4, expected %5")
                                         .arg(x).arg(y).arg(c).arg(actual[c]).arg(expected[c])));
        }
}

// A Display P3 image is drawn converted to sRGB at every level; the conversion is of the level
// drawn, so level 0 is exactly Qt's conversion of the whole image.
void tst_CompareView::wideGamutLevelsAreShownInSrgb()
{
    QImage image(40, 30, QImage::Format_RGBA8888);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgba(100 + 2 * x, 100 + 2 * y, 180 - 2 * x, 255)); // well inside sRGB's gamut
    image.setColorSpace(QColorSpace(QColorSpace::DisplayP3));
    const ks::ImagePane::Source source(image);
    QCOMPARE(source.image().colorSpace(), image.colorSpace()); // the document's size and pixels, as given
    const QImage srgb = image.convertedToColorSpace(QColorSpace(QColorSpace::SRgb));
    QCOMPARE(source.level(0), srgb);
    QVERIFY(source.level(0) != image); // P3 colours do change
    const QImage half = source.level(1);
    QCOMPARE(half.size(), QSize(20, 15));
    QCOMPARE(half.colorSpace(), QColorSpace(QColorSpace::SRgb));
    // Each half-size pixel is near the converted mean of its four (a mean of encoded values, then
    // converted, against converted then averaged: the curve bends little over a 2x2 block).
    const QImage srgbHalf = ks::ImagePane::Source(srgb).level(1);
    for (int y = 0; y < half.height(); ++y)
        for (int x = 0; x < half.width(); ++x) {
            const QRgb a = half.pixel(x, y), b = srgbHalf.pixel(x, y);
            QVERIFY2(std::abs(qRed(a) - qRed(b)) <= 2 && std::abs(qGreen(a) - qGreen(b)) <= 2 &&
                         std::abs(qBlue(a) - qBlue(b)) <= 2,
                     qPrintable(QStringLiteral("(%1, %2): %3 against %4").arg(x).arg(y).arg(a, 0, 16).arg(b, 0, 16)));
        }
}

void tst_CompareView::splitModeAndDividerDrag_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<int>("dragBy");

    QTest::newRow("middle, drag right") << 0.5 << 40;
    QTest::newRow("middle, drag left") << 0.5 << -60;
    QTest::newRow("quarter, drag right") << 0.25 << 50;
}

void tst_CompareView::splitModeAndDividerDrag()
{
    QFETCH(double, start);
    QFETCH(int, dragBy);

    const QColor blue(20, 40, 200), yellow(230, 210, 30);
    auto view = makeView(filled(200, 100, blue));
    QVERIFY(view);
    view->setResult(filled(200, 100, yellow), true);
    view->setMode(CompareView::Mode::Split);
    QTRY_VERIFY(view->splitPane()->isVisible());
    QVERIFY(!view->originalPane()->isVisible());
    view->setSplitPosition(start);
    view->setZoom(2);
    QCOMPARE(view->splitPosition(), start);

    ImagePane *pane = paneOf(view->splitPane());
    auto divider = [&] { return int(std::lround(pane->dividerX())); };
    const int x = divider();
    QCOMPARE(x, rounded(pane->imageToViewport(QPointF(200 * start, 0))).x());
    const int y = rounded(pane->imageToViewport(QPointF(0, 80))).y();
    QImage shot = grabViewport(pane);
    QCOMPARE(QColor(shot.pixel(x - 12, y)), blue);
    QCOMPARE(QColor(shot.pixel(x + 12, y)), yellow);
    // The divider is drawn: the pixel on it is neither image.
    QVERIFY(QColor(shot.pixel(x, y)) != blue && QColor(shot.pixel(x, y)) != yellow);

    QSignalSpy splitMoved(view.get(), &CompareView::splitPositionChanged);
    const QPointF centerBeforeDrag = view->viewCenter();
    QTest::mousePress(pane->viewport(), Qt::LeftButton, {}, QPoint(x + 2, y));
    QTest::mouseMove(pane->viewport(), QPoint(x + 2 + dragBy / 2, y));
    QTest::mouseMove(pane->viewport(), QPoint(x + 2 + dragBy, y));
    QTest::mouseRelease(pane->viewport(), Qt::LeftButton, {}, QPoint(x + 2 + dragBy, y));
    // 2 device pixels per image pixel at 200 %.
    QVERIFY2(std::abs(view->splitPosition() - (start + (dragBy + 2) / 2.0 / 200)) < 0.01,
             qPrintable(QString::number(view->splitPosition())));
    QCOMPARE(splitMoved.count(), 2); // one per mouse move
    QCOMPARE(splitMoved.last().first().toDouble(), view->splitPosition());
    QCOMPARE(view->viewCenter(), centerBeforeDrag); // dragging the divider does not pan
    const int moved = divider();
    QVERIFY(std::abs(moved - (x + 2 + dragBy)) <= 2);
    shot = grabViewport(pane);
    QCOMPARE(QColor(shot.pixel(moved - 12, y)), blue);
    QCOMPARE(QColor(shot.pixel(moved + 12, y)), yellow);
    // Where the divider was, the other side now shows.
    const int between = (x + moved) / 2;
    QCOMPARE(QColor(shot.pixel(between, y)), dragBy > 0 ? blue : yellow);
}

void tst_CompareView::differenceMode_data()
{
    QTest::addColumn<QColor>("original");
    QTest::addColumn<QColor>("result");
    QTest::addColumn<bool>("smallerResult");
    QTest::addColumn<QColor>("expected");
    QTest::addColumn<int>("originalFormat");
    QTest::addColumn<int>("resultFormat");

    const int argb = QImage::Format_ARGB32, rgba = QImage::Format_RGBA8888, rgb = QImage::Format_RGB32;
    const int rgba64 = QImage::Format_RGBA64, premultiplied = QImage::Format_ARGB32_Premultiplied;
    QTest::newRow("small change") << QColor(100, 100, 100) << QColor(110, 90, 100) << false << QColor(40, 40, 0) << rgb
                                  << rgb;
    QTest::newRow("saturates") << QColor(0, 0, 0) << QColor(100, 10, 255) << false << QColor(255, 40, 255) << argb
                               << argb;
    QTest::newRow("no change") << QColor(12, 34, 56) << QColor(12, 34, 56) << false << QColor(0, 0, 0) << rgba << rgba;
    QTest::newRow("channel order, RGBA8888")
        << QColor(10, 20, 30) << QColor(11, 22, 33) << false << QColor(4, 8, 12) << rgba << rgba;
    QTest::newRow("channel order, ARGB32 vs RGBA8888")
        << QColor(10, 20, 30) << QColor(11, 22, 33) << false << QColor(4, 8, 12) << argb << rgba;
    QTest::newRow("16-bit") << QColor(10, 20, 30) << QColor(13, 20, 28) << false << QColor(12, 0, 8) << rgba64
                            << rgba64;
    QTest::newRow("opacity change counts") << QColor(200, 100, 0, 255) << QColor(200, 100, 0, 235) << false
                                           << QColor(64, 32, 0) << argb << argb; // 200 -> 184, 100 -> 92 premultiplied
    QTest::newRow("colour under full transparency ignored")
        << QColor(200, 100, 0, 0) << QColor(0, 50, 90, 0) << false << QColor(0, 0, 0) << rgba << premultiplied;
    QTest::newRow("smaller result scaled first")
        << QColor(50, 60, 70) << QColor(55, 60, 40) << true << QColor(20, 0, 120) << rgb << rgb;
}

void tst_CompareView::differenceMode()
{
    QFETCH(QColor, original);
    QFETCH(QColor, result);
    QFETCH(bool, smallerResult);
    QFETCH(QColor, expected);
    QFETCH(int, originalFormat);
    QFETCH(int, resultFormat);

    auto view = makeView(filled(80, 60, original, QImage::Format(originalFormat)));
    QVERIFY(view);
    view->setResult(filled(smallerResult ? 20 : 80, smallerResult ? 15 : 60, result, QImage::Format(resultFormat)),
                    !smallerResult);
    view->setMode(CompareView::Mode::Difference);
    QTRY_VERIFY(view->differencePane()->isVisible());
    view->setZoom(1);
    ImagePane *pane = paneOf(view->differencePane());
    QVERIFY(pane->badgeText().contains(QString::number(CompareView::DifferenceGain)));
    const QImage shot = grabViewport(pane);
    for (const QPointF &p : {QPointF(40, 30), QPointF(0.5, 59.5), QPointF(79.5, 0.5)})
        QCOMPARE(QColor(shot.pixel(rounded(pane->imageToViewport(p) - QPointF(0.5, 0.5)))), expected);

    // A new result updates the difference.
    view->setResult(filled(80, 60, original, QImage::Format(originalFormat)), true);
    QCOMPARE(QColor(grabViewport(pane).pixel(rounded(pane->imageToViewport(QPointF(40, 30))))), QColor(0, 0, 0));
}

// Above two megapixels the difference is computed off the window's thread; it still arrives,
// and a newer result replaces it.
void tst_CompareView::largeDifferenceComesFromAWorker()
{
    const QColor grey(100, 100, 100);
    auto view = makeView(filled(2100, 1000, grey));
    QVERIFY(view);
    view->setResult(filled(2100, 1000, QColor(110, 90, 100)), true);
    view->setMode(CompareView::Mode::Difference);
    view->setZoom(1);
    ImagePane *pane = paneOf(view->differencePane());
    const QPoint probe = rounded(pane->imageToViewport(QPointF(1050, 500)));
    QTRY_COMPARE(QColor(grabViewport(pane).pixel(probe)), QColor(40, 40, 0));

    view->setResult(filled(2100, 1000, QColor(100, 150, 100)), true);
    QTRY_COMPARE(QColor(grabViewport(pane).pixel(probe)), QColor(0, 200, 0));
}

void tst_CompareView::quickResultCoversOriginal()
{
    const QColor green(20, 200, 40);
    auto view = makeView(filled(200, 120, QColor(128, 128, 128)));
    QVERIFY(view);
    view->setZoom(1);
    view->setResult(filled(50, 30, green), false);
    QVERIFY(!view->resultIsFullResolution());
    ImagePane *pane = paneOf(view->resultPane());
    QCOMPARE(pane->badgeText(), QStringLiteral("Preview"));
    QCOMPARE(view->resultBadge(), QStringLiteral("Preview"));

    const QImage shot = grabViewport(pane);
    const QPoint topLeft = rounded(pane->imageToViewport(QPointF(0, 0)));
    const QPoint bottomRight = rounded(pane->imageToViewport(QPointF(200, 120))) - QPoint(1, 1);
    for (const QPoint &p : {topLeft + QPoint(0, 30), QPoint(bottomRight.x(), topLeft.y() + 40), bottomRight,
                            QPoint(topLeft.x(), bottomRight.y()), (topLeft + bottomRight) / 2})
        QCOMPARE(QColor(shot.pixel(p)), green);
    QVERIFY(QColor(shot.pixel(topLeft - QPoint(1, 0))) != green);
    QVERIFY(QColor(shot.pixel(bottomRight + QPoint(1, 0))) != green);

    view->setResult(filled(200, 120, green), true);
    QVERIFY(view->resultIsFullResolution());
    QVERIFY(!pane->badgeText().contains(QStringLiteral("Preview")));

    QVERIFY(!pane->isBusy());
    view->setBusy(true);
    QVERIFY(pane->isBusy());
    QVERIFY(grabViewport(pane) != shot);
}

void tst_CompareView::fitToWindow_data()
{
    QTest::addColumn<QSize>("imageSize");

    QTest::newRow("wide") << QSize(1200, 300);
    QTest::newRow("tall") << QSize(300, 1500);
    QTest::newRow("large photo") << QSize(6000, 4000);
    QTest::newRow("small icon") << QSize(16, 12);
}

void tst_CompareView::fitToWindow()
{
    QFETCH(QSize, imageSize);

    auto view = makeView(filled(imageSize.width(), imageSize.height(), Qt::darkCyan));
    QVERIFY(view);
    QVERIFY(view->isFitToWindow());

    auto checkFits = [&](ImagePane *pane) {
        const QSize viewport = pane->viewportDeviceSize();
        const QSizeF shown = QSizeF(imageSize) * view->zoom();
        QVERIFY(shown.width() <= viewport.width() + 0.5 && shown.height() <= viewport.height() + 0.5);
        if (view->zoom() < 1) // fills one side (above 100 % it stays a whole number)
            QVERIFY(shown.width() >= viewport.width() - 1 || shown.height() >= viewport.height() - 1);
        else
            QVERIFY(shown.width() * (view->zoom() + 1) / view->zoom() > viewport.width() ||
                    shown.height() * (view->zoom() + 1) / view->zoom() > viewport.height());
        QVERIFY(pane->horizontalScrollBar()->maximum() == 0 && pane->verticalScrollBar()->maximum() == 0);
    };
    checkFits(paneOf(view->resultPane()));
    checkFits(paneOf(view->originalPane()));
    const double before = view->zoom();

    QSignalSpy zoomChanged(view.get(), &CompareView::zoomChanged);
    view->resize(view->width() * 2, view->height() * 2);
    QTRY_VERIFY(!zoomChanged.isEmpty());
    QVERIFY(view->isFitToWindow());
    QVERIFY(view->zoom() > before);
    checkFits(paneOf(view->resultPane()));

    // Zooming leaves fit mode; a resize then keeps the zoom.
    view->zoomIn();
    QVERIFY(!view->isFitToWindow());
    const double zoomed = view->zoom();
    view->resize(view->width() / 2, view->height() / 2);
    QTRY_COMPARE(paneOf(view->resultPane())->viewport()->width() < 400, true);
    QCOMPARE(view->zoom(), zoomed);

    view->zoomToFit();
    QVERIFY(view->isFitToWindow());
    checkFits(paneOf(view->resultPane()));
    view->zoomToActualSize();
    QCOMPARE(view->zoom(), 1.0);
    QVERIFY(!view->isFitToWindow());
}

void tst_CompareView::newOriginal_data()
{
    QTest::addColumn<QSize>("nextSize");
    QTest::addColumn<bool>("refits");

    QTest::newRow("same size keeps the view") << QSize(800, 600) << false;
    QTest::newRow("other size fits") << QSize(600, 800) << true;
}

void tst_CompareView::newOriginal()
{
    QFETCH(QSize, nextSize);
    QFETCH(bool, refits);

    auto view = makeView(filled(800, 600, Qt::red));
    QVERIFY(view);
    view->setResult(filled(800, 600, Qt::blue), true);
    view->setZoom(3);
    view->setViewCenter(QPointF(200, 250));
    view->setOriginal(filled(nextSize.width(), nextSize.height(), Qt::green));
    QVERIFY(view->result().isNull()); // the old result belongs to the old document
    QCOMPARE(view->isFitToWindow(), refits);
    if (!refits) {
        QCOMPARE(view->zoom(), 3.0);
        QCOMPARE(view->viewCenter(), QPointF(200, 250));
    } else {
        QVERIFY(view->zoom() < 1);
    }
}

void tst_CompareView::cursorOverPixel_data()
{
    QTest::addColumn<bool>("onOriginal");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPoint>("pixel");

    QTest::newRow("result pane, 100 %") << false << 1.0 << QPoint(17, 9);
    QTest::newRow("original pane, 100 %") << true << 1.0 << QPoint(0, 0);
    QTest::newRow("result pane, 400 %") << false << 4.0 << QPoint(30, 21);
    QTest::newRow("original pane, 400 %, last pixel") << true << 4.0 << QPoint(59, 39);
    QTest::newRow("result pane, 50 %") << false << 0.5 << QPoint(44, 12);
}

void tst_CompareView::cursorOverPixel()
{
    QFETCH(bool, onOriginal);
    QFETCH(double, zoom);
    QFETCH(QPoint, pixel);

    auto view = makeView(distinctImage(60, 40));
    QVERIFY(view);
    view->setZoom(zoom);
    ImagePane *pane = paneOf(onOriginal ? view->originalPane() : view->resultPane());
    QSignalSpy spy(view.get(), &CompareView::cursorOverPixel);

    const QPoint inside = rounded(pane->imageToViewport(QPointF(pixel) + QPointF(0.5, 0.5)) - QPointF(0.25, 0.25));
    QTest::mouseMove(pane->viewport(), inside);
    QTRY_VERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().first().toPoint(), pixel);

    const QPoint outside = rounded(pane->imageToViewport(QPointF(-2, -2)));
    QVERIFY(outside.x() >= 0);
    QTest::mouseMove(pane->viewport(), outside);
    QTRY_COMPARE(spy.last().first().toPoint(), QPoint(-1, -1));
}

void tst_CompareView::backslashShowsOriginal_data()
{
    QTest::addColumn<CompareView::Mode>("mode");
    QTest::addColumn<QColor>("shown"); // what the pane shows at the probe with the key up
    QTest::addColumn<QString>("badge");

    QTest::newRow("side by side") << CompareView::Mode::SideBySide << QColor(20, 20, 200) << "Preview";
    QTest::newRow("split, right of the divider") << CompareView::Mode::Split << QColor(20, 20, 200) << "Preview";
    QTest::newRow("difference") << CompareView::Mode::Difference << QColor(255, 0, 255) << "Difference ×4";
}

void tst_CompareView::backslashShowsOriginal()
{
    QFETCH(CompareView::Mode, mode);
    QFETCH(QColor, shown);
    QFETCH(QString, badge);

    const QColor originalColor(200, 20, 20);
    auto view = makeView(filled(60, 40, originalColor));
    QVERIFY(view);
    view->setResult(filled(60, 40, QColor(20, 20, 200)), false);
    view->setMode(mode);
    view->setZoom(1);
    ImagePane *pane = paneOf(mode == CompareView::Mode::SideBySide ? view->resultPane()
                             : mode == CompareView::Mode::Split    ? view->splitPane()
                                                                   : view->differencePane());
    QTRY_VERIFY(pane->isVisible());
    // The badge telling what the result side shows: top right in split mode, top left elsewhere.
    auto badgeText = [&] { return mode == CompareView::Mode::Split ? pane->rightBadgeText() : pane->badgeText(); };
    const QPoint probe = rounded(pane->imageToViewport(QPointF(45, 20)));
    QCOMPARE(QColor(grabViewport(pane).pixel(probe)), shown);
    QCOMPARE(badgeText(), badge);

    QTest::keyPress(view.get(), Qt::Key_Backslash);
    QVERIFY(view->showsOriginal());
    QCOMPARE(QColor(grabViewport(pane).pixel(probe)), originalColor);
    QCOMPARE(badgeText(), QStringLiteral("Original"));

    // Auto-repeat sends release/press pairs while the key is held: they change nothing.
    QKeyEvent repeatRelease(QEvent::KeyRelease, Qt::Key_Backslash, Qt::NoModifier, QStringLiteral("\\"), true);
    QApplication::sendEvent(view.get(), &repeatRelease);
    QVERIFY(view->showsOriginal());
    QKeyEvent repeatPress(QEvent::KeyPress, Qt::Key_Backslash, Qt::NoModifier, QStringLiteral("\\"), true);
    QApplication::sendEvent(view.get(), &repeatPress);
    QVERIFY(view->showsOriginal());

    QTest::keyRelease(view.get(), Qt::Key_Backslash);
    QVERIFY(!view->showsOriginal());
    QCOMPARE(QColor(grabViewport(pane).pixel(probe)), shown);
    QCOMPARE(badgeText(), badge);

    view->setShowOriginal(true);
    QCOMPARE(QColor(grabViewport(pane).pixel(probe)), originalColor);
}

void tst_CompareView::modesShareTheView_data()
{
    QTest::addColumn<CompareView::Mode>("mode");

    QTest::newRow("split") << CompareView::Mode::Split;
    QTest::newRow("difference") << CompareView::Mode::Difference;
}

void tst_CompareView::modesShareTheView()
{
    QFETCH(CompareView::Mode, mode);

    auto view = makeView(distinctImage(200, 150));
    QVERIFY(view);
    view->setResult(distinctImage(200, 150).mirrored(true, true), true);
    view->setZoom(4);
    view->setViewCenter(QPointF(80.5, 70.25));
    ImagePane *side = paneOf(view->resultPane());
    const QPointF shownBefore = side->shownCenter();

    view->setMode(mode);
    QCOMPARE(view->mode(), mode);
    ImagePane *pane = paneOf(mode == CompareView::Mode::Split ? view->splitPane() : view->differencePane());
    QTRY_VERIFY(pane->isVisible());
    QVERIFY(!view->resultPane()->isVisible() && !view->originalPane()->isVisible());
    QCOMPARE(view->zoom(), 4.0);
    QCOMPARE(pane->zoom(), 4.0);
    QCOMPARE(pane->shownCenter(), shownBefore);

    // Panning here is seen in side-by-side mode afterwards.
    QTest::keyClick(view.get(), Qt::Key_Left);
    const QPointF moved = view->viewCenter();
    QVERIFY(moved.x() < shownBefore.x());
    view->setMode(CompareView::Mode::SideBySide);
    QTRY_VERIFY(side->isVisible());
    QCOMPARE(side->shownCenter(), moved);
}

void tst_CompareView::keyboardFocus()
{
    QWidget window;
    auto *before = new QLineEdit(&window);
    auto *view = new CompareView(&window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(before);
    layout->addWidget(view);
    window.resize(500, 300);
    view->setOriginal(filled(40, 30, Qt::darkGreen));
    view->setResult(filled(40, 30, Qt::darkBlue), true);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    before->setFocus();
    QTRY_VERIFY(before->hasFocus());

    ImagePane *pane = paneOf(view->resultPane());
    const QColor highlight = pane->palette().color(QPalette::Highlight);
    QVERIFY(QColor(grabViewport(pane).pixel(0, 150)) != highlight);
    QTest::keyClick(before, Qt::Key_Tab); // Tab moves the focus on into the view
    QTRY_VERIFY(view->hasFocus());
    QVERIFY(pane->hasFocusFrame());
    QCOMPARE(QColor(grabViewport(pane).pixel(0, 150)), highlight);

    // Backslash held when the focus leaves: the release never comes, the original must not stick.
    QTest::keyPress(view, Qt::Key_Backslash);
    QVERIFY(view->showsOriginal());
    before->setFocus();
    QTRY_VERIFY(!view->hasFocus());
    QVERIFY(!view->showsOriginal());
    QVERIFY(!pane->hasFocusFrame());
    QVERIFY(QColor(grabViewport(pane).pixel(0, 150)) != highlight);
}

void tst_CompareView::paneSizeReported()
{
    auto view = makeView(filled(100, 100, Qt::gray));
    QVERIFY(view);
    QCOMPARE(view->paneSize(), paneOf(view->resultPane())->viewportDeviceSize());
    QSignalSpy spy(view.get(), &CompareView::paneSizeChanged);
    view->resize(view->width() + 100, view->height() + 50);
    QTRY_VERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().first().toSize(), view->paneSize());
    QCOMPARE(view->paneSize(), paneOf(view->resultPane())->viewportDeviceSize());

    view->setMode(CompareView::Mode::Split); // one pane, about twice as wide, told at once
    QVERIFY(spy.last().first().toSize().width() > paneOf(view->resultPane())->viewportDeviceSize().width());
    QCOMPARE(view->paneSize(), paneOf(view->splitPane())->viewportDeviceSize());
}

void tst_CompareView::namesForAutomation()
{
    CompareView view;
    QCOMPARE(view.objectName(), QStringLiteral("compareView"));
    QCOMPARE(view.originalPane()->objectName(), QStringLiteral("originalPane"));
    QCOMPARE(view.resultPane()->objectName(), QStringLiteral("resultPane"));
    QCOMPARE(view.splitPane()->objectName(), QStringLiteral("splitPane"));
    QCOMPARE(view.differencePane()->objectName(), QStringLiteral("differencePane"));
    QCOMPARE(view.splitter()->objectName(), QStringLiteral("compareSplitter"));
    for (QWidget *w : {static_cast<QWidget *>(&view), view.originalPane(), view.resultPane(), view.splitPane(),
                       view.differencePane(), static_cast<QWidget *>(view.splitter())})
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    QVERIFY(view.focusPolicy() & Qt::TabFocus);
}

void tst_CompareView::regionDraw_data()
{
    QTest::addColumn<bool>("onOriginal");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPointF>("from"); // image points
    QTest::addColumn<QPointF>("to");
    QTest::addColumn<QRect>("expected");

    QTest::newRow("100 %, original pane") << true << 1.0 << QPointF(20, 15) << QPointF(60, 45) << QRect(20, 15, 40, 30);
    QTest::newRow("100 %, result pane, drawn backwards")
        << false << 1.0 << QPointF(60, 45) << QPointF(20, 15) << QRect(20, 15, 40, 30);
    QTest::newRow("100 %, clipped at the bottom right")
        << false << 1.0 << QPointF(200, 150) << QPointF(262, 231) << QRect(200, 150, 40, 50);
    QTest::newRow("200 %, result pane") << false << 2.0 << QPointF(30, 20) << QPointF(51, 41) << QRect(30, 20, 21, 21);
    QTest::newRow("200 %, half pixels round to the nearest edge")
        << true << 2.0 << QPointF(30, 20) << QPointF(51.5, 40.5) << QRect(30, 20, 22, 21);
    QTest::newRow("200 %, clipped at the top left")
        << true << 2.0 << QPointF(30, 20) << QPointF(-10, -8) << QRect(0, 0, 30, 20);
    QTest::newRow("400 %, original pane") << true << 4.0 << QPointF(40, 30) << QPointF(47, 36) << QRect(40, 30, 7, 6);
}

void tst_CompareView::regionDraw()
{
    QFETCH(bool, onOriginal);
    QFETCH(double, zoom);
    QFETCH(QPointF, from);
    QFETCH(QPointF, to);
    QFETCH(QRect, expected);

    auto view = makeRegionView(zoom, (from + to) / 2);
    QVERIFY(view);
    view->setRegionTool(true);
    ImagePane *pane = paneOf(onOriginal ? view->originalPane() : view->resultPane());
    ImagePane *other = paneOf(onOriginal ? view->resultPane() : view->originalPane());
    const QPointF center = view->viewCenter();
    // The row's points must be mouse positions, or the row would test the test's own rounding.
    for (const QPointF &p : {from, to})
        QCOMPARE(QPointF(rounded(pane->imageToViewport(p))), pane->imageToViewport(p));

    QSignalSpy spy(view.get(), &CompareView::regionChanged);
    drag(pane->viewport(), rounded(pane->imageToViewport(from)), rounded(pane->imageToViewport(to)));
    QString why;
    QVERIFY2(isInterimThenFinal(spy, expected, why), qPrintable(why));
    QCOMPARE(describe(view->region()), describe(expected));
    QCOMPARE(describe(other->region()), describe(expected));
    QCOMPARE(describe(paneOf(view->splitPane())->region()), describe(expected));
    QCOMPARE(view->zoom(), zoom); // drawing neither zooms nor pans
    QCOMPARE(view->viewCenter(), center);
}

void tst_CompareView::regionEdit_data()
{
    QTest::addColumn<bool>("tool");
    QTest::addColumn<QPointF>("grab"); // image point
    QTest::addColumn<QPointF>("dragBy");
    QTest::addColumn<QRect>("expected");
    QTest::addColumn<int>("cursor");

    // The region starts at 40,40 80x60 in a 240x200 image, at 200 %.
    QTest::newRow("move") << false << QPointF(80, 70) << QPointF(10, 6) << QRect(50, 46, 80, 60)
                          << int(Qt::SizeAllCursor);
    QTest::newRow("move with the tool on")
        << true << QPointF(80, 70) << QPointF(-7, 3) << QRect(33, 43, 80, 60) << int(Qt::SizeAllCursor);
    QTest::newRow("move stops at the image's edge")
        << false << QPointF(80, 70) << QPointF(-100, -100) << QRect(0, 0, 80, 60) << int(Qt::SizeAllCursor);
    QTest::newRow("right edge") << false << QPointF(120, 70) << QPointF(20, 0) << QRect(40, 40, 100, 60)
                                << int(Qt::SizeHorCursor);
    QTest::newRow("right edge grabbed a little off it")
        << false << QPointF(121.5, 70) << QPointF(10, 0) << QRect(40, 40, 90, 60) << int(Qt::SizeHorCursor);
    QTest::newRow("top-left corner") << false << QPointF(40, 40) << QPointF(-10, -10) << QRect(30, 30, 90, 70)
                                     << int(Qt::SizeFDiagCursor);
    QTest::newRow("bottom-right corner") << true << QPointF(120, 100) << QPointF(5, -5) << QRect(40, 40, 85, 55)
                                         << int(Qt::SizeFDiagCursor);
    QTest::newRow("top-right corner") << false << QPointF(120, 40) << QPointF(-3, 5) << QRect(40, 45, 77, 55)
                                      << int(Qt::SizeBDiagCursor);
    QTest::newRow("bottom edge beyond the image")
        << false << QPointF(80, 100) << QPointF(0, 150) << QRect(40, 40, 80, 160) << int(Qt::SizeVerCursor);
    QTest::newRow("left edge across the right one")
        << false << QPointF(40, 70) << QPointF(100, 0) << QRect(120, 40, 20, 60) << int(Qt::SizeHorCursor);
}

void tst_CompareView::regionEdit()
{
    QFETCH(bool, tool);
    QFETCH(QPointF, grab);
    QFETCH(QPointF, dragBy);
    QFETCH(QRect, expected);
    QFETCH(int, cursor);

    auto view = makeRegionView(2, QPointF(80, 70));
    QVERIFY(view);
    view->setRegionTool(tool);
    QSignalSpy spy(view.get(), &CompareView::regionChanged);
    view->setRegion(QRect(40, 40, 80, 60));
    QCOMPARE(spy.count(), 0); // setRegion is the owner's: it emits nothing
    ImagePane *pane = paneOf(view->resultPane());
    const QPointF center = view->viewCenter();

    const QPoint at = rounded(pane->imageToViewport(grab));
    // A move to where the mouse already is would be dropped as no move at all.
    QTest::mouseMove(pane->viewport(), at + QPoint(7, 3));
    QTest::mouseMove(pane->viewport(), at);
    QCOMPARE(int(pane->viewport()->cursor().shape()), cursor);
    drag(pane->viewport(), at, rounded(pane->imageToViewport(grab + dragBy)));
    QString why;
    QVERIFY2(isInterimThenFinal(spy, expected, why), qPrintable(why));
    QCOMPARE(describe(view->region()), describe(expected));
    QCOMPARE(describe(paneOf(view->originalPane())->region()), describe(expected));
    QCOMPARE(view->viewCenter(), center);

    // A click on the region changes nothing and says nothing.
    spy.clear();
    const QPoint inside = rounded(pane->imageToViewport(QPointF(expected.center()) + QPointF(0.5, 0.5)));
    QTest::mouseClick(pane->viewport(), Qt::LeftButton, {}, inside);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(describe(view->region()), describe(expected));
}

void tst_CompareView::regionDragPansWithoutTool()
{
    auto view = makeRegionView(2, QPointF(100, 90));
    QVERIFY(view);
    view->setRegion(QRect(90, 80, 20, 20));
    ImagePane *pane = paneOf(view->originalPane());
    QSignalSpy spy(view.get(), &CompareView::regionChanged);

    // Off the region, without the tool: the image follows the mouse.
    const QPoint off = rounded(pane->imageToViewport(QPointF(60, 60)));
    QTest::mouseMove(pane->viewport(), off);
    QCOMPARE(pane->viewport()->cursor().shape(), Qt::OpenHandCursor);
    drag(pane->viewport(), off, off + QPoint(30, 20));
    QCOMPARE(view->viewCenter(), QPointF(100, 90) - QPointF(15, 10));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(describe(view->region()), describe(QRect(90, 80, 20, 20)));

    // The middle button pans even inside the region.
    const QPointF centerBefore = view->viewCenter();
    const QPoint inside = rounded(pane->imageToViewport(QPointF(100, 90)));
    drag(pane->viewport(), inside, inside + QPoint(-20, 10), Qt::MiddleButton);
    QCOMPARE(view->viewCenter(), centerBefore + QPointF(10, -5));
    QCOMPARE(spy.count(), 0);

    // With the tool on the same left drag draws instead.
    view->setRegionTool(true);
    const QPointF centerWithTool = view->viewCenter();
    const QPoint start = rounded(pane->imageToViewport(QPointF(40, 50)));
    QTest::mouseMove(pane->viewport(), start);
    QCOMPARE(pane->viewport()->cursor().shape(), Qt::CrossCursor);
    drag(pane->viewport(), start, start + QPoint(30, 20));
    QCOMPARE(view->viewCenter(), centerWithTool);
    QCOMPARE(describe(view->region()), describe(QRect(40, 50, 15, 10)));
    QVERIFY(!spy.isEmpty());
}

void tst_CompareView::regionKeys()
{
    auto view = makeRegionView(2, QPointF(100, 90));
    QVERIFY(view);
    QSignalSpy tool(view.get(), &CompareView::regionToolChanged);
    QSignalSpy spy(view.get(), &CompareView::regionChanged);

    QTest::keyClick(view.get(), Qt::Key_R);
    QVERIFY(view->isRegionTool());
    QCOMPARE(tool.count(), 1);
    QCOMPARE(tool.last().first().toBool(), true);
    QVERIFY(paneOf(view->resultPane())->isRegionTool());

    view->setRegion(QRect(90, 80, 20, 20));
    QCOMPARE(spy.count(), 0);

    // Esc during a drag puts the region back as it was, in one final signal.
    ImagePane *pane = paneOf(view->resultPane());
    const QPoint inside = rounded(pane->imageToViewport(QPointF(100, 90)));
    QTest::mousePress(pane->viewport(), Qt::LeftButton, {}, inside);
    QTest::mouseMove(pane->viewport(), inside + QPoint(20, 20));
    QCOMPARE(describe(view->region()), describe(QRect(100, 90, 20, 20)));
    QTest::keyClick(view.get(), Qt::Key_Escape);
    QCOMPARE(describe(view->region()), describe(QRect(90, 80, 20, 20)));
    QCOMPARE(spy.last().at(1).toBool(), false);
    QCOMPARE(describe(regionOf(spy.last())), describe(QRect(90, 80, 20, 20)));
    QTest::mouseRelease(pane->viewport(), Qt::LeftButton, {}, inside + QPoint(20, 20));
    QCOMPARE(describe(view->region()), describe(QRect(90, 80, 20, 20)));

    // Esc removes the region, then ends the tool, then is left to others.
    spy.clear();
    QTest::keyClick(view.get(), Qt::Key_Escape);
    QCOMPARE(view->region(), Region());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(regionOf(spy.last()), Region());
    QCOMPARE(spy.last().at(1).toBool(), false);
    QVERIFY(view->isRegionTool());
    QTest::keyClick(view.get(), Qt::Key_Escape);
    QVERIFY(!view->isRegionTool());
    QCOMPARE(tool.count(), 2);
    QCOMPARE(spy.count(), 1);

    // clearRegion() is the same as Esc, and says nothing when there is nothing to clear.
    view->clearRegion();
    QCOMPARE(spy.count(), 1);
    view->setRegion(QRect(1, 2, 3, 4));
    view->clearRegion();
    QCOMPARE(spy.count(), 2);
    QCOMPARE(regionOf(spy.last()), Region());

    // With the tool on, a click off the region removes it.
    view->setRegion(QRect(90, 80, 20, 20));
    view->setRegionTool(true);
    QTest::mouseClick(pane->viewport(), Qt::LeftButton, {}, rounded(pane->imageToViewport(QPointF(50, 50))));
    QCOMPARE(view->region(), Region());
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.last().at(1).toBool(), false);

    // Ctrl+R is not the tool's key.
    QTest::keyClick(view.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(view->isRegionTool());

    // A new image of another size drops the region.
    view->setRegion(QRect(90, 80, 20, 20));
    view->setOriginal(distinctImage(100, 100));
    QCOMPARE(view->region(), Region());
    QCOMPARE(paneOf(view->resultPane())->region(), Region());
}

void tst_CompareView::regionShownOnEveryPane_data()
{
    QTest::addColumn<CompareView::Mode>("mode");
    QTest::addColumn<QString>("pane");
    QTest::addColumn<double>("zoom");

    QTest::newRow("original, 100 %") << CompareView::Mode::SideBySide << "originalPane" << 1.0;
    QTest::newRow("result, 100 %") << CompareView::Mode::SideBySide << "resultPane" << 1.0;
    QTest::newRow("result, 300 %") << CompareView::Mode::SideBySide << "resultPane" << 3.0;
    QTest::newRow("original, 50 %") << CompareView::Mode::SideBySide << "originalPane" << 0.5;
    QTest::newRow("split, 200 %") << CompareView::Mode::Split << "splitPane" << 2.0;
    QTest::newRow("difference, 100 %") << CompareView::Mode::Difference << "differencePane" << 1.0;
}

void tst_CompareView::regionShownOnEveryPane()
{
    QFETCH(CompareView::Mode, mode);
    QFETCH(QString, pane);
    QFETCH(double, zoom);

    auto view = makeView(filled(120, 90, Qt::darkGreen));
    QVERIFY(view);
    view->setResult(filled(120, 90, Qt::darkBlue), true);
    view->setMode(mode);
    view->setSplitPosition(0.9); // the divider away from the region
    view->setZoom(zoom);
    QApplication::processEvents();
    ImagePane *shown = view->findChild<ImagePane *>(pane);
    QVERIFY(shown);
    QTRY_VERIFY(shown->isVisible());

    const QRect region(30, 20, 40, 30);
    const double dpr = shown->devicePixelRatio();
    const int line = std::max(1, int(std::lround(dpr)));
    const QPoint topLeft = rounded(shown->imageToViewport(region.topLeft()) * dpr);
    const QPoint bottomRight = rounded(shown->imageToViewport(QPointF(70, 50)) * dpr); // exclusive
    const QImage before = grabViewport(shown);
    view->setRegion(region);
    const QImage after = grabViewport(shown);
    QCOMPARE(after.size(), before.size());

    const QColor dash = RegionOverlay::dashColor();
    const QColor shadow = RegionOverlay::shadowColor();
    auto isOutline = [&](QPoint p) {
        const QColor c(after.pixel(p));
        return c == dash || c == shadow;
    };
    auto where = [&](QPoint p) {
        return QString("%1,%2: %3 (region from %4,%5)")
            .arg(p.x())
            .arg(p.y())
            .arg(QColor(after.pixel(p)).name())
            .arg(topLeft.x())
            .arg(topLeft.y());
    };
    // The line just outside each edge is all outline, dashes of both colours; before it was not.
    int dashes = 0, shadows = 0;
    for (int x = topLeft.x(); x < bottomRight.x(); ++x)
        for (const QPoint p : {QPoint(x, topLeft.y() - 1), QPoint(x, bottomRight.y())}) {
            QVERIFY2(isOutline(p), qPrintable(where(p)));
            QVERIFY(!(QColor(before.pixel(p)) == dash));
            (QColor(after.pixel(p)) == dash ? dashes : shadows)++;
        }
    for (int y = topLeft.y(); y < bottomRight.y(); ++y)
        for (const QPoint p : {QPoint(topLeft.x() - 1, y), QPoint(bottomRight.x(), y)})
            QVERIFY2(isOutline(p), qPrintable(where(p)));
    QVERIFY(dashes > 0 && shadows > 0);

    // The region's own pixels and those past the line are left alone (away from the handles).
    const int handleReach = int(std::ceil(RegionOverlay::HandleSize * dpr / 2)) + 1;
    const int quarter = topLeft.x() + (bottomRight.x() - topLeft.x()) / 4;
    if (quarter - topLeft.x() > handleReach) {
        for (const QPoint p : {QPoint(quarter, topLeft.y()), QPoint(quarter, topLeft.y() - line - handleReach),
                               QPoint(quarter, (topLeft.y() + bottomRight.y()) / 2)})
            QCOMPARE(QColor(after.pixel(p)), QColor(before.pixel(p)));
    }
    // Handles at the corners reach into the region, filled with the dash colour (where the
    // region is wide enough on screen that the middle handles do not overlap them).
    if (bottomRight.x() - topLeft.x() > 4 * RegionOverlay::HandleSize * dpr) {
        QCOMPARE(QColor(after.pixel(topLeft + QPoint(1, 1))), dash);
        QCOMPARE(QColor(after.pixel(bottomRight - QPoint(2, 2))), dash);
        QCOMPARE(QColor(after.pixel(topLeft.x() + 1, bottomRight.y() - 2)), dash);
    }

    view->setRegion(std::nullopt);
    QCOMPARE(grabViewport(shown), before);
}

QTEST_MAIN(tst_CompareView)
#include "tst_compareview.moc"
