#include <algorithm>

#include "api.hpp"

aio::task<double> random_wait(int number, double min_seconds, double max_seconds) {
    double delay = aio::random::uniform(min_seconds, max_seconds);
    aio::print("작업 {} 시작: {:.2f}초 기다립니다...", number, delay);
    co_await aio::sleep(delay);
    aio::print("작업 {} 완료! ({:.2f}초)", number, delay);
    co_return delay;
}

aio::task<std::vector<double>> run_random_waits(std::int64_t seed, int count, double min_seconds,
                                                double max_seconds) {
    aio::random::seed(seed);
    aio::print("작업 {}개를 동시에 시작합니다.", count);
    double start_time = aio::loop_time();

    // Every wait becomes a task of its own inside gather, so all of them sleep at the same time.
    std::vector<aio::task<double>> waits;
    for (int number = 1; number <= count; ++number) waits.push_back(random_wait(number, min_seconds, max_seconds));
    std::vector<double> delays = co_await aio::gather(std::move(waits));

    double elapsed = aio::loop_time() - start_time;
    aio::print("가장 긴 대기 시간: {:.2f}초", *std::max_element(delays.begin(), delays.end()));
    aio::print("총 소요 시간: {:.2f}초", elapsed);
    co_return delays;
}
