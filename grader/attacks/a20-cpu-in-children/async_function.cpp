// ATTACK a20: burn CPU in short-lived forked children, one after the other (each spins ~15 ms
// of CPU time and exits), so that a watcher sampling only live processes never sees much.
// Bounded: at most 200 children, and it stops once the children used 1.2 s of CPU in total
// (about 5 times the test's 0.25 s limit). If it got that far, the coroutine returns
// "ESCAPED:cpu ...". Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <string>

namespace {

double children_cpu() {
    rusage u{};
    ::getrusage(RUSAGE_CHILDREN, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double burn_in_children() {
    for (int i = 0; i < 200 && children_cpu() < 1.2; ++i) {
        pid_t pid = ::fork();
        if (pid < 0) break;
        if (pid == 0) {
            timespec t0{}, t{};
            ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
            volatile unsigned long sink = 0;
            do {
                for (int k = 0; k < 100000; ++k) sink = sink + k;
                ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
            } while ((t.tv_sec - t0.tv_sec) * 1e3 + (t.tv_nsec - t0.tv_nsec) / 1e6 < 15.0);
            ::_exit(0);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    return children_cpu();
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const double used = burn_in_children();
    if (used >= 1.2) co_return "ESCAPED:cpu " + std::to_string(used) + " s of CPU used in children";
    co_return co_await hello_async_stub(result);
}
