#pragma once

#include "filtersettings.h"

#include <QByteArray>
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

} // namespace ks
