// Watching a running test from the outside, through /proc: the CPU time and the state of every
// task (process or thread) in the tree under the process the grader started (bwrap, its
// namespace's init, the test binary and anything the test forks).
//
// Two limits need this instead of rlimits:
//   - fractional CPU limits: RLIMIT_CPU counts whole seconds, and only per process;
//   - stalls: on the virtual clock a test never has a reason to wait for real time, so a tree in
//     which nothing runs and no CPU is used for `idle_seconds` is stuck for good (a mutex locked
//     twice, a join on a thread that waits for the joiner, a read on a pipe nobody writes).
//     Recognising it early saves the whole wall limit, which is otherwise spent doing nothing.
#pragma once
#include <sys/types.h>

#include <string>

namespace grader {

struct TreeSample {
    bool found = false;       // the root still exists
    // user + system, all tasks of the tree, clock-tick resolution, plus what the tree's processes
    // got back from children they reaped (cutime/cstime): CPU burnt in short-lived children
    // that are gone by the next sample still counts.
    double cpu_seconds = 0;
    bool runnable = false;    // some task is running, waiting for a CPU, or in an I/O wait (R, D)
    int tasks = 0;
    // The kernel lists children (/proc/<pid>/task/<tid>/children, CONFIG_PROC_CHILDREN). Without
    // it only the root is seen: a sandbox waiting for its test would look stalled, so the
    // watcher then leaves the process to the rlimits and the wall clock.
    bool complete = false;
};

TreeSample sample_tree(pid_t root);

// The fields of /proc/<pid>/stat (or .../task/<tid>/stat) the grader reads; false when malformed.
// The command name may contain spaces and parentheses, so parsing starts after the last ')'.
struct ProcStat {
    char state = 0;
    int ppid = 0;
    unsigned long utime = 0, stime = 0;  // clock ticks
    long cutime = 0, cstime = 0;         // reaped children's, process-wide (same in every task)
};
bool parse_proc_stat(const char* text, ProcStat& out);

// Reads a small /proc file (up to 4 KiB) into buf; false when it is gone or empty.
bool read_proc_file(const char* path, std::string& buf);

// Decides "stalled" from successive samples: nothing runnable and no CPU used for a stretch.
class StallDetector {
public:
    explicit StallDetector(double idle_seconds) : idle_seconds_(idle_seconds) {}
    // `now`: seconds since the process started. True once the tree has been idle long enough.
    bool update(const TreeSample& s, double now);

private:
    double idle_seconds_;
    double last_cpu_ = -1;
    double idle_since_ = -1;
};

}  // namespace grader
