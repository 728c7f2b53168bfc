// create_task and Task: awaiting, result(), cancel() in its three situations, and what aio::run
// does with tasks still pending when main returns. Expected traces are CPython 3.11's.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "support.hpp"

namespace {

using aio::trace::WarningKind;

const char* py_bool(bool b) { return b ? "True" : "False"; }

aio::task<> ticker(int n) {
    for (int i = 0; i < n; ++i) {
        aio::print("tick {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<int> compute() {
    co_await aio::sleep(1);
    aio::print("compute finishes");
    co_return 42;
}

aio::task<> await_twice_main() {
    auto t = aio::create_task(compute());
    int first = co_await t;
    auto tk = aio::create_task(ticker(2));
    int second = co_await t;  // already done: no yield, so this prints before "tick 0"
    aio::print("first {}, second {}, result() {}, done {}", first, second, t.result(), py_bool(t.done()));
    co_await tk;
}

}  // namespace

// [python task_await_twice]
// import asyncio
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def compute():
//     await asyncio.sleep(1)
//     print("compute finishes")
//     return 42
// async def main():
//     t = asyncio.create_task(compute())
//     first = await t
//     tk = asyncio.create_task(ticker(2))
//     second = await t
//     print(f"first {first}, second {second}, result() {t.result()}, done {t.done()}")
//     await tk
// asyncio.run(main())
// [end python]
TEST_CASE("a Task can be awaited twice; the second await does not yield", "[tasks]") {
    CHECK(rt::trace_of(await_twice_main()) == rt::expected_trace("task_await_twice"));
}

namespace {

aio::task<int> fails() {
    throw std::invalid_argument("nope");
    co_return 0;
}

aio::task<> result_main() {
    auto t = aio::create_task(fails());
    try {
        t.result();
        aio::print("result() returned before the task ran");
    } catch (const aio::InvalidStateError& e) {
        aio::print("not done: InvalidStateError {}", e.what());
    }
    co_await aio::sleep(0);
    aio::print("done {}", py_bool(t.done()));
    try {
        t.result();
    } catch (const std::invalid_argument& e) {
        aio::print("result() raised {}", e.what());
    }
    auto c = aio::create_task(fails());
    c.cancel();
    co_await aio::sleep(0);
    try {
        c.result();
    } catch (const aio::CancelledError&) {
        aio::print("result() raised CancelledError");
    }
}

}  // namespace

// [python task_result]
// import asyncio
// async def fails():
//     raise ValueError("nope")
// async def main():
//     t = asyncio.create_task(fails())
//     try:
//         t.result()
//         print("result() returned before the task ran")
//     except asyncio.InvalidStateError as e:
//         print(f"not done: InvalidStateError {e}")
//     await asyncio.sleep(0)
//     print(f"done {t.done()}")
//     try:
//         t.result()
//     except ValueError as e:
//         print(f"result() raised {e}")
//     c = asyncio.create_task(fails())
//     c.cancel()
//     await asyncio.sleep(0)
//     try:
//         c.result()
//     except asyncio.CancelledError:
//         print("result() raised CancelledError")
// asyncio.run(main())
// [end python]
TEST_CASE("Task::result() returns, rethrows, or reports that the task is not done", "[tasks]") {
    rt::VirtualScenario scenario;
    aio::run(result_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("task_result"));
    // t's exception was retrieved through result(): no warning.
    CHECK_FALSE(aio::trace::current().has_warning(WarningKind::exception_not_retrieved));
}

namespace {

aio::task<> sleepy_worker() {
    aio::print("worker starts");
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        aio::print("worker cancelled while sleeping");
        throw;
    }
}

aio::task<> cancel_sleeping_main() {
    auto t = aio::create_task(sleepy_worker());
    co_await aio::sleep(1);
    aio::print("cancel() -> {}", py_bool(t.cancel()));
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        aio::print("main: await raised CancelledError");
    }
    aio::print("cancelled {}, cancel() again -> {}", py_bool(t.cancelled()), py_bool(t.cancel()));
}

}  // namespace

// [python cancel_sleeping]
// import asyncio
// async def worker():
//     print("worker starts")
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("worker cancelled while sleeping")
//         raise
// async def main():
//     t = asyncio.create_task(worker())
//     await asyncio.sleep(1)
//     print(f"cancel() -> {t.cancel()}")
//     try:
//         await t
//     except asyncio.CancelledError:
//         print("main: await raised CancelledError")
//     print(f"cancelled {t.cancelled()}, cancel() again -> {t.cancel()}")
// asyncio.run(main())
// [end python]
TEST_CASE("cancel() of a sleeping task raises CancelledError at its sleep", "[tasks][cancel]") {
    rt::VirtualScenario scenario;
    aio::run(cancel_sleeping_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("cancel_sleeping"));
    // The dead 10 s timer must not move the clock.
    CHECK(aio::clock::now() == 1.0);
}

namespace {

aio::task<> body_never_runs() {
    aio::print("worker body runs");
    co_return;
}

aio::task<> cancel_not_started_main() {
    auto t = aio::create_task(body_never_runs());
    aio::print("cancel() -> {}", py_bool(t.cancel()));
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        aio::print("await raised CancelledError");
    }
    aio::print("cancelled {}", py_bool(t.cancelled()));
}

}  // namespace

// [python cancel_not_started]
// import asyncio
// async def worker():
//     print("worker body runs")
// async def main():
//     t = asyncio.create_task(worker())
//     print(f"cancel() -> {t.cancel()}")
//     try:
//         await t
//     except asyncio.CancelledError:
//         print("await raised CancelledError")
//     print(f"cancelled {t.cancelled()}")
// asyncio.run(main())
// [end python]
TEST_CASE("cancel() before a task starts means its body never runs", "[tasks][cancel]") {
    CHECK(rt::trace_of(cancel_not_started_main()) == rt::expected_trace("cancel_not_started"));
}

namespace {

aio::task<std::string> inner() {
    try {
        co_await aio::sleep(5);
        co_return "inner result";
    } catch (const aio::CancelledError&) {
        aio::print("inner cancelled");
        throw;
    }
}

aio::task<std::string> outer(aio::Task<std::string> inner_task) {
    try {
        co_return co_await inner_task;
    } catch (const aio::CancelledError&) {
        aio::print("outer cancelled at its await");
        throw;
    }
}

aio::task<> cancel_awaiting_main() {
    auto i = aio::create_task(inner());
    auto o = aio::create_task(outer(i));
    co_await aio::sleep(1);
    o.cancel();
    co_await aio::sleep(0.5);
    aio::print("inner cancelled {}, outer cancelled {}", py_bool(i.cancelled()), py_bool(o.cancelled()));
}

}  // namespace

// Cancelling a task that awaits another task cancels the awaited one too (Task.cancel cancels
// _fut_waiter); the outer task sees CancelledError at its await once the inner one is done.
// [python cancel_awaiting_task]
// import asyncio
// async def inner():
//     try:
//         await asyncio.sleep(5)
//         return "inner result"
//     except asyncio.CancelledError:
//         print("inner cancelled")
//         raise
// async def outer(inner_task):
//     try:
//         return await inner_task
//     except asyncio.CancelledError:
//         print("outer cancelled at its await")
//         raise
// async def main():
//     i = asyncio.create_task(inner())
//     o = asyncio.create_task(outer(i))
//     await asyncio.sleep(1)
//     o.cancel()
//     await asyncio.sleep(0.5)
//     print(f"inner cancelled {i.cancelled()}, outer cancelled {o.cancelled()}")
// asyncio.run(main())
// [end python]
TEST_CASE("cancel() of a task awaiting another task cancels both, at their await points", "[tasks][cancel]") {
    CHECK(rt::trace_of(cancel_awaiting_main()) == rt::expected_trace("cancel_awaiting_task"));
}

namespace {

aio::task<> victim() {
    try {
        co_await aio::sleep(1);
        aio::print("victim woke normally");
    } catch (const aio::CancelledError&) {
        aio::print("victim cancelled");
    }
}

aio::task<> canceller(aio::Task<>* target) {
    co_await aio::sleep(1);
    aio::print("canceller cancels victim");
    aio::print("cancel() -> {}", py_bool(target->cancel()));
}

aio::task<> bystander() {
    co_await aio::sleep(1);
    aio::print("bystander woke");
    co_await aio::sleep(0);
    aio::print("bystander one iteration later");
}

aio::task<> cancel_after_timer_main() {
    aio::Task<> v;
    auto c = aio::create_task(canceller(&v));
    v = aio::create_task(victim());
    auto b = aio::create_task(bystander());
    co_await aio::gather(c, v, b);
}

}  // namespace

// All three timers fire in one iteration; in the next, the canceller runs first. The victim's
// sleep is already over (its wake-up is queued), so cancel() only marks it: the victim gets
// CancelledError at its own queued wake-up, before the bystander, not one iteration later.
// [python cancel_after_timer_fired]
// import asyncio
// async def victim():
//     try:
//         await asyncio.sleep(1)
//         print("victim woke normally")
//     except asyncio.CancelledError:
//         print("victim cancelled")
// async def canceller(holder):
//     await asyncio.sleep(1)
//     print("canceller cancels victim")
//     print(f"cancel() -> {holder[0].cancel()}")
// async def bystander():
//     await asyncio.sleep(1)
//     print("bystander woke")
//     await asyncio.sleep(0)
//     print("bystander one iteration later")
// async def main():
//     holder = []
//     c = asyncio.create_task(canceller(holder))
//     holder.append(asyncio.create_task(victim()))
//     b = asyncio.create_task(bystander())
//     await asyncio.gather(c, holder[0], b)
// asyncio.run(main())
// [end python]
TEST_CASE("cancel() after a task's timer fired but before it woke keeps its wake-up slot", "[tasks][cancel]") {
    CHECK(rt::trace_of(cancel_after_timer_main()) == rt::expected_trace("cancel_after_timer_fired"));
}

namespace {

aio::task<std::string> stubborn() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        aio::print("stubborn ignores the cancel");
    }
    co_await aio::sleep(1);
    co_return "finished anyway";
}

aio::task<> cancel_swallowed_main() {
    auto t = aio::create_task(stubborn());
    co_await aio::sleep(1);
    t.cancel();
    aio::print("{}", co_await t);
    aio::print("cancelled {}", py_bool(t.cancelled()));
}

}  // namespace

// [python cancel_swallowed]
// import asyncio
// async def stubborn():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("stubborn ignores the cancel")
//     await asyncio.sleep(1)
//     return "finished anyway"
// async def main():
//     t = asyncio.create_task(stubborn())
//     await asyncio.sleep(1)
//     t.cancel()
//     print(await t)
//     print(f"cancelled {t.cancelled()}")
// asyncio.run(main())
// [end python]
TEST_CASE("a task that catches CancelledError keeps running and finishes normally", "[tasks][cancel]") {
    CHECK(rt::trace_of(cancel_swallowed_main()) == rt::expected_trace("cancel_swallowed"));
}

namespace {

aio::task<> background() {
    try {
        while (true) {
            co_await aio::sleep(1);
            aio::print("background tick");
        }
    } catch (const aio::CancelledError&) {
        aio::print("background cancelled");
        throw;
    }
}

aio::task<> never_started() {
    aio::print("never_started runs");
    co_return;
}

aio::task<> pending_main() {
    (void)aio::create_task(background());
    co_await aio::sleep(2.5);
    (void)aio::create_task(never_started());
    aio::print("main returns");
}

}  // namespace

// asyncio.run cancels what is still pending and lets it unwind (CPython prints nothing about it;
// our runtime additionally records a warning for the grader). A task created just before main
// returns still gets its first step: it was queued ahead of main's done-callback.
// [python pending_cancelled_at_end]
// import asyncio
// async def background():
//     try:
//         while True:
//             await asyncio.sleep(1)
//             print("background tick")
//     except asyncio.CancelledError:
//         print("background cancelled")
//         raise
// async def never_started():
//     print("never_started runs")
// async def main():
//     asyncio.create_task(background())
//     await asyncio.sleep(2.5)
//     asyncio.create_task(never_started())
//     print("main returns")
// asyncio.run(main())
// [end python]
TEST_CASE("tasks still pending when main returns are cancelled, with a warning", "[tasks][cancel]") {
    rt::VirtualScenario scenario;
    aio::run(pending_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("pending_cancelled_at_end"));
    const auto& warnings = aio::trace::current().warnings;
    // never_started was scheduled before main's done-callback, so it ran before the loop stopped.
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].kind == WarningKind::pending_at_exit);
    CHECK(warnings[0].name == "background");
    CHECK(warnings[0].time == 2.5);
    CHECK(warnings[0].message == "경고: 메인 코루틴이 끝났을 때 작업 'background'이(가) 아직 끝나지 않아서 취소했습니다");
    const auto* span = aio::trace::current().span_named("background");
    REQUIRE(span);
    CHECK(span->status == aio::trace::Status::cancelled);
    CHECK(span->finished == 2.5);
}
