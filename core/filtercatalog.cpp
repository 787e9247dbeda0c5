#include "filtercatalog.h"

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

constexpr std::array<ParamInfo, 3> CustomParams{KernelText, Factor, Bias};
constexpr std::array<ParamInfo, 2> GaussianParams{GaussSize, Sigma};
constexpr std::array<ParamInfo, 1> BoxParams{BoxSize};
constexpr std::array<ParamInfo, 2> MotionParams{MotionSize, Angle};
constexpr std::array<ParamInfo, 3> SharpenParams{GaussSize, Sigma, Amount};

const std::array<FilterInfo, 15> Filters{{
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
}};

QString rangeReason(const FilterInfo &filter, const ParamInfo &p, double value)
{
    return QStringLiteral("%1: %2 must be %3 (got %4)").arg(filter.name, p.key, allowedValues(p), numberText(value));
}

bool inRange(const ParamInfo &p, double v)
{
    if (!std::isfinite(v) || v < p.minimum || v > p.maximum)
        return false;
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
    if (p.id == ParamId::Kernel)
        return QStringLiteral("ImageMagick kernel text, e.g. \"3x3: 0,-1,0,-1,5,-1,0,-1,0\"");
    if (p.id != ParamId::Size)
        return QStringLiteral("a number from %1 to %2").arg(numberText(p.minimum), numberText(p.maximum));
    QString text = QStringLiteral("%1 whole number from 1 to %2").arg(p.oddOnly ? "an odd" : "a").arg(int(p.maximum));
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
    case ParamId::Kernel:
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
    case ParamId::Kernel:
        break;
    }
}

FilterSettings defaultSettings(FilterKind kind)
{
    FilterSettings s;
    s.kind = kind;
    for (const ParamInfo &p : filterInfo(kind).params)
        setParamValue(s, p.id, p.defaultValue);
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
