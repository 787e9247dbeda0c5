#include "filelimits.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <limits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ks {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString notRegular(mode_t mode)
{
    const char *kind = S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                       : S_ISFIFO(mode)              ? "a pipe"
                       : S_ISSOCK(mode)              ? "a socket"
                                                     : "a special file";
    return QStringLiteral("is not a regular file (it is %1)").arg(QLatin1String(kind));
}

// Closes the descriptor on every way out.
struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

namespace {

// ":/samples/photo.png": a Qt resource, compiled into the program, so bounded and trusted.
bool isQtResource(const QString &path)
{
    return path.startsWith(u':') || path.startsWith(u"qrc:");
}

} // namespace

Status checkRegularFile(const QString &path)
{
    if (isQtResource(path))
        return QFileInfo::exists(path) ? Status{} : Status{Failure{QStringLiteral("no such file")}};
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return Failure{errno == ENOENT ? QStringLiteral("no such file")
                                       : QStringLiteral("cannot be read (%1)").arg(errnoText(errno))};
    if (S_ISDIR(st.st_mode))
        return Failure{QStringLiteral("is a directory")};
    if (!S_ISREG(st.st_mode))
        return Failure{notRegular(st.st_mode)};
    return {};
}

Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes)
{
    if (Status regular = checkRegularFile(path); !regular)
        return Failure{regular.error()};
    if (isQtResource(path)) {
        QFile resource(path);
        if (!resource.open(QIODevice::ReadOnly))
            return Failure{QStringLiteral("cannot be read (%1)").arg(resource.errorString())};
        return resource.readAll();
    }
    // O_NONBLOCK: opening a FIFO swapped in after the check must not wait for a writer.
    Descriptor file{::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (file.fd < 0)
        return Failure{QStringLiteral("cannot be read (%1)").arg(errnoText(errno))};
    struct stat st {};
    if (::fstat(file.fd, &st) != 0)
        return Failure{QStringLiteral("cannot be read (%1)").arg(errnoText(errno))};
    if (!S_ISREG(st.st_mode))
        return Failure{notRegular(st.st_mode)};
    if (st.st_size > maxBytes)
        return Failure{QStringLiteral("the file is %1, more than the limit of %2")
                           .arg(byteCountText(st.st_size), byteCountText(maxBytes))};
    QByteArray data;
    data.resize(qsizetype(st.st_size));
    qint64 done = 0;
    for (;;) {
        if (done == data.size()) {
            // The file may have grown since fstat: read on, up to the limit.
            if (done >= maxBytes + 1)
                break;
            data.resize(qsizetype(std::min<qint64>(maxBytes + 1, std::max<qint64>(done * 2, 4096))));
        }
        const ssize_t n = ::read(file.fd, data.data() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Failure{QStringLiteral("cannot be read (%1)").arg(errnoText(errno))};
        if (n == 0)
            break;
        done += n;
    }
    if (done > maxBytes)
        return Failure{QStringLiteral("the file is more than the limit of %1").arg(byteCountText(maxBytes))};
    data.resize(qsizetype(done));
    return data;
}

Status checkOutputTarget(const QString &path)
{
    struct stat st {};
    // stat follows symlinks: what counts is what the name finally points at.
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {}; // does not exist yet (or a dangling link): the writer creates a regular file
    if (S_ISDIR(st.st_mode))
        return Failure{QStringLiteral("is a directory")};
    if (!S_ISREG(st.st_mode))
        return Failure{notRegular(st.st_mode) + QStringLiteral("; only regular files are replaced")};
    return {};
}

qint64 imageMemoryBytes(qint64 width, qint64 height, int bytesPerPixel, int copies)
{
    // Doubles first: a hostile header may declare sides whose product passes 63 bits.
    const double bytes = double(std::max<qint64>(width, 0)) * double(std::max<qint64>(height, 0)) *
                         double(bytesPerPixel) * double(copies);
    return bytes >= 9.0e18 ? std::numeric_limits<qint64>::max() : qint64(bytes);
}

QString byteCountText(qint64 bytes)
{
    const double GiB = 1024.0 * 1024.0 * 1024.0, MiB = 1024.0 * 1024.0;
    if (bytes >= 1024LL * 1024 * 1024)
        return QStringLiteral("%1 GiB").arg(double(bytes) / GiB, 0, 'g', 3);
    if (bytes >= 1024LL * 1024)
        return QStringLiteral("%1 MiB").arg(double(bytes) / MiB, 0, 'g', 3);
    return QStringLiteral("%1 bytes").arg(bytes);
}

Status checkMemoryBudget(qint64 bytes, const QString &what)
{
    if (bytes <= ImageMemoryBudget)
        return {};
    return Failure{QStringLiteral("%1 needs about %2, more than the memory budget of %3 per image")
                       .arg(what, byteCountText(bytes), byteCountText(ImageMemoryBudget))};
}

} // namespace ks
