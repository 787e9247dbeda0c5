// Image loading from bytes (every format Qt's plugins read, SVG and SVGZ): a refusal or an
// image within MaxImagePixels, never a crash, a sanitizer report or unbounded memory.
#include "fuzzsupport.h"
#include "imageio.h"

using namespace ks;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<LoadedImage> loaded = loadImageFromBytes(fuzz::bytes(data, size), {}, QStringLiteral("fuzz"));
    if (!loaded)
        return 0;
    const QImage &image = loaded->image;
    KS_FUZZ_CHECK(!image.isNull(), "an accepted image is null");
    KS_FUZZ_CHECK(qint64(image.width()) * image.height() <= MaxImagePixels, "accepted %dx%d, over the limit",
                  image.width(), image.height());
    return 0;
}
