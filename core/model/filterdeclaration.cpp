#include "filterdeclaration.h"

namespace ks {

const char *kernelRoleName(KernelRole role)
{
    switch (role) {
    case KernelRole::Applied:
        return "applied";
    case KernelRole::Window:
        return "window";
    case KernelRole::SpatialWeights:
        return "spatial-weights";
    case KernelRole::BlurUndone:
        return "blur-undone";
    }
    return "applied";
}

QString ParamDeclaration::unitSuffix() const
{
    const QString text = QString::fromUtf8(unit);
    if (text.isEmpty() || !isNumeric())
        return {};
    return text.front().isLetter() ? u' ' + text : text;
}

const ParamDeclaration *FilterDeclaration::param(QAnyStringView key) const
{
    for (const ParamDeclaration &p : params)
        if (QAnyStringView::compare(key, QLatin1String(p.key), Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

const ParamDeclaration *FilterDeclaration::kernelParam() const
{
    for (const ParamDeclaration &p : params)
        if (p.isKernel())
            return &p;
    return nullptr;
}

bool FilterDeclaration::hasKernelScale() const
{
    for (const ParamDeclaration &p : params)
        if (p.type == ParamType::KernelFactor || p.type == ParamType::KernelBias)
            return true;
    return false;
}

} // namespace ks
