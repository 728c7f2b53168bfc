// An attacking "test binary" for the sandbox's unit tests (unit_test.cpp, "sandbox: ..."): each
// mode tries one thing student code compiled into a test process could try, and prints what
// happened as one line `<mode>: <outcome>`. The unit test runs it through run_process with the
// real sandbox and checks that the attempt was stopped (EPERM, not visible, or a limit).
// Exit status: 0 when the attempt failed the way the sandbox should make it fail, 1 when it got
// through, 2 for a usage error.
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <sched.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

int report(const char* mode, bool stopped, const std::string& detail) {
    std::printf("%s: %s (%s)\n", mode, stopped ? "stopped" : "GOT THROUGH", detail.c_str());
    return stopped ? 0 : 1;
}

std::string err(long r) { return r < 0 ? std::strerror(errno) : "succeeded"; }

// A raw system call, as inline asm would make it: no libc wrapper an audit could see.
long raw_syscall(long nr, long a, long b, long c, long d) {
    long ret;
    register long r10 asm("r10") = d;
    asm volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    if (ret < 0 && ret > -4096) {
        errno = int(-ret);
        return -1;
    }
    return ret;
}

void burn(double seconds) {
    const clock_t start = std::clock();
    volatile unsigned long x = 0;
    while (double(std::clock() - start) / CLOCKS_PER_SEC < seconds) ++x;
}

// Bytes written to `path` before the first error (stops at `limit`).
long fill(const char* path, long limit, std::string& why) {
    int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        why = std::string("open: ") + std::strerror(errno);
        return 0;
    }
    std::vector<char> block(1 << 20, 'x');
    long total = 0;
    while (total < limit) {
        ssize_t n = ::write(fd, block.data(), block.size());
        if (n <= 0) {
            why = n < 0 ? std::strerror(errno) : "short write";
            break;
        }
        total += n;
    }
    ::close(fd);
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    ::signal(SIGXFSZ, SIG_IGN);  // see EFBIG instead of dying, to report how far it got
    if (argc < 2) return 2;
    const std::string mode = argv[1];
    if (mode == "ptrace") {
        long r = ::ptrace(PTRACE_ATTACH, 1, nullptr, nullptr);
        long raw = raw_syscall(SYS_ptrace, PTRACE_ATTACH, 1, 0, 0);
        return report("ptrace", r < 0 && raw < 0 && errno == EPERM, "libc: " + err(r) + ", raw: " + err(raw));
    }
    if (mode == "process_vm") {
        char buf[16];
        iovec local{buf, sizeof buf}, remote{buf, sizeof buf};
        long r = ::syscall(SYS_process_vm_readv, 1, &local, 1, &remote, 1, 0);
        return report("process_vm", r < 0 && errno == EPERM, err(r));
    }
    if (mode == "memfd") {
        long r = raw_syscall(SYS_memfd_create, long("x"), 0, 0, 0);
        return report("memfd", r < 0 && errno == EPERM, err(r));
    }
    if (mode == "shm") {
        long r = ::shmget(IPC_PRIVATE, 64 << 20, IPC_CREAT | 0600);
        return report("shm", r < 0 && errno == EPERM, err(r));
    }
    if (mode == "io_uring") {
        io_uring_params p{};
        long r = ::syscall(SYS_io_uring_setup, 4, &p);
        return report("io_uring", r < 0 && errno == EPERM, err(r));
    }
    if (mode == "bpf") {
        long r = ::syscall(SYS_bpf, 0, nullptr, 0);
        long u = ::syscall(SYS_userfaultfd, 0);
        long p = ::syscall(SYS_perf_event_open, nullptr, 0, -1, -1, 0);
        long k = ::syscall(SYS_keyctl, 0, 0, 0, 0, 0);
        return report("bpf", r < 0 && u < 0 && p < 0 && k < 0, "bpf/userfaultfd/perf_event_open/keyctl all failed");
    }
    if (mode == "namespaces") {
        long u = ::unshare(CLONE_NEWUSER);
        int ue = errno;
        long m = ::mount("none", "/tmp", "tmpfs", 0, nullptr);
        int me = errno;
        long c = raw_syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0);
        if (c == 0) ::_exit(0);
        int ce = errno;
        long pers = ::syscall(SYS_personality, 0x0040000 /* ADDR_NO_RANDOMIZE */);
        return report("namespaces", u < 0 && ue == EPERM && m < 0 && me == EPERM && c < 0 && ce == EPERM && pers < 0,
                      std::string("unshare: ") + std::strerror(ue) + ", mount: " + std::strerror(me) +
                          ", clone(NEWUSER): " + std::strerror(ce) + ", personality: " + err(pers));
    }
    if (mode == "honest") {
        // What honest tests do must still work: threads (clone3 -> clone fallback), fork,
        // exec, the personality query, the scratch directory and /tmp.
        pthread_t t;
        bool thread = ::pthread_create(&t, nullptr, [](void*) -> void* { return nullptr; }, nullptr) == 0 &&
                      ::pthread_join(t, nullptr) == 0;
        pid_t pid = ::fork();
        if (pid == 0) {
            ::execl("/bin/true", "true", nullptr);
            ::_exit(127);
        }
        int status = 0;
        bool forked = pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        bool query = ::syscall(SYS_personality, 0xffffffffUL) >= 0;
        std::string why;
        // A name of its own in /tmp: without bwrap, /tmp is the host's, where a file of that
        // name left by another user would make an honest test look broken.
        const std::string tmp_file = "/tmp/grader-probe-honest-" + std::to_string(::getpid()) + ".txt";
        bool files = fill("scratch.txt", 1 << 20, why) == 1 << 20 && fill(tmp_file.c_str(), 1 << 20, why) == 1 << 20;
        ::unlink(tmp_file.c_str());
        bool ok = thread && forked && query && files;
        std::printf("honest: %s (thread %d, fork+exec %d, personality query %d, files %d %s)\n", ok ? "works" : "BROKEN",
                    thread, forked, query, files, why.c_str());
        return ok ? 0 : 1;
    }
    if (mode == "read") {
        // Every further argument is a host path that must not be visible.
        std::string seen;
        for (int i = 2; i < argc; ++i) {
            int fd = ::open(argv[i], O_RDONLY);
            if (fd >= 0) {
                seen += std::string(seen.empty() ? "" : ", ") + argv[i];
                ::close(fd);
            }
        }
        return report("read", seen.empty(), seen.empty() ? "none of the paths exists" : "visible: " + seen);
    }
    if (mode == "write_root") {
        // bwrap's own root and /dev are tmpfs owned by the sandbox user: must be read-only.
        std::string why1, why2;
        long a = fill("/x", 1 << 20, why1), b = fill("/dev/x", 1 << 20, why2);
        return report("write_root", a == 0 && b == 0, "/: " + why1 + ", /dev: " + why2);
    }
    if (mode == "tmpfs") {
        // 50 MB into each writable place: each must stop at its small size.
        std::string out;
        bool stopped = true;
        for (const char* p : {"/tmp/big", "/dev/shm/big", "big"}) {
            std::string why;
            long n = fill(p, 50L << 20, why);
            stopped = stopped && n < (16L << 20);
            out += std::string(p) + " " + std::to_string(n >> 20) + " MB (" + why + ") ";
        }
        return report("tmpfs", stopped, out);
    }
    if (mode == "fds") {
        int n = 0;
        for (; n < 1000; ++n)
            if (::open("/dev/null", O_RDONLY) < 0) break;
        return report("fds", n < 100, std::to_string(n) + " opened, then " + std::strerror(errno));
    }
    if (mode == "cpu_children") {
        // Short-lived children, each burning 0.1 s and gone before the next sample: the watcher
        // must count them through the parent's cutime. Reaching the end means it did not.
        for (int i = 0; i < 100; ++i) {
            pid_t pid = ::fork();
            if (pid == 0) {
                burn(0.1);
                ::_exit(0);
            }
            ::waitpid(pid, nullptr, 0);
        }
        return report("cpu_children", false, "10 s of CPU in children went unnoticed");
    }
    if (mode == "int80") {
        // The i386 ABI from a 64-bit process: getpid (20). The filter kills on a foreign ABI.
        long ret;
        asm volatile("int $0x80" : "=a"(ret) : "a"(20) : "memory");
        return report("int80", false, "int 0x80 returned " + std::to_string(ret));
    }
    return 2;
}
