#include "monitor.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace grader {
namespace {

// Reads a small /proc file into buf; false when it is gone (the task exited meanwhile).
bool read_small(const char* path, std::string& buf) {
    int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    buf.resize(4096);
    ssize_t n = ::read(fd, buf.data(), buf.size());
    ::close(fd);
    if (n <= 0) return false;
    buf.resize(std::size_t(n));
    return true;
}

const double kTicksPerSecond = double(::sysconf(_SC_CLK_TCK));

// One task's /proc/<pid>/task/<tid>/stat: fields after the command name (which may contain
// spaces and parentheses, hence the last ')').
void add_task(const std::string& stat, TreeSample& s) {
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return;
    char state = 0;
    unsigned long utime = 0, stime = 0;
    // state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
    if (std::sscanf(stat.c_str() + close + 1, " %c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &state, &utime,
                    &stime) != 3)
        return;
    ++s.tasks;
    s.cpu_seconds += double(utime + stime) / kTicksPerSecond;
    if (state == 'R' || state == 'D') s.runnable = true;
}

void walk(pid_t pid, TreeSample& s, int depth) {
    if (depth > 64) return;  // a fork chain deeper than this is a fork bomb; RLIMIT_NPROC has it
    char path[96];
    std::vector<pid_t> tids, children;
    std::string buf;
    // The common case is one thread per process; more are found through the task directory.
    std::snprintf(path, sizeof path, "/proc/%d/status", int(pid));
    int threads = 1;
    if (read_small(path, buf)) {
        if (auto at = buf.find("\nThreads:"); at != std::string::npos) threads = std::atoi(buf.c_str() + at + 9);
    }
    if (threads <= 1) {
        tids.push_back(pid);
    } else {
        // Thread ids are not contiguous; list them from /proc/<pid>/task.
        std::snprintf(path, sizeof path, "/proc/%d/task", int(pid));
        if (auto* d = ::opendir(path)) {
            while (auto* e = ::readdir(d))
                if (e->d_name[0] >= '1' && e->d_name[0] <= '9') tids.push_back(pid_t(std::atoi(e->d_name)));
            ::closedir(d);
        }
    }
    for (pid_t tid : tids) {
        std::snprintf(path, sizeof path, "/proc/%d/task/%d/stat", int(pid), int(tid));
        if (read_small(path, buf)) add_task(buf, s);
        std::snprintf(path, sizeof path, "/proc/%d/task/%d/children", int(pid), int(tid));
        if (depth == 0 && tid == pid && ::access(path, R_OK) == 0) s.complete = true;
        if (read_small(path, buf)) {
            const char* p = buf.c_str();
            char* end = nullptr;
            for (long child = std::strtol(p, &end, 10); end != p; child = std::strtol(p, &end, 10)) {
                children.push_back(pid_t(child));
                p = end;
            }
        }
    }
    for (pid_t child : children) walk(child, s, depth + 1);
}

}  // namespace

TreeSample sample_tree(pid_t root) {
    TreeSample s;
    walk(root, s, 0);
    s.found = s.tasks > 0;
    return s;
}

bool StallDetector::update(const TreeSample& s, double now) {
    if (idle_seconds_ <= 0 || !s.found || !s.complete) return false;
    if (s.runnable || s.cpu_seconds != last_cpu_) {
        last_cpu_ = s.cpu_seconds;
        idle_since_ = -1;
        idle_for_ = 0;
        return false;
    }
    if (idle_since_ < 0) idle_since_ = now;
    idle_for_ = now - idle_since_;
    return idle_for_ >= idle_seconds_;
}

}  // namespace grader
