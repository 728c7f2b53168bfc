// Task stepping: the asyncio semantics that decide who runs when.
#include "aio/task.hpp"

#include <fmt/format.h>

#include "aio/detail/waiters.hpp"
#include "aio/trace.hpp"

namespace aio::detail {
namespace {
std::string cancel_message_of(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError& c) {
        return c.message();
    } catch (...) {
        return {};
    }
}
}  // namespace

std::string short_function_name(const char* pretty) {
    std::string s = pretty ? pretty : "";
    // Cut the parameter list: the last '(' at template depth 0.
    int depth = 0;
    std::size_t paren = std::string::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '<') ++depth;
        else if (c == '>') --depth;
        else if (c == '(' && depth == 0) {
            paren = i;
            break;
        }
    }
    if (paren != std::string::npos) s.resize(paren);
    // Drop the return type: everything up to the last space at depth 0.
    depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '<') ++depth;
        else if (c == '>') --depth;
        else if (c == ' ' && depth == 0) start = i + 1;
    }
    s = s.substr(start);
    // Helpers in an anonymous namespace are still just "helper" to the person reading a message.
    for (std::size_t at; (at = s.find("{anonymous}::")) != std::string::npos;) s.erase(at, 13);
    // Keep the last component of a qualified name, but keep "Class::method".
    std::size_t colons = s.rfind("::");
    if (colons != std::string::npos) {
        std::size_t before = s.rfind("::", colons == 0 ? 0 : colons - 1);
        if (before != std::string::npos && colons > 0) s = s.substr(before + 2);
    }
    return s.empty() ? std::string("coroutine") : s;
}

PromiseBase::~PromiseBase() {
    if (named_) delete explicit_name_;
    if (EventLoop* loop = EventLoop::current()) loop->unlink_task(this);
}

std::string PromiseBase::name() const {
    return named_ ? *explicit_name_ : short_function_name(function_name_);
}

void PromiseBase::set_name(std::string name) {
    if (named_) {
        *explicit_name_ = std::move(name);
    } else {
        explicit_name_ = new std::string(std::move(name));
        named_ = true;
    }
    if (auto* span = trace::span_for(id_)) span->name = *explicit_name_;
}

std::string PromiseBase::display_name() const {
    return is_task_ && trace::span_for(id_) ? trace::current().display_name(id_) : name();
}

void PromiseBase::describe(std::string& out) const {
    // Recorded tasks are told apart by their display names; unrecorded ones by their ids.
    if (is_task_ && trace::span_for(id_)) out += fmt::format("작업 '{}'", display_name());
    else if (is_task_) out += fmt::format("작업 '{}' (#{})", name(), id_);
    else out += fmt::format("코루틴 '{}'", name());
}

void warn_never_awaited(const std::string& name) {
    EventLoop* loop = EventLoop::current();
    trace::note_warning(trace::WarningKind::never_awaited, name,
                        fmt::format("경고: 코루틴 '{0}'을(를) 호출만 하고 co_await 하지 않아서 실행되지 않았습니다 "
                                    "(파이썬의 RuntimeWarning: coroutine '{0}' was never awaited)",
                                    name),
                        !loop || loop->options().warnings_to_stderr);
}

void PromiseBase::warn_if_dropped_unawaited() const {
    EventLoop* loop = EventLoop::current();
    bool to_stderr = !loop || loop->options().warnings_to_stderr;
    if (!started_ && !is_task_) {
        warn_never_awaited(name());
    } else if (is_task_ && !done()) {
        const std::string task = display_name();
        trace::note_warning(trace::WarningKind::pending_at_exit, task,
                            fmt::format("경고: 작업 '{}'이(가) 끝나기 전에 사라졌습니다 (파이썬의 Task was destroyed "
                                        "but it is pending!)",
                                        task), to_stderr);
    } else if (is_task_ && error_ && !result_retrieved_ && state_ == State::finished) {
        std::string what = "exception";
        try {
            std::rethrow_exception(error_);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        const std::string task = display_name();
        trace::note_warning(trace::WarningKind::exception_not_retrieved, task,
                            fmt::format("경고: 작업 '{}'에서 난 예외를 아무도 확인하지 않았습니다: {} (파이썬의 Task "
                                        "exception was never retrieved)",
                                        task, what),
                            to_stderr);
    }
}

void PromiseBase::schedule_as_task(std::coroutine_handle<> self) {
    EventLoop& loop = EventLoop::running();
    is_task_ = true;
    id_ = loop.next_task_id++;
    resume_point_ = self;
    if (loop.options().record_tasks) {
        auto& span = trace::note_task_created(id_, name());
        span.created = loop.time();
    }
    loop.link_task(this);
    retain();  // the loop keeps a pending task alive until it finishes
    loop.call_soon(this, wake_token_);
}

void PromiseBase::fire(std::uint32_t token) {
    if (token != wake_token_ || done()) return;
    if (wait_ == Wait::timer) {
        // The sleep's timer: like asyncio's timer setting the sleep future's result, it only
        // schedules the wake-up. From now on the task is no longer sleeping, so a cancel() before
        // the wake-up runs must not reschedule it (CPython: _must_cancel, same wake-up).
        wait_ = Wait::none;
        EventLoop::running().call_soon(this, wake_token_);
        prefetch_first_waiter();  // a task that wakes from a sleep often finishes then
        return;
    }
    step();
}

void PromiseBase::step() {
    EventLoop& loop = EventLoop::running();
    if (!started_) {
        started_ = true;
        if (auto* span = trace::span_for(id_)) span->started = loop.time();
        if (cancel_requested_) {  // cancelled before it ever ran: the body never starts
            if (auto* span = trace::span_for(id_)) {
                span->finished = loop.time();
                span->status = trace::Status::cancelled;
            }
            loop.unlink_task(this);
            cancel_requested_ = false;
            complete_cancelled(std::exchange(error_, nullptr));  // the request's CancelledError(msg)
            release();
            return;
        }
    }
    if (sleep_timer_pending_) {
        // The sleep unwinds with CancelledError now, and asyncio cancels its timer handle here.
        sleep_timer_pending_ = false;
        loop.timer_handle_cancelled(sleep_until_);
    }
    if (wait_loop_) {
        // The coroutine waits in a loop (`while q.full(): await putter`): its next turn may wait
        // again on a new future, and then the coroutine stays where it is.
        wait_loop_ = false;
        WaitLoop* waiting_loop = static_cast<WaitFuture*>(fut_waiter_)->loop();
        if (!cancel_requested_ && waiting_loop->wait_again(*this)) return;
    }
    wait_ = Wait::none;
    fut_waiter_ = nullptr;
    PromiseBase* previous = loop.current_task;
    loop.current_task = this;
    retain();  // finishing drops the loop's reference; keep the frame until we are out of it
    resume_point_.resume();
    loop.current_task = previous;
    release();
}

void PromiseBase::finish_task() {
    EventLoop& loop = EventLoop::running();
    // asyncio: a coroutine that returns while a cancel() is still unanswered ends cancelled.
    bool was_cancelled = cancel_requested_ && !error_;
    if (error_) {
        try {
            std::rethrow_exception(error_);
        } catch (const CancelledError&) {
            was_cancelled = true;
        } catch (...) {
        }
    }
    if (auto* span = trace::span_for(id_)) {
        span->finished = loop.time();
        if (was_cancelled) span->status = trace::Status::cancelled;
        else if (error_) {
            span->status = trace::Status::error;
            try {
                std::rethrow_exception(error_);
            } catch (const std::exception& e) {
                span->result = e.what();
            } catch (...) {
                span->result = "unknown exception";
            }
        } else {
            span->status = trace::Status::ok;
            span->result = result_text();
        }
    }
    loop.unlink_task(this);
    if (was_cancelled) {
        cancel_requested_ = false;
        complete_cancelled(std::exchange(error_, nullptr));  // awaiters re-raise its CancelledError
    } else {
        complete(error_);
    }
    release();  // the loop's pending reference
}

void PromiseBase::abandon() {
    if (EventLoop* loop = EventLoop::current()) loop->unlink_task(this);
    // The future we wait on holds us as its callback while our frame may hold it: break the cycle.
    if (wait_ == Wait::future && fut_waiter_) fut_waiter_->remove_done_callback(this, wake_token_);
    // Mark cancelled without waking anyone: the loop is being torn down.
    ++wake_token_;
    state_ = State::cancelled;
    drop_callbacks();
    // Also the reference to us held by what we wait on (a Lock's or Queue's future, see
    // FutureBase::forget_waiters), so our frame goes when its last handle does.
    if (wait_ == Wait::future && fut_waiter_) fut_waiter_->forget_waiters();
    release();  // the loop's pending reference
}

bool PromiseBase::cancel(std::string_view msg) {
    if (done()) return false;
    if (!is_task_) return false;
    if (num_cancels_requested_ < UINT16_MAX) ++num_cancels_requested_;
    if (wait_ == Wait::future && fut_waiter_->cancel(msg)) return true;  // we wake when it reports cancelled
    cancel_requested_ = true;
    error_ = msg.empty() ? nullptr : std::make_exception_ptr(CancelledError(std::string(msg)));
    if (wait_ == Wait::timer) {
        ++wake_token_;  // the sleep's timer can no longer wake us (see live())
        sleep_timer_pending_ = true;
        wait_ = Wait::none;
        EventLoop::running().call_soon(this, wake_token_);
    }
    return true;
}

PromiseBase& PromiseBase::current() {
    EventLoop& loop = EventLoop::running();
    if (!loop.current_task) throw NoRunningLoopError("실행 중인 작업 밖에서 기다렸습니다 (co_await 는 aio::run 이 실행하는 코루틴 안에서만)");
    return *loop.current_task;
}

void PromiseBase::suspend_on(FutureBase& future, std::coroutine_handle<> h) {
    resume_point_ = h;
    wait_ = Wait::future;
    fut_waiter_ = &future;
    if (cancel_requested_) {
        std::string msg;
        if (error_) msg = cancel_message_of(error_);
        if (future.cancel(msg)) {
            cancel_requested_ = false;
            error_ = nullptr;
        }
    }
    future.add_done_callback(this, wake_token_);
}

void PromiseBase::suspend_on_loop(WaitFuture& future, std::coroutine_handle<> h) {
    suspend_on(future, h);
    wait_loop_ = true;
}

void PromiseBase::suspend_until(double when, std::coroutine_handle<> h) {
    resume_point_ = h;
    EventLoop& loop = EventLoop::running();
    if (cancel_requested_) {
        loop.call_soon(this, wake_token_);
        return;
    }
    wait_ = Wait::timer;
    sleep_until_ = when;
    loop.call_at(when, this, wake_token_);  // fire() turns the timer into a wake-up
}

void PromiseBase::suspend_soon(std::coroutine_handle<> h) {
    resume_point_ = h;
    EventLoop::running().call_soon(this, wake_token_);
}

void PromiseBase::throw_if_cancel_requested() {
    if (cancel_requested_) {
        cancel_requested_ = false;
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
        throw CancelledError();
    }
}

// A task<T> that ran off its end: undefined behaviour in C++, a named error here.
void PromiseBase::fail_missing_co_return() noexcept {
    const std::string who = display_name();
    error_ = std::make_exception_ptr(MissingCoReturnError(
        fmt::format("coroutine '{}' ended without co_return: its task<T> has no value (undefined behaviour)", who)));
    EventLoop* loop = EventLoop::current();
    trace::note_warning(trace::WarningKind::missing_co_return, who,
                        fmt::format("오류: 값을 돌려주는 코루틴 '{}'이(가) co_return 없이 끝났습니다 (without co_return)", who),
                        !loop || loop->options().warnings_to_stderr);
}

}  // namespace aio::detail

namespace aio {

std::string current_task_name() {
    auto* loop = detail::EventLoop::current();
    return loop && loop->current_task ? loop->current_task->name() : std::string{};
}

TaskRef current_task() {
    auto* loop = detail::EventLoop::current();
    return TaskRef(loop ? loop->current_task : nullptr);
}

std::vector<TaskRef> all_tasks() {
    std::vector<TaskRef> out;
    if (auto* loop = detail::EventLoop::current())
        for (detail::PromiseBase* t = loop->first_pending_task(); t; t = t->next_pending) out.emplace_back(t);
    return out;
}
}  // namespace aio
