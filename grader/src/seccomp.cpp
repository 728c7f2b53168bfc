#include "seccomp.hpp"

#include <seccomp.h>

#include <errno.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string_view>
#include <utility>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

namespace grader {
namespace {

// Denied for every untrusted process, bwrap included. docs/security.md says why, one by one.
constexpr std::string_view kDenied[] = {
    // Another process's memory and state (the sandbox's init, a sibling, a debugger attach).
    "ptrace", "process_vm_readv", "process_vm_writev", "process_madvise", "kcmp", "pidfd_getfd",
    "migrate_pages", "move_pages",
    // Kernel attack surface no test or compiler uses.
    "perf_event_open", "bpf", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "add_key", "request_key", "keyctl", "open_by_handle_at", "lookup_dcookie", "uselib", "syslog",
    "iopl", "ioperm", "fanotify_init", "vhangup",
    // The machine itself (they need capabilities the sandbox lacks: defence in depth).
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "quotactl_fd", "settimeofday", "clock_settime",
    "clock_adjtime", "adjtimex",
};

// Also denied for tests: memory outside the address space RLIMIT_AS limits.
constexpr std::string_view kDeniedInTests[] = {"memfd_create", "memfd_secret", "shmget", "msgget", "mq_open"};

// Denied for the sandboxed program itself (bwrap needs them to build the sandbox).
constexpr std::string_view kDeniedInSandbox[] = {
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig",
    "fsmount", "fspick", "mount_setattr", "unshare", "setns",
};

constexpr unsigned long kNamespaceFlags[] = {CLONE_NEWNS,  CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
                                             CLONE_NEWUSER, CLONE_NEWPID,   CLONE_NEWNET, CLONE_NEWTIME};

struct Built {
    SeccompProgram program;
    std::vector<std::string> names;
};

bool add(scmp_filter_ctx ctx, std::string_view name, uint32_t action, std::vector<std::string>& names,
         std::initializer_list<scmp_arg_cmp> args = {}) {
    const int nr = seccomp_syscall_resolve_name(std::string(name).c_str());
    if (nr == __NR_SCMP_ERROR) return false;  // unknown to this libseccomp/arch: nothing to deny
    if (seccomp_rule_add_array(ctx, action, nr, unsigned(args.size()), args.begin()) != 0) return false;
    names.emplace_back(name);
    return true;
}

Built build(FilterKind kind, bool confine) {
    Built out;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) return out;
    // Another ABI (i386 int 0x80, x32) would reach the same kernel functions under other
    // numbers: such a call kills the process.
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    // The filter is installed by the child itself, after PR_SET_NO_NEW_PRIVS (install_seccomp).
    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
    const uint32_t eperm = SCMP_ACT_ERRNO(EPERM);
    for (auto name : kDenied) add(ctx, name, eperm, out.names);
    if (kind == FilterKind::test)
        for (auto name : kDeniedInTests) add(ctx, name, eperm, out.names);
    // personality(): only the query (0xffffffff). Setting one can switch off address
    // randomisation or make every mapping executable. (libseccomp compares an argument once
    // per rule, so "0 or the query" cannot be said; nothing here sets PER_LINUX anyway.)
    add(ctx, "personality", eperm, out.names, {SCMP_A0(SCMP_CMP_NE, 0xffffffffUL)});
    if (confine) {
        for (auto name : kDeniedInSandbox) add(ctx, name, eperm, out.names);
        // clone with a namespace flag (x86-64: flags are the first argument).
        for (unsigned long flag : kNamespaceFlags)
            add(ctx, "clone", eperm, out.names, {SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag)});
        // clone3 takes its flags in memory, which seccomp cannot read: ENOSYS, so glibc falls
        // back to clone (pthread_create, posix_spawn), whose flags the rules above see.
        add(ctx, "clone3", SCMP_ACT_ERRNO(ENOSYS), out.names);
        // Signals to every process of the user (-1) or to the grader: without bwrap's PID
        // namespace these would reach other students' tests and the grader itself.
        const scmp_datum_t grader = scmp_datum_t(::getpid());
        const scmp_datum_t minus_one = 0xffffffffUL, minus_grader = scmp_datum_t(uint32_t(-::getpgrp()));
        for (scmp_datum_t target : {minus_one, grader, minus_grader})
            add(ctx, "kill", eperm, out.names, {SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffUL, target)});
        for (const char* call : {"tkill", "tgkill", "pidfd_open"})
            add(ctx, call, eperm, out.names, {SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffUL, grader)});
    }
    // Export the program (the grader is not filtered: a memfd is fine here).
    const int fd = int(::syscall(SYS_memfd_create, "seccomp", 1U /* MFD_CLOEXEC */));
    if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0) {
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size % sizeof(sock_filter) == 0) {
            out.program.code.resize(std::size_t(st.st_size) / sizeof(sock_filter));
            if (::pread(fd, out.program.code.data(), std::size_t(st.st_size), 0) != st.st_size) out.program.code.clear();
        }
    }
    if (fd >= 0) ::close(fd);
    seccomp_release(ctx);
    // Names for the log: one per system call.
    std::vector<std::string> unique;
    for (auto& n : out.names)
        if (unique.empty() || std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(n);
    out.names = std::move(unique);
    return out;
}

const Built& built(FilterKind kind, bool confine) {
    static std::mutex mutex;
    static std::map<std::pair<int, bool>, Built> cache;
    std::lock_guard lock(mutex);
    auto key = std::make_pair(int(kind), confine);
    auto it = cache.find(key);
    if (it == cache.end()) {
        it = cache.emplace(key, build(kind, confine)).first;
        auto& p = it->second.program;
        p.prog = {static_cast<unsigned short>(p.code.size()), p.code.data()};
    }
    return it->second;
}

}  // namespace

const SeccompProgram& seccomp_program(FilterKind kind, bool confine) { return built(kind, confine).program; }

std::vector<std::string> seccomp_denied_names(FilterKind kind, bool confine) { return built(kind, confine).names; }

std::string seccomp_bytes(const SeccompProgram& p) {
    return std::string(reinterpret_cast<const char*>(p.code.data()), p.code.size() * sizeof(sock_filter));
}

int install_seccomp(const sock_fprog* prog) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;
    if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) != 0) return -errno;
    return 0;
}

}  // namespace grader
