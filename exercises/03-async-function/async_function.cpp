// 연습 03: 값을 돌려주는 첫 코루틴
// 이 파일만 고치면 됩니다. 함수의 모양은 api.hpp 에 있고, 바꾸면 안 됩니다.
#include "api.hpp"

// 반환형이 aio::task<std::string> 이고 본문에 co_return 이 있으면 코루틴입니다.
// 코루틴은 부르는 순간이 아니라 aio::run(...) 이나 co_await 로 실행될 때 본문이 실행됩니다.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "비동기 함수입니다!" 를 출력하세요.   예) aio::print("...");
    // TODO 2: 매개변수 result 를 돌려주세요 (co_return result;). "완료" 를 직접 쓰면 안 됩니다:
    //         main.cpp 가 hello_async() 를 부르면 기본값 "완료" 가 result 로 들어옵니다.
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}
