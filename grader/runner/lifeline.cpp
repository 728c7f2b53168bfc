// grader-lifeline LIFELINE_FD INFO_FD BWRAP [ARGS...]: starts bubblewrap and ends the sandbox
// when the grader is gone, whatever the instant.
//
// Why not bwrap's --die-with-parent alone: bwrap's namespace child waits for its parent (an
// eventfd) before it arms its own parent-death signal. Killed in that window - the grader
// SIGKILLed, its death signal reaching bwrap - the child waits forever (upstream startup race),
// and an interrupted batch must leave nothing behind. So this process, not the grader, is
// bwrap's parent: it has no parent-death signal, and learns of the grader's end from
// LIFELINE_FD, the read end of a pipe whose only write end the grader holds (hang-up when the
// grader dies) - or from SIGTERM, the grader's way to stop a sandbox at a limit. Then it kills
// bwrap's namespace child (its PID, from bwrap --info-fd INFO_FD, which ARGS must contain) and
// bwrap itself; the namespace child is the PID namespace's init, so nothing in the sandbox
// outlives it. Otherwise it passes bwrap's exit status (or the signal that ended it) on.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

constexpr int kSetupFailed = 125;
constexpr int kInfoWaitMs = 2000;  // bwrap writes its child's PID right after creating it

pid_t bwrap_pid = 0, sandbox_init = 0;
char info[4096];  // bwrap's info, NUL-terminated; its first few dozen bytes hold the PID
std::size_t info_size = 0;

// bwrap --info-fd writes {"child-pid": N, ...}.
void parse_info() {
    const char* at = std::strstr(info, "\"child-pid\"");
    const char* colon = at ? std::strchr(at, ':') : nullptr;
    if (colon) sandbox_init = pid_t(std::atol(colon + 1));
}

bool read_info(int fd) {  // false at end of input
    char discard[512];
    const bool full = info_size + 1 >= sizeof info;
    char* into = full ? discard : info + info_size;
    const ssize_t n = read(fd, into, full ? sizeof discard : sizeof info - 1 - info_size);
    if (n <= 0) return n < 0 && errno == EINTR;
    if (!full) {
        info_size += std::size_t(n);
        info[info_size] = '\0';
        parse_info();
    }
    return true;
}

[[noreturn]] void end_sandbox(int info_fd) {
    // The namespace child's PID may still be on its way: wait for it (or for bwrap's end).
    while (sandbox_init == 0 && info_fd >= 0) {
        pollfd p{info_fd, POLLIN, 0};
        if (poll(&p, 1, kInfoWaitMs) <= 0 || !read_info(info_fd)) break;
    }
    if (sandbox_init > 0) kill(sandbox_init, SIGKILL);
    kill(bwrap_pid, SIGKILL);
    while (waitpid(bwrap_pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    _exit(128 + SIGKILL);
}

}  // namespace

int main(int argc, char* argv[]) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: grader-lifeline LIFELINE_FD INFO_FD BWRAP [ARGS...]\n");
        return 2;
    }
    const int lifeline = std::atoi(argv[1]);
    const int info_target = std::atoi(argv[2]);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0) return kSetupFailed;
    const int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
    int info_pipe[2];
    if (sfd < 0 || pipe2(info_pipe, O_CLOEXEC) != 0) return kSetupFailed;

    bwrap_pid = fork();
    if (bwrap_pid < 0) return kSetupFailed;
    if (bwrap_pid == 0) {
        sigprocmask(SIG_UNBLOCK, &mask, nullptr);
        // Onto INFO_FD without close-on-exec (dup2 onto itself would leave the flag set).
        if (info_pipe[1] == info_target ? fcntl(info_target, F_SETFD, 0) < 0 : dup2(info_pipe[1], info_target) < 0)
            _exit(kSetupFailed);
        close(lifeline);
        execv(argv[3], argv + 3);
        std::perror(argv[3]);
        _exit(127);
    }
    close(info_pipe[1]);
    int info_fd = info_pipe[0];
    for (;;) {
        int status = 0;
        if (waitpid(bwrap_pid, &status, WNOHANG) == bwrap_pid) {
            if (WIFEXITED(status)) return WEXITSTATUS(status);
            const int sig = WTERMSIG(status);
            signal(sig, SIG_DFL);
            sigprocmask(SIG_UNBLOCK, &mask, nullptr);
            raise(sig);  // the same death, as if the grader had started bwrap itself
            return 128 + sig;
        }
        pollfd p[3] = {{sfd, POLLIN, 0}, {lifeline, POLLIN, 0}, {info_fd, POLLIN, 0}};
        if (poll(p, info_fd >= 0 ? 3 : 2, -1) < 0 && errno != EINTR) return kSetupFailed;
        if (p[1].revents) end_sandbox(info_fd);  // hang-up: the grader is gone
        if (info_fd >= 0 && p[2].revents && !read_info(info_fd)) {
            close(info_fd);
            info_fd = -1;
        }
        if (p[0].revents & POLLIN) {
            signalfd_siginfo si;
            if (read(sfd, &si, sizeof si) == ssize_t(sizeof si) && si.ssi_signo == SIGTERM) end_sandbox(info_fd);
        }
    }
}
