// control: honest but wrong ex03 - prints the line, returns a hard-coded "완료"
#include "api.hpp"
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    aio::print("비동기 함수입니다!");
    co_return "완료";
}
