// 연습 01: 커피를 다 끓인 다음에 토스트 굽기 (동기 프로그램)
// 이 파일만 고치면 됩니다. 함수의 모양은 api.hpp 에 있고, 바꾸면 안 됩니다.
// 이 연습은 코루틴을 쓰지 않습니다: 평범한 함수가 기다리는 동안 프로그램 전체가 멈춥니다.
#include <aio/aio.hpp>

#include <chrono>
#include <thread>

#include "api.hpp"

std::string make_coffee([[maybe_unused]] double brew_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "커피를 끓이기 시작합니다..." 를 출력하세요.   예) aio::print("...");
    // TODO 2: brew_seconds 초 동안 멈춰 있으세요 (파이썬의 time.sleep).
    //         std::this_thread::sleep_for(std::chrono::duration<double>(brew_seconds));
    // TODO 3: "커피가 완성되었습니다!" 를 출력하고 "커피" 를 돌려주세요.
    return "";  // TODO: 지우고 위 내용을 작성하세요
}

std::string make_toast([[maybe_unused]] double toast_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "토스트를 굽기 시작합니다..." 를 출력하세요.
    // TODO 2: toast_seconds 초 동안 멈춰 있으세요.
    // TODO 3: "토스트가 완성되었습니다!" 를 출력하고 "토스트" 를 돌려주세요.
    return "";  // TODO: 지우고 위 내용을 작성하세요
}

std::vector<std::string> prepare_breakfast([[maybe_unused]] double brew_seconds,
                                           [[maybe_unused]] double toast_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: 시작 시각을 재세요.   auto start_time = std::chrono::steady_clock::now();
    // TODO 2: make_coffee(brew_seconds) 를 부른 다음 make_toast(toast_seconds) 를 부르세요.
    // TODO 3: 끝난 시각을 재서 걸린 시간(초)을 구하고
    //         "아침식사 준비 완료! 총 {:.1f}초 걸렸습니다." 를 출력하세요.
    //         걸린 초: std::chrono::duration<double>(end_time - start_time).count()
    // TODO 4: {coffee, toast} 를 돌려주세요.
    return {};  // TODO: 지우고 위 내용을 작성하세요
}
