// Where the runtime's memory comes from when a program has very many tasks (see memory.cpp):
// coroutine frames from a per-thread pool, the loop's big buffers on mappings of their own.
#pragma once
#include <cstddef>

namespace aio::detail {

void* allocate_frame(std::size_t size);
void deallocate_frame(void* frame, std::size_t size) noexcept;

// Buffers of 512 KiB or more are mappings of their own; smaller ones come from operator new. `bytes` must be the same in both calls.
void* allocate_buffer(std::size_t bytes);
void deallocate_buffer(void* buffer, std::size_t bytes) noexcept;
// A buffer of `new_bytes` holding the first `keep_bytes` of `buffer` (of `old_bytes`, or null),
// which it replaces. For trivially copyable contents only: a buffer on its own mapping is moved
// by the kernel (mremap), without copying or touching its pages again.
void* grow_buffer(void* buffer, std::size_t old_bytes, std::size_t keep_bytes, std::size_t new_bytes);

}  // namespace aio::detail
