// Stage 3, run: start one untrusted process (a compiler on student code, or one test case) under
// limits and, when bubblewrap works on this machine, inside a sandbox:
//   rlimits: CPU seconds, address space, file size (also caps stdout/stderr, which go to files),
//            process count, no core dumps;
//   wall clock: on timeout the whole process group (or the bwrap sandbox) is killed;
//   watcher (tests only, monitor.hpp): CPU time of the whole tree to a fraction of a second, and
//            a stall (nothing runnable, no CPU used for idle_seconds) ends the process;
//   a scratch working directory, a cleared environment, the nonce/results descriptors;
//   bwrap: no network, own PID namespace; an allowlist view: the system runtime read-only
//          (/usr, the /lib* and /bin links, a few /etc files), size-limited tmpfs /tmp, /dev/shm
//          and scratch, and only the paths the process needs (View) - nothing else of the host;
//   seccomp (seccomp.hpp): system calls nobody in the tree needs fail, in two layers;
//   root: the process drops to an unprivileged user (nobody) so rlimits bind.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "cgroup.hpp"
#include "config.hpp"
#include "seccomp.hpp"

namespace grader {

struct ProcessLimits {
    double wall_seconds = 10;
    double cpu_seconds = 10;  // RLIMIT_CPU rounds up to whole seconds; the watcher does not
    long memory_bytes = 512L << 20;
    long file_bytes = 1L << 20;
    long processes = 64;
    // Watched from /proc every tick (monitor.hpp): the CPU limit to a fraction of a second, and
    // a stall (nothing runnable, no CPU used) for idle_seconds ends the process. 0: not watched.
    bool watch = false;
    double idle_seconds = 0;
    long open_files = 64;  // RLIMIT_NOFILE (tests: 64; compilers and linkers get more)
    // Size of each tmpfs the sandbox mounts (/tmp, /dev/shm, View::scratch). 0: an eighth of
    // memory_bytes, at most 8 MiB, at least 1 MiB: that memory is not in RLIMIT_AS, so it is
    // kept a small, fixed share of the budget (docs/security.md).
    long tmpfs_bytes = 0;
    // Which seccomp rules (when SandboxInfo::seccomp): the strictest unless a compile step says
    // otherwise, so a test process never runs with the compilers' rules by omission.
    FilterKind filter = FilterKind::test;
    // > 0: the run gets a cgroup of its own when the host allows (cgroup.hpp): this many
    // processes (pids.max) and memory_bytes plus its tmpfs mounts for the whole tree together.
    long group_processes = 0;
};

struct SandboxInfo {
    bool bwrap = false;
    bool seccomp = false;            // system-call filters installed (seccomp.hpp)
    bool seccomp_outer = false;      // also around bwrap itself (not when bwrap is setuid)
    bool drop_user = false;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string user;
    std::string description;  // English, for logs and the report
    std::string description_ko;
    cgroup::Support cgroups;  // mode none: no per-run groups
};

// Probes bubblewrap (a real sandboxed /bin/true) according to config.mode.
SandboxInfo detect_sandbox(const SandboxConfig& config);

// What a bwrap-sandboxed process sees besides the read-only system runtime. Everything else of
// the host is absent (an allowlist): kit, caches, output, other jobs, /home, /root, /work, ...
struct View {
    std::vector<fs::path> hide;       // also hidden where they lie inside the shown system dirs
    std::vector<fs::path> read_only;  // files or directories, read-only
    std::vector<fs::path> writable;   // shown read-write (the host directory)
    std::vector<fs::path> scratch;    // a fresh size-limited tmpfs at this path (without bwrap:
                                      // the host directory, like writable)
};

struct ProcessSpec {
    std::vector<std::string> argv;  // argv[0]: absolute path
    fs::path cwd;
    std::vector<std::pair<std::string, std::string>> env;
    fs::path stdout_path, stderr_path;     // files; both empty: captured in memory (memfd)
    ProcessLimits limits;
    View view;
    bool results = false;                  // a pipe becomes fd 3 (the runner's results)
    std::string nonce;                     // written to a pipe that becomes fd 4
    // A long-lived process that talks to the grader (judge_server.hpp): these descriptors become
    // its stdin and its fd 3 instead of /dev/null and the results pipe (results must be false).
    // run_process owns them and closes its copies once the child has started, so each side sees
    // end-of-file when the other ends.
    int stdin_fd = -1, fd3 = -1;
};

struct ProcessResult {
    bool launched = false;
    std::string launch_error;
    bool timed_out = false;
    bool stalled = false;       // killed after idle_seconds without running (ProcessLimits::watch)
    bool cpu_exceeded = false;  // killed by the watcher at the CPU limit
    bool exited = false;
    int exit_code = -1;
    int signal = 0;  // also decoded from bwrap's 128+N
    double wall_seconds = 0, cpu_seconds = 0;
    long max_rss_kb = 0;
    // From the run's cgroup (ProcessLimits::group_processes), when it had one.
    bool memory_exceeded = false;     // the kernel killed the tree at the group's memory limit
    bool processes_exceeded = false;  // a fork failed at the group's process limit
    long group_peak_bytes = -1;
    // Captured output (memfd mode): sizes as written, text up to a cap.
    std::string stdout_text, stderr_text, results_text;
    bool results_overflow = false;  // the results pipe carried more than the grader keeps
    long stdout_bytes = 0, stderr_bytes = 0;
};

ProcessResult run_process(const ProcessSpec& spec, const SandboxInfo& sandbox);

// Makes a directory usable by the sandboxed user (chown when dropping privileges).
void hand_over(const fs::path& dir, const SandboxInfo& sandbox);

std::string signal_name(int sig);  // "SIGSEGV"

// Orphans of sandboxed processes are re-parented to the grader, which reaps them (run.cpp).
void become_subreaper();

// Occupies descriptors 3..9 so no descriptor the grader opens can be clobbered when a child
// maps its results/nonce onto 3 and 4.
void reserve_low_descriptors();

}  // namespace grader

namespace grader {

struct BatchContext;

// What the runner main reported over fd 3 (only lines carrying this run's nonce count).
struct ReporterRecords {
    bool run_seen = false, done_seen = false;
    std::optional<json> end;  // the "end" record of the requested test
    bool start_seen = false;
    std::string fatal;        // Catch2's fatal-signal name, if reported
    int done_passed = 0, done_failed = 0;
    int foreign_lines = 0;    // lines without the nonce or about another test: ignored
    std::vector<std::string> observations;  // the test's recorded runs (hex), for the replay judge
    std::string tampering;    // non-empty: the process's record stream was tampered with (why)
};

// What the replay judge (replay.hpp) concluded about a test the test process reported passed.
struct ReplayVerdict {
    bool confirmed = false;  // the assertions passed on the recorded runs, each run used once
    std::string reason;      // English, when not confirmed
    std::optional<json> end; // the judge's own "end" record (its failure messages)
};

struct TestRun {
    ProcessResult process;
    ReporterRecords records;
    std::string stdout_text, stderr_text;  // heads, for judging and logs
    long stdout_bytes = 0, stderr_bytes = 0;
    std::vector<std::string> argv;
    std::string note;  // how this result was obtained, when not from a process of its own (logs)
    std::optional<ReplayVerdict> replay;  // set for reported passes once the replay judge ran
};

// One test case in its own process: `binary "<escaped name>"` with a fresh nonce and scratch dir.
TestRun run_test_case(const BatchContext& ctx, const fs::path& binary, const std::string& test_name,
                      const Limits& limits, const fs::path& job_dir, int index);

// Every test of an exercise, with the verdicts run_test_case would give each test alone, in far
// fewer processes: the pending tests run in one process (same limits as one test) in fork mode
// (grader_main.cpp): each test in a fork taken after start-up, before any test, so it starts
// from the state of its lone run and ends as its lone run ends (exit status, output of its own).
//   - a fork that ended counts as its lone run, unless it hit the output limit after other
//     forks (part of the limit was used) or its output is not all in the captured head;
//   - the test during which a limit ended the whole process counts as its own lone run if it
//     was the process's first, else runs again alone (the CPU, wall and output used by the forks
//     before it count against the process), and so does every test after it;
//   - a record stream the runner did not write: the tests without a verdict run alone.
// The lone runs run at once, each holding one of ctx.test_slots.
std::vector<TestRun> run_test_cases(const BatchContext& ctx, const fs::path& binary, const std::vector<std::string>& names,
                                    const Limits& limits, const fs::path& job_dir, bool share = true);

// The replay judge: the tests `runs` report passed run again in `judge` (the exercise's tests
// linked with its stub, KitBuild::judge_binary), which replays each test's recorded runs
// instead of running code and lets the assertions decide. Sets TestRun::replay of those tests.
// Grades thereby rest on assertions evaluated where the student's code never ran: a process
// that forges its own verdicts gains nothing, one must forge runs that pass the hidden tests.
void confirm_passes(const BatchContext& ctx, const fs::path& judge, const std::vector<std::string>& names,
                    std::vector<TestRun>& runs, const Limits& limits, const fs::path& job_dir);

// Catch2 test-spec escaping so a name is matched literally.
std::string catch_spec_escape(const std::string& name);

}  // namespace grader
