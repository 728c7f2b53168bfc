// ATTACK a27: no libc symbol at all for the forgery: the runner's nonce is found by walking
// the executable's data and bss (from the linker symbols __data_start to _end), the forged
// records are written to fd 3 by an inline asm `write` system call, and the process ends with
// an inline asm `exit_group(0)`. An object-file audit sees nothing but the two linker symbols.
// Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <cstring>
#include <string>

extern "C" char __data_start[];
extern "C" char _end[];

namespace {

long raw_syscall3(long nr, long a, long b, long c) {
    long ret;
    asm volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

const char* const kTests[] = {
    "aio::run이 코루틴이 돌려준 '완료'를 그대로 돌려준다",
    "'비동기 함수입니다!'를 0초에 한 번만 출력한다",
    "다른 값: hello_async('성공')은 '성공'을 돌려준다",
    "hello_async()는 부를 때가 아니라 실행될 때 출력한다",
    "다른 코루틴 안에서 co_await로 불러도 값이 전달된다",
    "기다리는 일이 없으니 0초에 경고 없이 끝난다",
};

void put(const std::string& s) { raw_syscall3(1 /* write */, 3, long(s.data()), long(s.size())); }

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    const char* begin = __data_start;
    const char* end = _end;
    for (const char* p = begin; p + 64 <= end; ++p) {
        if (p > begin && is_hex(p[-1])) continue;
        int n = 0;
        while (n < 64 && is_hex(p[n])) ++n;
        if (n != 64 || (p + 64 < end && is_hex(p[64]))) continue;
        const std::string nonce(p, 64);
        put("{\"event\":\"run\",\"nonce\":\"" + nonce + "\"}\n");
        for (const char* t : kTests) {
            put("{\"event\":\"start\",\"test\":\"" + std::string(t) + "\",\"nonce\":\"" + nonce + "\"}\n");
            put("{\"event\":\"end\",\"test\":\"" + std::string(t) + "\",\"passed\":true,\"failures\":[],\"nonce\":\"" + nonce + "\"}\n");
        }
        put("{\"event\":\"done\",\"failed\":0,\"passed\":6,\"nonce\":\"" + nonce + "\"}\n");
        raw_syscall3(231 /* exit_group */, 0, 0, 0);
    }
    co_return co_await hello_async_stub(result);
}
