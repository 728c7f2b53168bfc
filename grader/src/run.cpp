#include "run.hpp"

#include "monitor.hpp"

#include <fmt/format.h>

#ifndef BOOST_PROCESS_USE_STD_FS
#define BOOST_PROCESS_USE_STD_FS
#endif
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/posix.hpp>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

namespace grader {
namespace bp = boost::process;

namespace {

// Everything the child does between vfork and exec. Only async-signal-safe calls that touch no
// memory of the parent: the grader is multithreaded and the child shares its address space
// (vfork: forking a grader that holds a whole class in memory costs more than the test runs).
struct ChildSetup : bp::extend::handler {
    int in_fd = -1, out_fd = -1, err_fd = -1, results_fd = -1, nonce_fd = -1;
    const char* cwd = nullptr;  // chdir here (without bwrap; bwrap gets --chdir)
    rlim_t cpu = RLIM_INFINITY, as = RLIM_INFINITY, fsize = RLIM_INFINITY, nproc = RLIM_INFINITY;
    bool drop = false;
    uid_t uid = 0;
    gid_t gid = 0;
    pid_t parent = 0;

    static void fail(const char* what) {
        const char prefix[] = "grader: child setup failed: ";
        (void)!::write(2, prefix, sizeof prefix - 1);
        (void)!::write(2, what, ::strlen(what));
        (void)!::write(2, "\n", 1);
        ::_exit(125);
    }

    template <class Executor>
    void on_exec_setup(Executor&) const {
        ::setpgid(0, 0);
        if (::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) fail("dup2 stdio");
        if (results_fd >= 0 && ::dup2(results_fd, 3) < 0) fail("dup2 results");
        if (nonce_fd >= 0 && ::dup2(nonce_fd, 4) < 0) fail("dup2 nonce");
        const unsigned first_private = nonce_fd >= 0 ? 5 : results_fd >= 0 ? 4 : 3;
        ::syscall(SYS_close_range, first_private, ~0U, CLOSE_RANGE_CLOEXEC);
        if (cwd && ::chdir(cwd) != 0) fail("chdir");
        struct rlimit r;
        auto set = [&](int res, rlim_t soft, rlim_t hard, const char* what) {
            r.rlim_cur = soft;
            r.rlim_max = hard;
            if (::setrlimit(res, &r) != 0) fail(what);
        };
        set(RLIMIT_CORE, 0, 0, "RLIMIT_CORE");
        if (cpu != RLIM_INFINITY) set(RLIMIT_CPU, cpu, cpu + 1, "RLIMIT_CPU");
        if (as != RLIM_INFINITY) set(RLIMIT_AS, as, as, "RLIMIT_AS");
        if (fsize != RLIM_INFINITY) set(RLIMIT_FSIZE, fsize, fsize, "RLIMIT_FSIZE");
        if (nproc != RLIM_INFINITY) set(RLIMIT_NPROC, nproc, nproc, "RLIMIT_NPROC");
        if (drop) {
            // Raw system calls: glibc's wrappers would try to change every thread of the (shared)
            // parent, and this runs in a vfork child.
            if (::syscall(SYS_setgroups, 0, nullptr) != 0 || ::syscall(SYS_setresgid, gid, gid, gid) != 0 ||
                ::syscall(SYS_setresuid, uid, uid, uid) != 0)
                fail("drop privileges");
        }
        // Dies with the grader thread that started it (set after setuid, which clears it), so an
        // interrupted batch leaves nothing running.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(125);
        // Default dispositions: the grader ignores SIGPIPE, the test must not inherit that.
        ::signal(SIGPIPE, SIG_DFL);
    }
};

int open_or_throw(const fs::path& p, int flags) {
    int fd = ::open(p.c_str(), flags | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", p.string(), ::strerror(errno)));
    int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);  // far from 0..4, which the child remaps
    ::close(fd);
    return high;
}

int memory_file(const char* name) {
    int fd = int(::syscall(SYS_memfd_create, name, MFD_CLOEXEC));
    if (fd < 0) throw std::runtime_error(fmt::format("memfd_create failed: {}", ::strerror(errno)));
    int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
    ::close(fd);
    return high;
}

// Size of the file, and up to max_bytes of it from the start.
std::size_t read_back(int fd, std::size_t max_bytes, std::string& out) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return 0;
    const std::size_t size = std::size_t(st.st_size);
    out.resize(std::min(size, max_bytes));
    std::size_t got = 0;
    while (got < out.size()) {
        ssize_t n = ::pread(fd, out.data() + got, out.size() - got, off_t(got));
        if (n <= 0) break;
        got += std::size_t(n);
    }
    out.resize(got);
    return size;
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Tasks (processes and threads) that `uid` owns right now. RLIMIT_NPROC is checked against this
// per-user count, not per sandbox, so a fixed limit fails at random (execve -> EAGAIN) when other
// graders or parallel jobs run as the same user; the limit is set to "what exists + allowance".
long scan_user_tasks(uid_t uid) {
    long total = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
        FILE* f = std::fopen((entry.path() / "status").c_str(), "r");
        if (!f) continue;
        char line[256];
        bool mine = false;
        long threads = 1;
        while (std::fgets(line, sizeof line, f)) {
            unsigned real = 0;
            if (std::sscanf(line, "Uid: %u", &real) == 1) mine = real == uid;
            std::sscanf(line, "Threads: %ld", &threads);
        }
        std::fclose(f);
        if (mine) total += threads;
    }
    return total;
}

// Scanning all of /proc costs milliseconds: a count at most 0.2 s old is reused. The allowance on
// top of it (run_tests.cpp) covers what parallel jobs start meanwhile.
long count_user_tasks(uid_t uid) {
    static std::mutex mutex;
    static uid_t cached_uid = uid_t(-1);
    static long cached = 0;
    static std::chrono::steady_clock::time_point when;
    std::lock_guard lock(mutex);
    const auto now = std::chrono::steady_clock::now();
    if (uid != cached_uid || now - when > std::chrono::milliseconds(200)) {
        cached = scan_user_tasks(uid);
        cached_uid = uid;
        when = now;
    }
    return cached;
}

bool is_inside(const fs::path& p, const fs::path& dir) {
    auto rel = p.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

std::vector<std::string> bwrap_argv(const ProcessSpec& spec) {
    std::vector<std::string> a{"bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"};
    std::vector<fs::path> hide;
    for (const auto& h : spec.view.hide) {
        std::error_code ec;
        if (h == "/" || !fs::is_directory(h, ec)) continue;
        hide.push_back(h.lexically_normal());
    }
    std::sort(hide.begin(), hide.end());
    std::vector<fs::path> kept;
    for (const auto& h : hide)
        if (std::none_of(kept.begin(), kept.end(), [&](const fs::path& k) { return k == h || is_inside(h, k); }))
            kept.push_back(h);
    for (const auto& h : kept) a.insert(a.end(), {"--tmpfs", h.string()});
    for (const auto& p : spec.view.read_only) a.insert(a.end(), {"--ro-bind", p.string(), p.string()});
    for (const auto& p : spec.view.writable) a.insert(a.end(), {"--bind", p.string(), p.string()});
    a.insert(a.end(), {"--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--chdir",
                       spec.cwd.string(), "--"});
    a.insert(a.end(), spec.argv.begin(), spec.argv.end());
    return a;
}

// Direct children run_process is waiting for. bwrap leaves an orphan behind at every run (its
// namespace's init process); the grader is a child subreaper and reaps those here, because an
// init that reaps slowly (containers) would let zombies of the sandbox user pile up until
// RLIMIT_NPROC refuses the next sandbox.
std::mutex g_children_mutex;
std::set<pid_t> g_children;
constexpr unsigned kReapEvery = 8;

void reap_orphans() {
    DIR* dir = ::opendir("/proc");
    if (!dir) return;
    const pid_t self = ::getpid();
    std::string buf;
    while (dirent* e = ::readdir(dir)) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
        char path[300];
        std::snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        ProcStat stat;
        if (!read_proc_file(path, buf) || !parse_proc_stat(buf.c_str(), stat) || stat.ppid != self || stat.state != 'Z') continue;
        const pid_t pid = pid_t(std::atoi(e->d_name));
        std::lock_guard lock(g_children_mutex);
        if (!g_children.count(pid)) ::waitpid(pid, nullptr, WNOHANG);
    }
    ::closedir(dir);
}

}  // namespace

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }

void reserve_low_descriptors() {
    for (int fd = 3; fd <= 9; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1) continue;
        int n = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (n >= 0 && n != fd) {
            ::dup3(n, fd, O_CLOEXEC);
            ::close(n);
        }
    }
}

std::string signal_name(int sig) {
    if (const char* abbrev = ::sigabbrev_np(sig)) return std::string("SIG") + abbrev;
    return fmt::format("signal {}", sig);
}

void hand_over(const fs::path& dir, const SandboxInfo& sandbox) {
    if (!sandbox.drop_user) return;
    std::error_code ec;
    if (::chown(dir.c_str(), sandbox.uid, sandbox.gid) != 0) return;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        (void)!::lchown(it->path().c_str(), sandbox.uid, sandbox.gid);
}

SandboxInfo detect_sandbox(const SandboxConfig& config) {
    SandboxInfo s;
    if (::geteuid() == 0) {
        if (const passwd* pw = ::getpwnam(config.user.c_str())) {
            s.drop_user = true;
            s.uid = pw->pw_uid;
            s.gid = pw->pw_gid;
            s.user = config.user;
        }
    }
    if (config.mode != "rlimits") {
        // A real probe: bwrap may be installed but unable to create namespaces (containers).
        ProcessSpec probe;
        probe.argv = {"/bin/true"};
        probe.cwd = "/";
        probe.stdout_path = "/dev/null";
        probe.stderr_path = "/dev/null";
        probe.limits.wall_seconds = 10;
        SandboxInfo trial = s;
        trial.bwrap = true;
        ProcessResult r = run_process(probe, trial);
        s.bwrap = r.launched && r.exited && r.exit_code == 0;
        if (!s.bwrap && config.mode == "bwrap")
            throw std::runtime_error("sandbox.mode = bwrap, but bubblewrap cannot create a sandbox here");
    }
    std::string who = s.drop_user ? fmt::format(", as user {}", s.user) : "";
    if (s.bwrap) {
        s.description = "bubblewrap sandbox (no network, read-only system, kit and other submissions hidden) + rlimits" + who;
        s.description_ko = "bubblewrap 샌드박스(네트워크 없음, 시스템 읽기 전용, 키트와 다른 제출물 숨김) + 자원 제한(rlimit)";
    } else {
        s.description = "rlimits only (bubblewrap unavailable or disabled): no network or filesystem isolation" + who;
        s.description_ko = "자원 제한(rlimit)만 적용: bubblewrap을 쓸 수 없어 네트워크·파일 시스템 격리가 없습니다";
    }
    return s;
}

ProcessResult run_process(const ProcessSpec& spec, const SandboxInfo& sandbox) {
    ProcessResult result;
    ChildSetup setup;
    // In-memory files for the test's output: no disk inode per test, and RLIMIT_FSIZE applies
    // to them like to any regular file.
    const bool capture = spec.stdout_path.empty();
    Fd in{open_or_throw("/dev/null", O_RDONLY)};
    Fd out{capture ? memory_file("stdout") : open_or_throw(spec.stdout_path, O_WRONLY | O_CREAT | O_TRUNC)};
    Fd err{capture ? memory_file("stderr") : open_or_throw(spec.stderr_path, O_WRONLY | O_CREAT | O_TRUNC)};
    Fd res, nonce_read;
    setup.in_fd = in.fd;
    setup.out_fd = out.fd;
    setup.err_fd = err.fd;
    if (spec.results) {
        res.fd = memory_file("results");
        setup.results_fd = res.fd;
    }
    if (!spec.nonce.empty()) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
        nonce_read.fd = ::fcntl(p[0], F_DUPFD_CLOEXEC, 10);
        ::close(p[0]);
        (void)!::write(p[1], spec.nonce.data(), spec.nonce.size());  // fits in the pipe buffer
        ::close(p[1]);
        setup.nonce_fd = nonce_read.fd;
    }
    const std::string cwd = spec.cwd.string();
    if (!sandbox.bwrap) setup.cwd = cwd.c_str();
    setup.cpu = rlim_t(std::ceil(std::max(spec.limits.cpu_seconds, 1.0)));
    setup.as = rlim_t(spec.limits.memory_bytes);
    setup.fsize = rlim_t(spec.limits.file_bytes);
    setup.nproc = rlim_t(spec.limits.processes);
    setup.nproc = rlim_t(count_user_tasks(sandbox.drop_user ? sandbox.uid : ::getuid()) + spec.limits.processes);
    setup.drop = sandbox.drop_user;
    setup.uid = sandbox.uid;
    setup.gid = sandbox.gid;
    setup.parent = ::getpid();
    if (!sandbox.drop_user && !sandbox.bwrap) {
        // Unprivileged and unsandboxed, RLIMIT_NPROC counts every process of this user, including
        // the grader's own workers; leave room for them.
        setup.nproc = RLIM_INFINITY;
    }

    std::vector<std::string> argv = sandbox.bwrap ? bwrap_argv(spec) : spec.argv;
    bp::environment env;
    for (const auto& [k, v] : spec.env) env[k] = v;
    const std::string exe = argv[0] == "bwrap" ? bp::search_path("bwrap").string() : argv[0];
    std::vector<std::string> args(argv.begin() + 1, argv.end());

    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    pid_t pid = 0;
    {
        // Registered before any reaper can look, so only wait4 below reaps this child.
        std::lock_guard lock(g_children_mutex);
        bp::child child(bp::exe = exe, bp::args = args, bp::env = env, setup, bp::posix::use_vfork, ec);
        if (ec || !child.valid()) {
            result.launch_error = ec ? ec.message() : "invalid child";
            return result;
        }
        pid = child.id();
        g_children.insert(pid);
        child.detach();  // reaped below with wait4, which also gives CPU time and peak memory
    }
    result.launched = true;

    const double wall = spec.limits.wall_seconds;
    int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Most tests end within milliseconds, before the first tick: watching costs them nothing.
    const double tick = spec.limits.watch ? 0.05 : wall;
    StallDetector stall(spec.limits.idle_seconds);
    double watched_cpu = 0;  // wait4 cannot see the test inside bwrap (its namespace init reaps it)
    bool done = false;
    while (!done) {
        double left = wall - elapsed();
        if (left <= 0) {
            result.timed_out = true;
            break;
        }
        if (pidfd >= 0) {
            pollfd p{pidfd, POLLIN, 0};
            int n = ::poll(&p, 1, int(std::ceil(std::min(left, tick) * 1000)));
            if (n > 0) done = true;
        } else {
            siginfo_t info{};
            if (::waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) done = true;
            else std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        if (done || !spec.limits.watch) continue;
        const TreeSample sample = sample_tree(pid);
        watched_cpu = std::max(watched_cpu, sample.cpu_seconds);
        if (sample.complete && sample.cpu_seconds >= spec.limits.cpu_seconds) {
            result.cpu_exceeded = true;
            break;
        }
        if (stall.update(sample, elapsed())) {
            result.stalled = true;
            break;
        }
    }
    if (!done) {
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
    }
    int status = 0;
    rusage ru{};
    while (::wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    ::kill(-pid, SIGKILL);  // stragglers the test left in its process group
    if (pidfd >= 0) ::close(pidfd);
    {
        std::lock_guard lock(g_children_mutex);
        g_children.erase(pid);
    }
    // Scanning /proc costs about as much as a short test: do it every few sandboxes. At most
    // kReapEvery + jobs orphans wait meanwhile (the NPROC headroom in run_tests.cpp covers them).
    static std::atomic<unsigned> runs{0};
    if (sandbox.bwrap && ++runs % kReapEvery == 0) reap_orphans();
    result.wall_seconds = elapsed();
    result.cpu_seconds = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    result.cpu_seconds = std::max(result.cpu_seconds, watched_cpu);
    result.max_rss_kb = ru.ru_maxrss;
    if (WIFEXITED(status)) {
        result.exited = true;
        result.exit_code = WEXITSTATUS(status);
        // bwrap reports a child killed by signal N as exit status 128+N.
        if (sandbox.bwrap && result.exit_code > 128 && result.exit_code < 128 + 65) {
            result.exited = false;
            result.signal = result.exit_code - 128;
        }
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    if (capture) {
        result.stdout_bytes = long(read_back(out.fd, 64 << 10, result.stdout_text));
        result.stderr_bytes = long(read_back(err.fd, 64 << 10, result.stderr_text));
    }
    if (res.fd >= 0) read_back(res.fd, 8 << 20, result.results_text);
    return result;
}

}  // namespace grader
