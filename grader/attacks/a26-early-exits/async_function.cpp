// ATTACK a26 (exercise 03): std::quick_exit(0) in the first test that calls the student's code:
// exit status 0, no atexit handlers, Catch2 never writes its summary. Otherwise the stub.
#include "api.hpp"

#include <cstdlib>

aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    std::quick_exit(0);
    co_return "";
}
