#include "transfercurve.h"

#include <QColorTransform>
#include <QRgba64>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace ks::detail {

namespace {

constexpr int SampleCount = 4096;

// A curve Qt only knows as ICC tables: sampled through a transform to the same primaries with
// a linear curve, so the matrices cancel and only the curve remains (the green channel's).
std::vector<double> sampledCurve(const QColorSpace &space)
{
    const QColorSpace linear = space.withTransferFunction(QColorSpace::TransferFunction::Linear);
    const QColorTransform transform = space.transformationToColorSpace(linear);
    std::vector<double> samples(SampleCount);
    for (int i = 0; i < SampleCount; ++i) {
        const auto v = quint16(std::lround(65535.0 * i / (SampleCount - 1)));
        samples[size_t(i)] = transform.map(QRgba64::fromRgba64(v, v, v, 65535)).green() / 65535.0;
    }
    for (size_t i = 1; i < samples.size(); ++i) // a curve that dips would make the inverse ambiguous
        samples[i] = std::max(samples[i], samples[i - 1]);
    return samples;
}

} // namespace

std::shared_ptr<const TransferCurve> TransferCurve::of(const QColorSpace &space)
{
    static std::mutex mutex;
    static std::map<QByteArray, std::shared_ptr<const TransferCurve>> cache;
    const QByteArray key = space.isValid() ? space.iccProfile() : QByteArray();
    const std::lock_guard lock(mutex);
    if (auto found = cache.find(key); found != cache.end())
        return found->second;

    std::shared_ptr<TransferCurve> curve(new TransferCurve);
    if (space.isValid()) {
        switch (space.transferFunction()) {
        case QColorSpace::TransferFunction::SRgb:
            curve->m_kind = Kind::Srgb;
            break;
        case QColorSpace::TransferFunction::Linear:
            curve->m_kind = Kind::Linear;
            break;
        case QColorSpace::TransferFunction::Gamma: // Adobe RGB: 563/256
            curve->m_kind = Kind::Gamma;
            curve->m_gamma = double(space.gamma());
            break;
        case QColorSpace::TransferFunction::ProPhotoRgb:
            curve->m_kind = Kind::ProPhoto;
            break;
        case QColorSpace::TransferFunction::Custom:
            curve->m_kind = Kind::Sampled;
            curve->m_samples = sampledCurve(space);
            break;
        }
    }
    if (cache.size() > 16) // a batch over many different profiles must not grow this for ever
        cache.clear();
    cache.emplace(key, curve);
    return curve;
}

double TransferCurve::toLinear(double c) const
{
    switch (m_kind) {
    case Kind::Srgb:
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    case Kind::Gamma:
        return std::pow(c, m_gamma);
    case Kind::Linear:
        return c;
    case Kind::ProPhoto:
        return c < 16.0 / 512.0 ? c / 16.0 : std::pow(c, 1.8);
    case Kind::Sampled: {
        const double at = std::clamp(c, 0.0, 1.0) * (SampleCount - 1);
        const int i = std::min(int(at), SampleCount - 2);
        return m_samples[size_t(i)] + (at - i) * (m_samples[size_t(i) + 1] - m_samples[size_t(i)]);
    }
    }
    return c;
}

double TransferCurve::fromLinear(double c) const
{
    switch (m_kind) {
    case Kind::Srgb:
        return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
    case Kind::Gamma:
        return std::pow(c, 1.0 / m_gamma);
    case Kind::Linear:
        return c;
    case Kind::ProPhoto:
        return c < 1.0 / 512.0 ? c * 16.0 : std::pow(c, 1.0 / 1.8);
    case Kind::Sampled: {
        const auto upper = std::upper_bound(m_samples.begin(), m_samples.end(), c);
        if (upper == m_samples.begin())
            return 0.0;
        if (upper == m_samples.end())
            return 1.0;
        const auto i = upper - m_samples.begin() - 1;
        const double span = m_samples[size_t(i) + 1] - m_samples[size_t(i)];
        const double within = span > 0 ? (c - m_samples[size_t(i)]) / span : 0.0;
        return (double(i) + within) / (SampleCount - 1);
    }
    }
    return c;
}

const std::vector<float> &TransferCurve::table(bool sixteenBit) const
{
    auto build = [this](std::vector<float> &t, int codes) {
        t.resize(size_t(codes));
        const double max = codes - 1;
        for (int i = 0; i < codes; ++i)
            t[size_t(i)] = float(max * toLinear(i / max));
    };
    if (sixteenBit) {
        std::call_once(m_once16, build, std::ref(m_table16), 65536);
        return m_table16;
    }
    std::call_once(m_once8, build, std::ref(m_table8), 256);
    return m_table8;
}

} // namespace ks::detail
