// 연습 04: await 는 결과가 올 때까지 그 자리에서 기다린다
// 이 파일만 고치면 됩니다. 함수의 모양은 api.hpp 에 있고, 바꾸면 안 됩니다.
#include "api.hpp"

// 시간이 오래 걸리는 작업.
aio::task<std::string> slow_operation([[maybe_unused]] double seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "시간이 오래 걸리는 작업을 시작합니다..." 를 출력하세요.
    // TODO 2: seconds 초 동안 기다리세요: co_await aio::sleep(seconds);
    //         (std::this_thread::sleep_for 는 이벤트 루프 전체를 멈추게 하므로 쓰면 안 됩니다.)
    // TODO 3: "작업이 완료되었습니다!" 를 출력하고 "결과" 를 돌려주세요.
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

// 파이썬의 main() 코루틴.
aio::task<void> async_main([[maybe_unused]] double seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "메인 함수 시작" 을 출력하세요.
    // TODO 2: slow_operation(seconds) 의 결과를 co_await 로 받으세요.
    //         std::string result = co_await slow_operation(seconds);
    //         결과가 올 때까지 async_main 은 이 줄에서 멈춰 있습니다.
    // TODO 3: "받은 결과: {}" (result) 와 "메인 함수 종료" 를 차례로 출력하세요.
    co_return;  // TODO: 지우고 위 내용을 작성하세요
}
