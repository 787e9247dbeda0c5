#pragma once

#include "canceltoken.h"
#include "filtersettings.h"
#include "recipe.h"
#include "result.h"

#include <QImage>
#include <QString>

#include <functional>
#include <memory>

class QThreadPool;

namespace ks {

// The reason Engine::apply gives when it was cancelled.
inline const QString CancelledReason = QStringLiteral("cancelled");

// Applies filter steps to images on a pool of worker threads.
//
// The image is cut into bands of rows; each band is computed by a pure function of the
// source and the settings, so the output is identical for every thread count. The cancel
// token is checked before each band; progress (0..1, increasing) is reported after each
// band from whichever thread finished it, one call at a time.
//
// Pixels: colour = clamp(factor * sum(weight * pixel) + bias) on premultiplied or straight
// colour (AlphaMode), optionally in linear light; within ±1 of that exact value whichever path
// runs it (float, 16-bit fixed point, or a recursive Gaussian for large sigma). Alpha is
// filtered with the kernel only when factor * sum == 1; other kernels keep each pixel's
// alpha. Outside the image, pixels are read per BorderMode.
//
// Formats: 16-bit images come out as RGBA64, all others as RGBA8888; gray images stay
// Grayscale8/Grayscale16 unless a transparent border gave them alpha.
// apply() may be called from any thread, also concurrently.
class Engine
{
public:
    using Progress = std::function<void(double fraction)>;

    explicit Engine(int threads = 0); // 0 = one per core
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    int threadCount() const;

    // `image` in the layout apply() reads (RGBA8888, RGBA64 for 16-bit); gray images as they
    // are, since apply() hands them back gray. Callers that filter one image many times (the
    // preview) convert it once with this; apply() then reads it without a conversion, and its
    // results are the same as for `image`.
    static QImage inWorkingLayout(const QImage &image);

    // The filtered image, or a one-line reason: a bad step, too little memory, or
    // CancelledReason when `cancel` was set (the caller that cancelled knows it did).
    Result<QImage> apply(const QImage &image, const FilterSettings &settings, const CancelToken &cancel = {},
                         const Progress &progress = {}) const;
    Result<QImage> apply(const QImage &image, const Recipe &recipe, const CancelToken &cancel = {},
                         const Progress &progress = {}) const;

private:
    std::unique_ptr<QThreadPool> m_pool;
    int m_threads = 1;
};

} // namespace ks
