// co_await aio::input(prompt) on the virtual clock: scripted lines arrive at their virtual times
// without blocking the loop, the prompt and the line are echoed into the trace when the line
// arrives, EofError follows the end of the script, and a pending input can be cancelled.
//
// The Python scenarios model a scripted user the way the runtime does (asyncio.to_thread(input)
// cannot run on a virtual clock): line i is delivered to a future at its scripted time, or at
// once if that time has passed; after the script, EOFError.
#include <catch2/catch.hpp>

#include <string>

#include "support.hpp"

namespace {

aio::task<> ticker() {
    for (int i = 0; i < 6; ++i) {
        co_await aio::sleep(0.5);
        aio::print("tick {}", i);
    }
}

aio::task<> scripted_main() {
    auto t = aio::create_task(ticker());
    std::string name = co_await aio::input("이름: ");
    co_await aio::sleep(1);  // now 2.0: the line scripted for 1.5 is already there
    std::string age = co_await aio::input("나이: ");
    aio::print("{} is {}", name, age);
    try {
        co_await aio::input("more: ");
        aio::print("read past the end of the script");
    } catch (const aio::EofError&) {
        aio::print("EOFError");
    }
    co_await t;
}

}  // namespace

// [python input_scripted]
// import asyncio
// SCRIPT = [(1.0, "Alice"), (1.5, "42")]
// def deliver(fut, line):
//     if not fut.done():
//         fut.set_result(line)
// async def scripted_input(prompt):
//     loop = asyncio.get_running_loop()
//     fut = loop.create_future()
//     if not SCRIPT:
//         loop.call_soon(fut.set_exception, EOFError())
//     else:
//         at, line = SCRIPT.pop(0)
//         if at <= loop.time():
//             loop.call_soon(deliver, fut, line)
//         else:
//             loop.call_at(at, deliver, fut, line)
//     line = await fut
//     print(prompt + line)
//     return line
// async def ticker():
//     for i in range(6):
//         await asyncio.sleep(0.5)
//         print(f"tick {i}")
// async def main():
//     t = asyncio.create_task(ticker())
//     name = await scripted_input("이름: ")
//     await asyncio.sleep(1)
//     age = await scripted_input("나이: ")
//     print(f"{name} is {age}")
//     try:
//         await scripted_input("more: ")
//         print("read past the end of the script")
//     except EOFError:
//         print("EOFError")
//     await t
// asyncio.run(main())
// [end python]
TEST_CASE("scripted input arrives at its virtual time and is echoed with its prompt", "[input]") {
    rt::VirtualScenario scenario;
    aio::set_scripted_input({{1.0, "Alice"}, {1.5, "42"}});
    aio::run(scripted_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("input_scripted"));
    const auto& trace = aio::trace::current();
    const auto* main_span = trace.span_named("scripted_main");
    REQUIRE(main_span);
    bool found = false;
    for (const auto& line : trace.lines) {
        if (line.text != "이름: Alice") continue;
        found = true;
        CHECK(line.time == 1.0);
        CHECK(line.task_id == main_span->id);  // echoed by the task that asked
    }
    CHECK(found);
}

namespace {

aio::task<> reader() {
    try {
        std::string line = co_await aio::input("> ");
        aio::print("read {}", line);
    } catch (const aio::CancelledError&) {
        aio::print("reader cancelled while waiting for input");
        throw;
    }
}

aio::task<> cancel_input_main() {
    auto r = aio::create_task(reader());
    co_await aio::sleep(1);
    r.cancel();
    try {
        co_await r;
    } catch (const aio::CancelledError&) {
        aio::print("main: reader is cancelled");
    }
    co_await aio::sleep(5);
    aio::print("main done");
}

}  // namespace

// [python input_cancel]
// import asyncio
// SCRIPT = [(5.0, "too late")]
// def deliver(fut, line):
//     if not fut.done():
//         fut.set_result(line)
// async def scripted_input(prompt):
//     loop = asyncio.get_running_loop()
//     fut = loop.create_future()
//     at, line = SCRIPT.pop(0)
//     loop.call_at(at, deliver, fut, line)
//     line = await fut
//     print(prompt + line)
//     return line
// async def reader():
//     try:
//         line = await scripted_input("> ")
//         print(f"read {line}")
//     except asyncio.CancelledError:
//         print("reader cancelled while waiting for input")
//         raise
// async def main():
//     r = asyncio.create_task(reader())
//     await asyncio.sleep(1)
//     r.cancel()
//     try:
//         await r
//     except asyncio.CancelledError:
//         print("main: reader is cancelled")
//     await asyncio.sleep(5)
//     print("main done")
// asyncio.run(main())
// [end python]
TEST_CASE("a pending input can be cancelled; its line never shows up", "[input][cancel]") {
    rt::VirtualScenario scenario;
    aio::set_scripted_input({{5.0, "too late"}});
    aio::run(cancel_input_main(), scenario.options);
    CHECK(rt::timed_trace() == rt::expected_trace("input_cancel"));
}

namespace {

aio::task<std::string> read_one() { co_return co_await aio::input("x: "); }

}  // namespace

TEST_CASE("an empty script means end of input right away", "[input]") {
    rt::VirtualScenario scenario;
    aio::set_scripted_input({});
    CHECK_THROWS_AS(aio::run(read_one(), scenario.options), aio::EofError);
    CHECK(aio::trace::current().lines.empty());  // nothing was typed, so nothing is echoed
}
