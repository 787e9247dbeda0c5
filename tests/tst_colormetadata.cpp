// Colour profiles and metadata from file to filter to export: an Adobe RGB photo (fixtures made
// by tests/data/make-color-fixtures.sh with ImageMagick and exiv2) keeps its profile, converts
// like ImageMagick does, is linearised with its own curve, and its EXIF/IPTC/XMP reach the export.
#include "colorprofile.h"
#include "engine.h"
#include "imageio.h"
#include "metadata.h"
#include "testimages.h"

#include <tiffio.h>

#include <QColorSpace>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ks;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(KS_TEST_DATA_DIR "/") + QLatin1String(name);
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

LoadedImage mustLoad(const QString &path, const LoadOptions &options = {})
{
    Result<LoadedImage> loaded = loadImage(path, options);
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error()));
    return *loaded;
}

double meanSaturation(const QImage &image)
{
    double sum = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            sum += QColor(image.pixel(x, y)).hsvSaturationF();
    return sum / (image.width() * image.height());
}

// The oracle of a 5x5 box blur in linear light (clamped borders, opaque image) with the
// transfer curve `toLinear` and its inverse.
template <typename To, typename From> QImage linearBox(const QImage &source, To toLinear, From fromLinear)
{
    const QImage in = source.convertToFormat(QImage::Format_RGBA8888);
    QImage out = in;
    for (int y = 0; y < in.height(); ++y)
        for (int x = 0; x < in.width(); ++x)
            for (int c = 0; c < 3; ++c) {
                double sum = 0;
                for (int dy = -2; dy <= 2; ++dy)
                    for (int dx = -2; dx <= 2; ++dx) {
                        const int sx = std::clamp(x + dx, 0, in.width() - 1),
                                  sy = std::clamp(y + dy, 0, in.height() - 1);
                        sum += toLinear(in.constScanLine(sy)[4 * sx + c] / 255.0);
                    }
                out.scanLine(y)[4 * x + c] = uchar(std::lround(255.0 * fromLinear(std::clamp(sum / 25, 0.0, 1.0))));
            }
    return out;
}

} // namespace

class tst_ColorMetadata : public QObject
{
    Q_OBJECT

private slots:
    void profileIsRead_data();
    void profileIsRead();
    void displayConversionRestoresSaturation();
    void convertedExportMatchesImageMagick();
    void profileRoundTrips_data();
    void profileRoundTrips();
    void resolutionRoundTrips_data();
    void resolutionRoundTrips();
    void linearLightUsesTheImagesCurve();
    void filteredImageKeepsItsProfile();
    void metadataReachesTheExport_data();
    void metadataReachesTheExport();
    void metadataCanBeStripped();
    void commandLineOptions_data();
    void commandLineOptions();
};

void tst_ColorMetadata::profileIsRead_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("png iCCP") << fixture("adobergb.png");
    QTest::newRow("jpeg APP2") << fixture("adobergb.jpg");
}

void tst_ColorMetadata::profileIsRead()
{
    QFETCH(QString, file);
    const LoadedImage loaded = mustLoad(file);
    QVERIFY(loaded.image.colorSpace().isValid());
    QVERIFY(!isSrgb(loaded.image));
    QCOMPARE(colorProfileName(loaded.image), QStringLiteral("Compatible with Adobe RGB (1998)"));
    QCOMPARE(loaded.image.colorSpace().transferFunction(), QColorSpace::TransferFunction::Gamma);
    QVERIFY(std::abs(loaded.image.colorSpace().gamma() - 563.0f / 256.0f) < 1e-3f);
    // Untagged images are sRGB.
    QCOMPARE(colorProfileName(mustLoad(QStringLiteral(KS_SAMPLES_DIR "/photo.png")).image), QStringLiteral("sRGB"));
}

// The symptom: raw Adobe RGB values look dull; converted they are as saturated as the
// sRGB original.
void tst_ColorMetadata::displayConversionRestoresSaturation()
{
    const QImage raw = mustLoad(fixture("adobergb.png")).image;
    const QImage shown = convertedToSrgb(raw);
    QVERIFY(isSrgb(shown));
    QVERIFY2(meanSaturation(shown) > meanSaturation(raw) + 0.03,
             qPrintable(QStringLiteral("%1 vs %2").arg(meanSaturation(shown)).arg(meanSaturation(raw))));
}

void tst_ColorMetadata::convertedExportMatchesImageMagick()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("srgb.png"));
    SaveOptions options;
    options.color = ColorHandling::ConvertToSrgb;
    QVERIFY(saveImage(mustLoad(fixture("adobergb.png")).image, out, options));
    const QImage ours = mustLoad(out).image;
    QVERIFY(isSrgb(ours));
    const QImage magick = mustLoad(fixture("adobergb-to-srgb-imagemagick.png")).image;
    QCOMPARE(test::maxChannelDifference(ours, magick) <= 1, true);
    // And the load-time option gives the same pixels.
    LoadOptions load;
    load.color = ColorHandling::ConvertToSrgb;
    QVERIFY(test::maxChannelDifference(mustLoad(fixture("adobergb.png"), load).image, magick) <= 1);
}

void tst_ColorMetadata::profileRoundTrips_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("tolerance");
    QTest::newRow("png") << "png" << 0;
    QTest::newRow("tiff") << "tiff" << 0;
    QTest::newRow("webp lossless") << "webp" << 0;
    QTest::newRow("jpeg") << "jpg" << 40; // 4:2:0 chroma subsampling at any quality
}

void tst_ColorMetadata::profileRoundTrips()
{
    QFETCH(QString, suffix);
    QFETCH(int, tolerance);
    const QImage source = mustLoad(fixture("adobergb.png")).image;
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.") + suffix);
    SaveOptions options;
    options.quality = 100;
    QVERIFY(saveImage(source, out, options));
    const QImage back = mustLoad(out).image;
    QVERIFY2(back.colorSpace() == source.colorSpace(), qPrintable(colorProfileName(back)));
    QVERIFY2(test::maxChannelDifference(back, source) <= tolerance,
             qPrintable(QString::number(test::maxChannelDifference(back, source))));
}

void tst_ColorMetadata::resolutionRoundTrips_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("png") << "png";
    QTest::newRow("tiff") << "tiff";
}

// 300 x 150 dpi written and read back (a print's size depends on it).
void tst_ColorMetadata::resolutionRoundTrips()
{
    QFETCH(QString, suffix);
    QImage source = mustLoad(fixture("adobergb.png")).image;
    source.setDotsPerMeterX(11811); // 300 dpi
    source.setDotsPerMeterY(5906);  // 150 dpi
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.") + suffix);
    QVERIFY(saveImage(source, out));
    const QImage back = mustLoad(out).image;
    QVERIFY2(std::abs(back.dotsPerMeterX() - 11811) <= 1, qPrintable(QString::number(back.dotsPerMeterX())));
    QVERIFY2(std::abs(back.dotsPerMeterY() - 5906) <= 1, qPrintable(QString::number(back.dotsPerMeterY())));
}

void tst_ColorMetadata::linearLightUsesTheImagesCurve()
{
    const QImage source = mustLoad(fixture("adobergb.png")).image;
    FilterSettings box = filterNamed("box");
    box.setValue(u"size", 5);
    box.linearLight = true;
    const Result<QImage> result = Engine(2).apply(source, box);
    QVERIFY(result);
    const double g = 563.0 / 256.0;
    const QImage gammaOracle = linearBox(
        source, [g](double v) { return std::pow(v, g); }, [g](double v) { return std::pow(v, 1 / g); });
    const QImage srgbOracle = linearBox(
        source, [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); },
        [](double c) { return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1 / 2.4) - 0.055; });
    QVERIFY2(test::maxChannelDifference(*result, gammaOracle) <= 1,
             qPrintable(QString::number(test::maxChannelDifference(*result, gammaOracle))));
    // The curves differ enough on this image that the sRGB one would fail the check above.
    QVERIFY(test::maxChannelDifference(srgbOracle, gammaOracle) > 1);
}

void tst_ColorMetadata::filteredImageKeepsItsProfile()
{
    const QImage source = mustLoad(fixture("adobergb.png")).image;
    Recipe recipe;
    recipe.steps = {filterNamed("box"), filterNamed("gaussian")};
    const Result<QImage> result = Engine(2).apply(source, recipe);
    QVERIFY(result);
    QVERIFY(result->colorSpace() == source.colorSpace());
}

void tst_ColorMetadata::metadataReachesTheExport_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<bool>("deflate"); // TIFF: Exiv2 rewrites a libtiff Deflate file too
    for (const char *from : {"adobergb.jpg", "adobergb.png"}) {
        for (const char *to : {"jpg", "png", "webp", "tif"})
            QTest::addRow("%s to %s", from, to) << fixture(from) << QString::fromLatin1(to) << false;
        QTest::addRow("%s to tif deflate", from) << fixture(from) << QStringLiteral("tif") << true;
    }
}

void tst_ColorMetadata::metadataReachesTheExport()
{
    QFETCH(QString, source);
    QFETCH(QString, suffix);
    QFETCH(bool, deflate);
    const LoadedImage loaded = mustLoad(source);
    QVERIFY(!loaded.metadata.isEmpty());
    Result<QImage> filtered = Engine(2).apply(loaded.image, filterNamed("gaussian"));
    QVERIFY(filtered);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.") + suffix);
    SaveOptions options;
    options.metadata = loaded.metadata;
    if (deflate)
        options.tiffCompression = TiffCompression::Deflate;
    QVERIFY(saveImage(*filtered, out, options));
    const QByteArray bytes = fileBytes(out);
    if (deflate) { // still Deflate after Exiv2's rewrite
        TIFF *tiff = TIFFOpen(QFile::encodeName(out).constData(), "r");
        QVERIFY(tiff);
        uint16_t compression = 0;
        TIFFGetField(tiff, TIFFTAG_COMPRESSION, &compression);
        TIFFClose(tiff);
        QCOMPARE(int(compression), COMPRESSION_ADOBE_DEFLATE);
    }
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Image.Artist")), QStringLiteral("Ada Lovelace"));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Image.Make")), QStringLiteral("KernelCam"));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Image.Copyright")), QStringLiteral("(c) 2024 Ada Lovelace"));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Photo.ExposureTime")), QStringLiteral("1/250"));
    if (suffix != u"webp") // WebP has no place for IPTC (its XMP and EXIF chunks carry the rest)
        QCOMPARE(metadataTag(bytes, QStringLiteral("Iptc.Application2.Caption")), QStringLiteral("A test photo"));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Xmp.dc.creator")), QStringLiteral("Ada Lovelace"));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Image.Orientation")), QStringLiteral("1"));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Image.Software")), QStringLiteral("Kernel Studio " KS_VERSION));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Photo.PixelXDimension")), QString::number(loaded.image.width()));
    QCOMPARE(metadataTag(bytes, QStringLiteral("Exif.Photo.PixelYDimension")), QString::number(loaded.image.height()));
    // The pixels and the profile survive Exiv2's rewrite, upright (the JPEG was stored turned).
    const LoadedImage back = mustLoad(out);
    QCOMPARE(back.image.size(), loaded.image.size());
    QVERIFY(back.image.colorSpace() == loaded.image.colorSpace());
    QVERIFY(test::maxChannelDifference(back.image, *filtered) <= (suffix == u"png" || suffix == u"tif" ? 0 : 40));
}

void tst_ColorMetadata::metadataCanBeStripped()
{
    const LoadedImage loaded = mustLoad(fixture("adobergb.jpg"));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.jpg"));
    QVERIFY(saveImage(loaded.image, out)); // no metadata in the options: none written
    const QByteArray bytes = fileBytes(out);
    QVERIFY(metadataTag(bytes, QStringLiteral("Exif.Image.Artist")).isEmpty());
    QVERIFY(metadataTag(bytes, QStringLiteral("Xmp.dc.creator")).isEmpty());
    QVERIFY(mustLoad(out).image.colorSpace() == loaded.image.colorSpace()); // the profile is not metadata
}

void tst_ColorMetadata::commandLineOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("srgb");
    QTest::addColumn<bool>("tagged");
    QTest::newRow("defaults") << QStringList{} << false << true;
    QTest::newRow("--colorspace keep") << QStringList{"--colorspace", "keep"} << false << true;
    QTest::newRow("--colorspace srgb") << QStringList{"--colorspace", "srgb"} << true << true;
    QTest::newRow("--strip-metadata") << QStringList{"--strip-metadata"} << false << false;
}

void tst_ColorMetadata::commandLineOptions()
{
    QFETCH(QStringList, options);
    QFETCH(bool, srgb);
    QFETCH(bool, tagged);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.png"));
    QProcess cli;
    cli.start(QStringLiteral(KS_CLI_PATH),
              QStringList{"apply", fixture("adobergb.png"), "-f", "identity", "-o", out} + options);
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QImage written = mustLoad(out).image;
    QCOMPARE(isSrgb(written), srgb);
    if (srgb)
        QVERIFY(test::maxChannelDifference(written, mustLoad(fixture("adobergb-to-srgb-imagemagick.png")).image) <= 1);
    QCOMPARE(metadataTag(fileBytes(out), QStringLiteral("Exif.Image.Artist")).isEmpty(), !tagged);
}

QTEST_GUILESS_MAIN(tst_ColorMetadata)
#include "tst_colormetadata.moc"
