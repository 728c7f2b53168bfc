// gather in all its forms and how exceptions travel: through gather, through aio::run, through
// inline co_await. Expected traces are CPython 3.11's (data/traces/<name>.txt).
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "support.hpp"

namespace {

using aio::trace::WarningKind;

aio::task<int> number() {
    co_await aio::sleep(0.2);
    co_return 1;
}

aio::task<std::string> word() {
    co_await aio::sleep(0.1);
    co_return "one";
}

aio::task<> nothing() { co_await aio::sleep(0.3); }

aio::task<> variadic_main() {
    auto results = co_await aio::gather(number(), word(), nothing());
    static_assert(std::is_same_v<decltype(results), std::tuple<int, std::string, aio::none>>);
    auto [n, w, x] = results;
    (void)x;
    aio::print("{} {} None", n, w);
    // A Task argument is shared, not re-run; mixing Tasks and coroutines keeps argument order.
    auto t = aio::create_task(word());
    auto [n2, w2] = co_await aio::gather(number(), t);
    aio::print("{} {} (mixed)", n2, w2);
    aio::print("task result again: {}", co_await t);
}

}  // namespace

// [python gather_variadic]
// import asyncio
// async def number():
//     await asyncio.sleep(0.2)
//     return 1
// async def word():
//     await asyncio.sleep(0.1)
//     return "one"
// async def nothing():
//     await asyncio.sleep(0.3)
// async def main():
//     n, w, x = await asyncio.gather(number(), word(), nothing())
//     print(f"{n} {w} {x}")
//     t = asyncio.create_task(word())
//     n2, w2 = await asyncio.gather(number(), t)
//     print(f"{n2} {w2} (mixed)")
//     print(f"task result again: {await t}")
// asyncio.run(main())
// [end python]
TEST_CASE("variadic gather returns a tuple in argument order, void as aio::none", "[gather]") {
    CHECK(rt::trace_of(variadic_main()) == rt::expected_trace("gather_variadic"));
}

namespace {

aio::task<int> square(int i) {
    co_await aio::sleep(0.1 * (5 - i));
    aio::print("square({}) done", i);
    co_return i * i;
}

aio::task<> vector_main() {
    std::vector<aio::task<int>> coroutines;
    for (int i = 0; i < 5; ++i) coroutines.push_back(square(i));
    std::vector<int> r = co_await aio::gather(std::move(coroutines));
    aio::print("{} {} {} {} {}", r[0], r[1], r[2], r[3], r[4]);

    std::vector<aio::Task<int>> tasks;
    for (int i = 3; i < 5; ++i) tasks.push_back(aio::create_task(square(i)));
    std::vector<int> r2 = co_await aio::gather(tasks);
    aio::print("tasks: {} {} (still valid: {})", r2[0], r2[1], co_await tasks[1]);
}

}  // namespace

// [python gather_vector]
// import asyncio
// async def square(i):
//     await asyncio.sleep(0.1 * (5 - i))
//     print(f"square({i}) done")
//     return i * i
// async def main():
//     r = await asyncio.gather(*[square(i) for i in range(5)])
//     print(" ".join(map(str, r)))
//     tasks = [asyncio.create_task(square(i)) for i in range(3, 5)]
//     r2 = await asyncio.gather(*tasks)
//     print(f"tasks: {r2[0]} {r2[1]} (still valid: {await tasks[1]})")
// asyncio.run(main())
// [end python]
TEST_CASE("gather over a vector of coroutines or Tasks returns a vector in order", "[gather]") {
    CHECK(rt::trace_of(vector_main()) == rt::expected_trace("gather_vector"));
}

namespace {

aio::task<> ticker(int n) {
    for (int i = 0; i < n; ++i) {
        aio::print("tick {}", i);
        co_await aio::sleep(0);
    }
}

aio::task<> empty_main() {
    auto t = aio::create_task(ticker(2));
    std::vector<int> r = co_await aio::gather(std::vector<aio::task<int>>{});
    aio::print("empty gather gave {} results", r.size());
    auto none = co_await aio::gather();
    static_assert(std::is_same_v<decltype(none), std::tuple<>>);
    aio::print("empty gather gave {} results", std::tuple_size_v<decltype(none)>);
    co_await t;
}

}  // namespace

// An empty gather is a future that is already done: awaiting it does not yield, so main prints
// before the ticker's first tick.
// [python gather_empty]
// import asyncio
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def main():
//     t = asyncio.create_task(ticker(2))
//     r = await asyncio.gather(*[])
//     print(f"empty gather gave {len(r)} results")
//     r = await asyncio.gather()
//     print(f"empty gather gave {len(r)} results")
//     await t
// asyncio.run(main())
// [end python]
TEST_CASE("an empty gather completes at once without yielding", "[gather]") {
    CHECK(rt::trace_of(empty_main()) == rt::expected_trace("gather_empty"));
}

namespace {

aio::task<int> ok_after(int value, double seconds) {
    co_await aio::sleep(seconds);
    co_return value;
}

aio::task<int> fail_after(std::string message, double seconds) {
    co_await aio::sleep(seconds);
    aio::print("{} raises", message);
    throw std::invalid_argument(message);
}

template <class Outcomes>
void print_outcomes(const Outcomes& outcomes) {
    for (const aio::Outcome<int>& o : outcomes) {
        if (o.ok()) aio::print("value: {}", *o);
        else aio::print("error: {}", o.what());
    }
}

aio::task<> outcomes_main() {
    auto [a, b, c, d] = co_await aio::gather_outcomes(ok_after(1, 0.3), fail_after("boom", 0.1), ok_after(3, 0.2),
                                                      fail_after("bang", 0.4));
    print_outcomes(std::vector<aio::Outcome<int>>{a, b, c, d});
    CHECK(b.holds<std::invalid_argument>());
    CHECK_FALSE(b.holds<aio::CancelledError>());
    CHECK_THROWS_AS(d.value(), std::invalid_argument);

    std::vector<aio::task<int>> more;
    more.push_back(fail_after("first", 0.1));
    more.push_back(ok_after(2, 0.1));
    print_outcomes(co_await aio::gather_outcomes(std::move(more)));
}

}  // namespace

// [python gather_outcomes]
// import asyncio
// async def ok(value, seconds):
//     await asyncio.sleep(seconds)
//     return value
// async def fail(message, seconds):
//     await asyncio.sleep(seconds)
//     print(f"{message} raises")
//     raise ValueError(message)
// def show(results):
//     for r in results:
//         print(f"error: {r}" if isinstance(r, Exception) else f"value: {r}")
// async def main():
//     show(await asyncio.gather(ok(1, 0.3), fail("boom", 0.1), ok(3, 0.2), fail("bang", 0.4),
//                               return_exceptions=True))
//     show(await asyncio.gather(*[fail("first", 0.1), ok(2, 0.1)], return_exceptions=True))
// asyncio.run(main())
// [end python]
TEST_CASE("gather_outcomes turns failures into results and waits for everyone", "[gather]") {
    rt::VirtualScenario scenario;
    aio::run(outcomes_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("gather_outcomes"));
    // Every exception was handed to the caller: nothing to warn about (CPython logs nothing).
    CHECK(aio::trace::current().warnings.empty());
}

namespace {

aio::task<int> ok_loud(double seconds) {
    co_await aio::sleep(seconds);
    aio::print("ok finishes");
    co_return 0;
}

aio::task<> first_exception_main() {
    try {
        co_await aio::gather(fail_after("late", 0.3), fail_after("early", 0.1), ok_loud(0.2));
        aio::print("gather returned");
    } catch (const std::invalid_argument& e) {
        aio::print("gather raised {}", e.what());
    }
    co_await aio::sleep(0.5);
    aio::print("main done");
}

}  // namespace

// The first exception to happen (not the first argument) fails the gather at once; the other
// children keep running. The later failure is marked retrieved by gather, so CPython logs no
// "Task exception was never retrieved".
// [python gather_first_exception]
// import asyncio
// async def fail(message, seconds):
//     await asyncio.sleep(seconds)
//     print(f"{message} raises")
//     raise ValueError(message)
// async def ok(seconds):
//     await asyncio.sleep(seconds)
//     print("ok finishes")
//     return 0
// async def main():
//     try:
//         await asyncio.gather(fail("late", 0.3), fail("early", 0.1), ok(0.2))
//         print("gather returned")
//     except ValueError as e:
//         print(f"gather raised {e}")
//     await asyncio.sleep(0.5)
//     print("main done")
// asyncio.run(main())
// [end python]
TEST_CASE("gather propagates the first exception and leaves the other children running", "[gather]") {
    rt::VirtualScenario scenario;
    aio::run(first_exception_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("gather_first_exception"));
    CHECK_FALSE(aio::trace::current().has_warning(WarningKind::exception_not_retrieved));
}

namespace {

struct BadValue : std::runtime_error {
    using std::runtime_error::runtime_error;
};

aio::task<int> raise_after_one_second() {
    co_await aio::sleep(1);
    throw BadValue("bad");
}

aio::task<int> await_failing_task() { co_return co_await aio::create_task(raise_after_one_second()); }

}  // namespace

// [python run_rethrows]
// import asyncio
// async def main():
//     await asyncio.sleep(1)
//     raise ValueError("bad")
// try:
//     asyncio.run(main())
// except ValueError as e:
//     print(f"asyncio.run raised ValueError: {e}")
// [end python]
TEST_CASE("aio::run rethrows the main coroutine's exception with its type", "[gather][errors]") {
    rt::VirtualScenario scenario;
    try {
        aio::run(raise_after_one_second(), scenario.options);
        FAIL("aio::run returned normally");
    } catch (const BadValue& e) {
        aio::print("asyncio.run raised ValueError: {}", e.what());
    }
    CHECK(rt::timed_trace() == rt::expected_trace("run_rethrows"));

    aio::clock::reset();
    CHECK_THROWS_MATCHES(aio::run(await_failing_task(), scenario.options), BadValue,
                         Catch::Matchers::Message("bad"));
    CHECK(aio::clock::now() == 1.0);
}

namespace {

aio::task<int> throws_now() {
    throw std::invalid_argument("now");
    co_return 0;
}

aio::task<> throws_later() {
    co_await aio::sleep(0.5);
    throw std::invalid_argument("later");
}

aio::task<> nested() {
    try {
        co_await throws_later();
    } catch (...) {
        aio::print("nested cleanup");
        throw;
    }
}

aio::task<> inline_main() {
    auto t = aio::create_task(ticker(1));
    try {
        co_await throws_now();
    } catch (const std::invalid_argument& e) {
        aio::print("caught {}", e.what());
    }
    try {
        co_await nested();
    } catch (const std::invalid_argument& e) {
        aio::print("caught {}", e.what());
    }
    aio::print("main continues");
    co_await t;
}

}  // namespace

// `co_await coro()` runs the coroutine inline: an immediate exception reaches the caller without
// a loop iteration (before the first tick), a later one after its sleep, through a nested frame.
// [python inline_await_exceptions]
// import asyncio
// async def ticker(n):
//     for i in range(n):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def throws_now():
//     raise ValueError("now")
// async def throws_later():
//     await asyncio.sleep(0.5)
//     raise ValueError("later")
// async def nested():
//     try:
//         await throws_later()
//     except BaseException:
//         print("nested cleanup")
//         raise
// async def main():
//     t = asyncio.create_task(ticker(1))
//     try:
//         await throws_now()
//     except ValueError as e:
//         print(f"caught {e}")
//     try:
//         await nested()
//     except ValueError as e:
//         print(f"caught {e}")
//     print("main continues")
//     await t
// asyncio.run(main())
// [end python]
TEST_CASE("exceptions from inline co_await reach the caller like Python's await", "[gather][errors]") {
    CHECK(rt::trace_of(inline_main()) == rt::expected_trace("inline_await_exceptions"));
}

namespace {

aio::task<> cancellable_child(std::string name, double seconds) {
    try {
        co_await aio::sleep(seconds);
        aio::print("{} done", name);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
}

aio::task<> gathering_parent(bool outcomes) {
    try {
        if (outcomes) co_await aio::gather_outcomes(cancellable_child("c", 1), cancellable_child("d", 5));
        else co_await aio::gather(cancellable_child("a", 1), cancellable_child("b", 5));
        aio::print("parent's gather returned");
    } catch (const aio::CancelledError&) {
        aio::print("parent cancelled at its gather");
        throw;
    }
}

aio::task<> gather_cancel_main() {
    for (bool outcomes : {false, true}) {
        auto p = aio::create_task(gathering_parent(outcomes));
        co_await aio::sleep(2);
        p.cancel();
        try {
            co_await p;
        } catch (const aio::CancelledError&) {
            aio::print("main: parent cancelled {}", p.cancelled() ? "True" : "False");
        }
    }
}

}  // namespace

// Cancelling a task that awaits a gather cancels the gather's unfinished children; the parent
// sees CancelledError at its gather, with or without return_exceptions.
// [python gather_cancel]
// import asyncio
// async def child(name, seconds):
//     try:
//         await asyncio.sleep(seconds)
//         print(f"{name} done")
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
// async def parent(outcomes):
//     try:
//         if outcomes:
//             await asyncio.gather(child("c", 1), child("d", 5), return_exceptions=True)
//         else:
//             await asyncio.gather(child("a", 1), child("b", 5))
//         print("parent's gather returned")
//     except asyncio.CancelledError:
//         print("parent cancelled at its gather")
//         raise
// async def main():
//     for outcomes in (False, True):
//         p = asyncio.create_task(parent(outcomes))
//         await asyncio.sleep(2)
//         p.cancel()
//         try:
//             await p
//         except asyncio.CancelledError:
//             print(f"main: parent cancelled {p.cancelled()}")
// asyncio.run(main())
// [end python]
TEST_CASE("cancelling a task that awaits a gather cancels the unfinished children", "[gather][cancel]") {
    CHECK(rt::trace_of(gather_cancel_main()) == rt::expected_trace("gather_cancel"));
}
