// Box blur: the mean of a square.
#include "filtersettings.h"
#include "kernelbuilders.h"

namespace ks::filters {

namespace {

constexpr ParamDeclaration Params[] = {
    {.key = "size",
     .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Size"),
     .type = ParamType::Size,
     .minimum = 1,
     .maximum = Kernel::MaxSide,
     .defaultValue = 5,
     .unit = "px",
     .decimals = 0,
     .preview = PreviewScaling::WithZoom},
};

Kernel build(const FilterSettings &s)
{
    return ks::box(s.integer(u"size"));
}

} // namespace

extern const FilterDeclaration box{
    .name = "box",
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Box blur"),
    .description = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "every weight 1/size² (even sizes allowed)"),
    .params = Params,
    .buildKernel = build,
};

} // namespace ks::filters
