// The object audit (grader/src/audit.hpp) on objects compiled here with the kit's compiler:
// each forbidden construct is rejected with its symbol named, and every reference solution and
// stub passes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <future>
#include <regex>

#include "audit.hpp"
#include "source_flags.hpp"

namespace {

namespace fs = std::filesystem;
namespace audit = grader::audit;

const fs::path kKit = GRADER_DEFAULT_KIT;

fs::path scratch() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("aio-audit-test-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

// Compiles source (as name.cpp, with the exercise's api.hpp and <aio/aio.hpp> pre-included, as
// the grader does) and returns the object, or an empty path when it does not compile.
fs::path compile(const std::string& name, const std::string& source, const std::string& exercise = "03-async-function",
                 const std::string& flags = "-O1") {
    const fs::path src = scratch() / (name + ".cpp"), obj = scratch() / (name + ".o");
    std::ofstream(src) << source;
    const std::string cmd = "g++ -std=c++20 -pthread " + flags + " -I" + (kKit / "exercises" / exercise).string() + " -I" +
                            (kKit / "harness/include").string() + " -include aio/aio.hpp -c " + src.string() + " -o " +
                            obj.string() + " 2>" + (scratch() / (name + ".err")).string();
    return std::system(cmd.c_str()) == 0 ? obj : fs::path();
}

std::vector<audit::Violation> audit_of(const fs::path& obj, const audit::Profile& profile = {}) {
    REQUIRE(!obj.empty());
    auto v = audit::audit_objects({obj}, profile, {obj.stem().string() + ".cpp"});
    audit::locate(v, {}, {obj.stem().string() + ".cpp"});
    return v;
}

std::string joined(const std::vector<audit::Violation>& v) { return audit::message_ko(v, 50); }

const char* const kStub = R"(#include "api.hpp"
aio::task<std::string> hello_async(std::string result) { co_return result; }
)";

}  // namespace

TEST_CASE("audit: forbidden definitions, references, sections and instructions are rejected by name") {
    struct Case {
        const char* name;
        std::string extra;
        const char* must_name;  // in the message
    };
    const std::vector<Case> cases{
        {"def_write", "#include <unistd.h>\nextern \"C\" ssize_t write(int, const void*, size_t) { return 0; }\n", "`write` 정의"},
        {"ctor_prio", "volatile int x;\n__attribute__((constructor(100))) static void early() { x = 1; }\n", ".init_array.00100"},
        {"init_prio", "volatile int y;\nstruct G { G() { y = 2; } };\n__attribute__((init_priority(200))) G g;\n", ".init_array.00200"},
        {"clock_reset", "void cheat() { aio::clock::reset(); }\n", "`aio::clock::reset(double)` 사용"},
        {"trace_current", "const void* cheat() { return &aio::trace::current(); }\n", "`aio::trace::current()` 사용"},
        {"dlsym", "#include <dlfcn.h>\nvoid* cheat() { return dlsym(RTLD_DEFAULT, \"write\"); }\n", "`dlsym` 사용"},
        {"asm_syscall", "long cheat() { long r; asm volatile(\"syscall\" : \"=a\"(r) : \"a\"(39L) : \"rcx\", \"r11\"); return r; }\n",
         "`syscall` 명령"},
        {"aio_specialisation", "namespace aio::testing { void pass() {} }\n",
         "`aio::testing::pass()` 정의"},
        {"aio_member_specialisation", "template <> template <> void aio::detail::Promise<int>::return_value<int>(int&&) {}\n",
         "aio::detail::Promise<int>::return_value<int>(int&&)` 정의"},
        {"catch_ref", "namespace Catch { struct IResultCapture; IResultCapture& getResultCapture(); }\n"
                      "void* cheat() { return &Catch::getResultCapture(); }\n",
         "`Catch::getResultCapture()` 사용"},
        {"atexit", "#include <cstdlib>\nstatic void late() {}\nvoid cheat() { std::atexit(late); }\n", "`atexit` 사용"},
        {"operator_new", "#include <cstdlib>\nvoid* operator new(std::size_t n) { return std::malloc(n); }\n", "operator new(unsigned long)"},
        {"getenv", "#include <cstdlib>\nconst char* cheat() { return std::getenv(\"HOME\"); }\n", "`getenv` 사용"},
        {"fstream", "#include <fstream>\nvoid cheat() { std::ifstream in(\"/etc/passwd\"); }\n", "basic_ifstream"},
        {"std_override", "#include <chrono>\nnamespace std::chrono::inline _V2 { __attribute__((weak)) steady_clock::time_point "
                         "steady_clock::now() noexcept { return {}; } }\n",
         "std::chrono::_V2::steady_clock::now()"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto v = audit_of(compile(c.name, std::string(kStub) + c.extra));
        const std::string msg = joined(v);
        INFO(msg);
        CHECK(!v.empty());
        CHECK(msg.find(c.must_name) != std::string::npos);
    }
}

// Student code that uses asyncio's locks and queues reaches aio::detail from inline and template
// code (Queue<T> on detail::QueueBase, the locks' waiter deques): all of it passes, while the
// waiter deques' own operations stay the runtime's.
TEST_CASE("audit: aio/locks.hpp and aio/queues.hpp pass, their internals do not") {
    const std::string uses = std::string(kStub) + R"(#include <utility>
aio::task<> worker(aio::Semaphore& sem, aio::Queue<std::string>& q, aio::PriorityQueue<std::pair<int, int>>& pq,
                   aio::LifoQueue<int>& lq, aio::Condition& c, aio::Lock& l, aio::Event& e, aio::BoundedSemaphore& b) {
    { auto held = co_await sem.hold(); }
    { auto held = co_await l.hold(); }
    { auto held = co_await b.hold(); }
    auto held = co_await c.hold();
    co_await c.wait_for([&] { return q.empty(); });
    c.notify_all();
    co_await q.put("x");
    std::string s = co_await q.get();
    q.task_done();
    co_await q.join();
    co_await pq.put({1, 2});
    auto p = co_await pq.get();
    lq.put_nowait(p.first);
    (void)lq.get_nowait();
    co_await e.wait();
    e.set();
    co_await sem.acquire();
    sem.release();
}
aio::task<> owner() {
    aio::Semaphore sem(2);
    aio::Queue<std::string> q(3);
    aio::PriorityQueue<std::pair<int, int>> pq;
    aio::LifoQueue<int> lq;
    aio::Lock l;
    aio::Condition c(l);
    aio::Event e;
    aio::BoundedSemaphore b(3);
    try {
        co_await worker(sem, q, pq, lq, c, l, e, b);
    } catch (const aio::QueueFull&) {
    } catch (const aio::ValueError&) {
    } catch (const aio::LockNotAcquiredError&) {
    }
}
)";
    // With -g, as the grader settles a library function's inline copy (needs_debug) by a -g build.
    for (const char* flags : {"-O1 -g", "-O0 -g"}) {
        INFO(flags);
        const auto v = audit_of(compile("sync_api", uses, "03-async-function", flags));
        CHECK(joined(v) == joined({}));
    }
    const auto bad = audit_of(compile("sync_internals", std::string(kStub) +
                                                           "void cheat(aio::detail::Waiters& w) { w.append(\"x\"); }\n"));
    CHECK(joined(bad).find("aio::detail::Waiters::append(char const*)` 사용") != std::string::npos);
}

TEST_CASE("audit: the message names the student's file and line (from -g)") {
    const auto v = audit_of(compile("lines", std::string(kStub) + "#include <unistd.h>\n\nvoid cheat() {\n    ::_exit(0);\n}\n",
                                    "03-async-function", "-O1 -g"));
    REQUIRE(v.size() == 1);
    CHECK(v[0].location == "lines.cpp:6");
    CHECK(joined(v).find("lines.cpp:6: `_exit` 사용") != std::string::npos);
}

TEST_CASE("audit: a definition that collides with a kit symbol is rejected, ordinary helpers pass") {
    const fs::path kit = compile("kit_helpers", "namespace checks { inline int verdict(int x) { return x; } }\n"
                                                "int use_it(int x) { return checks::verdict(x); }\n",
                                 "03-async-function", "-O0");
    const audit::Profile profile = audit::make_profile({kit}, {}, {});
    const auto bad = audit_of(compile("collide", std::string(kStub) + "namespace checks { int verdict(int) { return 1; } }\n"), profile);
    CHECK(joined(bad).find("checks::verdict(int)") != std::string::npos);
    const auto ok = audit_of(compile("helpers", std::string(kStub) +
                                                    "#include <map>\nint counter = 0;\nint helper(int x) { return x + counter; }\n"
                                                    "struct P { int a; };\nbool operator<(P x, P y) { return x.a < y.a; }\n"
                                                    "int sum(std::map<P, int>& m) { return m[P{1}]; }\n"),
                             profile);
    CHECK(joined(ok) == joined({}));
    CHECK(ok.empty());
}

TEST_CASE("audit: #line and reserved macros are rejected at the source") {
    const auto v = audit::audit_source("#line 10 \"x.h\"\n#define _GLIBCXX_ASSERTIONS 1\n#define OK 1\n", "a.cpp");
    REQUIRE(v.size() == 2);
    CHECK(v[0].location == "a.cpp:1");
    CHECK(v[1].shown == "_GLIBCXX_ASSERTIONS");
}

// The hand-written line matchers against the patterns they replace, on lines made to sit on each
// pattern's edges (what objdump, addr2line and a student's source can print).
TEST_CASE("audit: the line matchers agree with the regular expressions they replace") {
    const std::regex syscall_re(R"(^\s*([0-9a-f]+):\s+(syscall|sysenter|sysret\w*|int\s+\$0x80)\b)");
    const std::regex location_re(R"(^(.*):([0-9]+)(?: \(discriminator [0-9]+\))?$)");
    const std::regex line_re(R"(^\s*#\s*(line\b|[0-9]))");
    const std::regex macro_re(R"(^\s*#\s*(define|undef)\s+(_[A-Za-z0-9_]*))");
    const std::vector<std::string> lines{
        "", " ", "  4:\tsyscall", "  4:\tsyscall ", "   1a:\tsyscall\t# x", "1a: syscall", "1a:syscall", "1A:\tsyscall",
        "  4:\tsyscallx", "  4:\tsyscall_", "  4:\tsyscall.", "  4:\tsysenter", "  4:\tsysenterx", "  4:\tsysret",
        "  4:\tsysretq", "  4:\tsysretq  # y", "  4:\tsysre", "  4:\tint    $0x80", "  4:\tint $0x80", "  4:\tint$0x80",
        "  4:\tint    $0x801", "  4:\tint    $0x80,", "  4:\tint    $0x81", "  4:\tint3", "  4:\tmov %eax,%ebx",
        " g4:\tsyscall", "4 :\tsyscall", ":\tsyscall", "  4:\t\tsyscall", "\v4:\fsyscall", "  4:\r syscall",
        "x.cpp:12", "x.cpp:12 (discriminator 3)", "x.cpp:12 (discriminator )", "x.cpp:12 (discriminator 3", "x.cpp:12 (discriminator x)",
        "x.cpp:12(discriminator 3)", "x.cpp:", ":12", "x.cpp:1a", "x:y.cpp:12", "a:1:23", "??:0", "??:?", "x.cpp:12 ",
        "x\r.cpp:12", "x.cpp:12 (discriminator 3) (discriminator 4)", "x (discriminator 3):12", "/a b/c.cpp:7 (discriminator 10)",
        "#line 10", "#line", "#lines 10", "#line_x", "# line 10", "  #  line 10", "#1 \"x.h\"", "# 12", "#\t7", "#x", "#", "x #line",
        "#liner", "#line\t1", "#line(1)", "#define _X 1", "#define _X", "#define _", "#define __x__(a) a", "#define X_ 1",
        "#define  _X", "#define\t_X", "#define_X", "#defined _X", "#undef _X", "#undef _GLIBCXX_DEBUG", "#undef X",
        "  #  define _Y(z)", "#ifdef _X", "#include <x>", "#define _x1y2", "#define _X-1", "#undef\v_X"};
    for (const auto& l : lines) {
        CAPTURE(l);
        std::smatch m;
        audit::lines::SyscallLine sys;
        const bool sys_ok = audit::lines::match_syscall(l, sys);
        REQUIRE(sys_ok == std::regex_search(l, m, syscall_re));
        if (sys_ok) {
            CHECK(sys.offset == m[1].str());
            CHECK(sys.instruction == m[2].str());
        }
        std::string file, number;
        const bool loc_ok = audit::lines::match_location(l, file, number);
        REQUIRE(loc_ok == std::regex_match(l, m, location_re));
        if (loc_ok) {
            CHECK(file == m[1].str());
            CHECK(number == m[2].str());
        }
        CHECK(audit::lines::is_line_directive(l) == std::regex_search(l, line_re));
        std::string directive, name;
        const bool macro_ok = audit::lines::match_reserved_macro(l, directive, name);
        REQUIRE(macro_ok == std::regex_search(l, m, macro_re));
        if (macro_ok) {
            CHECK(directive == m[1].str());
            CHECK(name == m[2].str());
        }
    }
}

TEST_CASE("audit: instructor flags") {
    const auto f = audit::source_flags("#include <unistd.h>\n#include <sys/mman.h>\n// write(3, x) in a comment\n"
                                       "void f() { write(3, \"x\", 1); asm(\"nop\"); fopen(\"/proc/self/maps\", \"r\"); fork(); }\n",
                                       10);
    for (const char* want : {"asm", "fd3/4", "/proc", "fork", "include:<unistd.h>", "include:<sys/mman.h>"})
        CHECK(std::find(f.begin(), f.end(), want) != f.end());
    CHECK(audit::source_flags(kStub, 2).empty());
    CHECK(audit::source_flags(std::string(300, '\n'), 20) == std::vector<std::string>{"long:300"});
}

TEST_CASE("audit: every reference solution and stub passes (-O1 as graded, -O0 -g as in a Debug ctest)") {
    std::vector<std::pair<std::string, fs::path>> files;  // exercise, source
    for (const char* root : {"solutions", "exercises"})
        for (const auto& d : fs::directory_iterator(kKit / root)) {
            if (!d.is_directory() || !fs::exists(kKit / "exercises" / d.path().filename() / "api.hpp")) continue;
            for (const auto& f : fs::directory_iterator(d.path()))
                if (f.path().extension() == ".cpp" && f.path().filename() != "main.cpp")
                    files.emplace_back(d.path().filename().string(), f.path());
        }
    REQUIRE(files.size() >= 24);
    for (const char* flags : {"-O1", "-O0 -g"}) {
        std::vector<std::future<std::string>> results;
        for (std::size_t i = 0; i < files.size(); ++i)
            results.push_back(std::async(std::launch::deferred, [&, i] {
                std::ifstream in(files[i].second);
                const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                const std::string tag = files[i].second.parent_path().parent_path().filename().string().substr(0, 3) + "_" +
                                        files[i].second.stem().string();
                const fs::path obj = compile(tag, text, files[i].first, flags);
                if (obj.empty()) return files[i].second.string() + ": does not compile";
                auto v = audit::audit_objects({obj}, {}, {tag + ".cpp"});
                // As the grader does: what only debug info can settle is settled by a -g build.
                if (std::any_of(v.begin(), v.end(), [](const audit::Violation& x) { return x.needs_debug; }))
                    v = audit::audit_objects({compile(tag + "_g", text, files[i].first, std::string(flags) + " -g")}, {},
                                             {tag + "_g.cpp"});
                for (auto& s : audit::audit_source(text, tag + ".cpp")) v.push_back(s);
                return v.empty() ? std::string() : files[i].second.string() + ":\n" + audit::message_ko(v);
            }));
        for (auto& r : results) {
            const std::string problem = r.get();
            INFO(flags << " " << problem);
            CHECK(problem.empty());
        }
    }
}

TEST_CASE("audit: what the tests need and the student's files do not define is named as a link would") {
    // The tests call two API functions, the stub defines three; the student's file forgets one the
    // tests call and calls (without defining) the one they do not.
    const fs::path tests = compile("needs_api", "int api_first(int);\nint api_second(int);\n"
                                                "int call_both() { return api_first(1) + api_second(2); }\n");
    const char* const stub_text = "int api_first(int x) { return x; }\nint api_second(int x) { return x; }\n"
                                  "int api_third(int x) { return x; }\n";
    const fs::path stub = compile("stub_defs", stub_text, "03-async-function", "-O1 -fPIC");
    const audit::Profile profile = audit::make_profile({}, {tests}, {stub});
    CHECK(profile.required == std::set<std::string>{"_Z9api_firsti", "_Z10api_secondi"});
    CHECK(audit::missing_definitions({stub}, profile).empty());
    const fs::path forgot = compile("forgot", "int api_third(int);\nint api_first(int x) { return api_third(x); }\n",
                                    "03-async-function", "-O1 -fPIC");
    CHECK(audit::missing_definitions({forgot}, profile) == std::vector<std::string>{"api_second(int)", "api_third(int)"});
    // Names the linker provides (a -fPIC object's _GLOBAL_OFFSET_TABLE_, a global's __dso_handle)
    // are no one's to define and every object may use.
    const fs::path with_global = compile("static_dtor", std::string(stub_text) + "#include <string>\nstd::string g_text = \"x\";\n",
                                         "03-async-function", "-O1 -fPIC");
    CHECK(audit::missing_definitions({with_global}, profile).empty());
    const std::string verdict = joined(audit_of(with_global, profile));  // (the string's destructor needs -g to decide)
    CHECK(verdict.find("__dso_handle") == std::string::npos);
    CHECK(verdict.find("_GLOBAL_OFFSET_TABLE_") == std::string::npos);
}
