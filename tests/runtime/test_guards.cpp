// The guards that turn a broken program into a clear error instead of a hang: deadlock, the
// virtual-time and step limits, and the warnings asyncio prints for forgotten coroutines and
// unretrieved task exceptions. (The blocking-sleep limit exits the process: see
// blocking_sleep_forever.cpp and check_exit_code.cmake.)
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "support.hpp"

namespace {

using aio::trace::WarningKind;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

aio::task<> quick_run() {
    co_await aio::sleep(0.5);
    aio::print("still works");
}

// After a guard fired, the next run on the same thread must start from a clean loop.
void check_runtime_still_usable(rt::VirtualScenario& scenario) {
    aio::trace::clear();
    aio::clock::reset();
    aio::run(quick_run(), scenario.options);
    REQUIRE(aio::trace::current().lines.size() == 1);
    CHECK(aio::trace::current().lines[0].time == 0.5);
}

aio::task<> first_waits(aio::Task<>* other) {
    co_await aio::sleep(0);
    co_await *other;
}

aio::task<> second_waits(aio::Task<>* other) { co_await *other; }

aio::task<> cycle_main() {
    aio::Task<> a, b;
    a = aio::create_task(first_waits(&b), "first");
    b = aio::create_task(second_waits(&a), "second");
    co_await a;
}

}  // namespace

// CPython has no such guard: the same program (a awaits b, b awaits a) blocks forever in select.
TEST_CASE("DeadlockError names every stuck task and what it waits for", "[guards]") {
    rt::VirtualScenario scenario;
    try {
        aio::run(cycle_main(), scenario.options);
        FAIL("aio::run returned although the tasks wait for each other");
    } catch (const aio::DeadlockError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Contains("교착 상태(deadlock): 0.000초에"));
        CHECK_THAT(message, Contains("\n  작업 'cycle_main': 기다리는 중 → 작업 'first'\n"));
        CHECK_THAT(message, Contains("\n  작업 'first': 기다리는 중 → 작업 'second'\n"));
        CHECK_THAT(message, Contains("\n  작업 'second': 기다리는 중 → 작업 'first'\n"));
    }
    for (std::uint32_t id = 1; id <= 3; ++id) {
        const auto* span = aio::trace::current().span(id);
        REQUIRE(span);
        CHECK(span->status == aio::trace::Status::cancelled);
    }
    check_runtime_still_usable(scenario);
}

namespace {

aio::task<> long_sleep(double seconds) {
    aio::print("sleeping {} s", seconds);
    co_await aio::sleep(seconds);
    aio::print("woke up");
}

}  // namespace

TEST_CASE("VirtualTimeLimitError stops a run whose next timer lies past the limit", "[guards]") {
    rt::VirtualScenario scenario;
    SECTION("the default limit is one hour") {
        CHECK_THROWS_AS(aio::run(long_sleep(7200), scenario.options), aio::VirtualTimeLimitError);
    }
    SECTION("a custom limit, reported with the sleeping task") {
        scenario.options.virtual_time_limit = 10;
        try {
            aio::run(long_sleep(11), scenario.options);
            FAIL("aio::run returned");
        } catch (const aio::VirtualTimeLimitError& e) {
            CHECK_THAT(e.what(), Contains("가상 시간 제한(virtual time limit) 10초에 걸렸습니다: 다음 타이머가 11.000초에"));
            CHECK_THAT(e.what(), Contains("\n  작업 'long_sleep': 11.000초까지 sleep 중\n"));
        }
        CHECK(aio::clock::now() == 0.0);  // the clock never jumped past the limit
        CHECK(rt::timed_trace() == "[  0.000] sleeping 11 s\n");
        // Exactly at the limit is still allowed.
        aio::trace::clear();
        aio::run(long_sleep(10), scenario.options);
        CHECK(aio::clock::now() == 10.0);
    }
    check_runtime_still_usable(scenario);
}

namespace {

aio::task<> spin_forever() {
    while (true) co_await aio::sleep(0);
}

}  // namespace

TEST_CASE("StepLimitError stops a coroutine that yields forever", "[guards]") {
    rt::VirtualScenario scenario;
    scenario.options.step_limit = 1000;
    try {
        aio::run(spin_forever(), scenario.options);
        FAIL("aio::run returned");
    } catch (const aio::StepLimitError& e) {
        CHECK_THAT(e.what(), Contains("단계 제한(step limit)에 걸렸습니다: 0.000초까지 이벤트 루프가 콜백을 1000번"));
        CHECK_THAT(e.what(), Contains("\n  작업 'spin_forever'"));
    }
    check_runtime_still_usable(scenario);
}

namespace {

aio::task<> forgotten() {
    aio::print("forgotten runs");
    co_return;
}

aio::task<> forget_main() {
    (void)forgotten();  // the classic mistake: calling a coroutine without awaiting it
    co_await aio::sleep(0);
}

}  // namespace

// Python:  async def main(): forgotten(); await asyncio.sleep(0)
// prints "RuntimeWarning: coroutine 'forgotten' was never awaited" and never runs the body.
TEST_CASE("a coroutine that is never awaited is reported like Python's RuntimeWarning", "[guards][warnings]") {
    rt::VirtualScenario scenario;
    aio::run(forget_main(), scenario.options);
    CHECK(aio::trace::current().lines.empty());
    const auto& warnings = aio::trace::current().warnings;
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].kind == WarningKind::never_awaited);
    CHECK(warnings[0].name == "forgotten");
    // In Korean, as students read it on stderr, with Python's wording for those who know it.
    CHECK(warnings[0].message == "경고: 코루틴 'forgotten'을(를) 호출만 하고 co_await 하지 않아서 실행되지 않았습니다 "
                                 "(파이썬의 RuntimeWarning: coroutine 'forgotten' was never awaited)");
}

namespace {

aio::task<> explode() {
    co_await aio::sleep(0.1);
    throw std::runtime_error("kaboom");
}

aio::task<> unretrieved_main() {
    (void)aio::create_task(explode());  // the Task handle is dropped: nobody will look at the exception
    co_await aio::sleep(1);
}

aio::task<> retrieved_main() {
    auto t = aio::create_task(explode());
    co_await aio::sleep(1);
    try {
        co_await t;
    } catch (const std::runtime_error&) {
    }
}

}  // namespace

// Python:  async def main(): asyncio.create_task(explode()); await asyncio.sleep(1)
// logs "Task exception was never retrieved ... RuntimeError('kaboom')" when the task is
// collected; under vtime.py that happens at 0.100, when explode fails.
TEST_CASE("a failed task whose exception nobody retrieves is reported", "[guards][warnings]") {
    rt::VirtualScenario scenario;
    aio::run(unretrieved_main(), scenario.options);
    const auto& warnings = aio::trace::current().warnings;
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].kind == WarningKind::exception_not_retrieved);
    CHECK(warnings[0].name == "explode");
    CHECK(warnings[0].time == 0.1);
    CHECK_THAT(warnings[0].message, StartsWith("경고: 작업 'explode'에서 난 예외를 아무도 확인하지 않았습니다: kaboom"));

    aio::trace::clear();
    aio::clock::reset();
    aio::run(retrieved_main(), scenario.options);
    CHECK(aio::trace::current().warnings.empty());
}

namespace {

aio::task<int> never_scheduled() { co_return 1; }

}  // namespace

// Python: asyncio.get_running_loop() / asyncio.create_task(coro()) outside asyncio.run raise
// RuntimeError("no running event loop"), and the coroutine is reported as never awaited.
TEST_CASE("using the loop outside aio::run raises NoRunningLoopError", "[guards]") {
    rt::VirtualScenario scenario;
    CHECK_THROWS_AS(aio::loop_time(), aio::NoRunningLoopError);
    CHECK_THROWS_AS(aio::create_task(never_scheduled()), aio::NoRunningLoopError);
    CHECK_THROWS_AS(aio::gather(never_scheduled(), never_scheduled()), aio::NoRunningLoopError);
    // Each coroutine object is freed and reported, none leaked (the ASan build would see a leak).
    const auto& warnings = aio::trace::current().warnings;
    REQUIRE(warnings.size() == 3);
    for (const auto& w : warnings) {
        CHECK(w.kind == WarningKind::never_awaited);
        CHECK(w.name == "never_scheduled");
    }
}
