// Hostile input gets a bounded, one-line refusal (issue 16): files that are not regular files,
// oversized recipes, SVGs that reach for local files or decompress to gigabytes, truncated
// GIFs, JPEGs of endless markers, regions past int, unknown recipe versions, images over the
// memory budget, presets that clash or break, and a full disk.
#include "engine.h"
#include "filelimits.h"
#include "filtersettings.h"
#include "imageio.h"
#include "presets.h"
#include "presetstore.h"
#include "recipe.h"
#include "svgsafety.h"
#include "testimages.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ks;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

QByteArray pngBytes(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter(&buffer, "png").write(image);
    return bytes;
}

// A GIF of 4 colours written by hand (Qt has no GIF writer): every pixel a literal LZW code,
// a clear code after every two, so the code width stays 3 bits.
QByteArray gifOf(const QImage &indexed)
{
    QByteArray out("GIF89a");
    auto put16 = [&](int v) { out.append(char(v & 0xFF)).append(char(v >> 8)); };
    put16(indexed.width());
    put16(indexed.height());
    out.append(char(0x81)).append(char(0)).append(char(0)); // global table of 4 colours
    out.append(QByteArray::fromHex("000000ff0000" "00ff000000ff"));
    out.append(char(0x2C));
    put16(0);
    put16(0);
    put16(indexed.width());
    put16(indexed.height());
    out.append(char(0)).append(char(2)); // no local table; LZW minimum code size 2
    QByteArray data;
    quint32 bits = 0;
    int count = 0;
    auto code = [&](int c) {
        bits |= quint32(c) << count;
        count += 3;
        while (count >= 8) {
            data.append(char(bits & 0xFF));
            bits >>= 8;
            count -= 8;
        }
    };
    int literals = 0;
    code(4); // clear
    for (int y = 0; y < indexed.height(); ++y)
        for (int x = 0; x < indexed.width(); ++x) {
            code(indexed.pixelIndex(x, y));
            if (++literals % 2 == 0)
                code(4);
        }
    code(5); // end of information
    if (count > 0)
        data.append(char(bits & 0xFF));
    for (qsizetype at = 0; at < data.size(); at += 255) {
        const QByteArray block = data.mid(at, 255);
        out.append(char(block.size())).append(block);
    }
    out.append(char(0)).append(char(0x3B)); // end of the image data, trailer
    return out;
}

QImage indexedNoise(int width, int height)
{
    QImage image(width, height, QImage::Format_Indexed8);
    image.setColorTable({qRgb(0, 0, 0), qRgb(255, 0, 0), qRgb(0, 255, 0), qRgb(0, 0, 255)});
    quint32 state = 12345;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            state = state * 1664525u + 1013904223u;
            image.setPixel(x, y, (state >> 28) & 3);
        }
    return image;
}

} // namespace

class tst_HostileInput : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void outputThatIsNotARegularFileIsRefused_data();
    void outputThatIsNotARegularFileIsRefused();
    void inputThatIsNotARegularFileIsRefused_data();
    void inputThatIsNotARegularFileIsRefused();
    void textFilesAreCappedInSize();
    void svgImageOfALocalFileIsNotRead_data();
    void svgImageOfALocalFileIsNotRead();
    void svgzBombIsRefused();
    void truncatedGifIsRefused();
    void jpegOfEndlessMarkersIsRefused();
    void regionPastIntIsRefused_data();
    void regionPastIntIsRefused();
    void unknownRecipeVersionsAreRefused_data();
    void unknownRecipeVersionsAreRefused();
    void imageOverTheMemoryBudgetIsRefusedBeforeFiltering();
    void userPresetNamedLikeABuiltInIsKept();
    void everyBrokenPresetsFileIsKept();
    void presetsFifoDoesNotHang();
    void fullDiskIsSaidInOneLine();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
};

void tst_HostileInput::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_HostileInput::outputThatIsNotARegularFileIsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("refused");
    QTest::newRow("fifo") << "fifo" << true;
    QTest::newRow("symlink to a fifo") << "link-fifo" << true;
    QTest::newRow("symlink to /dev/null") << "link-null" << true;
    QTest::newRow("symlink to a regular file") << "link-file" << false;
    QTest::newRow("new file") << "new" << false;
}

// Writing through a symlink to a device used to replace the device by a regular file.
void tst_HostileInput::outputThatIsNotARegularFileIsRefused()
{
    QFETCH(QString, kind);
    QFETCH(bool, refused);
    const QString fifo = path("pipe");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    writeFile(path("real.png"), "old");
    const QString out = path("out.png");
    if (kind == u"fifo")
        QCOMPARE(::mkfifo(QFile::encodeName(out).constData(), 0600), 0);
    else if (kind == u"link-fifo")
        QVERIFY(QFile::link(fifo, out));
    else if (kind == u"link-null")
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), out));
    else if (kind == u"link-file")
        QVERIFY(QFile::link(path("real.png"), out));
    const QImage image = test::makeImage(8, 8, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 1);
    const Status saved = saveImage(image, out);
    const Status bytes = saveBytes(out, "{}");
    QCOMPARE(!saved, refused);
    QCOMPARE(!bytes, refused);
    if (refused) {
        QVERIFY2(saved.error().contains(QStringLiteral("not a regular file")), qPrintable(saved.error()));
        QVERIFY2(saved.error().startsWith(out), qPrintable(saved.error()));
        struct stat st {};
        QCOMPARE(::stat("/dev/null", &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
        QVERIFY(::stat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    }
}

void tst_HostileInput::inputThatIsNotARegularFileIsRefused_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("/dev/zero") << "/dev/zero";
    QTest::newRow("/dev/urandom") << "/dev/urandom";
    QTest::newRow("fifo") << "fifo";
}

// These streamed forever or blocked on open; now refused at once, for images, recipes and presets.
void tst_HostileInput::inputThatIsNotARegularFileIsRefused()
{
    QFETCH(QString, file);
    if (file == u"fifo") {
        file = path("fifo.png");
        QCOMPARE(::mkfifo(QFile::encodeName(file).constData(), 0600), 0);
    }
    const Result<LoadedImage> image = loadImage(file);
    QVERIFY(!image);
    QVERIFY2(image.error().contains(QStringLiteral("not a regular file")), qPrintable(image.error()));
    const Result<QByteArray> text = readRegularFile(file, MaxTextFileBytes);
    QVERIFY(!text);
    QVERIFY2(text.error().contains(QStringLiteral("not a regular file")), qPrintable(text.error()));
}

void tst_HostileInput::textFilesAreCappedInSize()
{
    const QString big = path("big.json");
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(MaxTextFileBytes + 1)); // sparse: costs no disk
    }
    const Result<QByteArray> read = readRegularFile(big, MaxTextFileBytes);
    QVERIFY(!read);
    QVERIFY2(read.error().contains(QStringLiteral("more than the limit of 16 MiB")), qPrintable(read.error()));
    const QString sparse = path("sparse.png");
    {
        QFile file(sparse);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(3LL * 1024 * 1024 * 1024)); // 3 GB reached 3.09 GB of memory before
    }
    const Result<LoadedImage> image = loadImage(sparse);
    QVERIFY(!image);
    QVERIFY2(image.error().contains(QStringLiteral("more than the limit of 1 GiB")), qPrintable(image.error()));
    QVERIFY(readRegularFile(path("missing"), 10).error().contains(QStringLiteral("no such file")));
    // Qt resources are compiled in: the editor opens its sample from one.
    const Result<QByteArray> resource = readRegularFile(QStringLiteral(":/ks/presets/built-in.json"), MaxTextFileBytes);
    QVERIFY2(resource && resource->contains("kernel-studio-presets"), resource ? "" : qPrintable(resource.error()));
}

void tst_HostileInput::svgImageOfALocalFileIsNotRead_data()
{
    QTest::addColumn<QString>("href");
    QTest::newRow("absolute path") << "ABS";
    QTest::newRow("relative path") << "secret.png";
    QTest::newRow("file URL") << "file://ABS";
    QTest::newRow("fifo") << "FIFO";
}

// An <image> of a local path was embedded in the raster (and a FIFO blocked forever).
void tst_HostileInput::svgImageOfALocalFileIsNotRead()
{
    QFETCH(QString, href);
    QImage red(10, 10, QImage::Format_RGB32);
    red.fill(Qt::red);
    const QString secret = path("secret.png");
    writeFile(secret, pngBytes(red));
    const QString fifo = path("secret.fifo");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    href.replace(QStringLiteral("ABS"), secret).replace(QStringLiteral("FIFO"), fifo);
    const QString dataUri = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(pngBytes(red).toBase64());
    const QString svg = QStringLiteral(R"(<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="10">
<image x="0" y="0" width="10" height="10" xlink:href="%1"/>
<image x="10" y="0" width="10" height="10" xlink:href="%2"/>
</svg>)")
                            .arg(href, dataUri);
    const QString file = path("hostile.svg");
    writeFile(file, svg.toUtf8());
    QDir::setCurrent(m_dir->path());
    const Result<LoadedImage> loaded = loadImage(file);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QCOMPARE(loaded->image.pixelColor(5, 5).alpha(), 0);  // the local file: not drawn
    QCOMPARE(loaded->image.pixelColor(15, 5), QColor(Qt::red)); // the data: URI still is
}

// A 1 MB SVGZ of 1 GB of spaces took 3.09 GB and 40 s.
void tst_HostileInput::svgzBombIsRefused()
{
    QByteArray text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">";
    text.append(QByteArray(MaxSvgBytes + 1024, ' '));
    text.append("</svg>");
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c")});
    QVERIFY(gzip.waitForStarted());
    gzip.write(text);
    gzip.closeWriteChannel();
    QVERIFY(gzip.waitForFinished());
    const QByteArray compressed = gzip.readAllStandardOutput();
    QVERIFY(compressed.size() < 1024 * 1024);
    const QString file = path("bomb.svgz");
    writeFile(file, compressed);
    const Result<LoadedImage> loaded = loadImage(file);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().contains(QStringLiteral("decompresses to more than the limit of 64 MiB")),
             qPrintable(loaded.error()));
}

// A GIF cut to 10 % was accepted with 182 of 200 rows wrong.
void tst_HostileInput::truncatedGifIsRefused()
{
    const QImage indexed = indexedNoise(40, 200);
    const QByteArray gif = gifOf(indexed);
    const QString whole = path("whole.gif");
    writeFile(whole, gif);
    const Result<LoadedImage> loaded = loadImage(whole);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QCOMPARE(test::maxChannelDifference(loaded->image.convertToFormat(QImage::Format_RGBA8888),
                                        indexed.convertToFormat(QImage::Format_RGBA8888)),
             0);
    for (const double share : {0.1, 0.5, 0.99}) {
        const QString cut = path("cut.gif");
        writeFile(cut, gif.left(qsizetype(gif.size() * share)));
        const Result<LoadedImage> truncated = loadImage(cut);
        QVERIFY2(!truncated, qPrintable(QStringLiteral("cut to %1 was accepted").arg(share)));
        QVERIFY2(truncated.error().contains(QStringLiteral("truncated")), qPrintable(truncated.error()));
    }
}

// 100,000 empty comments cost 15.8 s inside libjpeg before the refusal.
void tst_HostileInput::jpegOfEndlessMarkersIsRefused()
{
    QByteArray jpeg;
    {
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter(&buffer, "jpeg").write(test::makeImage(16, 16, QImage::Format_RGB32, test::AlphaContent::Opaque, 2));
    }
    QByteArray comments;
    for (int i = 0; i < 100000; ++i)
        comments.append("\xFF\xFE\x00\x02", 4);
    const QString file = path("markers.jpg");
    writeFile(file, jpeg.left(2) + comments + jpeg.mid(2));
    const Result<LoadedImage> loaded = loadImage(file);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().contains(QStringLiteral("JPEG segments")), qPrintable(loaded.error()));
    writeFile(file, jpeg.left(2) + comments.left(4 * 100) + jpeg.mid(2)); // a few are fine
    QVERIFY(loadImage(file));
}

void tst_HostileInput::regionPastIntIsRefused_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("x + width past INT_MAX") << "gaussian:region=2147483000;0;2147483647;5" << false;
    QTest::newRow("y + height past INT_MAX") << "gaussian:region=0;2147483000;5;1000" << false;
    QTest::newRow("far edge exactly INT_MAX") << "gaussian:region=2147483000;0;648;5" << true;
    QTest::newRow("far edge one past") << "gaussian:region=2147483000;0;649;5" << false;
}

// QRect's x + width overflowed (undefined behaviour) in regionFromText.
void tst_HostileInput::regionPastIntIsRefused()
{
    QFETCH(QString, spec);
    QFETCH(bool, accepted);
    const Result<FilterSettings> parsed = parseFilterSpec(spec);
    QCOMPARE(bool(parsed), accepted);
    if (!accepted)
        QVERIFY2(parsed.error().contains(QStringLiteral("region must be")), qPrintable(parsed.error()));
    // The same through recipe JSON.
    const QByteArray json = QByteArray(R"({"format": "kernel-studio-recipe", "version": 1, "steps": [{"filter": "gaussian", "region": [)") +
                            spec.section(u'=', 1).replace(u';', u',').toLatin1() + "]}]}";
    QCOMPARE(bool(recipeFromJson(json)), accepted);
}

void tst_HostileInput::unknownRecipeVersionsAreRefused_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("\"999\"") << QByteArray(R"("version": "999",)") << false;
    QTest::newRow("1e300") << QByteArray(R"("version": 1e300,)") << false;
    QTest::newRow("2147483648") << QByteArray(R"("version": 2147483648,)") << false;
    QTest::newRow("1.5") << QByteArray(R"("version": 1.5,)") << false;
    QTest::newRow("0") << QByteArray(R"("version": 0,)") << false;
    QTest::newRow("2 (newer)") << QByteArray(R"("version": 2,)") << false;
    QTest::newRow("1") << QByteArray(R"("version": 1,)") << true;
    QTest::newRow("absent") << QByteArray() << true;
}

void tst_HostileInput::unknownRecipeVersionsAreRefused()
{
    QFETCH(QByteArray, version);
    QFETCH(bool, accepted);
    const Result<Recipe> recipe =
        recipeFromJson(R"({"format": "kernel-studio-recipe", )" + version + R"( "steps": [{"filter": "box"}]})");
    QVERIFY2(bool(recipe) == accepted, recipe ? "accepted" : qPrintable(recipe.error()));
    const Result<QList<Preset>> presets =
        presetsFromJson(R"({"format": "kernel-studio-presets", )" + version + R"( "presets": []})");
    QVERIFY2(bool(presets) == accepted, presets ? "accepted" : qPrintable(presets.error()));
}

// Filtering checks its memory before taking it: the image here is address space only (no page
// is touched), and the refusal comes before any pixel is read.
void tst_HostileInput::imageOverTheMemoryBudgetIsRefusedBeforeFiltering()
{
    const int width = 20000, height = 15000;
    const size_t bytes = size_t(width) * size_t(height) * 4;
    void *pixels = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    QVERIFY(pixels != MAP_FAILED);
    {
        const QImage huge(static_cast<uchar *>(pixels), width, height, width * 4, QImage::Format_RGBA8888);
        for (const char *name : {"gaussian", "gauss-wiener"}) {
            const Result<QImage> result = Engine(2).apply(huge, filterNamed(name));
            QVERIFY(!result);
            QVERIFY2(result.error().contains(QStringLiteral("memory budget of 4 GiB per image")),
                     qPrintable(result.error()));
        }
    }
    ::munmap(pixels, bytes);
}

// A user preset named like a built-in was dropped at load and erased on the next save.
void tst_HostileInput::userPresetNamedLikeABuiltInIsKept()
{
    const QString file = path("presets.json");
    const Recipe mine{{filterNamed("median")}};
    writeFile(file, presetsToJson({{QStringLiteral("Soft blur"), mine}, {QStringLiteral("Soft blur (mine)"), mine}}));
    PresetStore store(file);
    QVERIFY2(store.loadError().isEmpty(), qPrintable(store.loadError()));
    QCOMPARE(store.user().size(), 2);
    QVERIFY(store.find(QStringLiteral("Soft blur (mine)")));
    QVERIFY(store.find(QStringLiteral("Soft blur (mine 2)")));
    QVERIFY(store.save({QStringLiteral("Another"), mine}).isEmpty());
    PresetStore reread(file);
    QCOMPARE(reread.user().size(), 3);
}

// A second corrupt presets.json overwrote presets.json.broken, losing the first.
void tst_HostileInput::everyBrokenPresetsFileIsKept()
{
    const QString file = path("presets.json");
    const Recipe mine{{filterNamed("median")}};
    for (const QByteArray &broken : {QByteArray("{ first"), QByteArray("{ second")}) {
        writeFile(file, broken);
        PresetStore store(file);
        QVERIFY(!store.loadError().isEmpty());
        QVERIFY(store.save({QStringLiteral("Mine"), mine}).isEmpty());
    }
    const QStringList aside = QDir(m_dir->path()).entryList({QStringLiteral("presets.json.broken-*")}, QDir::Files, QDir::Name);
    QCOMPARE(aside.size(), 2);
    QStringList contents;
    for (const QString &name : aside) {
        QFile f(m_dir->filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        contents << QString::fromLatin1(f.readAll());
    }
    contents.sort();
    QCOMPARE(contents, QStringList({QStringLiteral("{ first"), QStringLiteral("{ second")}));
}

// A FIFO as presets.json hung startup.
void tst_HostileInput::presetsFifoDoesNotHang()
{
    const QString file = path("presets.json");
    QCOMPARE(::mkfifo(QFile::encodeName(file).constData(), 0600), 0);
    PresetStore store(file);
    QVERIFY2(store.loadError().contains(QStringLiteral("not a regular file")), qPrintable(store.loadError()));
    QVERIFY(store.user().isEmpty());
}

// A full disk said "writing failed (Unknown error)". Needs root to mount a tiny tmpfs.
void tst_HostileInput::fullDiskIsSaidInOneLine()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root");
    const QString mountPoint = path("small");
    QVERIFY(QDir().mkpath(mountPoint));
    if (::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=64k") != 0)
        QSKIP("cannot mount a tmpfs here");
    const QImage noise = test::makeImage(512, 512, QImage::Format_RGBA8888, test::AlphaContent::Opaque, 9);
    const QString out = mountPoint + QStringLiteral("/out.png");
    const Status saved = saveImage(noise, out);
    const Status bytes = saveBytes(mountPoint + QStringLiteral("/big.json"), QByteArray(256 * 1024, 'x'));
    ::umount(QFile::encodeName(mountPoint).constData());
    QVERIFY(!saved);
    QVERIFY2(saved.error() == out + QStringLiteral(": writing failed (no space left on device)"), qPrintable(saved.error()));
    QVERIFY(!bytes);
    QVERIFY2(bytes.error().endsWith(QStringLiteral("cannot be written (no space left on device)")), qPrintable(bytes.error()));
}

QTEST_MAIN(tst_HostileInput)
#include "tst_hostileinput.moc"
