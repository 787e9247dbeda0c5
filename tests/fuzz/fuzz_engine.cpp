// The engine on tiny images: bytes make a small image and a filter spec; a step the spec
// parser and validate() accept must run without a finding, and 1, 2 and 3 worker threads must
// give the identical result (or the identical refusal).
//
// Input: byte 0 width (1..8), byte 1 height (1..8), byte 2 pixel format, byte 3 the spec's
// length n, then n bytes of spec ("gaussian:sigma=2,border=wrap"), then the pixels (zero-padded).
#include "engine.h"
#include "fuzzsupport.h"

#include <array>
#include <cstring>

using namespace ks;

namespace {

constexpr std::array Formats = {QImage::Format_RGBA8888, QImage::Format_Grayscale8, QImage::Format_RGBA64,
                                QImage::Format_ARGB32,   QImage::Format_Grayscale16, QImage::Format_RGB32,
                                QImage::Format_ARGB32_Premultiplied};

// Tiny images, small steps: a size or number past this only makes the run slower, not different.
bool cheapEnough(const FilterSettings &settings)
{
    for (const ParamDeclaration &param : settings.filter().params) {
        if (param.isNumeric() && std::abs(settings.value(param.key)) > 64)
            return false;
        if (param.isKernel() && settings.kernelValue(param.key)) {
            const Kernel &k = *settings.kernelValue(param.key);
            if (qint64(k.width()) * k.height() > 4096)
                return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    const int width = data[0] % 8 + 1;
    const int height = data[1] % 8 + 1;
    const QImage::Format format = Formats[data[2] % Formats.size()];
    const size_t specLength = std::min<size_t>(data[3], size - 4);
    const QString spec = fuzz::text(data + 4, specLength);
    const uint8_t *pixels = data + 4 + specLength;
    const size_t pixelBytes = size - 4 - specLength;

    const Result<FilterSettings> settings = parseFilterSpec(spec);
    if (!settings || !validate(*settings) || !cheapEnough(*settings))
        return 0;

    QImage image(width, height, format);
    size_t offset = 0;
    for (int y = 0; y < height; ++y) {
        uchar *line = image.scanLine(y);
        const size_t lineBytes = size_t(image.bytesPerLine());
        std::memset(line, 0, lineBytes);
        const size_t take = std::min(lineBytes, pixelBytes - std::min(offset, pixelBytes));
        if (take > 0)
            std::memcpy(line, pixels + offset, take);
        offset += take;
    }

    static const Engine one(1), two(2), three(3);
    const Result<QImage> first = one.apply(image, *settings);
    for (const Engine *engine : {&two, &three}) {
        const Result<QImage> other = engine->apply(image, *settings);
        KS_FUZZ_CHECK(first.ok() == other.ok(), "'%s': 1 thread %s, %d threads %s", qPrintable(spec),
                      first ? "succeeds" : "fails", engine->threadCount(), other ? "succeeds" : "fails");
        if (first) {
            KS_FUZZ_CHECK(*first == *other, "'%s' on %dx%d format %d: %d threads differ from 1", qPrintable(spec), width,
                          height, int(format), engine->threadCount());
        } else {
            KS_FUZZ_CHECK(first.error() == other.error(), "'%s': reasons differ", qPrintable(spec));
        }
    }
    return 0;
}
