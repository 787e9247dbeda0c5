#include "presets.h"

#include "filtercatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

namespace ks {

namespace {

const QString FormatName = QStringLiteral("kernel-studio-presets");
constexpr int Version = 1;

Preset oneStep(const QString &name, const QString &spec)
{
    return {name, Recipe{{*parseFilterSpec(spec).value}}}; // fixed text, known to parse
}

} // namespace

QList<Preset> builtInPresets()
{
    // Names for the reference steps, in referenceExample()'s order: what each one is, so the
    // menu tells them apart (three are deconvolutions of a custom kernel).
    static const char *const ReferenceNames[] = {
        "Emboss 3×3",
        "Emboss 5×5",
        "Sharpen 3×3",
        "Sharpen 5×5",
        "Box blur 5",
        "Motion blur 5, 45°",
        "Gaussian kernel 5×5 as custom",
        "Custom kernel 5×7",
        "Gaussian blur 5, σ 1.5",
        "Gaussian sharpen 5, σ 1.5",
        "Median 5",
        "Deconvolution of the Gaussian kernel",
        "Deconvolution of the custom 5×7 kernel",
        "Deconvolution of the custom 5×7 kernel (complex)",
        "Gauss-Wiener 5, σ 1.5",
        "Motion-Wiener 5, σ 1.5, 45°",
    };
    const Recipe example = referenceExample();
    static_assert(std::size(ReferenceNames) == 16);
    Q_ASSERT(example.steps.size() == qsizetype(std::size(ReferenceNames)));

    QList<Preset> presets;
    for (qsizetype i = 0; i < example.steps.size(); ++i)
        presets.append({QStringLiteral("Reference %1: %2").arg(i + 1).arg(QString::fromUtf8(ReferenceNames[i])),
                        Recipe{{example.steps[i]}}});
    presets << oneStep(QStringLiteral("Soft blur"), QStringLiteral("gaussian:size=0,sigma=1"))
            << oneStep(QStringLiteral("Strong blur"), QStringLiteral("gaussian:size=0,sigma=6"))
            << oneStep(QStringLiteral("Box blur 9"), QStringLiteral("box:size=9"))
            << oneStep(QStringLiteral("Motion blur 15, horizontal"), QStringLiteral("motion:size=15,angle=0"))
            << oneStep(QStringLiteral("Unsharp mask"), QStringLiteral("gaussian-sharpen:size=0,sigma=2,amount=0.8"))
            << oneStep(QStringLiteral("Strong sharpen"), QStringLiteral("gaussian-sharpen:size=0,sigma=1,amount=2.5"))
            << oneStep(QStringLiteral("Edges (Laplacian)"), QStringLiteral("laplace8"))
            << oneStep(QStringLiteral("Denoise (median 3)"), QStringLiteral("median:size=3"))
            << oneStep(QStringLiteral("Smooth (bilateral)"), QStringLiteral("bilateral"));
    // Two steps: smooth the noise away first, then bring the edges back.
    presets.append({QStringLiteral("Denoise and sharpen"),
                    Recipe{{*parseFilterSpec(QStringLiteral("median:size=3")).value,
                            *parseFilterSpec(QStringLiteral("gaussian-sharpen:size=0,sigma=1.5,amount=1")).value}}});
    return presets;
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

Parsed<QList<Preset>> presetsFromJson(const QByteArray &json)
{
    const auto refuse = [](const QString &reason) { return Parsed<QList<Preset>>{std::nullopt, reason}; };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return refuse(QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject() || doc.object().value(QStringLiteral("format")).toString() != FormatName)
        return refuse(QStringLiteral("not a Kernel Studio presets file (expected \"format\": \"%1\")").arg(FormatName));
    const QJsonObject root = doc.object();
    if (const int version = root.value(QStringLiteral("version")).toInt(); version > Version)
        return refuse(
            QStringLiteral("presets version %1 is newer than this program reads (%2)").arg(version).arg(Version));
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
        const Parsed<Recipe> steps = stepsFromJson(stepsValue.toArray());
        if (!steps.ok())
            return refuse(QStringLiteral("preset \"%1\", %2").arg(name, steps.error));
        presets.append({name, *steps.value});
    }
    return {presets, {}};
}

} // namespace ks
