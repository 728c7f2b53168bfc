// Where coroutine frames (every aio::task, hence every Task) are allocated: see frame_pool.cpp.
#pragma once
#include <cstddef>

namespace aio::detail {

void* allocate_frame(std::size_t size);
void deallocate_frame(void* frame, std::size_t size) noexcept;

}  // namespace aio::detail
