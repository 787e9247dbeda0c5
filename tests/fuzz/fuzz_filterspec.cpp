// Filter specs: parseFilterSpec never crashes, and what it accepts prints (filterSpec) to a spec
// that parses back to the same settings.
#include "filtersettings.h"
#include "fuzzsupport.h"

using namespace ks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = fuzz::text(data, size);
    const Result<FilterSettings> settings = parseFilterSpec(input);
    if (!settings)
        return 0;
    const Status valid = validate(*settings); // reached too: it must not crash either
    (void)valid;
    const QString printed = filterSpec(*settings);
    const Result<FilterSettings> again = parseFilterSpec(printed);
    KS_FUZZ_CHECK(again.ok(), "printed '%s' refused: %s", qPrintable(printed), qPrintable(again.error()));
    KS_FUZZ_CHECK(*again == *settings, "'%s' printed as '%s' parses to other settings", qPrintable(input),
                  qPrintable(printed));
    return 0;
}
