// ATTACK a11: an honest-but-wrong sequential exercise 02 (coffee, then toast: 5 s) that edits
// the runtime's trace afterwards: const_cast on aio::trace::current() moves the toast lines and
// the coffee's end line to the times a gather would have printed them and sorts the lines, and
// aio::clock::reset() sets the clock to the end time of a concurrent run before the summary is
// printed. It must not score more than the same code without the tampering (control c02).
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
    std::string toast = co_await make_toast(toast_seconds);

    // The tampering: rewrite what the trace says happened.
    auto& trace = const_cast<aio::trace::Trace&>(aio::trace::current());
    for (auto& line : trace.lines) {
        if (line.text == "토스트를 굽기 시작합니다...") line.time = start_time;
        else if (line.text == "토스트가 완성되었습니다!") line.time = start_time + toast_seconds;
        else if (line.text == "커피가 완성되었습니다!") line.time = start_time + brew_seconds;
    }
    std::stable_sort(trace.lines.begin(), trace.lines.end(),
                     [](const aio::trace::Line& a, const aio::trace::Line& b) { return a.time < b.time; });
    const double total = std::max(brew_seconds, toast_seconds);
    aio::clock::reset(start_time + total);

    aio::print("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", total);
    co_return std::vector<std::string>{coffee, toast};
}
