// 연습문제 1: 임의 시간 기다리기 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
#include "api.hpp"

aio::task<double> random_wait([[maybe_unused]] int number, [[maybe_unused]] double min_seconds,
                              [[maybe_unused]] double max_seconds) {
    // TODO 1: aio::random::uniform(min_seconds, max_seconds) 로 기다릴 시간 delay 를 정하세요.
    // TODO 2: "작업 {number} 시작: {delay:.2f}초 기다립니다..." 를 aio::print 로 출력하세요.
    // TODO 3: co_await aio::sleep(delay) 로 기다리세요 (std::this_thread::sleep_for 는 안 됩니다!).
    // TODO 4: "작업 {number} 완료! ({delay:.2f}초)" 를 출력하고 delay 를 co_return 하세요.
    co_return 0.0;  // TODO: 지우고 위 내용을 작성하세요
}

aio::task<std::vector<double>> run_random_waits([[maybe_unused]] std::int64_t seed,
                                                [[maybe_unused]] int count,
                                                [[maybe_unused]] double min_seconds,
                                                [[maybe_unused]] double max_seconds) {
    // TODO 1: aio::random::seed(seed) 로 난수를 초기화하세요.
    // TODO 2: "작업 {count}개를 동시에 시작합니다." 를 출력하고 aio::loop_time() 으로 시작 시각을 재세요.
    // TODO 3: random_wait(1) ... random_wait(count) 를 std::vector<aio::task<double>> 에 담아
    //         co_await aio::gather(std::move(작업들)) 로 한꺼번에 기다리세요.
    //         (하나씩 co_await 하면 차례로 실행되어 시간이 모두 더해집니다!)
    // TODO 4: "가장 긴 대기 시간: {:.2f}초" 와 "총 소요 시간: {:.2f}초" 를 출력하고,
    //         gather 가 돌려준 대기 시간들을 co_return 하세요.
    co_return std::vector<double>{};  // TODO: 지우고 위 내용을 작성하세요
}
