#include "recipe.h"

#include "kernelbuilders.h"
#include "kerneltext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace ks {

namespace {
const QString FormatName = QStringLiteral("kernel-studio-recipe");
constexpr int Version = 1;
} // namespace

QJsonArray stepsToJson(const Recipe &recipe)
{
    QJsonArray steps;
    for (const FilterSettings &step : recipe.steps)
        steps.append(filterToJson(step));
    return steps;
}

Parsed<Recipe> stepsFromJson(const QJsonArray &steps)
{
    Recipe recipe;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (!steps[i].isObject())
            return {std::nullopt, QStringLiteral("step %1 is not an object").arg(i + 1)};
        Parsed<FilterSettings> step = filterFromJson(steps[i].toObject());
        if (!step.ok())
            return {std::nullopt, QStringLiteral("step %1: %2").arg(i + 1).arg(step.error)};
        recipe.steps.append(*step.value);
    }
    return {recipe, {}};
}

QByteArray recipeToJson(const Recipe &recipe)
{
    const QJsonObject root{{QStringLiteral("format"), FormatName},
                           {QStringLiteral("version"), Version},
                           {QStringLiteral("steps"), stepsToJson(recipe)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Parsed<Recipe> recipeFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return {std::nullopt,
                QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset)};
    if (!doc.isObject() || doc.object().value(QStringLiteral("format")).toString() != FormatName)
        return {std::nullopt,
                QStringLiteral("not a Kernel Studio recipe (expected \"format\": \"%1\")").arg(FormatName)};
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("version")).toInt() > Version)
        return {std::nullopt, QStringLiteral("recipe version %1 is newer than this program reads (%2)")
                                  .arg(root.value(QStringLiteral("version")).toInt())
                                  .arg(Version)};
    const QJsonValue stepsValue = root.value(QStringLiteral("steps"));
    if (!stepsValue.isArray())
        return {std::nullopt, QStringLiteral("a recipe needs \"steps\": an array of filter steps")};
    return stepsFromJson(stepsValue.toArray());
}

Recipe referenceExample()
{
    // One size, sigma and angle for every step, as in the reference's example.
    const QString gaussianKernel = u'"' + kernelToText(gaussian(5, 1.5)) + u'"';
    const QString customKernel = QStringLiteral(
        "\"5x7: 0,0,1,0,0, 0,1,1,1,0, 0,1,2,1,0, 1,2,10,2,1, 0,1,2,1,0, 0,1,1,1,0, 0,0,1,0,0\"");
    const QString zeroImaginary = QStringLiteral("\"5x7: %1\"").arg(QStringList(35, QStringLiteral("0")).join(u','));
    const QStringList specs = {
        QStringLiteral("emboss3x3"),
        QStringLiteral("emboss5x5"),
        QStringLiteral("sharpen3x3"),
        QStringLiteral("sharpen5x5"),
        QStringLiteral("box:size=5"),
        QStringLiteral("motion:size=5,angle=45"),
        QStringLiteral("custom:kernel=") + gaussianKernel,
        QStringLiteral("custom:kernel=%1,factor=0.03125").arg(customKernel),
        QStringLiteral("gaussian:size=5,sigma=1.5"),
        QStringLiteral("gaussian-sharpen:size=5,sigma=1.5,amount=1"),
        QStringLiteral("median:size=5"),
        QStringLiteral("deconvolution:kernel=") + gaussianKernel,
        QStringLiteral("deconvolution:kernel=") + customKernel,
        QStringLiteral("deconvolution:kernel=%1,imaginary=%2").arg(customKernel, zeroImaginary),
        QStringLiteral("gauss-wiener:size=5,sigma=1.5"),
        QStringLiteral("motion-wiener:size=5,sigma=1.5,angle=45"),
    };
    Recipe recipe;
    for (const QString &spec : specs)
        recipe.steps << *parseFilterSpec(spec).value; // fixed text, known to parse
    return recipe;
}

QString eachFileName(const QString &stem, qsizetype index, qsizetype count)
{
    const int digits = int(QString::number(count).size());
    return QStringLiteral("%1-%2.png").arg(stem).arg(index, digits, 10, QLatin1Char('0'));
}

} // namespace ks
