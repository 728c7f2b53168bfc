// aio::input() on the REAL clock: a background thread reads stdin while the loop keeps running.
// The ctest pipes "alpha", waits 0.3 s, pipes "beta" and closes the pipe (real_stdin.cmake), so:
// alpha is there at once, the ticker started then ends its 0.05 s sleep while the second
// input() is still waiting, beta follows, and the third input() raises EofError. The terminal
// already shows the prompts and what was typed, so only the prompts and the prints reach stdout;
// the trace keeps "prompt + line" in order, which the program prints at the end.
#include <aio/aio.hpp>

namespace {

aio::task<> ticker() {
    co_await aio::sleep(0.05);
    aio::print("tick after 0.05 s");
}

aio::task<> reader() {
    const std::string first = co_await aio::input("first: ");
    auto tick = aio::create_task(ticker());
    const std::string second = co_await aio::input("second: ");
    try {
        co_await aio::input("third: ");
        aio::print("no EofError");
    } catch (const aio::EofError&) {
        aio::print("EofError");
    }
    co_await tick;
    aio::print("read '{}' and '{}'", first, second);
}

}  // namespace

// Through program_main like a chapter program (real clock unless --virtual), so the same binary
// also checks that --seed rejects a non-integer.
int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] {
        aio::run(reader());
        std::string lines;
        for (const auto& line : aio::trace::current().lines) lines += "trace: " + line.text + "\n";
        std::fputs(lines.c_str(), stdout);
    });
}
