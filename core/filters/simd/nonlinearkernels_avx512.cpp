// NonlinearKernels compiled for one instruction set; core/CMakeLists.txt gives this file its flags.
#include "nonlinearkernels.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h> // the lane masks of the histogram median (nonlinearkernels.inl)
#endif

namespace ks::detail::avx512 {
#include "nonlinearkernels.inl"
} // namespace ks::detail::avx512

namespace ks::detail {

const NonlinearKernels &nonlinearKernelsAvx512()
{
    return avx512::kernels;
}

} // namespace ks::detail
