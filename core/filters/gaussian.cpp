// Gaussian blur and Gaussian sharpen (the unsharp mask as one kernel).
#include "commonparams.h"
#include "filtersettings.h"
#include "kernelbuilders.h"

namespace ks::filters {

namespace {

// GIMP's separate vertical sigma; 0 keeps the blur round. The kernel is still separable, so it
// costs what a round one of the larger sigma does.
constexpr ParamDeclaration SigmaY{.key = "sigma-y",
                                  .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Sigma Y"),
                                  .minimum = 0.01,
                                  .maximum = 1000,
                                  .defaultValue = 0,
                                  .unit = "px",
                                  .zeroMeansAuto = true,
                                  .slider = SliderScale::Logarithmic,
                                  .sliderMinimum = 0.1,
                                  .sliderMaximum = 100,
                                  .decimals = 2,
                                  .preview = PreviewScaling::WithZoom,
                                  .zeroLabel = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "same as sigma")};
constexpr ParamDeclaration BlurParams[] = {GaussianSize, Sigma, SigmaY};

constexpr ParamDeclaration Amount{.key = "amount",
                                  .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Amount"),
                                  .minimum = 0,
                                  .maximum = 100,
                                  .defaultValue = 1};
constexpr ParamDeclaration SharpenParams[] = {GaussianSize, Sigma, Amount};

// With sigma-y set, sigma is the horizontal one: the kernel is the outer product of the two 1-D
// Gaussians, each size x size wide (size 0: from the larger sigma).
Kernel blurKernel(const FilterSettings &s)
{
    const double sigmaX = s.value(u"sigma"), sigmaY = s.value(u"sigma-y");
    if (sigmaY == 0 || sigmaY == sigmaX)
        return ks::gaussian(s.integer(u"size"), sigmaX);
    const int size = s.integer(u"size") > 0 ? s.integer(u"size") : gaussianSizeForSigma(std::max(sigmaX, sigmaY));
    const std::vector<float> row = gaussian1D(size, sigmaX), column = gaussian1D(size, sigmaY);
    std::vector<float> weights(row.size() * column.size());
    for (size_t y = 0; y < column.size(); ++y)
        for (size_t x = 0; x < row.size(); ++x)
            weights[y * row.size() + x] = column[y] * row[x];
    return Kernel(int(row.size()), int(column.size()), std::move(weights));
}

Kernel sharpenKernel(const FilterSettings &s)
{
    return gaussianSharpen(s.integer(u"size"), s.value(u"sigma"), s.value(u"amount"));
}

} // namespace

extern const FilterDeclaration gaussian{
    .name = "gaussian",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Gaussian blur"),
    .description = QT_TRANSLATE_NOOP(
        "ks::FilterDeclaration",
        "w(x, y) = exp(−(x² + y²) / 2σ²) sampled on the size × size grid, normalised to sum 1; size 0 "
        "means 2·ceil(3σ) + 1. sigma-y blurs vertically by another sigma (sigma is then the "
        "horizontal one; size 0 follows the larger). Runs as two 1-D passes, or from sigma 6 as a "
        "recursive Gaussian whose cost does not grow with sigma"),
    .params = BlurParams,
    .buildKernel = blurKernel,
    .recursiveGaussian = true,
};

extern const FilterDeclaration gaussianSharpen{
    .name = "gaussian-sharpen",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Gaussian sharpen"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                                     "unsharp mask as one kernel: (1 + amount)·δ − amount·gaussian(size, sigma)"),
    .params = SharpenParams,
    .buildKernel = sharpenKernel,
};

} // namespace ks::filters
