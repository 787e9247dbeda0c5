// Custom kernel: any kernel typed in (ImageMagick text or the grid), with factor and bias.
#include "filtersettings.h"

namespace ks::filters {

namespace {

Kernel identity3x3()
{
    return Kernel(3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0});
}

constexpr ParamDeclaration Params[] = {
    {.key = "kernel",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Kernel"),
     .type = ParamType::Kernel,
     .defaultKernel = identity3x3},
    {.key = "factor",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Factor"),
     .type = ParamType::KernelFactor,
     .minimum = -1e6,
     .maximum = 1e6,
     .defaultValue = 1},
    {.key = "bias",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Bias"),
     .type = ParamType::KernelBias,
     .minimum = -1e6,
     .maximum = 1e6,
     .defaultValue = 0,
     .unit = "levels"},
};

Kernel build(const FilterSettings &s)
{
    return *s.kernelValue(u"kernel");
}

} // namespace

extern const FilterDeclaration custom{
    .name = "custom",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Custom kernel"),
    .description = QT_TRANSLATE_NOOP(
        "ks::FilterDeclaration",
        "any W×H kernel, 1–1001 per side, in ImageMagick's text form: \"3x3: 0,-1,0,-1,5,-1,0,-1,0\", "
        "\"3: ...\" for square, \"5x3+0+1: ...\" with an explicit anchor"),
    .params = Params,
    .buildKernel = build,
};

} // namespace ks::filters
