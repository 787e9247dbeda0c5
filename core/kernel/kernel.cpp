#include "kernel.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ks {

namespace {

bool isWholeNumber(float v)
{
    return std::isfinite(v) && std::nearbyint(v) == v && std::fabs(v) < (1 << 24);
}

// Divides integer factors by their common divisor so that e.g. the binomial's column
// [6 24 36 24 6] becomes [1 4 6 4 1]; the scale moves into the other factor.
long long commonDivisor(const std::vector<float> &values)
{
    long long g = 0;
    for (float v : values)
        g = std::gcd(g, static_cast<long long>(std::llabs(std::llround(v))));
    return g;
}

} // namespace

Kernel::Kernel() = default;

Kernel::Kernel(int width, int height, std::vector<float> weights)
    : m_width(std::clamp(width, 1, MaxSide)), m_height(std::clamp(height, 1, MaxSide)), m_weights(std::move(weights)),
      m_anchorX((m_width - 1) / 2), m_anchorY((m_height - 1) / 2)
{
    m_weights.resize(size_t(m_width) * size_t(m_height), 0.0f);
}

void Kernel::setAnchor(int x, int y)
{
    m_anchorX = std::clamp(x, 0, m_width - 1);
    m_anchorY = std::clamp(y, 0, m_height - 1);
}

bool Kernel::hasCentredAnchor() const
{
    return m_anchorX == (m_width - 1) / 2 && m_anchorY == (m_height - 1) / 2;
}

double Kernel::sum() const
{
    double s = 0.0;
    for (float w : m_weights)
        s += w;
    return s;
}

double Kernel::effectiveSum() const
{
    return m_factor * sum();
}

bool Kernel::isFinite() const
{
    return std::isfinite(m_factor) && std::isfinite(m_bias) &&
           std::all_of(m_weights.begin(), m_weights.end(), [](float w) { return std::isfinite(w); });
}

Kernel Kernel::normalized() const
{
    const double s = effectiveSum();
    if (std::fabs(s) < 1e-12)
        return *this;
    Kernel k = *this;
    for (float &w : k.m_weights)
        w = float(double(w) * m_factor / s);
    k.m_factor = 1.0;
    return k;
}

std::optional<Kernel::Factors> Kernel::separableFactors() const
{
    // Rank 1 means every row is a multiple of the row through the largest weight.
    const auto pivotIt = std::max_element(m_weights.begin(), m_weights.end(),
                                          [](float a, float b) { return std::fabs(a) < std::fabs(b); });
    const float pivot = *pivotIt;
    if (pivot == 0.0f)
        return std::nullopt;
    const int pivotIndex = int(pivotIt - m_weights.begin());
    const int px = pivotIndex % m_width;
    const int py = pivotIndex / m_width;

    Factors f;
    f.row.resize(size_t(m_width));
    f.column.resize(size_t(m_height));
    for (int x = 0; x < m_width; ++x)
        f.row[size_t(x)] = at(x, py);
    for (int y = 0; y < m_height; ++y)
        f.column[size_t(y)] = at(px, y);

    const bool integral = std::all_of(m_weights.begin(), m_weights.end(), isWholeNumber);
    if (integral) {
        // Primitive integer factors times a whole scale (it is whole when the kernel is):
        // integer kernels stay exact, e.g. the binomial gives [1 4 6 4 1] twice.
        const long long gc = commonDivisor(f.column);
        const long long gr = commonDivisor(f.row);
        for (float &v : f.column)
            v = float(double(v) / double(gc));
        for (float &v : f.row)
            v = float(double(v) / double(gr));
        const double scale = double(pivot) / (double(f.column[size_t(py)]) * double(f.row[size_t(px)]));
        for (float &v : f.column)
            v = float(double(v) * scale);
    } else {
        for (float &v : f.row)
            v = float(double(v) / double(pivot));
    }

    const double tolerance = 1e-5 * std::fabs(double(pivot));
    for (int y = 0; y < m_height; ++y)
        for (int x = 0; x < m_width; ++x)
            if (std::fabs(double(f.column[size_t(y)]) * double(f.row[size_t(x)]) - double(at(x, y))) > tolerance)
                return std::nullopt;
    return f;
}

} // namespace ks
