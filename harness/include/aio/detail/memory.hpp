// Where the runtime's memory comes from when a program has very many tasks (see memory.cpp):
// coroutine frames from a per-thread pool, the loop's big buffers on huge pages.
#pragma once
#include <cstddef>

namespace aio::detail {

void* allocate_frame(std::size_t size);
void deallocate_frame(void* frame, std::size_t size) noexcept;

// Buffers of 4 MiB or more are their own mappings, marked for transparent huge pages; smaller
// ones come from operator new. `bytes` must be the same in both calls.
void* allocate_buffer(std::size_t bytes);
void deallocate_buffer(void* buffer, std::size_t bytes) noexcept;

// The allocator of the timer heap and the ready queue.
template <class T>
struct BufferAllocator {
    using value_type = T;
    BufferAllocator() = default;
    template <class U>
    BufferAllocator(const BufferAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocate_buffer(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { deallocate_buffer(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const BufferAllocator<U>&) const noexcept {
        return true;
    }
};

}  // namespace aio::detail
