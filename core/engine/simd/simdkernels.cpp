#include "simdkernels.h"

#include <atomic>
#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace ks::detail {

namespace {

SimdLevel levelFromEnvironment(SimdLevel best)
{
    const char *forced = std::getenv("KS_SIMD");
    if (!forced)
        return best;
    SimdLevel wanted = best;
    if (std::strcmp(forced, "baseline") == 0)
        wanted = SimdLevel::Baseline;
    else if (std::strcmp(forced, "avx2") == 0)
        wanted = SimdLevel::Avx2;
    else if (std::strcmp(forced, "avx512") == 0)
        wanted = SimdLevel::Avx512;
    return std::min(wanted, best); // never a level the CPU would fault on
}

std::atomic<SimdLevel> &currentLevel()
{
    static std::atomic<SimdLevel> level{levelFromEnvironment(bestSimdLevel())};
    return level;
}

} // namespace

SimdLevel bestSimdLevel()
{
#if defined(KS_PORTABLE_SIMD)
    return SimdLevel::Baseline; // the portable kernels are the only ones built
#else
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return SimdLevel::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return SimdLevel::Avx2;
    return SimdLevel::Baseline;
#endif
}

SimdLevel simdLevel()
{
    return currentLevel().load(std::memory_order_relaxed);
}

SimdLevel setSimdLevel(SimdLevel level)
{
    const SimdLevel used = std::min(level, bestSimdLevel());
    currentLevel().store(used, std::memory_order_relaxed);
    return used;
}

const SimdKernels &simdKernels()
{
#if !defined(KS_PORTABLE_SIMD)
    switch (simdLevel()) {
    case SimdLevel::Avx512:
        return simdKernelsAvx512();
    case SimdLevel::Avx2:
        return simdKernelsAvx2();
    case SimdLevel::Baseline:
        break;
    }
#endif
    return simdKernelsBaseline();
}

} // namespace ks::detail
