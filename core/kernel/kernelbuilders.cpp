#include "kernelbuilders.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ks {

namespace {

Kernel fromRows(int width, int height, std::initializer_list<float> values, double factor = 1.0)
{
    Kernel k(width, height, std::vector<float>(values));
    k.setFactor(factor);
    return k;
}

int oddSide(int size)
{
    size = std::clamp(size, 1, Kernel::MaxSide);
    return size % 2 == 1 ? size : size + 1;
}

} // namespace

int gaussianSizeForSigma(double sigma)
{
    // Clamp in double first: a huge sigma must not overflow the int conversion.
    const double radius = std::min(std::ceil(3.0 * std::max(sigma, 0.0)), double(Kernel::MaxSide / 2));
    return 2 * int(radius) + 1;
}

Kernel identity()
{
    return Kernel();
}

std::vector<float> gaussian1D(int size, double sigma)
{
    size = size == 0 ? gaussianSizeForSigma(sigma) : oddSide(size);
    sigma = std::max(sigma, 1e-3);
    const int radius = size / 2;
    std::vector<double> w(static_cast<size_t>(size));
    double total = 0.0;
    for (int i = 0; i < size; ++i) {
        const double r = i - radius;
        w[size_t(i)] = std::exp(-r * r / (2.0 * sigma * sigma));
        total += w[size_t(i)];
    }
    std::vector<float> out(static_cast<size_t>(size));
    for (int i = 0; i < size; ++i)
        out[size_t(i)] = float(w[size_t(i)] / total);
    return out;
}

Kernel gaussian(int size, double sigma)
{
    // The outer product of the normalised 1-D Gaussian is the sampled 2-D Gaussian, normalised.
    const std::vector<float> g = gaussian1D(size, sigma);
    const int n = int(g.size());
    std::vector<float> w(size_t(n) * size_t(n));
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            w[size_t(y * n + x)] = float(double(g[size_t(y)]) * double(g[size_t(x)]));
    return Kernel(n, n, std::move(w));
}

Kernel box(int size)
{
    size = std::clamp(size, 1, Kernel::MaxSide);
    const float weight = float(1.0 / (double(size) * double(size)));
    return Kernel(size, size, std::vector<float>(size_t(size) * size_t(size), weight));
}

namespace {

// A line through the centre at the angle, spanning the kernel's full extent along its dominant
// axis (so 45 degrees reaches the corners); `across(d)` weighs a cell by its distance d to the
// line. Normalised to sum 1.
template <typename Profile> Kernel streak(int size, double angleDegrees, Profile across)
{
    size = std::clamp(size, 1, Kernel::MaxSide);
    const double radians = angleDegrees * std::numbers::pi / 180.0;
    const double dx = std::cos(radians);
    const double dy = std::sin(radians);
    const double centre = (size - 1) / 2.0;
    const double dominant = std::max(std::fabs(dx), std::fabs(dy));
    std::vector<double> w(size_t(size) * size_t(size), 0.0);
    double total = 0.0;
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const double px = x - centre;
            const double py = y - centre;
            const double along = px * dx + py * dy;
            const double distance = std::fabs(-px * dy + py * dx);
            const double reach = std::clamp(centre + 1.0 - std::fabs(along * dominant), 0.0, 1.0);
            const double weight = across(distance) * reach;
            w[size_t(y * size + x)] = weight;
            total += weight;
        }
    }
    std::vector<float> out(w.size());
    for (size_t i = 0; i < w.size(); ++i)
        out[i] = float(w[i] / total);
    return Kernel(size, size, std::move(out));
}

} // namespace

Kernel motion(int size, double angleDegrees)
{
    return streak(size, angleDegrees, [](double d) { return std::max(0.0, 1.0 - d); });
}

Kernel motionStreak(int size, double sigma, double angleDegrees)
{
    const double s = std::max(sigma, 1e-3);
    return streak(size, angleDegrees, [s](double d) { return std::exp(-d * d / (2.0 * s * s)); });
}

Kernel gaussianSharpen(int size, double sigma, double amount)
{
    Kernel k = gaussian(size, sigma);
    const int c = k.width() / 2;
    for (int y = 0; y < k.height(); ++y)
        for (int x = 0; x < k.width(); ++x)
            k.set(x, y, float(-amount * double(k.at(x, y)) + (x == c && y == c ? 1.0 + amount : 0.0)));
    return k;
}

Kernel sharpen3x3()
{
    return fromRows(3, 3, {0, -1, 0, -1, 5, -1, 0, -1, 0});
}

Kernel sharpen5x5()
{
    // clang-format off
    return fromRows(5, 5, {-1, -1, -1, -1, -1,
                           -1,  2,  2,  2, -1,
                           -1,  2,  8,  2, -1,
                           -1,  2,  2,  2, -1,
                           -1, -1, -1, -1, -1}, 1.0 / 8.0);
    // clang-format on
}

Kernel emboss3x3()
{
    return fromRows(3, 3, {-2, -1, 0, -1, 1, 1, 0, 1, 2});
}

Kernel emboss5x5()
{
    // The 3x3 emboss's pattern widened: light from the top left, centre 1 so the sum is 1.
    // clang-format off
    return fromRows(5, 5, {-1, -1, -1, -1, 0,
                           -1, -1, -1,  0, 1,
                           -1, -1,  1,  1, 1,
                           -1,  0,  1,  1, 1,
                            0,  1,  1,  1, 1});
    // clang-format on
}

Kernel laplace4()
{
    return fromRows(3, 3, {0, -1, 0, -1, 4, -1, 0, -1, 0});
}

Kernel laplace8()
{
    return fromRows(3, 3, {-1, -1, -1, -1, 8, -1, -1, -1, -1});
}

Kernel sobelX()
{
    return fromRows(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1});
}

Kernel sobelY()
{
    return fromRows(3, 3, {-1, -2, -1, 0, 0, 0, 1, 2, 1});
}

Kernel binomial5x5()
{
    const float b[5] = {1, 4, 6, 4, 1};
    std::vector<float> w(25);
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 5; ++x)
            w[size_t(y * 5 + x)] = b[y] * b[x];
    Kernel k(5, 5, std::move(w));
    k.setFactor(1.0 / 256.0);
    return k;
}

} // namespace ks
