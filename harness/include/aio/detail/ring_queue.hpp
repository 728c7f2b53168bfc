// The loop's ready queue: a FIFO on a power-of-two ring buffer. std::deque would do, but every
// task costs several pushes and pops, and this is cheaper (bench/gather_bench).
#pragma once
#include <cstddef>
#include <utility>

#include "aio/detail/memory.hpp"

namespace aio::detail {

template <class T>
class RingQueue {
public:
    RingQueue() = default;
    RingQueue(const RingQueue&) = delete;
    RingQueue& operator=(const RingQueue&) = delete;
    ~RingQueue() {
        if (slots_) BufferAllocator<T>().deallocate(slots_, capacity_);
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
    void grow() {
        const std::size_t capacity = capacity_ ? capacity_ * 2 : 64;
        T* slots = BufferAllocator<T>().allocate(capacity);  // T is a trivial handle
        for (std::size_t i = 0; i < size_; ++i) slots[i] = std::move(slots_[(head_ + i) & (capacity_ - 1)]);
        if (slots_) BufferAllocator<T>().deallocate(slots_, capacity_);
        slots_ = slots;
        capacity_ = capacity;
        head_ = 0;
    }

    T* slots_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace aio::detail
