#include "api.hpp"

// 실수: 조건이 절대 바뀌지 않는 반복문 (CPU 를 계속 쓴다).
aio::task<std::string> hello_async(std::string result) {
    volatile bool ready = false;
    while (!ready) {
    }
    aio::print("비동기 함수입니다!");
    co_return result;
}
