#include "filtersettings.h"

#include "filtercatalog.h"
#include "kernelbuilders.h"
#include "kerneltext.h"
#include "numbertext.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <cmath>

namespace ks {

namespace {

constexpr std::array<std::pair<BorderMode, const char *>, 5> BorderNames{{
    {BorderMode::Clamp, "clamp"},
    {BorderMode::Reflect, "reflect"},
    {BorderMode::Wrap, "wrap"},
    {BorderMode::Transparent, "transparent"},
    {BorderMode::Unfiltered, "unfiltered"},
}};

constexpr std::array<std::pair<AlphaMode, const char *>, 3> AlphaNames{{
    {AlphaMode::Premultiplied, "premultiplied"},
    {AlphaMode::Straight, "straight"},
    {AlphaMode::Ignore, "ignore"},
}};

template <typename Enum, size_t N>
std::optional<Enum> enumFromName(const std::array<std::pair<Enum, const char *>, N> &names, const QString &name)
{
    for (const auto &[value, text] : names)
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return value;
    return std::nullopt;
}

template <typename Enum, size_t N>
QString enumName(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[v, text] : names)
        if (v == value)
            return QLatin1String(text);
    return {};
}

template <typename Enum, size_t N> QString enumNames(const std::array<std::pair<Enum, const char *>, N> &names)
{
    QStringList list;
    for (const auto &entry : names)
        list << QLatin1String(entry.second);
    return list.join(QStringLiteral(", "));
}

const ParamInfo *findParam(const FilterInfo &filter, const QString &key)
{
    for (const ParamInfo &p : filter.params)
        if (key.compare(QLatin1String(p.key), Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

QString paramKeys(const FilterInfo &filter)
{
    QStringList keys;
    for (const ParamInfo &p : filter.params)
        keys << QLatin1String(p.key);
    return keys.isEmpty() ? QStringLiteral("none") : keys.join(QStringLiteral(", "));
}

// Splits "a=1,b="x,y",c=2" at commas outside double quotes; quotes are removed.
std::optional<QStringList> splitOutsideQuotes(const QString &text)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (c == u',' && !quoted) {
            parts << current;
            current.clear();
        } else
            current += c;
    }
    if (quoted)
        return std::nullopt;
    parts << current;
    return parts;
}

std::optional<bool> boolFromText(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"1" || t == u"true" || t == u"yes" || t == u"on")
        return true;
    if (t == u"0" || t == u"false" || t == u"no" || t == u"off")
        return false;
    return std::nullopt;
}

std::optional<QRect> regionFromText(const QString &text)
{
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[;,\\s]+")), Qt::SkipEmptyParts);
    if (parts.size() != 4)
        return std::nullopt;
    int v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].toInt(&ok);
        if (!ok)
            return std::nullopt;
    }
    return QRect(v[0], v[1], v[2], v[3]);
}

// Stores a parsed value, or returns the reason when there is none.
template <typename Field, typename Value>
QString assign(Field &field, const std::optional<Value> &parsed, const QString &reason)
{
    if (!parsed)
        return reason;
    field = *parsed;
    return {};
}

// Sets one key of a filter step from text; returns a reason on failure.
QString setFromText(FilterSettings &s, const FilterInfo &filter, const QString &key, const QString &value)
{
    const QString text = value.trimmed();
    if (key == u"border")
        return assign(s.border, borderModeFromName(text),
                      QStringLiteral("unknown border mode '%1' (known: %2)").arg(value, enumNames(BorderNames)));
    if (key == u"alpha")
        return assign(s.alpha, alphaModeFromName(text),
                      QStringLiteral("unknown alpha mode '%1' (known: %2)").arg(value, enumNames(AlphaNames)));
    if (key == u"linear")
        return assign(s.linearLight, boolFromText(text),
                      QStringLiteral("linear must be true or false (got '%1')").arg(value));
    if (key == u"enabled")
        return assign(s.enabled, boolFromText(text),
                      QStringLiteral("enabled must be true or false (got '%1')").arg(value));
    if (key == u"region")
        return assign(s.region, regionFromText(text),
                      QStringLiteral("region must be x;y;width;height in whole pixels (got '%1')").arg(value));
    const ParamInfo *p = findParam(filter, key);
    if (!p)
        return QStringLiteral("filter '%1' has no parameter '%2' (its parameters: %3; every filter also "
                              "takes border, alpha, linear, region, enabled)")
            .arg(filter.name, key, paramKeys(filter));
    if (p->id == ParamId::ImaginaryKernel) {
        if (text.isEmpty() || text.compare(u"none", Qt::CaseInsensitive) == 0) {
            s.imaginaryKernel.reset();
            return {};
        }
        const KernelParseResult parsed = parseKernelText(value);
        if (!parsed.kernel)
            return QStringLiteral("%1: %2: %3").arg(filter.name, p->key, parsed.error);
        s.imaginaryKernel = *parsed.kernel;
        return {};
    }
    if (p->isSwitch)
        return assign(s.grayscale, boolFromText(text),
                      QStringLiteral("%1: %2 must be true or false (got '%3')").arg(filter.name, p->key, value));
    if (p->id == ParamId::Kernel) {
        const KernelParseResult parsed = parseKernelText(value);
        if (!parsed.kernel)
            return QStringLiteral("%1: kernel: %2").arg(filter.name, parsed.error);
        Kernel k = *parsed.kernel;
        k.setFactor(s.customKernel.factor());
        k.setBias(s.customKernel.bias());
        s.customKernel = k;
        return {};
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    const bool wholeIfSize = p->id != ParamId::Size || (v == std::floor(v) && std::fabs(v) <= 1e6);
    if (!ok || !std::isfinite(v) || !wholeIfSize)
        return QStringLiteral("%1: %2 must be %3 (got '%4')").arg(filter.name, p->key, allowedValues(*p), value);
    setParamValue(s, p->id, v);
    return {};
}

} // namespace

std::optional<QString> paramText(const FilterSettings &s, const ParamInfo &p)
{
    if (p.id == ParamId::Kernel)
        return kernelToText(s.customKernel);
    if (p.id == ParamId::ImaginaryKernel)
        return s.imaginaryKernel ? std::optional(kernelToText(*s.imaginaryKernel)) : std::nullopt;
    if (p.isSwitch)
        return paramValue(s, p.id) != 0.0 ? QStringLiteral("true") : QStringLiteral("false");
    return numberText(paramValue(s, p.id));
}

Kernel FilterSettings::kernel() const
{
    switch (kind) {
    case FilterKind::Custom:
        return customKernel;
    case FilterKind::GaussianBlur:
        return gaussian(size, sigma);
    case FilterKind::BoxBlur:
        return box(size);
    case FilterKind::MotionBlur:
        return motion(size, angle);
    case FilterKind::Binomial5x5:
        return binomial5x5();
    case FilterKind::Sharpen3x3:
        return sharpen3x3();
    case FilterKind::Sharpen5x5:
        return sharpen5x5();
    case FilterKind::GaussianSharpen:
        return gaussianSharpen(size, sigma, amount);
    case FilterKind::Emboss3x3:
        return emboss3x3();
    case FilterKind::Emboss5x5:
        return emboss5x5();
    case FilterKind::Laplace4:
        return laplace4();
    case FilterKind::Laplace8:
        return laplace8();
    case FilterKind::SobelX:
        return sobelX();
    case FilterKind::SobelY:
        return sobelY();
    case FilterKind::Identity:
        return identity();
    case FilterKind::Median:
        return box(size);
    case FilterKind::Bilateral:
        return bilateralSpatial(size, spatialFactor, spatialPower);
    case FilterKind::Deconvolution:
        return customKernel;
    case FilterKind::GaussWiener:
        return gaussian(size, sigma);
    case FilterKind::MotionWiener:
        return motionStreak(size, sigma, angle);
    }
    return identity();
}

QString borderModeName(BorderMode mode)
{
    return enumName(BorderNames, mode);
}
QString alphaModeName(AlphaMode mode)
{
    return enumName(AlphaNames, mode);
}
std::optional<BorderMode> borderModeFromName(const QString &name)
{
    return enumFromName(BorderNames, name);
}
std::optional<AlphaMode> alphaModeFromName(const QString &name)
{
    return enumFromName(AlphaNames, name);
}

Parsed<FilterSettings> parseFilterSpec(const QString &spec, const FilterSettings &base)
{
    const QString name = spec.section(u':', 0, 0).trimmed();
    const auto kind = filterKindFromName(name);
    if (!kind)
        return {std::nullopt, name.isEmpty()
                                  ? QStringLiteral("empty filter spec (known filters: %1)").arg(filterNames())
                                  : QStringLiteral("unknown filter '%1' (known: %2)").arg(name, filterNames())};
    FilterSettings s = defaultSettings(*kind);
    s.border = base.border;
    s.alpha = base.alpha;
    s.linearLight = base.linearLight;
    s.region = base.region;
    const FilterInfo &filter = filterInfo(*kind);

    const qsizetype colon = spec.indexOf(u':');
    const QString rest = colon < 0 ? QString() : spec.mid(colon + 1).trimmed();
    if (!rest.isEmpty()) {
        const auto parts = splitOutsideQuotes(rest);
        if (!parts)
            return {std::nullopt, QStringLiteral("%1: unbalanced double quote in '%2'").arg(name, rest)};
        for (const QString &part : *parts) {
            const qsizetype eq = part.indexOf(u'=');
            if (eq <= 0)
                return {std::nullopt, QStringLiteral("%1: expected key=value, got '%2'").arg(name, part.trimmed())};
            const QString error = setFromText(s, filter, part.left(eq).trimmed().toLower(), part.mid(eq + 1));
            if (!error.isEmpty())
                return {std::nullopt, error};
        }
    }
    if (const QString error = validate(s); !error.isEmpty())
        return {std::nullopt, error};
    return {s, {}};
}

QString filterSpec(const FilterSettings &s)
{
    const FilterInfo &filter = filterInfo(s.kind);
    QStringList parts;
    for (const ParamInfo &p : filter.params)
        if (const std::optional<QString> value = paramText(s, p))
            parts << QLatin1String(p.key) + u'=' + (p.isKernel() ? u'"' + *value + u'"' : *value);
    if (s.border != BorderMode::Clamp)
        parts << QStringLiteral("border=") + borderModeName(s.border);
    if (s.alpha != AlphaMode::Premultiplied)
        parts << QStringLiteral("alpha=") + alphaModeName(s.alpha);
    if (s.linearLight)
        parts << QStringLiteral("linear=true");
    if (!s.enabled)
        parts << QStringLiteral("enabled=false");
    if (s.region)
        parts << QStringLiteral("region=%1;%2;%3;%4")
                     .arg(s.region->x())
                     .arg(s.region->y())
                     .arg(s.region->width())
                     .arg(s.region->height());
    const QString name = QLatin1String(filter.name);
    return parts.isEmpty() ? name : name + u':' + parts.join(u',');
}

QJsonObject filterToJson(const FilterSettings &s)
{
    const FilterInfo &filter = filterInfo(s.kind);
    QJsonObject json{{QStringLiteral("filter"), QLatin1String(filter.name)}};
    for (const ParamInfo &p : filter.params) {
        if (p.isSwitch)
            json.insert(QLatin1String(p.key), paramValue(s, p.id) != 0.0);
        else if (p.isKernel()) {
            if (const std::optional<QString> text = paramText(s, p))
                json.insert(QLatin1String(p.key), *text);
        } else
            json.insert(QLatin1String(p.key), paramValue(s, p.id));
    }
    json.insert(QStringLiteral("border"), borderModeName(s.border));
    json.insert(QStringLiteral("alpha"), alphaModeName(s.alpha));
    json.insert(QStringLiteral("linear"), s.linearLight);
    if (!s.enabled)
        json.insert(QStringLiteral("enabled"), false);
    if (s.region)
        json.insert(QStringLiteral("region"),
                    QJsonArray{s.region->x(), s.region->y(), s.region->width(), s.region->height()});
    return json;
}

Parsed<FilterSettings> filterFromJson(const QJsonObject &json)
{
    const QJsonValue nameValue = json.value(QStringLiteral("filter"));
    if (!nameValue.isString())
        return {std::nullopt, QStringLiteral("a step needs \"filter\": one of %1").arg(filterNames())};
    const QString name = nameValue.toString();
    const auto kind = filterKindFromName(name);
    if (!kind)
        return {std::nullopt, QStringLiteral("unknown filter '%1' (known: %2)").arg(name, filterNames())};
    FilterSettings s = defaultSettings(*kind);
    const FilterInfo &filter = filterInfo(*kind);

    // The kernel first, so that factor and bias given beside it are not overwritten.
    QStringList keys = json.keys();
    keys.removeOne(QStringLiteral("filter"));
    if (keys.removeOne(QStringLiteral("kernel")))
        keys.prepend(QStringLiteral("kernel"));
    for (const QString &key : keys) {
        const QJsonValue v = json.value(key);
        QString text;
        if (key == u"region" && v.isArray()) {
            QStringList numbers;
            for (const QJsonValue &n : v.toArray())
                numbers << (n.isDouble() ? numberText(n.toDouble()) : QStringLiteral("?"));
            text = numbers.join(u';');
        } else if (v.isString()) {
            text = v.toString();
        } else if (v.isDouble()) {
            text = numberText(v.toDouble());
        } else if (v.isBool()) {
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        } else {
            return {std::nullopt, QStringLiteral("%1: \"%2\" has a value of the wrong type").arg(name, key)};
        }
        if (const QString error = setFromText(s, filter, key, text); !error.isEmpty())
            return {std::nullopt, error};
    }
    if (const QString error = validate(s); !error.isEmpty())
        return {std::nullopt, error};
    return {s, {}};
}

} // namespace ks
