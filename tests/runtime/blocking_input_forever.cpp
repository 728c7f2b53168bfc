// Issue 14: a coroutine that reads stdin in a loop and swallows every error. On the virtual clock
// each read throws BlockingInputError without reading, and the loop never yields, so the runtime
// ends the process with exit code 86 (check_exit_code.cmake) instead of waiting for a terminal:
//   (no argument)  std::getline: the stream stays bad after the first error, so the watchdog the
//                  first blocking read armed ends it (3 s of real time)
//   scanf          every scanf reaches the runtime: it ends on the 101st
#include <cstdio>
#include <iostream>
#include <string>

#include <aio/aio.hpp>

namespace {
aio::task<> stubborn_reader(bool use_scanf) {
    aio::print("stubborn_reader starts");
    std::string line;
    char word[32];
    while (true) {
        try {
            if (use_scanf) (void)std::scanf("%31s", word);
            else std::getline(std::cin, line);
        } catch (...) {
        }
    }
    co_return;
}
}  // namespace

int main(int argc, char** argv) {
    aio::clock::set_mode(aio::clock::Mode::virtual_time);
    aio::run(stubborn_reader(argc > 1 && std::string(argv[1]) == "scanf"));
    return 0;  // unreachable when the guard works
}
