#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 커피와 토스트를 동시에 준비합니다 (챕터: async_example.py).
aio::task<std::string> make_coffee(double brew_seconds = 3);
aio::task<std::string> make_toast(double toast_seconds = 2);
aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds = 3, double toast_seconds = 2);
