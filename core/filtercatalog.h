#pragma once

#include "filtersettings.h"

#include <QString>

#include <optional>
#include <span>

// What each filter is called and which parameters it takes, with ranges and defaults.
// The one place the command line, JSON, `list` and (later) the editor's controls read from.
namespace ks {

enum class ParamId
{
    Size,
    Sigma,
    Angle,
    Amount,
    Kernel,
    Factor,
    Bias,
    ImaginaryKernel, // Deconvolution: the imaginary part of a complex kernel (optional)
    SpatialFactor,
    SpatialPower,
    ColorFactor,
    ColorPower,
    Snr,
    Brightness,
    Grayscale, // a switch: 0 or 1
};

// How a filter computes its result from its kernel().
enum class FilterMethod
{
    Convolution,   // sum of weight * pixel
    Median,        // the median of the window, per channel
    Bilateral,     // spatial weights times colour-similarity weights
    Deconvolution, // Wiener deconvolution of the kernel, in the frequency domain
};

struct ParamInfo
{
    ParamId id;
    const char *key;   // as written in specs and JSON
    const char *label; // as shown to people
    double minimum;
    double maximum;
    double defaultValue;
    bool oddOnly;   // sizes that need a centre pixel
    bool allowZero; // size 0 = derive from sigma
    bool isSwitch = false; // on (1) or off (0): shown as a check box
    bool isKernel() const { return id == ParamId::Kernel || id == ParamId::ImaginaryKernel; }
};

struct FilterInfo
{
    FilterKind kind;
    const char *name;        // spec / JSON name, e.g. "gaussian"
    const char *displayName; // e.g. "Gaussian blur"
    const char *description;
    std::span<const ParamInfo> params;
    FilterMethod method = FilterMethod::Convolution;
};

std::span<const FilterInfo> allFilters();
const FilterInfo &filterInfo(FilterKind kind);
std::optional<FilterKind> filterKindFromName(const QString &name);
QString filterNames(); // "gaussian, box, ..." for error messages

FilterMethod filterMethod(FilterKind kind);

// Numeric access to a parameter by id (kernels are not numeric: they read 0 and ignore writes).
double paramValue(const FilterSettings &settings, ParamId id);
void setParamValue(FilterSettings &settings, ParamId id, double value);

// A parameter as spec or JSON text (kernels as ImageMagick text, switches as true/false);
// nothing for an absent imaginary part.
std::optional<QString> paramText(const FilterSettings &settings, const ParamInfo &param);

// Default settings for a kind: every parameter at its catalogue default.
FilterSettings defaultSettings(FilterKind kind);

// What a parameter accepts, in words: "an odd whole number from 1 to 1001".
QString allowedValues(const ParamInfo &p);

// The first parameter of `settings` that is out of range, as a one-line reason; empty when valid.
QString validate(const FilterSettings &settings);

} // namespace ks
