#include "filtercatalog.h"

#include "kernelbuilders.h"
#include "numbertext.h"

#include <QStringList>

#include <array>
#include <cmath>

namespace ks {

namespace {

constexpr double MaxSide = Kernel::MaxSide;

constexpr ParamInfo GaussSize{ParamId::Size, "size", "Size", 0, MaxSide, 5, true, true};
constexpr ParamInfo Sigma{ParamId::Sigma, "sigma", "Sigma", 0.01, 1000, 1.5, false, false};
constexpr ParamInfo BoxSize{ParamId::Size, "size", "Size", 1, MaxSide, 5, false, false};
constexpr ParamInfo MotionSize{ParamId::Size, "size", "Length", 1, MaxSide, 9, false, false};
constexpr ParamInfo Angle{ParamId::Angle, "angle", "Angle", -360, 360, 0, false, false};
constexpr ParamInfo Amount{ParamId::Amount, "amount", "Amount", 0, 100, 1, false, false};
constexpr ParamInfo KernelText{ParamId::Kernel, "kernel", "Kernel", 0, 0, 0, false, false};
constexpr ParamInfo Factor{ParamId::Factor, "factor", "Factor", -1e6, 1e6, 1, false, false};
constexpr ParamInfo Bias{ParamId::Bias, "bias", "Bias", -1e6, 1e6, 0, false, false};
constexpr ParamInfo MedianSize{ParamId::Size, "size", "Size", 3, 101, 5, true, false};
constexpr ParamInfo BilateralSize{ParamId::Size, "size", "Size", 3, 51, 5, true, false};
constexpr ParamInfo SpatialFactor{
    ParamId::SpatialFactor, "spatial-factor", "Spatial factor", 0.1, 1000, 10, false, false};
constexpr ParamInfo SpatialPower{ParamId::SpatialPower, "spatial-power", "Spatial power", 0.1, 10, 2, false, false};
constexpr ParamInfo ColorFactor{ParamId::ColorFactor, "color-factor", "Colour factor", 0.1, 1000, 50, false, false};
constexpr ParamInfo ColorPower{ParamId::ColorPower, "color-power", "Colour power", 0.1, 10, 2, false, false};
constexpr ParamInfo ImaginaryText{ParamId::ImaginaryKernel, "imaginary", "Imaginary part", 0, 0, 0, false, false};
constexpr ParamInfo Snr{ParamId::Snr, "snr", "SNR", 0.00001, 10, 0.007, false, false};
constexpr ParamInfo Brightness{ParamId::Brightness, "brightness", "Brightness", 0.1, 10, 1.15, false, false};
constexpr ParamInfo Grayscale{ParamId::Grayscale, "grayscale", "Grayscale", 0, 1, 0, false, false, true};

constexpr std::array<ParamInfo, 3> CustomParams{KernelText, Factor, Bias};
constexpr std::array<ParamInfo, 2> GaussianParams{GaussSize, Sigma};
constexpr std::array<ParamInfo, 1> BoxParams{BoxSize};
constexpr std::array<ParamInfo, 2> MotionParams{MotionSize, Angle};
constexpr std::array<ParamInfo, 3> SharpenParams{GaussSize, Sigma, Amount};
constexpr std::array<ParamInfo, 1> MedianParams{MedianSize};
constexpr std::array<ParamInfo, 5> BilateralParams{BilateralSize, SpatialFactor, SpatialPower, ColorFactor, ColorPower};
constexpr std::array<ParamInfo, 5> DeconvolutionParams{KernelText, ImaginaryText, Snr, Brightness, Grayscale};
constexpr std::array<ParamInfo, 5> GaussWienerParams{GaussSize, Sigma, Snr, Brightness, Grayscale};
constexpr std::array<ParamInfo, 6> MotionWienerParams{MotionSize, Sigma, Angle, Snr, Brightness, Grayscale};

const std::array<FilterInfo, 20> Filters{{
    {FilterKind::Custom, "custom", "Custom kernel", "any kernel typed as ImageMagick text, with factor and bias",
     CustomParams},
    {FilterKind::GaussianBlur, "gaussian", "Gaussian blur",
     "sampled Gaussian, normalised; size 0 = from sigma (2*ceil(3*sigma)+1)", GaussianParams},
    {FilterKind::BoxBlur, "box", "Box blur", "mean of a size x size square", BoxParams},
    {FilterKind::MotionBlur, "motion", "Motion blur",
     "anti-aliased line through the centre; angle in degrees, clockwise on screen", MotionParams},
    {FilterKind::Binomial5x5, "binomial5x5", "Gaussian 5x5 (binomial)", "[1 4 6 4 1]^T [1 4 6 4 1] / 256", {}},
    {FilterKind::Sharpen3x3, "sharpen3x3", "Sharpen 3x3", "[0 -1 0; -1 5 -1; 0 -1 0]", {}},
    {FilterKind::Sharpen5x5, "sharpen5x5", "Sharpen 5x5", "ring of -1, inner ring of 2, centre 8, divided by 8", {}},
    {FilterKind::GaussianSharpen, "gaussian-sharpen", "Gaussian sharpen",
     "unsharp mask: (1 + amount) * identity - amount * gaussian(size, sigma)", SharpenParams},
    {FilterKind::Emboss3x3, "emboss3x3", "Emboss 3x3", "[-2 -1 0; -1 1 1; 0 1 2]", {}},
    {FilterKind::Emboss5x5, "emboss5x5", "Emboss 5x5", "the 3x3 emboss widened, sum 1", {}},
    {FilterKind::Laplace4, "laplace4", "Edges (Laplacian, 4 neighbours)", "[0 -1 0; -1 4 -1; 0 -1 0]", {}},
    {FilterKind::Laplace8, "laplace8", "Edges (Laplacian, 8 neighbours)", "[-1 -1 -1; -1 8 -1; -1 -1 -1]", {}},
    {FilterKind::SobelX, "sobel-x", "Edges (Sobel x)", "[-1 0 1; -2 0 2; -1 0 1]", {}},
    {FilterKind::SobelY, "sobel-y", "Edges (Sobel y)", "[-1 -2 -1; 0 0 0; 1 2 1]", {}},
    {FilterKind::Identity, "identity", "Identity", "leaves the image as it is", {}},
    {FilterKind::Median, "median", "Median", "per-channel median of a size x size window (removes speckle noise)",
     MedianParams, FilterMethod::Median},
    {FilterKind::Bilateral, "bilateral", "Bilateral smoothing",
     "smooths flat areas and keeps edges: weight = exp(-(d/spatial-factor)^spatial-power/2) * "
     "exp(-(colour distance/color-factor)^color-power/2)",
     BilateralParams, FilterMethod::Bilateral},
    {FilterKind::Deconvolution, "deconvolution", "Deconvolution (Wiener)",
     "undoes a blur by the given kernel (real, or complex with an imaginary part); snr = noise-to-signal ratio",
     DeconvolutionParams, FilterMethod::Deconvolution},
    {FilterKind::GaussWiener, "gauss-wiener", "Gaussian deconvolution (Gauss-Wiener)",
     "undoes a gaussian(size, sigma) blur", GaussWienerParams, FilterMethod::Deconvolution},
    {FilterKind::MotionWiener, "motion-wiener", "Motion deconvolution (Motion-Wiener)",
     "undoes a motion blur of the given length and angle whose streak has a Gaussian cross-section of sigma",
     MotionWienerParams, FilterMethod::Deconvolution},
}};

QString rangeReason(const FilterInfo &filter, const ParamInfo &p, double value)
{
    return QStringLiteral("%1: %2 must be %3 (got %4)").arg(filter.name, p.key, allowedValues(p), numberText(value));
}

bool inRange(const ParamInfo &p, double v)
{
    if (!std::isfinite(v) || v < p.minimum || v > p.maximum)
        return false;
    if (p.isSwitch)
        return v == 0.0 || v == 1.0;
    if (p.id != ParamId::Size)
        return true;
    if (v != std::floor(v))
        return false;
    if (v == 0)
        return p.allowZero;
    return !p.oddOnly || int(v) % 2 == 1;
}

} // namespace

QString allowedValues(const ParamInfo &p)
{
    if (p.isKernel())
        return QStringLiteral("ImageMagick kernel text, e.g. \"3x3: 0,-1,0,-1,5,-1,0,-1,0\"");
    if (p.isSwitch)
        return QStringLiteral("true or false");
    if (p.id != ParamId::Size)
        return QStringLiteral("a number from %1 to %2").arg(numberText(p.minimum), numberText(p.maximum));
    const int smallest = std::max(1, int(p.minimum));
    QString text = QStringLiteral("%1 whole number from %2 to %3")
                       .arg(p.oddOnly ? "an odd" : "a")
                       .arg(smallest)
                       .arg(int(p.maximum));
    if (p.allowZero)
        text += QStringLiteral(", or 0 to derive it from sigma");
    return text;
}

std::span<const FilterInfo> allFilters()
{
    return Filters;
}

const FilterInfo &filterInfo(FilterKind kind)
{
    for (const FilterInfo &f : Filters)
        if (f.kind == kind)
            return f;
    return Filters.front();
}

std::optional<FilterKind> filterKindFromName(const QString &name)
{
    for (const FilterInfo &f : Filters)
        if (name.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0)
            return f.kind;
    return std::nullopt;
}

QString filterNames()
{
    QStringList names;
    for (const FilterInfo &f : Filters)
        names << QLatin1String(f.name);
    return names.join(QStringLiteral(", "));
}

double paramValue(const FilterSettings &s, ParamId id)
{
    switch (id) {
    case ParamId::Size:
        return s.size;
    case ParamId::Sigma:
        return s.sigma;
    case ParamId::Angle:
        return s.angle;
    case ParamId::Amount:
        return s.amount;
    case ParamId::Factor:
        return s.customKernel.factor();
    case ParamId::Bias:
        return s.customKernel.bias();
    case ParamId::SpatialFactor:
        return s.spatialFactor;
    case ParamId::SpatialPower:
        return s.spatialPower;
    case ParamId::ColorFactor:
        return s.colorFactor;
    case ParamId::ColorPower:
        return s.colorPower;
    case ParamId::Snr:
        return s.snr;
    case ParamId::Brightness:
        return s.brightness;
    case ParamId::Grayscale:
        return s.grayscale ? 1.0 : 0.0;
    case ParamId::Kernel:
    case ParamId::ImaginaryKernel:
        return 0.0;
    }
    return 0.0;
}

void setParamValue(FilterSettings &s, ParamId id, double value)
{
    switch (id) {
    case ParamId::Size:
        s.size = int(std::lround(value));
        break;
    case ParamId::Sigma:
        s.sigma = value;
        break;
    case ParamId::Angle:
        s.angle = value;
        break;
    case ParamId::Amount:
        s.amount = value;
        break;
    case ParamId::Factor:
        s.customKernel.setFactor(value);
        break;
    case ParamId::Bias:
        s.customKernel.setBias(value);
        break;
    case ParamId::SpatialFactor:
        s.spatialFactor = value;
        break;
    case ParamId::SpatialPower:
        s.spatialPower = value;
        break;
    case ParamId::ColorFactor:
        s.colorFactor = value;
        break;
    case ParamId::ColorPower:
        s.colorPower = value;
        break;
    case ParamId::Snr:
        s.snr = value;
        break;
    case ParamId::Brightness:
        s.brightness = value;
        break;
    case ParamId::Grayscale:
        s.grayscale = value != 0.0;
        break;
    case ParamId::Kernel:
    case ParamId::ImaginaryKernel:
        break;
    }
}

FilterMethod filterMethod(FilterKind kind)
{
    return filterInfo(kind).method;
}

FilterSettings defaultSettings(FilterKind kind)
{
    FilterSettings s;
    s.kind = kind;
    for (const ParamInfo &p : filterInfo(kind).params)
        setParamValue(s, p.id, p.defaultValue);
    if (kind == FilterKind::Deconvolution)
        s.customKernel = gaussian(5, 1.5); // a blur to undo; the identity would undo nothing
    return s;
}

QString validate(const FilterSettings &settings)
{
    const FilterInfo &filter = filterInfo(settings.kind);
    for (const ParamInfo &p : filter.params) {
        if (p.id == ParamId::Kernel) {
            if (!settings.customKernel.isFinite())
                return QStringLiteral("%1: the kernel holds a value that is not a finite number").arg(filter.name);
            continue;
        }
        if (p.id == ParamId::ImaginaryKernel) {
            const std::optional<Kernel> &imaginary = settings.imaginaryKernel;
            if (imaginary && !imaginary->isFinite())
                return QStringLiteral("%1: the imaginary part holds a value that is not a finite number")
                    .arg(filter.name);
            if (imaginary && (imaginary->width() != settings.customKernel.width() ||
                              imaginary->height() != settings.customKernel.height()))
                return QStringLiteral("%1: the imaginary part is %2x%3 but the kernel is %4x%5; they must match")
                    .arg(filter.name)
                    .arg(imaginary->width())
                    .arg(imaginary->height())
                    .arg(settings.customKernel.width())
                    .arg(settings.customKernel.height());
            continue;
        }
        // Sizes are stored as int; check the double the user gave where we still have it.
        const double v = paramValue(settings, p.id);
        if (!inRange(p, v))
            return rangeReason(filter, p, v);
    }
    if (settings.region && (settings.region->width() <= 0 || settings.region->height() <= 0))
        return QStringLiteral("%1: region must have a positive width and height").arg(filter.name);
    return {};
}

} // namespace ks
