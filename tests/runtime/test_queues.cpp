// asyncio.Queue, PriorityQueue and LifoQueue (aio/queues.hpp): who gets which item when, against
// CPython 3.11 (data/traces/<name>.txt): bounded puts, ties, cancelled getters and putters (while
// waiting and after being woken), the *_nowait errors, task_done/join, and a deadlock that names
// the queue.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "support.hpp"

namespace {

using Catch::Matchers::Contains;
using rt::py_bool;

aio::task<> producer(aio::Queue<std::string>& q, std::string name, int n, double delay) {
    for (int i = 0; i < n; ++i) {
        co_await aio::sleep(delay);
        co_await q.put(name + std::to_string(i));
        aio::print("{} put {}{} (qsize {})", name, name, i, q.qsize());
    }
    aio::print("{} done", name);
}

aio::task<> consumer(aio::Queue<std::string>& q, std::string name, double delay) {
    while (true) {
        std::string item = co_await q.get();
        aio::print("{} got {} (qsize {})", name, item, q.qsize());
        co_await aio::sleep(delay);
        q.task_done();
    }
}

aio::task<> producer_consumer_main() {
    aio::Queue<std::string> q(2);
    std::vector<aio::Task<>> consumers;
    for (int i = 0; i < 3; ++i) consumers.push_back(aio::create_task(consumer(q, "c" + std::to_string(i), 0.25)));
    co_await aio::gather(producer(q, "a", 5, 0.1), producer(q, "b", 5, 0.1));
    co_await q.join();
    aio::print("joined, qsize {} empty {}", q.qsize(), py_bool(q.empty()));
    for (auto& c : consumers) c.cancel();
    co_await aio::gather_outcomes(consumers);
    aio::print("cancelled {} {} {}", py_bool(consumers[0].cancelled()), py_bool(consumers[1].cancelled()),
               py_bool(consumers[2].cancelled()));
}

}  // namespace

// Two producers whose sleeps tie, three slower consumers, a queue of two: putters wait in FIFO
// order and each get() lets exactly the first waiting putter in.
// [python queue_producer_consumer]
// import asyncio
// async def producer(q, name, n, delay):
//     for i in range(n):
//         await asyncio.sleep(delay)
//         await q.put(f"{name}{i}")
//         print(f"{name} put {name}{i} (qsize {q.qsize()})")
//     print(f"{name} done")
// async def consumer(q, name, delay):
//     while True:
//         item = await q.get()
//         print(f"{name} got {item} (qsize {q.qsize()})")
//         await asyncio.sleep(delay)
//         q.task_done()
// async def main():
//     q = asyncio.Queue(2)
//     consumers = [asyncio.create_task(consumer(q, f"c{i}", 0.25)) for i in range(3)]
//     await asyncio.gather(producer(q, "a", 5, 0.1), producer(q, "b", 5, 0.1))
//     await q.join()
//     print(f"joined, qsize {q.qsize()} empty {q.empty()}")
//     for c in consumers:
//         c.cancel()
//     await asyncio.gather(*consumers, return_exceptions=True)
//     print("cancelled " + " ".join(str(c.cancelled()) for c in consumers))
// asyncio.run(main())
// [end python]
TEST_CASE("a bounded Queue between producers and consumers schedules like asyncio", "[queues]") {
    CHECK(rt::trace_of(producer_consumer_main()) == rt::expected_trace("queue_producer_consumer"));
}

namespace {

aio::task<> nowait_main() {
    aio::Queue<int> q(2);
    aio::print("maxsize {} qsize {} empty {} full {}", q.maxsize(), q.qsize(), py_bool(q.empty()), py_bool(q.full()));
    q.put_nowait(1);
    q.put_nowait(2);
    aio::print("qsize {} empty {} full {}", q.qsize(), py_bool(q.empty()), py_bool(q.full()));
    try {
        q.put_nowait(3);
    } catch (const aio::QueueFull& e) {
        aio::print("{}", e.what());
    }
    int first = q.get_nowait();
    int second = q.get_nowait();
    aio::print("{} {}", first, second);
    try {
        q.get_nowait();
    } catch (const aio::QueueEmpty& e) {
        aio::print("{}", e.what());
    }
    q.task_done();
    q.task_done();
    try {
        q.task_done();
    } catch (const aio::ValueError&) {
        aio::print("ValueError");
    }
    co_await q.join();
    aio::print("join returned at once");
    aio::Queue<int> unbounded;
    for (int i = 0; i < 1000; ++i) unbounded.put_nowait(i);
    aio::print("unbounded: qsize {} full {} maxsize {}", unbounded.qsize(), py_bool(unbounded.full()), unbounded.maxsize());
    aio::Queue<int> negative(-1);
    negative.put_nowait(0);
    aio::print("maxsize -1: full {}", py_bool(negative.full()));
}

}  // namespace

// [python queue_nowait]
// import asyncio
// async def main():
//     q = asyncio.Queue(2)
//     print(f"maxsize {q.maxsize} qsize {q.qsize()} empty {q.empty()} full {q.full()}")
//     q.put_nowait(1)
//     q.put_nowait(2)
//     print(f"qsize {q.qsize()} empty {q.empty()} full {q.full()}")
//     try:
//         q.put_nowait(3)
//     except asyncio.QueueFull as e:
//         print(type(e).__name__)
//     first = q.get_nowait()
//     second = q.get_nowait()
//     print(f"{first} {second}")
//     try:
//         q.get_nowait()
//     except asyncio.QueueEmpty as e:
//         print(type(e).__name__)
//     q.task_done()
//     q.task_done()
//     try:
//         q.task_done()
//     except ValueError:
//         print("ValueError")
//     await q.join()
//     print("join returned at once")
//     unbounded = asyncio.Queue()
//     for i in range(1000):
//         unbounded.put_nowait(i)
//     print(f"unbounded: qsize {unbounded.qsize()} full {unbounded.full()} maxsize {unbounded.maxsize}")
//     negative = asyncio.Queue(-1)
//     negative.put_nowait(0)
//     print(f"maxsize -1: full {negative.full()}")
// asyncio.run(main())
// [end python]
TEST_CASE("put_nowait/get_nowait raise QueueFull/QueueEmpty, task_done too often ValueError", "[queues]") {
    CHECK(rt::trace_of(nowait_main()) == rt::expected_trace("queue_nowait"));
}

namespace {

aio::task<> getter(aio::Queue<std::string>& q, std::string name) {
    try {
        std::string item = co_await q.get();
        aio::print("{} got {}", name, item);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
}

aio::task<> getter_cancel_main() {
    aio::Queue<std::string> q;
    auto a = aio::create_task(getter(q, "a"), "a");
    auto b = aio::create_task(getter(q, "b"), "b");
    auto c = aio::create_task(getter(q, "c"), "c");
    co_await aio::sleep(0);
    a.cancel();  // cancelled while waiting: nothing to pass on
    co_await aio::sleep(0);
    q.put_nowait("x");  // wakes b ...
    b.cancel();         // ... which is cancelled before it runs: b hands the item to c
    co_await aio::sleep(0);
    aio::print("qsize {}", q.qsize());
    co_await aio::gather_outcomes(a, b, c);
    // A woken getter that finds the queue empty again (the item was taken) waits again.
    auto d = aio::create_task(getter(q, "d"), "d");
    co_await aio::sleep(0);
    q.put_nowait("y");
    aio::print("main takes {}", q.get_nowait());
    co_await aio::sleep(0);
    q.put_nowait("z");
    co_await d;
}

}  // namespace

// [python queue_getter_cancel]
// import asyncio
// async def getter(q, name):
//     try:
//         item = await q.get()
//         print(f"{name} got {item}")
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
// async def main():
//     q = asyncio.Queue()
//     a = asyncio.create_task(getter(q, "a"))
//     b = asyncio.create_task(getter(q, "b"))
//     c = asyncio.create_task(getter(q, "c"))
//     await asyncio.sleep(0)
//     a.cancel()
//     await asyncio.sleep(0)
//     q.put_nowait("x")
//     b.cancel()
//     await asyncio.sleep(0)
//     print(f"qsize {q.qsize()}")
//     await asyncio.gather(a, b, c, return_exceptions=True)
//     d = asyncio.create_task(getter(q, "d"))
//     await asyncio.sleep(0)
//     q.put_nowait("y")
//     print(f"main takes {q.get_nowait()}")
//     await asyncio.sleep(0)
//     q.put_nowait("z")
//     await d
// asyncio.run(main())
// [end python]
TEST_CASE("a getter cancelled after put_nowait woke it passes the item to the next getter", "[queues][cancel]") {
    CHECK(rt::trace_of(getter_cancel_main()) == rt::expected_trace("queue_getter_cancel"));
}

namespace {

aio::task<> putter(aio::Queue<std::string>& q, std::string item) {
    try {
        co_await q.put(item);
        aio::print("put {}", item);
    } catch (const aio::CancelledError&) {
        aio::print("put {} cancelled", item);
        throw;
    }
}

aio::task<> putter_cancel_main() {
    aio::Queue<std::string> q(1);
    q.put_nowait("first");
    auto a = aio::create_task(putter(q, "a"));
    auto b = aio::create_task(putter(q, "b"));
    auto c = aio::create_task(putter(q, "c"));
    auto d = aio::create_task(putter(q, "d"));
    co_await aio::sleep(0);
    a.cancel();  // while waiting
    co_await aio::sleep(0);
    aio::print("main got {}", q.get_nowait());  // wakes b ...
    b.cancel();                                  // ... cancelled before it runs: c gets the slot
    co_await aio::sleep(0);
    aio::print("qsize {} full {}", q.qsize(), py_bool(q.full()));  // c woken, not run yet
    co_await aio::sleep(0);
    aio::print("qsize {} full {}", q.qsize(), py_bool(q.full()));
    aio::print("main got {}", q.get_nowait());  // wakes d
    co_await aio::gather_outcomes(a, b, c, d);
    aio::print("main got {}, cancelled: {} {} {} {}", q.get_nowait(), py_bool(a.cancelled()), py_bool(b.cancelled()),
               py_bool(c.cancelled()), py_bool(d.cancelled()));
}

}  // namespace

// [python queue_putter_cancel]
// import asyncio
// async def putter(q, item):
//     try:
//         await q.put(item)
//         print(f"put {item}")
//     except asyncio.CancelledError:
//         print(f"put {item} cancelled")
//         raise
// async def main():
//     q = asyncio.Queue(1)
//     q.put_nowait("first")
//     a = asyncio.create_task(putter(q, "a"))
//     b = asyncio.create_task(putter(q, "b"))
//     c = asyncio.create_task(putter(q, "c"))
//     d = asyncio.create_task(putter(q, "d"))
//     await asyncio.sleep(0)
//     a.cancel()
//     await asyncio.sleep(0)
//     print(f"main got {q.get_nowait()}")
//     b.cancel()
//     await asyncio.sleep(0)
//     print(f"qsize {q.qsize()} full {q.full()}")
//     await asyncio.sleep(0)
//     print(f"qsize {q.qsize()} full {q.full()}")
//     print(f"main got {q.get_nowait()}")
//     await asyncio.gather(a, b, c, d, return_exceptions=True)
//     print(f"main got {q.get_nowait()}, cancelled: {a.cancelled()} {b.cancelled()} {c.cancelled()} {d.cancelled()}")
// asyncio.run(main())
// [end python]
TEST_CASE("a putter cancelled after a get woke it passes the free slot to the next putter", "[queues][cancel]") {
    CHECK(rt::trace_of(putter_cancel_main()) == rt::expected_trace("queue_putter_cancel"));
}

namespace {

// Compares by priority only, so equal priorities come out in whatever order heapq leaves them.
struct Job {
    int priority;
    std::string name;
    bool operator<(const Job& other) const { return priority < other.priority; }
};

aio::task<std::string> get_one(aio::LifoQueue<int>& q) { co_return std::to_string(co_await q.get()); }

aio::task<> ordered_queues_main() {
    aio::PriorityQueue<Job> jobs;
    for (auto [priority, name] : std::vector<std::pair<int, std::string>>{
             {3, "c1"}, {1, "a1"}, {2, "b1"}, {1, "a2"}, {2, "b2"}, {1, "a3"}, {3, "c2"}, {1, "a4"}, {2, "b3"}, {1, "a5"}})
        jobs.put_nowait(Job{priority, name});
    std::string order;
    for (std::size_t n = jobs.qsize(); n > 0; --n) order += (order.empty() ? "" : " ") + jobs.get_nowait().name;
    aio::print("priority: {}", order);

    aio::PriorityQueue<std::pair<int, std::string>> pairs(2);
    co_await pairs.put({2, "x"});
    co_await pairs.put({1, "z"});
    auto blocked = aio::create_task(pairs.put({1, "y"}));  // full: waits for a get
    co_await aio::sleep(0);
    auto [p1, s1] = co_await pairs.get();
    co_await blocked;
    auto [p2, s2] = co_await pairs.get();
    auto [p3, s3] = co_await pairs.get();
    aio::print("pairs: ({}, {}) ({}, {}) ({}, {})", p1, s1, p2, s2, p3, s3);

    aio::LifoQueue<int> lifo;
    auto waiting = aio::create_task(get_one(lifo));
    co_await aio::sleep(0);
    for (int i = 1; i <= 3; ++i) lifo.put_nowait(i);
    aio::print("lifo: waiting getter got {}", co_await waiting);
    const int second = lifo.get_nowait();  // arguments have no evaluation order in C++
    aio::print("lifo: then {} {}", second, lifo.get_nowait());
}

}  // namespace

// [python queue_ordered]
// import asyncio
// class Job:
//     def __init__(self, priority, name):
//         self.priority, self.name = priority, name
//     def __lt__(self, other):
//         return self.priority < other.priority
// async def get_one(q):
//     return str(await q.get())
// async def main():
//     jobs = asyncio.PriorityQueue()
//     for priority, name in [(3, "c1"), (1, "a1"), (2, "b1"), (1, "a2"), (2, "b2"), (1, "a3"), (3, "c2"),
//                            (1, "a4"), (2, "b3"), (1, "a5")]:
//         jobs.put_nowait(Job(priority, name))
//     print("priority: " + " ".join(jobs.get_nowait().name for _ in range(jobs.qsize())))
//     pairs = asyncio.PriorityQueue(2)
//     await pairs.put((2, "x"))
//     await pairs.put((1, "z"))
//     blocked = asyncio.create_task(pairs.put((1, "y")))
//     await asyncio.sleep(0)
//     p1, s1 = await pairs.get()
//     await blocked
//     p2, s2 = await pairs.get()
//     p3, s3 = await pairs.get()
//     print(f"pairs: ({p1}, {s1}) ({p2}, {s2}) ({p3}, {s3})")
//     lifo = asyncio.LifoQueue()
//     waiting = asyncio.create_task(get_one(lifo))
//     await asyncio.sleep(0)
//     for i in range(1, 4):
//         lifo.put_nowait(i)
//     print(f"lifo: waiting getter got {await waiting}")
//     print(f"lifo: then {lifo.get_nowait()} {lifo.get_nowait()}")
// asyncio.run(main())
// [end python]
TEST_CASE("PriorityQueue breaks ties like heapq; LifoQueue is last in, first out", "[queues]") {
    CHECK(rt::trace_of(ordered_queues_main()) == rt::expected_trace("queue_ordered"));
}

namespace {

aio::task<> joiner(aio::Queue<int>& q, std::string name) {
    co_await q.join();
    aio::print("{} joined", name);
}

aio::task<> join_main() {
    aio::Queue<int> q;
    for (int i = 0; i < 3; ++i) q.put_nowait(i);
    auto j1 = aio::create_task(joiner(q, "j1"));
    auto j2 = aio::create_task(joiner(q, "j2"));
    co_await aio::sleep(0);
    for (int i = 0; i < 3; ++i) {
        aio::print("took {}", q.get_nowait());
        co_await aio::sleep(0.1);
        q.task_done();
        aio::print("task_done {}", i);
    }
    q.put_nowait(9);  // unfinished again: a new join waits for it
    auto j3 = aio::create_task(joiner(q, "j3"));
    co_await aio::sleep(0.5);
    q.get_nowait();
    q.task_done();
    co_await aio::gather(j1, j2, j3);
}

}  // namespace

// [python queue_join]
// import asyncio
// async def joiner(q, name):
//     await q.join()
//     print(f"{name} joined")
// async def main():
//     q = asyncio.Queue()
//     for i in range(3):
//         q.put_nowait(i)
//     j1 = asyncio.create_task(joiner(q, "j1"))
//     j2 = asyncio.create_task(joiner(q, "j2"))
//     await asyncio.sleep(0)
//     for i in range(3):
//         print(f"took {q.get_nowait()}")
//         await asyncio.sleep(0.1)
//         q.task_done()
//         print(f"task_done {i}")
//     q.put_nowait(9)
//     j3 = asyncio.create_task(joiner(q, "j3"))
//     await asyncio.sleep(0.5)
//     q.get_nowait()
//     q.task_done()
//     await asyncio.gather(j1, j2, j3)
// asyncio.run(main())
// [end python]
TEST_CASE("join() waits until every item put is marked task_done()", "[queues]") {
    CHECK(rt::trace_of(join_main()) == rt::expected_trace("queue_join"));
}

namespace {

aio::task<> waits_forever(aio::Queue<int>& q) { aio::print("got {}", co_await q.get()); }

aio::task<> spawner(std::vector<aio::Task<>>& out) {
    aio::Queue<int> q;
    out.push_back(aio::create_task(waits_forever(q), "orphan"));
    co_await aio::sleep(0);
}

aio::task<> orphan_main() {
    std::vector<aio::Task<>> consumers;
    co_await aio::create_task(spawner(consumers));  // its frame, and the queue in it, are gone after this
    aio::print("spawner done");
}

}  // namespace

// The task waiting on the queue outlives the coroutine that owned it; Python keeps the queue
// alive, C++ destroyed it. aio::run still cancels the leftover waiter as asyncio.run does, and the
// waiter leaves without touching the destroyed queue (checked by the AddressSanitizer build).
// [python queue_owner_gone]
// import asyncio
// async def waits_forever(q):
//     print(f"got {await q.get()}")
// async def spawner(out):
//     q = asyncio.Queue()
//     out.append(asyncio.create_task(waits_forever(q)))
//     await asyncio.sleep(0)
// async def main():
//     consumers = []
//     await asyncio.create_task(spawner(consumers))
//     print("spawner done")
// asyncio.run(main())
// [end python]
TEST_CASE("a getter left waiting on a queue whose owner returned is cancelled at shutdown", "[queues][cancel]") {
    CHECK(rt::trace_of(orphan_main()) == rt::expected_trace("queue_owner_gone"));
    const auto* orphan = aio::trace::current().span_named("orphan");
    REQUIRE(orphan);
    CHECK(orphan->status == aio::trace::Status::cancelled);
    CHECK(aio::trace::current().has_warning(aio::trace::WarningKind::pending_at_exit));
}

namespace {

aio::task<> forgetful_consumer(aio::Queue<int>& q) {
    while (true) aio::print("got {}", co_await q.get());  // never calls task_done()
}

aio::task<> forgot_task_done_main() {
    aio::Queue<int> q(1);
    auto consumer = aio::create_task(forgetful_consumer(q));
    for (int i = 0; i < 3; ++i) co_await q.put(i);
    co_await q.join();
}

}  // namespace

// CPython would block forever in select here (nothing can wake anyone); aio names who waits on what.
TEST_CASE("a deadlock on a queue names Queue.get() and Queue.join() as what the tasks wait for", "[queues][guards]") {
    rt::VirtualScenario scenario;
    try {
        aio::run(forgot_task_done_main(), scenario.options);
        FAIL("aio::run returned although join() can never return");
    } catch (const aio::DeadlockError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Contains("교착 상태(deadlock): 0.000초에"));
        CHECK_THAT(message, Contains("\n  작업 'forgot_task_done_main': 기다리는 중 → Queue.join() (task_done() 을 기다림)\n"));
        CHECK_THAT(message, Contains("\n  작업 'forgetful_consumer': 기다리는 중 → Queue.get() (큐가 비어 있음)\n"));
    }
    CHECK(rt::timed_trace() == "[  0.000] got 0\n[  0.000] got 1\n[  0.000] got 2\n");
}

namespace {

// put() and get() are awaitables, not coroutines (no frame when awaited directly); where asyncio
// needs a coroutine object they become one: create_task, gather, wait_for, shield, TaskGroup.
aio::task<> calls_as_coroutines_main() {
    aio::Queue<int> q(1);
    auto getter = aio::create_task(q.get());
    aio::print("getter task: {}", getter.get_name());
    auto [none, got] = co_await aio::gather(q.put(1), std::move(getter));
    (void)none;
    aio::print("gather: put, then the getter task got {}", got);
    try {
        co_await aio::wait_for(q.get(), 0.5);
    } catch (const aio::TimeoutError&) {
        aio::print("wait_for(get, 0.5): timeout");
    }
    co_await q.put(2);
    try {
        co_await aio::wait_for(q.put(3), 0.25);
    } catch (const aio::TimeoutError&) {
        aio::print("wait_for(put, 0.25): timeout, size {}", q.qsize());
    }
    aio::print("wait_for(get, 1): {}", co_await aio::wait_for(q.get(), 1.0));
    auto late = aio::create_task([](aio::Queue<int>& queue) -> aio::task<> {
        co_await aio::sleep(0.5);
        co_await queue.put(4);
    }(q));
    aio::print("shield(get): {}", co_await aio::shield(q.get()));
    co_await late;
    {
        aio::TaskGroup tg;
        tg.enter();
        auto t = tg.create_task(q.get());
        tg.create_task(q.put(5));
        co_await tg.exit();
        aio::print("task group: {}", t.result());
    }
}

}  // namespace

// [python queue_calls_as_coroutines]
// import asyncio
// async def main():
//     q = asyncio.Queue(1)
//     getter = asyncio.create_task(q.get(), name="Queue.get")
//     print(f"getter task: {getter.get_name()}")
//     _, got = await asyncio.gather(q.put(1), getter)
//     print(f"gather: put, then the getter task got {got}")
//     try:
//         await asyncio.wait_for(q.get(), 0.5)
//     except TimeoutError:
//         print("wait_for(get, 0.5): timeout")
//     await q.put(2)
//     try:
//         await asyncio.wait_for(q.put(3), 0.25)
//     except TimeoutError:
//         print(f"wait_for(put, 0.25): timeout, size {q.qsize()}")
//     print(f"wait_for(get, 1): {await asyncio.wait_for(q.get(), 1.0)}")
//     async def late_put(queue):
//         await asyncio.sleep(0.5)
//         await queue.put(4)
//     late = asyncio.create_task(late_put(q))
//     print(f"shield(get): {await asyncio.shield(q.get())}")
//     await late
//     async with asyncio.TaskGroup() as tg:
//         t = tg.create_task(q.get())
//         tg.create_task(q.put(5))
//     print(f"task group: {t.result()}")
// asyncio.run(main())
// [end python]
TEST_CASE("put() and get() work wherever asyncio takes a coroutine object", "[queues]") {
    CHECK(rt::trace_of(calls_as_coroutines_main()) == rt::expected_trace("queue_calls_as_coroutines"));
}

namespace {
aio::task<> dropped_get_main() {
    aio::Queue<int> q;
    { auto forgotten = q.get(); }
    co_return;
}
}  // namespace

// Python: "RuntimeWarning: coroutine 'Queue.get' was never awaited".
TEST_CASE("a get() that is never awaited is reported like a never-awaited coroutine", "[queues][warnings]") {
    rt::VirtualScenario scenario;
    aio::run(dropped_get_main(), scenario.options);
    const auto& warnings = aio::trace::current().warnings;
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].kind == aio::trace::WarningKind::never_awaited);
    CHECK(warnings[0].name == "Queue.get");
}
