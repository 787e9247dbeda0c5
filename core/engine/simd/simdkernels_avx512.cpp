// SimdKernels compiled for one instruction set; core/CMakeLists.txt gives this file its flags.
#include "simdkernels.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include <immintrin.h>

namespace ks::detail::avx512 {
#include "simdkernels.inl"
} // namespace ks::detail::avx512

namespace ks::detail {

const SimdKernels &simdKernelsAvx512()
{
    return avx512::kernels;
}

} // namespace ks::detail
