#pragma once

#include <cstddef>
#include <new>
#include <vector>

// Internal to the engine: vectors whose storage starts on a 64-byte cache line, for the lines
// the inner loops sweep. malloc only promises 16 bytes, and a 64-byte vector load from such a
// line would straddle two cache lines every time.
namespace ks::detail {

constexpr std::size_t CacheLineBytes = 64;

template <typename T> struct CacheLineAllocator
{
    using value_type = T;

    CacheLineAllocator() = default;
    template <typename U> CacheLineAllocator(const CacheLineAllocator<U> &) {}

    T *allocate(std::size_t n)
    {
        return static_cast<T *>(::operator new(n * sizeof(T), std::align_val_t(CacheLineBytes)));
    }
    void deallocate(T *p, std::size_t) { ::operator delete(p, std::align_val_t(CacheLineBytes)); }

    friend bool operator==(const CacheLineAllocator &, const CacheLineAllocator &) { return true; }
    friend bool operator!=(const CacheLineAllocator &, const CacheLineAllocator &) { return false; }
};

template <typename T> using AlignedVector = std::vector<T, CacheLineAllocator<T>>;

// n elements rounded up to whole cache lines: lines laid one after another this far apart
// each start on one.
template <typename T> constexpr std::size_t cacheLineStride(std::size_t n)
{
    constexpr std::size_t perLine = CacheLineBytes / sizeof(T);
    return (n + perLine - 1) / perLine * perLine;
}

} // namespace ks::detail
