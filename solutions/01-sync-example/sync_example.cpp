#include <aio/aio.hpp>

#include <chrono>
#include <thread>

#include "api.hpp"

namespace {
// time.sleep(seconds): blocks the whole thread.
void sleep_seconds(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }
}  // namespace

std::string make_coffee(double brew_seconds) {
    aio::print("커피를 끓이기 시작합니다...");
    sleep_seconds(brew_seconds);
    aio::print("커피가 완성되었습니다!");
    return "커피";
}

std::string make_toast(double toast_seconds) {
    aio::print("토스트를 굽기 시작합니다...");
    sleep_seconds(toast_seconds);
    aio::print("토스트가 완성되었습니다!");
    return "토스트";
}

std::vector<std::string> prepare_breakfast(double brew_seconds, double toast_seconds) {
    auto start_time = std::chrono::steady_clock::now();

    std::string coffee = make_coffee(brew_seconds);
    std::string toast = make_toast(toast_seconds);

    auto end_time = std::chrono::steady_clock::now();
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.",
               std::chrono::duration<double>(end_time - start_time).count());
    return {coffee, toast};
}
