// Custom kernel: any kernel typed in (ImageMagick text or the grid), with factor and bias.
#include "filtersettings.h"

namespace ks::filters {

namespace {

Kernel identity3x3()
{
    return Kernel(3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0});
}

constexpr ParamDeclaration Params[] = {
    {.key = "kernel", .label = "Kernel", .type = ParamType::Kernel, .defaultKernel = identity3x3},
    {.key = "factor", .label = "Factor", .type = ParamType::KernelFactor, .minimum = -1e6, .maximum = 1e6,
     .defaultValue = 1},
    {.key = "bias", .label = "Bias", .type = ParamType::KernelBias, .minimum = -1e6, .maximum = 1e6,
     .defaultValue = 0, .unit = "levels"},
};

Kernel build(const FilterSettings &s)
{
    return *s.kernelValue(u"kernel");
}

} // namespace

extern const FilterDeclaration custom{
    .name = "custom",
    .displayName = "Custom kernel",
    .description = "any kernel typed as ImageMagick text, with factor and bias",
    .params = Params,
    .buildKernel = build,
};

} // namespace ks::filters
