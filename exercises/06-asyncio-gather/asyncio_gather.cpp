// 연습 06: 순차 실행과 동시 실행 비교하기 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
#include "api.hpp"

// 이름이 붙은 작업 하나: delay 초가 걸립니다.
aio::task<std::string> task_with_delay([[maybe_unused]] std::string name, [[maybe_unused]] double delay) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "{name} 작업 시작" 을 aio::print 로 출력하세요.
    // TODO 2: delay 초 동안 co_await aio::sleep(delay); 로 기다리세요.
    // TODO 3: "{name} 작업 완료" 를 출력하고 "{name} 결과" 를 co_return 하세요.
    co_return std::string{};
}

// 세 작업을 하나씩 차례로: 앞의 작업이 끝나야 다음 작업이 시작됩니다.
aio::task<std::vector<std::string>> run_tasks_sequentially([[maybe_unused]] double delay1,
                                                           [[maybe_unused]] double delay2,
                                                           [[maybe_unused]] double delay3) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: double start_time = aio::loop_time(); 으로 시작 시각을 재세요.
    // TODO 2: task_with_delay("작업1", delay1), ("작업2", delay2), ("작업3", delay3) 를
    //         하나씩 co_await 해서 결과 세 개를 받으세요.
    // TODO 3: "순차 실행 완료: {:.1f}초" 를 (끝난 시각 - 시작 시각) 으로 출력하세요.
    // TODO 4: {결과1, 결과2, 결과3} 을 co_return 하세요.
    co_return std::vector<std::string>{};
}

// 같은 세 작업을 한꺼번에: 모두 같은 시각에 시작합니다.
aio::task<std::vector<std::string>> run_tasks_concurrently([[maybe_unused]] double delay1,
                                                           [[maybe_unused]] double delay2,
                                                           [[maybe_unused]] double delay3) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: 시작 시각을 재세요.
    // TODO 2: auto [result1, result2, result3] = co_await aio::gather(task_with_delay(...), ..., ...);
    //         (여기서도 하나씩 co_await 하면 순차 실행과 똑같아집니다!)
    // TODO 3: "동시 실행 완료: {:.1f}초" 를 출력하세요.
    // TODO 4: gather 가 준 순서(인자 순서) 그대로 {result1, result2, result3} 을 co_return 하세요.
    //         먼저 끝난 작업부터 모으면 안 됩니다.
    co_return std::vector<std::string>{};
}

// 두 방식을 차례로 실행해 비교합니다.
aio::task<void> async_main([[maybe_unused]] double delay1, [[maybe_unused]] double delay2,
                           [[maybe_unused]] double delay3) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "=== 순차 실행 ===" 을 출력하고 run_tasks_sequentially(delay1, delay2, delay3) 를 co_await 하세요.
    // TODO 2: "\n=== 동시 실행 ===" 을 출력하고 (빈 줄 하나 + 제목) run_tasks_concurrently(...) 를 co_await 하세요.
    co_return;
}
