// Kernel text: parseKernelText never crashes, and what it accepts prints (kernelToText) to text
// that parses back to the same kernel.
#include "fuzzsupport.h"
#include "kerneltext.h"

using namespace ks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = fuzz::text(data, size);
    const Result<Kernel> kernel = parseKernelText(input);
    if (!kernel)
        return 0;
    const QString printed = kernelToText(*kernel);
    const Result<Kernel> again = parseKernelText(printed);
    KS_FUZZ_CHECK(again.ok(), "printed '%s' refused: %s", qPrintable(printed), qPrintable(again.error()));
    KS_FUZZ_CHECK(*again == *kernel, "'%s' printed as '%s' parses to another kernel", qPrintable(input),
                  qPrintable(printed));
    return 0;
}
