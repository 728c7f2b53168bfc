// ATTACK a13: an honest-but-wrong sequential exercise 02 that only uses the runtime's public
// clock mutator: after the coffee is done, aio::clock::reset() turns virtual time back to the
// start so the toast "starts at 0 s" too, and at the end reset() jumps to the end time of a
// concurrent run. No const_cast. It must not score more than control c02 (the same code
// without the resets).
#include "api.hpp"

#include <algorithm>

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
    std::string coffee = co_await make_coffee(brew_seconds);
    aio::clock::reset(start_time);  // back in time: the toast starts "together" with the coffee
    std::string toast = co_await make_toast(toast_seconds);
    const double total = std::max(brew_seconds, toast_seconds);
    aio::clock::reset(start_time + total);
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", total);
    co_return std::vector<std::string>{coffee, toast};
}
