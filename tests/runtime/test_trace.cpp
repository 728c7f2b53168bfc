// The trace the grader reads: printed lines with virtual time and the printing task's id, and a
// span per task (created / started / finished, status, result text). Expectations are derived by
// hand from the sleeps in each scenario (spans have no CPython counterpart to compare with).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using aio::trace::Status;

aio::task<std::vector<int>> helper_task() {
    aio::print("helper at 0.5");
    co_await aio::sleep(0.5);
    co_return std::vector<int>{1, 2};
}

aio::task<> lines_main() {
    aio::print("main line");
    co_await aio::sleep(0.5);
    auto h = aio::create_task(helper_task(), "helper");
    aio::print("two\nlines");
    aio::print();
    co_await h;
}

}  // namespace

TEST_CASE("trace lines carry the virtual time and the id of the printing task", "[trace]") {
    rt::VirtualScenario scenario;
    aio::print("outside any task");
    aio::run(lines_main(), scenario.options);
    const auto& trace = aio::trace::current();
    struct Want {
        double time;
        const char* text;
        std::uint32_t task;
    };
    const std::vector<Want> want{
        {0.0, "outside any task", 0}, {0.0, "main line", 1}, {0.5, "two", 1},
        {0.5, "lines", 1},           {0.5, "", 1},          {0.5, "helper at 0.5", 2},
    };
    REQUIRE(trace.lines.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("line " << i);
        CHECK(trace.lines[i].time == want[i].time);
        CHECK(trace.lines[i].text == want[i].text);
        CHECK(trace.lines[i].task_id == want[i].task);
    }
    CHECK(trace.text() == "outside any task\nmain line\ntwo\nlines\n\nhelper at 0.5\n");
}

namespace {

// Captures what is written to stdout (fd 1) while alive.
class StdoutCapture {
public:
    StdoutCapture() : file_(std::tmpfile()), saved_(::dup(1)) {
        std::fflush(stdout);
        ::dup2(::fileno(file_), 1);
    }
    ~StdoutCapture() { restore(); }
    std::string finish() {
        restore();
        std::string out;
        std::rewind(file_);
        for (int c; (c = std::fgetc(file_)) != EOF;) out += char(c);
        std::fclose(file_);
        file_ = nullptr;
        return out;
    }

private:
    void restore() {
        if (saved_ < 0) return;
        std::fflush(stdout);
        ::dup2(saved_, 1);
        ::close(saved_);
        saved_ = -1;
    }
    std::FILE* file_;
    int saved_;
};

aio::task<> echo_main() {
    aio::print("first");
    co_await aio::sleep(1.25);
    aio::print("second");
}

}  // namespace

TEST_CASE("echo with time prefixes writes the reference runner's format to stdout", "[trace]") {
    rt::VirtualScenario scenario;
    StdoutCapture capture;
    aio::trace::set_echo(true);
    aio::trace::set_prefix_times(true);
    aio::run(echo_main(), scenario.options);
    aio::trace::set_echo(false);
    aio::trace::set_prefix_times(false);
    const std::string out = capture.finish();
    CHECK(out == "[  0.000] first\n[  1.250] second\n");
    CHECK(out == rt::timed_trace());
}

namespace {

aio::task<int> fetch(double seconds) {
    co_await aio::sleep(seconds);
    co_return 42;
}

aio::task<std::string> fails() {
    co_await aio::sleep(0.25);
    throw std::runtime_error("boom");
}

aio::task<> sleeps_forever() { co_await aio::sleep(100); }

aio::task<int> inline_helper() { co_return 1; }

aio::task<std::string> spans_main() {
    co_await aio::sleep(0.5);
    auto ok = aio::create_task(fetch(1.0), "fetch");
    auto bad = aio::create_task(fails());
    auto doomed = aio::create_task(sleeps_forever(), "doomed");
    co_await inline_helper();  // inline: not a task, no span
    co_await aio::sleep(0.75);
    doomed.cancel();
    try {
        co_await bad;
    } catch (const std::runtime_error&) {
    }
    co_await ok;
    auto [v] = co_await aio::gather(fetch(0.5));
    (void)v;
    co_return "done";
}

}  // namespace

TEST_CASE("task spans record creation, start, finish, status and result text", "[trace]") {
    rt::VirtualScenario scenario;
    CHECK(aio::run(spans_main(), scenario.options) == "done");
    const auto& trace = aio::trace::current();
    REQUIRE(trace.spans.size() == 5);  // main, fetch, fails, doomed, the gathered fetch

    const auto* main = trace.span(1);
    REQUIRE(main);
    CHECK(main->name == "spans_main");
    CHECK(main->created == 0.0);
    CHECK(main->started == 0.0);
    CHECK(main->finished == 2.0);
    CHECK(main->status == Status::ok);
    CHECK(main->result == "done");

    const auto* fetch_span = trace.span_named("fetch");
    REQUIRE(fetch_span);
    CHECK(fetch_span->id == 2);
    CHECK(fetch_span->created == 0.5);
    CHECK(fetch_span->started == 0.5);  // next iteration, same virtual time
    CHECK(fetch_span->finished == 1.5);
    CHECK(fetch_span->status == Status::ok);
    CHECK(fetch_span->result == "42");

    const auto* fails_span = trace.span(3);
    REQUIRE(fails_span);
    CHECK(fails_span->name == "fails");  // no explicit name: the coroutine's function name
    CHECK(fails_span->finished == 0.75);
    CHECK(fails_span->status == Status::error);
    CHECK(fails_span->result == "boom");

    const auto* doomed = trace.span_named("doomed");
    REQUIRE(doomed);
    CHECK(doomed->started == 0.5);
    CHECK(doomed->finished == 1.25);
    CHECK(doomed->status == Status::cancelled);

    const auto* gathered = trace.span(5);
    REQUIRE(gathered);
    CHECK(gathered->name == "fetch");
    CHECK(gathered->created == 1.5);
    CHECK(gathered->finished == 2.0);
    CHECK(gathered->result == "42");

    CHECK(trace.span(6) == nullptr);
    CHECK(trace.span(0) == nullptr);
}

TEST_CASE("a task's result text is formatted with {fmt}; void results are empty", "[trace]") {
    rt::VirtualScenario scenario;
    aio::run(helper_task(), scenario.options);
    const auto* span = aio::trace::current().span(1);
    REQUIRE(span);
    CHECK(span->result == "[1, 2]");
    CHECK(span->status == Status::ok);

    aio::trace::clear();
    aio::run(echo_main(), scenario.options);
    REQUIRE(aio::trace::current().span(1));
    CHECK(aio::trace::current().span(1)->status == Status::ok);
    CHECK(aio::trace::current().span(1)->result.empty());
}

TEST_CASE("record_tasks = false keeps lines but no spans", "[trace]") {
    rt::VirtualScenario scenario;
    scenario.options.record_tasks = false;
    aio::run(lines_main(), scenario.options);
    CHECK(aio::trace::current().spans.empty());
    CHECK(aio::trace::current().lines.size() == 5);
    CHECK(aio::trace::current().lines.back().task_id == 2);  // ids are still assigned
}

namespace {

aio::task<> background_task(double seconds) { co_await aio::sleep(seconds); }

// Two tasks of one coroutine function, the second still running when main returns, plus a third
// with an explicit name that matches the function's (it counts like any other of that name).
aio::task<> two_of_a_kind_main() {
    auto first = aio::create_task(background_task(1));
    auto second = aio::create_task(background_task(5));
    auto third = aio::create_task(background_task(1), "background_task");
    co_await first;
    co_await third;
}

aio::task<> wait_on(aio::Task<>* other) { co_await *other; }

aio::Task<> g_left, g_right;
aio::task<> stuck_pair_main() {
    g_left = aio::create_task(wait_on(&g_right));
    g_right = aio::create_task(wait_on(&g_left));
    co_await g_left;
}

}  // namespace

TEST_CASE("tasks of one coroutine function get distinct display names; span names stay plain", "[trace][names]") {
    rt::VirtualScenario scenario;
    scenario.options.warnings_to_stderr = false;
    aio::run(two_of_a_kind_main(), scenario.options);
    const auto& trace = aio::trace::current();
    REQUIRE(trace.spans.size() == 4);
    for (std::uint32_t id = 2; id <= 4; ++id) CHECK(trace.spans[id - 1].name == "background_task");
    CHECK(trace.display_name(1) == "two_of_a_kind_main");
    CHECK(trace.display_name(2) == "background_task");
    CHECK(trace.display_name(3) == "background_task#2");
    CHECK(trace.display_name(4) == "background_task#3");
    CHECK(trace.display_name(9) == "?");
    CHECK(trace.span_named("background_task") == &trace.spans[1]);
    CHECK(trace.span_named("background_task#2") == &trace.spans[2]);  // by display name
    CHECK(trace.span_named("background_task#3") == &trace.spans[3]);
    CHECK(trace.span_named("background_task#4") == nullptr);
    CHECK(trace.span_named("background_task#1") == nullptr);
    CHECK(trace.span_named("background_task#") == nullptr);
    // The one left pending at exit is named as students see it.
    REQUIRE(trace.warnings.size() == 1);
    CHECK(trace.warnings[0].name == "background_task#2");
    CHECK(trace.warnings[0].message ==
          "경고: 메인 코루틴이 끝났을 때 작업 'background_task#2'이(가) 아직 끝나지 않아서 취소했습니다");
}

TEST_CASE("the stuck-task list of a deadlock tells two tasks of one function apart", "[trace][names]") {
    rt::VirtualScenario scenario;
    std::string message;
    try {
        aio::run(stuck_pair_main(), scenario.options);
    } catch (const aio::DeadlockError& e) {
        message = e.what();
    }
    g_left = {};
    g_right = {};
    CHECK(message ==
          "교착 상태(deadlock): 0.000초에 모든 작업이 무언가를 기다리는데, 깨워 줄 타이머도 입력도 없습니다. 멈춘 작업:\n"
          "  작업 'stuck_pair_main': 기다리는 중 → 작업 'wait_on'\n"
          "  작업 'wait_on': 기다리는 중 → 작업 'wait_on#2'\n"
          "  작업 'wait_on#2': 기다리는 중 → 작업 'wait_on'\n");
}

TEST_CASE("without recorded spans a task is described by its id", "[trace][names]") {
    rt::VirtualScenario scenario;
    scenario.options.record_tasks = false;
    std::string message;
    try {
        aio::run(stuck_pair_main(), scenario.options);
    } catch (const aio::DeadlockError& e) {
        message = e.what();
    }
    g_left = {};
    g_right = {};
    CHECK_THAT(message, Catch::Matchers::Contains("  작업 'wait_on' (#2): 기다리는 중 → 작업 'wait_on' (#3)\n"));
}
