// The deque of waiter futures shared by the locks and queues.
#include "aio/detail/waiters.hpp"

namespace aio::detail {

Waiters::~Waiters() {
    while (head_) {
        WaitFuture* f = head_;
        unlink(f);
        f->release();
    }
}

WaitFuture* Waiters::append(const char* what) {
    auto* f = new WaitFuture(what);
    f->retain();
    f->prev_ = tail_;
    if (tail_) tail_->next_ = f;
    else head_ = f;
    tail_ = f;
    f->linked_ = true;
    ++size_;
    return f;
}

void Waiters::unlink(WaitFuture* f) noexcept {
    if (f->prev_) f->prev_->next_ = f->next_;
    else head_ = f->next_;
    if (f->next_) f->next_->prev_ = f->prev_;
    else tail_ = f->prev_;
    f->prev_ = f->next_ = nullptr;
    f->linked_ = false;
    --size_;
}

void Waiters::remove(WaitFuture* f) noexcept {
    if (!f->linked_) return;
    unlink(f);
    f->release();
}

WaitFuture* Waiters::pop_front() noexcept {
    WaitFuture* f = head_;
    unlink(f);
    return f;
}

bool Waiters::all_cancelled() const noexcept {
    for (const WaitFuture* f = head_; f; f = f->next_)
        if (!f->cancelled()) return false;
    return true;
}

}  // namespace aio::detail
