// Exercise 14, hidden tests: a queue of one, three producers feeding one slow consumer, consumers
// faster than the producers (with producers and consumers meeting at the same instant), an
// unbounded queue (maxsize 0), and consumer on its own (task_done, join, cancel). Every expected
// output: `python3 tools/gen_exercise_scenarios.py 14` (CPython 3.11.7).
#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace producer_consumer_test;

TEST_CASE("대기열 하나(숨김): 크기 1 이면 생산자는 물건마다 자리가 나기를 기다린다") {
    const std::vector<Producer> producers = {{5, 0.3}};
    check_pipeline(run_virtual(run_pipeline(1, producers, {1.0, 1.4})), producers, 2,
                   {R"(
[  0.000] 대기열 크기 1: 생산자 1명, 소비자 2명
[  0.000] 
[  0.300] 생산자 1: 물건 1-1 넣음
[  0.300] 소비자 1: 물건 1-1 꺼냄
[  0.600] 생산자 1: 물건 1-2 넣음
[  0.600] 소비자 2: 물건 1-2 꺼냄
[  0.900] 생산자 1: 물건 1-3 넣음
[  1.300] 소비자 1: 물건 1-1 처리 완료
[  1.300] 소비자 1: 물건 1-3 꺼냄
[  1.300] 생산자 1: 물건 1-4 넣음
[  2.000] 소비자 2: 물건 1-2 처리 완료
[  2.000] 소비자 2: 물건 1-4 꺼냄
[  2.000] 생산자 1: 물건 1-5 넣음
[  2.000] 생산자 1: 다 만들었습니다
[  2.300] 소비자 1: 물건 1-3 처리 완료
[  2.300] 소비자 1: 물건 1-5 꺼냄
[  3.300] 소비자 1: 물건 1-5 처리 완료
[  3.400] 소비자 2: 물건 1-4 처리 완료
[  3.400] 
[  3.400] 모든 물건 5개 처리 완료: 3.40초
)", 3.4, 1, 2, {"1-1", "1-2", "1-3", "1-5", "1-4"}});
}

TEST_CASE("소비자 하나(숨김): 생산자 세 명이 크기 3 대기열을 채우고 느린 소비자 하나가 차례로 처리한다") {
    const std::vector<Producer> producers = {{2, 0.4}, {2, 0.6}, {2, 0.9}};
    check_pipeline(run_virtual(run_pipeline(3, producers, {0.75})), producers, 1,
                   {R"(
[  0.000] 대기열 크기 3: 생산자 3명, 소비자 1명
[  0.000] 
[  0.400] 생산자 1: 물건 1-1 넣음
[  0.400] 소비자 1: 물건 1-1 꺼냄
[  0.600] 생산자 2: 물건 2-1 넣음
[  0.800] 생산자 1: 물건 1-2 넣음
[  0.800] 생산자 1: 다 만들었습니다
[  0.900] 생산자 3: 물건 3-1 넣음
[  1.150] 소비자 1: 물건 1-1 처리 완료
[  1.150] 소비자 1: 물건 2-1 꺼냄
[  1.200] 생산자 2: 물건 2-2 넣음
[  1.200] 생산자 2: 다 만들었습니다
[  1.900] 소비자 1: 물건 2-1 처리 완료
[  1.900] 소비자 1: 물건 1-2 꺼냄
[  1.900] 생산자 3: 물건 3-2 넣음
[  1.900] 생산자 3: 다 만들었습니다
[  2.650] 소비자 1: 물건 1-2 처리 완료
[  2.650] 소비자 1: 물건 3-1 꺼냄
[  3.400] 소비자 1: 물건 3-1 처리 완료
[  3.400] 소비자 1: 물건 2-2 꺼냄
[  4.150] 소비자 1: 물건 2-2 처리 완료
[  4.150] 소비자 1: 물건 3-2 꺼냄
[  4.900] 소비자 1: 물건 3-2 처리 완료
[  4.900] 
[  4.900] 모든 물건 6개 처리 완료: 4.90초
)", 4.9, 3, 1, {"1-1", "2-1", "1-2", "3-1", "2-2", "3-2"}});
}

TEST_CASE("빠른 소비자(숨김): 소비자 세 명이 물건을 기다리고 같은 순간에 들어온 두 물건을 나눠 가진다") {
    // At 3.0 s both producers put (1-3 first: CPython's timer heap order) and consumers 1 and 2,
    // waiting longest, get them in the order they started waiting.
    const std::vector<Producer> producers = {{3, 1.0}, {2, 1.5}};
    check_pipeline(run_virtual(run_pipeline(2, producers, {0.3, 0.45, 0.6})), producers, 3,
                   {R"(
[  0.000] 대기열 크기 2: 생산자 2명, 소비자 3명
[  0.000] 
[  1.000] 생산자 1: 물건 1-1 넣음
[  1.000] 소비자 1: 물건 1-1 꺼냄
[  1.300] 소비자 1: 물건 1-1 처리 완료
[  1.500] 생산자 2: 물건 2-1 넣음
[  1.500] 소비자 2: 물건 2-1 꺼냄
[  1.950] 소비자 2: 물건 2-1 처리 완료
[  2.000] 생산자 1: 물건 1-2 넣음
[  2.000] 소비자 3: 물건 1-2 꺼냄
[  2.600] 소비자 3: 물건 1-2 처리 완료
[  3.000] 생산자 1: 물건 1-3 넣음
[  3.000] 생산자 1: 다 만들었습니다
[  3.000] 생산자 2: 물건 2-2 넣음
[  3.000] 생산자 2: 다 만들었습니다
[  3.000] 소비자 1: 물건 1-3 꺼냄
[  3.000] 소비자 2: 물건 2-2 꺼냄
[  3.300] 소비자 1: 물건 1-3 처리 완료
[  3.450] 소비자 2: 물건 2-2 처리 완료
[  3.450] 
[  3.450] 모든 물건 5개 처리 완료: 3.45초
)", 3.45, 2, 2, {"1-1", "2-1", "1-2", "1-3", "2-2"}});
}

TEST_CASE("크기 제한 없음(숨김): maxsize 0 이면 생산자는 기다리지 않고 물건이 쌓인다") {
    const std::vector<Producer> producers = {{4, 0.25}};
    // The queue holds three at 1.0 s (a bounded queue of 2 would have made the producer wait).
    check_pipeline(run_virtual(run_pipeline(0, producers, {1.0})), producers, 1,
                   {R"(
[  0.000] 대기열 크기 0: 생산자 1명, 소비자 1명
[  0.000] 
[  0.250] 생산자 1: 물건 1-1 넣음
[  0.250] 소비자 1: 물건 1-1 꺼냄
[  0.500] 생산자 1: 물건 1-2 넣음
[  0.750] 생산자 1: 물건 1-3 넣음
[  1.000] 생산자 1: 물건 1-4 넣음
[  1.000] 생산자 1: 다 만들었습니다
[  1.250] 소비자 1: 물건 1-1 처리 완료
[  1.250] 소비자 1: 물건 1-2 꺼냄
[  2.250] 소비자 1: 물건 1-2 처리 완료
[  2.250] 소비자 1: 물건 1-3 꺼냄
[  3.250] 소비자 1: 물건 1-3 처리 완료
[  3.250] 소비자 1: 물건 1-4 꺼냄
[  4.250] 소비자 1: 물건 1-4 처리 완료
[  4.250] 
[  4.250] 모든 물건 4개 처리 완료: 4.25초
)", 4.25, 3, 1, {"1-1", "1-2", "1-3", "1-4"}});
}

namespace {
// consumer on its own, the way the asyncio docs' example drives its workers.
aio::task<std::vector<std::string>> consumer_alone() {
    aio::Queue<std::string> queue;
    std::vector<std::string> processed;
    for (const char* item : {"가", "나", "다"}) queue.put_nowait(item);
    aio::Task<void> worker = aio::create_task(consumer(7, queue, 0.4, processed));
    co_await queue.join();
    worker.cancel();
    co_await aio::gather_outcomes(std::move(worker));
    co_return processed;
}
}  // namespace

TEST_CASE("consumer(숨김): 물건마다 task_done 을 불러 join 을 깨우고 취소되면 멈춘다") {
    auto r = run_virtual(consumer_alone());
    AIO_CHECK(printed_exactly(r, traced(R"(
[  0.000] 소비자 7: 물건 가 꺼냄
[  0.400] 소비자 7: 물건 가 처리 완료
[  0.400] 소비자 7: 물건 나 꺼냄
[  0.800] 소비자 7: 물건 나 처리 완료
[  0.800] 소비자 7: 물건 다 꺼냄
[  1.200] 소비자 7: 물건 다 처리 완료
)")));
    AIO_CHECK(took(r, 1.2));
    AIO_CHECK(returned(r, {"가", "나", "다"}));
    AIO_CHECK(consumers_cancelled(r, 1, 1.2));
    AIO_CHECK(finished_cleanly(r));
}
