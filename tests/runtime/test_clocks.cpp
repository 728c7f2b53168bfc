// The process clock: in virtual mode plain C++ time and sleep calls read and advance the virtual
// "now" (interposed in harness/src/clock.cpp); in real mode a sleep takes real time.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <future>
#include <memory>
#include <thread>

#include "support.hpp"

namespace {

using namespace std::chrono_literals;

}  // namespace

TEST_CASE("virtual clock: sleep_for, sleep, usleep, nanosleep advance it; steady and system clocks read it",
          "[clocks]") {
    rt::VirtualScenario scenario;
    const auto steady0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(1500ms);
    CHECK(aio::clock::now() == 1.5);
    CHECK(std::chrono::steady_clock::now() - steady0 == 1500ms);
    // system_clock is 2024-01-01T00:00:00Z plus virtual time, so dates are reproducible too.
    CHECK(std::chrono::system_clock::now().time_since_epoch() == std::chrono::seconds(1'704'067'200) + 1500ms);

    ::sleep(2);
    CHECK(aio::clock::now() == 3.5);
    ::usleep(250'000);
    CHECK(aio::clock::now() == 3.75);
    timespec req{0, 125'000'000};
    ::nanosleep(&req, nullptr);
    CHECK(aio::clock::now() == 3.875);
    CHECK(std::chrono::steady_clock::now() - steady0 == 3875ms);
    // Synchronous code outside any task is not "blocking the loop": nothing recorded.
    CHECK(aio::trace::current().blocking_sleeps.empty());
    CHECK(aio::trace::current().warnings.empty());
}

namespace {

aio::task<> blocker() {
    aio::print("blocker sleeps 1 s without await");
    std::this_thread::sleep_for(1s);
    aio::print("blocker done");
    co_return;
}

aio::task<> other() {
    const auto before = std::chrono::steady_clock::now();
    co_await aio::sleep(0.5);
    aio::print("other woke (asked for 0.5 s)");
    // It asked for 0.5 s but the loop was frozen until 1.0: steady_clock agrees with loop_time.
    CHECK(std::chrono::steady_clock::now() - before == 1s);
    CHECK(aio::loop_time() == 1.0);
}

aio::task<> blocking_main() { co_await aio::gather(other(), blocker()); }

}  // namespace

// other's timer (due at 0.5) cannot fire while blocker holds the loop until 1.0.
// [python blocking_sleep_in_task]
// import asyncio, time
// async def blocker():
//     print("blocker sleeps 1 s without await")
//     time.sleep(1)
//     print("blocker done")
// async def other():
//     await asyncio.sleep(0.5)
//     print("other woke (asked for 0.5 s)")
// async def main():
//     await asyncio.gather(other(), blocker())
// asyncio.run(main())
// [end python]
TEST_CASE("virtual clock: a blocking sleep inside a coroutine freezes the loop and is recorded", "[clocks]") {
    rt::VirtualScenario scenario;
    aio::run(blocking_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("blocking_sleep_in_task"));
    const auto& trace = aio::trace::current();
    REQUIRE(trace.blocking_sleeps.size() == 1);
    CHECK(trace.blocking_sleeps[0].time == 0.0);
    CHECK(trace.blocking_sleeps[0].seconds == 1.0);
    const auto* span = trace.span_named("blocker");
    REQUIRE(span);
    CHECK(trace.blocking_sleeps[0].task_id == span->id);
    CHECK(trace.has_warning(aio::trace::WarningKind::blocking_sleep_in_task));
}

namespace {

aio::task<double> real_sleep() {
    const double start = aio::loop_time();
    co_await aio::sleep(0.2);
    co_return aio::loop_time() - start;
}

}  // namespace

TEST_CASE("real clock: aio::sleep(0.2) really takes at least 0.2 s", "[clocks][real]") {
    rt::VirtualScenario scenario;
    aio::clock::set_mode(aio::clock::Mode::real);
    const double wall_start = aio::clock::real_monotonic();
    const auto steady_start = std::chrono::steady_clock::now();
    const double loop_elapsed = aio::run(real_sleep(), scenario.options);
    const double wall_elapsed = aio::clock::real_monotonic() - wall_start;
    CHECK(loop_elapsed >= 0.2);
    CHECK(wall_elapsed >= 0.2);
    CHECK(std::chrono::steady_clock::now() - steady_start >= 200ms);
    CHECK(wall_elapsed < 5.0);  // generous: only catches a sleep that is wildly wrong
}

namespace {

timespec plus(timespec t, std::chrono::nanoseconds d) {
    long long ns = t.tv_sec * 1'000'000'000LL + t.tv_nsec + d.count();
    return timespec{time_t(ns / 1'000'000'000LL), long(ns % 1'000'000'000LL)};
}

}  // namespace

TEST_CASE("virtual clock: clock_nanosleep to an absolute time reads the clock it names", "[clocks]") {
    rt::VirtualScenario scenario;
    // CLOCK_REALTIME is what system_clock shows (2024-01-01 + virtual time), CLOCK_MONOTONIC steady_clock.
    auto system_now = std::chrono::system_clock::now().time_since_epoch();
    timespec until = plus(timespec{}, std::chrono::duration_cast<std::chrono::nanoseconds>(system_now) + 2s);
    CHECK(::clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, nullptr) == 0);
    CHECK(aio::clock::now() == 2.0);
    auto steady_now = std::chrono::steady_clock::now().time_since_epoch();
    until = plus(timespec{}, std::chrono::duration_cast<std::chrono::nanoseconds>(steady_now) + 500ms);
    CHECK(::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == 0);
    CHECK(aio::clock::now() == 2.5);
}

TEST_CASE("real clock: clock_nanosleep to an absolute time waits on the clock it names", "[clocks][real]") {
    rt::VirtualScenario scenario;
    aio::clock::set_mode(aio::clock::Mode::real);
    for (clockid_t id : {CLOCK_REALTIME, CLOCK_MONOTONIC}) {
        INFO("clock id " << id);
        timespec now{};
        REQUIRE(::clock_gettime(id, &now) == 0);  // not interposed: the kernel's clock
        const timespec until = plus(now, 50ms);
        const double start = aio::clock::real_monotonic();
        // In a thread: measured against the wrong clock, the sleep could last for decades.
        auto done = std::make_shared<std::promise<int>>();
        std::future<int> result = done->get_future();
        std::thread([id, until, done] { done->set_value(::clock_nanosleep(id, TIMER_ABSTIME, &until, nullptr)); })
            .detach();
        REQUIRE(result.wait_for(5s) == std::future_status::ready);
        CHECK(result.get() == 0);
        const double elapsed = aio::clock::real_monotonic() - start;
        CHECK(elapsed >= 0.045);  // CLOCK_REALTIME may be stepped meanwhile: a little slack
        CHECK(elapsed < 5.0);
    }
    timespec until{};
    CHECK(::clock_nanosleep(clockid_t(12345), TIMER_ABSTIME, &until, nullptr) == EINVAL);
}
