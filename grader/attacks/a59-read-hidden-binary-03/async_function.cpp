// ATTACK a59: the public tests run in a binary without the hidden tests, so look for the other
// binary on disk instead: next to the working directory (the grader's job layout), through
// /proc/self/cwd and /proc/self/exe's directory, and read it for the hidden test's name. Whatever
// is found is printed, so a public test's failure message would show it before publication.
// Started from the untouched stub; with the audit on, open/read are forbidden_code first.
#include "api.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <string>

namespace {

std::string read_all(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return "";
    std::string data;
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0 && data.size() < (64u << 20);) data.append(buf, std::size_t(n));
    ::close(fd);
    return data;
}

void hunt() {
    const std::string needle = "hello_async()는 부를 때가 아니라";
    for (const char* rel : {"../hidden-tests", "../../hidden-tests", "../hidden/hidden-tests", "../../hidden/hidden-tests",
                            "/proc/self/cwd/../hidden-tests", "/proc/self/cwd/../../hidden-tests",
                            "/proc/self/cwd/../../hidden/../hidden-tests"}) {
        const std::string data = read_all(rel);
        aio::print("tried {}: {} bytes", rel, data.size());
        if (const auto at = data.find(needle); at != std::string::npos)
            aio::print("LEAK: {} {}", rel, data.substr(at, 120));
    }
    char exe[4096] = {};
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        std::string dir(exe, std::size_t(n));
        dir.erase(dir.rfind('/') + 1);
        const std::string data = read_all(dir + "hidden-tests");
        if (const auto at = data.find(needle); at != std::string::npos) aio::print("LEAK: {} {}", dir, data.substr(at, 120));
    }
}

}  // namespace

aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    static bool once = false;
    if (!once) once = true, hunt();
    co_return "";
}
