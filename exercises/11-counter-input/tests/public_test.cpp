// 연습문제 3 공개 테스트: 10번, 1초 간격, 종료 단어 "q". 입력은 정해진 가상 시각에 들어옵니다.
#include "expected.hpp"

using namespace aio::testing;
using namespace counter_input_test;

namespace {
// Two lines while counting and one after the counter has finished (must never be read).
const std::vector<aio::ScriptedLine> kTyped = {{2.5, "안녕하세요"}, {7.2, "비동기 최고"}};
std::vector<aio::ScriptedLine> with_late_line() {
    auto script = kTyped;
    script.push_back({12.0, "늦은 입력"});
    return script;
}
auto run_with(std::vector<aio::ScriptedLine> script) {
    RunSettings settings;
    settings.input = std::move(script);
    return run_virtual(run_counter(10, 1, "q"), settings);
}
}  // namespace

TEST_CASE("카운터: 1초마다 한 번씩 10번 세고 10초에 끝난다") {
    auto r = run_with(with_late_line());
    AIO_CHECK(took(r, 10.0));
    check_ticks(r, 10, 1);
}

TEST_CASE("카운터: 세는 동안 들어온 입력을 그 시각에 바로 받는다") {
    auto r = run_with(with_late_line());
    check_received(r, kTyped);
    AIO_CHECK(overlap(r, kCounter, kReader));
}

TEST_CASE("카운터: 카운터가 끝나면 기다리던 입력 작업을 취소하고 정리한다") {
    auto r = run_with(with_late_line());
    AIO_CHECK(took(r, 10.0));
    AIO_CHECK(printed_at(r, kCancelled, 10.0));
    check_result(r, {"안녕하세요", "비동기 최고"}, true);
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("카운터: 출력 전체가 README 의 예시와 같다 (3초 입력 제외)") {
    auto r = run_with(with_late_line());
    std::vector<TimedLine> expected{{0.0, start_line(10, 1, "q")}, {1, tick_line(1)}, {2, tick_line(2)},
                                    {2.5, "안녕하세요"},             {2.5, received_line("안녕하세요")}};
    for (int i = 3; i <= 7; ++i) expected.push_back({double(i), tick_line(i)});
    expected.insert(expected.end(), {{7.2, "비동기 최고"}, {7.2, received_line("비동기 최고")}});
    for (int i = 8; i <= 10; ++i) expected.push_back({double(i), tick_line(i)});
    expected.insert(expected.end(), {{10, kCancelled}, {10, summary_line({"안녕하세요", "비동기 최고"})}});
    AIO_CHECK(printed_exactly(r, expected));
}

TEST_CASE("카운터: 종료 단어 q 를 받으면 입력을 마치고 카운터는 끝까지 센다") {
    auto r = run_with({{1.5, "하나"}, {2.3, "q"}, {3.5, "종료 뒤의 줄"}});
    AIO_CHECK(printed_at(r, kReaderDone, 2.3));
    AIO_CHECK(took(r, 10.0));
    check_ticks(r, 10, 1);
    check_result(r, {"하나"}, false);
    AIO_CHECK(printed_at(r, summary_line({"하나"}), 10.0));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("카운터: 입력이 끝나면(EOF) 입력을 마치고 카운터는 끝까지 센다") {
    auto r = run_with({{4.5, "마지막 줄"}});  // after it, aio::input() raises aio::EofError
    check_received(r, {{4.5, "마지막 줄"}});
    AIO_CHECK(printed_at(r, kReaderDone, 4.5));
    AIO_CHECK(took(r, 10.0));
    check_result(r, {"마지막 줄"}, false);
    AIO_CHECK(finished_cleanly(r));
}
