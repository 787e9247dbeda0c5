#pragma once

#include <QColorSpace>

#include <memory>
#include <mutex>
#include <vector>

// Internal to the engine: the transfer curve ("gamma") of an image's colour space, which
// linear-light filtering undoes before the sums and applies again after them.
namespace ks::detail {

class TransferCurve
{
public:
    // The curve of `space`; an image without a colour space is sRGB. Shared: the few curves in
    // use are built once per process (a 16-bit table is 65536 evaluations). Thread-safe.
    static std::shared_ptr<const TransferCurve> of(const QColorSpace &space);

    // Encoded value (0..1) to linear light (0..1), and back.
    double toLinear(double encoded) const;
    double fromLinear(double linear) const;

    // Linear values of every 8-bit or 16-bit code, in the code's own units (0..255 or 0..65535).
    const std::vector<float> &table(bool sixteenBit) const;

    enum class Kind { Srgb, Gamma, Linear, ProPhoto, Sampled };
    Kind kind() const { return m_kind; }

private:
    TransferCurve() = default;

    Kind m_kind = Kind::Srgb;
    double m_gamma = 1.0;
    // Kind::Sampled (ICC curves Qt reports as Custom): linear light at 4096 evenly spaced codes,
    // monotonic, interpolated both ways.
    std::vector<double> m_samples;
    mutable std::once_flag m_once8, m_once16;
    mutable std::vector<float> m_table8, m_table16;
};

} // namespace ks::detail
