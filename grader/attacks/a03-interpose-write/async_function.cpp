// ATTACK a03: the student file defines its own extern "C" write(). The executable's definition
// wins over libc's, so every ::write of the runner (its records to fd 3) passes through here:
// "passed":false becomes "passed":true before the bytes reach the grader, the done record's
// failure count becomes 0, and after the done record the process ends with _exit(0).
// The real write is a raw syscall. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <string>

extern "C" ssize_t write(int fd, const void* data, size_t size) {
    if (fd != 3) return ::syscall(SYS_write, fd, data, size);
    std::string text(static_cast<const char*>(data), size);
    for (std::size_t pos = 0; (pos = text.find("\"passed\":false", pos)) != std::string::npos;)
        text.replace(pos, 14, "\"passed\":true ");
    const bool done = text.find("\"event\":\"done\"") != std::string::npos;
    if (done) {
        std::size_t pos = text.find("\"failed\":");
        if (pos != std::string::npos) {
            pos += 9;
            text[pos] = '0';
            for (std::size_t i = pos + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) text[i] = ' ';
        }
    }
    long n = ::syscall(SYS_write, fd, text.data(), text.size());
    if (done) ::syscall(SYS_exit_group, 0);
    return n == long(text.size()) ? ssize_t(size) : ssize_t(n);
}
