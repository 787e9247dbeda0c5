// Motion blur: an anti-aliased line through the centre.
#include "commonparams.h"
#include "filtersettings.h"
#include "kernelbuilders.h"

namespace ks::filters {

namespace {

constexpr ParamDeclaration Params[] = {MotionLength, Angle};

Kernel build(const FilterSettings &s)
{
    return ks::motion(s.integer(u"size"), s.value(u"angle"));
}

} // namespace

extern const FilterDeclaration motion{
    .name = "motion",
    .displayName = "Motion blur",
    .description = "anti-aliased line through the centre; angle in degrees, clockwise on screen",
    .params = Params,
    .buildKernel = build,
};

} // namespace ks::filters
