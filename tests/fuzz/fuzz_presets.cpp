// Presets JSON: presetsFromJson never crashes, and what it accepts writes (presetsToJson) to
// JSON that reads back to the same presets.
#include "fuzzsupport.h"
#include "presets.h"

using namespace ks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<QList<Preset>> presets = presetsFromJson(fuzz::bytes(data, size));
    if (!presets)
        return 0;
    const QByteArray written = presetsToJson(*presets);
    const Result<QList<Preset>> again = presetsFromJson(written);
    KS_FUZZ_CHECK(again.ok(), "written presets refused: %s\n%s", qPrintable(again.error()),
                  written.constData());
    KS_FUZZ_CHECK(*again == *presets, "presets written as\n%s\nread back as other presets", written.constData());
    return 0;
}
