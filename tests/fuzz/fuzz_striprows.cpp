// The strip readers (RowReader over libpng and libtiff, the CLI's --stream) on any file: a
// refusal, or rows that read to the end or stop with a reason; never a crash, a sanitizer report
// or unbounded memory.
#include "fuzzsupport.h"
#include "stripio.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>

using namespace ks;

namespace {

QString inputPath()
{
    static const QString path = QDir::temp().filePath(
        QStringLiteral("ks-fuzz-striprows-%1.bin").arg(QCoreApplication::applicationPid()));
    return path;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    {
        QFile file(inputPath());
        KS_FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write %s",
                      qPrintable(inputPath()));
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    auto reader = RowReader::open(inputPath());
    if (!reader)
        return 0;
    RowReader &rows = **reader;
    KS_FUZZ_CHECK(rows.width() > 0 && rows.height() > 0, "accepted a %dx%d image", rows.width(), rows.height());
    // Strips of at most 64 MiB, as the strip loop holds them.
    const qint64 rowBytes = qint64(rows.width()) * 8;
    const int stripRows = int(std::clamp<qint64>((qint64(64) << 20) / rowBytes, 1, 64));
    QImage strip(rows.width(), std::min(stripRows, rows.height()), rows.format());
    KS_FUZZ_CHECK(!strip.isNull(), "no memory for a strip of %dx%d", strip.width(), strip.height());
    while (rows.nextRow() < rows.height()) {
        const int count = std::min(strip.height(), rows.height() - rows.nextRow());
        if (!rows.readRows(strip, 0, count))
            break; // damaged data: a reason, and the loop stops as the CLI's does
    }
    return 0;
}
