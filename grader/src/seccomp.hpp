// System-call filters (seccomp-BPF, built with libseccomp) for every untrusted process.
//
// Student code is compiled into the test process, so what it may do is whatever the process may
// do: an object audit cannot see a raw `syscall` instruction in inline asm. The kernel can. Two
// layers (docs/security.md, section "seccomp", lists every system call and why):
//   outer: installed in the forked child before exec, so it covers bwrap, its namespace init, the
//          compiler or test and everything they start. Denies what nothing in the tree needs.
//   inner: handed to bwrap (--seccomp FD) and applied by bwrap to the sandboxed program only,
//          after bwrap has set up its mounts and namespaces: additionally denies mount, unshare,
//          setns, chroot and namespace flags of clone (bwrap itself needs those). Without bwrap
//          the outer filter carries these rules too.
// Denied calls fail with EPERM (clone3: ENOSYS) instead of killing the process: libraries probe
// some of these (glibc's clone3 -> clone fallback, io_uring or memfd feature checks), and a
// test whose probe fails still gets its honest verdict. Calls of another ABI (int 0x80, x32)
// kill the process: no honest program here makes them, and they would bypass the rules.
//
// The programs are generated once in the grader (libseccomp allocates), and the child only
// makes the async-signal-safe prctl/seccomp calls with a ready program: run.cpp starts
// children with vfork.
#pragma once
#include <linux/filter.h>

#include <string>
#include <vector>

namespace grader {

enum class FilterKind {
    compile,  // compilers and linkers: the common rules
    test,     // test binaries: also no memfd, SysV shared memory or message queues (memory that
              // RLIMIT_AS does not count)
};

struct SeccompProgram {
    std::vector<sock_filter> code;  // empty: not available (the grader then runs without)
    sock_fprog prog{};              // points into code: what install_seccomp takes
    bool empty() const { return code.empty(); }
};

// `confine`: also the namespace/mount rules (the inner filter, or the outer one without bwrap).
// Thread-safe; built on first use and kept. Empty when libseccomp or the kernel cannot.
const SeccompProgram& seccomp_program(FilterKind kind, bool confine);

// The raw BPF bytes of a program, as bwrap's --seccomp FD reads them.
std::string seccomp_bytes(const SeccompProgram& p);

// Installs a program in the calling process (PR_SET_NO_NEW_PRIVS first, as an unprivileged
// process must). Async-signal-safe: only prctl and the seccomp system call. 0 or -errno.
int install_seccomp(const sock_fprog* prog);

// What the filters deny, one line per system call (the names libseccomp resolved here), for logs.
std::vector<std::string> seccomp_denied_names(FilterKind kind, bool confine);

}  // namespace grader
