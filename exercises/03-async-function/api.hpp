#pragma once
#include <aio/aio.hpp>
#include <string>

// async 함수(코루틴) 하나를 aio::run 으로 실행합니다 (챕터: async_function.py).

// "비동기 함수입니다!" 를 출력하고 result 를 돌려주는 코루틴입니다 (챕터에서는 "완료").
// hello_async() 를 부르기만 하면 아무것도 실행되지 않습니다: aio::run(hello_async()) 이 실행합니다.
aio::task<std::string> hello_async(std::string result = "완료");
