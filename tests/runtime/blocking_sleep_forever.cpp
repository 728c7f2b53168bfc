// A program that makes the classic mistake: a synchronous `while (true) sleep_for(1s)` inside a
// coroutine. It never yields to the event loop, so only the blocking-sleep guard can stop it:
// past the virtual limit the process must exit with code 86 (check_exit_code.cmake verifies).
#include <chrono>
#include <thread>

#include <aio/aio.hpp>

namespace {
aio::task<> busy_waiter() {
    aio::print("busy_waiter starts");
    while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
    co_return;
}
}  // namespace

int main() {
    aio::clock::set_mode(aio::clock::Mode::virtual_time);
    aio::clock::set_virtual_limit(30);
    aio::run(busy_waiter());
    return 0;  // unreachable when the guard works
}
