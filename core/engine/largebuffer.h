#pragma once

#include <QImage>

#include <cstddef>
#include <memory>

// Internal to the engine: memory for whole-image buffers. Blocks of 64 MiB and more are
// 2 MiB aligned and offered to the kernel for transparent huge pages (Linux, madvise mode): a 6000x4000
// result then costs a few dozen page faults instead of tens of thousands, which on a
// virtual machine took longer than the filter itself.
namespace ks::detail {

struct FreeLargeBuffer
{
    void operator()(unsigned char *p) const;
};
using LargeBuffer = std::unique_ptr<unsigned char[], FreeLargeBuffer>;

// Uninitialised; null when out of memory.
LargeBuffer allocateLargeBuffer(std::size_t bytes);

// An uninitialised image of the given size and format whose pixels live in a large buffer
// (null when out of memory); it owns and frees the buffer like any QImage.
QImage newLargeImage(const QSize &size, QImage::Format format);

} // namespace ks::detail
