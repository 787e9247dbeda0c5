// The filters whose kernel is fixed: the reference's sharpen, emboss and 5x5 binomial, edge
// detectors and the identity. No parameters; the builders are in kernelbuilders.h.
#include "filtersettings.h"
#include "kernelbuilders.h"

namespace ks::filters {

namespace {

template <Kernel (*Builder)()> Kernel fixed(const FilterSettings &)
{
    return Builder();
}

} // namespace

extern const FilterDeclaration binomial5x5{
    .name = "binomial5x5",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Gaussian 5x5 (binomial)"),
    .description =
        QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                          "[1 4 6 4 1]ᵀ[1 4 6 4 1] with factor 1/256: the 5×5 Gaussian approximation, exact in integer "
                          "arithmetic"),
    .buildKernel = fixed<ks::binomial5x5>,
};

extern const FilterDeclaration sharpen3x3{
    .name = "sharpen3x3",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Sharpen 3x3"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[0 −1 0; −1 5 −1; 0 −1 0]"),
    .buildKernel = fixed<ks::sharpen3x3>,
};

extern const FilterDeclaration sharpen5x5{
    .name = "sharpen5x5",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Sharpen 5x5"),
    .description =
        QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                          "[−1 −1 −1 −1 −1; −1 2 2 2 −1; −1 2 8 2 −1; −1 2 2 2 −1; −1 −1 −1 −1 −1] with factor 1/8"),
    .buildKernel = fixed<ks::sharpen5x5>,
};

extern const FilterDeclaration emboss3x3{
    .name = "emboss3x3",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Emboss 3x3"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[−2 −1 0; −1 1 1; 0 1 2]"),
    .buildKernel = fixed<ks::emboss3x3>,
};

extern const FilterDeclaration emboss5x5{
    .name = "emboss5x5",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Emboss 5x5"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                                     "[−1 −1 −1 −1 0; −1 −1 −1 0 1; −1 −1 1 1 1; −1 0 1 1 1; 0 1 1 1 1] (sum 1)"),
    .buildKernel = fixed<ks::emboss5x5>,
};

extern const FilterDeclaration laplace4{
    .name = "laplace4",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Edges (Laplacian, 4 neighbours)"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[0 −1 0; −1 4 −1; 0 −1 0]"),
    .buildKernel = fixed<ks::laplace4>,
};

extern const FilterDeclaration laplace8{
    .name = "laplace8",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Edges (Laplacian, 8 neighbours)"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[−1 −1 −1; −1 8 −1; −1 −1 −1]"),
    .buildKernel = fixed<ks::laplace8>,
};

extern const FilterDeclaration sobelX{
    .name = "sobel-x",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Edges (Sobel x)"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[−1 0 1; −2 0 2; −1 0 1]"),
    .buildKernel = fixed<ks::sobelX>,
};

extern const FilterDeclaration sobelY{
    .name = "sobel-y",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Edges (Sobel y)"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[−1 −2 −1; 0 0 0; 1 2 1]"),
    .buildKernel = fixed<ks::sobelY>,
};

extern const FilterDeclaration identity{
    .name = "identity",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Identity"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "[1]: leaves the image as it is"),
    .buildKernel = fixed<ks::identity>,
};

} // namespace ks::filters
