#include "convolution.h"

#include <cstring>

namespace ks::detail {

namespace {

// Adds weight * pixel (4 channels) into acc.
inline void accumulate(float *acc, const float *pixel, float weight)
{
    acc[0] += weight * pixel[0];
    acc[1] += weight * pixel[1];
    acc[2] += weight * pixel[2];
    acc[3] += weight * pixel[3];
}

} // namespace

int borderIndex(int i, int n, BorderMode mode)
{
    if (i >= 0 && i < n)
        return i;
    switch (mode) {
    case BorderMode::Transparent:
        return -1;
    case BorderMode::Wrap:
        return ((i % n) + n) % n;
    case BorderMode::Reflect: {
        if (n == 1)
            return 0;
        const int period = 2 * (n - 1);
        int m = ((i % period) + period) % period;
        return m < n ? m : period - m;
    }
    case BorderMode::Clamp:
    case BorderMode::Unfiltered:
        break;
    }
    return i < 0 ? 0 : n - 1;
}

std::vector<int> borderIndices(int first, int count, int n, BorderMode mode)
{
    std::vector<int> indices(static_cast<size_t>(count));
    for (int k = 0; k < count; ++k)
        indices[size_t(k)] = borderIndex(first + k, n, mode);
    return indices;
}

ConvolutionPlan makePlan(const Kernel &kernel)
{
    ConvolutionPlan plan;
    plan.kernel = kernel;
    if (auto factors = kernel.separableFactors(); factors && kernel.width() * kernel.height() > 1) {
        plan.path = ConvolutionPlan::Path::Separable;
        plan.rowTaps = std::move(factors->row);
        plan.columnTaps = std::move(factors->column);
    }
    return plan;
}

void convolveRowPass(const WorkImage &source, int y, const std::vector<float> &taps,
                     const std::vector<int> &columnIndex, int x0, int x1, float *out)
{
    const float *in = source.row(y);
    const int n = int(taps.size());
    for (int x = x0; x < x1; ++x, out += 4) {
        float acc[4] = {0, 0, 0, 0};
        const int *index = columnIndex.data() + (x - x0);
        for (int i = 0; i < n; ++i)
            if (index[i] >= 0)
                accumulate(acc, in + 4 * index[i], taps[size_t(i)]);
        std::memcpy(out, acc, sizeof acc);
    }
}

void convolveColumnPass(const WorkImage &rows, int y, int outTop, const std::vector<float> &taps,
                        const std::vector<int> &rowIndex, float *out)
{
    const int width = rows.width();
    std::memset(out, 0, sizeof(float) * 4 * size_t(width));
    const int *index = rowIndex.data() + (y - outTop);
    for (size_t j = 0; j < taps.size(); ++j) {
        if (index[j] < 0)
            continue;
        const float *in = rows.row(index[j]);
        for (int x = 0; x < width; ++x)
            accumulate(out + 4 * x, in + 4 * x, taps[j]);
    }
}

void convolveDirect(const WorkImage &source, int y, int outTop, const Kernel &kernel,
                    const std::vector<int> &columnIndex, const std::vector<int> &rowIndex, int x0, int x1, float *out)
{
    const int width = x1 - x0;
    std::memset(out, 0, sizeof(float) * 4 * size_t(width));
    const int *rows = rowIndex.data() + (y - outTop);
    for (int j = 0; j < kernel.height(); ++j) {
        if (rows[j] < 0)
            continue;
        const float *in = source.row(rows[j]);
        for (int i = 0; i < kernel.width(); ++i) {
            const float w = kernel.at(i, j);
            if (w == 0.0f)
                continue;
            const int *cols = columnIndex.data() + i;
            for (int x = 0; x < width; ++x)
                if (cols[x] >= 0)
                    accumulate(out + 4 * x, in + 4 * cols[x], w);
        }
    }
}

} // namespace ks::detail
