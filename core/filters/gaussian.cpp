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
    .description = "sampled Gaussian, normalised; size 0 = from sigma (2*ceil(3*sigma)+1)",
    .params = BlurParams,
    .buildKernel = blurKernel,
    .recursiveGaussian = true,
};

extern const FilterDeclaration gaussianSharpen{
    .name = "gaussian-sharpen",
    .displayName = "Gaussian sharpen",
    .description = "unsharp mask: (1 + amount) * identity - amount * gaussian(size, sigma)",
    .params = SharpenParams,
    .buildKernel = sharpenKernel,
};

} // namespace ks::filters
