// ATTACK a36: sequential exercise 02 that first breaks the seal (aio::detail::set_sealed(false))
// and then uses the public clock mutator, which the seal would otherwise stop.
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

namespace aio::detail {
void set_sealed(bool sealed);
}

aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds, double toast_seconds) {
    const double start = aio::loop_time();
    std::string coffee = co_await make_coffee(brew_seconds);
    aio::detail::set_sealed(false);
    aio::clock::reset(start);
    std::string toast = co_await make_toast(toast_seconds);
    const double total = std::max(brew_seconds, toast_seconds);
    aio::clock::reset(start + total);
    aio::detail::set_sealed(true);
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", total);
    co_return std::vector<std::string>{coffee, toast};
}
