// The helpers judged on small programs whose right and wrong versions we know: a correct trace
// passes, each classic mistake fails with its named hint and a timeline in the message.
#include <chrono>
#include <thread>

#include <aio/testing/testing.hpp>

using namespace aio::testing;

namespace {

aio::task<std::string> work(std::string name, double seconds) {
    aio::print("{} 시작", name);
    co_await aio::sleep(seconds);
    aio::print("{} 끝", name);
    co_return name;
}

aio::task<std::string> blocking_work(std::string name, double seconds) {
    aio::print("{} 시작", name);
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));  // the mistake
    aio::print("{} 끝", name);
    co_return name;
}

aio::task<std::vector<std::string>> together() {
    auto [a, b] = co_await aio::gather(work("A", 3), work("B", 2));
    co_return std::vector<std::string>{a, b};
}

aio::task<std::vector<std::string>> one_by_one() {
    std::string a = co_await work("A", 3);
    std::string b = co_await work("B", 2);
    co_return std::vector<std::string>{a, b};
}

aio::task<std::vector<std::string>> together_but_blocking() {
    auto [a, b] = co_await aio::gather(blocking_work("A", 3), blocking_work("B", 2));
    co_return std::vector<std::string>{a, b};
}

// Tasks created and awaited one at a time: tasks exist, but never two at once.
aio::task<void> tasks_one_by_one() {
    for (const char* name : {"A", "B", "C"}) co_await aio::create_task(work(name, 1), name);
}

// The same, unnamed: three tasks of the coroutine function `work`.
aio::task<void> work_tasks_one_by_one() {
    for (const char* name : {"A", "B", "C"}) co_await aio::create_task(work(name, 1));
}

aio::task<void> three_at_once() {
    co_await aio::gather(work("A", 1), work("B", 2), work("C", 3));
}

const Activity A = between_lines("A", "A 시작", "A 끝");
const Activity B = between_lines("B", "B 시작", "B 끝");

// The two timelines of a failure message (every failure shows both, expected first).
std::string expected_timeline(const Verdict& v) {
    const auto from = v.message.find("기대한 타임라인 (가상 시간):");
    const auto to = v.message.find("실제 타임라인 (가상 시간):");
    if (from == std::string::npos || to == std::string::npos || to < from) return "(no expected timeline)";
    return v.message.substr(from, to - from);
}
std::string actual_timeline(const Verdict& v) {
    const auto from = v.message.find("실제 타임라인 (가상 시간):");
    if (from == std::string::npos) return "(no actual timeline)";
    return v.message.substr(from, v.message.find("힌트 [", from) - from);
}

}  // namespace

TEST_CASE("run_virtual: value, elapsed time and a fresh clock and trace per run") {
    auto first = run_virtual(together());
    REQUIRE(first.returned());
    CHECK(first.elapsed == 3.0);
    CHECK(*first.value == std::vector<std::string>{"A", "B"});
    auto second = run_virtual(work("C", 1.5));
    CHECK(second.elapsed == 1.5);
    CHECK(second.texts() == std::vector<std::string>{"C 시작", "C 끝"});
    CHECK(second.trace.lines.front().time == 0.0);
}

TEST_CASE("run_virtual: an exception is captured with its text") {
    auto r = run_virtual([]() -> aio::task<int> {
        co_await aio::sleep(1);
        throw std::runtime_error("터졌다");
    }());
    CHECK(r.ending == Ending::raised);
    CHECK(r.error_text == "터졌다");
    CHECK_FALSE(r.value.has_value());
    const Verdict v = returned(r, 1);
    CHECK_FALSE(v.ok);
    CHECK(v.has_hint("exception"));
    CHECK(v.message.find("터졌다") != std::string::npos);
    INFO(v.message);
    CHECK(expected_timeline(v).find("1.000초 이후: 1 을(를) 돌려줌") != std::string::npos);
    CHECK(actual_timeline(v).find("1.000초: 값을 돌려주지 못하고 멈춤") != std::string::npos);
}

namespace {
aio::Task<void> g_first, g_second;
aio::task<void> wait_for(aio::Task<void>* other) {
    co_await aio::sleep(0);
    co_await *other;
}
aio::task<void> mutual_wait() {
    g_first = aio::create_task(wait_for(&g_second), "first");
    g_second = aio::create_task(wait_for(&g_first), "second");
    co_await g_first;
}
}  // namespace

TEST_CASE("run_virtual: a deadlock is captured and the hint names the stuck tasks") {
    auto r = run_virtual(mutual_wait());
    g_first = {};
    g_second = {};
    CHECK(r.ending == Ending::deadlock);
    const Verdict v = finished_cleanly(r);
    CHECK_FALSE(v.ok);
    CHECK(v.has_hint("deadlock"));
    CHECK(v.message.find("작업 'first'") != std::string::npos);
    CHECK(v.message.find("작업 'second'") != std::string::npos);
    INFO(v.message);
    CHECK(expected_timeline(v).find("전체 실행  0.000초 이후에도 계속되어 정상 종료, 경고 없음") != std::string::npos);
    CHECK(actual_timeline(v).find("전체 실행  0.000~0.000초: 여기서 멈춤") != std::string::npos);
}

TEST_CASE("run_virtual: the exercise's virtual-time limit stops an endless loop") {
    auto r = run_virtual([]() -> aio::task<void> {
        while (true) co_await aio::sleep(1);
    }());
    CHECK(r.ending == Ending::virtual_time_limit);
    CHECK(r.virtual_limit == exercise().virtual_seconds);
    CHECK(r.elapsed <= exercise().virtual_seconds);
    CHECK(finished_cleanly(r).has_hint("virtual_time_limit"));
    auto shorter = run_virtual(work("A", 10), {.virtual_limit = 5.0});
    CHECK(shorter.ending == Ending::virtual_time_limit);
}

TEST_CASE("run_virtual: the step limit stops a loop that never lets time pass") {
    auto r = run_virtual([]() -> aio::task<void> {
        while (true) co_await aio::sleep(0);
    }(), {.step_limit = 1000});
    CHECK(r.ending == Ending::step_limit);
    CHECK(finished_cleanly(r).has_hint("step_limit"));
}

TEST_CASE("run_virtual: seed and scripted input settings apply to the run") {
    auto reader = []() -> aio::task<std::string> {
        std::string line = co_await aio::input();
        aio::print("{} {}", line, aio::random::randint(1, 1000));
        co_return line;
    };
    auto a = run_virtual(reader(), {.seed = 7, .input = std::vector<aio::ScriptedLine>{{2.5, "안녕"}}});
    auto b = run_virtual(reader(), {.seed = 7, .input = std::vector<aio::ScriptedLine>{{2.5, "안녕"}}});
    CHECK(a.elapsed == 2.5);
    CHECK(*a.value == "안녕");
    CHECK(a.texts() == b.texts());
}

TEST_CASE("run_sync: blocking code is measured on the virtual clock") {
    auto r = run_sync([] {
        auto start = std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
    CHECK(r.elapsed == 2.5);
    AIO_CHECK(returned(r, 2.5));
    CHECK(r.trace.blocking_sleeps.empty());  // outside a coroutine a blocking sleep is fine
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("overlap: gathered work passes, one-by-one awaits fail with the sequential hint") {
    auto good = run_virtual(together());
    AIO_CHECK(overlap(good, A, B));
    AIO_CHECK(took(good, 3.0, {A, B}));

    auto bad = run_virtual(one_by_one());
    const Verdict v = overlap(bad, A, B);
    CHECK_FALSE(v.ok);
    CHECK(v.has_hint("sequential_awaits"));
    CHECK(v.message.find("기대한 타임라인") != std::string::npos);
    CHECK(v.message.find("실제 타임라인") != std::string::npos);
    CHECK(v.message.find("|==============|") != std::string::npos);  // A's 3-second bar
    CHECK(v.message.find("[B]  0.000~2.000초") != std::string::npos);  // B moved to start with A
    CHECK(v.message.find("[B]은(는) [A]이(가) 끝난 뒤인 3.000초에야") != std::string::npos);

    const Verdict slow = took(bad, 3.0, {A, B});
    CHECK_FALSE(slow.ok);
    CHECK(slow.has_hint("sequential_awaits"));
    CHECK(slow.message.find("5.000초에 끝났습니다") != std::string::npos);
}

TEST_CASE("blocking sleep in a coroutine: named hint instead of the sequential one") {
    auto r = run_virtual(together_but_blocking());
    CHECK(r.elapsed == 5.0);
    REQUIRE(r.trace.blocking_sleeps.size() == 2);
    const Verdict v = overlap(r, A, B);
    INFO(v.message);
    CHECK_FALSE(v.ok);
    CHECK(v.has_hint("blocking_sleep"));
    CHECK_FALSE(v.has_hint("sequential_awaits"));
    CHECK(v.message.find("코루틴 'blocking_work' 안에서") != std::string::npos);
    CHECK(v.message.find("3초짜리") != std::string::npos);
    const Verdict unclean = finished_cleanly(r);
    INFO(unclean.message);
    CHECK(unclean.has_hint("blocking_sleep"));
    CHECK(expected_timeline(unclean).find("전체 실행  0.000~5.000초: 정상 종료, 경고 없음") != std::string::npos);
    CHECK(actual_timeline(unclean).find("|==============|             블로킹 sleep 3초  0.000~3.000초") != std::string::npos);
}

TEST_CASE("never-awaited coroutine and never-awaited task get their hints") {
    auto dropped = run_virtual([]() -> aio::task<void> {
        auto forgotten = work("A", 1);  // created, never awaited
        co_return;
    }());
    const Verdict v1 = finished_cleanly(dropped);
    CHECK_FALSE(v1.ok);
    CHECK(v1.has_hint("never_awaited"));
    CHECK(v1.message.find("'work'") != std::string::npos);

    auto abandoned = run_virtual([]() -> aio::task<void> {
        (void)aio::create_task(work("A", 1), "background");  // main ends before it does
        co_await aio::sleep(0.5);
    }());
    const Verdict v2 = finished_cleanly(abandoned);
    CHECK_FALSE(v2.ok);
    CHECK(v2.has_hint("task_not_awaited"));
    CHECK(v2.message.find("'background'") != std::string::npos);
    INFO(v2.message);
    // Expected: the run returns with its task finished; actual: the task cut off, the warning.
    CHECK(expected_timeline(v2).find("전체 실행  모든 작업이 끝난 뒤(0.500초 이후) 정상 종료, 경고 없음") != std::string::npos);
    CHECK(expected_timeline(v2).find("=>   작업 background  0.000초~ (끝까지 기다림)") != std::string::npos);
    CHECK(actual_timeline(v2).find("경고 [기다리지 않은 작업]: 'background'") != std::string::npos);
}

TEST_CASE("max_in_flight: concurrent, inline and one-task-at-a-time runs") {
    auto r = run_virtual(three_at_once());
    CHECK(measure_max_in_flight(r) == 3);
    AIO_CHECK(max_in_flight(r, 3));
    AIO_CHECK(max_in_flight(r, 3, "work"));
    CHECK_FALSE(max_in_flight(r, 2).ok);

    const Verdict inline_awaits = max_in_flight(run_virtual(one_by_one()), 2);
    CHECK_FALSE(inline_awaits.ok);
    CHECK(inline_awaits.has_hint("no_tasks"));

    const Verdict serial_tasks = max_in_flight(run_virtual(tasks_one_by_one()), 3);
    CHECK_FALSE(serial_tasks.ok);
    CHECK(serial_tasks.has_hint("sequential_awaits"));
    CHECK(serial_tasks.message.find("최대 1개") != std::string::npos);

    // Three tasks of one coroutine function: the timelines and the hint tell them apart, while
    // max_in_flight(…, "work") still counts all three by the function's name.
    const auto same_function = run_virtual(work_tasks_one_by_one());
    const Verdict serial_work = max_in_flight(same_function, 3, "work");
    CHECK_FALSE(serial_work.ok);
    CHECK(measure_max_in_flight(same_function, "work") == 1);
    const std::string timeline = actual_timeline(serial_work);
    INFO(serial_work.message);
    CHECK(timeline.find("작업 work  ") != std::string::npos);
    CHECK(timeline.find("작업 work#2  ") != std::string::npos);
    CHECK(timeline.find("작업 work#3  ") != std::string::npos);
    CHECK(serial_work.has_hint("sequential_awaits"));
    CHECK(serial_work.message.find("'work#2'") != std::string::npos);
}

TEST_CASE("returned: right value passes, a reordered vector gets the order hint") {
    auto r = run_virtual(together());
    AIO_CHECK(returned(r, {"A", "B"}));
    const Verdict v = returned(r, {"B", "A"});
    CHECK_FALSE(v.ok);
    CHECK(v.has_hint("wrong_result_order"));
    CHECK(v.message.find("[\"A\", \"B\"]") != std::string::npos);
    INFO(v.message);
    CHECK(expected_timeline(v).find("3.000초: [\"B\", \"A\"] 을(를) 돌려줌") != std::string::npos);
    CHECK(actual_timeline(v).find("3.000초: [\"A\", \"B\"] 을(를) 돌려줌") != std::string::npos);
    const Verdict different = returned(r, {"A", "C"});
    CHECK_FALSE(different.ok);
    CHECK_FALSE(different.has_hint("wrong_result_order"));
}

TEST_CASE("returned_member: one member of a returned struct, named in the message") {
    struct Pair {
        std::vector<std::string> names;
        bool flag = false;
    };
    auto r = run_virtual([]() -> aio::task<Pair> {
        auto [a, b] = co_await aio::gather(work("A", 1), work("B", 2));
        co_return Pair{{a, b}, true};
    }());
    AIO_CHECK(returned_member(r, "names", &Pair::names, {"A", "B"}));
    AIO_CHECK(returned_member(r, "flag", &Pair::flag, true));
    const Verdict wrong = returned_member(r, "flag", &Pair::flag, false);
    CHECK_FALSE(wrong.ok);
    CHECK(wrong.message.find("flag = true") != std::string::npos);
    CHECK(returned_member(r, "names", &Pair::names, {"B", "A"}).has_hint("wrong_result_order"));
    auto failed = run_virtual([]() -> aio::task<Pair> {
        throw std::runtime_error("없음");
        co_return Pair{};
    }());
    CHECK_FALSE(returned_member(failed, "flag", &Pair::flag, true).ok);
}

TEST_CASE("returned: an optional compares with the time tolerance and shows an empty one as 없음") {
    auto r = run_virtual([]() -> aio::task<std::optional<double>> {
        co_await aio::sleep(0.1);
        co_return aio::loop_time() + 0.2;  // 0.30000000000000004
    }());
    AIO_CHECK(returned(r, 0.3));
    const Verdict empty = returned(r, std::nullopt);
    CHECK_FALSE(empty.ok);
    CHECK(empty.message.find("없음") != std::string::npos);
    CHECK(empty.message.find("0.30000000000000004") != std::string::npos);
    auto none = run_virtual([]() -> aio::task<std::optional<double>> { co_return std::nullopt; }());
    AIO_CHECK(returned(none, std::nullopt));
    CHECK_FALSE(returned(none, 0.3).ok);
}

TEST_CASE("printed_at: right time passes; wrong time and missing line explain themselves") {
    auto r = run_virtual(one_by_one());
    AIO_CHECK(printed_at(r, "B 끝", 5.0));
    const Verdict late = printed_at(r, "B 끝", 2.0);
    CHECK_FALSE(late.ok);
    CHECK(late.message.find("기대: 2.000초에 \"B 끝\" 출력") != std::string::npos);
    CHECK(late.message.find("실제: 5.000초에 출력되었습니다") != std::string::npos);
    const Verdict missing = printed_at(r, "C 끝", 1.0);
    CHECK_FALSE(missing.ok);
    CHECK(missing.message.find("출력되지 않았습니다") != std::string::npos);
    const Verdict typo = printed_at(r, "B  끝!", 5.0);  // a near miss is pointed out
    CHECK(typo.message.find("비슷한 줄: 5.000초에 \"B 끝\"") != std::string::npos);
    CHECK_FALSE(printed_at(r, "A 시작", 0.0, 1).ok);  // printed only once
}

TEST_CASE("printed_in_order and printed_exactly") {
    auto r = run_virtual(together());
    AIO_CHECK(printed_in_order(r, {"A 시작", "B 시작", "B 끝", "A 끝"}));
    const Verdict swapped = printed_in_order(r, {"A 끝", "B 끝"});
    CHECK_FALSE(swapped.ok);
    CHECK(swapped.message.find("2. \"B 끝\" 이(가) 1. \"A 끝\" 보다 먼저") != std::string::npos);
    INFO(swapped.message);
    // Expected: A 끝 where it was printed, B 끝 moved after it; actual: the lines numbered.
    CHECK(expected_timeline(swapped).find("1. \"A 끝\"  3.000초") != std::string::npos);
    CHECK(expected_timeline(swapped).find("2. \"B 끝\"  3.000초 이후 (실제로는 2.000초)") != std::string::npos);
    CHECK(actual_timeline(swapped).find("2.000초 \"B 끝\"   <- 2.") != std::string::npos);
    CHECK(actual_timeline(swapped).find("3.000초 \"A 끝\"   <- 1.") != std::string::npos);
    const Verdict missing = printed_in_order(r, {"B 끝", "C 끝"});
    INFO(missing.message);
    CHECK_FALSE(missing.ok);
    CHECK(expected_timeline(missing).find("1. \"B 끝\"  2.000초") != std::string::npos);
    CHECK(expected_timeline(missing).find("2. \"C 끝\"  2.000초 이후 (실제로는 출력되지 않음)") != std::string::npos);
    AIO_CHECK(printed_exactly(r, {{0, "A 시작"}, {0, "B 시작"}, {2, "B 끝"}, {3, "A 끝"}}));
    const Verdict off = printed_exactly(r, {{0, "A 시작"}, {0, "B 시작"}, {3, "B 끝"}, {3, "A 끝"}});
    CHECK_FALSE(off.ok);
    CHECK(off.message.find("3번째 줄: 3.000초에 \"B 끝\"") != std::string::npos);
    CHECK_FALSE(printed_exactly(r, {{0, "A 시작"}, {0, "B 시작"}, {2, "B 끝"}}).ok);  // an extra line
}

TEST_CASE("one_after_another: blocking steps pass, overlapping ones fail") {
    auto sequential = run_virtual(one_by_one());
    AIO_CHECK(one_after_another(sequential, A, B));
    const Verdict v = one_after_another(run_virtual(together()), A, B);
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("[B]: 0.000초에 시작") != std::string::npos);
}

TEST_CASE("task_named activities come from task spans") {
    auto r = run_virtual([]() -> aio::task<void> {
        auto a = aio::create_task(work("A", 2), "a");
        auto b = aio::create_task(work("B", 1), "b");
        co_await a;
        co_await b;
    }());
    AIO_CHECK(overlap(r, task_named("a"), task_named("b")));
    const Verdict v = overlap(r, task_named("a"), task_named("zzz"));
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("작업 'zzz'이(가) 시작되지 않았습니다") != std::string::npos);
    INFO(v.message);
    CHECK(expected_timeline(v).find("작업 'zzz'  0.000초~ (함께 진행)") != std::string::npos);
}

// Two cases in declaration order (Catch2's default): the first leaves state behind, the second
// sees that the listener put it back.
TEST_CASE("listener: state left behind by a test case ...") {
    aio::clock::reset(42.0);
    aio::trace::note_line("left over");
    aio::set_scripted_input({{1.0, "x"}});
    aio::random::seed(99);
    SUCCEED();
}

TEST_CASE("listener: ... is reset before the next one") {
    CHECK(aio::clock::is_virtual());
    CHECK(aio::clock::now() == 0.0);
    CHECK(aio::trace::current().lines.empty());
    const double first = aio::random::random();
    aio::random::seed(1);
    CHECK(first == aio::random::random());
    auto r = run_virtual([]() -> aio::task<std::string> { co_return co_await aio::input(); }());
    CHECK(r.ending != Ending::returned);  // no script left over, stdin not a script: EOF or error
}

TEST_CASE("used_activities: every activity an assertion looked for, once each, for the grader's report") {
    forget_used_activities();
    auto r = run_virtual(together());
    AIO_CHECK(took(r, 3.0, {A, B}));  // passes without locating anything: still counts as used
    AIO_CHECK(overlap(r, B, A));
    REQUIRE(used_activities().size() == 2);
    CHECK(used_activities()[0].label == "A");
    CHECK(used_activities()[1].label == "B");
    forget_used_activities();
    CHECK(used_activities().empty());
}
