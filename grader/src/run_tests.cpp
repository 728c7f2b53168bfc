// Stage 3, run (test cases): each listed test case runs in its own process so that one crash,
// hang or exit cannot take other tests' results with it, and so that the only results that count
// are the ones the runner main wrote for exactly that test, with that process's nonce.
#include <fmt/format.h>

#include <sys/stat.h>

#include "build.hpp"
#include "run.hpp"

namespace grader {

std::string catch_spec_escape(const std::string& name) {
    std::string out;
    for (char ch : name) {
        if (ch == '\\' || ch == ',' || ch == '[' || ch == ']' || ch == '"' || ch == '*' || ch == '~' || ch == '!')
            out += '\\';
        out += ch;
    }
    return out;
}

namespace {
ReporterRecords parse_records(const std::string& text, const std::string& nonce, const std::string& test_name) {
    ReporterRecords r;
    for (const auto& line : split_lines(text)) {
        if (line.empty()) continue;
        json rec = json::parse(line, nullptr, false);
        if (rec.is_discarded() || !rec.is_object() || rec.value("nonce", "") != nonce) {
            ++r.foreign_lines;
            continue;
        }
        const std::string ev = rec.value("event", "");
        if (ev == "run") r.run_seen = true;
        else if (ev == "fatal") r.fatal = rec.value("signal", "");
        else if (ev == "done") {
            r.done_seen = true;
            r.done_passed = rec.value("passed", 0);
            r.done_failed = rec.value("failed", 0);
        } else if ((ev == "start" || ev == "end") && rec.value("test", "") != test_name) {
            ++r.foreign_lines;
        } else if (ev == "start") {
            r.start_seen = true;
        } else if (ev == "end" && !r.end) {
            r.end = std::move(rec);
        }
    }
    return r;
}
}  // namespace

TestRun run_test_case(const BatchContext& ctx, const fs::path& binary, const std::string& test_name,
                      const Limits& limits, const fs::path& job_dir, int index) {
    TestRun run;
    const fs::path scratch = job_dir / fmt::format("test-{:03d}", index);
    fs::create_directories(scratch);
    hand_over(scratch, ctx.sandbox);
    ::chmod(scratch.c_str(), 0700);

    ProcessSpec spec;
    spec.argv = {binary.string(), catch_spec_escape(test_name), "--use-colour", "no", "--order", "decl"};
    spec.cwd = scratch;
    spec.env = clean_env(scratch);
    spec.results = true;  // stdout, stderr and results are captured in memory
    spec.nonce = random_hex(32);
    spec.limits.wall_seconds = limits.wall_seconds;
    spec.limits.cpu_seconds = limits.cpu_seconds;
    spec.limits.watch = true;
    spec.limits.idle_seconds = limits.idle_seconds;
    spec.limits.memory_bytes = limits.memory_mb << 20;
    spec.limits.file_bytes = limits.output_kb << 10;
    // RLIMIT_NPROC counts every process of the sandbox user, including the grader's other
    // parallel jobs (a compiler is 4, a sandboxed test 3) and bwrap orphans not reaped yet
    // (run.cpp reaps every 8 runs): leave them room.
    spec.limits.processes = limits.processes + 8L * ctx.jobs + 16;
    spec.view.hide = ctx.hidden_paths;
    spec.view.read_only = {binary};
    spec.view.writable = {scratch};
    run.argv = spec.argv;
    run.process = run_process(spec, ctx.sandbox);

    run.stdout_bytes = run.process.stdout_bytes;
    run.stderr_bytes = run.process.stderr_bytes;
    run.stdout_text = std::move(run.process.stdout_text);
    run.stderr_text = std::move(run.process.stderr_text);
    run.records = parse_records(run.process.results_text, spec.nonce, test_name);
    run.process.results_text.clear();
    return run;
}

}  // namespace grader
