#include "filterregistry.h"

#include <QStringList>

#include <array>

namespace ks {

// One line per filter, in the order `list` shows them: the name of its declaration in
// core/filters/.
#define KS_FILTERS(FILTER)                                                                                             \
    FILTER(custom)                                                                                                     \
    FILTER(gaussian)                                                                                                   \
    FILTER(box)                                                                                                        \
    FILTER(motion)                                                                                                     \
    FILTER(binomial5x5)                                                                                                \
    FILTER(sharpen3x3)                                                                                                 \
    FILTER(sharpen5x5)                                                                                                 \
    FILTER(gaussianSharpen)                                                                                            \
    FILTER(unsharp)                                                                                                    \
    FILTER(emboss3x3)                                                                                                  \
    FILTER(emboss5x5)                                                                                                  \
    FILTER(laplace4)                                                                                                   \
    FILTER(laplace8)                                                                                                   \
    FILTER(sobelX)                                                                                                     \
    FILTER(sobelY)                                                                                                     \
    FILTER(identity)                                                                                                   \
    FILTER(median)                                                                                                     \
    FILTER(bilateral)                                                                                                  \
    FILTER(deconvolution)                                                                                              \
    FILTER(gaussWiener)                                                                                                \
    FILTER(motionWiener)

namespace filters {
#define KS_DECLARE_FILTER(name) extern const FilterDeclaration name;
KS_FILTERS(KS_DECLARE_FILTER)
#undef KS_DECLARE_FILTER
} // namespace filters

namespace {
#define KS_FILTER_ADDRESS(name) &filters::name,
constexpr std::array Registry{KS_FILTERS(KS_FILTER_ADDRESS)};
#undef KS_FILTER_ADDRESS
} // namespace

std::span<const FilterDeclaration *const> allFilters()
{
    return Registry;
}

const FilterDeclaration *findFilter(QAnyStringView name)
{
    for (const FilterDeclaration *filter : Registry)
        if (QAnyStringView::compare(name, QLatin1String(filter->name), Qt::CaseInsensitive) == 0)
            return filter;
    return nullptr;
}

const FilterDeclaration &customKernelFilter()
{
    return filters::custom;
}

QString filterNames()
{
    QStringList names;
    for (const FilterDeclaration *filter : Registry)
        names << QLatin1String(filter->name);
    return names.join(QStringLiteral(", "));
}

} // namespace ks
