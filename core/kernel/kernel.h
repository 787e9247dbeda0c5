#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace ks {

// A convolution kernel: width x height float weights stored row-major, an anchor
// (the cell that lies over the output pixel), a factor and a bias.
// The filter output is clamp(factor * sum(weight * pixel) + bias), with bias in
// 8-bit units (the engine scales it by 257 for 16-bit images).
// A plain value: copyable, no sharing, safe to use from any thread once built.
class Kernel
{
public:
    static constexpr int MaxSide = 1001;

    struct Factors // the two 1-D factors of a separable kernel: weight(x, y) = column[y] * row[x]
    {
        std::vector<float> row;    // width entries
        std::vector<float> column; // height entries
    };

    Kernel(); // 1x1 identity
    // Weights must hold width * height values; sides must be in 1..MaxSide.
    // The anchor defaults to the centre (floor for even sides).
    Kernel(int width, int height, std::vector<float> weights);

    int width() const { return m_width; }
    int height() const { return m_height; }
    const std::vector<float> &weights() const { return m_weights; }
    float at(int x, int y) const { return m_weights[size_t(y) * size_t(m_width) + size_t(x)]; }
    void set(int x, int y, float value) { m_weights[size_t(y) * size_t(m_width) + size_t(x)] = value; }

    int anchorX() const { return m_anchorX; }
    int anchorY() const { return m_anchorY; }
    void setAnchor(int x, int y); // clamped into the kernel
    bool hasCentredAnchor() const;

    double factor() const { return m_factor; }
    void setFactor(double factor) { m_factor = factor; }
    double bias() const { return m_bias; }
    void setBias(double bias) { m_bias = bias; }

    double sum() const;          // sum of the weights, factor not applied
    double effectiveSum() const; // factor * sum(): 1 for kernels that keep brightness
    bool isFinite() const;       // no NaN or infinity in weights, factor or bias

    // A copy whose weights sum to 1 with factor 1; a zero-sum kernel is returned unchanged.
    Kernel normalized() const;

    // The 1-D factors when the kernel has rank 1 within a relative tolerance of its
    // largest weight; std::nullopt otherwise. Integer kernels give integer factors
    // (e.g. the 5x5 binomial gives [1 4 6 4 1] twice), so integer arithmetic stays exact.
    std::optional<Factors> separableFactors() const;
    bool isSeparable() const { return separableFactors().has_value(); }

    bool operator==(const Kernel &other) const = default;

private:
    int m_width = 1;
    int m_height = 1;
    std::vector<float> m_weights{1.0f};
    int m_anchorX = 0;
    int m_anchorY = 0;
    double m_factor = 1.0;
    double m_bias = 0.0;
};

} // namespace ks
