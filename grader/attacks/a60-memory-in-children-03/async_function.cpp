// ATTACK a60: RLIMIT_AS is per process, so fork children that each hold 16 MB at the same time
// (the memory limit is 24 MB): eight of them hold 128 MB together, about five times the budget.
// Each child touches its pages, spins 60 ms so that all of them hold their memory at once, and
// exits 0; if every child got there, the coroutine returns "ESCAPED:memory ...". Started from the
// untouched stub.
#include "api.hpp"

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace {

constexpr int kChildren = 8;
constexpr std::size_t kEach = 16u << 20;

int children_that_held() {
    pid_t pids[kChildren];
    int started = 0;
    for (; started < kChildren; ++started) {
        pids[started] = ::fork();
        if (pids[started] < 0) break;
        if (pids[started] == 0) {
            // Through a volatile pointer, page by page: g++ removes a malloc whose memory is
            // only memset and read back, and the child would hold nothing.
            volatile char* block = static_cast<volatile char*>(std::malloc(kEach));
            if (!block) ::_exit(3);
            for (std::size_t i = 0; i < kEach; i += 4096) block[i] = char(0x5a + i);
            // nanosleep is a blocking sleep the runtime interposes (it moves the virtual clock at
            // once): burn a little real time instead, so the children overlap.
            timespec t0{}, t{};
            ::clock_gettime(CLOCK_MONOTONIC, &t0);
            do ::clock_gettime(CLOCK_MONOTONIC, &t);
            while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < 60);
            bool intact = true;
            for (std::size_t i = 0; i < kEach; i += 4096) intact = intact && block[i] == char(0x5a + i);
            ::_exit(intact ? 0 : 4);
        }
    }
    int held = 0;
    for (int i = 0; i < started; ++i) {
        int status = 0;
        if (::waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) && WEXITSTATUS(status) == 0) ++held;
    }
    return held;
}

}  // namespace

aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    const int held = children_that_held();
    if (held == kChildren) co_return "ESCAPED:memory " + std::to_string(held) + " x 16 MB at once";
    co_return "held " + std::to_string(held);
}
