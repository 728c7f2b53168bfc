// The loop's ready queue: a FIFO on a power-of-two ring buffer. std::deque would do, but every
// task costs several pushes and pops, and this is cheaper (bench/gather_bench).
#pragma once
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

#include "aio/detail/memory.hpp"

namespace aio::detail {

template <class T>
class RingQueue {
    static_assert(std::is_trivially_copyable_v<T>, "grow_buffer moves the bytes");

public:
    RingQueue() = default;
    RingQueue(const RingQueue&) = delete;
    RingQueue& operator=(const RingQueue&) = delete;
    ~RingQueue() {
        if (slots_) deallocate_buffer(slots_, capacity_ * sizeof(T));
    }

    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }

    void push_back(const T& value) {
        if (size_ == capacity_) grow();
        slots_[(head_ + size_) & (capacity_ - 1)] = value;
        ++size_;
    }
    T pop_front() noexcept {
        T value = std::move(slots_[head_]);
        head_ = (head_ + 1) & (capacity_ - 1);
        --size_;
        return value;
    }

private:
    // Called when full. The buffer keeps its bytes (grow_buffer: a big one is moved, not
    // copied); the entries that had wrapped around to its start, before head_, then move to just
    // after the old end, so the queue runs from head_ without a wrap again.
    void grow() {
        const std::size_t capacity = capacity_ ? capacity_ * 2 : 64;
        slots_ = static_cast<T*>(grow_buffer(slots_, capacity_ * sizeof(T), capacity_ * sizeof(T), capacity * sizeof(T)));
        if (head_) std::memcpy(static_cast<void*>(slots_ + capacity_), slots_, head_ * sizeof(T));
        capacity_ = capacity;
    }

    T* slots_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace aio::detail
