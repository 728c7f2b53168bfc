// ATTACK a35 (written against the runtime seal, not for it): sequential exercise 02 that turns
// virtual time back through the event loop's own stepping function, which the seal leaves
// unguarded because the loop calls it. It must score no more than the honest sequential c02.
#include "api.hpp"

#include <algorithm>
#include <optional>
#include <string>

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

namespace aio::clock::detail {
void advance_loop_time(double seconds);
}

aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds, double toast_seconds) {
    const double start = aio::loop_time();
    std::string coffee = co_await make_coffee(brew_seconds);
    aio::clock::detail::advance_loop_time(-brew_seconds);  // back to the start
    std::string toast = co_await make_toast(toast_seconds);
    const double total = std::max(brew_seconds, toast_seconds);
    aio::clock::detail::advance_loop_time(start + total - aio::loop_time());
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", total);
    co_return std::vector<std::string>{coffee, toast};
}
