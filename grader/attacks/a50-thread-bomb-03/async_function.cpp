// stub + thread bomb: as many std::threads as the process may create, each parked on a condition
// variable forever (no CPU) - should end as a limit, not hang the grader or leave threads behind
#include "api.hpp"
#include <thread>
#include <mutex>
#include <condition_variable>
#include <system_error>
namespace { std::mutex m; std::condition_variable cv; }
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    int made = 0;
    try {
        for (int i = 0; i < 100000; ++i) {
            std::thread([] { std::unique_lock<std::mutex> l(m); cv.wait(l, [] { return false; }); }).detach();
            ++made;
        }
    } catch (const std::system_error&) {
    }
    aio::print("ESCAPED: made {} threads", made);
    co_return "";
}
