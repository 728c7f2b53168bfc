// The unit of work the event loop schedules. asyncio's Handle is (callback, args); ours is an
// intrusively ref-counted object plus a 32-bit token. The token lets a task tell a stale wake-up
// (e.g. the timer of a sleep that was cancelled) from a current one without allocating a
// Handle object per callback.
#pragma once
#include <cstdint>
#include <utility>

namespace aio::detail {

class Callable {
public:
    virtual void fire(std::uint32_t token) = 0;
    // False when the wake-up this token stands for was cancelled (asyncio: handle._cancelled).
    virtual bool live(std::uint32_t /*token*/) const { return true; }
    // A future this waits on has just queued fire(token) for the next iteration: a chance to start
    // loading what fire will read. Only a hint; the default does nothing.
    virtual void prefetch(std::uint32_t /*token*/) const noexcept {}

    void retain() noexcept { ++refs_; }
    void release() noexcept {
        if (--refs_ == 0) destroy_self();
    }
    std::uint32_t refs() const noexcept { return refs_; }

protected:
    Callable() = default;
    virtual ~Callable() = default;
    virtual void destroy_self() noexcept { delete this; }

private:
    std::uint32_t refs_ = 0;
};

// A scheduled callback: the loop calls target->fire(token) unless target->live(token) is false.
struct Handle {
    Callable* target = nullptr;
    std::uint32_t token = 0;
};

// An owning pointer to a Callable (one reference), for runtime code that keeps futures and
// callbacks in lambdas and containers.
template <class T>
class Ref {
public:
    Ref() = default;
    explicit Ref(T* p) noexcept : p_(p) {
        if (p_) p_->retain();
    }
    Ref(const Ref& o) noexcept : Ref(o.p_) {}
    Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    Ref& operator=(Ref o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~Ref() {
        if (p_) p_->release();
    }
    T* get() const noexcept { return p_; }
    T* operator->() const noexcept { return p_; }
    T& operator*() const noexcept { return *p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }

private:
    T* p_ = nullptr;
};

}  // namespace aio::detail
