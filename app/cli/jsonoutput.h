#pragma once

#include "filtersettings.h"

#include <QByteArray>

// The machine-readable forms of `list` and `kernel`, read from the filter declarations.
// Their shapes are described in docs/cli-json.md.
namespace ks::cli {

// {"format": "kernel-studio-filters", "version": 1, "filters": [...], "commonOptions": {...}}
QByteArray filtersJson();

// {"filter", "spec", "role", "width", "height", "anchor": {x, y}, "factor", "bias", "sum",
//  "effectiveSum", "weights": [[row], ...], "separable": {"column": [...], "row": [...]} | null,
//  "text"}
QByteArray kernelJson(const FilterSettings &settings);

// The JSON Schema (draft 2020-12) of recipe files as recipeToJson() writes them, one branch per
// filter with its parameters' types and ranges; docs/recipe.schema.json is this output.
QByteArray recipeSchemaJson();

} // namespace ks::cli
