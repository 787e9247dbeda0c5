// Histogram counts against a naive per-pixel count (QImage::pixelColor, one pixel at a time),
// for every pixel layout the loader and the engine produce; and the dock counting off the GUI
// thread.
#include "histogram.h"
#include "histogramdock.h"
#include "histogramplot.h"
#include "testimages.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <random>

using namespace ks;


namespace {

// The reference: straight values from pixelColor(); 16-bit ones binned by their high byte.
Histogram naiveHistogram(const QImage &image)
{
    const bool deep = image.depth() > 32 || image.format() == QImage::Format_Grayscale16;
    Histogram h;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgba64 c = image.pixelColor(x, y).rgba64();
            const unsigned r = deep ? c.red() : c.red8();
            const unsigned g = deep ? c.green() : c.green8();
            const unsigned b = deep ? c.blue() : c.blue8();
            const unsigned a = deep ? c.alpha() : c.alpha8();
            const unsigned shift = deep ? 8 : 0;
            const unsigned luma = (54 * r + 183 * g + 19 * b + 128) / 256;
            ++h.counts[Histogram::Red][r >> shift];
            ++h.counts[Histogram::Green][g >> shift];
            ++h.counts[Histogram::Blue][b >> shift];
            ++h.counts[Histogram::Alpha][a >> shift];
            ++h.counts[Histogram::Luminance][luma >> shift];
            ++h.pixels;
        }
    return h;
}

// A palette of 256 random colours with random alpha, used in random order.
QImage indexedImage(int width, int height)
{
    std::mt19937 random(5);
    QImage image(width, height, QImage::Format_Indexed8);
    QList<QRgb> palette;
    for (int i = 0; i < 256; ++i)
        palette << qRgba(int(random() % 256), int(random() % 256), int(random() % 256), int(random() % 256));
    image.setColorTable(palette);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, uint(random() % 256));
    return image;
}

QString firstDifference(const Histogram &a, const Histogram &b)
{
    if (a.pixels != b.pixels)
        return QStringLiteral("pixels %1 vs %2").arg(a.pixels).arg(b.pixels);
    for (int c = 0; c < Histogram::ChannelCount; ++c)
        for (int bin = 0; bin < Histogram::Bins; ++bin)
            if (a.counts[c][bin] != b.counts[c][bin])
                return QStringLiteral("channel %1 bin %2: %3 vs %4").arg(c).arg(bin).arg(a.counts[c][bin]).arg(b.counts[c][bin]);
    return {};
}

} // namespace

class tst_Histogram : public QObject
{
    Q_OBJECT

private slots:
    void countsMatchANaiveCount_data();
    void countsMatchANaiveCount();
    void knownImage();
    void cancelledCountGivesNothing();
    void largeImageIsCountedOffTheGuiThread();
    void dockControlsDriveThePlot();
};

void tst_Histogram::countsMatchANaiveCount_data()
{
    QTest::addColumn<QImage::Format>("format");
    QTest::addColumn<int>("alpha");
    // 150 rows: two whole strips of 64 and a partial one.
    QTest::newRow("RGBA8888 random alpha") << QImage::Format_RGBA8888 << int(test::AlphaContent::Random);
    QTest::newRow("ARGB32 shapes") << QImage::Format_ARGB32 << int(test::AlphaContent::Shapes);
    QTest::newRow("RGB32") << QImage::Format_RGB32 << int(test::AlphaContent::Opaque);
    QTest::newRow("Grayscale8") << QImage::Format_Grayscale8 << int(test::AlphaContent::Opaque);
    QTest::newRow("RGBA64 random alpha") << QImage::Format_RGBA64 << int(test::AlphaContent::Random);
    QTest::newRow("Grayscale16") << QImage::Format_Grayscale16 << int(test::AlphaContent::Opaque);
    QTest::newRow("Indexed8") << QImage::Format_Indexed8 << int(test::AlphaContent::Opaque);
}

void tst_Histogram::countsMatchANaiveCount()
{
    QFETCH(QImage::Format, format);
    QFETCH(int, alpha);
    const QImage image = format == QImage::Format_Indexed8 ? indexedImage(61, 150)
                                                           : test::makeImage(61, 150, format, test::AlphaContent(alpha), 7);
    QCOMPARE(image.format(), format);
    const std::optional<Histogram> counted = histogramOf(image);
    QVERIFY(counted);
    const Histogram expected = naiveHistogram(image);
    QVERIFY2(*counted == expected, qPrintable(firstDifference(*counted, expected)));
    // The test image must spread over many bins, or it would prove little.
    const auto used = std::count_if(expected.counts[Histogram::Red].begin(), expected.counts[Histogram::Red].end(),
                                    [](quint64 n) { return n > 0; });
    QVERIFY2(used > 20, qPrintable(QString::number(used)));
}

// Numbers worked out by hand: 3 pure red pixels, 1 half-transparent white one.
void tst_Histogram::knownImage()
{
    QImage image(2, 2, QImage::Format_RGBA8888);
    image.setPixelColor(0, 0, QColor(255, 0, 0));
    image.setPixelColor(1, 0, QColor(255, 0, 0));
    image.setPixelColor(0, 1, QColor(255, 0, 0));
    image.setPixelColor(1, 1, QColor(255, 255, 255, 128));
    const Histogram h = *histogramOf(image);
    QCOMPARE(h.pixels, 4);
    QCOMPARE(h.counts[Histogram::Red][255], 4u);
    QCOMPARE(h.counts[Histogram::Green][0], 3u);
    QCOMPARE(h.counts[Histogram::Alpha][255], 3u);
    QCOMPARE(h.counts[Histogram::Alpha][128], 1u);
    QCOMPARE(h.counts[Histogram::Luminance][54], 3u); // (54 * 255 + 128) / 256 = 54
    QCOMPARE(h.counts[Histogram::Luminance][255], 1u);
    QCOMPARE(h.mean(Histogram::Green), 255.0 / 4);
}

void tst_Histogram::cancelledCountGivesNothing()
{
    CancelToken cancel;
    cancel.cancel();
    QVERIFY(!histogramOf(test::makeImage(8, 8, QImage::Format_RGB32, test::AlphaContent::Opaque, 1), cancel));
}

// 24 megapixels: setOriginal() returns at once and the count arrives later, exact.
void tst_Histogram::largeImageIsCountedOffTheGuiThread()
{
    QImage image(6000, 4000, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        auto *row = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x)
            row[x] = qRgb(x % 256, y % 256, 7);
    }
    HistogramDock dock;
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy changed(&dock, &HistogramDock::histogramsChanged);
    dock.setOriginal(image);
    QVERIFY(dock.isCounting());
    QVERIFY(!dock.originalHistogram());
    QTRY_VERIFY_WITH_TIMEOUT(dock.originalHistogram().has_value(), 60000);
    const Histogram &h = *dock.originalHistogram();
    QCOMPARE(h.pixels, 24'000'000);
    // Column x has red x % 256: 6000 columns give 24 bins of 24 columns and the rest 23, times 4000 rows.
    QCOMPARE(h.counts[Histogram::Red][0], quint64(24 * 4000));
    QCOMPARE(h.counts[Histogram::Red][255], quint64(23 * 4000));
    QCOMPARE(h.counts[Histogram::Blue][7], quint64(24'000'000));
}

void tst_Histogram::dockControlsDriveThePlot()
{
    HistogramDock dock;
    dock.resize(320, 260);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    const QImage original = test::makeImage(64, 48, QImage::Format_ARGB32, test::AlphaContent::Random, 3);
    dock.setOriginal(original);
    dock.setResult(original.scaled(32, 24));
    QTRY_VERIFY(dock.originalHistogram() && dock.resultHistogram());
    QCOMPARE(*dock.originalHistogram(), naiveHistogram(original));

    auto *channel = dock.findChild<QComboBox *>(QStringLiteral("histogramChannel"));
    auto *log = dock.findChild<QCheckBox *>(QStringLiteral("histogramLog"));
    auto *summary = dock.findChild<QLabel *>(QStringLiteral("histogramSummary"));
    QVERIFY(channel && log && summary);
    const QImage linear = dock.plot()->grab().toImage();
    log->click();
    QVERIFY(dock.plot()->logScale());
    QVERIFY(dock.plot()->grab().toImage() != linear);
    channel->setFocus();
    QTest::keyClick(channel, Qt::Key_Down);
    QCOMPARE(dock.plot()->channel(), Histogram::Red);
    QVERIFY2(summary->text().contains(QString::number(naiveHistogram(original).mean(Histogram::Red), 'f', 1)),
             qPrintable(summary->text()));
    // A new original forgets the result's histogram until a result of it comes.
    dock.setOriginal(original.mirrored());
    QVERIFY(!dock.resultHistogram());
}

QTEST_MAIN(tst_Histogram)
#include "tst_histogram.moc"
