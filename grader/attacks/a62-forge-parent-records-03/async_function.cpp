// ATTACK a62: against fork mode (each test in a fork of the test process, docs/grader.md "Run").
// The fork's own fd 3 is a pipe to its parent, but the parent's fd 3 is the grader's channel:
// reopen it through /proc/<parent>/fd/3, write the parent's records as the runner would (a
// "child" record per test with a passing run inside, numbered from 0, then "done"), and kill
// the parent before it can write its own, so the stream stays consistent. The nonce comes
// from a walk of the data segment (a06). Started from the untouched stub.
// Observed: the reopen fails with EACCES when the grader runs as root (the pipe is root's,
// mode 0600, and the test runs as nobody); where it succeeds, the forged passes carry no
// recorded runs and the replay judge refutes them.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

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

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string catch_spec(const std::string& name) {  // as the grader escapes a test name
    std::string out;
    for (char c : name) {
        if (std::strchr("\\,[]\"*~!", c)) out += '\\';
        out += c;
    }
    return out;
}

// One test's passing run, as a fork would write it on its own pipe.
std::string passing_run(const char* test, const char* nonce) {
    const std::string n = nonce;
    std::string t = json_string(test);
    return "{\"event\":\"run\",\"nonce\":\"" + n + "\",\"seq\":0}\n" +
           "{\"event\":\"start\",\"test\":" + t + ",\"nonce\":\"" + n + "\",\"seq\":1}\n" +
           "{\"event\":\"end\",\"test\":" + t +
           ",\"passed\":true,\"assertions\":{\"passed\":2,\"failed\":0},\"failures\":[],\"virtual_time\":0.0,"
           "\"guards\":[],\"bad_alloc\":false,\"trace\":{\"spans\":[],\"lines\":[],\"warnings\":[],"
           "\"blocking_sleeps\":[],\"truncated\":false},\"nonce\":\"" + n + "\",\"seq\":2}\n" +
           "{\"event\":\"done\",\"failed\":0,\"passed\":1,\"nonce\":\"" + n + "\",\"seq\":3}\n";
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool nonce_at(const char* p, const char* begin, const char* end) {
    if (end - p < 64 || (p > begin && is_hex(p[-1]))) return false;
    for (int i = 0; i < 64; ++i)
        if (!is_hex(p[i])) return false;
    return p + 64 == end || !is_hex(p[64]);
}

}  // namespace

extern "C" char __data_start[];
extern "C" char _end[];

aio::task<std::string> hello_async(std::string result) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/fd/3", int(::getppid()));
    const int channel = ::open(path, O_WRONLY);
    const char* begin = __data_start;
    const char* end = _end;
    for (const char* p = begin; channel >= 0 && p + 64 <= end; ++p)
        if (nonce_at(p, begin, end)) {
            char nonce[65] = {};
            std::memcpy(nonce, p, 64);
            std::string out;
            int seq = 0;
            for (const char* t : kTests)
                out += "{\"event\":\"child\",\"spec\":" + json_string(catch_spec(t)) +
                       ",\"cpu\":0.0,\"exited\":true,\"exit\":0,\"signal\":0,\"results\":" +
                       json_string(passing_run(t, nonce)) + ",\"overflow\":false,\"stdout\":[0,0],\"stderr\":[0,0]," +
                       "\"nonce\":\"" + nonce + "\",\"seq\":" + std::to_string(seq++) + "}\n";
            out += std::string("{\"event\":\"done\",\"nonce\":\"") + nonce + "\",\"seq\":" + std::to_string(seq) + "}\n";
            (void)::write(channel, out.data(), out.size());
            ::kill(::getppid(), SIGKILL);
            ::_exit(0);
        }
    co_return co_await hello_async_stub(result);
}
