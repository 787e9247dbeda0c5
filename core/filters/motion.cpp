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
    .displayName = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Motion blur"),
    .description =
        QT_TRANSLATE_NOOP("ks::FilterDeclaration",
                          "an anti-aliased line through the centre spanning the kernel (45° reaches the corners); a "
                          "cell weighs (1 − its distance from the line) × (1 − how far the foot of that distance falls "
                          "beyond the kernel's square), normalised to sum 1. Angles turn from +x towards +y, clockwise "
                          "on screen: 0° is horizontal, 90° vertical, 45° top left to bottom right"),
    .params = Params,
    .buildKernel = build,
};

} // namespace ks::filters
