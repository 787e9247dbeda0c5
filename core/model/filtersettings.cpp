#include "filtersettings.h"

#include "filterregistry.h"
#include "kernelbuilders.h"
#include "kerneltext.h"
#include "numbertext.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

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

QString paramKeys(const FilterDeclaration &filter)
{
    QStringList keys;
    for (const ParamDeclaration &p : filter.params)
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
    qint64 v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].toInt(&ok); // each number is an int; their sums are checked in 64 bits
        if (!ok)
            return std::nullopt;
    }
    return regionRect(v[0], v[1], v[2], v[3]);
}

} // namespace

std::optional<QRect> regionRect(qint64 x, qint64 y, qint64 width, qint64 height)
{
    constexpr qint64 lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
    for (qint64 v : {x, y, width, height, x + width - 1, y + height - 1})
        if (v < lo || v > hi)
            return std::nullopt;
    // From its corners: QRect(x, y, w, h) would add x + w in int first, past INT_MAX for a
    // rectangle whose last pixel is INT_MAX itself.
    return QRect(QPoint(int(x), int(y)), QPoint(int(x + width - 1), int(y + height - 1)));
}

namespace {

// Stores a parsed value, or fails with the reason when there is none.
template <typename Field, typename Value>
Status assign(Field &field, const std::optional<Value> &parsed, const QString &reason)
{
    if (!parsed)
        return Failure{reason};
    field = *parsed;
    return {};
}

bool inRange(const ParamDeclaration &p, double v)
{
    if (v == 0 && p.zeroMeansAuto)
        return true;
    if (!std::isfinite(v) || v < p.minimum || v > p.maximum)
        return false;
    switch (p.type) {
    case ParamType::Switch:
        return v == 0.0 || v == 1.0;
    case ParamType::Size:
        if (v != std::floor(v))
            return false;
        if (v == 0)
            return p.zeroMeansAuto;
        return !p.oddOnly || std::fmod(v, 2.0) == 1.0;
    default:
        return true;
    }
}

bool isOptionalKernel(const ParamDeclaration &p)
{
    return p.isKernel() && !p.defaultKernel;
}

// Sets one key of a filter step from text.
Status setFromText(FilterSettings &s, const QString &key, const QString &value)
{
    const FilterDeclaration &filter = s.filter();
    const QString text = value.trimmed();
    if (key == u"border")
        return assign(s.border, borderModeFromName(text),
                      QStringLiteral("unknown border mode '%1' (known: %2)").arg(value, borderModeNames()));
    if (key == u"alpha")
        return assign(s.alpha, alphaModeFromName(text),
                      QStringLiteral("unknown alpha mode '%1' (known: %2)").arg(value, alphaModeNames()));
    if (key == u"linear")
        return assign(s.linearLight, boolFromText(text),
                      QStringLiteral("linear must be true or false (got '%1')").arg(value));
    if (key == u"enabled")
        return assign(s.enabled, boolFromText(text),
                      QStringLiteral("enabled must be true or false (got '%1')").arg(value));
    if (key == u"opacity") {
        bool ok = false;
        const double percent = text.toDouble(&ok);
        if (!ok || !(percent >= 0 && percent <= 100))
            return Failure{QStringLiteral("opacity must be a number from 0 to 100 (got '%1')").arg(value)};
        s.opacity = percent;
        return {};
    }
    if (key == u"channels")
        return assign(s.channels, channelsFromText(text),
                      QStringLiteral("channels must be letters of r, g, b and a, e.g. rgb (got '%1')").arg(value));
    if (key == u"region")
        return assign(s.region, regionFromText(text),
                      QStringLiteral(
                          "region must be x;y;width;height in whole pixels, its far edges within 2147483647 (got '%1')")
                          .arg(value));
    const ParamDeclaration *p = filter.param(key);
    if (!p)
        return Failure{QStringLiteral("filter '%1' has no parameter '%2' (its parameters: %3; every filter also "
                                      "takes border, alpha, linear, region, enabled, opacity, channels)")
                           .arg(filter.name, key, paramKeys(filter))};
    if (p->isKernel()) {
        if (isOptionalKernel(*p) && (text.isEmpty() || text.compare(u"none", Qt::CaseInsensitive) == 0)) {
            s.setKernelValue(QLatin1String(p->key), std::nullopt);
            return {};
        }
        Result<Kernel> parsed = parseKernelText(value);
        if (!parsed)
            return Failure{QStringLiteral("%1: %2: %3").arg(filter.name, p->key, parsed.error())};
        // Kernel text has no factor and bias (ImageMagick keeps them apart): a filter that has
        // them as parameters keeps theirs.
        const std::optional<Kernel> &current = s.kernelValue(QLatin1String(p->key));
        if (current && p == filter.kernelParam() && filter.hasKernelScale()) {
            parsed->setFactor(current->factor());
            parsed->setBias(current->bias());
        }
        s.setKernelValue(QLatin1String(p->key), *parsed);
        return {};
    }
    if (p->type == ParamType::Switch) {
        const std::optional<bool> on = boolFromText(text);
        if (!on)
            return Failure{QStringLiteral("%1: %2 must be true or false (got '%3')").arg(filter.name, p->key, value)};
        s.setValue(QLatin1String(p->key), *on ? 1.0 : 0.0);
        return {};
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    const bool wholeIfSize = p->type != ParamType::Size || (v == std::floor(v) && std::fabs(v) <= 1e6);
    if (!ok || !std::isfinite(v) || !wholeIfSize)
        return Failure{
            QStringLiteral("%1: %2 must be %3 (got '%4')").arg(filter.name, p->key, allowedValues(*p), value)};
    s.setValue(QLatin1String(p->key), v);
    return {};
}

int scaledSide(int side, double scale, const ParamDeclaration &p)
{
    int scaled = std::max(1, int(std::lround(side * scale)));
    if (p.oddOnly && scaled % 2 == 0)
        ++scaled;
    scaled = std::clamp(scaled, int(p.minimum), int(p.maximum));
    if (p.oddOnly && scaled % 2 == 0) // a range with an even end
        scaled += scaled < int(p.maximum) ? 1 : -1;
    return scaled;
}

} // namespace

QString channelsText(quint8 channels)
{
    QString text;
    for (int c = 0; c < 4; ++c)
        if (channels & (1u << c))
            text += QLatin1Char("rgba"[c]);
    return text;
}

std::optional<quint8> channelsFromText(const QString &text)
{
    quint8 channels = 0;
    for (QChar letter : text.trimmed().toLower()) {
        const qsizetype c = QStringLiteral("rgba").indexOf(letter);
        if (c < 0)
            return std::nullopt;
        channels |= quint8(1u << c);
    }
    return channels ? std::optional(channels) : std::nullopt;
}

// --- FilterSettings ------------------------------------------------------------------------

FilterSettings::FilterSettings() : FilterSettings(*findFilter(u"gaussian")) {}

FilterSettings::FilterSettings(const FilterDeclaration &filter) : m_filter(&filter), m_values(filter.params.size())
{
    for (size_t i = 0; i < filter.params.size(); ++i) {
        const ParamDeclaration &p = filter.params[i];
        if (p.isKernel()) {
            if (p.defaultKernel)
                m_values[i].kernel = p.defaultKernel();
        } else {
            m_values[i].number = p.defaultValue;
        }
    }
    // Factor and bias live in the kernel: give it theirs.
    for (const ParamDeclaration &p : filter.params)
        if (p.type == ParamType::KernelFactor || p.type == ParamType::KernelBias)
            setValue(QLatin1String(p.key), p.defaultValue);
}

size_t FilterSettings::indexOf(QAnyStringView key) const
{
    const ParamDeclaration *p = m_filter->param(key);
    if (!p) // a programming error: stop here rather than read another parameter's value
        qFatal("filter '%s' declares no parameter '%s'", m_filter->name, qPrintable(key.toString()));
    return size_t(p - m_filter->params.data());
}

FilterSettings::Value &FilterSettings::mainKernelValue()
{
    return m_values[indexOf(QLatin1String(m_filter->kernelParam()->key))];
}

const FilterSettings::Value &FilterSettings::mainKernelValue() const
{
    return m_values[indexOf(QLatin1String(m_filter->kernelParam()->key))];
}

double FilterSettings::value(QAnyStringView key) const
{
    const size_t i = indexOf(key);
    switch (m_filter->params[i].type) {
    case ParamType::KernelFactor:
        return mainKernelValue().kernel->factor();
    case ParamType::KernelBias:
        return mainKernelValue().kernel->bias();
    default:
        return m_values[i].number;
    }
}

void FilterSettings::setValue(QAnyStringView key, double value)
{
    const size_t i = indexOf(key);
    switch (m_filter->params[i].type) {
    case ParamType::KernelFactor:
        mainKernelValue().kernel->setFactor(value);
        break;
    case ParamType::KernelBias:
        mainKernelValue().kernel->setBias(value);
        break;
    default:
        m_values[i].number = value;
    }
}

const std::optional<Kernel> &FilterSettings::kernelValue(QAnyStringView key) const
{
    return m_values[indexOf(key)].kernel;
}

void FilterSettings::setKernelValue(QAnyStringView key, std::optional<Kernel> kernel)
{
    m_values[indexOf(key)].kernel = std::move(kernel);
}

Kernel FilterSettings::kernel() const
{
    return m_filter->buildKernel(*this);
}

int FilterSettings::autoGaussianSize() const
{
    double sigma = value(u"sigma");
    if (m_filter->param(u"sigma-y"))
        sigma = std::max(sigma, value(u"sigma-y"));
    return gaussianSizeForSigma(sigma);
}

FilterSettings FilterSettings::withKernel(const Kernel &kernel) const
{
    if (!m_filter->kernelParam()) {
        FilterSettings custom = asCustomKernel();
        custom.mainKernelValue().kernel = kernel;
        return custom;
    }
    FilterSettings next = *this;
    Kernel weights = kernel;
    if (!m_filter->hasKernelScale()) {
        weights.setFactor(1.0);
        weights.setBias(0.0);
    }
    next.mainKernelValue().kernel = weights;
    return next;
}

FilterSettings FilterSettings::asCustomKernel() const
{
    FilterSettings custom(customKernelFilter());
    custom.mainKernelValue().kernel = kernel();
    custom.border = border;
    custom.alpha = alpha;
    custom.linearLight = linearLight;
    custom.region = region;
    custom.enabled = enabled;
    return custom;
}

bool FilterSettings::operator==(const FilterSettings &other) const
{
    return m_filter == other.m_filter && m_values == other.m_values && border == other.border && alpha == other.alpha &&
           linearLight == other.linearLight && region == other.region && enabled == other.enabled &&
           opacity == other.opacity && channels == other.channels;
}

// --- names and text -------------------------------------------------------------------------

QString borderModeName(BorderMode mode)
{
    return enumName(BorderNames, mode);
}
QString alphaModeName(AlphaMode mode)
{
    return enumName(AlphaNames, mode);
}
QString borderModeNames()
{
    return enumNames(BorderNames);
}
QString alphaModeNames()
{
    return enumNames(AlphaNames);
}
std::optional<BorderMode> borderModeFromName(const QString &name)
{
    return enumFromName(BorderNames, name);
}
std::optional<AlphaMode> alphaModeFromName(const QString &name)
{
    return enumFromName(AlphaNames, name);
}

QString allowedValues(const ParamDeclaration &p)
{
    switch (p.type) {
    case ParamType::Kernel:
        return QStringLiteral("ImageMagick kernel text, e.g. \"3x3: 0,-1,0,-1,5,-1,0,-1,0\"");
    case ParamType::Switch:
        return QStringLiteral("true or false");
    case ParamType::Size: {
        const int smallest = std::max(1, int(p.minimum));
        QString text = QStringLiteral("%1 whole number from %2 to %3")
                           .arg(p.oddOnly ? "an odd" : "a")
                           .arg(smallest)
                           .arg(int(p.maximum));
        if (p.zeroMeansAuto)
            text += QStringLiteral(", or 0 = %1").arg(QLatin1String(p.zeroLabel));
        return text;
    }
    default: {
        QString text = QStringLiteral("a number from %1 to %2").arg(numberText(p.minimum), numberText(p.maximum));
        if (p.zeroMeansAuto)
            text += QStringLiteral(", or 0 = %1").arg(QLatin1String(p.zeroLabel));
        return text;
    }
    }
}

std::optional<QString> paramText(const FilterSettings &s, const ParamDeclaration &p)
{
    const QLatin1String key(p.key);
    switch (p.type) {
    case ParamType::Kernel: {
        const std::optional<Kernel> &kernel = s.kernelValue(key);
        return kernel ? std::optional(kernelToText(*kernel)) : std::nullopt;
    }
    case ParamType::Switch:
        return s.flag(key) ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return numberText(s.value(key));
    }
}

Status validate(const FilterSettings &settings)
{
    const FilterDeclaration &filter = settings.filter();
    for (const ParamDeclaration &p : filter.params) {
        if (p.isKernel()) {
            const std::optional<Kernel> &kernel = settings.kernelValue(QLatin1String(p.key));
            if (kernel && !kernel->isFinite())
                return Failure{QStringLiteral("%1: the %2 holds a value that is not a finite number")
                                   .arg(filter.name, QString::fromLatin1(p.label).toLower())};
            continue;
        }
        const double v = settings.value(QLatin1String(p.key));
        if (!inRange(p, v))
            return Failure{
                QStringLiteral("%1: %2 must be %3 (got %4)").arg(filter.name, p.key, allowedValues(p), numberText(v))};
    }
    if (filter.check)
        if (Status checked = filter.check(settings); !checked)
            return checked;
    if (settings.region && (settings.region->width() <= 0 || settings.region->height() <= 0))
        return Failure{QStringLiteral("%1: region must have a positive width and height").arg(filter.name)};
    return {};
}

// --- specs and JSON -------------------------------------------------------------------------

Result<FilterSettings> parseFilterSpec(const QString &spec, const FilterSettings &base)
{
    const QString name = spec.section(u':', 0, 0).trimmed();
    const FilterDeclaration *filter = findFilter(name);
    if (!filter)
        return Failure{name.isEmpty() ? QStringLiteral("empty filter spec (known filters: %1)").arg(filterNames())
                                      : QStringLiteral("unknown filter '%1' (known: %2)").arg(name, filterNames())};
    FilterSettings s(*filter);
    s.border = base.border;
    s.alpha = base.alpha;
    s.linearLight = base.linearLight;
    s.region = base.region;
    s.opacity = base.opacity;
    s.channels = base.channels;

    const qsizetype colon = spec.indexOf(u':');
    const QString rest = colon < 0 ? QString() : spec.mid(colon + 1).trimmed();
    if (!rest.isEmpty()) {
        const auto parts = splitOutsideQuotes(rest);
        if (!parts)
            return Failure{QStringLiteral("%1: unbalanced double quote in '%2'").arg(name, rest)};
        for (const QString &part : *parts) {
            const qsizetype eq = part.indexOf(u'=');
            if (eq <= 0)
                return Failure{QStringLiteral("%1: expected key=value, got '%2'").arg(name, part.trimmed())};
            if (Status set = setFromText(s, part.left(eq).trimmed().toLower(), part.mid(eq + 1)); !set)
                return Failure{set.error()};
        }
    }
    if (Status valid = validate(s); !valid)
        return Failure{valid.error()};
    return s;
}

QString filterSpec(const FilterSettings &s)
{
    const FilterDeclaration &filter = s.filter();
    QStringList parts;
    for (const ParamDeclaration &p : filter.params)
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
    if (s.opacity != 100.0)
        parts << QStringLiteral("opacity=") + numberText(s.opacity);
    if (s.channels != AllChannels)
        parts << QStringLiteral("channels=") + channelsText(s.channels);
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
    const FilterDeclaration &filter = s.filter();
    QJsonObject json{{QStringLiteral("filter"), QLatin1String(filter.name)}};
    for (const ParamDeclaration &p : filter.params) {
        const QLatin1String key(p.key);
        if (p.type == ParamType::Switch)
            json.insert(key, s.flag(key));
        else if (p.isKernel()) {
            if (const std::optional<QString> text = paramText(s, p))
                json.insert(key, *text);
        } else
            json.insert(key, s.value(key));
    }
    json.insert(QStringLiteral("border"), borderModeName(s.border));
    json.insert(QStringLiteral("alpha"), alphaModeName(s.alpha));
    json.insert(QStringLiteral("linear"), s.linearLight);
    if (!s.enabled)
        json.insert(QStringLiteral("enabled"), false);
    if (s.opacity != 100.0)
        json.insert(QStringLiteral("opacity"), s.opacity);
    if (s.channels != AllChannels)
        json.insert(QStringLiteral("channels"), channelsText(s.channels));
    if (s.region)
        json.insert(QStringLiteral("region"),
                    QJsonArray{s.region->x(), s.region->y(), s.region->width(), s.region->height()});
    return json;
}

Result<FilterSettings> filterFromJson(const QJsonObject &json)
{
    const QJsonValue nameValue = json.value(QStringLiteral("filter"));
    if (!nameValue.isString())
        return Failure{QStringLiteral("a step needs \"filter\": one of %1").arg(filterNames())};
    const QString name = nameValue.toString();
    const FilterDeclaration *filter = findFilter(name);
    if (!filter)
        return Failure{QStringLiteral("unknown filter '%1' (known: %2)").arg(name, filterNames())};
    FilterSettings s(*filter);

    // Kernels first, so that a factor and bias given beside them are not overwritten.
    QStringList keys = json.keys();
    keys.removeOne(QStringLiteral("filter"));
    std::stable_partition(keys.begin(), keys.end(), [filter](const QString &key) {
        const ParamDeclaration *p = filter->param(key);
        return p && p->isKernel();
    });
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
            return Failure{QStringLiteral("%1: \"%2\" has a value of the wrong type").arg(name, key)};
        }
        if (Status set = setFromText(s, key, text); !set)
            return Failure{set.error()};
    }
    if (Status valid = validate(s); !valid)
        return Failure{valid.error()};
    return s;
}

FilterSettings scaledForPreview(const FilterSettings &settings, double scale)
{
    FilterSettings scaled = settings;
    for (const ParamDeclaration &p : settings.filter().params) {
        if (p.preview != PreviewScaling::WithZoom)
            continue;
        const QLatin1String key(p.key);
        const double v = settings.value(key);
        if (v == 0 && p.zeroMeansAuto)
            continue; // 0 stays "from sigma" or "same as sigma", which follow the scaled sigma
        if (p.type == ParamType::Size) {
            scaled.setValue(key, scaledSide(int(v), scale, p));
        } else {
            scaled.setValue(key, std::clamp(v * scale, p.minimum, p.maximum));
        }
    }
    if (settings.region) {
        const QRectF r(*settings.region);
        scaled.region = QRectF(r.topLeft() * scale, r.size() * scale).toAlignedRect();
    }
    return scaled;
}

} // namespace ks
