#include "streams.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ks::cli {

namespace {

const QString StdinName = QStringLiteral("standard input");
const QString StdoutName = QStringLiteral("standard output");

Result<QByteArray> readStandardInput()
{
    QByteArray data;
    constexpr qsizetype Chunk = 1 << 20;
    for (;;) {
        const qsizetype used = data.size();
        data.resize(used + Chunk);
        const ssize_t got = ::read(STDIN_FILENO, data.data() + used, Chunk);
        if (got < 0 && errno == EINTR) {
            data.resize(used);
            continue;
        }
        if (got < 0)
            return Failure{QStringLiteral("%1: cannot be read (%2)").arg(StdinName, QString::fromLocal8Bit(strerror(errno)))};
        data.resize(used + got);
        if (got == 0)
            return data;
        if (data.size() > MaxStdinBytes)
            return Failure{QStringLiteral("%1: more than %2 MiB of data, larger than any image accepted")
                               .arg(StdinName)
                               .arg(MaxStdinBytes / (1024 * 1024))};
    }
}

Status writeStandardOutput(const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t put = ::write(STDOUT_FILENO, bytes.constData() + done, size_t(bytes.size() - done));
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return Failure{
                QStringLiteral("%1: cannot be written (%2)").arg(StdoutName, QString::fromLocal8Bit(strerror(errno)))};
        done += put;
    }
    return {};
}

} // namespace

bool isStandardInput(const QString &path)
{
    return path == u"-" || path == u"/dev/stdin";
}

bool isStandardOutput(const QString &path)
{
    return path == u"-" || path == u"/dev/stdout";
}

Result<LoadedImage> loadInput(const QString &path, const LoadOptions &options)
{
    if (!isStandardInput(path))
        return loadImage(path, options);
    const Result<QByteArray> data = readStandardInput();
    if (!data)
        return Failure{data.error()};
    return loadImageFromBytes(*data, options, StdinName);
}

Status writeOutput(const QImage &image, const QString &path, const QString &format, const SaveOptions &options)
{
    if (!isStandardOutput(path))
        return saveImage(image, path, options);
    const Result<QByteArray> bytes = encodeImage(image, format, options);
    if (!bytes)
        return Failure{QStringLiteral("%1: %2").arg(StdoutName, bytes.error())};
    return writeStandardOutput(*bytes);
}

} // namespace ks::cli
