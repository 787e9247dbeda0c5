// SimdKernels compiled for one instruction set; core/CMakeLists.txt gives this file its flags.
#include "simdkernels.h"

#include <algorithm>
#include <cstring>
#include <utility>

#if !defined(KS_PORTABLE_SIMD)
#include <immintrin.h>
#endif

namespace ks::detail::baseline {
#include "simdkernels.inl"
} // namespace ks::detail::baseline

namespace ks::detail {

const SimdKernels &simdKernelsBaseline()
{
    return baseline::kernels;
}

} // namespace ks::detail
