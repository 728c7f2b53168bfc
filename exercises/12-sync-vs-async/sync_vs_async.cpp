// 연습문제 4: 동기 vs 비동기 시간 비교 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
// 도우미 함수(작업 하나를 실행하는 함수 등)는 마음대로 더 만들어도 됩니다.
#include <chrono>
#include <thread>

#include "api.hpp"

double run_sync([[maybe_unused]] const std::vector<Job>& jobs) {
    // TODO 1: auto start = std::chrono::steady_clock::now(); 로 시작 시각을 재세요.
    // TODO 2: 작업마다 "{name} 시작 ({seconds:.1f}초)" 출력 →
    //         std::this_thread::sleep_for(std::chrono::duration<double>(seconds)) → "{name} 완료" 출력.
    // TODO 3: 걸린 시간(초, double)을 구해 "동기 실행: {:.1f}초" 를 출력하고 돌려주세요.
    return 0.0;  // TODO: 지우고 위 내용을 작성하세요
}

aio::task<double> run_async([[maybe_unused]] std::vector<Job> jobs) {
    // TODO 1: 작업 하나를 실행하는 코루틴을 따로 만드세요: 출력은 동기 버전과 같고,
    //         기다릴 때는 co_await aio::sleep(seconds) 를 씁니다 (sleep_for 는 이벤트 루프를 멈춥니다!).
    // TODO 2: steady_clock 으로 시작 시각을 재고, 모든 작업을 aio::gather 로 동시에 기다리세요.
    // TODO 3: "비동기 실행: {:.1f}초" 를 출력하고 걸린 시간을 co_return 하세요.
    co_return 0.0;  // TODO: 지우고 위 내용을 작성하세요
}

Timing compare([[maybe_unused]] const std::vector<Job>& jobs) {
    // TODO: api.hpp 의 설명대로 제목을 출력하며 run_sync(jobs) 와 aio::run(run_async(jobs)) 를 차례로
    //       실행하고, "=== 비교 ===" 아래에 비교 문장을 출력한 뒤 {동기 시간, 비동기 시간} 을 돌려주세요.
    return Timing{0.0, 0.0};  // TODO: 지우고 위 내용을 작성하세요
}
