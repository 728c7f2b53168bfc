#include "api.hpp"

// 실수: 커피는 토스트를, 토스트는 커피를 기다리게 만들었다. 서로를 기다리니 아무도 끝나지 않는다.
namespace {
aio::Task<std::string>* g_coffee = nullptr;
aio::Task<std::string>* g_toast = nullptr;
}  // namespace

aio::task<std::string> make_coffee(double brew_seconds) {
    aio::print("커피를 끓이기 시작합니다...");
    co_await aio::sleep(brew_seconds);
    if (g_toast) co_await *g_toast;  // 토스트가 다 되면 커피를 마저 끓이자?
    aio::print("커피가 완성되었습니다!");
    co_return "커피";
}

aio::task<std::string> make_toast(double toast_seconds) {
    aio::print("토스트를 굽기 시작합니다...");
    co_await aio::sleep(toast_seconds);
    if (g_coffee) co_await *g_coffee;  // 커피가 다 되면 토스트를 마저 굽자?
    aio::print("토스트가 완성되었습니다!");
    co_return "토스트";
}

aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds, double toast_seconds) {
    struct Forget {
        ~Forget() { g_coffee = g_toast = nullptr; }
    } forget;
    double start_time = aio::loop_time();
    aio::Task<std::string> coffee = aio::create_task(make_coffee(brew_seconds));
    aio::Task<std::string> toast = aio::create_task(make_toast(toast_seconds));
    g_coffee = &coffee;
    g_toast = &toast;
    std::string c = co_await coffee;
    std::string t = co_await toast;
    double end_time = aio::loop_time();
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", end_time - start_time);
    co_return std::vector<std::string>{c, t};
}
