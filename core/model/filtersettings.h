#pragma once

#include "filterdeclaration.h"
#include "kernel.h"
#include "result.h"

#include <QJsonObject>
#include <QRect>
#include <QString>

#include <optional>
#include <vector>

namespace ks {

// How pixels outside the image are read.
enum class BorderMode
{
    Clamp,       // the edge pixel repeated (default)
    Reflect,     // mirrored without repeating the edge: cba|abc -> dcb|abcd|cba
    Wrap,        // the opposite edge (tiling)
    Transparent, // transparent black
    Unfiltered,  // pixels the kernel does not fully cover keep their original value
};

// How colour and alpha are combined.
enum class AlphaMode
{
    Premultiplied, // colour weighted by alpha (default): no dark fringes at transparent edges
    Straight,      // every channel filtered on its own
    Ignore,        // colour filtered on its own, alpha copied unchanged
};

// The channels a step may change, as bits (R 1, G 2, B 4, A 8); text "rgba", "rgb", "a", ...
constexpr quint8 AllChannels = 0b1111;
QString channelsText(quint8 channels);
std::optional<quint8> channelsFromText(const QString &text); // letters of r, g, b, a; none refused

// Everything about one filter step: which filter (its declaration), a value for each of its
// parameters, and the options every filter takes. A plain value, cheap to copy, safe to share
// between threads. Parameters are addressed by their declared key; asking for a key the filter
// does not declare is a programming error (asserted).
class FilterSettings
{
public:
    FilterSettings();                                         // Gaussian blur at its defaults
    explicit FilterSettings(const FilterDeclaration &filter); // every parameter at its default

    const FilterDeclaration &filter() const { return *m_filter; }

    // Numeric parameters (sizes, numbers, switches as 0/1, a kernel's factor and bias).
    double value(QAnyStringView key) const;
    int integer(QAnyStringView key) const { return int(value(key)); }
    bool flag(QAnyStringView key) const { return value(key) != 0.0; }
    void setValue(QAnyStringView key, double value); // not range-checked: see validate()

    // Kernel parameters; an optional one may be absent.
    const std::optional<Kernel> &kernelValue(QAnyStringView key) const;
    // Replaces the kernel, with its factor and bias.
    void setKernelValue(QAnyStringView key, std::optional<Kernel> kernel);

    // The kernel this step applies, or describes (see FilterDeclaration::kernelRole).
    Kernel kernel() const;
    // The side a Gaussian size of 0 (Auto) stands for: 2·ceil(3σ) + 1 from the larger of sigma
    // and sigma-y, what kernel() builds, without building it (a 1000-sigma kernel has 36 M taps).
    int autoGaussianSize() const;

    // This step applying `kernel` instead: the same filter with its kernel parameter set where
    // it has one (kernel's factor and bias kept where the filter has them), else a custom-kernel
    // step. Border, alpha, linear light, region and enabled are kept.
    FilterSettings withKernel(const Kernel &kernel) const;
    // This step as a custom-kernel step applying kernel() ("Edit as Custom"), options kept.
    FilterSettings asCustomKernel() const;

    BorderMode border = BorderMode::Clamp;
    AlphaMode alpha = AlphaMode::Premultiplied;
    bool linearLight = false;    // convert sRGB to linear light before filtering and back after
    std::optional<QRect> region; // only pixels inside change; they still read their true neighbours
    bool enabled = true;         // a step of a stack switched off: the engine passes it by
    // The step's result blended with its input, as GIMP's filter opacity: 100 keeps the result,
    // 0 the input; weighted by alpha with premultiplied colour (no fringes), else straight.
    double opacity = 100.0;        // percent
    quint8 channels = AllChannels; // the channels it changes; the others keep their input values

    bool operator==(const FilterSettings &other) const;

private:
    struct Value
    {
        double number = 0.0;
        std::optional<Kernel> kernel;
        bool operator==(const Value &other) const = default;
    };
    size_t indexOf(QAnyStringView key) const;
    Value &mainKernelValue();
    const Value &mainKernelValue() const;

    const FilterDeclaration *m_filter;
    std::vector<Value> m_values; // one per declared parameter, in declaration order
};

QString borderModeName(BorderMode mode);
QString alphaModeName(AlphaMode mode);
QString borderModeNames(); // "clamp, reflect, ..."
QString alphaModeNames();
std::optional<BorderMode> borderModeFromName(const QString &name);
std::optional<AlphaMode> alphaModeFromName(const QString &name);

// What a parameter accepts, in words: "an odd whole number from 1 to 1001".
QString allowedValues(const ParamDeclaration &param);
// A parameter as spec or JSON text (kernels as ImageMagick text, switches as true/false);
// nothing for an absent optional kernel.
std::optional<QString> paramText(const FilterSettings &settings, const ParamDeclaration &param);

// x, y, width, height as a QRect, or nothing when the rectangle's far edge (x + width - 1,
// y + height - 1) would pass int's range: checked in 64 bits, so no coordinate can overflow.
std::optional<QRect> regionRect(qint64 x, qint64 y, qint64 width, qint64 height);

// Whether every parameter is in range and the filter's own checks pass; a reason names the
// filter and the parameter.
Status validate(const FilterSettings &settings);

// The command-line form: "name:key=value,key=value". Values may be double-quoted to hold
// commas, as in custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0.
// Besides the filter's own parameters every spec takes border=, alpha=, linear=, enabled=,
// opacity= (percent), channels= (e.g. rgb) and region=x;y;w;h (semicolons, or quoted commas).
// Border, alpha, linear, opacity, channels and region not given keep the value in `base`.
Result<FilterSettings> parseFilterSpec(const QString &spec, const FilterSettings &base = {});
QString filterSpec(const FilterSettings &settings); // parses back to the same settings

QJsonObject filterToJson(const FilterSettings &settings);
Result<FilterSettings> filterFromJson(const QJsonObject &json);

// The step as a preview rendered at `scale` (< 1) of the image's resolution shows it: lengths in
// pixels (PreviewScaling::WithZoom) scaled and clamped to their range, sizes kept odd where
// they must be, the region scaled. Always valid when `settings` is.
FilterSettings scaledForPreview(const FilterSettings &settings, double scale);

} // namespace ks
