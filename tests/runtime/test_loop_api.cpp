// The loop's callbacks and handles, user futures, sleep(d, result), the Task API (names,
// cancel(msg), exception(), current_task, all_tasks), asyncio.run's shutdown and to_thread.
// Expected traces are CPython 3.11's.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <thread>

#include "support.hpp"

namespace {

const char* py_bool(bool b) { return b ? "True" : "False"; }

aio::task<> callbacks_main() {
    aio::Loop loop = aio::get_running_loop();
    loop.call_soon([] { aio::print("soon 1"); });
    aio::Handle h = loop.call_soon([] { aio::print("soon cancelled"); });
    loop.call_soon([] { aio::print("soon 2"); });
    h.cancel();
    loop.call_later(1, [] { aio::print("later 1"); });
    aio::TimerHandle t = loop.call_later(1, [] { aio::print("later cancelled"); });
    loop.call_at(loop.time() + 1, [] { aio::print("at 1"); });
    loop.call_later(0.5, [] { aio::print("later 0.5"); });
    t.cancel();
    aio::print("handle cancelled {}, timer when {:.1f}", py_bool(h.cancelled()), t.when());
    co_await aio::sleep(0);
    aio::print("after one yield");
    co_await aio::sleep(2);
    aio::Future<int> fut = aio::create_future<int>();
    fut.add_done_callback([](aio::Future<int> f) { aio::print("callback 1 sees {}", f.result()); });
    fut.add_done_callback([](aio::Future<int> f) { aio::print("callback 2 sees {}", f.result()); });
    loop.call_later(1, [fut]() mutable { fut.set_result(42); });
    int v = co_await fut;
    aio::print("awaited {}, done {}", v, py_bool(fut.done()));
    aio::Future<int> fut2 = aio::create_future<int>();
    loop.call_soon([fut2]() mutable { fut2.set_exception(std::invalid_argument("bad future")); });
    try {
        co_await fut2;
    } catch (const std::invalid_argument& e) {
        aio::print("fut2 raised {}", e.what());
    }
    aio::Future<> fut3 = aio::create_future();
    aio::Handle cb = fut3.add_done_callback([](aio::Future<>) { aio::print("removed callback ran"); });
    aio::print("removed {}", fut3.remove_done_callback(cb));
    fut3.cancel("stop it");
    try {
        co_await fut3;
    } catch (const aio::CancelledError& e) {
        aio::print("fut3 cancelled: {}", e.what());
    }
    try {
        fut3.set_result();
    } catch (const aio::InvalidStateError&) {
        aio::print("set_result on a cancelled future: InvalidStateError");
    }
    aio::print("sleep result {}", co_await aio::sleep(1, std::string("slept")));
    aio::print("sleep 0 result {}", co_await aio::sleep(0, 7));
}

}  // namespace

// [python loop_callbacks_futures]
// import asyncio
// async def main():
//     loop = asyncio.get_running_loop()
//     loop.call_soon(print, "soon 1")
//     h = loop.call_soon(print, "soon cancelled")
//     loop.call_soon(print, "soon 2")
//     h.cancel()
//     loop.call_later(1, print, "later 1")
//     t = loop.call_later(1, print, "later cancelled")
//     loop.call_at(loop.time() + 1, print, "at 1")
//     loop.call_later(0.5, print, "later 0.5")
//     t.cancel()
//     print(f"handle cancelled {h.cancelled()}, timer when {t.when()}")
//     await asyncio.sleep(0)
//     print("after one yield")
//     await asyncio.sleep(2)
//     fut = loop.create_future()
//     fut.add_done_callback(lambda f: print(f"callback 1 sees {f.result()}"))
//     fut.add_done_callback(lambda f: print(f"callback 2 sees {f.result()}"))
//     loop.call_later(1, fut.set_result, 42)
//     print(f"awaited {await fut}, done {fut.done()}")
//     fut2 = loop.create_future()
//     loop.call_soon(fut2.set_exception, ValueError("bad future"))
//     try:
//         await fut2
//     except ValueError as e:
//         print(f"fut2 raised {e}")
//     fut3 = loop.create_future()
//     cb = lambda f: print("removed callback ran")
//     fut3.add_done_callback(cb)
//     print(f"removed {fut3.remove_done_callback(cb)}")
//     fut3.cancel("stop it")
//     try:
//         await fut3
//     except asyncio.CancelledError as e:
//         print(f"fut3 cancelled: {e}")
//     try:
//         fut3.set_result(1)
//     except asyncio.InvalidStateError:
//         print("set_result on a cancelled future: InvalidStateError")
//     print(f"sleep result {await asyncio.sleep(1, 'slept')}")
//     print(f"sleep 0 result {await asyncio.sleep(0, 7)}")
// asyncio.run(main())
// [end python]
TEST_CASE("loop callbacks: call_soon/call_later/call_at order, cancelled handles; futures; sleep(d, result)",
          "[loop_api][futures]") {
    CHECK(rt::trace_of(callbacks_main()) == rt::expected_trace("loop_callbacks_futures"));
}

namespace {

aio::task<> worker(double n) {
    try {
        co_await aio::sleep(n);
    } catch (const aio::CancelledError& e) {
        aio::print("worker got CancelledError({})", e.message());
        throw;
    }
}

aio::task<> fails() {
    throw std::invalid_argument("broken");
    co_return;
}

aio::task<> waiter(aio::Task<> t) {
    try {
        co_await t;
    } catch (const aio::CancelledError& e) {
        aio::print("waiter got CancelledError({})", e.message());
    }
}

aio::task<> task_api_main() {
    aio::TaskRef me = aio::current_task();
    auto w = aio::create_task(worker(5), "w");
    auto f = aio::create_task(fails(), "f");
    aio::print("main is current {}, all_tasks {}", py_bool(me == aio::current_task()), aio::all_tasks().size());
    co_await aio::sleep(0);
    w.set_name("renamed");
    aio::print("names {} {}", w.get_name(), f.get_name());
    aio::print("f exception ValueError('{}')", rt::what_of(f.exception()));
    try {
        w.exception();
    } catch (const aio::InvalidStateError& e) {
        aio::print("pending exception(): InvalidStateError {}", e.what());
    }
    auto wt = aio::create_task(waiter(w));
    co_await aio::sleep(1);
    const bool cancelled = w.cancel("enough");  // before cancelling(): argument order is unspecified
    aio::print("cancel -> {}, cancelling {}", py_bool(cancelled), w.cancelling());
    co_await wt;
    aio::print("w cancelled {}", py_bool(w.cancelled()));
    try {
        w.exception();
    } catch (const aio::CancelledError&) {
        aio::print("cancelled exception(): CancelledError");
    }
    auto n = aio::create_task(worker(1));
    n.cancel("before start");
    try {
        co_await n;
    } catch (const aio::CancelledError& e) {
        aio::print("not started: CancelledError({})", e.message());
    }
    aio::print("all_tasks {}", aio::all_tasks().size());
}

}  // namespace

// [python task_api]
// import asyncio
// async def worker(n):
//     try:
//         await asyncio.sleep(n)
//     except asyncio.CancelledError as e:
//         print(f"worker got CancelledError({e})")
//         raise
// async def fails():
//     raise ValueError("broken")
// async def waiter(t):
//     try:
//         await t
//     except asyncio.CancelledError as e:
//         print(f"waiter got CancelledError({e})")
// async def main():
//     me = asyncio.current_task()
//     w = asyncio.create_task(worker(5), name="w")
//     f = asyncio.create_task(fails(), name="f")
//     print(f"main is current {me is asyncio.current_task()}, all_tasks {len(asyncio.all_tasks())}")
//     await asyncio.sleep(0)
//     w.set_name("renamed")
//     print(f"names {w.get_name()} {f.get_name()}")
//     print(f"f exception {f.exception()!r}")
//     try:
//         w.exception()
//     except asyncio.InvalidStateError as e:
//         print(f"pending exception(): InvalidStateError {e}")
//     wt = asyncio.create_task(waiter(w))
//     await asyncio.sleep(1)
//     print(f"cancel -> {w.cancel('enough')}, cancelling {w.cancelling()}")
//     await wt
//     print(f"w cancelled {w.cancelled()}")
//     try:
//         w.exception()
//     except asyncio.CancelledError:
//         print("cancelled exception(): CancelledError")
//     n = asyncio.create_task(worker(1))
//     n.cancel("before start")
//     try:
//         await n
//     except asyncio.CancelledError as e:
//         print(f"not started: CancelledError({e})")
//     print(f"all_tasks {len(asyncio.all_tasks())}")
// asyncio.run(main())
// [end python]
TEST_CASE("Task API: current_task, all_tasks, names, exception(), cancel(msg) and cancelling()", "[loop_api][tasks]") {
    rt::VirtualScenario scenario;
    aio::run(task_api_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("task_api"));
    CHECK_FALSE(aio::trace::current().has_warning(aio::trace::WarningKind::exception_not_retrieved));
}

namespace {

aio::task<> stray() {
    for (int i = 0; i < 10; ++i) {
        aio::print("stray {}", i);
        co_await aio::sleep(0);
    }
    aio::print("stray finished");
}

aio::Task<> g_stray;

aio::task<> leftover() {
    bool cancelled = false;
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        aio::print("leftover cancelled, starts a stray task");
        cancelled = true;
    }
    if (cancelled) {
        g_stray = aio::create_task(stray());
        co_await aio::sleep(0);
        aio::print("leftover unwinds");
        throw aio::CancelledError();
    }
}

aio::task<> shutdown_main() {
    auto l = aio::create_task(leftover());
    co_await aio::sleep(1);
    aio::print("main returns");
}

}  // namespace

// [python shutdown_stray_task]
// import asyncio
// async def stray():
//     for i in range(10):
//         print(f"stray {i}")
//         await asyncio.sleep(0)
//     print("stray finished")
// async def leftover():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("leftover cancelled, starts a stray task")
//         global s
//         s = asyncio.create_task(stray())
//         await asyncio.sleep(0)
//         print("leftover unwinds")
//         raise
// async def main():
//     global l
//     l = asyncio.create_task(leftover())
//     await asyncio.sleep(1)
//     print("main returns")
// asyncio.run(main())
// [end python]
TEST_CASE("shutdown: a task created while run() cancels the leftovers runs as long as under asyncio.run",
          "[loop_api][shutdown]") {
    {
        rt::VirtualScenario scenario;
        aio::run(shutdown_main(), scenario.options);
        CHECK(rt::timed_trace() == rt::expected_trace("shutdown_stray_task"));
        // Still pending when the loop closed: destroyed with asyncio's warning.
        CHECK(aio::trace::current().has_warning(aio::trace::WarningKind::pending_at_exit));
        CHECK(g_stray.done());
    }
    g_stray = {};
}

namespace {

int blocking_work(int x) {
    std::this_thread::sleep_for(std::chrono::seconds(2));
    if (x < 0) throw std::invalid_argument("negative");
    return x * 2;
}

aio::task<> to_thread_ticker() {
    for (int i = 0; i < 3; ++i) {
        aio::print("tick {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<> to_thread_main() {
    auto tk = aio::create_task(to_thread_ticker());
    int r = co_await aio::to_thread(blocking_work, 21);
    aio::print("to_thread -> {}", r);
    try {
        co_await aio::to_thread(blocking_work, -1);
    } catch (const std::invalid_argument& e) {
        aio::print("to_thread raised {}", e.what());
    }
    co_await tk;
}

}  // namespace

// Virtual clock: the function runs at once, outside any task (its blocking sleep moves the clock
// but is no blocking sleep of a task), and the awaiting task resumes two iterations later.
TEST_CASE("to_thread on the virtual clock: runs at once, the result two iterations later", "[loop_api][to_thread]") {
    rt::VirtualScenario scenario;
    aio::run(to_thread_main(), scenario.options);
    CHECK(rt::timed_trace() ==
          "[  2.000] tick 0\n"
          "[  2.000] tick 1\n"
          "[  2.000] to_thread -> 42\n"
          "[  4.000] tick 2\n"
          "[  4.000] to_thread raised negative\n");
    CHECK(aio::trace::current().blocking_sleeps.empty());
    CHECK_FALSE(aio::trace::current().has_warning(aio::trace::WarningKind::blocking_sleep_in_task));
}

namespace {

aio::task<> real_to_thread_main() {
    const double start = aio::loop_time();
    auto tk = aio::create_task(to_thread_ticker());
    int r = co_await aio::to_thread([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return 5;
    });
    aio::print("to_thread -> {}", r);
    CHECK(aio::loop_time() - start >= 0.045);
    co_await tk;
}

}  // namespace

TEST_CASE("to_thread on the real clock: a thread, and the loop keeps running meanwhile", "[loop_api][to_thread]") {
    rt::VirtualScenario scenario;
    aio::clock::set_mode(aio::clock::Mode::real);
    aio::run(real_to_thread_main(), scenario.options);
    std::string texts;
    for (const auto& line : aio::trace::current().lines) texts += line.text + "\n";
    CHECK(texts == "tick 0\ntick 1\ntick 2\nto_thread -> 5\n");
}

namespace {

aio::task<> timer_rebuild_main() {
    aio::Loop loop = aio::get_running_loop();
    std::vector<aio::TimerHandle> hs;
    for (int i = 0; i < 150; ++i) hs.push_back(loop.call_later(1 + (i % 3) * 0.5, [i] { aio::print("t{}", i); }));
    for (int i = 0; i < 150; ++i)
        if (i % 3 != 1) hs[std::size_t(i)].cancel();
    co_await aio::sleep(0);
    std::vector<aio::TimerHandle> more;
    for (int i = 0; i < 5; ++i) more.push_back(loop.call_later(1.5, [i] { aio::print("m{}", i); }));
    more[2].cancel();
    aio::Future<std::string> fut = aio::create_future<std::string>();
    loop.call_later(3, [fut]() mutable {
        if (!fut.cancelled()) fut.set_result("late");
    });
    try {
        co_await aio::wait_for(fut, 2.5);
    } catch (const aio::TimeoutError&) {
        aio::print("future timed out, cancelled {}", py_bool(fut.cancelled()));
    }
    aio::Future<std::string> fut2 = aio::create_future<std::string>();
    loop.call_later(0.5, [fut2]() mutable { fut2.set_result("early"); });
    aio::print("wait_for future -> {}", co_await aio::wait_for(fut2, 1));
}

}  // namespace

// [python timer_handles_rebuild]
// import asyncio
// async def main():
//     loop = asyncio.get_running_loop()
//     hs = [loop.call_later(1 + (i % 3) * 0.5, print, f"t{i}") for i in range(150)]
//     for i, h in enumerate(hs):
//         if i % 3 != 1:
//             h.cancel()
//     await asyncio.sleep(0)
//     more = [loop.call_later(1.5, print, f"m{i}") for i in range(5)]
//     more[2].cancel()
//     fut = loop.create_future()
//     loop.call_later(3, lambda: fut.cancelled() or fut.set_result("late"))
//     try:
//         await asyncio.wait_for(fut, 2.5)
//     except asyncio.TimeoutError:
//         print(f"future timed out, cancelled {fut.cancelled()}")
//     fut2 = loop.create_future()
//     loop.call_later(0.5, fut2.set_result, "early")
//     print(f"wait_for future -> {await asyncio.wait_for(fut2, 1)}")
// asyncio.run(main())
// [end python]
TEST_CASE("cancelled timer handles: more than half of over 100 rebuild the heap, as asyncio; wait_for on futures",
          "[loop_api][heapq]") {
    CHECK(rt::trace_of(timer_rebuild_main()) == rt::expected_trace("timer_handles_rebuild"));
}

namespace {

aio::task<> real_clock_main() {
    const double start = aio::loop_time();
    try {
        co_await aio::wait_for(worker(0.5), 0.02);
    } catch (const aio::TimeoutError&) {
        aio::print("timed out");
    }
    CHECK(aio::loop_time() - start < 0.4);
    // Another thread hands a result to the loop.
    aio::Future<int> fut = aio::create_future<int>();
    aio::Loop loop = aio::get_running_loop();
    std::thread worker([loop, fut]() mutable {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        loop.call_soon_threadsafe([fut]() mutable { fut.set_result(9); });
    });
    // The loop must not report a deadlock while the thread works: a far timer keeps it waiting.
    aio::TimerHandle keep_alive = loop.call_later(5, [] {});
    int v = co_await fut;
    keep_alive.cancel();
    worker.join();
    aio::print("from a thread {}", v);
}

}  // namespace

TEST_CASE("real clock: wait_for's deadline and call_soon_threadsafe from another thread", "[loop_api][real]") {
    rt::VirtualScenario scenario;
    aio::clock::set_mode(aio::clock::Mode::real);
    aio::run(real_clock_main(), scenario.options);
    std::string texts;
    for (const auto& line : aio::trace::current().lines) texts += line.text + "\n";
    CHECK(texts == "worker got CancelledError()\ntimed out\nfrom a thread 9\n");
}
