#pragma once

#include "kernel.h"
#include "result.h"

#include <QAnyStringView>
#include <QImage>
#include <QRect>

#include <span>

// What a filter is, said once: its names, its parameters with their ranges and UI hints, how
// its kernel is built from them and which engine path runs it. Each filter family declares
// itself in its own file in core/filters/; filterregistry.h lists them. The command line's
// spec parser and `list`, recipe JSON, the editor's controls, the preview's proxy scaling and
// the README's filter tables are all read from these declarations. The words shown to people
// (names, descriptions, labels) are English, wrapped in QT_TRANSLATE_NOOP("ks::FilterDeclaration",
// ...) so that the editor can show them translated (ui/filtertext.h).
namespace ks {

class FilterSettings;
namespace detail {
class BandScheduler; // the engine's worker bands (engine-internal)
}

enum class ParamType
{
    Number,       // any value in [minimum, maximum]
    Size,         // a whole number of pixels (see oddOnly, zeroMeansAuto)
    Switch,       // on or off: a check box, true/false in specs and JSON
    Kernel,       // a kernel, ImageMagick text in specs and JSON
    KernelFactor, // the factor of the filter's (first) kernel parameter
    KernelBias,   // the bias of the filter's (first) kernel parameter, in 8-bit levels
};

enum class SliderScale
{
    Linear,
    Logarithmic, // for values that span decades (sigma, snr)
};

// How a parameter follows a preview rendered at a reduced resolution (scale < 1).
enum class PreviewScaling
{
    Fixed,    // kept as it is (angles, powers, colour distances)
    WithZoom, // a length in pixels: multiplied by the scale, then clamped to its range
};

// What the kernel shown for a step means.
enum class KernelRole
{
    Applied,        // weights applied as a convolution
    Window,         // only its extent matters: the window a rank filter reads
    SpatialWeights, // the spatial part of weights that also depend on colour
    BlurUndone,     // the blur the filter undoes (Wiener filters)
};

// The role as JSON and Python name it: "applied", "window", "spatial-weights", "blur-undone".
const char *kernelRoleName(KernelRole role);

struct ParamDeclaration
{
    const char *key;   // as written in specs and JSON
    const char *label; // as shown to people
    ParamType type = ParamType::Number;
    double minimum = 0;
    double maximum = 0;
    double defaultValue = 0;
    const char *unit = "";      // "px", "°", "levels" or nothing
    bool oddOnly = false;       // Size: needs a centre pixel
    bool zeroMeansAuto = false; // 0 is allowed too and means `zeroLabel` (a size from sigma, ...)
    SliderScale slider = SliderScale::Linear;
    // The span a slider drags through (the spin box takes the whole range); when both are 0,
    // sizes drag through their range up to 151 and other numbers five units from the minimum.
    double sliderMinimum = 0;
    double sliderMaximum = 0;
    int decimals = 2; // shown in spin boxes; a logarithmic slider rounds to them too
    PreviewScaling preview = PreviewScaling::Fixed;
    // What 0 means where zeroMeansAuto, e.g. "same as sigma".
    const char *zeroLabel = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "from sigma");
    // Kernel: the default kernel; none means the parameter is optional and absent by default.
    Kernel (*defaultKernel)() = nullptr;

    bool isKernel() const { return type == ParamType::Kernel; }
    bool isNumeric() const { return type != ParamType::Kernel; }
    // What follows a value: " px" (a word, after a space), "°" or "%" (right after it); empty
    // for a kernel or a parameter without a unit.
    QString unitSuffix() const;
};

// A filter's own run function, for filters that are not a plain convolution: reads `source`
// (engine layout: RGBA8888 or RGBA64), writes the pixels inside `out` of `target` (same size
// and format), runs its work on `scheduler`. Returns false when cancelled (the scheduler says
// so), a Failure with a reason when it cannot run; it throws nothing but std::bad_alloc.
using RunFunction = Result<bool> (*)(const QImage &source, const FilterSettings &settings, const QRect &out,
                                     detail::BandScheduler &scheduler, QImage &target);

struct FilterDeclaration
{
    const char *name;        // spec and JSON name, e.g. "gaussian"
    const char *displayName; // as shown to people, e.g. "Gaussian blur"
    const char *description; // one line
    std::span<const ParamDeclaration> params = {};
    KernelRole kernelRole = KernelRole::Applied;
    // The kernel this filter applies, or describes (see kernelRole), from valid settings.
    Kernel (*buildKernel)(const FilterSettings &settings) = nullptr;
    // The engine path: nullptr runs the convolution engine (separable or direct FIR) on
    // buildKernel()'s kernel; otherwise the filter's own function.
    RunFunction run = nullptr;
    // Own run functions only: run also takes an opaque Grayscale8 source (one value per pixel)
    // and writes a Grayscale8 target, so the engine need not widen a gray image to RGBA for it.
    // The engine still widens it where the result could leave gray: a transparent border, or
    // partial opacity or a channel choice to blend.
    bool runsOnGray = false;
    // Convolution only: the kernel is gaussian("size", "sigma") (with an optional "sigma-y": the
    // recursion runs only where it is 0 or equal) and the engine may run a recursive Gaussian
    // instead of the FIR where that is cheaper and as exact (see recursivegaussian.h).
    bool recursiveGaussian = false;
    // Each output pixel depends on the whole image (a transform of it), not on a bounded
    // neighbourhood: previews cannot render a part of it, and its run holds transform planes
    // of the padded image (the engine's memory budget counts five, in double for 16-bit).
    bool readsWholeImage = false;
    // Checks across parameters that ranges cannot express; a reason names the filter.
    Status (*check)(const FilterSettings &settings) = nullptr;

    const ParamDeclaration *param(QAnyStringView key) const;
    // The first kernel parameter (the one a grid editor edits), or nullptr.
    const ParamDeclaration *kernelParam() const;
    // Whether factor and bias are parameters of their own (they edit the kernel's).
    bool hasKernelScale() const;
};

} // namespace ks
