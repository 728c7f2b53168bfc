// 연습문제 3 숨은 테스트: 틱과 같은 시각의 입력, 다른 횟수·간격·종료 단어, 같은 시각의 두 줄, 입력 없음.
#include "../tests/expected.hpp"

using namespace aio::testing;
using namespace counter_input_test;

namespace {
Run<CounterResult> run_with(int ticks, double interval, std::string quit_word, std::vector<aio::ScriptedLine> script) {
    RunSettings settings;
    settings.input = std::move(script);
    return run_virtual(run_counter(ticks, interval, std::move(quit_word)), settings);
}
}  // namespace

TEST_CASE("카운터(숨김): 입력이 카운트와 정확히 같은 시각에 들어와도 둘 다 그 시각에 처리되고 카운터는 밀리지 않는다") {
    const std::vector<aio::ScriptedLine> on_ticks = {{3.0, "딱 3초"}, {5.0, "딱 5초"}, {6.0, "딱 6초"}};
    auto script = on_ticks;
    script.push_back({20.0, "너무 늦음"});
    auto r = run_with(10, 1, "q", script);
    check_received(r, on_ticks);
    check_ticks(r, 10, 1);
    AIO_CHECK(took(r, 10.0));
    check_result(r, {"딱 3초", "딱 5초", "딱 6초"}, true);
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("카운터(숨김): 0.5초 간격으로 4번 세고 종료 단어는 '끝' (q 는 보통 입력)") {
    auto r = run_with(4, 0.5, "끝", {{0.0, "시작하자마자"}, {0.7, "q"}, {1.2, "끝"}, {1.4, "안 받는 줄"}});
    AIO_CHECK(printed_exactly(r, {{0.0, start_line(4, 0.5, "끝")},
                                  {0.0, "시작하자마자"},
                                  {0.0, received_line("시작하자마자")},
                                  {0.5, tick_line(1)},
                                  {0.7, "q"},
                                  {0.7, received_line("q")},
                                  {1.0, tick_line(2)},
                                  {1.2, "끝"},
                                  {1.2, kReaderDone},
                                  {1.5, tick_line(3)},
                                  {2.0, tick_line(4)},
                                  {2.0, summary_line({"시작하자마자", "q"})}}));
    check_result(r, {"시작하자마자", "q"}, false);
}

TEST_CASE("카운터(숨김): 같은 시각에 두 줄이 들어와도 둘 다 받는다") {
    auto r = run_with(3, 1, "q", {{2.5, "첫째"}, {2.5, "둘째"}, {30.0, "안 옴"}});
    check_received(r, {{2.5, "첫째"}, {2.5, "둘째"}});
    AIO_CHECK(printed_in_order(r, {received_line("첫째"), received_line("둘째")}));
    AIO_CHECK(took(r, 3.0));
    check_result(r, {"첫째", "둘째"}, true);
}

TEST_CASE("카운터(숨김): 입력이 하나도 없으면 바로 입력을 마치고 카운트만 한다 (2초 간격 3번)") {
    auto r = run_with(3, 2, "q", {});
    AIO_CHECK(printed_at(r, kReaderDone, 0.0));
    check_ticks(r, 3, 2);
    AIO_CHECK(took(r, 6.0));
    check_result(r, {}, false);
    AIO_CHECK(printed_at(r, summary_line({}), 6.0));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("카운터(숨김): 끝나기 직전의 입력은 받고 끝난 직후의 입력은 기다리지 않는다 (5초 간격 2번)") {
    auto r = run_with(2, 5, "q", {{9.9, "막판"}, {10.1, "늦음"}});
    check_received(r, {{9.9, "막판"}});
    AIO_CHECK(took(r, 10.0));
    AIO_CHECK(printed_at(r, kCancelled, 10.0));
    check_result(r, {"막판"}, true);
    AIO_CHECK(finished_cleanly(r));
}

namespace {
// run_counter, then how many tasks besides this one are not done yet. A run_counter that cancels
// the reader but does not wait for it returns while the reader is still unwinding: asyncio's
// cancel() only asks, the task ends at its next step.
aio::task<CounterResult> counter_then_leftovers(int ticks, double interval, std::string quit_word) {
    CounterResult result = co_await run_counter(ticks, interval, std::move(quit_word));
    aio::print("run_counter 가 끝난 뒤 남은 작업: {}개", aio::all_tasks().size() - 1);
    co_return result;
}
}  // namespace

TEST_CASE("카운터(숨김): 입력 작업을 취소하면 정말 끝날 때까지 기다린 뒤 돌아온다 (남은 작업 0개)") {
    RunSettings settings;
    settings.input = {{20.0, "너무 늦음"}};
    auto r = run_virtual(counter_then_leftovers(2, 1, "q"), settings);
    AIO_CHECK(printed_at(r, kCancelled, 2.0));
    AIO_CHECK(printed_at(r, "run_counter 가 끝난 뒤 남은 작업: 0개", 2.0));
}
