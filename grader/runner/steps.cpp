// grader-steps STATUS_FILE [TAG OUT ERR ARGC ARG...]...: runs an exercise's build steps (each
// compile, then the link) one after another in one sandbox, each with its stdout and stderr in
// files of its own, and stops at the first step that fails.
//
// Why: a sandbox costs about 9 ms of CPU to start and end (bwrap, the lifeline, namespaces,
// docs/benchmarks.md); a compile and a link in one costs one sandbox instead of two per exercise.
// The sandbox's limits (CPU of the whole tree, wall time, memory per process) cover the steps
// together; the grader attributes a limit to the step that was running.
//
// After each step ends it appends "TAG EXIT SIGNAL WALL_SECONDS CPU_SECONDS\n" to STATUS_FILE
// (EXIT -1 when a signal ended the step; CPU includes the step's children: cc1plus, as, ld). A
// step ended from outside (the sandbox killed at a limit) has no line. Exit status: the failed
// step's (128 + N when signal N ended it), 0 when every step succeeded, 125 on bad arguments or a
// failed setup.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr int kSetupFailed = 125;

double now_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Step {
    const char* tag;
    const char* out;
    const char* err;
    char** argv;  // NULL-terminated in place: the slot after the last argument is overwritten
};

// The outcome of one step: its exit status as a shell would give it.
int run(const Step& s, int status_fd) {
    const double start = now_seconds();
    const pid_t pid = fork();
    if (pid < 0) return kSetupFailed;
    if (pid == 0) {
        const int out = open(s.out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        const int err = open(s.err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(kSetupFailed);
        execvp(s.argv[0], s.argv);
        std::perror(s.argv[0]);
        _exit(127);
    }
    int status = 0;
    rusage ru{};
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) return kSetupFailed;
    const double cpu = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    dprintf(status_fd, "%s %d %d %.6f %.6f\n", s.tag, exit_code, signal, now_seconds() - start, cpu);
    return signal ? 128 + signal : exit_code;
}

}  // namespace

int main(int argc, char* argv[]) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: grader-steps STATUS_FILE [TAG OUT ERR ARGC ARG...]...\n");
        return kSetupFailed;
    }
    const int status_fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (status_fd < 0) {
        std::perror(argv[1]);
        return kSetupFailed;
    }
    // Parse every step first: a malformed list runs nothing.
    constexpr int kMaxSteps = 64;
    Step steps[kMaxSteps];
    int count = 0;
    for (int i = 2; i < argc;) {
        if (count == kMaxSteps || argc - i < 5) return kSetupFailed;
        char* end = nullptr;
        const long n = std::strtol(argv[i + 3], &end, 10);
        if (*end != '\0' || n < 1 || n > argc - i - 4) return kSetupFailed;
        steps[count++] = Step{argv[i], argv[i + 1], argv[i + 2], argv + i + 4};
        i += 4 + int(n);
    }
    // Each step's arguments end where the next step's TAG is (its pointer is already in steps[]),
    // or at argv's own NULL.
    for (int k = 0; k < count; ++k) steps[k].argv[std::strtol(steps[k].argv[-1], nullptr, 10)] = nullptr;
    for (int k = 0; k < count; ++k)
        if (const int code = run(steps[k], status_fd); code != 0) return code;
    return 0;
}
