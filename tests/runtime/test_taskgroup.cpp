// TaskGroup (3.11): a failing child cancels its siblings and the body; errors are aggregated.
// Expected traces are CPython 3.11's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "support.hpp"

namespace {

aio::task<std::string> job(std::string name, double seconds, bool fail = false) {
    aio::print("{} starts", name);
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

aio::task<> taskgroup_main() {
    aio::Task<std::string> a, b;
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::task<> {
        a = tg.create_task(job("a", 1));
        b = tg.create_task(job("b", 2));
        aio::print("body waits");
        co_return;
    });
    aio::print("all done: {} {}", a.result(), b.result());
    try {
        co_await aio::task_group([](aio::TaskGroup& tg) -> aio::task<> {
            tg.create_task(job("ok", 1));
            tg.create_task(job("bad", 2, true));
            tg.create_task(job("sibling", 5));
            co_await aio::sleep(10);
            aio::print("body not reached");
        });
    } catch (const aio::ExceptionGroup& eg) {
        aio::print("caught ValueError('{}'), {} error(s)", rt::what_of(eg.exceptions()[0]), eg.exceptions().size());
    }
    try {
        co_await aio::task_group([](aio::TaskGroup& tg) -> aio::task<> {
            tg.create_task(job("x", 1, true));
            tg.create_task(job("y", 1, true));
            co_return;
        });
    } catch (const aio::ExceptionGroup& eg) {
        std::vector<std::string> whats;
        for (const auto& e : eg.exceptions()) whats.push_back("'" + rt::what_of(e) + "'");
        std::sort(whats.begin(), whats.end());
        aio::print("{}: [{}]", eg.what(), fmt::join(whats, ", "));
    }
    try {
        co_await aio::task_group([](aio::TaskGroup& tg) -> aio::task<> {
            tg.create_task(job("child", 2));
            co_await aio::sleep(1);
            throw std::out_of_range("body");
        });
    } catch (const aio::ExceptionGroup& eg) {
        aio::print("{}: KeyError('{}')", eg.what(), rt::what_of(eg.exceptions()[0]));
    }
}

}  // namespace

// [python taskgroup_failure]
// import asyncio
// async def job(name, seconds, fail=False):
//     print(f"{name} starts")
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
// async def main():
//     async with asyncio.TaskGroup() as tg:
//         a = tg.create_task(job("a", 1))
//         b = tg.create_task(job("b", 2))
//         print("body waits")
//     print(f"all done: {a.result()} {b.result()}")
//     try:
//         async with asyncio.TaskGroup() as tg:
//             tg.create_task(job("ok", 1))
//             tg.create_task(job("bad", 2, fail=True))
//             tg.create_task(job("sibling", 5))
//             await asyncio.sleep(10)
//             print("body not reached")
//     except* ValueError as eg:
//         print(f"caught {eg.exceptions[0]!r}, {len(eg.exceptions)} error(s)")
//     try:
//         async with asyncio.TaskGroup() as tg:
//             tg.create_task(job("x", 1, fail=True))
//             tg.create_task(job("y", 1, fail=True))
//     except ExceptionGroup as eg:
//         print(f"{eg}: {sorted(str(e) for e in eg.exceptions)}")
//     try:
//         async with asyncio.TaskGroup() as tg:
//             tg.create_task(job("child", 2))
//             await asyncio.sleep(1)
//             raise KeyError("body")
//     except ExceptionGroup as eg:
//         print(f"{eg}: {eg.exceptions[0]!r}")
// asyncio.run(main())
// [end python]
TEST_CASE("TaskGroup: waits for children; a failure cancels siblings and body; errors aggregated", "[taskgroup]") {
    rt::VirtualScenario scenario;
    aio::run(taskgroup_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("taskgroup_failure"));
    // The group retrieved every child's exception.
    CHECK_FALSE(aio::trace::current().has_warning(aio::trace::WarningKind::exception_not_retrieved));
}

namespace {

aio::task<> misuse_main() {
    aio::TaskGroup tg;
    CHECK_THROWS_WITH(tg.create_task(job("early", 1)), "TaskGroup has not been entered");
    tg.enter();
    tg.create_task(job("late", 1));
    co_await tg.exit();
    CHECK_THROWS_WITH(tg.create_task(job("after", 1)), "TaskGroup is finished");
    CHECK_THROWS_WITH(tg.enter(), "TaskGroup has been already entered");
}

aio::task<> stuck_child() {
    aio::Future<int> never = aio::create_future<int>();
    co_await never;
}

aio::task<> stuck_main() {
    co_await aio::task_group([](aio::TaskGroup& tg) -> aio::task<> {
        tg.create_task(stuck_child());
        co_return;
    });
}

}  // namespace

TEST_CASE("TaskGroup: create_task before enter or after exit is refused", "[taskgroup]") {
    rt::VirtualScenario scenario;
    aio::run(misuse_main(), scenario.options);
}

TEST_CASE("TaskGroup: a deadlock names the group the parent waits in", "[taskgroup][guards]") {
    rt::VirtualScenario scenario;
    try {
        aio::run(stuck_main(), scenario.options);
        FAIL("no deadlock reported");
    } catch (const aio::DeadlockError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("작업 'stuck_main': 기다리는 중 → TaskGroup(자식 작업 1개가 끝나기를 기다림)"));
        CHECK_THAT(what, Catch::Contains("작업 'stuck_child': 기다리는 중 → 퓨처(aio::Future)"));
    }
}

namespace {

aio::task<std::string> quiet(std::string name, double seconds) {
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::CancelledError&) {
        aio::print("{} cancelled", name);
        throw;
    }
    aio::print("{} done", name);
    co_return name;
}

aio::task<> in_wait(aio::Task<std::string> t) {
    try {
        std::vector<aio::Task<std::string>> ts{t};
        co_await aio::wait(ts);
    } catch (const aio::CancelledError&) {
        aio::print("in_wait cancelled, t done {}", t.done() ? "True" : "False");
        throw;
    }
}

aio::task<> in_as_completed(aio::Task<std::string> t) {
    std::vector<aio::Task<std::string>> ts{t};
    for (auto f : aio::as_completed(ts)) {
        try {
            co_await f;
        } catch (const aio::CancelledError&) {
            aio::print("in_as_completed cancelled");
            throw;
        }
    }
}

aio::task<> grouped() {
    co_await aio::task_group([](aio::TaskGroup& tg) -> aio::task<> {
        tg.create_task(quiet("g1", 5));
        co_return;
    });
    aio::print("not reached");
}

aio::task<> cancel_while_waiting_main() {
    try {
        co_await aio::timeout(1.5, aio::task_group([](aio::TaskGroup& tg) -> aio::task<> {
                                  tg.create_task(quiet("one", 1));
                                  tg.create_task(quiet("three", 3));
                                  co_return;
                              }));
    } catch (const aio::TimeoutError&) {
        aio::print("group timed out");
    }
    auto t = aio::create_task(quiet("w", 5));
    auto iw = aio::create_task(in_wait(t));
    co_await aio::sleep(1);
    iw.cancel();
    std::vector<aio::Task<>> just_iw{iw};
    co_await aio::wait(just_iw);
    auto ia = aio::create_task(in_as_completed(t));
    co_await aio::sleep(1);
    ia.cancel();
    std::vector<aio::Task<>> just_ia{ia};
    co_await aio::wait(just_ia);
    aio::print("t still running: {}", t.done() ? "False" : "True");
    t.cancel();
    auto g = aio::create_task(grouped());
    co_await aio::sleep(1);
    g.cancel();
    try {
        co_await g;
    } catch (const aio::CancelledError&) {
        aio::print("grouped cancelled {}", g.cancelled() ? "True" : "False");
    }
}

}  // namespace

// [python cancel_while_waiting]
// import asyncio
// async def job(name, seconds):
//     try:
//         await asyncio.sleep(seconds)
//     except asyncio.CancelledError:
//         print(f"{name} cancelled")
//         raise
//     print(f"{name} done")
//     return name
// async def in_wait(t):
//     try:
//         await asyncio.wait([t])
//     except asyncio.CancelledError:
//         print(f"in_wait cancelled, t done {t.done()}")
//         raise
// async def in_as_completed(t):
//     for f in asyncio.as_completed([t]):
//         try:
//             await f
//         except asyncio.CancelledError:
//             print("in_as_completed cancelled")
//             raise
// async def grouped():
//     async with asyncio.TaskGroup() as tg:
//         tg.create_task(job("g1", 5))
//     print("not reached")
// async def main():
//     try:
//         async with asyncio.timeout(1.5):
//             async with asyncio.TaskGroup() as tg:
//                 tg.create_task(job("one", 1))
//                 tg.create_task(job("three", 3))
//     except TimeoutError:
//         print("group timed out")
//     t = asyncio.create_task(job("w", 5))
//     iw = asyncio.create_task(in_wait(t))
//     await asyncio.sleep(1)
//     iw.cancel()
//     await asyncio.wait([iw])
//     ia = asyncio.create_task(in_as_completed(t))
//     await asyncio.sleep(1)
//     ia.cancel()
//     await asyncio.wait([ia])
//     print(f"t still running: {not t.done()}")
//     t.cancel()
//     g = asyncio.create_task(grouped())
//     await asyncio.sleep(1)
//     g.cancel()
//     try:
//         await g
//     except asyncio.CancelledError:
//         print(f"grouped cancelled {g.cancelled()}")
// asyncio.run(main())
// [end python]
TEST_CASE("cancellation while waiting: timeout around a TaskGroup, a task in wait, in as_completed, in a group",
          "[taskgroup][waits][cancel]") {
    CHECK(rt::trace_of(cancel_while_waiting_main()) == rt::expected_trace("cancel_while_waiting"));
}
