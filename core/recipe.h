#pragma once

#include "filtersettings.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>

namespace ks {

// An ordered list of filter steps, applied one after the other.
// JSON: {"format": "kernel-studio-recipe", "version": 1, "steps": [ {filter...}, ... ]}
struct Recipe
{
    QList<FilterSettings> steps;
    bool operator==(const Recipe &other) const = default;
};

QByteArray recipeToJson(const Recipe &recipe);
Parsed<Recipe> recipeFromJson(const QByteArray &json);

// Just the "steps" array, for files that hold recipes inside something else (presets).
// Refusals say which step: "step 2: ...".
QJsonArray stepsToJson(const Recipe &recipe);
Parsed<Recipe> stepsFromJson(const QJsonArray &steps);

// The reference library's kernel-filter example, all sixteen filters, as steps to apply one
// at a time: emboss and sharpen 3x3/5x5, box and motion blur, the Gaussian kernel as a
// convolution, a custom 5x7 kernel, Gaussian blur and Gaussian sharpen (5, 1.5), median (5),
// Wiener deconvolution of the Gaussian and of the custom kernel (real, and complex with a zero
// imaginary part, as the reference's to_complex makes it), Gauss-Wiener (5, 1.5) and
// Motion-Wiener (5, 1.5, 45). Used by `scripts/samples.sh`, the command line's --example and
// the editor's Export Each Filter.
Recipe referenceExample();

// The file name `each` writes for step `index` (1-based) of `count`: "<stem>-<index>.png",
// the index zero-padded to the digits of `count` so the files sort in step order.
QString eachFileName(const QString &stem, qsizetype index, qsizetype count);

} // namespace ks
