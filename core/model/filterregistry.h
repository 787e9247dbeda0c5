#pragma once

#include "filterdeclaration.h"

#include <QString>

#include <span>

// Every filter the program knows, in the order `list` and the editor show them. The list
// itself is in filterregistry.cpp, one line per filter; each filter declares itself in its own
// file in core/filters/.
namespace ks {

std::span<const FilterDeclaration *const> allFilters();
// The filter of that spec name (any case), or nullptr.
const FilterDeclaration *findFilter(QAnyStringView name);
// The filter that applies any kernel typed in, with factor and bias ("custom").
const FilterDeclaration &customKernelFilter();
QString filterNames(); // "custom, gaussian, ..." for error messages

} // namespace ks
