#include "api.hpp"

aio::task<std::string> make_coffee(double brew_seconds) {
    aio::print("커피를 끓이기 시작합니다...");
    co_await aio::sleep(brew_seconds);
    aio::print("커피가 완성되었습니다!");
    co_return "커피";
}

aio::task<std::string> make_toast(double toast_seconds) {
    aio::print("토스트를 굽기 시작합니다...");
    co_await aio::sleep(toast_seconds);
    aio::print("토스트가 완성되었습니다!");
    co_return "토스트";
}

aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds, double toast_seconds) {
    double start_time = aio::loop_time();
    auto [coffee, toast] = co_await aio::gather(make_coffee(brew_seconds), make_toast(toast_seconds));
    double end_time = aio::loop_time();
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", end_time - start_time);
    co_return std::vector<std::string>{coffee, toast};
}
