#include "workimage.h"

#include "borders.h"

#include "simdkernels.h"

#include <algorithm>
#include <cmath>

namespace ks::detail {

namespace {

template <typename Channel> void decodePixels(const Channel *in, int width, const PixelCodec &codec, float *out)
{
    const std::vector<float> *linear = codec.linearLight ? &codec.curve->table(codec.sixteenBit) : nullptr;
    const bool premultiply = codec.alpha == AlphaMode::Premultiplied;
    for (int x = 0; x < width; ++x, in += 4, out += 4) {
        const float a = float(in[3]);
        const float scale = premultiply ? a / codec.maxValue : 1.0f;
        for (int c = 0; c < 3; ++c) {
            const float v = linear ? (*linear)[in[c]] : float(in[c]);
            out[c] = v * scale;
        }
        out[3] = a;
    }
}

template <typename Channel> Channel toChannel(float v, float maxValue)
{
    return Channel(std::lround(std::clamp(v, 0.0f, maxValue)));
}

template <typename Channel>
void encodePixels(const float *sums, int width, const PixelCodec &codec, const EncodeParams &p,
                  const Channel *original, Channel *px)
{
    const float max = codec.maxValue;
    for (int x = 0; x < width; ++x, sums += 4, px += 4, original += 4) {
        const float originalAlpha = float(original[3]);
        const bool keepAlpha = !p.filterAlpha || codec.alpha == AlphaMode::Ignore;
        const float alpha = keepAlpha ? originalAlpha : std::clamp(sums[3] * p.factor, 0.0f, max);
        for (int c = 0; c < 3; ++c) {
            float v = sums[c] * p.factor;
            if (codec.alpha == AlphaMode::Premultiplied)
                v = alpha > 0.0f ? v * max / alpha : 0.0f;
            v += p.bias;
            if (codec.linearLight)
                v = float(max * codec.curve->fromLinear(std::clamp(double(v) / max, 0.0, 1.0)));
            px[c] = toChannel<Channel>(v, max);
        }
        px[3] = toChannel<Channel>(alpha, max);
    }
}

template <typename Channel> bool rowsAreOpaqueGray(const QImage &image, Channel max)
{
    for (int y = 0; y < image.height(); ++y) {
        const auto *px = reinterpret_cast<const Channel *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x, px += 4)
            if (px[3] != max || px[0] != px[1] || px[1] != px[2])
                return false;
    }
    return true;
}

// A gray source filtered with one kernel on equal channels stays gray unless a transparent
// border brought in alpha.
bool isOpaqueGray(const QImage &engineImage)
{
    return engineImage.format() == QImage::Format_RGBA64 ? rowsAreOpaqueGray<quint16>(engineImage, 65535)
                                                         : rowsAreOpaqueGray<uchar>(engineImage, 255);
}

} // namespace

QImage engineLayout(const QImage &image)
{
    const bool sixteenBit = image.depth() >= 48 || image.format() == QImage::Format_Grayscale16;
    return image.convertToFormat(sixteenBit ? QImage::Format_RGBA64 : QImage::Format_RGBA8888);
}

PixelCodec codecFor(const QImage &engineImage, const FilterSettings &settings)
{
    PixelCodec codec;
    codec.sixteenBit = engineImage.format() == QImage::Format_RGBA64;
    codec.maxValue = codec.sixteenBit ? 65535.0f : 255.0f;
    codec.alpha = settings.alpha;
    codec.linearLight = settings.linearLight;
    if (codec.linearLight)
        codec.curve = TransferCurve::of(engineImage.colorSpace());
    return codec;
}

// 8- and 16-bit colour in the image's own encoding have vector code; linear light takes the
// general path below.
bool hasSimdCodec(const PixelCodec &codec)
{
    return !codec.linearLight;
}

EncodeOptions simdEncodeOptions(const PixelCodec &codec, const EncodeParams &params, bool opaqueInput)
{
    EncodeOptions options;
    options.factor = params.factor;
    options.bias = params.bias;
    options.filterAlpha = params.filterAlpha && codec.alpha != AlphaMode::Ignore;
    options.premultiplied = codec.alpha == AlphaMode::Premultiplied && !opaqueInput;
    return options;
}

bool decodeRow(const QImage &source, const PixelCodec &codec, int y, int x0, int width, float *out)
{
    if (hasSimdCodec(codec)) {
        const DecodeOptions options{codec.alpha == AlphaMode::Premultiplied};
        if (codec.sixteenBit)
            return simdKernels().decode16(reinterpret_cast<const quint16 *>(source.constScanLine(y)) + 4 * x0, width,
                                          options, out);
        return simdKernels().decode8(source.constScanLine(y) + 4 * x0, width, options, out);
    }
    if (codec.sixteenBit) {
        decodePixels(reinterpret_cast<const quint16 *>(source.constScanLine(y)) + 4 * x0, width, codec, out);
    } else {
        decodePixels(source.constScanLine(y) + 4 * x0, width, codec, out);
    }
    return false;
}

void encodeRow(const float *sums, const PixelCodec &codec, const EncodeParams &params, const QImage &source, int y,
               int x0, int width, bool opaqueInput, QImage &target)
{
    if (hasSimdCodec(codec) && codec.sixteenBit) {
        simdKernels().encode16(sums, width, simdEncodeOptions(codec, params, opaqueInput),
                               reinterpret_cast<const quint16 *>(source.constScanLine(y)) + 4 * x0,
                               reinterpret_cast<quint16 *>(target.scanLine(y)) + 4 * x0);
    } else if (hasSimdCodec(codec)) {
        simdKernels().encode8(sums, width, simdEncodeOptions(codec, params, opaqueInput),
                              source.constScanLine(y) + 4 * x0, target.scanLine(y) + 4 * x0);
    } else if (codec.sixteenBit) {
        encodePixels(sums, width, codec, params, reinterpret_cast<const quint16 *>(source.constScanLine(y)) + 4 * x0,
                     reinterpret_cast<quint16 *>(target.scanLine(y)) + 4 * x0);
    } else {
        encodePixels(sums, width, codec, params, source.constScanLine(y) + 4 * x0, target.scanLine(y) + 4 * x0);
    }
}

QImage toOutputFormat(const QImage &result, QImage::Format sourceFormat)
{
    const bool graySource = sourceFormat == QImage::Format_Grayscale8 || sourceFormat == QImage::Format_Grayscale16;
    if (result.format() == sourceFormat || !graySource || !isOpaqueGray(result))
        return result;
    // Copy the channel: Qt's own RGBA64 -> Grayscale16 conversion is not exact.
    QImage gray(result.size(), sourceFormat);
    for (int y = 0; y < result.height(); ++y) {
        if (sourceFormat == QImage::Format_Grayscale16) {
            const auto *in = reinterpret_cast<const quint16 *>(result.constScanLine(y));
            auto *out = reinterpret_cast<quint16 *>(gray.scanLine(y));
            for (int x = 0; x < result.width(); ++x)
                out[x] = in[4 * x];
        } else {
            const uchar *in = result.constScanLine(y);
            uchar *out = gray.scanLine(y);
            for (int x = 0; x < result.width(); ++x)
                out[x] = in[4 * x];
        }
    }
    return gray;
}

bool decodePaddedRow(const QImage &source, const PixelCodec &codec, int row, int first, const std::vector<int> &columns,
                     float *line)
{
    const int count = int(columns.size());
    // Virtual column v is source column first + v; those inside the image decode in one run.
    const auto [begin, end] = insideRun(first, count, source.width());
    bool opaque = end > begin && decodeRow(source, codec, row, first + begin, end - begin, line + 4 * begin);
    auto border = [&](int v) {
        const int c = columns[size_t(v)];
        if (c < 0) {
            std::fill_n(line + 4 * v, 4, 0.0f);
            opaque = false;
        } else {
            opaque = decodeRow(source, codec, row, c, 1, line + 4 * v) && opaque;
        }
    };
    for (int v = 0; v < begin; ++v)
        border(v);
    for (int v = end; v < count; ++v)
        border(v);
    return opaque;
}

} // namespace ks::detail
