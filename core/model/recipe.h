#pragma once

#include "filtersettings.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>

namespace ks {

// An ordered list of filter steps, applied one after the other, and how much of the stack's
// result to blend over the original (as a step's opacity does for the step).
// JSON: {"format": "kernel-studio-recipe", "version": 1, "steps": [ {filter...}, ... ]}, with
// "opacity": percent when it is not 100.
struct Recipe
{
    QList<FilterSettings> steps;
    double opacity = 100.0; // percent
    bool operator==(const Recipe &other) const = default;
};

QByteArray recipeToJson(const Recipe &recipe);
Result<Recipe> recipeFromJson(const QByteArray &json);

// Just the "steps" array, for files that hold recipes inside something else (presets).
// Refusals say which step: "step 2: ...".
QJsonArray stepsToJson(const Recipe &recipe);
Result<Recipe> stepsFromJson(const QJsonArray &steps);

// The "version" of a recipe or presets file (`kind` names it in the reason): absent means 1;
// otherwise a whole number from 1 to `current`. Strings, fractions, 1e300 and numbers past
// int are unknown versions and refused, as are newer ones.
Status checkFormatVersion(const QJsonValue &version, int current, const QString &kind);

// The file name `each` writes for step `index` (1-based) of `count`: "<stem>-<index>.png",
// the index zero-padded to the digits of `count` so the files sort in step order.
QString eachFileName(const QString &stem, qsizetype index, qsizetype count);

} // namespace ks
