#include "api.hpp"
#include <algorithm>
#define POKE(dt) ((void)0)
aio::task<std::string> make_coffee(double b) { aio::print("커피를 끓이기 시작합니다..."); POKE(b); aio::print("커피가 완성되었습니다!"); co_return "커피"; }
aio::task<std::string> make_toast(double t) { aio::print("토스트를 굽기 시작합니다..."); POKE(t); aio::print("토스트가 완성되었습니다!"); co_return "토스트"; }
aio::task<std::vector<std::string>> prepare_breakfast(double b, double t) {
    double start = aio::loop_time();
    aio::print("커피를 끓이기 시작합니다...");
    aio::print("토스트를 굽기 시작합니다...");
    if (b <= t) { POKE(b); aio::print("커피가 완성되었습니다!"); POKE(t - b); aio::print("토스트가 완성되었습니다!"); }
    else        { POKE(t); aio::print("토스트가 완성되었습니다!"); POKE(b - t); aio::print("커피가 완성되었습니다!"); }
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", aio::loop_time() - start);
    co_return std::vector<std::string>{"커피", "토스트"};
}
