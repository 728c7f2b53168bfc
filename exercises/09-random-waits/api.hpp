#pragma once
#include <aio/aio.hpp>
#include <cstdint>
#include <vector>

// 연습문제 1: 1~5초 사이의 임의 시간을 기다리는 비동기 함수를 만들고, 5번 동시에 실행합니다.

// aio::random::uniform(min_seconds, max_seconds) 를 정확히 한 번 뽑아 기다릴 시간 delay 로 정하고
// "작업 {number} 시작: {delay:.2f}초 기다립니다..." 를 출력합니다. delay 초를 (비동기로) 기다린 뒤
// "작업 {number} 완료! ({delay:.2f}초)" 를 출력하고 delay 를 돌려줍니다.
aio::task<double> random_wait(int number, double min_seconds = 1, double max_seconds = 5);

// aio::random::seed(seed) 로 난수를 초기화하고 "작업 {count}개를 동시에 시작합니다." 를 출력한 다음,
// random_wait(1), random_wait(2), ..., random_wait(count) 를 aio::gather 로 동시에 실행합니다.
// 모두 끝나면 "가장 긴 대기 시간: {가장 긴 delay:.2f}초" 와 "총 소요 시간: {걸린 시간:.2f}초" 를
// 출력하고, 각 작업의 delay 를 작업 번호 순서대로 돌려줍니다 (count >= 1).
// 걸린 시간은 aio::loop_time() 으로 잽니다.
aio::task<std::vector<double>> run_random_waits(std::int64_t seed = 1, int count = 5, double min_seconds = 1,
                                                double max_seconds = 5);
