// The Catch2 main the grader links into every graded test binary (instead of the kit's shared
// main). Besides running the selected tests it reports them to the grader over a private channel:
//   fd 3: results, one JSON object per line, each carrying the run's nonce;
//   fd 4: the nonce, 64 hex characters, read once before any test code runs and then closed.
// The grader scores only records that carry the nonce, so a binary that exits early, prints fake
// Catch2 output on stdout or writes lines of its own to fd 3 gets nothing for tests not really run.
// Run by hand (no fd 4), it behaves like a plain Catch2 main.
// Same console width as the kit's own main: Korean timeline rows must not be wrapped mid-row.
#define CATCH_CONFIG_CONSOLE_WIDTH 160
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <aio/clock.hpp>
#include <aio/errors.hpp>
#include <aio/feedback/json.hpp>
#include <aio/testing/catch_feedback.hpp>
#include <aio/testing/activity.hpp>
#include <aio/testing/observe.hpp>
#include <aio/testing/verdict.hpp>
#include <aio/trace.hpp>

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <optional>
#include <string>
#include <typeinfo>
#include <vector>

namespace {

constexpr int kResultFd = 3;
constexpr int kNonceFd = 4;
constexpr std::size_t kMaxText = 4000;    // per message
constexpr std::size_t kMaxSpans = 200;    // per test case
constexpr std::size_t kMaxLines = 300;

// A plain array: a std::string could be re-initialised by its own (later) static constructor.
char g_nonce[65] = {};  // empty: not run by the grader

// Runs from the program's .preinit_array: before every static constructor, the libraries' too
// (the student's code is a library the program loads, initialised before the program's own
// constructors), so code under test never sees the nonce pipe. Only system calls here: neither
// libstdc++ nor this program is initialised yet.
void read_nonce(int, char**, char**) {
    if (::fcntl(kNonceFd, F_GETFD) == -1) return;
    char buf[65] = {};
    std::size_t got = 0;
    while (got < 64) {
        ssize_t n = ::read(kNonceFd, buf + got, 64 - got);
        if (n <= 0) break;
        got += std::size_t(n);
    }
    ::close(kNonceFd);
    if (got != 64 || ::fcntl(kResultFd, F_GETFD) == -1) return;
    std::memcpy(g_nonce, buf, 64);
    ::fcntl(kResultFd, F_SETFD, FD_CLOEXEC);  // not inherited by anything the tests spawn
}
[[gnu::section(".preinit_array"), gnu::used]] void (*const g_read_nonce)(int, char**, char**) = read_nonce;

// The runtime's guard errors (deadlock, limits) are usually caught by the test helpers and turned
// into a Korean failure message. To classify a failure without parsing that text, every throw
// of one of those types during the test case is noted here, on its way to the real __cxa_throw.
struct GuardSeen {
    const char* kind;
    std::string what;
};
std::vector<GuardSeen> g_guards;
bool g_bad_alloc = false;

}  // namespace

// GCC predeclares it with `void*` for the type_info argument.
extern "C" [[noreturn]] void __cxa_throw(void* object, void* type_info, void (*destroy)(void*)) {
    using Real = void (*)(void*, void*, void (*)(void*));
    const std::type_info* type = static_cast<const std::type_info*>(type_info);
    static const Real real = reinterpret_cast<Real>(::dlsym(RTLD_NEXT, "__cxa_throw"));
    if (type) {
        if (*type == typeid(std::bad_alloc)) {
            g_bad_alloc = true;  // no allocation here: memory is what ran out
        } else if (g_guards.size() < 8) {
            const char* kind = *type == typeid(aio::DeadlockError)           ? "deadlock"
                               : *type == typeid(aio::VirtualTimeLimitError) ? "virtual_time_limit"
                               : *type == typeid(aio::StepLimitError)        ? "step_limit"
                                                                             : nullptr;
            if (kind) g_guards.push_back({kind, static_cast<std::exception*>(object)->what()});
        }
    }
    real(object, type_info, destroy);
    __builtin_unreachable();
}

namespace {

std::string clip(std::string s) {
    if (s.size() > kMaxText) {
        s.resize(kMaxText);
        s += "…";
    }
    return s;
}

// Records are numbered: the grader reads them as a sequence and treats a gap, a repeat or a
// record after "done" as tampering (grader/src/run_tests.cpp).
std::uint64_t g_seq = 0;

void emit(nlohmann::json record) {
    if (!g_nonce[0]) return;
    record["nonce"] = std::string(g_nonce, 64);
    record["seq"] = g_seq++;
    std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    const char* p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        ssize_t n = ::write(kResultFd, p, left);
        if (n <= 0) return;
        p += n;
        left -= std::size_t(n);
    }
}

const char* result_kind(Catch::ResultWas::OfType t) {
    switch (t) {
        case Catch::ResultWas::ExpressionFailed: return "expression";
        case Catch::ResultWas::ExplicitFailure: return "explicit";
        case Catch::ResultWas::ThrewException: return "exception";
        case Catch::ResultWas::FatalErrorCondition: return "fatal";
        case Catch::ResultWas::DidntThrowException: return "didnt_throw";
        default: return "other";
    }
}

const char* status_name(aio::trace::Status s) {
    switch (s) {
        case aio::trace::Status::ok: return "ok";
        case aio::trace::Status::error: return "error";
        case aio::trace::Status::cancelled: return "cancelled";
        default: return "pending";
    }
}

const char* warning_name(aio::trace::WarningKind k) {
    switch (k) {
        case aio::trace::WarningKind::never_awaited: return "never_awaited";
        case aio::trace::WarningKind::pending_at_exit: return "pending_at_exit";
        case aio::trace::WarningKind::exception_not_retrieved: return "exception_not_retrieved";
        case aio::trace::WarningKind::blocking_sleep_in_task: return "blocking_sleep_in_task";
        case aio::trace::WarningKind::missing_co_return: return "missing_co_return";          
        case aio::trace::WarningKind::blocking_input_in_task: return "blocking_input_in_task";
    }
    return "other";
}

// The activities the test's assertions looked for ("커피 끓이기": from its first printed line to
// its last), located in the exported run: a sequential student runs everything in one task, and
// only these show that the work ran one after the other. end: null when it never ended.
nlohmann::json export_activities(const aio::trace::Trace& t) {
    nlohmann::json out = nlohmann::json::array();
    const std::vector<aio::testing::Activity> used = aio::testing::used_activities();  // locate() adds to it
    for (const auto& a : used) {
        const auto where = aio::testing::locate(t, a);
        if (!where) continue;  // did not happen in this run: nothing to draw
        out.push_back({{"label", clip(a.label)},
                       {"start", where->start},
                       {"end", where->finished ? nlohmann::json(where->end) : nlohmann::json()}});
    }
    return out;
}

// The virtual-time picture of the last run inside the test case: the report draws it as a Gantt.
nlohmann::json export_trace() {
    const aio::trace::Trace& t = aio::trace::current();
    nlohmann::json spans = nlohmann::json::array(), lines = nlohmann::json::array(),
                   warnings = nlohmann::json::array(), sleeps = nlohmann::json::array(),
                   todos = nlohmann::json::array();
    for (const auto& s : t.spans) {
        if (spans.size() >= kMaxSpans) break;
        if (s.id == 0) continue;
        // The display name ("worker#2"): the report's timelines tell tasks of one function apart.
        spans.push_back({{"id", s.id}, {"name", clip(t.display_name(s.id))}, {"created", s.created}, {"started", s.started},
                         {"finished", s.finished}, {"status", status_name(s.status)}, {"result", clip(s.result)}});
    }
    for (const auto& l : t.lines) {
        if (lines.size() >= kMaxLines) break;
        lines.push_back({{"t", l.time}, {"text", clip(l.text)}, {"task", l.task_id}});
    }
    for (const auto& w : t.warnings) {
        if (warnings.size() >= kMaxLines) break;
        warnings.push_back({{"kind", warning_name(w.kind)}, {"t", w.time}, {"name", clip(w.name)}, {"message", clip(w.message)}});
    }
    for (const auto& b : t.blocking_sleeps) {
        if (sleeps.size() >= kMaxLines) break;
        sleeps.push_back({{"t", b.time}, {"seconds", b.seconds}, {"task", b.task_id}});
    }
    // ---- blocking inputs
    nlohmann::json inputs = nlohmann::json::array();
    for (const auto& b : t.blocking_inputs) {
        if (inputs.size() >= kMaxLines) break;
        inputs.push_back({{"t", b.time}, {"call", clip(b.call)}, {"task", b.task_id}});
    }


    for (const auto& td : t.todos) {
        if (todos.size() >= kMaxLines) break;
        todos.push_back({{"t", td.time}, {"task", td.task_id}, {"function", clip(td.function)}});
    }
    return {{"spans", spans}, {"lines", lines}, {"warnings", warnings}, {"blocking_sleeps", sleeps}, {"todos", todos},
            {"blocking_inputs", inputs},
            {"activities", export_activities(t)},
            {"truncated", t.spans.size() > kMaxSpans || t.lines.size() > kMaxLines}};
}

nlohmann::json guards_json() {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& g : g_guards) out.push_back({{"kind", g.kind}, {"what", clip(g.what)}});
    return out;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
    auto nibble = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    if (hex.size() % 2) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = char(hi * 16 + lo);
    }
    return out;
}

// The two roles of this main (aio/testing/observe.hpp):
//   subject (the student's code is linked in): every finished run is sent to the grader at once,
//     as an "obs" record of the current test;
//   judge (AIO_GRADER_REPLAY names a file; linked with the stub): runs are replayed from the
//     observations the subject sent, and the assertions decide.
class RunChannel : public aio::testing::Observer {
public:
    void recorded(std::string observation) override {
        if (++recorded_ > kMaxObservations) return;  // a flood of runs: the judge will miss them
        emit({{"event", "obs"}, {"test", test_}, {"data", to_hex(observation)}});
    }
    bool replaying() const override { return replay_; }
    std::optional<std::string> next() override {
        const auto it = recordings_.find(test_);
        if (it == recordings_.end() || used_ >= it->second.size()) return std::nullopt;
        return it->second[used_++];
    }

    // Judge mode: one JSON object per line, {"test": name, "obs": [hex, ...]}.
    bool load(const char* path) {
        std::FILE* f = std::fopen(path, "rb");
        if (!f) return false;
        std::string text;
        char buf[65536];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
        std::fclose(f);
        nlohmann::json tests = nlohmann::json::array();
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) end = text.size();
            tests.push_back(nlohmann::json::parse(text.substr(pos, end - pos), nullptr, false));
            pos = end + 1;
        }
        return load(tests);
    }
    // The same, as a JSON array of those objects (a judge server's request).
    bool load(const nlohmann::json& tests) {
        replay_ = true;
        if (!tests.is_array()) return false;
        for (const auto& rec : tests) {
            if (!rec.is_object()) return false;
            auto& runs = recordings_[rec.value("test", "")];
            for (const auto& h : rec.value("obs", nlohmann::json::array())) {
                auto bytes = h.is_string() ? from_hex(h.get<std::string>()) : std::nullopt;
                if (!bytes) return false;
                runs.push_back(std::move(*bytes));
            }
        }
        return true;
    }
    void start(const std::string& test) {
        test_ = test;
        used_ = 0;
        recorded_ = 0;
    }
    // Judge mode: how many of the test's observations its assertions consumed.
    nlohmann::json replay_summary() const {
        const auto it = recordings_.find(test_);
        return {{"recorded", it == recordings_.end() ? 0 : it->second.size()}, {"used", used_}};
    }

private:
    static constexpr std::size_t kMaxObservations = 64;  // per test case; the kit's tests use up to 12
    bool replay_ = false;
    std::string test_;
    std::size_t used_ = 0, recorded_ = 0;
    std::map<std::string, std::vector<std::string>> recordings_;
};

RunChannel g_channel;

class GraderListener : public Catch::TestEventListenerBase {
public:
    using TestEventListenerBase::TestEventListenerBase;

    void testRunStarting(Catch::TestRunInfo const& info) override {
        TestEventListenerBase::testRunStarting(info);
        emit({{"event", "run"}});
    }

    void testCaseStarting(Catch::TestCaseInfo const& info) override {
        TestEventListenerBase::testCaseStarting(info);
        failures_ = nlohmann::json::array();
        aio::testing::detail::clear_pending_check();
        g_guards.clear();
        g_bad_alloc = false;
        aio::trace::clear();
        aio::testing::forget_used_activities();
        g_channel.start(info.name);
        emit({{"event", "start"}, {"test", info.name}});
    }

    bool assertionEnded(Catch::AssertionStats const& stats) override {
        const Catch::AssertionResult& r = stats.assertionResult;
        if (!r.isOk() && failures_.size() < 20) {
            // The check as data (aio/feedback/json.hpp): the grader renders it like the kit's
            // reporter does. `message` stays for the judge's memory-limit test on the text.
            failures_.push_back({{"kind", result_kind(r.getResultType())},
                                 {"message", clip(r.getMessage())},
                                 {"check", aio::feedback::to_json(aio::testing::failed_check(stats))},
                                 {"file", r.getSourceInfo().file},
                                 {"line", r.getSourceInfo().line}});
        }
        return TestEventListenerBase::assertionEnded(stats);
    }

    void fatalErrorEncountered(Catch::StringRef name) override { emit({{"event", "fatal"}, {"signal", std::string(name)}}); }

    void testCaseEnded(Catch::TestCaseStats const& stats) override {
        const auto& a = stats.totals.assertions;
        emit({{"event", "end"},
              {"test", stats.testInfo.name},
              {"passed", a.failed == 0 && !stats.aborting},
              {"assertions", {{"passed", a.passed}, {"failed", a.failed}}},
              {"failures", failures_},
              {"virtual_time", aio::clock::now()},
              {"guards", guards_json()},
              {"bad_alloc", g_bad_alloc},
              {"trace", export_trace()},
              {"replay", g_channel.replaying() ? g_channel.replay_summary() : nlohmann::json()}});
        TestEventListenerBase::testCaseEnded(stats);
    }

    void testRunEnded(Catch::TestRunStats const& stats) override {
        emit({{"event", "done"}, {"failed", stats.totals.testCases.failed}, {"passed", stats.totals.testCases.passed}});
        TestEventListenerBase::testRunEnded(stats);
    }

private:
    nlohmann::json failures_ = nlohmann::json::array();
};

}  // namespace

CATCH_REGISTER_LISTENER(GraderListener)

// Runtime guard errors that escape a test get a stable prefix the grader's judge recognises.
CATCH_TRANSLATE_EXCEPTION(aio::DeadlockError const& e) { return std::string("DeadlockError: ") + e.what(); }
CATCH_TRANSLATE_EXCEPTION(aio::VirtualTimeLimitError const& e) { return std::string("VirtualTimeLimitError: ") + e.what(); }
CATCH_TRANSLATE_EXCEPTION(aio::StepLimitError const& e) { return std::string("StepLimitError: ") + e.what(); }

CATCH_TRANSLATE_EXCEPTION(aio::testing::ReplayError const& e) { return std::string("ReplayError: ") + e.what(); }

namespace {

// Judge server (AIO_GRADER_JUDGE_SERVER set by the grader): one judge per exercise serves a whole
// batch from one sandbox, instead of a sandboxed process started per submission (most of a
// judge's cost). Each request is judged in a fork of the server taken before any test ran, so no
// request sees what another left behind, and a crash ends only that request.
//   fd 0, requests, one JSON object per line:
//     {"args": [Catch2 arguments], "nonce": 64 hex, "replay": [{"test", "obs"}], "wall": s, "cpu": s}
//   fd 3, replies, one JSON object per line, after the fork has ended:
//     {"exited": bool, "exit": n, "signal": n, "timed_out": bool, "results": its fd-3 text, "overflow": bool}
constexpr std::size_t kMaxReplyResults = 8 << 20;  // as the grader keeps of a test process

[[noreturn]] void judge_request(const nlohmann::json& request, int results_fd) {
    std::signal(SIGPIPE, SIG_DFL);
    ::close(0);
    if (::dup2(results_fd, kResultFd) < 0) ::_exit(125);
    ::close(results_fd);
    const int null = ::open("/dev/null", O_RDWR);
    if (null < 0 || ::dup2(null, 0) < 0 || ::dup2(null, 1) < 0 || ::dup2(null, 2) < 0) ::_exit(125);
    if (null > 2) ::close(null);
    const double cpu = request.value("cpu", 10.0);
    const rlim_t cpu_limit = rlim_t(std::ceil(std::max(cpu, 1.0)));
    rlimit r{cpu_limit, cpu_limit + 1};
    ::setrlimit(RLIMIT_CPU, &r);
    const std::string nonce = request.value("nonce", "");
    if (nonce.size() != 64 || !g_channel.load(request.value("replay", nlohmann::json::array()))) ::_exit(2);
    std::memcpy(g_nonce, nonce.data(), 64);
    aio::testing::set_observer(&g_channel);
    std::vector<std::string> args{"judge"};
    for (const auto& a : request.value("args", nlohmann::json::array()))
        if (a.is_string()) args.push_back(a.get<std::string>());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = Catch::Session().run(int(args.size()), argv.data());
    std::fflush(nullptr);
    ::_exit(rc);
}

nlohmann::json judge_one(const nlohmann::json& request) {
    nlohmann::json reply{{"exited", false}, {"exit", -1}, {"signal", 0}, {"timed_out", false}, {"overflow", false}};
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return reply;
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(p[0]);
        ::close(p[1]);
        reply["error"] = "fork failed";
        return reply;
    }
    if (pid == 0) {
        ::close(p[0]);
        judge_request(request, p[1]);
    }
    ::close(p[1]);
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::duration<double>(request.value("wall", 10.0));
    std::string results;
    char buf[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
        pollfd pf{p[0], POLLIN, 0};
        if (left <= 0 || ::poll(&pf, 1, int(left)) == 0) {
            reply["timed_out"] = true;
            ::kill(pid, SIGKILL);
            break;
        }
        const ssize_t n = ::read(p[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EOF: the fork has ended (or closed its results)
        const std::size_t keep = std::min(std::size_t(n), kMaxReplyResults - std::min(kMaxReplyResults, results.size()));
        results.append(buf, keep);
        if (keep < std::size_t(n)) reply["overflow"] = true;
    }
    ::close(p[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) {
        reply["exited"] = true;
        reply["exit"] = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        reply["signal"] = WTERMSIG(status);
    }
    reply["results"] = std::move(results);
    return reply;
}

int serve_judge() {
    std::signal(SIGPIPE, SIG_IGN);  // the grader went away: the next write fails, the loop ends
    std::string line;
    char buf[65536];
    for (;;) {
        const std::size_t nl = line.find('\n');
        if (nl == std::string::npos) {
            const ssize_t n = ::read(0, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return 0;  // the grader closed the requests: the batch is over
            line.append(buf, std::size_t(n));
            continue;
        }
        const nlohmann::json request = nlohmann::json::parse(line.substr(0, nl), nullptr, false);
        line.erase(0, nl + 1);
        nlohmann::json reply = request.is_object() ? judge_one(request) : nlohmann::json{{"error", "bad request"}};
        const std::string out = reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        for (std::size_t done = 0; done < out.size();) {
            const ssize_t n = ::write(kResultFd, out.data() + done, out.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return 0;
            done += std::size_t(n);
        }
    }
}

// Fork mode (AIO_GRADER_FORK_EACH, set by the grader for test processes): every selected test
// runs in a fork of this process taken after start-up and before any test, so each test starts
// from the state its lone run would start from, and a crash, exit or failure is that test's own,
// at the price of one fork instead of one sandboxed process per test. Each fork ends as a lone
// run ends (std::exit: static destructors, atexit). For each test, in order, fd 3 carries
//   {"event": "child", "spec": its Catch2 spec, "exited", "exit", "signal", "results": its fd-3
//    text, "overflow", "stdout": [from, to], "stderr": [from, to]}   (byte offsets of its output)
// and {"event": "done"} after the last. A fork killed from outside (the grader's limits end the
// whole sandbox) has no record: the grader runs it again, first in a process of its own.
std::vector<std::string> split_test_spec(const std::string& spec) {
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] == '\\' && i + 1 < spec.size()) {
            out.back() += spec.substr(i, 2);
            ++i;
        } else if (spec[i] == ',') {
            out.emplace_back();
        } else {
            out.back() += spec[i];
        }
    }
    return out;
}

[[noreturn]] void run_one_forked(int argc, char* argv[], const std::string& spec, int results_fd) {
    ::setpgid(0, 0);  // its own group: what it leaves behind is killed with it
    if (::dup2(results_fd, kResultFd) < 0) ::_exit(125);
    ::close(results_fd);
    ::fcntl(kResultFd, F_SETFD, FD_CLOEXEC);
    g_seq = 0;
    std::vector<std::string> args{argv[0], spec};
    for (int i = 2; i < argc; ++i) args.emplace_back(argv[i]);
    std::vector<char*> cargv;
    for (auto& a : args) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    const int rc = Catch::Session().run(int(args.size()), cargv.data());
    std::exit(rc);
}

off_t output_offset(int fd) { return ::lseek(fd, 0, SEEK_CUR); }

int run_each_in_fork(int argc, char* argv[]) {
    for (const std::string& spec : split_test_spec(argc > 1 ? argv[1] : "")) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0) return 125;
        std::fflush(nullptr);  // nothing buffered is written twice
        const off_t out_from = output_offset(1), err_from = output_offset(2);
        const pid_t pid = ::fork();
        if (pid < 0) return 125;
        if (pid == 0) {
            ::close(p[0]);
            run_one_forked(argc, argv, spec, p[1]);
        }
        ::close(p[1]);
        // Read its records until it has ended: not until EOF, which a process it left behind
        // could hold off. The pidfd reports the end without waking this process otherwise (a
        // parent polling on a timer would look busy to the grader's stall watcher).
        const int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
        std::string results;
        bool overflow = false, ended = false;
        char buf[65536];
        auto take = [&](ssize_t n) {
            const std::size_t keep = std::min(std::size_t(n), kMaxReplyResults - std::min(kMaxReplyResults, results.size()));
            results.append(buf, keep);
            overflow = overflow || keep < std::size_t(n);
        };
        while (!ended) {
            pollfd pf[2] = {{p[0], POLLIN, 0}, {pidfd, POLLIN, 0}};
            if (::poll(pf, pidfd >= 0 ? 2 : 1, -1) < 0) {
                if (errno == EINTR) continue;
                break;
            }
            if (pf[0].revents) {
                const ssize_t n = ::read(p[0], buf, sizeof buf);
                if (n > 0) take(n);
                else if (n == 0 || errno != EINTR) ended = true;  // EOF: every writer is gone
            }
            if (pidfd >= 0 && pf[1].revents) ended = true;
        }
        ::fcntl(p[0], F_SETFL, O_NONBLOCK);  // what it wrote before it ended
        for (ssize_t n; (n = ::read(p[0], buf, sizeof buf)) > 0;) take(n);
        ::close(p[0]);
        if (pidfd >= 0) ::close(pidfd);
        int status = 0;
        rusage ru{};
        while (::wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
        }
        ::kill(-pid, SIGKILL);
        const double cpu = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
        nlohmann::json rec{{"event", "child"}, {"spec", spec}, {"cpu", cpu}, {"exited", WIFEXITED(status)},
                           {"exit", WIFEXITED(status) ? WEXITSTATUS(status) : -1},
                           {"signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0},
                           {"results", std::move(results)}, {"overflow", overflow},
                           {"stdout", {out_from, output_offset(1)}}, {"stderr", {err_from, output_offset(2)}}};
        emit(std::move(rec));
    }
    emit({{"event", "done"}});
    return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
    if (std::getenv("AIO_GRADER_JUDGE_SERVER") && !g_nonce[0]) return serve_judge();
    // Judge mode is chosen by the grader, which starts the judge binary itself; the subject's
    // environment is cleared, and a subject that sets this variable only replays nothing.
    if (const char* replay = std::getenv("AIO_GRADER_REPLAY"); replay && *replay) {
        if (!g_channel.load(replay)) {
            std::fprintf(stderr, "grader runner: cannot read the recorded runs %s\n", replay);
            return 2;
        }
    }
    if (g_channel.replaying() || g_nonce[0]) aio::testing::set_observer(&g_channel);
    if (std::getenv("AIO_GRADER_FORK_EACH") && g_nonce[0] && !g_channel.replaying()) return run_each_in_fork(argc, argv);
    return Catch::Session().run(argc, argv);
}
