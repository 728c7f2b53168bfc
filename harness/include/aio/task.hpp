// task<T>: a lazy coroutine (asyncio: a coroutine object). `co_await f()` runs it inline, in the
// awaiting task, exactly like `await f()` in Python. create_task(f()) turns the very same frame
// into a scheduled Task<T> (asyncio.Task): the promise doubles as the task's future, so a task
// costs one allocation.
//
// Read top to bottom: PromiseBase (untyped task state and stepping) → Promise<T> (result slot)
// → task<T> (owner of a not-yet-scheduled frame) → Task<T> (shared handle to a scheduled task).
#pragma once
#include <concepts>
#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "aio/detail/memory.hpp"
#include "aio/errors.hpp"
#include "aio/future.hpp"
#include "aio/loop.hpp"

namespace aio {

// The value of a coroutine that returns nothing (Python's None) inside results tuples/vectors.
using none = std::monostate;

template <class T = void>
class task;
template <class T = void>
class Task;

namespace detail {

// For static_assert in templates that must never be instantiated.
template <class...>
inline constexpr bool always_false = false;

// Turns "aio::task<int> ns::fetch(int, double)" into "fetch".
std::string short_function_name(const char* pretty);
// Python's "RuntimeWarning: coroutine 'name' was never awaited", for a coroutine call that is
// not a frame (QueueGet, QueuePut) dropped without being awaited.
void warn_never_awaited(const std::string& name);

class WaitFuture;

class PromiseBase : public FutureBase {
    // Declared first so that it fills FutureBase's tail padding (see the private fields below).
    std::uint32_t wake_token_ = 0;

public:
    enum class Wait : std::uint8_t { none, timer, future };

    explicit PromiseBase(const char* function_name) : function_name_(function_name) {}

    // The coroutine frame (this promise and the coroutine's locals) comes from the frame pool.
    static void* operator new(std::size_t size) { return allocate_frame(size); }
    static void operator delete(void* frame, std::size_t size) noexcept { deallocate_frame(frame, size); }

    // ---- identity --------------------------------------------------------------------------
    std::string name() const;  // explicit name, else the coroutine's function name
    void set_name(std::string name);
    std::string display_name() const;  // a task's name as students read it (Trace::display_name)
    std::uint32_t id() const noexcept { return id_; }
    bool is_task() const noexcept { return is_task_; }
    bool started() const noexcept { return started_; }
    void describe(std::string& out) const override;

    // ---- inline await (co_await task<T>) ---------------------------------------------------
    std::coroutine_handle<> continuation_{};
    void mark_started_inline() noexcept { started_ = true; }

    // ---- scheduling as a Task --------------------------------------------------------------
    void schedule_as_task(std::coroutine_handle<> self);
    void fire(std::uint32_t token) override;
    // The current wake-up; or the timer of a sleep cancelled since the task last ran, which asyncio
    // cancels only when the sleep unwinds (its `finally: h.cancel()`, at the task's next step).
    // Until then the timer stays in the heap as an uncancelled one, and firing it does nothing.
    bool live(std::uint32_t token) const override {
        return (token == wake_token_ && !done()) || (sleep_timer_pending_ && token == wake_token_ - 1);
    }
    // Task.cancel(msg): also counts the request (cancelling()).
    bool cancel(std::string_view msg = {}) override;
    // Task.cancelling() / Task.uncancel() (3.11): outstanding cancel requests, which timeout()
    // and TaskGroup use to tell their own cancellation from someone else's.
    int cancelling() const noexcept { return num_cancels_requested_; }
    int uncancel() noexcept {
        if (num_cancels_requested_ > 0) --num_cancels_requested_;
        return num_cancels_requested_;
    }
    // Called by the root frame's final_suspend.
    void finish_task();
    // Teardown after a fatal loop error: mark done without scheduling anybody.
    void abandon();

    // ---- what awaiters call on the *current* task -------------------------------------------
    static PromiseBase& current();
    void suspend_on(FutureBase& future, std::coroutine_handle<> h);
    // suspend_on a turn of a WaitLoop: the wake-up asks future.loop() before resuming h.
    void suspend_on_loop(WaitFuture& future, std::coroutine_handle<> h);
    void suspend_until(double when, std::coroutine_handle<> h);
    void suspend_soon(std::coroutine_handle<> h);  // asyncio.sleep(0): yield once
    void throw_if_cancel_requested();               // call first thing in await_resume
    Wait waiting() const noexcept { return wait_; }
    double sleeping_until() const noexcept { return wait_ == Wait::timer ? sleep_until_ : 0.0; }
    const FutureBase* waiting_on() const noexcept { return wait_ == Wait::future ? fut_waiter_ : nullptr; }

    void unhandled_exception() noexcept { error_ = std::current_exception(); }
    // A task<T> with T != void ended without co_return: error_ = MissingCoReturnError, and a
    // missing_co_return warning in the trace (trace.cpp).
    void fail_missing_co_return() noexcept;
    void mark_result_retrieved() noexcept { result_retrieved_ = true; }
    // Formats the result for the trace (typed promises override).
    virtual std::string result_text() const { return {}; }

    PromiseBase* prev_pending = nullptr;
    PromiseBase* next_pending = nullptr;

protected:
    ~PromiseBase() override;
    void warn_if_dropped_unawaited() const;

private:
    void step();

    // Every task is one coroutine frame, so these fields are packed (bench/gather_bench): a task
    // needs its function's name only until it is given one, it waits on a future or on a timer,
    // never both at once, and the flags are bits.
    union {
        const char* function_name_;   // while !named_
        std::string* explicit_name_;  // once named_ (owned)
    };
    std::coroutine_handle<> resume_point_{};
    union {
        FutureBase* fut_waiter_ = nullptr;  // while wait_ == Wait::future
        double sleep_until_;                // while wait_ == Wait::timer or sleep_timer_pending_
    };
    std::uint32_t id_ = 0;
    Wait wait_ = Wait::none;
    bool is_task_ : 1 = false;
    bool started_ : 1 = false;
    bool cancel_requested_ : 1 = false;
    bool result_retrieved_ : 1 = false;
    bool named_ : 1 = false;
    bool sleep_timer_pending_ : 1 = false;  // cancelled while sleeping; sleep_until_ is its timer
    bool wait_loop_ : 1 = false;            // fut_waiter_ is a WaitFuture with a WaitLoop
    // Fills the padding after the flags. While cancel_requested_, error_ holds the request's
    // CancelledError when cancel() was given a message (asyncio's _cancel_message).
    std::uint16_t num_cancels_requested_ = 0;
};

struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
        PromiseBase& p = h.promise();
        if (p.continuation_) return p.continuation_;
        if (p.is_task()) p.finish_task();
        return std::noop_coroutine();
    }
    void await_resume() const noexcept {}
};

template <class T>
class Promise : public PromiseBase {
public:
    explicit Promise(std::source_location loc = std::source_location::current())
        : PromiseBase(loc.function_name()) {}

    task<T> get_return_object() noexcept;
    std::suspend_always initial_suspend() const noexcept { return {}; }
    // Flowing off the end of a value-returning coroutine is undefined behaviour that g++ (11, 12)
    // does not diagnose; g++ lowers it to a jump to final_suspend with no value set. Catch that
    // here, so the awaiter gets MissingCoReturnError instead of reading an empty optional.
    FinalAwaiter final_suspend() noexcept {
        if (!value_ && !error_) fail_missing_co_return();
        return {};
    }

    template <class U>
    void return_value(U&& value) {
        value_.emplace(std::forward<U>(value));
    }

    // Result for whoever awaits: copies when possible, because a Task may be awaited many times.
    T take_result() {
        mark_result_retrieved();
        if (error_) std::rethrow_exception(error_);
        if constexpr (std::is_copy_constructible_v<T>) return *value_;
        else return std::move(*value_);
    }
    std::string result_text() const override;

private:
    void destroy_self() noexcept override {
        warn_if_dropped_unawaited();
        std::coroutine_handle<Promise>::from_promise(*this).destroy();
    }
    std::optional<T> value_;
};

template <>
class Promise<void> : public PromiseBase {
public:
    explicit Promise(std::source_location loc = std::source_location::current())
        : PromiseBase(loc.function_name()) {}
    task<void> get_return_object() noexcept;
    std::suspend_always initial_suspend() const noexcept { return {}; }
    FinalAwaiter final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void take_result() {
        mark_result_retrieved();
        if (error_) std::rethrow_exception(error_);
    }

private:
    void destroy_self() noexcept override {
        warn_if_dropped_unawaited();
        std::coroutine_handle<Promise>::from_promise(*this).destroy();
    }
};

// Awaiting a future-like object (a Task or a gather) from inside a running task.
template <class Derived>
struct FutureAwaiterBase {
    FutureBase* future;
    PromiseBase* waiter = nullptr;
    bool await_ready() const noexcept { return future->done(); }
    void await_suspend(std::coroutine_handle<> h) {
        waiter = &PromiseBase::current();
        waiter->suspend_on(*future, h);
    }
    void check_cancel() {
        if (waiter) waiter->throw_if_cancel_requested();
        if (future->cancelled()) future->throw_cancelled();
    }
};

}  // namespace detail

// ---- task<T>: a not-yet-scheduled coroutine ----------------------------------------------------
template <class T>
class [[nodiscard]] task {
public:
    using promise_type = detail::Promise<T>;
    using handle_type = std::coroutine_handle<promise_type>;
    using value_type = T;

    task() = default;
    explicit task(handle_type h) noexcept : h_(h) { h_.promise().retain(); }
    task(task&& other) noexcept : h_(std::exchange(other.h_, {})) {}
    task& operator=(task&& other) noexcept {
        if (this != &other) {
            reset();
            h_ = std::exchange(other.h_, {});
        }
        return *this;
    }
    ~task() { reset(); }

    bool valid() const noexcept { return bool(h_); }
    std::string name() const { return h_ ? h_.promise().name() : std::string{}; }
    // The name a task made from this coroutine gets unless create_task is given one (the
    // coroutine's __qualname__ in Python; here by default its function's name).
    void set_name(std::string name) { h_.promise().set_name(std::move(name)); }

    // `co_await coro()`: run inline in the current task (symmetric transfer, no loop iteration).
    auto operator co_await() && noexcept {
        struct Awaiter {
            handle_type h;
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
                h.promise().continuation_ = caller;
                h.promise().mark_started_inline();
                return h;
            }
            T await_resume() { return h.promise().take_result(); }
        };
        return Awaiter{h_};
    }

    // Hand the frame over (create_task / gather take ownership this way).
    handle_type release() noexcept { return std::exchange(h_, {}); }

private:
    void reset() noexcept {
        if (h_) std::exchange(h_, {}).promise().release();
    }
    handle_type h_{};
};

namespace detail {
template <class T>
task<T> Promise<T>::get_return_object() noexcept {
    return task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline task<void> Promise<void>::get_return_object() noexcept {
    return task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

// ---- TaskRef: a scheduled task of any result type (what current_task() and all_tasks() give) ---
class TaskRef {
public:
    TaskRef() = default;
    explicit TaskRef(detail::PromiseBase* p) noexcept : p_(p) {
        if (p_) p_->retain();
    }
    TaskRef(const TaskRef& o) noexcept : TaskRef(o.p_) {}
    TaskRef(TaskRef&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    TaskRef& operator=(TaskRef o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~TaskRef() {
        if (p_) p_->release();
    }

    bool valid() const noexcept { return p_ != nullptr; }
    bool done() const noexcept { return p_->done(); }
    bool cancelled() const noexcept { return p_->cancelled(); }
    // Task.cancel(msg): the CancelledError raised in the task carries msg.
    bool cancel(std::string_view msg = {}) { return p_->cancel(msg); }
    int cancelling() const noexcept { return p_->cancelling(); }
    int uncancel() noexcept { return p_->uncancel(); }
    // Task.get_name(): the name given to create_task/set_name, else the coroutine's function name
    // (asyncio says "Task-N"; students read function names in timelines, see docs).
    std::string name() const { return p_->name(); }
    std::string get_name() const { return p_->name(); }
    void set_name(std::string name) { p_->set_name(std::move(name)); }
    std::uint32_t id() const noexcept { return p_->id(); }
    // Task.exception(): null when it returned normally, else its exception; raises CancelledError
    // when cancelled and InvalidStateError while not done.
    std::exception_ptr exception() const {
        if (!p_->done()) throw InvalidStateError("Exception is not set.");
        if (p_->cancelled()) p_->throw_cancelled();
        p_->mark_result_retrieved();
        return p_->error();
    }
    detail::PromiseBase* base() const noexcept { return p_; }
    friend bool operator==(const TaskRef& a, const TaskRef& b) noexcept { return a.p_ == b.p_; }

protected:
    detail::PromiseBase* p_ = nullptr;
};

// ---- Task<T>: a scheduled task (asyncio.Task) ---------------------------------------------------
template <class T>
class Task : public TaskRef {
public:
    using promise_type = detail::Promise<T>;

    Task() = default;

    // Task.result(): the value (or rethrows); InvalidStateError while not done().
    decltype(auto) result() {
        if (!p_->done()) throw InvalidStateError();
        if (p_->cancelled()) p_->throw_cancelled();
        return promise()->take_result();
    }

    auto operator co_await() const noexcept {
        struct Awaiter : detail::FutureAwaiterBase<Awaiter> {
            promise_type* p;
            T await_resume() {
                this->check_cancel();
                return p->take_result();
            }
        };
        Awaiter a{};
        a.future = p_;
        a.p = promise();
        return a;
    }

    promise_type* promise() const noexcept { return static_cast<promise_type*>(p_); }
    // Adopts a frame that already holds one reference for us.
    static Task adopt(promise_type* p) noexcept {
        Task t;
        t.p_ = p;
        return t;
    }
};

// asyncio.create_task: schedule the coroutine to start at the next loop iteration.
// [[nodiscard]]: a task nobody keeps a handle to cannot be awaited or cancelled (asyncio's docs:
// "save a reference to the result of this function"); student files compile with -Werror=unused-result.
template <class T>
[[nodiscard]] Task<T> create_task(task<T>&& coroutine, std::string name = {}) {
    // Outside aio::run this throws while `coroutine` still owns the frame, so the frame is freed
    // (and reported as never awaited) instead of leaked.
    detail::EventLoop::running();
    auto h = coroutine.release();
    if (!name.empty()) h.promise().set_name(std::move(name));
    h.promise().schedule_as_task(h);
    return Task<T>::adopt(&h.promise());  // task<T>'s reference moves into the Task
}

// A named task (an lvalue) passed to create_task: one Korean compile error at the caller's line
// instead of "cannot bind rvalue reference" deep in this header.
template <class T>
Task<T> create_task(task<T>& coroutine, std::string name = {}) {
    static_assert(detail::always_false<T>,
                  "create_task: 이름 붙인 작업(변수)은 std::move(t) 로 넘기세요 - aio::create_task(std::move(t)) 또는 "
                  "aio::create_task(f()) (코루틴 객체는 한 번만 시작할 수 있습니다)");
    (void)coroutine, (void)name;
    return {};
}

namespace detail {
// A coroutine call that is a frame only when it must be one (Queue's put and get: awaited
// directly they run inline without one); to_task() gives the coroutine object for create_task,
// gather, wait_for and shield.
template <class X>
concept frameless_call = requires(X&& x) {
    typename X::value_type;
    { std::move(x).to_task() } -> std::same_as<task<typename X::value_type>>;
};
}  // namespace detail

template <class Call>
    requires detail::frameless_call<std::remove_cvref_t<Call>>
[[nodiscard]] auto create_task(Call&& call, std::string name = {}) {
    static_assert(!std::is_lvalue_reference_v<Call>,
                  "create_task: 이름 붙인 작업(변수)은 std::move(t) 로 넘기세요 - aio::create_task(std::move(t)) 또는 "
                  "aio::create_task(f()) (코루틴 객체는 한 번만 시작할 수 있습니다)");
    return create_task(std::move(call).to_task(), std::move(name));
}

// asyncio.current_task().get_name()
std::string current_task_name();
// asyncio.current_task(): the running task (invalid outside a task).
TaskRef current_task();
// asyncio.all_tasks(): the tasks not done yet, in creation order (asyncio: a set).
std::vector<TaskRef> all_tasks();

}  // namespace aio

#include "aio/detail/result_text.hpp"
