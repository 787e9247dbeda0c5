#include "jsonoutput.h"

#include "filterregistry.h"
#include "kerneltext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ks::cli {

namespace {

const char *typeName(ParamType type)
{
    switch (type) {
    case ParamType::Number:
        return "number";
    case ParamType::Size:
        return "size";
    case ParamType::Switch:
        return "switch";
    case ParamType::Kernel:
        return "kernel";
    case ParamType::KernelFactor:
        return "kernel-factor";
    case ParamType::KernelBias:
        return "kernel-bias";
    }
    return "number";
}

// Sizes are whole numbers and switches true/false; JSON says so in its types.
QJsonValue numberValue(const ParamDeclaration &p, double v)
{
    if (p.type == ParamType::Switch)
        return v != 0;
    if (p.type == ParamType::Size)
        return qint64(v);
    return v;
}

QJsonObject paramJson(const ParamDeclaration &p, const FilterSettings &defaults)
{
    QJsonObject o{{"key", QLatin1String(p.key)},
                  {"label", QString::fromUtf8(p.label)},
                  {"type", QLatin1String(typeName(p.type))},
                  {"unit", QString::fromUtf8(p.unit)}};
    if (p.isKernel()) {
        const auto text = paramText(defaults, p);
        o["default"] = text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null); // null: optional, absent
    } else {
        o["default"] = numberValue(p, p.defaultValue);
        if (p.type != ParamType::Switch) {
            o["minimum"] = numberValue(p, p.minimum);
            o["maximum"] = numberValue(p, p.maximum);
        }
    }
    if (p.type == ParamType::Size) {
        o["oddOnly"] = p.oddOnly;
        o["zeroMeansAuto"] = p.zeroMeansAuto;
    }
    o["allowed"] = allowedValues(p);
    return o;
}

QJsonArray floats(const std::vector<float> &values)
{
    QJsonArray a;
    for (float v : values)
        a.append(double(v));
    return a;
}

QJsonArray names(const QString &list)
{
    QJsonArray a;
    for (const QString &name : list.split(u',', Qt::SkipEmptyParts))
        a.append(name.trimmed());
    return a;
}

QJsonObject paramSchema(const ParamDeclaration &p)
{
    const QString unit = QString::fromUtf8(p.unit);
    QJsonObject o{{"description", QString::fromUtf8(p.label) + (unit.isEmpty() ? QString() : " (" + unit + ")")}};
    switch (p.type) {
    case ParamType::Switch:
        o["type"] = "boolean";
        return o;
    case ParamType::Kernel:
        o["type"] = "string";
        o["description"] = QStringLiteral("%1: ImageMagick kernel text, \"WxH: v,v,...\"").arg(QString::fromUtf8(p.label));
        return o;
    case ParamType::Size:
        o["type"] = "integer";
        break;
    default:
        o["type"] = "number";
    }
    o["maximum"] = numberValue(p, p.maximum);
    // 0 where it stands for something else ("from sigma"), else the range from the minimum.
    QJsonObject allowed{{"minimum", numberValue(p, p.minimum)}};
    if (p.type == ParamType::Size && p.oddOnly)
        allowed["not"] = QJsonObject{{"multipleOf", 2}};
    if (p.zeroMeansAuto) {
        o["minimum"] = 0;
        o["anyOf"] = QJsonArray{QJsonObject{{"const", 0}}, allowed};
    } else {
        o["minimum"] = numberValue(p, p.minimum);
        if (allowed.contains("not"))
            o["anyOf"] = QJsonArray{allowed};
    }
    return o;
}

// What every step may carry besides its filter's parameters.
QJsonObject commonStepProperties()
{
    return {
        {"border", QJsonObject{{"enum", names(borderModeNames())}}},
        {"alpha", QJsonObject{{"enum", names(alphaModeNames())}}},
        {"linear", QJsonObject{{"type", "boolean"}}},
        {"enabled", QJsonObject{{"type", "boolean"}}},
        {"opacity", QJsonObject{{"description", "percent of the step's result blended over its input"},
                                {"type", "number"},
                                {"minimum", 0},
                                {"maximum", 100}}},
        {"channels", QJsonObject{{"description", "the channels the step changes"},
                                 {"type", "string"},
                                 {"pattern", "^[rgbaRGBA]+$"}}},
        {"region", QJsonObject{{"description", "x, y, width, height in image pixels"},
                               {"type", "array"},
                               {"prefixItems", QJsonArray{QJsonObject{{"type", "integer"}}, QJsonObject{{"type", "integer"}},
                                                          QJsonObject{{"type", "integer"}, {"minimum", 1}},
                                                          QJsonObject{{"type", "integer"}, {"minimum", 1}}}},
                               {"minItems", 4},
                               {"maxItems", 4}}},
    };
}

} // namespace

QByteArray recipeSchemaJson()
{
    QJsonArray filterNames, branches;
    QJsonObject defs;
    for (const FilterDeclaration *f : allFilters()) {
        const QString name = QLatin1String(f->name);
        filterNames.append(name);
        QJsonObject properties = commonStepProperties();
        properties["filter"] = QJsonObject{{"const", name}};
        for (const ParamDeclaration &p : f->params)
            properties[QLatin1String(p.key)] = paramSchema(p);
        defs[name] = QJsonObject{{"description", QString::fromUtf8(f->displayName) + ": " +
                                                     QString::fromUtf8(f->description)},
                                 {"properties", properties},
                                 {"additionalProperties", false}};
        branches.append(QJsonObject{{"if", QJsonObject{{"properties", QJsonObject{{"filter", QJsonObject{{"const", name}}}}}}},
                                    {"then", QJsonObject{{"$ref", "#/$defs/" + name}}}});
    }
    defs["step"] = QJsonObject{{"type", "object"},
                               {"required", QJsonArray{"filter"}},
                               {"properties", QJsonObject{{"filter", QJsonObject{{"enum", filterNames}}}}},
                               {"allOf", branches}};
    const QJsonObject schema{
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"title", "Kernel Studio recipe"},
        {"description", "Filter steps applied in order (kernel-studio-cli apply --recipe, the editor's stack). "
                        "Generated by 'kernel-studio-cli recipe --schema' from the filter declarations."},
        {"type", "object"},
        {"required", QJsonArray{"format", "steps"}},
        {"properties", QJsonObject{{"format", QJsonObject{{"const", "kernel-studio-recipe"}}},
                                   {"version", QJsonObject{{"type", "integer"}, {"minimum", 1}, {"maximum", 1}}},
                                   {"steps", QJsonObject{{"type", "array"}, {"items", QJsonObject{{"$ref", "#/$defs/step"}}}}},
                                   {"opacity", QJsonObject{{"description", "percent of the stack's result blended over the original"},
                                                           {"type", "number"},
                                                           {"minimum", 0},
                                                           {"maximum", 100}}}}},
        {"$defs", defs},
    };
    return QJsonDocument(schema).toJson(QJsonDocument::Indented);
}

QByteArray filtersJson()
{
    QJsonArray filters;
    for (const FilterDeclaration *f : allFilters()) {
        const FilterSettings defaults(*f);
        QJsonArray params;
        for (const ParamDeclaration &p : f->params)
            params.append(paramJson(p, defaults));
        filters.append(QJsonObject{{"name", QLatin1String(f->name)},
                                   {"displayName", QString::fromUtf8(f->displayName)},
                                   {"description", QString::fromUtf8(f->description)},
                                   {"kernelRole", QLatin1String(kernelRoleName(f->kernelRole))},
                                   {"defaultSpec", filterSpec(defaults)},
                                   {"params", params}});
    }
    const QJsonObject common{
        {"border", QJsonObject{{"values", names(borderModeNames())}, {"default", "clamp"}}},
        {"alpha", QJsonObject{{"values", names(alphaModeNames())}, {"default", "premultiplied"}}},
        {"linear", QJsonObject{{"type", "switch"}, {"default", false}}},
        {"region", QJsonObject{{"type", "x;y;width;height"}, {"default", QJsonValue::Null}}},
        {"enabled", QJsonObject{{"type", "switch"}, {"default", true}}},
        {"opacity", QJsonObject{{"type", "number"}, {"minimum", 0}, {"maximum", 100}, {"default", 100}}},
        {"channels", QJsonObject{{"type", "letters of rgba"}, {"default", "rgba"}}},
    };
    return QJsonDocument(QJsonObject{{"format", "kernel-studio-filters"},
                                     {"version", 1},
                                     {"filters", filters},
                                     {"commonOptions", common}})
        .toJson(QJsonDocument::Indented);
}

QByteArray kernelJson(const FilterSettings &settings)
{
    const Kernel k = settings.kernel();
    QJsonArray rows;
    for (int y = 0; y < k.height(); ++y) {
        QJsonArray row;
        for (int x = 0; x < k.width(); ++x)
            row.append(double(k.at(x, y)));
        rows.append(row);
    }
    QJsonValue separable = QJsonValue::Null;
    if (const auto factors = k.separableFactors())
        separable = QJsonObject{{"column", floats(factors->column)}, {"row", floats(factors->row)}};
    return QJsonDocument(QJsonObject{{"filter", QLatin1String(settings.filter().name)},
                                     {"spec", filterSpec(settings)},
                                     {"role", QLatin1String(kernelRoleName(settings.filter().kernelRole))},
                                     {"width", k.width()},
                                     {"height", k.height()},
                                     {"anchor", QJsonObject{{"x", k.anchorX()}, {"y", k.anchorY()}}},
                                     {"factor", k.factor()},
                                     {"bias", k.bias()},
                                     {"sum", k.sum()},
                                     {"effectiveSum", k.effectiveSum()},
                                     {"weights", rows},
                                     {"separable", separable},
                                     {"text", kernelToText(k)}})
        .toJson(QJsonDocument::Indented);
}

} // namespace ks::cli
