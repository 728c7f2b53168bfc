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

