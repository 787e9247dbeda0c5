#include "presets.h"


#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

namespace ks {

namespace {

const QString FormatName = QStringLiteral("kernel-studio-presets");
constexpr int Version = 1;
const QString ReferencePrefix = QStringLiteral("Reference ");

} // namespace

QList<Preset> builtInPresets()
{
    // Compiled in, made and checked by this project (tst_presets): it always parses.
    QFile file(QStringLiteral(":/ks/presets/built-in.json"));
    file.open(QIODevice::ReadOnly);
    const Result<QList<Preset>> presets = presetsFromJson(file.readAll());
    Q_ASSERT_X(presets.ok(), "builtInPresets", qPrintable(presets.error()));
    return presets.ok() ? *presets : QList<Preset>();
}

Recipe referenceExample()
{
    Recipe recipe;
    for (const Preset &preset : builtInPresets())
        if (preset.name.startsWith(ReferencePrefix))
            recipe.steps << preset.recipe.steps;
    return recipe;
}

QByteArray presetsToJson(const QList<Preset> &presets)
{
    QJsonArray list;
    for (const Preset &preset : presets)
        list.append(
            QJsonObject{{QStringLiteral("name"), preset.name}, {QStringLiteral("steps"), stepsToJson(preset.recipe)}});
    const QJsonObject root{{QStringLiteral("format"), FormatName},
                           {QStringLiteral("version"), Version},
                           {QStringLiteral("presets"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<QList<Preset>> presetsFromJson(const QByteArray &json)
{
    const auto refuse = [](const QString &reason) { return Failure{reason}; };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return refuse(QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject() || doc.object().value(QStringLiteral("format")).toString() != FormatName)
        return refuse(QStringLiteral("not a Kernel Studio presets file (expected \"format\": \"%1\")").arg(FormatName));
    const QJsonObject root = doc.object();
    if (Status known = checkFormatVersion(root.value(QStringLiteral("version")), Version, QStringLiteral("presets"));
        !known)
        return refuse(known.error());
    const QJsonValue listValue = root.value(QStringLiteral("presets"));
    if (!listValue.isArray())
        return refuse(QStringLiteral("a presets file needs \"presets\": an array of presets"));

    QList<Preset> presets;
    QSet<QString> names;
    const QJsonArray list = listValue.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list[i].isObject())
            return refuse(QStringLiteral("preset %1 is not an object").arg(i + 1));
        const QJsonObject object = list[i].toObject();
        const QString name = object.value(QStringLiteral("name")).toString().trimmed();
        if (name.isEmpty())
            return refuse(QStringLiteral("preset %1 needs a \"name\"").arg(i + 1));
        if (names.contains(name))
            return refuse(QStringLiteral("two presets are called \"%1\"").arg(name));
        names.insert(name);
        const QJsonValue stepsValue = object.value(QStringLiteral("steps"));
        if (!stepsValue.isArray() || stepsValue.toArray().isEmpty())
            return refuse(QStringLiteral("preset \"%1\" needs \"steps\": a non-empty array of filter steps").arg(name));
        const Result<Recipe> steps = stepsFromJson(stepsValue.toArray());
        if (!steps)
            return refuse(QStringLiteral("preset \"%1\", %2").arg(name, steps.error()));
        presets.append({name, *steps});
    }
    return presets;
}

} // namespace ks
