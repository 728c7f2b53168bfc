// The loop's timer heap: a vector of trivially copyable entries on buffers from allocate_buffer.
// std::vector would do, but it grows by copying into a new buffer, and with a million timers that
// is 25 MB of fresh memory touched and copied for nothing; grow_buffer lets the kernel move a big
// buffer's pages instead (memory.cpp, bench/gather_bench).
#pragma once
#include <cstddef>
#include <type_traits>

#include "aio/detail/memory.hpp"

namespace aio::detail {

template <class T>
class BufferVector {
    static_assert(std::is_trivially_copyable_v<T>, "grow_buffer moves the bytes");

public:
    using value_type = T;

    BufferVector() = default;
    BufferVector(const BufferVector&) = delete;
    BufferVector& operator=(const BufferVector&) = delete;
    ~BufferVector() {
        if (data_) deallocate_buffer(data_, capacity_ * sizeof(T));
    }

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    T* data() noexcept { return data_; }
    const T* data() const noexcept { return data_; }
    T& operator[](std::size_t i) noexcept { return data_[i]; }
    const T& operator[](std::size_t i) const noexcept { return data_[i]; }
    T& front() noexcept { return data_[0]; }
    const T& front() const noexcept { return data_[0]; }
    T& back() noexcept { return data_[size_ - 1]; }
    T* begin() noexcept { return data_; }
    T* end() noexcept { return data_ + size_; }

    void push_back(const T& value) {
        if (size_ == capacity_) grow();
        data_[size_++] = value;
    }
    void pop_back() noexcept { --size_; }
    // Keeps the first `n` entries (n <= size()).
    void truncate(std::size_t n) noexcept { size_ = n; }
    void clear() noexcept { size_ = 0; }

private:
    void grow() {
        const std::size_t capacity = capacity_ ? capacity_ * 2 : 64;
        data_ = static_cast<T*>(grow_buffer(data_, capacity_ * sizeof(T), size_ * sizeof(T), capacity * sizeof(T)));
        capacity_ = capacity;
    }

    T* data_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t size_ = 0;
};

}  // namespace aio::detail
