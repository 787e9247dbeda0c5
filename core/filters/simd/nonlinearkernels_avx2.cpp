// NonlinearKernels compiled for one instruction set; core/CMakeLists.txt gives this file its flags.
#include "nonlinearkernels.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h> // the lane masks of the histogram median (nonlinearkernels.inl)
#endif

namespace ks::detail::avx2 {
#include "nonlinearkernels.inl"
} // namespace ks::detail::avx2

namespace ks::detail {

const NonlinearKernels &nonlinearKernelsAvx2()
{
    return avx2::kernels;
}

} // namespace ks::detail
