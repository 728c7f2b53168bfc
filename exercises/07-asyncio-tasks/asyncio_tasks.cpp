// 연습 07: create_task 로 백그라운드 작업 돌리기 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
#include "api.hpp"

// 백그라운드에서 돌릴 작업 하나: duration 초가 걸립니다.
aio::task<std::string> background_task([[maybe_unused]] std::string name, [[maybe_unused]] double duration) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "{name} 백그라운드 작업 시작" 을 aio::print 로 출력하세요.
    // TODO 2: duration 초 동안 co_await aio::sleep(duration); 으로 기다리세요.
    // TODO 3: "{name} 백그라운드 작업 완료" 를 출력하고 "{name} 완료" 를 co_return 하세요.
    co_return std::string{};
}

// 백그라운드 작업 두 개를 먼저 시작해 두고, 그동안 메인 작업을 합니다.
aio::task<void> async_main([[maybe_unused]] double cleanup_seconds, [[maybe_unused]] double compress_seconds,
                           [[maybe_unused]] double work_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "메인 작업 시작" 을 출력하세요.
    // TODO 2: 두 작업을 *먼저* 시작해 두세요. create_task 는 작업을 이벤트 루프에 맡기고 바로 돌아옵니다.
    //         aio::Task<std::string> task1 = aio::create_task(background_task("데이터베이스 정리", cleanup_seconds));
    //         aio::Task<std::string> task2 = aio::create_task(background_task("로그 파일 압축", compress_seconds));
    //         (co_await background_task(...) 로 바로 기다리면 그 작업이 끝날 때까지 메인이 멈춥니다!)
    // TODO 3: "다른 중요한 작업을 처리합니다..." 를 출력하고 work_seconds 초 기다린 뒤 "중요한 작업 완료!" 를 출력하세요.
    // TODO 4: std::string result1 = co_await task1; 처럼 두 작업을 task1, task2 순서로 기다려 결과를 받으세요.
    //         기다리지 않고 끝내면 작업이 도중에 취소됩니다.
    // TODO 5: "모든 작업 완료: {result1}, {result2}" 를 출력하세요.
    co_return;
}
