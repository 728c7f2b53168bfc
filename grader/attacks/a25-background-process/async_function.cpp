// ATTACK a25: a background process that outlives the test: fork, setsid (a new session and
// process group, out of reach of a process-group kill), fork again, rename itself
// "aio-attack-bg" and sleep up to 60 s (bounded). The suite checks afterwards with pgrep that
// no such process survived the grading. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

bool spawn_background() {
    pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
        ::setsid();
        if (::fork() != 0) ::_exit(0);
        ::prctl(PR_SET_NAME, "aio-attack-bg", 0, 0, 0);
        ::prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
        for (int fd = 0; fd < 1024; ++fd) ::close(fd);
        for (int i = 0; i < 60; ++i) ::sleep(1);  // bounded: gone after a minute at most
        ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
    return true;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    [[maybe_unused]] static const bool spawned = spawn_background();
    co_return co_await hello_async_stub(result);
}
