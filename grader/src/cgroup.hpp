// Per-run control groups: one memory limit and one process limit for a run's whole tree (bwrap,
// its namespace init, the test and every child it forks), counting what per-process rlimits
// cannot: the memory of several children together, tmpfs pages, pipe buffers, page cache.
// Used when the grader may create cgroups (docs/security.md "Sandbox and limits"):
//   v2: a delegated cgroup v2 subtree whose controllers include memory and pids
//       (memory.max, memory.swap.max, pids.max; memory.events and memory.peak afterwards);
//   v1: cgroup v1's memory and pids hierarchies, writable (as root on a v1/hybrid host)
//       (memory.limit_in_bytes, memory.memsw.limit_in_bytes when swap is accounted, pids.max).
// Otherwise nothing changes and the rlimits alone apply; SandboxInfo's description says which.
#pragma once
#include <string>
#include <vector>

#include "util.hpp"

namespace grader::cgroup {

enum class Mode { none, v1, v2 };

struct Support {
    Mode mode = Mode::none;
    // The grader's own group, created at detection, under which every run gets one (v1: one per
    // hierarchy; v2: memory_dir == pids_dir).
    fs::path memory_dir, pids_dir;
    std::string why_not;  // when none: what was missing (English, for the report's sandbox line)
};

// Finds a usable mode and creates the grader's group ("aio-grader-<pid>") under the cgroups this
// process is in. `sys_root` and `self_cgroup` are parameters so the layouts can be tested on a
// directory tree that imitates cgroupfs.
Support detect(const fs::path& sys_root = "/sys/fs/cgroup", const fs::path& self_cgroup = "/proc/self/cgroup");

// What a finished run's group recorded.
struct Usage {
    long peak_bytes = -1;  // -1: the kernel does not say (v2 before Linux 5.19)
    long oom_kills = 0;    // processes the kernel killed at the memory limit
    bool memory_hit = false;  // the limit was reached (allocations failed or reclaimed)
    bool pids_hit = false;    // a fork failed at the process limit
};

// One run's group, from a pool of the grader's groups (made when the pool is empty). Set up
// before the child starts; the child joins it (join_fds: each an open cgroup.procs, to which it
// writes its own pid before dropping privileges). The destructor kills whatever is left in it
// and returns it to the pool, which hands it out again once it is empty.
class RunGroup {
public:
    RunGroup(const Support& support, long memory_bytes, long max_processes);
    ~RunGroup();
    RunGroup(const RunGroup&) = delete;
    RunGroup& operator=(const RunGroup&) = delete;

    bool active() const { return !dirs_.empty(); }
    const std::vector<int>& join_fds() const { return join_fds_; }
    Usage usage() const;

private:
    Mode mode_ = Mode::none;
    std::vector<fs::path> dirs_;  // memory first (v1: then pids)
    std::vector<int> join_fds_;
    // The kernel's cumulative counters when this run began (the group may have had runs before).
    long oom_kills_before_ = 0, oom_events_before_ = 0, pids_max_before_ = 0;
};

// Removes the grader's groups (done at exit for every group detect() made).
void release(const Support& support);

}  // namespace grader::cgroup
