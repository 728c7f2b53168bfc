#include "judge_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "build.hpp"

namespace grader {

namespace {

// A server lives as long as its batch; this only bounds a server nobody ends.
constexpr double kServerWallSeconds = 24 * 3600;
// How much longer than a judge's own wall limit the grader waits for its reply.
constexpr double kReplySlackSeconds = 10;

int high_cloexec(int fd) {  // far from 0..4, which the child remaps
    const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
    ::close(fd);
    return high;
}

bool write_all(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += std::size_t(n);
    }
    return true;
}

}  // namespace

struct JudgeServers::Server {
    std::mutex mutex;  // one request at a time: each is a few milliseconds
    int requests = -1, replies = -1;
    std::string pending;  // reply bytes read past the last line
    std::thread thread;   // in run_process for the server's whole life
    std::atomic<bool> usable{true};
    ProcessResult ended;  // how the server ended (for the log, once joined)

    ~Server() {
        // End of requests: the server exits. Closing the replies too ends a server blocked on a
        // reply nobody reads any more (one that came too late).
        if (requests >= 0) ::close(requests);
        if (replies >= 0) ::close(replies);
        if (thread.joinable()) thread.join();
    }
    // One reply line, or nullopt on end-of-file, a timeout or a broken line.
    std::optional<json> read_reply(double seconds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        char buf[65536];
        for (;;) {
            if (const std::size_t nl = pending.find('\n'); nl != std::string::npos) {
                json reply = json::parse(pending.substr(0, nl), nullptr, false);
                pending.erase(0, nl + 1);
                if (!reply.is_object()) return std::nullopt;
                return reply;
            }
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
            pollfd p{replies, POLLIN, 0};
            if (left <= 0 || ::poll(&p, 1, int(left)) == 0) return std::nullopt;
            const ssize_t n = ::read(replies, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return std::nullopt;
            pending.append(buf, std::size_t(n));
        }
    }
};

JudgeServers::JudgeServers(const BatchContext& ctx, fs::path dir) : ctx_(ctx), dir_(std::move(dir)) {}

JudgeServers::~JudgeServers() = default;

JudgeServers::Server* JudgeServers::server_for(const fs::path& binary, const Limits& limits) {
    std::lock_guard lock(mutex_);
    if (auto it = servers_.find(binary); it != servers_.end()) return it->second.get();
    auto server = std::make_unique<Server>();
    Server* s = server.get();
    servers_[binary] = std::move(server);

    int req[2], rep[2];
    if (::pipe2(req, O_CLOEXEC) != 0) return s->usable = false, s;
    if (::pipe2(rep, O_CLOEXEC) != 0) {
        ::close(req[0]);
        ::close(req[1]);
        return s->usable = false, s;
    }
    s->requests = high_cloexec(req[1]);
    s->replies = high_cloexec(rep[0]);

    const fs::path home = dir_ / fmt::format("judge-{:02d}", servers_.size());
    fs::create_directories(home);
    hand_over(home, ctx_.sandbox);
    ::chmod(home.c_str(), 0700);
    ProcessSpec spec;
    spec.argv = {binary.string()};
    spec.cwd = home;
    spec.env = clean_env(home);
    spec.env.emplace_back("AIO_GRADER_JUDGE_SERVER", "1");
    spec.stdout_path = dir_ / fmt::format("judge-{:02d}.out", servers_.size());
    spec.stderr_path = dir_ / fmt::format("judge-{:02d}.err", servers_.size());
    spec.stdin_fd = high_cloexec(req[0]);
    spec.fd3 = high_cloexec(rep[1]);
    // Each fork gets the exercise's limits; the server holds them for all (memory, files).
    spec.limits.wall_seconds = kServerWallSeconds;
    spec.limits.cpu_seconds = kServerWallSeconds;
    spec.limits.memory_bytes = limits.memory_mb << 20;
    spec.limits.file_bytes = limits.output_kb << 10;
    spec.limits.processes = limits.processes + ctx_.other_jobs_processes() + 16;  // as a test (run_tests.cpp)
    spec.view.hide = ctx_.hidden_paths;
    spec.view.read_only = program_files(binary);
    spec.view.scratch = {home};
    s->thread = std::thread([s, spec = std::move(spec), sandbox = ctx_.sandbox] {
        try {
            s->ended = run_process(spec, sandbox);
        } catch (const std::exception& e) {
            s->ended.launch_error = e.what();
        }
        s->usable = false;
    });
    return s;
}

std::optional<ProcessResult> JudgeServers::judge(const fs::path& binary, const std::vector<std::string>& args,
                                                 const std::string& nonce, const json& replay, const Limits& limits) {
    Server* s = server_for(binary, limits);
    std::lock_guard lock(s->mutex);
    if (!s->usable) return std::nullopt;
    const json request{{"args", args}, {"nonce", nonce}, {"replay", replay}, {"wall", limits.wall_seconds},
                       {"cpu", limits.cpu_seconds}};
    std::optional<json> reply;
    if (write_all(s->requests, request.dump() + "\n")) reply = s->read_reply(limits.wall_seconds + kReplySlackSeconds);
    if (!reply || reply->contains("error")) {
        // A reply that never came may still come: later requests would read it as theirs.
        if (!reply) s->usable = false;
        return std::nullopt;
    }
    ProcessResult r;
    r.launched = true;
    r.exited = reply->value("exited", false);
    r.exit_code = reply->value("exit", -1);
    r.signal = reply->value("signal", 0);
    r.timed_out = reply->value("timed_out", false);
    r.results_text = reply->value("results", "");
    r.results_overflow = reply->value("overflow", false);
    return r;
}

}  // namespace grader
