#include "run.hpp"

#include "monitor.hpp"

#include <fmt/format.h>

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

// Where the child puts the inner seccomp program for bwrap's --seccomp (it reads and closes it).
// Above the runner's protocol descriptors (3, 4, ...); the grader keeps 3..9 occupied.
constexpr int kBwrapSeccompFd = 9;
// grader-lifeline (runner/lifeline.cpp) starts bwrap: the read end of the lifeline pipe, and
// the descriptor on which bwrap reports its namespace child's PID to it.
constexpr int kLifelineFd = 8;
constexpr int kBwrapInfoFd = 7;
constexpr long kLifelineGraceMs = 2000;
// The watcher samples a test's process tree once per tick (most tests end before the first),
// and sooner when the CPU limit could run out before the next tick, but not more often than
// this: /proc counts CPU time in 10 ms steps.
constexpr double kWatchTickSeconds = 0.05;
constexpr double kWatchMinTickSeconds = 0.005;

// One pipe for the grader's whole life: the write end never leaves this process (close-on-exec),
// so every sandbox's copy of the read end reports hang-up the moment the grader dies.
int lifeline_read_end() {
    static const int fd = [] {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed (lifeline)");
        const int read_end = ::fcntl(p[0], F_DUPFD_CLOEXEC, 10);
        (void)::fcntl(p[1], F_DUPFD_CLOEXEC, 10);  // kept open, unused, until the grader exits
        ::close(p[0]);
        ::close(p[1]);
        return read_end;
    }();
    return fd;
}

// Everything the child does between vfork and exec. Only async-signal-safe calls that touch no
// memory of the parent: the grader is multithreaded and the child shares its address space
// (vfork: forking a grader that holds a whole class in memory costs more than the test runs).
struct ChildSetup : bp::extend::handler {
    int in_fd = -1, out_fd = -1, err_fd = -1, results_fd = -1, nonce_fd = -1;
    const char* cwd = nullptr;  // chdir here (without bwrap; bwrap gets --chdir)
    rlim_t cpu = RLIM_INFINITY, as = RLIM_INFINITY, fsize = RLIM_INFINITY, nproc = RLIM_INFINITY;
    rlim_t nofile = RLIM_INFINITY;
    const sock_fprog* filter = nullptr;  // outer seccomp filter, installed last (seccomp.hpp)
    int bwrap_filter_fd = -1;            // the inner filter's bytes, for bwrap --seccomp
    int lifeline_fd = -1;                // becomes kLifelineFd (bwrap only)
    int cgroup_fds[2] = {-1, -1};        // cgroup.procs of the run's groups (cgroup::RunGroup)
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
        // Into the run's cgroups first, while still privileged: everything this process starts
        // is then counted together.
        if (cgroup_fds[0] >= 0) {
            char digits[24];
            int n = 0;
            for (long pid = ::syscall(SYS_getpid); pid > 0; pid /= 10) digits[n++] = char('0' + pid % 10);
            char text[24];
            for (int i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
            for (int fd : cgroup_fds)
                if (fd >= 0 && ::write(fd, text, std::size_t(n)) != n) fail("join cgroup");
        }
        if (::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) fail("dup2 stdio");
        if (results_fd >= 0 && ::dup2(results_fd, 3) < 0) fail("dup2 results");
        if (nonce_fd >= 0 && ::dup2(nonce_fd, 4) < 0) fail("dup2 nonce");
        const unsigned first_private = nonce_fd >= 0 ? 5 : results_fd >= 0 ? 4 : 3;
        ::syscall(SYS_close_range, first_private, ~0U, CLOSE_RANGE_CLOEXEC);
        // After close_range: the inner filter's descriptor must survive the exec of bwrap.
        if (bwrap_filter_fd >= 0 && ::dup2(bwrap_filter_fd, kBwrapSeccompFd) < 0) fail("dup2 seccomp");
        if (lifeline_fd >= 0 && ::dup2(lifeline_fd, kLifelineFd) < 0) fail("dup2 lifeline");
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
        if (nofile != RLIM_INFINITY) set(RLIMIT_NOFILE, nofile, nofile, "RLIMIT_NOFILE");
        if (drop) {
            // Raw system calls: glibc's wrappers would try to change every thread of the (shared)
            // parent, and this runs in a vfork child.
            if (::syscall(SYS_setgroups, 0, nullptr) != 0 || ::syscall(SYS_setresgid, gid, gid, gid) != 0 ||
                ::syscall(SYS_setresuid, uid, uid, uid) != 0)
                fail("drop privileges");
        }
        // Dies with the grader thread that started it (set after setuid, which clears it), so an
        // interrupted batch leaves nothing running.
        // In a sandbox the child is grader-lifeline, which must outlive the grader to end the
        // sandbox safely: it learns of the grader's death from the lifeline pipe instead.
        if (lifeline_fd < 0) ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(125);
        // Default dispositions: the grader ignores SIGPIPE, the test must not inherit that.
        ::signal(SIGPIPE, SIG_DFL);
        // Last: from here on the denied system calls fail for this process and all it starts.
        if (filter && install_seccomp(filter) != 0) fail("seccomp");
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

// The read end of the results pipe (non-blocking): keeps up to max_bytes, discards the rest so
// the writer never blocks on a full pipe, and stops polling once every writer has closed it.
class ResultsReader {
public:
    ResultsReader(int fd, std::size_t max_bytes) : fd_(fd), max_(max_bytes) {}
    int fd() const { return fd_; }
    bool open() const { return fd_ >= 0 && !closed_; }
    void drain() {
        if (!open()) return;
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n > 0) {
                const std::size_t keep = std::min(std::size_t(n), max_ - std::min(max_, text_.size()));
                text_.append(buf, keep);
                overflow_ = overflow_ || keep < std::size_t(n);
                continue;
            }
            if (n == 0) closed_ = true;  // EOF: no writer left
            if (n < 0 && errno == EINTR) continue;
            return;  // EAGAIN: nothing more for now
        }
    }
    std::string take() { return std::move(text_); }
    bool overflowed() const { return overflow_; }

private:
    int fd_;
    std::size_t max_;
    std::string text_;
    bool closed_ = false, overflow_ = false;
};

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

long tmpfs_size(const ProcessLimits& l) {
    if (l.tmpfs_bytes > 0) return l.tmpfs_bytes;
    return std::clamp(l.memory_bytes / 8, 1L << 20, 8L << 20);
}

// The system runtime a sandbox shows read-only: directories as they are, and the merged-/usr
// links (/bin -> usr/bin, ...) as the same links. Nothing else of the host's root.
struct SystemView {
    std::vector<std::pair<std::string, std::string>> links;  // target, link
    std::vector<std::string> dirs;
    std::vector<std::string> etc;  // files (or directories of links) a program may read in /etc
};

const SystemView& system_view() {
    static const SystemView view = [] {
        SystemView v;
        for (const char* p : {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
            std::error_code ec;
            const auto st = fs::symlink_status(p, ec);
            if (ec) continue;
            if (fs::is_symlink(st)) v.links.emplace_back(fs::read_symlink(p, ec).string(), p);
            else if (fs::is_directory(st)) v.dirs.push_back(p);
        }
        // The dynamic loader's cache, the time zone, Debian's alternatives (links into /usr),
        // and what glibc reads for names and locales. No passwd/group: nothing needs a name.
        for (const char* p : {"/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/etc/nsswitch.conf",
                              "/etc/locale.alias"}) {
            std::error_code ec;
            if (fs::exists(fs::symlink_status(p, ec))) v.etc.push_back(p);
        }
        return v;
    }();
    return view;
}

std::vector<std::string> bwrap_argv(const ProcessSpec& spec, const SandboxInfo& sandbox) {
    const SystemView& system = system_view();
    std::vector<std::string> a{"bwrap"};
    for (const auto& d : system.dirs) a.insert(a.end(), {"--ro-bind", d, d});
    for (const auto& [target, link] : system.links) a.insert(a.end(), {"--symlink", target, link});
    for (const auto& f : system.etc) a.insert(a.end(), {"--ro-bind", f, f});
    const std::string size = std::to_string(tmpfs_size(spec.limits));
    a.insert(a.end(), {"--dev", "/dev", "--proc", "/proc", "--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs",
                       "/dev/shm"});
    // Hidden paths matter only where they lie inside a shown system directory (a kit installed
    // under /usr/local, say): an empty read-only tmpfs over them.
    std::vector<fs::path> hide;
    for (const auto& h : spec.view.hide) {
        std::error_code ec;
        const fs::path n = h.lexically_normal();
        if (n == "/" || !fs::is_directory(n, ec)) continue;
        if (std::any_of(system.dirs.begin(), system.dirs.end(), [&](const std::string& d) { return is_inside(n, d); }))
            hide.push_back(n);
    }
    std::sort(hide.begin(), hide.end());
    std::vector<fs::path> kept;
    for (const auto& h : hide)
        if (std::none_of(kept.begin(), kept.end(), [&](const fs::path& k) { return k == h || is_inside(h, k); }))
            kept.push_back(h);
    for (const auto& h : kept) a.insert(a.end(), {"--size", "4096", "--tmpfs", h.string(), "--remount-ro", h.string()});
    // What the process needs, parents before children so no mount covers another.
    enum Kind { ro, rw, scratch };
    std::vector<std::pair<fs::path, Kind>> mounts;
    for (const auto& p : spec.view.read_only) mounts.emplace_back(p.lexically_normal(), ro);
    for (const auto& p : spec.view.writable) mounts.emplace_back(p.lexically_normal(), rw);
    for (const auto& p : spec.view.scratch) mounts.emplace_back(p.lexically_normal(), scratch);
    std::stable_sort(mounts.begin(), mounts.end(), [](const auto& x, const auto& y) {
        return std::distance(x.first.begin(), x.first.end()) < std::distance(y.first.begin(), y.first.end());
    });
    for (const auto& [p, kind] : mounts) {
        if (kind == ro) a.insert(a.end(), {"--ro-bind", p.string(), p.string()});
        else if (kind == rw) a.insert(a.end(), {"--bind", p.string(), p.string()});
        else a.insert(a.end(), {"--size", size, "--tmpfs", p.string()});
    }
    // bwrap's own root and /dev are tmpfs the sandbox user owns: read-only, or they would be
    // unlimited writable memory.
    a.insert(a.end(), {"--remount-ro", "/dev", "--remount-ro", "/"});
    a.insert(a.end(), {"--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"});
    if (sandbox.seccomp) a.insert(a.end(), {"--seccomp", std::to_string(kBwrapSeccompFd)});
    a.insert(a.end(), {"--info-fd", std::to_string(kBwrapInfoFd)});  // for grader-lifeline
    a.insert(a.end(), {"--chdir", spec.cwd.string(), "--"});
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
constexpr std::size_t kMaxResultsBytes = 8 << 20;  // a test's records; more is discarded (results_overflow)

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
    // Real probes: the kernel may lack seccomp filters, bwrap may be installed but unable to
    // create namespaces (containers), or a setuid bwrap may refuse to run under no_new_privs.
    const auto probe_ok = [](const SandboxInfo& trial) {
        ProcessSpec probe;
        probe.argv = {"/bin/true"};
        probe.cwd = "/";
        probe.stdout_path = "/dev/null";
        probe.stderr_path = "/dev/null";
        probe.limits.wall_seconds = 10;
        probe.limits.filter = FilterKind::test;
        ProcessResult r = run_process(probe, trial);
        return r.launched && r.exited && r.exit_code == 0;
    };
    if (config.seccomp && !seccomp_program(FilterKind::test, true).empty() && !seccomp_program(FilterKind::compile, true).empty()) {
        SandboxInfo trial = s;
        trial.seccomp = true;
        s.seccomp = probe_ok(trial);
    }
    if (config.mode != "rlimits") {
        SandboxInfo trial = s;
        trial.bwrap = true;
        struct stat st {};
        const std::string bwrap = bp::search_path("bwrap").string();
        // A setuid bwrap cannot gain its privileges under no_new_privs: then only bwrap's own
        // --seccomp filter (which holds every rule) guards the sandboxed program.
        trial.seccomp_outer = s.seccomp && !(::stat(bwrap.c_str(), &st) == 0 && (st.st_mode & S_ISUID));
        s.bwrap = !bwrap.empty() && probe_ok(trial);
        if (!s.bwrap && s.seccomp) {  // a filter that breaks bwrap here: keep bwrap, report it
            trial.seccomp = trial.seccomp_outer = false;
            if (probe_ok(trial)) {
                s.bwrap = true;
                s.seccomp = false;
            }
        }
        s.seccomp_outer = s.bwrap && trial.seccomp_outer;
        if (!s.bwrap && config.mode == "bwrap")
            throw std::runtime_error("sandbox.mode = bwrap, but bubblewrap cannot create a sandbox here");
    }
    std::string who = s.drop_user ? fmt::format(", as user {}", s.user) : "";
    std::string filter = s.seccomp ? " + seccomp" : "";
    std::string filter_ko = s.seccomp ? " + 시스템 호출 필터(seccomp)" : "";
    if (config.cgroup != "off") s.cgroups = cgroup::detect();
    if (s.cgroups.mode != cgroup::Mode::none) {
        const char* v = s.cgroups.mode == cgroup::Mode::v2 ? "v2" : "v1";
        filter = fmt::format(" + cgroup {} (memory and process limits for each test's whole tree)", v) + filter;
        filter_ko = fmt::format(" + cgroup {}(테스트마다 프로세스 전체의 메모리·프로세스 수 제한)", v) + filter_ko;
    } else {
        filter += fmt::format(" (no per-test cgroup: {})", config.cgroup == "off" ? "sandbox.cgroup = off" : s.cgroups.why_not);
    }
    if (s.bwrap) {
        s.description = "bubblewrap sandbox (no network; only the system runtime, read-only, and the job's own files; "
                        "size-limited /tmp) + rlimits" + filter + who;
        s.description_ko = "bubblewrap 샌드박스(네트워크 없음, 읽기 전용 시스템과 채점에 필요한 파일만 보임, 크기 제한 /tmp)"
                           " + 자원 제한(rlimit)" + filter_ko;
    } else {
        s.description = "rlimits only (bubblewrap unavailable or disabled): no network or filesystem isolation" + filter + who;
        s.description_ko = "자원 제한(rlimit)만 적용: bubblewrap을 쓸 수 없어 네트워크·파일 시스템 격리가 없습니다" + filter_ko;
    }
    return s;
}

ProcessResult run_process(const ProcessSpec& spec, const SandboxInfo& sandbox) {
    ProcessResult result;
    ChildSetup setup;
    // In-memory files for the test's output: no disk inode per test, and RLIMIT_FSIZE applies
    // to them like to any regular file.
    const bool capture = spec.stdout_path.empty();
    Fd in{spec.stdin_fd >= 0 ? spec.stdin_fd : open_or_throw("/dev/null", O_RDONLY)};
    Fd res_write{spec.fd3};  // owned from here on: closed even if the start fails
    Fd out{capture ? memory_file("stdout") : open_or_throw(spec.stdout_path, O_WRONLY | O_CREAT | O_TRUNC)};
    Fd err{capture ? memory_file("stderr") : open_or_throw(spec.stderr_path, O_WRONLY | O_CREAT | O_TRUNC)};
    Fd res, nonce_read;
    setup.in_fd = in.fd;
    setup.out_fd = out.fd;
    setup.err_fd = err.fd;
    // Results travel on a pipe the grader drains while the test runs: what the runner wrote
    // cannot be read back or rewritten by the process, and only the grader sees its order.
    if (spec.results) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("pipe2 failed");
        res.fd = ::fcntl(p[0], F_DUPFD_CLOEXEC, 10);
        res_write.fd = ::fcntl(p[1], F_DUPFD_CLOEXEC, 10);
        ::close(p[0]);
        ::close(p[1]);
        // The child's end blocks when the pipe is full, like any writer (the grader drains it).
        ::fcntl(res_write.fd, F_SETFL, ::fcntl(res_write.fd, F_GETFL) & ~O_NONBLOCK);
        setup.results_fd = res_write.fd;
    } else if (spec.fd3 >= 0) {
        setup.results_fd = res_write.fd;  // closed below once the child has its copy, like the results pipe
    }
    ResultsReader results_reader(res.fd, kMaxResultsBytes);
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
    if (spec.limits.open_files > 0) setup.nofile = rlim_t(spec.limits.open_files);
    setup.drop = sandbox.drop_user;
    setup.uid = sandbox.uid;
    setup.gid = sandbox.gid;
    setup.parent = ::getpid();
    if (!sandbox.drop_user && !sandbox.bwrap) {
        // Unprivileged and unsandboxed, RLIMIT_NPROC counts every process of this user, including
        // the grader's own workers; leave room for them.
        setup.nproc = RLIM_INFINITY;
    }

    // seccomp: the outer filter around everything (without bwrap it also confines mounts and
    // namespaces); under bwrap the inner one, with every rule, goes through a pipe to --seccomp.
    Fd bwrap_filter;
    if (sandbox.seccomp) {
        if (!sandbox.bwrap || sandbox.seccomp_outer) {
            const SeccompProgram& outer = seccomp_program(spec.limits.filter, !sandbox.bwrap);
            setup.filter = &outer.prog;
        }
        if (sandbox.bwrap) {
            const std::string bytes = seccomp_bytes(seccomp_program(spec.limits.filter, true));
            int p[2];
            if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
            bwrap_filter.fd = ::fcntl(p[0], F_DUPFD_CLOEXEC, 10);
            ::close(p[0]);
            const bool written = ::write(p[1], bytes.data(), bytes.size()) == ssize_t(bytes.size());  // < pipe buffer
            ::close(p[1]);
            if (!written) throw std::runtime_error("cannot hand the seccomp filter to bwrap");
            setup.bwrap_filter_fd = bwrap_filter.fd;
        }
    }
    if (sandbox.bwrap) setup.lifeline_fd = lifeline_read_end();
    std::vector<std::string> argv = sandbox.bwrap ? bwrap_argv(spec, sandbox) : spec.argv;
    bp::environment env;
    for (const auto& [k, v] : spec.env) env[k] = v;
    std::string exe = argv[0];
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    if (sandbox.bwrap) {  // grader-lifeline LIFELINE_FD INFO_FD BWRAP ARGS...
        exe = helper_program("grader-lifeline");
        args.insert(args.begin(), {std::to_string(kLifelineFd), std::to_string(kBwrapInfoFd), bp::search_path("bwrap").string()});
    }

    std::optional<cgroup::RunGroup> group;
    if (spec.limits.group_processes > 0 && sandbox.cgroups.mode != cgroup::Mode::none) {
        const long tmpfs = sandbox.bwrap ? 3 * tmpfs_size(spec.limits) : 0;  // /tmp, /dev/shm, scratch
        group.emplace(sandbox.cgroups, spec.limits.memory_bytes + tmpfs, spec.limits.group_processes);
        for (std::size_t i = 0; i < group->join_fds().size() && i < 2; ++i) setup.cgroup_fds[i] = group->join_fds()[i];
    }

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
    if (res_write.fd >= 0) {
        ::close(res_write.fd);  // the child has its copy; the grader only reads
        res_write.fd = -1;
    }
    if (spec.stdin_fd >= 0) {
        ::close(in.fd);  // the child has its copy; the grader holds the write end
        in.fd = -1;
    }

    const double wall = spec.limits.wall_seconds;
    int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Most tests end within milliseconds, before the first tick: watching costs them nothing.
    const double tick = spec.limits.watch ? kWatchTickSeconds : wall;
    // A tree cannot use more CPU per second than the machine has CPUs, so it cannot reach the
    // limit sooner than (limit - used) / CPUs from now: the next sample comes then if that is
    // before the next tick. (With one sample per tick a busy loop overshot by half a tick.)
    const double cpus = std::max(1u, std::thread::hardware_concurrency());
    const auto next_tick = [&](double cpu_used) {
        return std::clamp((spec.limits.cpu_seconds - cpu_used) / cpus, kWatchMinTickSeconds, tick);
    };
    StallDetector stall(spec.limits.idle_seconds);
    double watched_cpu = 0;  // wait4 cannot see the test inside bwrap (its namespace init reaps it)
    bool done = false;
    double next_sample = tick;
    while (!done) {
        double left = wall - elapsed();
        if (left <= 0) {
            result.timed_out = true;
            break;
        }
        if (pidfd >= 0) {
            pollfd p[2] = {{pidfd, POLLIN, 0}, {results_reader.fd(), POLLIN, 0}};
            const double until_sample = spec.limits.watch ? std::max(next_sample - elapsed(), 0.001) : tick;
            int n = ::poll(p, results_reader.open() ? 2 : 1, int(std::ceil(std::min(left, until_sample) * 1000)));
            if (n > 0 && p[0].revents) done = true;
            if (n > 0 && results_reader.open() && p[1].revents) results_reader.drain();
        } else {
            results_reader.drain();
            siginfo_t info{};
            if (::waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) done = true;
            else std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        // Results arriving wake the loop early; the tree is still sampled once per tick.
        if (done || !spec.limits.watch || elapsed() < next_sample) continue;
        const TreeSample sample = sample_tree(pid);
        next_sample = elapsed() + next_tick(sample.cpu_seconds);
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
        if (sandbox.bwrap && pidfd >= 0) {
            // grader-lifeline ends the sandbox in an order that leaves nothing behind (its
            // comment says why); SIGKILL only if it does not answer.
            ::kill(pid, SIGTERM);
            pollfd p{pidfd, POLLIN, 0};
            (void)::poll(&p, 1, int(kLifelineGraceMs));
        }
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
    if (group && group->active()) {
        const cgroup::Usage usage = group->usage();
        result.memory_exceeded = usage.memory_hit;
        result.processes_exceeded = usage.pids_hit;
        result.group_peak_bytes = usage.peak_bytes;
    }
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
    results_reader.drain();  // what was written before the end (a straggler cannot block this)
    result.results_text = results_reader.take();
    result.results_overflow = results_reader.overflowed();
    return result;
}

}  // namespace grader
