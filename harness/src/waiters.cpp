// The deque of waiter futures shared by the locks and queues.
#include "aio/detail/waiters.hpp"

#include <algorithm>

namespace aio::detail {

Waiters::~Waiters() {
    for (WaitFuture* f : d_) f->release();
}

WaitFuture* Waiters::append(const char* what) {
    auto* f = new WaitFuture(what);
    f->retain();
    d_.push_back(f);
    return f;
}

void Waiters::remove(WaitFuture* f) noexcept {
    // Almost always the first one: the waiter that was woken first runs first.
    auto it = std::find(d_.begin(), d_.end(), f);
    if (it == d_.end()) return;
    d_.erase(it);
    f->release();
}

WaitFuture* Waiters::pop_front() noexcept {
    WaitFuture* f = d_.front();
    d_.pop_front();
    return f;
}

bool Waiters::all_cancelled() const noexcept {
    return std::all_of(d_.begin(), d_.end(), [](const WaitFuture* f) { return f->cancelled(); });
}

}  // namespace aio::detail
