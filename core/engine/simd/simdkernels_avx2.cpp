// SimdKernels compiled for one instruction set; core/CMakeLists.txt gives this file its flags.
#include "simdkernels.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include <immintrin.h>

namespace ks::detail::avx2 {
#include "simdkernels.inl"
} // namespace ks::detail::avx2

namespace ks::detail {

const SimdKernels &simdKernelsAvx2()
{
    return avx2::kernels;
}

} // namespace ks::detail
