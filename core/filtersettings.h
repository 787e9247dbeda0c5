#pragma once

#include "kernel.h"

#include <QJsonObject>
#include <QRect>
#include <QString>

#include <optional>

namespace ks {

enum class FilterKind
{
    Custom,
    GaussianBlur,
    BoxBlur,
    MotionBlur,
    Binomial5x5,
    Sharpen3x3,
    Sharpen5x5,
    GaussianSharpen,
    Emboss3x3,
    Emboss5x5,
    Laplace4,
    Laplace8,
    SobelX,
    SobelY,
    Identity,
    Median,        // per-channel median of a size x size window
    Bilateral,     // edge-preserving smoothing (spatial and colour weights)
    Deconvolution, // Wiener deconvolution of a given (real or complex) kernel
    GaussWiener,   // Wiener deconvolution of gaussian(size, sigma)
    MotionWiener,  // Wiener deconvolution of motionStreak(size, sigma, angle)
};

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

// Everything about one filter step: a plain value, cheap to copy, safe to share between threads.
// Only the parameters of its kind matter (see FilterCatalog); the others keep their defaults.
struct FilterSettings
{
    FilterKind kind = FilterKind::GaussianBlur;
    int size = 5;                   // kernel side in pixels (0 = from sigma, Gaussian kinds)
    double sigma = 1.5;             // Gaussian standard deviation in pixels
    double angle = 0.0;             // motion direction in degrees
    double amount = 1.0;            // Gaussian sharpen strength
    Kernel customKernel = Kernel(); // the kernel of Custom and Deconvolution, with its factor and bias
    std::optional<Kernel> imaginaryKernel; // Deconvolution: imaginary part of a complex kernel (same size)

    // Bilateral: weight = exp(-(distance / spatialFactor)^spatialPower / 2)
    //                   * exp(-(colourDistance / colorFactor)^colorPower / 2), distances in
    // pixels and in 8-bit levels (Euclidean over R, G, B).
    double spatialFactor = 10.0;
    double spatialPower = 2.0;
    double colorFactor = 50.0;
    double colorPower = 2.0;

    // Wiener deconvolution: result = brightness * IFFT(G * conj(H) / (|H|^2 + snr)), with H the
    // kernel normalised to sum 1. snr is the noise-to-signal power ratio (0.002..0.009 suits
    // most 8-bit images); grayscale deconvolves luma only and keeps each pixel's chroma.
    double snr = 0.007;
    double brightness = 1.15;
    bool grayscale = false;
    BorderMode border = BorderMode::Clamp;
    AlphaMode alpha = AlphaMode::Premultiplied;
    bool linearLight = false;    // convert sRGB to linear light before filtering and back after
    std::optional<QRect> region; // only pixels inside change; they still read their true neighbours
    bool enabled = true;         // a step of a stack switched off: the engine passes it by

    // The kernel this step applies (the builders for the named kinds, customKernel for Custom).
    // For the filters that are not convolutions it is the kernel that describes them: the
    // window of a median, the spatial weights of a bilateral, and the blur a Wiener
    // deconvolution undoes (see filterMethod()).
    Kernel kernel() const;

    bool operator==(const FilterSettings &other) const = default;
};

// Result of parsing user text or JSON: a value, or a one-line reason.
template <typename T> struct Parsed
{
    std::optional<T> value;
    QString error;
    bool ok() const { return value.has_value(); }
};

QString borderModeName(BorderMode mode);
QString alphaModeName(AlphaMode mode);
std::optional<BorderMode> borderModeFromName(const QString &name);
std::optional<AlphaMode> alphaModeFromName(const QString &name);

// The command-line form: "name:key=value,key=value". Values may be double-quoted to hold
// commas, as in custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0.
// Besides the filter's own parameters every spec takes border=, alpha=, linear=, enabled= and
// region=x;y;w;h (semicolons, or quoted commas). Keys not given keep the value in `base`.
Parsed<FilterSettings> parseFilterSpec(const QString &spec, const FilterSettings &base = {});
QString filterSpec(const FilterSettings &settings); // parses back to the same settings

QJsonObject filterToJson(const FilterSettings &settings);
Parsed<FilterSettings> filterFromJson(const QJsonObject &json);

} // namespace ks
