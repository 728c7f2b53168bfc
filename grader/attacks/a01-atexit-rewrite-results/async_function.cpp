// ATTACK a01: an atexit handler, registered from a static constructor, runs after the runner
// wrote all its records. It reads the results file on fd 3 back (pread from offset 0), rewrites
// every "passed":false into "passed":true in place, writes it back and ends with _exit(0) so the
// exit status (Catch2's count of failed assertions) is 0 too. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void rewrite_results() {
    std::string text;
    char buf[65536];
    for (off_t off = 0;;) {
        ssize_t n = ::pread(3, buf, sizeof buf, off);
        if (n <= 0) break;
        text.append(buf, std::size_t(n));
        off += n;
    }
    const std::string bad = "\"passed\":false", good = "\"passed\":true ";
    for (std::size_t pos = 0; (pos = text.find(bad, pos)) != std::string::npos; pos += good.size())
        text.replace(pos, bad.size(), good);
    // The summary line too: "failed":N -> "failed":0 followed by spaces (same length).
    for (std::size_t pos = 0; (pos = text.find("\"event\":\"done\",\"failed\":", pos)) != std::string::npos;) {
        pos += std::strlen("\"event\":\"done\",\"failed\":");
        text[pos] = '0';
        for (std::size_t i = pos + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) text[i] = ' ';
    }
    if (!text.empty()) (void)!::pwrite(3, text.data(), text.size(), 0);
    ::_exit(0);
}

const int registered = (std::atexit(rewrite_results), 0);

}  // namespace
