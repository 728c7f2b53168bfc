// Exercise 14, public tests: the default pipeline (README's example): queue size 2, producers
// making 4 items every 0.5 s and 3 every 0.7 s, consumers taking 1.1 s and 1.6 s per item. The
// expected output is the Python twin's (tests/reference/producer_consumer/seed-1.txt).
#include "expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace producer_consumer_test;

namespace {
constexpr std::string_view kPython = R"(
[  0.000] 대기열 크기 2: 생산자 2명, 소비자 2명
[  0.000] 
[  0.500] 생산자 1: 물건 1-1 넣음
[  0.500] 소비자 1: 물건 1-1 꺼냄
[  0.700] 생산자 2: 물건 2-1 넣음
[  0.700] 소비자 2: 물건 2-1 꺼냄
[  1.000] 생산자 1: 물건 1-2 넣음
[  1.400] 생산자 2: 물건 2-2 넣음
[  1.600] 소비자 1: 물건 1-1 처리 완료
[  1.600] 소비자 1: 물건 1-2 꺼냄
[  1.600] 생산자 1: 물건 1-3 넣음
[  2.300] 소비자 2: 물건 2-1 처리 완료
[  2.300] 소비자 2: 물건 2-2 꺼냄
[  2.300] 생산자 2: 물건 2-3 넣음
[  2.300] 생산자 2: 다 만들었습니다
[  2.700] 소비자 1: 물건 1-2 처리 완료
[  2.700] 소비자 1: 물건 1-3 꺼냄
[  2.700] 생산자 1: 물건 1-4 넣음
[  2.700] 생산자 1: 다 만들었습니다
[  3.800] 소비자 1: 물건 1-3 처리 완료
[  3.800] 소비자 1: 물건 2-3 꺼냄
[  3.900] 소비자 2: 물건 2-2 처리 완료
[  3.900] 소비자 2: 물건 1-4 꺼냄
[  4.900] 소비자 1: 물건 2-3 처리 완료
[  5.500] 소비자 2: 물건 1-4 처리 완료
[  5.500] 
[  5.500] 모든 물건 7개 처리 완료: 5.50초
)";
const std::vector<std::string> kProcessed = {"1-1", "2-1", "1-2", "1-3", "2-2", "2-3", "1-4"};

auto run_default() { return run_virtual(run_pipeline(2, default_producers(), default_consumers())); }
}  // namespace

TEST_CASE("함께 진행: 소비자 두 명이 동시에 물건을 처리한다") {
    auto r = run_default();
    AIO_CHECK(printed_at(r, "소비자 1: 물건 1-1 꺼냄", 0.5));
    AIO_CHECK(printed_at(r, "소비자 2: 물건 2-1 꺼냄", 0.7));
    AIO_CHECK(peak_count(r, kInWork, 2));
}

TEST_CASE("크기 제한: 대기열에는 2개까지만 들어가고 꽉 차면 생산자가 자리가 날 때까지 기다린다") {
    auto r = run_default();
    AIO_CHECK(peak_count(r, kInQueue, 2));
    // 1-3 is ready at 1.5 s, but the queue holds 1-2 and 2-2 until consumer 1 takes 1-2 at 1.6 s.
    AIO_CHECK(printed_in_order(r, {"소비자 1: 물건 1-2 꺼냄", "생산자 1: 물건 1-3 넣음"}));
    AIO_CHECK(printed_at(r, "생산자 1: 물건 1-3 넣음", 1.6));
    AIO_CHECK(printed_at(r, "생산자 2: 물건 2-3 넣음", 2.3));
}

TEST_CASE("join: 물건 7개가 모두 한 번씩 처리되고 나서야 5.50초에 끝난다") {
    auto r = run_default();
    AIO_CHECK(processed_once(r, all_items(default_producers())));
    AIO_CHECK(took(r, 5.5));
    AIO_CHECK(returned(r, kProcessed));
}

TEST_CASE("깨끗한 종료: 일이 끝나면 소비자들을 취소하고 끝날 때까지 기다린다") {
    auto r = run_default();
    AIO_CHECK(consumers_cancelled(r, 2, 5.5));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("출력 전체가 파이썬 asyncio 와 같다") {
    auto r = run_virtual(run_pipeline());  // the defaults are the pipeline above
    AIO_CHECK(printed_exactly(r, traced(kPython)));
}
