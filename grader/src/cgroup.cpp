#include "cgroup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <fmt/format.h>

namespace grader::cgroup {
namespace {

// Above the run's own budget: bwrap, grader-lifeline and the namespace init (about 3 MiB
// together here) and the kernel's per-group overhead, so an honest test never meets the group's
// limit before its own RLIMIT_AS. What a test can hold outside RLIMIT_AS (tmpfs, pipes, forked
// children) is bounded by the group at budget + this.
constexpr long kGroupSlackBytes = 32L << 20;

bool write_text(const fs::path& file, const std::string& text) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    return ::close(fd) == 0 && ok;
}

long read_long(const fs::path& file) {
    const auto text = read_file(file, 4096);
    if (!text) return -1;
    try {
        return std::stol(*text);
    } catch (const std::exception&) {
        return -1;
    }
}

// "key value" lines (memory.events, pids.events, memory.oom_control).
long read_key(const fs::path& file, const std::string& key) {
    const auto text = read_file(file, 65536);
    if (!text) return 0;
    std::istringstream in(*text);
    std::string k;
    long v = 0;
    while (in >> k >> v)
        if (k == key) return v;
    return 0;
}

bool has_word(const std::optional<std::string>& text, const std::string& word) {
    if (!text) return false;
    std::istringstream in(*text);
    for (std::string w; in >> w;)
        if (w == word) return true;
    return false;
}

// Leftovers (an orphan still dying) keep a group busy; they are killed and the removal retried.
bool remove_group(const fs::path& dir) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (::rmdir(dir.c_str()) == 0 || errno == ENOENT) return true;
        if (errno != EBUSY) return false;
        if (const auto procs = read_file(dir / "cgroup.procs", 65536)) {
            std::istringstream in(*procs);
            for (long pid; in >> pid;) ::kill(pid_t(pid), SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 5 ? 1 : 10));
    }
    return false;
}


// Groups are reused: creating and removing a memory cgroup costs about 12 ms on a loaded v1 host
// (bench/process_cost.cpp), more than many tests take. A group goes back to the pool when it is
// empty after its run; the counters the kernel never resets are read as differences.
struct PooledGroup {
    std::vector<fs::path> dirs;  // memory first (v1: then pids)
};
std::mutex g_pool_mutex;
std::vector<PooledGroup> g_pool;
unsigned long g_next_slot = 0;

// Defined after the pool, which its destructor uses (static objects are
// destroyed in reverse order). The grader's own groups, removed when the grader exits (an empty group costs the host little,
// but a batch should leave nothing behind).
struct OwnGroups {
    std::mutex mutex;
    std::vector<Support> detected;
    ~OwnGroups() {
        for (const auto& s : detected) release(s);
    }
};
OwnGroups g_own;

// The cgroup of this process in each hierarchy of /proc/self/cgroup ("ID:CONTROLLERS:PATH").
struct SelfGroups {
    std::string unified, memory, pids;
    bool has_unified = false, has_memory = false, has_pids = false;
};

SelfGroups self_groups(const fs::path& self_cgroup) {
    SelfGroups g;
    const auto text = read_file(self_cgroup, 65536);
    if (!text) return g;
    std::istringstream in(*text);
    for (std::string line; std::getline(in, line);) {
        const auto a = line.find(':'), b = line.find(':', a + 1);
        if (a == std::string::npos || b == std::string::npos) continue;
        const std::string controllers = line.substr(a + 1, b - a - 1), path = line.substr(b + 1);
        if (controllers.empty()) g.unified = path, g.has_unified = true;
        std::istringstream names(controllers);
        for (std::string c; std::getline(names, c, ',');) {
            if (c == "memory") g.memory = path, g.has_memory = true;
            if (c == "pids") g.pids = path, g.has_pids = true;
        }
    }
    return g;
}

fs::path below(const fs::path& mount, const std::string& path) { return mount / fs::path(path).relative_path(); }

Support try_v2(const fs::path& sys_root, const SelfGroups& self, const std::string& name) {
    Support s;
    if (!self.has_unified) return s.why_not = "no cgroup v2 entry in /proc/self/cgroup", s;
    for (const auto& mount : {sys_root, sys_root / "unified"}) {
        if (!fs::exists(mount / "cgroup.controllers")) continue;
        const fs::path base = below(mount, self.unified);
        // Delegated: the controllers reach this process's group's children. Asking for them
        // fails when the group has processes of its own (cgroup v2's no-internal-process rule).
        auto offered = read_file(base / "cgroup.subtree_control", 4096);
        if (!has_word(offered, "memory") || !has_word(offered, "pids")) {
            write_text(base / "cgroup.subtree_control", "+memory +pids");
            offered = read_file(base / "cgroup.subtree_control", 4096);
        }
        if (!has_word(offered, "memory") || !has_word(offered, "pids")) {
            s.why_not = fmt::format("cgroup v2 at {} does not delegate the memory and pids controllers", base.string());
            continue;
        }
        const fs::path own = base / name;
        if (::mkdir(own.c_str(), 0755) != 0 && errno != EEXIST) {
            s.why_not = fmt::format("cannot create a cgroup under {}", base.string());
            continue;
        }
        if (!write_text(own / "cgroup.subtree_control", "+memory +pids")) {
            remove_group(own);
            s.why_not = fmt::format("cannot enable memory and pids below {}", own.string());
            continue;
        }
        s.mode = Mode::v2;
        s.memory_dir = s.pids_dir = own;
        s.why_not.clear();
        return s;
    }
    if (s.why_not.empty()) s.why_not = "no cgroup v2 mount";
    return s;
}

Support try_v1(const fs::path& sys_root, const SelfGroups& self, const std::string& name) {
    Support s;
    if (!self.has_memory || !self.has_pids) return s.why_not = "no cgroup v1 memory and pids hierarchies", s;
    const fs::path memory = below(sys_root / "memory", self.memory) / name;
    const fs::path pids = below(sys_root / "pids", self.pids) / name;
    if (::mkdir(memory.c_str(), 0755) != 0 && errno != EEXIST) return s.why_not = "cgroup v1 memory is not writable", s;
    if (::mkdir(pids.c_str(), 0755) != 0 && errno != EEXIST) {
        remove_group(memory);
        return s.why_not = "cgroup v1 pids is not writable", s;
    }
    // A real memory cgroup has its control files at once (a plain directory would not).
    if (!fs::exists(memory / "memory.limit_in_bytes") || !fs::exists(pids / "pids.max")) {
        remove_group(memory);
        remove_group(pids);
        return s.why_not = "cgroup v1 groups lack their control files", s;
    }
    s.mode = Mode::v1;
    s.memory_dir = memory;
    s.pids_dir = pids;
    return s;
}

}  // namespace

Support detect(const fs::path& sys_root, const fs::path& self_cgroup) {
    const SelfGroups self = self_groups(self_cgroup);
    const std::string name = fmt::format("aio-grader-{}", ::getpid());
    const auto keep = [](const Support& s) {
        std::lock_guard lock(g_own.mutex);
        g_own.detected.push_back(s);
        return s;
    };
    Support v2 = try_v2(sys_root, self, name);
    if (v2.mode != Mode::none) return keep(v2);
    Support v1 = try_v1(sys_root, self, name);
    if (v1.mode != Mode::none) return keep(v1);
    v1.why_not = v2.why_not + "; " + v1.why_not;
    return v1;
}

namespace {

bool still_has_processes(const fs::path& dir) {
    const auto procs = read_file(dir / "cgroup.procs", 65536);
    return procs && procs->find_first_not_of(" \n") != std::string::npos;
}

// Kills what is left in the group (bwrap's orphan, a straggler) without waiting for it to go:
// the group is taken again only once it is empty (take_pooled).
void kill_members(const fs::path& dir) {
    const auto procs = read_file(dir / "cgroup.procs", 65536);
    if (!procs) return;
    std::istringstream in(*procs);
    for (long pid; in >> pid;) ::kill(pid_t(pid), SIGKILL);
}

std::optional<PooledGroup> take_pooled(const Support& support) {
    std::lock_guard lock(g_pool_mutex);
    for (auto it = g_pool.begin(); it != g_pool.end(); ++it) {
        if (it->dirs.front().parent_path() != support.memory_dir) continue;
        if (std::any_of(it->dirs.begin(), it->dirs.end(), still_has_processes)) continue;  // still draining
        PooledGroup g = std::move(*it);
        g_pool.erase(it);
        return g;
    }
    return std::nullopt;
}

std::optional<PooledGroup> create_group(const Support& support) {
    std::string name;
    {
        std::lock_guard lock(g_pool_mutex);
        name = fmt::format("slot-{}", ++g_next_slot);
    }
    PooledGroup g;
    for (const fs::path& parent : {support.memory_dir, support.pids_dir}) {
        if (!g.dirs.empty() && parent == support.memory_dir) break;  // v2: one group for both
        const fs::path dir = parent / name;
        if (::mkdir(dir.c_str(), 0755) != 0) {
            for (const auto& d : g.dirs) remove_group(d);
            return std::nullopt;
        }
        g.dirs.push_back(dir);
    }
    return g;
}

}  // namespace

RunGroup::RunGroup(const Support& support, long memory_bytes, long max_processes) {
    if (support.mode == Mode::none) return;
    mode_ = support.mode;
    std::optional<PooledGroup> g = take_pooled(support);
    if (!g) g = create_group(support);
    if (!g) return;
    dirs_ = std::move(g->dirs);
    const std::string limit = std::to_string(memory_bytes + kGroupSlackBytes);
    const std::string pids = std::to_string(max_processes);
    const fs::path& memory = dirs_.front();
    bool ok;
    if (mode_ == Mode::v2) {
        ok = write_text(memory / "memory.max", limit) && write_text(memory / "pids.max", pids);
        // No swap to spill into, and one OOM kill ends the whole tree, so a run over its memory
        // ends as one event (as a lone process killed at RLIMIT_AS would), not a half-killed tree.
        write_text(memory / "memory.swap.max", "0");
        write_text(memory / "memory.oom.group", "1");
        write_text(memory / "memory.peak", "0");  // Linux 6.12+: this run's peak from here
        oom_kills_before_ = read_key(memory / "memory.events", "oom_kill");
        oom_events_before_ = read_key(memory / "memory.events", "oom");
        pids_max_before_ = read_key(memory / "pids.events", "max");
    } else {
        write_text(memory / "memory.memsw.limit_in_bytes", "-1");  // memsw >= limit at every step
        ok = write_text(memory / "memory.limit_in_bytes", limit) && write_text(dirs_[1] / "pids.max", pids);
        write_text(memory / "memory.memsw.limit_in_bytes", limit);  // only with swap accounting
        write_text(memory / "memory.max_usage_in_bytes", "0");      // this run's peak from here
        oom_kills_before_ = read_key(memory / "memory.oom_control", "oom_kill");
        pids_max_before_ = read_key(dirs_[1] / "pids.events", "max");
    }
    for (std::size_t i = 0; ok && i < dirs_.size(); ++i) {
        const int fd = ::open((dirs_[i] / "cgroup.procs").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) ok = false;
        else join_fds_.push_back(fd);
    }
    if (!ok) {
        for (int fd : join_fds_) ::close(fd);
        join_fds_.clear();
        for (const auto& d : dirs_) remove_group(d);
        dirs_.clear();
    }
}

RunGroup::~RunGroup() {
    for (int fd : join_fds_) ::close(fd);
    if (dirs_.empty()) return;
    for (const auto& d : dirs_) kill_members(d);
    std::lock_guard lock(g_pool_mutex);
    g_pool.push_back({std::move(dirs_)});
}

Usage RunGroup::usage() const {
    Usage u;
    if (!active()) return u;
    const fs::path& memory = dirs_[0];
    if (mode_ == Mode::v2) {
        u.peak_bytes = read_long(memory / "memory.peak");
        u.oom_kills = read_key(memory / "memory.events", "oom_kill") - oom_kills_before_;
        u.memory_hit = u.oom_kills > 0 || read_key(memory / "memory.events", "oom") > oom_events_before_;
        u.pids_hit = read_key(memory / "pids.events", "max") > pids_max_before_;
    } else {
        u.peak_bytes = read_long(memory / "memory.max_usage_in_bytes");
        // Not memory.failcnt: reaching the limit first reclaims page cache, which is no failure.
        u.oom_kills = read_key(memory / "memory.oom_control", "oom_kill") - oom_kills_before_;
        u.memory_hit = u.oom_kills > 0 || read_key(memory / "memory.oom_control", "under_oom") > 0;
        u.pids_hit = read_key(dirs_[1] / "pids.events", "max") > pids_max_before_;
    }
    return u;
}

void release(const Support& support) {
    if (support.mode == Mode::none) return;
    std::vector<PooledGroup> pooled;
    {
        std::lock_guard lock(g_pool_mutex);
        for (auto it = g_pool.begin(); it != g_pool.end();) {
            if (it->dirs.front().parent_path() == support.memory_dir) pooled.push_back(std::move(*it)), it = g_pool.erase(it);
            else ++it;
        }
    }
    for (const auto& g : pooled)
        for (const auto& d : g.dirs) remove_group(d);
    remove_group(support.memory_dir);
    if (support.pids_dir != support.memory_dir) remove_group(support.pids_dir);
}

}  // namespace grader::cgroup
