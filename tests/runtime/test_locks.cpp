// asyncio's Lock, Event, Condition, Semaphore and BoundedSemaphore (aio/locks.hpp) against CPython
// 3.11.7 (data/traces/<name>.txt): FIFO hand-over, the fast paths that must not jump the queue,
// cancellation while waiting and after being woken, the errors, and deadlocks that name the lock.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support.hpp"

namespace {

using Catch::Matchers::Contains;
using rt::py_bool;

aio::task<> sem_worker(aio::Semaphore& sem, std::string name, double seconds) {
    {
        auto held = co_await sem.hold();
        aio::print("{} in (locked {})", name, py_bool(sem.locked()));
        co_await aio::sleep(seconds);
    }
    aio::print("{} out", name);
}

// Releases and asks again in the same step: 3.11.7 hands the slot to the first waiter at
// release(), so this acquire() queues behind the workers instead of taking it back.
aio::task<> greedy(aio::Semaphore& sem) {
    for (int i = 0; i < 3; ++i) {
        co_await sem.acquire();
        aio::print("greedy in {}", i);
        co_await aio::sleep(0.1);
        sem.release();
    }
    aio::print("greedy done");
}

aio::task<> semaphore_fairness_main() {
    aio::Semaphore sem(2);
    std::vector<aio::Task<>> tasks{aio::create_task(greedy(sem))};
    for (int i = 0; i < 5; ++i) tasks.push_back(aio::create_task(sem_worker(sem, "w" + std::to_string(i), 0.1 * (i % 3 + 1))));
    co_await aio::gather(tasks);
    aio::print("locked {}", py_bool(sem.locked()));
}

}  // namespace

// [python semaphore_fairness]
// import asyncio
// async def worker(sem, name, seconds):
//     async with sem:
//         print(f"{name} in (locked {sem.locked()})")
//         await asyncio.sleep(seconds)
//     print(f"{name} out")
// async def greedy(sem):
//     for i in range(3):
//         await sem.acquire()
//         print(f"greedy in {i}")
//         await asyncio.sleep(0.1)
//         sem.release()
//     print("greedy done")
// async def main():
//     sem = asyncio.Semaphore(2)
//     tasks = [asyncio.create_task(greedy(sem))]
//     tasks += [asyncio.create_task(worker(sem, f"w{i}", 0.1 * (i % 3 + 1))) for i in range(5)]
//     await asyncio.gather(*tasks)
//     print(f"locked {sem.locked()}")
// asyncio.run(main())
// [end python]
TEST_CASE("Semaphore: FIFO, and a task that releases and re-acquires queues behind the waiters", "[locks][semaphore]") {
    CHECK(rt::trace_of(semaphore_fairness_main()) == rt::expected_trace("semaphore_fairness"));
}

namespace {

aio::task<> sem_waiter(aio::Semaphore& sem, std::string name) {
    try {
        co_await sem.acquire();
        aio::print("{} acquired", name);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
}

aio::task<> semaphore_cancel_main() {
    aio::Semaphore sem(1);
    co_await sem.acquire();
    auto a = aio::create_task(sem_waiter(sem, "a"));
    auto b = aio::create_task(sem_waiter(sem, "b"));
    auto c = aio::create_task(sem_waiter(sem, "c"));
    co_await aio::sleep(0);
    a.cancel();  // while waiting: its slot was never counted
    co_await aio::sleep(0);
    sem.release();  // wakes b (the slot is b's now) ...
    b.cancel();     // ... but b is cancelled before it runs: it gives the slot to c
    co_await aio::gather_outcomes(a, b, c);
    sem.release();
    aio::print("locked {}", py_bool(sem.locked()));

    // A woken waiter still in the deque keeps locked() true although the value is back at 1, so
    // main's acquire() waits instead of taking the slot; d then passes the spare slot on to main.
    aio::Semaphore two(2);
    co_await two.acquire();
    co_await two.acquire();
    auto d = aio::create_task(sem_waiter(two, "d"));
    co_await aio::sleep(0);
    two.release();  // d woken, value 0
    two.release();  // value 1, nobody else to wake
    aio::print("locked {} with d woken but not yet run", py_bool(two.locked()));
    co_await two.acquire();
    aio::print("main acquired, locked {}", py_bool(two.locked()));
    co_await d;
}

}  // namespace

// [python semaphore_cancel]
// import asyncio
// async def waiter(sem, name):
//     try:
//         await sem.acquire()
//         print(f"{name} acquired")
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
// async def main():
//     sem = asyncio.Semaphore(1)
//     await sem.acquire()
//     a = asyncio.create_task(waiter(sem, "a"))
//     b = asyncio.create_task(waiter(sem, "b"))
//     c = asyncio.create_task(waiter(sem, "c"))
//     await asyncio.sleep(0)
//     a.cancel()
//     await asyncio.sleep(0)
//     sem.release()
//     b.cancel()
//     await asyncio.gather(a, b, c, return_exceptions=True)
//     sem.release()
//     print(f"locked {sem.locked()}")
//     two = asyncio.Semaphore(2)
//     await two.acquire()
//     await two.acquire()
//     d = asyncio.create_task(waiter(two, "d"))
//     await asyncio.sleep(0)
//     two.release()
//     two.release()
//     print(f"locked {two.locked()} with d woken but not yet run")
//     await two.acquire()
//     print(f"main acquired, locked {two.locked()}")
//     await d
// asyncio.run(main())
// [end python]
TEST_CASE("Semaphore: a waiter cancelled after being woken hands its slot to the next", "[locks][semaphore][cancel]") {
    CHECK(rt::trace_of(semaphore_cancel_main()) == rt::expected_trace("semaphore_cancel"));
}

namespace {

aio::task<> bounded_main() {
    aio::BoundedSemaphore bounded(2);
    try {
        bounded.release();
    } catch (const aio::ValueError&) {
        aio::print("ValueError: released too many times");
    }
    {
        auto held = co_await bounded.hold();
        aio::print("held, locked {}", py_bool(bounded.locked()));
    }
    co_await bounded.acquire();
    co_await bounded.acquire();
    aio::print("twice, locked {}", py_bool(bounded.locked()));
    bounded.release();
    bounded.release();
    aio::Semaphore unbounded(1);
    unbounded.release();
    unbounded.release();
    co_await unbounded.acquire();
    co_await unbounded.acquire();
    co_await unbounded.acquire();
    aio::print("a plain Semaphore may grow: locked {}", py_bool(unbounded.locked()));
    try {
        aio::Semaphore negative(-1);
    } catch (const aio::ValueError&) {
        aio::print("ValueError: negative initial value");
    }
}

}  // namespace

// [python semaphore_bounded]
// import asyncio
// async def main():
//     bounded = asyncio.BoundedSemaphore(2)
//     try:
//         bounded.release()
//     except ValueError:
//         print("ValueError: released too many times")
//     async with bounded:
//         print(f"held, locked {bounded.locked()}")
//     await bounded.acquire()
//     await bounded.acquire()
//     print(f"twice, locked {bounded.locked()}")
//     bounded.release()
//     bounded.release()
//     unbounded = asyncio.Semaphore(1)
//     unbounded.release()
//     unbounded.release()
//     await unbounded.acquire()
//     await unbounded.acquire()
//     await unbounded.acquire()
//     print(f"a plain Semaphore may grow: locked {unbounded.locked()}")
//     try:
//         asyncio.Semaphore(-1)
//     except ValueError:
//         print("ValueError: negative initial value")
// asyncio.run(main())
// [end python]
TEST_CASE("BoundedSemaphore raises ValueError when released beyond its initial value", "[locks][semaphore]") {
    CHECK(rt::trace_of(bounded_main()) == rt::expected_trace("semaphore_bounded"));
}

namespace {

aio::task<> lock_user(aio::Lock& lock, std::string name, double seconds) {
    aio::print("{} wants the lock (locked {})", name, py_bool(lock.locked()));
    auto held = co_await lock.hold();
    aio::print("{} has the lock", name);
    co_await aio::sleep(seconds);
    aio::print("{} releases", name);
}

// Releases and at once wants the lock again: the woken waiter keeps its turn.
aio::task<> lock_again(aio::Lock& lock) {
    co_await lock.acquire();
    aio::print("again has the lock");
    co_await aio::sleep(0.1);
    lock.release();
    co_await lock.acquire();
    aio::print("again has it once more");
    lock.release();
}

aio::task<> lock_fifo_main() {
    aio::Lock lock;
    co_await aio::gather(lock_again(lock), lock_user(lock, "a", 0.2), lock_user(lock, "b", 0.1),
                         lock_user(lock, "c", 0.1));
    aio::print("locked {}", py_bool(lock.locked()));
    try {
        lock.release();
    } catch (const aio::LockNotAcquiredError&) {
        aio::print("RuntimeError: Lock is not acquired.");
    }
}

}  // namespace

// [python lock_fifo]
// import asyncio
// async def user(lock, name, seconds):
//     print(f"{name} wants the lock (locked {lock.locked()})")
//     async with lock:
//         print(f"{name} has the lock")
//         await asyncio.sleep(seconds)
//         print(f"{name} releases")
// async def again(lock):
//     await lock.acquire()
//     print("again has the lock")
//     await asyncio.sleep(0.1)
//     lock.release()
//     await lock.acquire()
//     print("again has it once more")
//     lock.release()
// async def main():
//     lock = asyncio.Lock()
//     await asyncio.gather(again(lock), user(lock, "a", 0.2), user(lock, "b", 0.1), user(lock, "c", 0.1))
//     print(f"locked {lock.locked()}")
//     try:
//         lock.release()
//     except RuntimeError as e:
//         print(f"RuntimeError: {e}")
// asyncio.run(main())
// [end python]
TEST_CASE("Lock hands over in FIFO order; releasing an unlocked Lock is an error", "[locks][lock]") {
    CHECK(rt::trace_of(lock_fifo_main()) == rt::expected_trace("lock_fifo"));
}

namespace {

aio::task<> lock_waiter(aio::Lock& lock, std::string name) {
    try {
        co_await lock.acquire();
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    aio::print("{} acquired", name);
    lock.release();
}

aio::task<> lock_cancel_main() {
    aio::Lock lock;
    co_await lock.acquire();
    auto a = aio::create_task(lock_waiter(lock, "a"));
    auto b = aio::create_task(lock_waiter(lock, "b"));
    auto c = aio::create_task(lock_waiter(lock, "c"));
    co_await aio::sleep(0);
    a.cancel();  // while waiting
    co_await aio::sleep(0);
    lock.release();  // wakes b ...
    b.cancel();      // ... cancelled before it runs: b wakes c
    co_await aio::gather_outcomes(a, b, c);

    // Every waiter cancelled (still queued, not yet run): acquire() takes the free lock at once.
    co_await lock.acquire();
    auto x = aio::create_task(lock_waiter(lock, "x"));
    co_await aio::sleep(0);
    x.cancel();
    lock.release();
    co_await lock.acquire();
    aio::print("main re-acquired at once, x done {}", py_bool(x.done()));
    lock.release();
    co_await aio::gather_outcomes(x);
}

}  // namespace

// [python lock_cancel]
// import asyncio
// async def waiter(lock, name):
//     try:
//         await lock.acquire()
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} acquired")
//     lock.release()
// async def main():
//     lock = asyncio.Lock()
//     await lock.acquire()
//     a = asyncio.create_task(waiter(lock, "a"))
//     b = asyncio.create_task(waiter(lock, "b"))
//     c = asyncio.create_task(waiter(lock, "c"))
//     await asyncio.sleep(0)
//     a.cancel()
//     await asyncio.sleep(0)
//     lock.release()
//     b.cancel()
//     await asyncio.gather(a, b, c, return_exceptions=True)
//     await lock.acquire()
//     x = asyncio.create_task(waiter(lock, "x"))
//     await asyncio.sleep(0)
//     x.cancel()
//     lock.release()
//     await lock.acquire()
//     print(f"main re-acquired at once, x done {x.done()}")
//     lock.release()
//     await asyncio.gather(x, return_exceptions=True)
// asyncio.run(main())
// [end python]
TEST_CASE("Lock: a waiter cancelled after being woken wakes the next one", "[locks][lock][cancel]") {
    CHECK(rt::trace_of(lock_cancel_main()) == rt::expected_trace("lock_cancel"));
}

namespace {

aio::task<> event_waiter(aio::Event& ev, std::string name) {
    try {
        co_await ev.wait();
        aio::print("{} saw the event (is_set {})", name, py_bool(ev.is_set()));
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
}

aio::task<> ticker() {
    aio::print("tick");
    co_return;
}

aio::task<> event_main() {
    aio::Event ev;
    std::vector<aio::Task<>> waiters;
    for (const char* name : {"w1", "w2", "w3", "w4"}) waiters.push_back(aio::create_task(event_waiter(ev, name)));
    co_await aio::sleep(0.1);
    waiters[1].cancel();
    co_await aio::sleep(0.1);
    ev.set();
    ev.set();  // already set: nothing more
    ev.clear();  // the woken waiters still return, but see the flag cleared
    co_await aio::gather_outcomes(waiters);
    auto late = aio::create_task(event_waiter(ev, "late"));
    co_await aio::sleep(0.5);
    ev.set();
    co_await late;
    auto t = aio::create_task(ticker());
    co_await ev.wait();  // set: returns without yielding, before the ticker runs
    aio::print("wait() on a set event returned at once");
    co_await t;
}

}  // namespace

// [python event]
// import asyncio
// async def waiter(ev, name):
//     try:
//         await ev.wait()
//         print(f"{name} saw the event (is_set {ev.is_set()})")
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
// async def ticker():
//     print("tick")
// async def main():
//     ev = asyncio.Event()
//     waiters = [asyncio.create_task(waiter(ev, name)) for name in ("w1", "w2", "w3", "w4")]
//     await asyncio.sleep(0.1)
//     waiters[1].cancel()
//     await asyncio.sleep(0.1)
//     ev.set()
//     ev.set()
//     ev.clear()
//     await asyncio.gather(*waiters, return_exceptions=True)
//     late = asyncio.create_task(waiter(ev, "late"))
//     await asyncio.sleep(0.5)
//     ev.set()
//     await late
//     t = asyncio.create_task(ticker())
//     await ev.wait()
//     print("wait() on a set event returned at once")
//     await t
// asyncio.run(main())
// [end python]
TEST_CASE("Event: set() wakes every waiter in order; wait() on a set event does not yield", "[locks][event]") {
    CHECK(rt::trace_of(event_main()) == rt::expected_trace("event"));
}

namespace {

aio::task<> cond_consumer(aio::Condition& cond, std::vector<int>& items, std::string name) {
    auto held = co_await cond.hold();
    co_await cond.wait_for([&] { return !items.empty(); });
    aio::print("{} takes {}", name, items.front());
    items.erase(items.begin());
}

aio::task<> cond_waiter(aio::Condition& cond, std::string name) {
    auto held = co_await cond.hold();
    try {
        co_await cond.wait();
        aio::print("{} notified (locked {})", name, py_bool(cond.locked()));
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled, holds the lock again: {}", name, py_bool(cond.locked()));
        throw;
    }
}

aio::task<> condition_main() {
    aio::Condition cond;
    std::vector<int> items;
    std::vector<aio::Task<>> consumers;
    for (const char* name : {"c1", "c2", "c3", "c4"}) consumers.push_back(aio::create_task(cond_consumer(cond, items, name)));
    co_await aio::sleep(0.1);
    {
        auto held = co_await cond.hold();
        items.push_back(1);
        cond.notify();
    }
    co_await aio::sleep(0.1);
    {
        auto held = co_await cond.hold();
        items.push_back(2);
        items.push_back(3);
        items.push_back(4);
        cond.notify(2);
    }
    co_await aio::sleep(0.1);
    {
        auto held = co_await cond.hold();
        cond.notify_all();
    }
    co_await aio::gather(consumers);

    // Cancelled while waiting for notify(): it takes the lock back before CancelledError leaves wait().
    auto w1 = aio::create_task(cond_waiter(cond, "w1"));
    auto w2 = aio::create_task(cond_waiter(cond, "w2"));
    co_await aio::sleep(0);
    co_await cond.acquire();
    w1.cancel();
    co_await aio::sleep(0.1);
    aio::print("main releases");
    cond.release();
    co_await aio::gather_outcomes(w1);
    // Notified, then cancelled while waiting to take the lock back: still holds it when it raises.
    co_await cond.acquire();
    cond.notify();
    co_await aio::sleep(0);
    w2.cancel();
    co_await aio::sleep(0.1);
    aio::print("main releases");
    cond.release();
    co_await aio::gather_outcomes(w2);
    aio::print("w1 cancelled {}, w2 cancelled {}, locked {}", py_bool(w1.cancelled()), py_bool(w2.cancelled()),
               py_bool(cond.locked()));
    try {
        cond.notify();
    } catch (const aio::LockNotAcquiredError&) {
        aio::print("RuntimeError: cannot notify on un-acquired lock");
    }
    try {
        co_await cond.wait();
    } catch (const aio::LockNotAcquiredError&) {
        aio::print("RuntimeError: cannot wait on un-acquired lock");
    }
}

}  // namespace

// [python condition]
// import asyncio
// async def consumer(cond, items, name):
//     async with cond:
//         await cond.wait_for(lambda: items)
//         print(f"{name} takes {items.pop(0)}")
// async def waiter(cond, name):
//     async with cond:
//         try:
//             await cond.wait()
//             print(f"{name} notified (locked {cond.locked()})")
//         except asyncio.CancelledError:
//             print(f"{name} cancelled, holds the lock again: {cond.locked()}")
//             raise
// async def main():
//     cond = asyncio.Condition()
//     items = []
//     consumers = [asyncio.create_task(consumer(cond, items, name)) for name in ("c1", "c2", "c3", "c4")]
//     await asyncio.sleep(0.1)
//     async with cond:
//         items.append(1)
//         cond.notify()
//     await asyncio.sleep(0.1)
//     async with cond:
//         items.extend([2, 3, 4])
//         cond.notify(2)
//     await asyncio.sleep(0.1)
//     async with cond:
//         cond.notify_all()
//     await asyncio.gather(*consumers)
//     w1 = asyncio.create_task(waiter(cond, "w1"))
//     w2 = asyncio.create_task(waiter(cond, "w2"))
//     await asyncio.sleep(0)
//     await cond.acquire()
//     w1.cancel()
//     await asyncio.sleep(0.1)
//     print("main releases")
//     cond.release()
//     await asyncio.gather(w1, return_exceptions=True)
//     await cond.acquire()
//     cond.notify()
//     await asyncio.sleep(0)
//     w2.cancel()
//     await asyncio.sleep(0.1)
//     print("main releases")
//     cond.release()
//     await asyncio.gather(w2, return_exceptions=True)
//     print(f"w1 cancelled {w1.cancelled()}, w2 cancelled {w2.cancelled()}, locked {cond.locked()}")
//     try:
//         cond.notify()
//     except RuntimeError as e:
//         print(f"RuntimeError: {e}")
//     try:
//         await cond.wait()
//     except RuntimeError as e:
//         print(f"RuntimeError: {e}")
// asyncio.run(main())
// [end python]
TEST_CASE("Condition: notify(n), notify_all, wait_for, and a cancelled wait re-acquires the lock", "[locks][condition]") {
    CHECK(rt::trace_of(condition_main()) == rt::expected_trace("condition"));
}

namespace {

aio::task<> lock_both(aio::Lock& first, aio::Lock& second) {
    auto a = co_await first.hold();
    co_await aio::sleep(0.1);
    auto b = co_await second.hold();
}

aio::task<> crossed_locks_main() {
    aio::Lock x, y;
    auto one = aio::create_task(lock_both(x, y), "one");
    auto two = aio::create_task(lock_both(y, x), "two");
    co_await aio::gather(one, two);
}

aio::task<> sem_forever(aio::Semaphore& sem) { co_await sem.acquire(); }

aio::task<> exhausted_semaphore_main() {
    aio::Semaphore sem(0);
    aio::Event never;
    auto t = aio::create_task(sem_forever(sem), "starved");
    co_await never.wait();
}

}  // namespace

// CPython blocks forever in both; aio stops with the primitive each task waits on.
TEST_CASE("a deadlock on locks names Lock.acquire(), Semaphore.acquire() and Event.wait()", "[locks][guards]") {
    {
        rt::VirtualScenario scenario;
        try {
            aio::run(crossed_locks_main(), scenario.options);
            FAIL("aio::run returned although both tasks wait for the other's lock");
        } catch (const aio::DeadlockError& e) {
            const std::string message = e.what();
            CHECK_THAT(message, Contains("교착 상태(deadlock): 0.100초에"));
            CHECK_THAT(message, Contains("\n  작업 'one': 기다리는 중 → Lock.acquire() (다른 작업이 잠금을 쥐고 있음)\n"));
            CHECK_THAT(message, Contains("\n  작업 'two': 기다리는 중 → Lock.acquire() (다른 작업이 잠금을 쥐고 있음)\n"));
        }
    }
    rt::VirtualScenario scenario;
    try {
        aio::run(exhausted_semaphore_main(), scenario.options);
        FAIL("aio::run returned although nothing can set the event");
    } catch (const aio::DeadlockError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Contains("\n  작업 'exhausted_semaphore_main': 기다리는 중 → Event.wait() (set() 을 기다림)\n"));
        CHECK_THAT(message, Contains("\n  작업 'starved': 기다리는 중 → Semaphore.acquire() (남은 자리가 없음)\n"));
    }
}
