// Instructor flags (source_flags.hpp): patterns in the source text, with std::regex. Grader only:
// the student pack's audit tool (audit.cpp) stays free of <regex>, whose compile a student's
// first build would wait for.
#include "source_flags.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace grader::audit {

std::vector<std::string> source_flags(const std::string& source, std::size_t stub_lines) {
    // Comments do not count; string literals do ("/proc/self/...").
    static const std::regex comments(R"(//[^\n]*|/\*[\s\S]*?\*/)");
    const std::string code = std::regex_replace(source, comments, " ");
    // Compiled once: building a std::regex costs more than matching it against a whole file.
    static const std::vector<std::pair<std::regex, const char*>> patterns = [] {
        std::vector<std::pair<std::regex, const char*>> p;
        auto add = [&](const char* pattern, const char* name) { p.emplace_back(std::regex(pattern), name); };
        add(R"(\b(asm|__asm__|__asm)\b)", "asm");
        add(R"(\b(write|read|close|dup2?|dup3|fcntl|fdopen|lseek|ioctl|fstat|pread|pwrite|dprintf|send|recv)\s*\(\s*[34]\s*[,)]|/dev/fd/[34]|/proc/self/fd|\bfd\s*=\s*[34]\b)",
            "fd3/4");
        add(R"(/proc\b)", "/proc");
        add(R"(\b(signal|sigaction|sigset|sigprocmask)\s*\()", "signal");
        add(R"(\b(v?fork|clone3?|posix_spawnp?|popen|system|exec[lv]p?e?)\s*\()", "fork");
        add(R"(__attribute__\s*\(\(\s*(constructor|destructor)|\[\[\s*gnu::(constructor|destructor))", "constructor");
        return p;
    }();
    std::vector<std::string> flags;
    for (const auto& [pattern, name] : patterns)
        if (std::regex_search(code, pattern)) flags.push_back(name);
    static const std::regex include(R"(#\s*include\s*<((unistd|dlfcn|fcntl|signal|spawn|link|elf|syscall|ucontext|setjmp|execinfo|pthread|csignal|csetjmp)\.?h?|(sys|linux|asm|bits)/[^>]+)>)");
    std::set<std::string> headers;
    for (auto it = std::sregex_iterator(code.begin(), code.end(), include); it != std::sregex_iterator(); ++it)
        headers.insert((*it)[1].str());
    for (const auto& h : headers) flags.push_back("include:<" + h + ">");
    const std::size_t lines = std::size_t(std::count(source.begin(), source.end(), '\n'));
    if (lines > 1000 || (stub_lines > 0 && lines > 10 * stub_lines)) flags.push_back("long:" + std::to_string(lines));
    return flags;
}

}  // namespace grader::audit
