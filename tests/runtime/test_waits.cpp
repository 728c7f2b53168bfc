// wait_for and timeout(): deadlines, what is cancelled and when, checked against CPython 3.11.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "support.hpp"

namespace {

aio::task<int> slow(const char* name, double seconds, int value) {
    aio::print("{} starts", name);
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    aio::print("{} done", name);
    co_return value;
}

aio::task<> ticker(int n) {
    for (int i = 0; i < n; ++i) {
        aio::print("tick {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<> wait_for_main() {
    auto tk = aio::create_task(ticker(8));
    int v = co_await aio::wait_for(slow("fast", 1, 1), 2.0);
    aio::print("fast -> {}", v);
    try {
        co_await aio::wait_for(slow("slow", 5, 2), 2.0);
    } catch (const aio::TimeoutError& e) {
        aio::print("slow: {}", e.what());
    }
    auto t = aio::create_task(slow("task", 1, 3));
    try {
        co_await aio::wait_for(t, 0.0);
    } catch (const aio::TimeoutError&) {
        aio::print("zero timeout: TimeoutError, cancelled {}", t.cancelled() ? "True" : "False");
    }
    int w = co_await aio::wait_for(slow("none", 1, 4), std::nullopt);
    aio::print("none -> {}", w);
    auto tie = aio::create_task(slow("tie", 1, 5));
    try {
        int r = co_await aio::wait_for(tie, 1.0);
        aio::print("tie -> {}", r);
    } catch (const aio::TimeoutError&) {
        aio::print("tie: TimeoutError");
    }
    co_await tk;
}

}  // namespace

// [python wait_for_basics]
// import asyncio
// async def slow(name, seconds, value):
//     print(f"{name} starts")
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} done")
//     return value
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def main():
//     tk = asyncio.create_task(ticker(8))
//     v = await asyncio.wait_for(slow("fast", 1, 1), 2.0)
//     print(f"fast -> {v}")
//     try:
//         await asyncio.wait_for(slow("slow", 5, 2), 2.0)
//     except asyncio.TimeoutError as e:
//         print(f"slow: {type(e).__name__}")
//     t = asyncio.create_task(slow("task", 1, 3))
//     try:
//         await asyncio.wait_for(t, 0)
//     except asyncio.TimeoutError:
//         print(f"zero timeout: TimeoutError, cancelled {t.cancelled()}")
//     w = await asyncio.wait_for(slow("none", 1, 4), None)
//     print(f"none -> {w}")
//     tie = asyncio.create_task(slow("tie", 1, 5))
//     try:
//         r = await asyncio.wait_for(tie, 1.0)
//         print(f"tie -> {r}")
//     except asyncio.TimeoutError:
//         print("tie: TimeoutError")
//     await tk
// asyncio.run(main())
// [end python]
TEST_CASE("wait_for: result, timeout, zero timeout, no timeout, a tie with the deadline", "[waits][wait_for]") {
    CHECK(rt::trace_of(wait_for_main()) == rt::expected_trace("wait_for_basics"));
}


namespace {

aio::task<int> fails_after(double seconds) {
    co_await aio::sleep(seconds);
    throw std::invalid_argument("boom");
}

aio::task<int> stubborn() {
    bool caught = false;
    try {
        co_await aio::sleep(5);
    } catch (const aio::CancelledError&) {
        aio::print("stubborn caught the cancel, sleeps 1 more");
        caught = true;
    }
    if (caught) {
        co_await aio::sleep(1);
        aio::print("stubborn returns 7");
    }
    co_return 7;
}

aio::task<> waiter() {
    try {
        co_await aio::wait_for(slow("inner", 10, 1), 5);
    } catch (const aio::CancelledError&) {
        aio::print("waiter cancelled");
        throw;
    }
}

aio::task<> wait_for_cancel_main() {
    auto w = aio::create_task(waiter());
    co_await aio::sleep(1);
    w.cancel();
    try {
        co_await w;
    } catch (const aio::CancelledError&) {
        aio::print("main: waiter cancelled {}", w.cancelled() ? "True" : "False");
    }
    try {
        co_await aio::wait_for(fails_after(1), 3);
    } catch (const std::invalid_argument& e) {
        aio::print("inner raised {}", e.what());
    }
    int r = co_await aio::wait_for(stubborn(), 1);
    aio::print("stubborn -> {}", r);
}

}  // namespace

// [python wait_for_cancel_and_errors]
// import asyncio
// async def slow(name, seconds, value):
//     print(f"{name} starts")
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} done")
//     return value
// async def fails(seconds):
//     await asyncio.sleep(seconds)
//     raise ValueError("boom")
// async def stubborn():
//     try:
//         await asyncio.sleep(5)
//     except asyncio.CancelledError:
//         print("stubborn caught the cancel, sleeps 1 more")
//         await asyncio.sleep(1)
//         print("stubborn returns 7")
//         return 7
// async def waiter():
//     try:
//         await asyncio.wait_for(slow("inner", 10, 1), 5)
//     except asyncio.CancelledError:
//         print("waiter cancelled")
//         raise
// async def main():
//     w = asyncio.create_task(waiter())
//     await asyncio.sleep(1)
//     w.cancel()
//     try:
//         await w
//     except asyncio.CancelledError:
//         print(f"main: waiter cancelled {w.cancelled()}")
//     try:
//         await asyncio.wait_for(fails(1), 3)
//     except ValueError as e:
//         print(f"inner raised {e}")
//     r = await asyncio.wait_for(stubborn(), 1)
//     print(f"stubborn -> {r}")
// asyncio.run(main())
// [end python]
TEST_CASE("wait_for: cancelling the waiter cancels the task; errors pass; a task that refuses to die wins",
          "[waits][wait_for][cancel]") {
    CHECK(rt::trace_of(wait_for_cancel_main()) == rt::expected_trace("wait_for_cancel_and_errors"));
}

namespace {

aio::task<std::string> slow_named(std::string name, double seconds) {
    aio::print("{} starts", name);
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    aio::print("{} done", name);
    co_return name;
}

aio::task<> body_reschedules(aio::Timeout cm) {
    co_await aio::sleep(1);
    cm.reschedule(aio::loop_time() + 3);
    aio::print("rescheduled to {:.1f}", *cm.when());
    co_await slow_named("rescheduled", 2.5);
}

aio::task<> nested() {
    co_await aio::timeout(5, aio::timeout(1, slow_named("inner", 2)));
}

aio::task<> timeout_main() {
    aio::Timeout cm = aio::timeout(2);
    try {
        co_await aio::with_timeout(cm, slow_named("a", 5));
    } catch (const aio::TimeoutError&) {
        aio::print("a: TimeoutError, expired {}", cm.expired() ? "True" : "False");
    }
    cm = aio::timeout(2);
    std::string r = co_await aio::with_timeout(cm, slow_named("b", 1));
    aio::print("b -> {}, expired {}", r, cm.expired() ? "True" : "False");
    cm = aio::timeout(2);
    co_await aio::with_timeout(cm, body_reschedules(cm));
    aio::print("rescheduled expired {}", cm.expired() ? "True" : "False");
    try {
        co_await nested();
    } catch (const aio::TimeoutError&) {
        aio::print("nested: TimeoutError");
    }
    try {
        co_await aio::timeout_at(aio::loop_time() - 1, slow_named("past", 1));
    } catch (const aio::TimeoutError&) {
        aio::print("past deadline: TimeoutError");
    }
    cm = aio::timeout(std::nullopt);
    co_await aio::with_timeout(cm, slow_named("none", 1));
    aio::print("none when {}", cm.when() ? "a time" : "None");
    aio::TaskRef t = aio::current_task();
    try {
        cm = aio::timeout(1);
        cm.enter();  // the scope form: enter() ... exit(error)
        std::exception_ptr error;
        try {
            t.cancel();
            co_await slow_named("outer cancel", 2);
        } catch (...) {
            error = std::current_exception();
        }
        cm.exit(error);
    } catch (const aio::CancelledError&) {
        aio::print("outer cancel wins: CancelledError, cancelling {}", t.cancelling());
    }
}

}  // namespace

// [python timeout_scopes]
// import asyncio
// async def slow(name, seconds):
//     print(f"{name} starts")
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} done")
//     return name
// async def body_reschedules(cm):
//     await asyncio.sleep(1)
//     cm.reschedule(asyncio.get_running_loop().time() + 3)
//     print(f"rescheduled to {cm.when()}")
//     await slow("rescheduled", 2.5)
// async def nested():
//     async with asyncio.timeout(5):
//         async with asyncio.timeout(1):
//             await slow("inner", 2)
// async def main():
//     try:
//         async with asyncio.timeout(2) as cm:
//             await slow("a", 5)
//     except TimeoutError:
//         print(f"a: TimeoutError, expired {cm.expired()}")
//     async with asyncio.timeout(2) as cm:
//         r = await slow("b", 1)
//     print(f"b -> {r}, expired {cm.expired()}")
//     async with asyncio.timeout(2) as cm:
//         await body_reschedules(cm)
//     print(f"rescheduled expired {cm.expired()}")
//     try:
//         await nested()
//     except TimeoutError:
//         print("nested: TimeoutError")
//     loop = asyncio.get_running_loop()
//     try:
//         async with asyncio.timeout_at(loop.time() - 1):
//             await slow("past", 1)
//     except TimeoutError:
//         print("past deadline: TimeoutError")
//     async with asyncio.timeout(None) as cm:
//         await slow("none", 1)
//     print(f"none when {cm.when()}")
//     t = asyncio.current_task()
//     try:
//         async with asyncio.timeout(1):
//             t.cancel()
//             await slow("outer cancel", 2)
//     except asyncio.CancelledError:
//         print(f"outer cancel wins: CancelledError, cancelling {t.cancelling()}")
// asyncio.run(main())
// [end python]
TEST_CASE("timeout(): expiry, no expiry, reschedule, nesting, a past deadline, None, a foreign cancel",
          "[waits][timeout]") {
    CHECK(rt::trace_of(timeout_main()) == rt::expected_trace("timeout_scopes"));
}

namespace {

aio::task<std::string> job(std::string name, double seconds, bool fail = false) {
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    if (fail) {
        aio::print("{} fails", name);
        throw std::invalid_argument(name);
    }
    aio::print("{} done", name);
    co_return name;
}

using StrTask = aio::Task<std::string>;

std::string names(const std::vector<StrTask>& tasks) {
    std::string out;
    for (const auto& t : tasks) out += (out.empty() ? "" : " ") + t.get_name();
    return out.empty() ? "-" : out;
}

aio::task<> wait_main() {
    auto a = aio::create_task(job("a", 1), "a");
    auto b = aio::create_task(job("b", 1), "b");
    auto c = aio::create_task(job("c", 3), "c");
    // A braced list inside a co_await expression trips g++ 11/12 ("array used as initializer"):
    // the vectors are built first.
    std::vector<StrTask> abc{a, b, c};
    auto r1 = co_await aio::wait(abc, std::nullopt, aio::FIRST_COMPLETED);
    aio::print("first completed: done {}, pending {}", names(r1.done), names(r1.pending));
    auto d = aio::create_task(job("d", 1, true), "d");
    auto e = aio::create_task(job("e", 2), "e");
    std::vector<StrTask> cde{c, d, e};
    auto r2 = co_await aio::wait(cde, std::nullopt, aio::FIRST_EXCEPTION);
    aio::print("first exception: done {}, pending {}", names(r2.done), names(r2.pending));
    auto f = aio::create_task(job("f", 10), "f");
    std::vector<StrTask> cef{c, e, f};
    auto r3 = co_await aio::wait(cef, 1.5);
    aio::print("timeout: done {}, pending {}", names(r3.done), names(r3.pending));
    f.cancel();
    std::vector<StrTask> just_f{f};
    auto r4 = co_await aio::wait(just_f);
    aio::print("after cancel: done {}, cancelled {}", names(r4.done), f.cancelled() ? "True" : "False");
    try {
        std::vector<StrTask> none;
        co_await aio::wait(none);
    } catch (const std::invalid_argument& err) {
        aio::print("empty: {}", err.what());
    }
    aio::print("d's exception: {}", rt::what_of(d.exception()));
}

}  // namespace

// [python wait_return_when]
// import asyncio
// async def job(name, seconds, fail=False):
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     if fail:
//         print(f"{name} fails")
//         raise ValueError(name)
//     print(f"{name} done")
//     return name
// def names(tasks, order):
//     return " ".join(t.get_name() for t in order if t in tasks) or "-"
// async def main():
//     a = asyncio.create_task(job("a", 1), name="a")
//     b = asyncio.create_task(job("b", 1), name="b")
//     c = asyncio.create_task(job("c", 3), name="c")
//     order = [a, b, c]
//     done, pending = await asyncio.wait(order, return_when=asyncio.FIRST_COMPLETED)
//     print(f"first completed: done {names(done, order)}, pending {names(pending, order)}")
//     d = asyncio.create_task(job("d", 1, fail=True), name="d")
//     e = asyncio.create_task(job("e", 2), name="e")
//     order = [c, d, e]
//     done, pending = await asyncio.wait(order, return_when=asyncio.FIRST_EXCEPTION)
//     print(f"first exception: done {names(done, order)}, pending {names(pending, order)}")
//     f = asyncio.create_task(job("f", 10), name="f")
//     order = [c, e, f]
//     done, pending = await asyncio.wait(order, timeout=1.5)
//     print(f"timeout: done {names(done, order)}, pending {names(pending, order)}")
//     f.cancel()
//     done, pending = await asyncio.wait([f])
//     print(f"after cancel: done {names(done, [f])}, cancelled {f.cancelled()}")
//     try:
//         await asyncio.wait([])
//     except ValueError as err:
//         print(f"empty: {err}")
//     print(f"d's exception: {d.exception()}")
// asyncio.run(main())
// [end python]
TEST_CASE("wait: FIRST_COMPLETED with a tie, FIRST_EXCEPTION, a timeout, a cancelled task, empty", "[waits][wait]") {
    rt::VirtualScenario scenario;
    aio::run(wait_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("wait_return_when"));
    CHECK_FALSE(aio::trace::current().has_warning(aio::trace::WarningKind::exception_not_retrieved));
}

namespace {

aio::task<std::string> quiet_job(std::string name, double seconds, bool fail = false) {
    co_await aio::sleep(seconds);
    if (fail) throw std::invalid_argument(name);
    aio::print("{} done", name);
    co_return name;
}

aio::task<> as_completed_main() {
    std::vector<StrTask> tasks{aio::create_task(quiet_job("slow", 3)), aio::create_task(quiet_job("fast", 1)),
                               aio::create_task(quiet_job("bad", 2, true)), aio::create_task(quiet_job("fast2", 1))};
    auto tk = aio::create_task(ticker(6));
    for (auto next : aio::as_completed(tasks)) {
        try {
            std::string r = co_await next;
            aio::print("got {}", r);
        } catch (const std::invalid_argument& e) {
            aio::print("raised {}", e.what());
        }
    }
    co_await tk;
    std::vector<StrTask> more{aio::create_task(quiet_job("quick", 1)), aio::create_task(quiet_job("late", 5))};
    try {
        auto ac = aio::as_completed(more, 2);
        for (std::size_t i = 0; i < ac.size(); ++i) aio::print("got {}", co_await ac.next());
    } catch (const aio::TimeoutError&) {
        aio::print("as_completed: TimeoutError");
    }
    more[1].cancel();
}

}  // namespace

// [python as_completed_order]
// import asyncio
// async def job(name, seconds, fail=False):
//     await asyncio.sleep(seconds)
//     if fail:
//         raise ValueError(name)
//     print(f"{name} done")
//     return name
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def main():
//     tasks = [asyncio.create_task(job("slow", 3)), asyncio.create_task(job("fast", 1)),
//              asyncio.create_task(job("bad", 2, fail=True)), asyncio.create_task(job("fast2", 1))]
//     tk = asyncio.create_task(ticker(6))
//     for next in asyncio.as_completed(tasks):
//         try:
//             r = await next
//             print(f"got {r}")
//         except ValueError as e:
//             print(f"raised {e}")
//     await tk
//     more = [asyncio.create_task(job("quick", 1)), asyncio.create_task(job("late", 5))]
//     try:
//         for next in asyncio.as_completed(more, timeout=2):
//             print(f"got {await next}")
//     except asyncio.TimeoutError:
//         print("as_completed: TimeoutError")
//     more[1].cancel()
// asyncio.run(main())
// [end python]
TEST_CASE("as_completed: completion order, ties in creation order, an exception, a timeout", "[waits][as_completed]") {
    CHECK(rt::trace_of(as_completed_main()) == rt::expected_trace("as_completed_order"));
}

namespace {

aio::task<int> ten_after(std::string name, double seconds) {
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    aio::print("{} done", name);
    co_return 10;
}

aio::task<> guarded(aio::Task<int> t) {
    try {
        int r = co_await aio::shield(t);
        aio::print("guarded got {}", r);
    } catch (const aio::CancelledError&) {
        aio::print("guarded: CancelledError");
        throw;
    }
}

aio::task<> shield_main() {
    auto inner = aio::create_task(ten_after("inner", 2));
    auto g = aio::create_task(guarded(inner));
    co_await aio::sleep(1);
    g.cancel();
    try {
        co_await g;
    } catch (const aio::CancelledError&) {
        aio::print("g cancelled {}, inner done {}", g.cancelled() ? "True" : "False", inner.done() ? "True" : "False");
    }
    aio::print("inner -> {}", co_await inner);
    aio::print("shield of a done task -> {}", co_await aio::shield(inner));
    auto inner2 = aio::create_task(ten_after("inner2", 2));
    auto g2 = aio::create_task(guarded(inner2));
    co_await aio::sleep(1);
    inner2.cancel();
    try {
        co_await g2;
    } catch (const aio::CancelledError&) {
        aio::print("g2 cancelled {}", g2.cancelled() ? "True" : "False");
    }
    int r = co_await aio::shield(ten_after("coro", 1));
    aio::print("shielded coroutine -> {}", r);
}

}  // namespace

// [python shield_cancel]
// import asyncio
// async def job(name, seconds):
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} done")
//     return 10
// async def guarded(t):
//     try:
//         r = await asyncio.shield(t)
//         print(f"guarded got {r}")
//     except asyncio.CancelledError:
//         print("guarded: CancelledError")
//         raise
// async def main():
//     inner = asyncio.create_task(job("inner", 2))
//     g = asyncio.create_task(guarded(inner))
//     await asyncio.sleep(1)
//     g.cancel()
//     try:
//         await g
//     except asyncio.CancelledError:
//         print(f"g cancelled {g.cancelled()}, inner done {inner.done()}")
//     print(f"inner -> {await inner}")
//     print(f"shield of a done task -> {await asyncio.shield(inner)}")
//     inner2 = asyncio.create_task(job("inner2", 2))
//     g2 = asyncio.create_task(guarded(inner2))
//     await asyncio.sleep(1)
//     inner2.cancel()
//     try:
//         await g2
//     except asyncio.CancelledError:
//         print(f"g2 cancelled {g2.cancelled()}")
//     r = await asyncio.shield(job("coro", 1))
//     print(f"shielded coroutine -> {r}")
// asyncio.run(main())
// [end python]
TEST_CASE("shield: cancelling the waiter spares the task; cancelling the task reaches the waiter", "[waits][shield]") {
    CHECK(rt::trace_of(shield_main()) == rt::expected_trace("shield_cancel"));
}

namespace {

aio::task<> never_done() {
    aio::Future<> never = aio::create_future();
    co_await never;
}

aio::task<> stuck_in_wait() {
    std::vector<aio::Task<>> tasks{aio::create_task(never_done())};
    co_await aio::wait(tasks);
}

aio::task<> stuck_in_as_completed() {
    std::vector<aio::Task<>> tasks{aio::create_task(never_done())};
    for (auto next : aio::as_completed(tasks)) co_await next;
}

aio::task<> stuck_in_cancel() {
    // wait_for's deadline passed; the task it cancels ignores the cancellation and waits forever.
    auto t = aio::create_task([]() -> aio::task<> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::CancelledError&) {
        }
        co_await never_done();
    }());
    co_await aio::wait_for(t, 1);
}

std::string deadlock_of(aio::task<> main) {
    rt::VirtualScenario scenario;
    try {
        aio::run(std::move(main), scenario.options);
    } catch (const aio::DeadlockError& e) {
        return e.what();
    }
    return "no deadlock";
}

}  // namespace

TEST_CASE("a deadlock names the wait, as_completed or wait_for a task is stuck in", "[waits][guards]") {
    CHECK_THAT(deadlock_of(stuck_in_wait()), Catch::Contains("작업 'stuck_in_wait': 기다리는 중 → wait(작업 1개, ALL_COMPLETED)"));
    CHECK_THAT(deadlock_of(stuck_in_as_completed()),
               Catch::Contains("작업 'stuck_in_as_completed': 기다리는 중 → as_completed(작업 1개 중 1개 남음)"));
    CHECK_THAT(deadlock_of(stuck_in_cancel()),
               Catch::Contains("작업 'stuck_in_cancel': 기다리는 중 → 취소한 작업 "));
}

namespace {

aio::task<double> seconds_job(std::string name, double seconds) {
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    aio::print("{} done", name);
    co_return seconds;
}

aio::task<> wait_for_gather_main() {
    auto [a, b] = co_await aio::wait_for(aio::gather(seconds_job("a", 1), seconds_job("b", 2)), 3);
    aio::print("gathered {} {}", a, b);
    try {
        co_await aio::wait_for(aio::gather(seconds_job("c", 1), seconds_job("d", 5), seconds_job("e", 6)), 2);
    } catch (const aio::TimeoutError&) {
        aio::print("gather timed out");
    }
    auto [r] = co_await aio::wait_for(aio::gather_outcomes(seconds_job("f", 1)), std::nullopt);
    aio::print("no timeout [{}]", r.value());
}

}  // namespace

// [python wait_for_gather]
// import asyncio
// async def job(name, seconds):
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} done")
//     return seconds
// async def main():
//     a, b = await asyncio.wait_for(asyncio.gather(job("a", 1), job("b", 2)), 3)
//     print(f"gathered {a} {b}")
//     try:
//         await asyncio.wait_for(asyncio.gather(job("c", 1), job("d", 5), job("e", 6)), 2)
//     except asyncio.TimeoutError:
//         print("gather timed out")
//     r = await asyncio.wait_for(asyncio.gather(job("f", 1), return_exceptions=True), None)
//     print(f"no timeout {r}")
// asyncio.run(main())
// [end python]
TEST_CASE("wait_for(gather(...)): the timeout cancels the gather's children and waits for them", "[waits][wait_for]") {
    CHECK(rt::trace_of(wait_for_gather_main()) == rt::expected_trace("wait_for_gather"));
}
