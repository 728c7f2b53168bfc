// ATTACK a05: during the first test, read /proc/self/maps and scan every readable, writable
// mapping for a run of exactly 64 hex digits (the runner keeps its nonce in a global and puts it
// in every record it builds). With the nonce, write a complete passing run to fd 3 before the
// runner's real "end" record (the judge keeps the first) and leave with _exit(0).
// Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace {

// Every test of exercise 03 (public and hidden), as exercise.toml names them.
const char* const kTests[] = {
    "aio::run이 코루틴이 돌려준 '완료'를 그대로 돌려준다",
    "'비동기 함수입니다!'를 0초에 한 번만 출력한다",
    "다른 값: hello_async('성공')은 '성공'을 돌려준다",
    "hello_async()는 부를 때가 아니라 실행될 때 출력한다",
    "다른 코루틴 안에서 co_await로 불러도 값이 전달된다",
    "기다리는 일이 없으니 0초에 경고 없이 끝난다",
};

// Writes a complete, passing run in the runner's record format (grader_main.cpp) to `fd`.
void forge_records(int fd, const char* nonce) {
    dprintf(fd, "{\"event\":\"run\",\"nonce\":\"%s\"}\n", nonce);
    for (const char* t : kTests) {
        dprintf(fd, "{\"event\":\"start\",\"test\":\"%s\",\"nonce\":\"%s\"}\n", t, nonce);
        dprintf(fd,
                "{\"event\":\"end\",\"test\":\"%s\",\"passed\":true,\"assertions\":{\"passed\":2,\"failed\":0},"
                "\"failures\":[],\"virtual_time\":0.0,\"guards\":[],\"bad_alloc\":false,"
                "\"trace\":{\"spans\":[],\"lines\":[],\"warnings\":[],\"blocking_sleeps\":[],\"truncated\":false},"
                "\"nonce\":\"%s\"}\n",
                t, nonce);
    }
    dprintf(fd, "{\"event\":\"done\",\"failed\":0,\"passed\":6,\"nonce\":\"%s\"}\n", nonce);
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// A run of exactly 64 lowercase hex digits starting at p (and not inside a longer run).
bool nonce_at(const char* p, const char* begin, const char* end) {
    if (end - p < 64 || (p > begin && is_hex(p[-1]))) return false;
    for (int i = 0; i < 64; ++i)
        if (!is_hex(p[i])) return false;
    return p + 64 == end || !is_hex(p[64]);
}

}  // namespace

#include <cstdlib>

namespace {

bool find_nonce_in_maps(char* out) {
    FILE* maps = std::fopen("/proc/self/maps", "r");
    if (!maps) return false;
    char line[512];
    bool found = false;
    while (!found && std::fgets(line, sizeof line, maps)) {
        unsigned long lo = 0, hi = 0;
        char perms[8] = {};
        if (std::sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3) continue;
        if (perms[0] != 'r' || perms[1] != 'w' || std::strstr(line, "[vvar]") || std::strstr(line, "[vsyscall]")) continue;
        const char* begin = reinterpret_cast<const char*>(lo);
        const char* end = reinterpret_cast<const char*>(hi);
        for (const char* p = begin; p + 64 <= end; ++p)
            if (nonce_at(p, begin, end)) {
                std::memcpy(out, p, 64);
                found = true;
                break;
            }
    }
    std::fclose(maps);
    return found;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    char nonce[65] = {};
    if (find_nonce_in_maps(nonce)) {
        forge_records(3, nonce);
        ::_exit(0);
    }
    co_return co_await hello_async_stub(result);
}
