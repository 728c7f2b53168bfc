// What one sandboxed process start costs with and without the per-test cgroup (cgroup.hpp), in
// the same run, interleaved: ROUNDS rounds of RUNS starts of /bin/true each way, the way
// run_tests.cpp starts a test (bwrap, seccomp, the test's limits). Prints the median per start of
// each round and the median of the rounds' differences. Needs a host where cgroups are active
// (root on a v1 host, or a delegated v2 subtree); says so and exits 2 otherwise.
// usage: grader_process_cost [ROUNDS=6] [RUNS=100]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

#include "run.hpp"

using namespace grader;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double one_start(const SandboxInfo& sandbox, const fs::path& scratch) {
    ProcessSpec spec;
    spec.argv = {"/bin/true"};
    spec.cwd = scratch;
    spec.limits.wall_seconds = 10;
    spec.limits.cpu_seconds = 1;
    spec.limits.memory_bytes = 64L << 20;
    spec.limits.watch = true;
    spec.limits.idle_seconds = 1;
    spec.limits.group_processes = 68;
    spec.view.scratch = {scratch};
    const auto t0 = std::chrono::steady_clock::now();
    const ProcessResult r = run_process(spec, sandbox);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!r.exited || r.exit_code != 0) {
        fmt::print(stderr, "/bin/true failed: exit {} signal {} {}\n", r.exit_code, r.signal, r.stderr_text);
        std::exit(1);
    }
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 6;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 100;
    become_subreaper();
    reserve_low_descriptors();
    SandboxConfig config;
    const SandboxInfo with = detect_sandbox(config);
    if (with.cgroups.mode == cgroup::Mode::none) {
        fmt::print("no per-test cgroups on this host ({}): nothing to compare\n", with.cgroups.why_not);
        return 2;
    }
    SandboxInfo without = with;
    without.cgroups = {};
    const fs::path scratch = fs::temp_directory_path() / fmt::format("process-cost-{}", ::getpid());
    fs::create_directories(scratch);
    hand_over(scratch, with);
    fmt::print("sandbox: {}\n\n| round | without cgroup (ms per start) | with cgroup | difference |\n|---|---|---|---|\n",
               with.description);
    std::vector<double> differences;
    for (int round = 1; round <= rounds; ++round) {
        std::vector<double> a, b;
        for (int i = 0; i < runs; ++i) {  // alternating, so load changes hit both alike
            a.push_back(one_start(without, scratch));
            b.push_back(one_start(with, scratch));
        }
        const double ma = median(a), mb = median(b);
        differences.push_back(mb - ma);
        fmt::print("| {} | {:.2f} | {:.2f} | {:+.2f} |\n", round, ma, mb, mb - ma);
    }
    fmt::print("\nmedian difference per process start: {:+.2f} ms\n", median(differences));
    fs::remove_all(scratch);
}
