#include "benchimages.h"

#include "engine.h"

#include <benchmark/benchmark.h>

#include "filterregistry.h"
#include "filtersettings.h"

#include <QRandomGenerator>

#include <algorithm>

namespace ks::bench {

QImage texturedImage(int width, int height, bool transparent, unsigned seed)
{
    QRandomGenerator random(seed);
    QImage noise(width, height, QImage::Format_RGBA8888);
    for (int y = 0; y < height; ++y) {
        uchar *px = noise.scanLine(y);
        for (int x = 0; x < width; ++x, px += 4) {
            const quint32 bits = random.generate();
            px[0] = uchar(bits), px[1] = uchar(bits >> 8), px[2] = uchar(bits >> 16);
            const int ramp = 255 * (x + y) / (width + height);
            px[3] = transparent ? uchar(std::clamp(ramp + int(bits >> 24) / 4 - 32, 0, 255)) : 255;
        }
    }
    // One 3x3 box pass gives the noise some structure; the border rows stay as they are.
    QImage image = noise.copy();
    for (int y = 1; y + 1 < height; ++y) {
        uchar *out = image.scanLine(y);
        for (int x = 1; x + 1 < width; ++x)
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int j = -1; j <= 1; ++j)
                    for (int i = -1; i <= 1; ++i)
                        sum += noise.constScanLine(y + j)[4 * (x + i) + c];
                out[4 * x + c] = uchar((sum + 4) / 9);
            }
    }
    return image;
}

std::vector<float> customWeights(int side, unsigned seed)
{
    QRandomGenerator random(seed);
    std::vector<float> w(size_t(side) * size_t(side));
    double sum = 0;
    for (float &v : w) {
        v = float(random.generateDouble());
        sum += v;
    }
    for (float &v : w)
        v = float(v / sum);
    return w;
}

FilterSettings caseSettings(const QString &name)
{
    auto gaussian = [](int size, double sigma) {
        FilterSettings s = FilterSettings(*findFilter(u"gaussian"));
        s.setValue(u"size", size);
        s.setValue(u"sigma", sigma);
        return s;
    };
    auto custom = [](int side) {
        FilterSettings s = FilterSettings(*findFilter(u"custom"));
        s.setKernelValue(u"kernel", Kernel(side, side, customWeights(side, 7)));
        return s;
    };
    if (name == QLatin1String("seed5x5"))
        return FilterSettings(*findFilter(u"binomial5x5"));
    if (name == QLatin1String("gaussS2") || name == QLatin1String("gaussS2alpha"))
        return gaussian(13, 2);
    if (name == QLatin1String("gaussS10"))
        return gaussian(61, 10);
    if (name == QLatin1String("gaussS50"))
        return gaussian(301, 50);
    if (name == QLatin1String("box31")) {
        FilterSettings s = FilterSettings(*findFilter(u"box"));
        s.setValue(u"size", 31);
        return s;
    }
    if (name == QLatin1String("custom5"))
        return custom(5);
    return custom(15);
}

void runEngine(benchmark::State &state, const QImage &image, const FilterSettings &settings, int threads)
{
    const Engine engine(threads);
    for (auto _ : state) {
        Result<QImage> result = engine.apply(image, settings);
        if (!result.ok())
            state.SkipWithError(qPrintable(result.error()));
        benchmark::DoNotOptimize(result.value().constBits());
    }
}

} // namespace ks::bench
