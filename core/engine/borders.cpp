#include "borders.h"

#include <algorithm>

namespace ks::detail {

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

InsideRun insideRun(int first, int count, int n)
{
    const int begin = std::clamp(-first, 0, count);
    return {begin, std::clamp(n - first, begin, count)};
}

} // namespace ks::detail
