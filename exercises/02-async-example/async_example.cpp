// 연습 02: 커피와 토스트를 동시에 준비하기 (aio::gather)
// 이 파일만 고치면 됩니다. 함수의 모양은 api.hpp 에 있고, 바꾸면 안 됩니다.
#include "api.hpp"

// 커피를 끓이는 코루틴.
aio::task<std::string> make_coffee([[maybe_unused]] double brew_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "커피를 끓이기 시작합니다..." 를 출력하세요.   예) aio::print("...");
    // TODO 2: brew_seconds 초 동안 기다리세요. 이벤트 루프를 멈추지 않도록
    //         std::this_thread::sleep_for 가 아니라 co_await aio::sleep(brew_seconds); 를 씁니다.
    // TODO 3: "커피가 완성되었습니다!" 를 출력하고 "커피" 를 돌려주세요 (co_return).
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

// 토스트를 굽는 코루틴. make_coffee 와 같은 모양입니다.
aio::task<std::string> make_toast([[maybe_unused]] double toast_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "토스트를 굽기 시작합니다..." 를 출력하세요.
    // TODO 2: toast_seconds 초 동안 co_await aio::sleep 으로 기다리세요.
    // TODO 3: "토스트가 완성되었습니다!" 를 출력하고 "토스트" 를 돌려주세요.
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

// 두 코루틴을 동시에 실행하고, 걸린 시간을 출력합니다.
aio::task<std::vector<std::string>> prepare_breakfast([[maybe_unused]] double brew_seconds,
                                                      [[maybe_unused]] double toast_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: 시작 시각을 재세요.   double start_time = aio::loop_time();
    // TODO 2: make_coffee(brew_seconds) 와 make_toast(toast_seconds) 를 aio::gather 로 한꺼번에 기다리세요.
    //         auto [coffee, toast] = co_await aio::gather(...);
    //         (co_await make_coffee(...); co_await make_toast(...); 처럼 하나씩 기다리면 차례로 실행됩니다!)
    // TODO 3: 끝난 시각을 재서 "아침식사 준비 완료! 총 {:.1f}초 걸렸습니다." 를 출력하세요.
    // TODO 4: {coffee, toast} 를 돌려주세요 (gather 에 넘긴 순서 그대로).
    co_return std::vector<std::string>{};  // TODO: 지우고 위 내용을 작성하세요
}
