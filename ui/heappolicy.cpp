#include "heappolicy.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ks {

void keepFreedImageMemory()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, 0);                // large blocks from the heap, reused after free
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff); // and not given back when the heap's top is freed
#endif
}

} // namespace ks
