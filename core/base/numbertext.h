#pragma once

#include <QString>

namespace ks {

// The shortest decimal text that reads back as the same value ("0.1", "10", "1e-07"),
// independent of the locale. The float overload is shortest for the float, not the double.
QString numberText(double value);
QString numberText(float value);

} // namespace ks
