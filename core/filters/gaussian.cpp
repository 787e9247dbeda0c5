// Gaussian blur and Gaussian sharpen (the unsharp mask as one kernel).
#include "commonparams.h"
#include "filtersettings.h"
#include "kernelbuilders.h"

namespace ks::filters {

namespace {

constexpr ParamDeclaration BlurParams[] = {GaussianSize, Sigma};

constexpr ParamDeclaration Amount{.key = "amount", .label = "Amount", .minimum = 0, .maximum = 100, .defaultValue = 1};
constexpr ParamDeclaration SharpenParams[] = {GaussianSize, Sigma, Amount};

Kernel blurKernel(const FilterSettings &s)
{
    return ks::gaussian(s.integer(u"size"), s.value(u"sigma"));
}

Kernel sharpenKernel(const FilterSettings &s)
{
    return gaussianSharpen(s.integer(u"size"), s.value(u"sigma"), s.value(u"amount"));
}

} // namespace

extern const FilterDeclaration gaussian{
    .name = "gaussian",
    .displayName = "Gaussian blur",
    .description = "w(x, y) = exp(−(x² + y²) / 2σ²) sampled on the size × size grid, normalised to sum 1; size 0 "
                   "means 2·ceil(3σ) + 1. Runs as two 1-D passes, or from sigma 6 as a recursive Gaussian whose "
                   "cost does not grow with sigma",
    .params = BlurParams,
    .buildKernel = blurKernel,
    .recursiveGaussian = true,
};

extern const FilterDeclaration gaussianSharpen{
    .name = "gaussian-sharpen",
    .displayName = "Gaussian sharpen",
    .description = "unsharp mask as one kernel: (1 + amount)·δ − amount·gaussian(size, sigma)",
    .params = SharpenParams,
    .buildKernel = sharpenKernel,
};

} // namespace ks::filters
