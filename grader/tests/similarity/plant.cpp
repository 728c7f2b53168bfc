// A solution unlike the reference one: a helper does the printing and waiting for both dishes.
#include "api.hpp"

namespace {
aio::task<std::string> cook(std::string what, std::string start, std::string done, double seconds) {
    aio::print(start);
    for (int step = 0; step < 4; ++step) co_await aio::sleep(seconds / 4);
    aio::print(done);
    co_return what;
}
}  // namespace

aio::task<std::string> make_coffee(double brew_seconds) {
    return cook("커피", "커피를 끓이기 시작합니다...", "커피가 완성되었습니다!", brew_seconds);
}

aio::task<std::string> make_toast(double toast_seconds) {
    return cook("토스트", "토스트를 굽기 시작합니다...", "토스트가 완성되었습니다!", toast_seconds);
}

aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds, double toast_seconds) {
    const double t0 = aio::loop_time();
    std::vector<std::string> dishes;
    auto [c, t] = co_await aio::gather(make_coffee(brew_seconds), make_toast(toast_seconds));
    dishes.push_back(c);
    dishes.push_back(t);
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", aio::loop_time() - t0);
    co_return dishes;
}
