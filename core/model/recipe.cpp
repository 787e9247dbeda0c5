#include "recipe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

#include <cmath>
#include <limits>

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

Result<Recipe> stepsFromJson(const QJsonArray &steps)
{
    Recipe recipe;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (!steps[i].isObject())
            return Failure{QStringLiteral("step %1 is not an object").arg(i + 1)};
        Result<FilterSettings> step = filterFromJson(steps[i].toObject());
        if (!step)
            return Failure{QStringLiteral("step %1: %2").arg(i + 1).arg(step.error())};
        recipe.steps.append(*step);
    }
    return recipe;
}

QByteArray recipeToJson(const Recipe &recipe)
{
    QJsonObject root{{QStringLiteral("format"), FormatName},
                     {QStringLiteral("version"), Version},
                     {QStringLiteral("steps"), stepsToJson(recipe)}};
    if (recipe.opacity != 100.0)
        root.insert(QStringLiteral("opacity"), recipe.opacity);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<Recipe> recipeFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return Failure{QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset)};
    if (!doc.isObject() || doc.object().value(QStringLiteral("format")).toString() != FormatName)
        return Failure{QStringLiteral("not a Kernel Studio recipe (expected \"format\": \"%1\")").arg(FormatName)};
    const QJsonObject root = doc.object();
    if (Status known = checkFormatVersion(root.value(QStringLiteral("version")), Version, QStringLiteral("recipe"));
        !known)
        return Failure{known.error()};
    const QJsonValue stepsValue = root.value(QStringLiteral("steps"));
    if (!stepsValue.isArray())
        return Failure{QStringLiteral("a recipe needs \"steps\": an array of filter steps")};
    Result<Recipe> recipe = stepsFromJson(stepsValue.toArray());
    if (recipe && root.contains(QStringLiteral("opacity"))) {
        const QJsonValue opacity = root.value(QStringLiteral("opacity"));
        if (!opacity.isDouble() || !(opacity.toDouble() >= 0 && opacity.toDouble() <= 100))
            return Failure{QStringLiteral("the recipe's \"opacity\" must be a number from 0 to 100")};
        recipe->opacity = opacity.toDouble();
    }
    return recipe;
}

Status checkFormatVersion(const QJsonValue &version, int current, const QString &kind)
{
    if (version.isUndefined())
        return {};
    const double v = version.toDouble(-1.0);
    if (!version.isDouble() || v != std::floor(v) || v < 1.0 || v > double(std::numeric_limits<int>::max()))
        return Failure{QStringLiteral("unknown %1 version %2 (this program reads versions 1 to %3)")
                           .arg(kind,
                                QString::fromUtf8(QJsonDocument(QJsonArray{version}).toJson(QJsonDocument::Compact))
                                    .mid(1)
                                    .chopped(1))
                           .arg(current)};
    if (v > current)
        return Failure{QStringLiteral("%1 version %2 is newer than this program reads (%3)").arg(kind).arg(int(v)).arg(current)};
    return {};
}

QString eachFileName(const QString &stem, qsizetype index, qsizetype count)
{
    const int digits = int(QString::number(count).size());
    return QStringLiteral("%1-%2.png").arg(stem).arg(index, digits, 10, QLatin1Char('0'));
}

} // namespace ks
