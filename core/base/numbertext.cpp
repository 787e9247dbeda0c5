#include "numbertext.h"

#include <charconv>

namespace ks {

namespace {

template <typename T> QString shortest(T value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

} // namespace

QString numberText(double value)
{
    return shortest(value);
}

QString numberText(float value)
{
    return shortest(value);
}

} // namespace ks
