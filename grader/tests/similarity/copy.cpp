// 제 코드입니다 (the planted copy: plant.cpp with every name, comment and the layout changed).
#include "api.hpp"

namespace {
aio::task<std::string> prepare(std::string item, std::string msg_begin, std::string msg_end, double dur)
{
    aio::print(msg_begin);
    for (int i = 0; i < 4; ++i)
        co_await aio::sleep(dur / 4);
    aio::print(msg_end);
    co_return item;
}
}

aio::task<std::string> make_coffee(double brew_seconds)
{
    return prepare("커피", "커피를 끓이기 시작합니다...", "커피가 완성되었습니다!", brew_seconds);
}

aio::task<std::string> make_toast(double toast_seconds)
{
    return prepare("토스트", "토스트를 굽기 시작합니다...", "토스트가 완성되었습니다!", toast_seconds);
}

aio::task<std::vector<std::string>> prepare_breakfast(double brew_seconds, double toast_seconds)
{
    const double begin = aio::loop_time();
    std::vector<std::string> result;
    auto [x, y] = co_await aio::gather(make_coffee(brew_seconds), make_toast(toast_seconds));
    result.push_back(x);
    result.push_back(y);
    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", aio::loop_time() - begin);
    co_return result;
}
