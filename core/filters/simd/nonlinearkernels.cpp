#include "nonlinearkernels.h"

#include "simdkernels.h"

namespace ks::detail {

const NonlinearKernels &nonlinearKernels()
{
#if !defined(KS_PORTABLE_SIMD)
    switch (simdLevel()) {
    case SimdLevel::Avx512:
        return nonlinearKernelsAvx512();
    case SimdLevel::Avx2:
        return nonlinearKernelsAvx2();
    case SimdLevel::Baseline:
        break;
    }
#endif
    return nonlinearKernelsBaseline();
}

} // namespace ks::detail
