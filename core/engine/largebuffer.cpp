#include "largebuffer.h"

#include <cstdlib>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ks::detail {

namespace {

constexpr std::size_t HugePage = std::size_t(2) << 20;
// Below this, plain pages measured as fast or faster (4K frames, 33 MB); above it, page
// faults on plain pages came to several times the filter's own time (6000x4000, 96 MB).
constexpr std::size_t HugeThreshold = std::size_t(64) << 20;

void release(void *p)
{
    std::free(p);
}

} // namespace

void FreeLargeBuffer::operator()(unsigned char *p) const
{
    std::free(p);
}

LargeBuffer allocateLargeBuffer(std::size_t bytes)
{
    if (bytes < HugeThreshold)
        return LargeBuffer(static_cast<unsigned char *>(std::malloc(bytes)));
    const std::size_t rounded = (bytes + HugePage - 1) / HugePage * HugePage;
    auto *p = static_cast<unsigned char *>(std::aligned_alloc(HugePage, rounded));
#ifdef __linux__
    if (p)
        madvise(p, rounded, MADV_HUGEPAGE); // a hint: failure only costs speed
#endif
    return LargeBuffer(p);
}

QImage newLargeImage(const QSize &size, QImage::Format format)
{
    const int depth = QImage::toPixelFormat(format).bitsPerPixel();
    const qsizetype bytesPerLine = (qsizetype(size.width()) * depth + 31) / 32 * 4;
    LargeBuffer buffer = allocateLargeBuffer(std::size_t(bytesPerLine) * std::size_t(size.height()));
    if (!buffer)
        return {};
    QImage image(buffer.get(), size.width(), size.height(), bytesPerLine, format, release, buffer.get());
    if (image.isNull())
        return {};
    buffer.release(); // the image frees it
    return image;
}

} // namespace ks::detail
