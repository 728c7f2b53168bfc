// asyncio.wait's _wait and as_completed's callbacks, in tasks.py's order.
#include "aio/wait.hpp"

#include <fmt/format.h>

#include "aio/timeouts.hpp"

namespace aio::detail {
namespace {

const char* return_when_name(ReturnWhen r) {
    switch (r) {
        case ReturnWhen::first_completed: return "FIRST_COMPLETED";
        case ReturnWhen::first_exception: return "FIRST_EXCEPTION";
        case ReturnWhen::all_completed: break;
    }
    return "ALL_COMPLETED";
}

// _wait's _on_completion, registered on every future with its index as the token. Ref-counted:
// a completion already queued may run after wait() returned.
class WaitCompletion final : public Callable {
public:
    WaitCompletion(const std::vector<FutureBase*>& fs, Ref<FutureState<void>> waiter, ReturnWhen rw)
        : waiter_(std::move(waiter)), counter_(fs.size()), return_when_(rw) {
        for (FutureBase* f : fs) fs_.emplace_back(f);
    }
    void fire(std::uint32_t index) override {
        FutureBase& f = *fs_[index];
        --counter_;
        bool release = counter_ == 0 || return_when_ == ReturnWhen::first_completed;
        if (!release && return_when_ == ReturnWhen::first_exception && !f.cancelled() && f.error()) {
            if (auto* task = dynamic_cast<PromiseBase*>(&f)) task->mark_result_retrieved();  // f.exception()
            release = true;
        }
        if (release) {
            timeout_handle.cancel();
            release_waiter(*waiter_);
        }
    }
    aio::Handle timeout_handle;

private:
    std::vector<Ref<FutureBase>> fs_;
    Ref<FutureState<void>> waiter_;
    std::size_t counter_;
    ReturnWhen return_when_;
};

}  // namespace

task<> wait_futures(std::vector<FutureBase*> fs, std::optional<double> timeout, ReturnWhen return_when) {
    Ref<FutureState<void>> waiter(new FutureState<void>(
        fmt::format("wait(작업 {}개, {}{})", fs.size(), return_when_name(return_when),
                    timeout ? fmt::format(", 제한 {:g}초", *timeout) : std::string())));
    Ref<WaitCompletion> on_completion(new WaitCompletion(fs, waiter, return_when));
    if (timeout) on_completion->timeout_handle = get_running_loop().call_later(*timeout, [waiter] { release_waiter(*waiter); });
    for (std::size_t i = 0; i < fs.size(); ++i) fs[i]->add_done_callback(on_completion.get(), std::uint32_t(i));
    struct Finally {
        WaitCompletion& c;
        std::vector<FutureBase*>& fs;
        ~Finally() {
            c.timeout_handle.cancel();
            for (std::size_t i = 0; i < fs.size(); ++i) fs[i]->remove_done_callback(&c, std::uint32_t(i));
        }
    } finally{*on_completion, fs};
    co_await await_state(*waiter);
}

AsCompletedState::AsCompletedState(std::vector<FutureBase*> fs, std::optional<double> timeout)
    : fs_(std::move(fs)), todo_(fs_.size(), true), todo_count_(fs_.size()) {
    for (FutureBase* f : fs_) f->retain();
    for (std::size_t i = 0; i < fs_.size(); ++i) fs_[i]->add_done_callback(this, std::uint32_t(i));
    if (todo_count_ && timeout) {
        Ref<AsCompletedState> self(this);
        timeout_handle_ = get_running_loop().call_later(*timeout, [self] { self->on_timeout(); });
    }
}

AsCompletedState::~AsCompletedState() {
    for (FutureBase* f : fs_) f->release();
}

void AsCompletedState::fire(std::uint32_t index) {
    if (!todo_count_) return;  // _on_timeout() was here first
    todo_[index] = false;
    --todo_count_;
    put(index);
    if (!todo_count_) timeout_handle_.cancel();
}

void AsCompletedState::on_timeout() {
    for (std::size_t i = 0; i < fs_.size(); ++i) {
        if (!todo_[i]) continue;
        fs_[i]->remove_done_callback(this, std::uint32_t(i));
        todo_[i] = false;
        put(kTimedOut);  // a dummy value for _wait_for_one()
    }
    todo_count_ = 0;
    timeout_handle_ = {};
}

// Queue.put_nowait: append, then wake the oldest getter not yet done.
void AsCompletedState::put(std::size_t index) {
    done_.push_back(index);
    while (!getters_.empty()) {
        Ref<FutureState<void>> g = getters_.front();
        getters_.erase(getters_.begin());
        if (!g->done()) {
            g->set_result(none{});
            break;
        }
    }
}

// Queue.get
task<std::size_t> AsCompletedState::get() {
    Ref<AsCompletedState> keep(this);
    while (head_ == done_.size()) {
        Ref<FutureState<void>> getter(new FutureState<void>(
            fmt::format("as_completed(작업 {}개 중 {}개 남음)", fs_.size(), todo_count_)));
        getters_.push_back(getter);
        std::exception_ptr error;
        try {
            co_await await_state(*getter);
        } catch (...) {
            error = std::current_exception();
        }
        if (error) {
            getter->cancel();
            for (std::size_t i = 0; i < getters_.size(); ++i)
                if (getters_[i].get() == getter.get()) {
                    getters_.erase(getters_.begin() + std::ptrdiff_t(i));
                    break;
                }
            if (head_ != done_.size() && !getter->cancelled()) {
                while (!getters_.empty()) {
                    Ref<FutureState<void>> g = getters_.front();
                    getters_.erase(getters_.begin());
                    if (!g->done()) {
                        g->set_result(none{});
                        break;
                    }
                }
            }
            std::rethrow_exception(error);
        }
    }
    co_return done_[head_++];
}

}  // namespace aio::detail
