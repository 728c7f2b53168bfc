#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 연습문제 4: 같은 작업들을 동기적으로 실행했을 때와 비동기적으로 실행했을 때의 시간을 재어 비교합니다.

// 작업 하나: 이름과 걸리는 시간(초).
struct Job {
    std::string name;
    double seconds;
};

// 문제의 기본 작업 세 개: API 요청 2초, 파일 읽기 3초, 데이터베이스 조회 1초.
inline std::vector<Job> sample_jobs() { return {{"API 요청", 2}, {"파일 읽기", 3}, {"데이터베이스 조회", 1}}; }

// 잰 시간 두 개 (초).
struct Timing {
    double sync_seconds;
    double async_seconds;
};

// 동기 버전 (평범한 함수): 작업마다 "{name} 시작 ({seconds:.1f}초)" 를 출력하고
// std::this_thread::sleep_for 로 seconds 초 동안 멈춰 있다가 "{name} 완료" 를 출력합니다.
// 작업들을 차례로 모두 실행하고 "동기 실행: {걸린 시간:.1f}초" 를 출력한 뒤 걸린 시간을 돌려줍니다.
// 시간은 std::chrono::steady_clock 으로 잽니다 (--virtual 에서는 가상 시계를 따릅니다).
double run_sync(const std::vector<Job>& jobs);

// 비동기 버전 (코루틴): 작업마다 같은 두 줄을 출력하되 co_await aio::sleep 으로 기다리고, 작업들을
// aio::gather 로 동시에 실행합니다. "비동기 실행: {걸린 시간:.1f}초" 를 출력하고 걸린 시간을 돌려줍니다.
// 시간은 마찬가지로 std::chrono::steady_clock 으로 잽니다.
aio::task<double> run_async(std::vector<Job> jobs);

// "=== 동기 실행 ===" 을 출력하고 run_sync(jobs) 를 실행합니다. 빈 줄과 "=== 비동기 실행 ===" 을
// 출력하고 aio::run(run_async(jobs)) 를 실행합니다. 빈 줄, "=== 비교 ===",
// "동기 {sync:.1f}초, 비동기 {async:.1f}초: 비동기가 {sync - async:.1f}초 빨랐습니다." 를 출력하고
// 두 시간을 돌려줍니다.
Timing compare(const std::vector<Job>& jobs = sample_jobs());
