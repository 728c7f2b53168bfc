// ATTACK a61: no priority, nothing the audit rejects by its section: a global object whose
// constructor reads the 64-hex nonce from fd 4. The grader loads the student's code as a library,
// and a library's initializers run before the program's own constructors, so this constructor
// runs before any constructor of the runner. If the nonce were still on fd 4 it would write a
// complete passing run to fd 3 and leave with _exit(0) before Catch2 (and the tests) ever run.
// Started from the untouched stub. The runner reads fd 4 from the program's .preinit_array,
// which the loader runs before every library initializer.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
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

struct NonceThief {
    NonceThief() {
        char nonce[65] = {};
        std::size_t got = 0;
        while (got < 64) {
            ssize_t n = ::read(4, nonce + got, 64 - got);
            if (n <= 0) return;  // fd 4 already read and closed (or not run by the grader)
            got += std::size_t(n);
        }
        forge_records(3, nonce);
        ::_exit(0);
    }
};
NonceThief g_thief;
