// Issue 14: undefined behaviour and blocking input become named hints, never garbage or a hang.
//  - a task<T> that reaches its end without co_return: MissingCoReturnError, hint missing_co_return
//  - a blocking read of stdin in a coroutine on the virtual clock: BlockingInputError at once (no
//    read happens, so these tests never wait for a terminal), trace.blocking_inputs, hint
//    blocking_input
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <aio/testing/testing.hpp>

using namespace aio::testing;

namespace {

// g++ does not diagnose flowing off the end of a coroutine (-Wreturn-type covers plain functions).
aio::task<std::string> toast_without_co_return() {
    co_await aio::sleep(1);
    aio::print("토스트 완성");
}
aio::task<std::string> coffee() {
    co_await aio::sleep(1);
    co_return "커피";
}

aio::task<std::string> read_with(int how) {
    co_await aio::sleep(0.5);
    std::string line;
    char buf[64] = {};
    switch (how) {
        case 0: std::getline(std::cin, line); break;
        case 1: std::cin >> line; break;
        case 2: if (std::scanf("%63s", buf) == 1) line = buf; break;
        case 3: if (::read(0, buf, sizeof buf - 1) > 0) line = buf; break;
        case 4: if (std::fgets(buf, sizeof buf, stdin)) line = buf; break;
        case 5: line = std::string(1, char(std::getchar())); break;
    }
    co_return line;
}

}  // namespace

TEST_CASE("missing co_return: an error and the missing_co_return hint, not an empty value") {
    auto r = run_virtual([]() -> aio::task<std::string> { co_return co_await toast_without_co_return(); }());
    CHECK(r.ending == Ending::raised);
    CHECK_FALSE(r.value.has_value());
    CHECK(r.error_text.find("toast_without_co_return") != std::string::npos);
    CHECK(r.trace.has_warning(aio::trace::WarningKind::missing_co_return));
    const Verdict v = finished_cleanly(r);
    INFO(v.message);
    CHECK_FALSE(v.ok);
    CHECK(v.has_hint("missing_co_return"));
    CHECK_FALSE(v.has_hint("exception"));  // the hint says why; no generic "예외" besides it
    CHECK(v.message.find("co_return 빠짐") != std::string::npos);
}

TEST_CASE("missing co_return inside gather: the gather fails with it") {
    auto r = run_virtual([]() -> aio::task<void> {
        auto [a, b] = co_await aio::gather(coffee(), toast_without_co_return());
        aio::print("{} {}", a, b);
    }());
    CHECK(r.ending == Ending::raised);
    CHECK(r.line("커피 ") == nullptr);
    CHECK(finished_cleanly(r).has_hint("missing_co_return"));
}

TEST_CASE("a value-returning coroutine with co_return is untouched") {
    auto r = run_virtual(coffee());
    AIO_CHECK(returned(r, std::string("커피")));
    CHECK(r.elapsed == 1.0);
    CHECK_FALSE(r.trace.has_warning(aio::trace::WarningKind::missing_co_return));
}

TEST_CASE("blocking stdin reads in a coroutine: stopped at once, recorded, hinted") {
    const char* calls[] = {"getc", "getc", "scanf", "read", "fgets", "getchar"};
    for (int how = 0; how < 6; ++how) {
        CAPTURE(how);
        // Twice: the first run's std::cin (bad, with an exception mask) must not hide the second.
        for (int again = 0; again < 2; ++again) {
            auto r = run_virtual(read_with(how));
            CHECK(r.ending == Ending::raised);
            CHECK(r.elapsed == 0.5);
            REQUIRE(r.trace.blocking_inputs.size() == 1);
            // getchar() is glibc's inline getc(stdin) when optimising
            CHECK((r.trace.blocking_inputs[0].call == calls[how] || (how == 5 && r.trace.blocking_inputs[0].call == "getc")));
            CHECK(r.trace.blocking_inputs[0].time == 0.5);
            CHECK(r.trace.blocking_inputs[0].task_id == 1);
            CHECK(r.trace.has_warning(aio::trace::WarningKind::blocking_input_in_task));
            CHECK(r.kept == aio::trace::integrity_of(r.trace));
            const Verdict v = finished_cleanly(r);
            CHECK(v.has_hint("blocking_input"));
            CHECK_FALSE(v.has_hint("exception"));
            CHECK(v.message.find("co_await aio::input()") != std::string::npos);
        }
    }
}

TEST_CASE("a blocking read in one task stops that task; the others keep their time") {
    auto r = run_virtual([]() -> aio::task<void> {
        aio::Task<std::string> reader = aio::create_task(read_with(0));
        co_await aio::sleep(2);
        aio::print("2초");
        try {
            co_await reader;
        } catch (const aio::BlockingInputError&) {
            aio::print("입력 작업 실패");
        }
    }());
    CHECK(r.returned());
    CHECK(r.elapsed == 2.0);
    CHECK(r.texts() == std::vector<std::string>{"2초", "입력 작업 실패"});
    REQUIRE(r.trace.blocking_inputs.size() == 1);
    CHECK(r.trace.span(r.trace.blocking_inputs[0].task_id)->name == "read_with");
    CHECK(finished_cleanly(r).has_hint("blocking_input"));
}

TEST_CASE("scripted aio::input is not a blocking read") {
    auto r = run_virtual([]() -> aio::task<std::string> { co_return co_await aio::input("> "); }(),
                         {.input = std::vector<aio::ScriptedLine>{{1.0, "안녕"}}});
    AIO_CHECK(returned(r, std::string("안녕")));
    CHECK(r.elapsed == 1.0);
    CHECK(r.trace.blocking_inputs.empty());
}
