// Who runs when: the ready queue, loop iterations, timers. Every expectation here is CPython 3.11
// asyncio's own output for the Python scenario next to the test (data/traces/<name>.txt).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support.hpp"

namespace {

aio::task<> round_robin_worker(std::string name) {
    for (int i = 0; i < 3; ++i) {
        aio::print("{} {}", name, i);
        co_await aio::sleep(0);
    }
}

aio::task<> round_robin_main() {
    co_await aio::gather(round_robin_worker("A"), round_robin_worker("B"), round_robin_worker("C"));
}

}  // namespace

// [python fifo_round_robin]
// import asyncio
// async def worker(name):
//     for i in range(3):
//         print(f"{name} {i}")
//         await asyncio.sleep(0)
// async def main():
//     await asyncio.gather(worker("A"), worker("B"), worker("C"))
// asyncio.run(main())
// [end python]
TEST_CASE("the ready queue is FIFO: tasks yielding with sleep(0) take turns", "[ordering]") {
    CHECK(rt::trace_of(round_robin_main()) == rt::expected_trace("fifo_round_robin"));
}

namespace {

aio::task<> spinner() {
    for (int i = 0; i < 4; ++i) {
        aio::print("spin {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<> tiny_sleeper() {
    aio::print("sleeper sleeps 1e-10 s");
    co_await aio::sleep(1e-10);
    aio::print("sleeper woke");
}

aio::task<> snapshot_main() { co_await aio::gather(spinner(), tiny_sleeper()); }

}  // namespace

// A loop that drained its ready queue (running handles added meanwhile) would print all four
// spins before the timer could fire. asyncio runs only what was ready when the iteration began,
// so the timer (due before now + 1 ns) joins the second iteration and its task runs in the third.
// [python iteration_snapshot]
// import asyncio
// async def spinner():
//     for i in range(4):
//         print(f"spin {i}")
//         await asyncio.sleep(0)
// async def sleeper():
//     print("sleeper sleeps 1e-10 s")
//     await asyncio.sleep(1e-10)
//     print("sleeper woke")
// async def main():
//     await asyncio.gather(spinner(), sleeper())
// asyncio.run(main())
// [end python]
TEST_CASE("one iteration runs exactly the handles that were ready when it started", "[ordering]") {
    CHECK(rt::trace_of(snapshot_main()) == rt::expected_trace("iteration_snapshot"));
}

namespace {

aio::task<> yield_once() {
    aio::print("A before sleep(0)");
    co_await aio::sleep(0);
    aio::print("A after sleep(0)");
}

aio::task<> count_iterations() {
    for (int i = 0; i < 3; ++i) {
        aio::print("B {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<> negative_sleep() {
    aio::print("C before sleep(-1)");
    co_await aio::sleep(-1.0);
    aio::print("C after sleep(-1)");
}

aio::task<> sleep0_main() { co_await aio::gather(yield_once(), count_iterations(), negative_sleep()); }

}  // namespace

// [python sleep0_yields_once]
// import asyncio
// async def a():
//     print("A before sleep(0)")
//     await asyncio.sleep(0)
//     print("A after sleep(0)")
// async def b():
//     for i in range(3):
//         print(f"B {i}")
//         await asyncio.sleep(0)
// async def c():
//     print("C before sleep(-1)")
//     await asyncio.sleep(-1)
//     print("C after sleep(-1)")
// async def main():
//     await asyncio.gather(a(), b(), c())
// asyncio.run(main())
// [end python]
TEST_CASE("sleep(0) and negative sleeps yield exactly one iteration", "[ordering]") {
    rt::VirtualScenario scenario;
    aio::run(sleep0_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("sleep0_yields_once"));
    CHECK(aio::clock::now() == 0.0);
}

namespace {

aio::task<> announced_child(std::string name) {
    aio::print("child {} starts", name);
    co_await aio::sleep(0);
    aio::print("child {} ends", name);
}

aio::task<> create_task_main() {
    aio::print("main 1");
    auto x = aio::create_task(announced_child("x"));
    auto y = aio::create_task(announced_child("y"));
    aio::print("main 2 (tasks created, not started)");
    co_await aio::sleep(0);
    aio::print("main 3");
    co_await x;
    co_await y;
    aio::print("main 4");
}

}  // namespace

// [python create_task_next_iteration]
// import asyncio
// async def child(name):
//     print(f"child {name} starts")
//     await asyncio.sleep(0)
//     print(f"child {name} ends")
// async def main():
//     print("main 1")
//     x = asyncio.create_task(child("x"))
//     y = asyncio.create_task(child("y"))
//     print("main 2 (tasks created, not started)")
//     await asyncio.sleep(0)
//     print("main 3")
//     await x
//     await y
//     print("main 4")
// asyncio.run(main())
// [end python]
TEST_CASE("create_task starts the task at the next iteration, in call_soon order", "[ordering]") {
    CHECK(rt::trace_of(create_task_main()) == rt::expected_trace("create_task_next_iteration"));
}

namespace {

aio::task<> ticker(int n) {
    for (int i = 0; i < n; ++i) {
        aio::print("tick {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<int> quick_worker() {
    aio::print("worker starts");
    co_await aio::sleep(0);
    aio::print("worker returns 7");
    co_return 7;
}

aio::task<> await_task_main() {
    auto t = aio::create_task(ticker(5));
    auto w = aio::create_task(quick_worker());
    int value = co_await w;
    aio::print("main got {}", value);
    co_await t;
}

}  // namespace

// [python await_task_one_iteration_later]
// import asyncio
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def worker():
//     print("worker starts")
//     await asyncio.sleep(0)
//     print("worker returns 7")
//     return 7
// async def main():
//     t = asyncio.create_task(ticker(5))
//     w = asyncio.create_task(worker())
//     value = await w
//     print(f"main got {value}")
//     await t
// asyncio.run(main())
// [end python]
TEST_CASE("a task awaiting another task resumes one iteration after it finishes", "[ordering]") {
    CHECK(rt::trace_of(await_task_main()) == rt::expected_trace("await_task_one_iteration_later"));
}

namespace {

aio::task<std::string> named_child(std::string name, double seconds) {
    aio::print("{} starts", name);
    co_await aio::sleep(seconds);
    aio::print("{} ends", name);
    co_return name;
}

aio::task<> gather_order_main() {
    aio::print("main before gather");
    auto [a, b, c] = co_await aio::gather(named_child("a", 0.2), named_child("b", 0.1), named_child("c", 0.3));
    aio::print("main got {} {} {}", a, b, c);
}

aio::task<int> quick() {
    aio::print("quick runs");
    co_return 1;
}

aio::task<> gather_resume_main() {
    auto t = aio::create_task(ticker(6));
    auto [r] = co_await aio::gather(quick());
    aio::print("gather returned {}", r);
    co_await t;
}

}  // namespace

// [python gather_argument_order]
// import asyncio
// async def child(name, seconds):
//     print(f"{name} starts")
//     await asyncio.sleep(seconds)
//     print(f"{name} ends")
//     return name
// async def main():
//     print("main before gather")
//     a, b, c = await asyncio.gather(child("a", 0.2), child("b", 0.1), child("c", 0.3))
//     print(f"main got {a} {b} {c}")
// asyncio.run(main())
// [end python]
TEST_CASE("gather starts its children in argument order", "[ordering][gather]") {
    CHECK(rt::trace_of(gather_order_main()) == rt::expected_trace("gather_argument_order"));
}

// The child finishes (iteration 2), gather's done-callback runs (3), the awaiting task resumes (4).
// [python gather_resumes_after_callback]
// import asyncio
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def quick():
//     print("quick runs")
//     return 1
// async def main():
//     t = asyncio.create_task(ticker(6))
//     (r,) = await asyncio.gather(quick())
//     print(f"gather returned {r}")
//     await t
// asyncio.run(main())
// [end python]
TEST_CASE("gather's waiter resumes two iterations after its last child finishes", "[ordering][gather]") {
    CHECK(rt::trace_of(gather_resume_main()) == rt::expected_trace("gather_resumes_after_callback"));
}

namespace {

aio::task<> tie_sleeper(int i, int seconds) {
    co_await aio::sleep(seconds);
    aio::print("task {} woke after {}", i, seconds);
}

aio::task<> heapq_main() {
    const std::vector<int> durations{2, 1, 2, 1, 2, 2, 1, 2, 1, 1, 2, 2};
    std::vector<aio::task<>> sleepers;
    for (std::size_t i = 0; i < durations.size(); ++i) sleepers.push_back(tie_sleeper(int(i), durations[i]));
    co_await aio::gather(std::move(sleepers));
}

}  // namespace

// Timers with equal deadlines pop in whatever order CPython's heapq leaves them in: here
// 1, 6, 3, 9, 8 for the one-second sleepers, not creation order. A stable priority queue fails.
// [python heapq_ties]
// import asyncio
// async def sleeper(i, seconds):
//     await asyncio.sleep(seconds)
//     print(f"task {i} woke after {seconds}")
// async def main():
//     durations = [2, 1, 2, 1, 2, 2, 1, 2, 1, 1, 2, 2]
//     await asyncio.gather(*(sleeper(i, d) for i, d in enumerate(durations)))
// asyncio.run(main())
// [end python]
TEST_CASE("timers with equal deadlines fire in CPython heapq order", "[ordering][timers]") {
    rt::VirtualScenario scenario;
    aio::run(heapq_main(), scenario.options);
    const std::string trace = rt::timed_trace();
    CHECK(trace == rt::expected_trace("heapq_ties"));
    // The scenario is only meaningful if heap order differs from creation order.
    CHECK(trace.find("task 1 woke") < trace.find("task 6 woke"));
    CHECK(trace.find("task 6 woke") < trace.find("task 3 woke"));
}

namespace {

aio::task<> two_step_sleeper() {
    co_await aio::sleep(0.1);
    co_await aio::sleep(0.2);  // deadline 0.1 + 0.2 == 0.30000000000000004
    aio::print("a woke at {:.17g}", aio::loop_time());
}

aio::task<> one_step_sleeper() {
    co_await aio::sleep(0.3);  // deadline 0.3
    aio::print("b woke at {:.17g}", aio::loop_time());
    co_await aio::sleep(0);
    aio::print("b one iteration later");
}

aio::task<> resolution_main() { co_await aio::gather(one_step_sleeper(), two_step_sleeper()); }

}  // namespace

// Deadlines 0.3 and 0.30000000000000004 are within the 1 ns clock resolution, so both timers
// fire in one iteration and a wakes before b's next iteration, with the clock still at 0.3.
// (Without the resolution, CPython would spin forever: 0.3 + 5.5e-17 == 0.3, in iterations that
// run no callback, so no step limit catches it; the ctest TIMEOUT does.)
// [python timers_within_resolution]
// import asyncio
// async def a():
//     await asyncio.sleep(0.1)
//     await asyncio.sleep(0.2)
//     print(f"a woke at {asyncio.get_running_loop().time():.17g}")
// async def b():
//     await asyncio.sleep(0.3)
//     print(f"b woke at {asyncio.get_running_loop().time():.17g}")
//     await asyncio.sleep(0)
//     print("b one iteration later")
// async def main():
//     await asyncio.gather(b(), a())
// asyncio.run(main())
// [end python]
TEST_CASE("timers due within 1 ns of each other fire in the same iteration", "[ordering][timers]") {
    CHECK(rt::trace_of(resolution_main()) == rt::expected_trace("timers_within_resolution"));
}

namespace {

aio::task<> cancellable_sleeper(int i, double seconds) {
    try {
        co_await aio::sleep(seconds);
        aio::print("task {} woke after {}", i, seconds);
    } catch (const aio::CancelledError&) {
    }
}

aio::task<> mass_cancel_main() {
    std::vector<aio::Task<>> tasks;
    for (int i = 0; i < 160; ++i) tasks.push_back(aio::create_task(cancellable_sleeper(i, 3 + i * i % 7 % 2)));
    co_await aio::sleep(1);
    for (int i = 0; i < 160; ++i) {
        if (i % 4 != 0) tasks[i].cancel();
    }
    for (auto& t : tasks) co_await t;
}

}  // namespace

// With more than 100 timers of which more than half are cancelled, asyncio's _run_once drops
// every cancelled timer and heapify()s the rest instead of popping cancelled ones off the head.
// The two leave ties in different orders: popping only the head gives another wake-up order for
// the 40 survivors (and so does a heapify that is not CPython's).
// [python timer_heap_rebuild]
// import asyncio
// async def sleeper(i, seconds):
//     try:
//         await asyncio.sleep(seconds)
//         print(f"task {i} woke after {seconds}")
//     except asyncio.CancelledError:
//         pass
// async def main():
//     tasks = [asyncio.create_task(sleeper(i, 3 + i * i % 7 % 2)) for i in range(160)]
//     await asyncio.sleep(1)
//     for i, t in enumerate(tasks):
//         if i % 4 != 0:
//             t.cancel()
//     for t in tasks:
//         await t
// asyncio.run(main())
// [end python]
TEST_CASE("many cancelled timers: the heap is rebuilt like CPython's", "[ordering][timers]") {
    CHECK(rt::trace_of(mass_cancel_main()) == rt::expected_trace("timer_heap_rebuild"));
}

namespace {

aio::task<> resleeping_sleeper(int i, int seconds) {
    bool cancelled = false;
    try {
        co_await aio::sleep(seconds);
        aio::print("task {} woke after {}", i, seconds);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {
        co_await aio::sleep(2);
        aio::print("task {} slept 2 s after its cancel", i);
    }
}

aio::task<> cancel_then_resleep_main() {
    std::vector<aio::Task<>> tasks;
    for (int i = 0; i < 160; ++i) tasks.push_back(aio::create_task(resleeping_sleeper(i, 3 + i * i % 7 % 2)));
    co_await aio::sleep(1);
    for (int i = 0; i < 160; ++i) {
        if (i % 4 != 0) tasks[i].cancel();
    }
    for (auto& t : tasks) co_await t;
}

}  // namespace

// asyncio cancels a sleep's timer handle only when the cancelled task next runs (the sleep's
// `finally: h.cancel()`), not at task.cancel(). Here the 120 cancelled tasks push new timers in
// that same iteration, so by the next check 120 of 280 timers are cancelled: no rebuild, and the
// old timers leave from the head as they come up. Counting them at cancel() would rebuild the
// heap one iteration earlier, with 160 timers of which 120 cancelled, and order the ties otherwise.
// [python timer_cancel_counted_when_sleep_unwinds]
// import asyncio
// async def sleeper(i, seconds):
//     cancelled = False
//     try:
//         await asyncio.sleep(seconds)
//         print(f"task {i} woke after {seconds}")
//     except asyncio.CancelledError:
//         cancelled = True
//     if cancelled:
//         await asyncio.sleep(2)
//         print(f"task {i} slept 2 s after its cancel")
// async def main():
//     tasks = [asyncio.create_task(sleeper(i, 3 + i * i % 7 % 2)) for i in range(160)]
//     await asyncio.sleep(1)
//     for i, t in enumerate(tasks):
//         if i % 4 != 0:
//             t.cancel()
//     for t in tasks:
//         await t
// asyncio.run(main())
// [end python]
TEST_CASE("a sleep's timer counts as cancelled when the cancelled task next runs", "[ordering][timers]") {
    CHECK(rt::trace_of(cancel_then_resleep_main()) == rt::expected_trace("timer_cancel_counted_when_sleep_unwinds"));
}

namespace {

aio::task<> due_victims_main() {
    std::vector<aio::Task<>> background, victims;
    for (int i = 0; i < 110; ++i) background.push_back(aio::create_task(cancellable_sleeper(i, 5)));
    co_await aio::sleep(1);
    for (int i = 110; i < 230; ++i) victims.push_back(aio::create_task(cancellable_sleeper(i, 1e-10)));
    co_await aio::sleep(0);
    for (auto& v : victims) v.cancel();
    for (auto& t : background) co_await t;
    for (auto& t : victims) co_await t;
}

}  // namespace

// Only a timer still in the heap is counted when cancelled. The victims' 1e-10 s timers are due
// within the clock resolution, so the next iteration moves them to the ready queue before the
// cancelled victims run and cancel them: nothing is counted and the 110 background timers are
// never re-heapified. Counting those 120 would rebuild the heap (120 > 110 / 2) and reorder the
// background's ties.
// [python timer_cancel_after_due_not_counted]
// import asyncio
// async def sleeper(i, seconds):
//     try:
//         await asyncio.sleep(seconds)
//         print(f"task {i} woke after {seconds}")
//     except asyncio.CancelledError:
//         pass
// async def main():
//     background = [asyncio.create_task(sleeper(i, 5)) for i in range(110)]
//     await asyncio.sleep(1)
//     victims = [asyncio.create_task(sleeper(i, 1e-10)) for i in range(110, 230)]
//     await asyncio.sleep(0)
//     for v in victims:
//         v.cancel()
//     for t in background + victims:
//         await t
// asyncio.run(main())
// [end python]
TEST_CASE("a timer cancelled after it became due is not counted", "[ordering][timers]") {
    CHECK(rt::trace_of(due_victims_main()) == rt::expected_trace("timer_cancel_after_due_not_counted"));
}

namespace {

aio::task<> cancel_head_main() {
    const std::vector<int> durations{2, 3, 4, 3, 3, 3, 4};
    std::vector<aio::Task<>> tasks;
    for (std::size_t i = 0; i < durations.size(); ++i)
        tasks.push_back(aio::create_task(resleeping_sleeper(int(i), durations[i])));
    co_await aio::sleep(1);
    tasks[0].cancel();
    for (auto& t : tasks) co_await t;
}

}  // namespace

// The same rule with few timers: task 0's timer (due at 2) heads the heap when task 0 is
// cancelled, but it is only cancelled, and so popped, after task 0 has run and pushed its new
// timer for 3. Popping it before that push (as if cancelled at task.cancel()) leaves the ties at
// 3 in another order.
// [python timer_cancelled_head_popped_after_unwind]
// import asyncio
// async def sleeper(i, seconds):
//     cancelled = False
//     try:
//         await asyncio.sleep(seconds)
//         print(f"task {i} woke after {seconds}")
//     except asyncio.CancelledError:
//         cancelled = True
//     if cancelled:
//         await asyncio.sleep(2)
//         print(f"task {i} slept 2 s after its cancel")
// async def main():
//     durations = [2, 3, 4, 3, 3, 3, 4]
//     tasks = [asyncio.create_task(sleeper(i, d)) for i, d in enumerate(durations)]
//     await asyncio.sleep(1)
//     tasks[0].cancel()
//     for t in tasks:
//         await t
// asyncio.run(main())
// [end python]
TEST_CASE("a cancelled task's timer stays in the heap until the task has run", "[ordering][timers]") {
    CHECK(rt::trace_of(cancel_head_main()) == rt::expected_trace("timer_cancelled_head_popped_after_unwind"));
}
