#include "api.hpp"

aio::task<std::string> hello_async(std::string result) {
    aio::print("비동기 함수입니다!");
    co_return result;
}
