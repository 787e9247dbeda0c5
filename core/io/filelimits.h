#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

// The limits every file the program reads or writes goes through, so that hostile input gets
// a bounded, one-line refusal instead of a hang or gigabytes of memory. Stated in the README's
// "Limits" section. All functions are safe to call from any thread.
namespace ks {

// Recipes and presets files are refused above this size (16 MiB).
constexpr qint64 MaxTextFileBytes = 16LL * 1024 * 1024;
// Image files are read whole, and refused above this size before any byte is read (1 GiB).
constexpr qint64 MaxImageFileBytes = 1024LL * 1024 * 1024;
// An SVG's text, also after SVGZ decompression, is refused above this size (64 MiB).
constexpr qint64 MaxSvgBytes = 64LL * 1024 * 1024;
// The memory one image may need: decoding (the decoder's pixels plus one converted copy) and
// filtering (the engine's working copies, see filterMemoryBytes) are each refused above it,
// before the memory is taken (4 GiB).
constexpr qint64 ImageMemoryBudget = 4LL * 1024 * 1024 * 1024;

// Refuses, with a reason without the path, anything that is not an existing regular file
// after following symlinks: "no such file", "is a directory", "is not a regular file (...)".
// Devices and pipes could stream forever or block; a file to read is always a regular file.
// Qt resources (":/...", compiled into the program) count as regular files.
Status checkRegularFile(const QString &path);

// Reads a regular file whole, refusing files above maxBytes before reading them (and files that
// grow past it while read). The file is opened without blocking, so a FIFO put in place after
// the check is refused too. The reason names neither the path nor the caller's kind of file.
Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes);

// The rule for a file about to be written: it may not exist yet, or be a regular file, after
// following symlinks. A device, pipe or socket (or a symlink to one) is refused rather than
// replaced by a regular file. The reason does not name the path.
Status checkOutputTarget(const QString &path);

// The bytes of width x height pixels of bytesPerPixel each, times copies, in 64 bits.
qint64 imageMemoryBytes(qint64 width, qint64 height, int bytesPerPixel, int copies = 1);

// "1.5 GiB", "300 MiB": for reasons a person reads.
QString byteCountText(qint64 bytes);

// Fails when `bytes` exceed ImageMemoryBudget: "<what> needs about N, more than the memory
// budget of 4 GiB per image".
Status checkMemoryBudget(qint64 bytes, const QString &what);

} // namespace ks
