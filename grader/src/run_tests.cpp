// Stage 3, run (test cases): each test case is judged as if it ran in its own process, so that one
// crash, hang or exit cannot take other tests' results with it, and so that the only results that
// count are the ones the runner main wrote for exactly that test, with that process's nonce.
// Most processes are shared by several tests (run_test_cases); see run.hpp for when that is safe.
#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "build.hpp"
#include "judge_server.hpp"
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

// Everything one process reported with its nonce, about the tests it was asked to run.
struct ProcessRecords {
    bool run_seen = false, done_seen = false;
    int done_passed = 0, done_failed = 0;
    std::string fatal;
    std::vector<std::string> started;  // in the order the tests started
    std::map<std::string, json> ends;  // the first "end" of each test
    std::map<std::string, std::vector<std::string>> observations;  // "obs" records per test (hex)
    int foreign_lines = 0;             // no nonce, or about a test not asked for
    std::string tampering;             // why the record stream cannot come from the runner alone
};

ProcessRecords parse_records(const std::string& text, const std::string& nonce, const std::set<std::string>& names,
                             bool overflow) {
    ProcessRecords r;
    std::uint64_t expected_seq = 0;
    auto tampered = [&](std::string why) {
        if (r.tampering.empty()) r.tampering = std::move(why);
    };
    const auto lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty()) continue;
        json rec = json::parse(line, nullptr, false);
        if (rec.is_discarded() || !rec.is_object() || rec.value("nonce", "") != nonce) {
            // The runner writes nothing else on fd 3; a line cut by the size cap is not tampering.
            ++r.foreign_lines;
            if (!(overflow && i + 1 == lines.size())) tampered("a line on the results channel that the runner did not write");
            continue;
        }
        const std::uint64_t seq = rec.contains("seq") && rec["seq"].is_number_unsigned() ? rec["seq"].get<std::uint64_t>() : ~0ull;
        if (seq != expected_seq) tampered(fmt::format("record {} arrived where record {} was due", seq, expected_seq));
        expected_seq = seq + 1;
        if (r.done_seen) tampered("a record after the run's last record (done)");
        const std::string ev = rec.value("event", "");
        const std::string test = rec.value("test", "");
        if (ev == "start" && std::find(r.started.begin(), r.started.end(), test) != r.started.end())
            tampered("a test started twice: " + test);
        if (ev == "end" && r.ends.count(test)) tampered("a second result for one test: " + test);
        if (ev == "obs") {
            if (names.count(test)) r.observations[test].push_back(rec.value("data", ""));
            else ++r.foreign_lines;
            continue;
        }
        if (ev == "run") r.run_seen = true;
        else if (ev == "fatal") r.fatal = rec.value("signal", "");
        else if (ev == "done") {
            r.done_seen = true;
            r.done_passed = rec.value("passed", 0);
            r.done_failed = rec.value("failed", 0);
        } else if ((ev == "start" || ev == "end") && !names.count(test)) {
            ++r.foreign_lines;
        } else if (ev == "start") {
            r.started.push_back(test);
        } else if (ev == "end") {
            r.ends.emplace(test, std::move(rec));
        }
    }
    return r;
}

// The view of one test that judge_test reads.
ReporterRecords records_of(const ProcessRecords& p, const std::string& test) {
    ReporterRecords r;
    r.run_seen = p.run_seen;
    r.done_seen = p.done_seen;
    r.done_passed = p.done_passed;
    r.done_failed = p.done_failed;
    r.fatal = p.fatal;
    r.foreign_lines = p.foreign_lines;
    r.start_seen = std::find(p.started.begin(), p.started.end(), test) != p.started.end();
    if (auto it = p.ends.find(test); it != p.ends.end()) r.end = it->second;
    if (auto it = p.observations.find(test); it != p.observations.end()) r.observations = it->second;
    r.tampering = p.tampering;
    return r;
}

struct Outcome {
    ProcessResult process;
    ProcessRecords records;
    std::vector<std::string> argv;
};

// The Catch2 arguments that run exactly `names`, in declaration order.
std::vector<std::string> catch_args(const std::vector<std::string>& names) {
    std::string test_spec;
    for (const auto& name : names) test_spec += (test_spec.empty() ? "" : ",") + catch_spec_escape(name);
    return {test_spec, "--use-colour", "no", "--order", "decl"};
}

Outcome outcome_of(ProcessResult process, std::vector<std::string> argv, const std::string& nonce,
                   const std::vector<std::string>& names) {
    Outcome o;
    o.argv = std::move(argv);
    o.process = std::move(process);
    o.records = parse_records(o.process.results_text, nonce, std::set<std::string>(names.begin(), names.end()),
                              o.process.results_overflow);
    o.process.results_text.clear();
    return o;
}

// One process of the test binary running `names`.
// `replay`: the judge's input file (in the scratch dir), which also selects judge mode.
Outcome run_binary(const BatchContext& ctx, const fs::path& binary, const std::vector<std::string>& names,
                   const Limits& limits, const fs::path& job_dir, int index, const std::string& replay = {}) {
    const fs::path scratch = job_dir / fmt::format("test-{:03d}", index);
    fs::create_directories(scratch);
    hand_over(scratch, ctx.sandbox);
    ::chmod(scratch.c_str(), 0700);

    ProcessSpec spec;
    spec.argv = {binary.string()};
    for (auto& a : catch_args(names)) spec.argv.push_back(std::move(a));
    spec.cwd = scratch;
    spec.env = clean_env(scratch);
    const fs::path replay_file = job_dir / fmt::format("replay-{:03d}.jsonl", index);
    if (!replay.empty()) {
        write_file_atomic(replay_file, replay);
        spec.env.emplace_back("AIO_GRADER_REPLAY", replay_file.string());
    }
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
    // The sandbox's own processes (grader-lifeline, bwrap, its namespace init) on top.
    spec.limits.group_processes = limits.processes + 4;
    spec.view.hide = ctx.hidden_paths;
    spec.view.read_only = program_files(binary);
    spec.view.scratch = {scratch};  // a size-limited tmpfs in the sandbox
    if (!replay.empty()) spec.view.read_only.push_back(replay_file);

    return outcome_of(run_process(spec, ctx.sandbox), spec.argv, spec.nonce, names);
}

TestRun test_run(const Outcome& o, const std::string& test) {
    TestRun run;
    run.process = o.process;
    run.records = records_of(o.records, test);
    run.stdout_bytes = o.process.stdout_bytes;
    run.stderr_bytes = o.process.stderr_bytes;
    run.stdout_text = o.process.stdout_text;
    run.stderr_text = o.process.stderr_text;
    run.argv = o.argv;
    return run;
}

}  // namespace

void confirm_passes(const BatchContext& ctx, const fs::path& judge, const std::vector<std::string>& names,
                    std::vector<TestRun>& runs, const Limits& limits, const fs::path& job_dir) {
    std::vector<std::string> claimed;
    json replay = json::array();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const ReporterRecords& rec = runs[i].records;
        if (!rec.end || !(*rec.end).value("passed", false)) continue;  // a failure needs no second opinion
        claimed.push_back(names[i]);
        replay.push_back({{"test", names[i]}, {"obs", rec.observations}});
    }
    if (claimed.empty()) return;
    // The batch's judge server for this exercise; a process of its own when there is none.
    const std::string nonce = random_hex(32);
    std::optional<ProcessResult> served;
    if (ctx.judges) served = ctx.judges->judge(judge, catch_args(claimed), nonce, replay, limits);
    Outcome o;
    if (served) {
        o = outcome_of(std::move(*served), {judge.string(), "(judge server)"}, nonce, claimed);
    } else {
        std::string lines;
        for (const auto& r : replay) lines += r.dump() + "\n";
        o = run_binary(ctx, judge, claimed, limits, job_dir, 900, lines);
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        const ReporterRecords& rec = runs[i].records;
        if (!rec.end || !(*rec.end).value("passed", false)) continue;
        ReplayVerdict v;
        const auto end = o.records.ends.find(names[i]);
        if (end == o.records.ends.end()) {
            v.reason = fmt::format("the judge reported no result (exit {}, signal {}, timed out {})", o.process.exit_code,
                                   o.process.signal, o.process.timed_out);
        } else {
            v.end = end->second;
            const json summary = end->second.value("replay", json::object());
            const std::size_t used = summary.value("used", std::size_t(0));
            if (!end->second.value("passed", false))
                v.reason = "the assertions fail on the recorded runs";
            else if (used != rec.observations.size())
                v.reason = fmt::format("the test used {} of the {} recorded runs", used, rec.observations.size());
            else
                v.confirmed = true;
        }
        runs[i].replay = std::move(v);
    }
}

TestRun run_test_case(const BatchContext& ctx, const fs::path& binary, const std::string& test_name,
                      const Limits& limits, const fs::path& job_dir, int index) {
    return test_run(run_binary(ctx, binary, {test_name}, limits, job_dir, index), test_name);
}

std::vector<TestRun> run_test_cases(const BatchContext& ctx, const fs::path& binary, const std::vector<std::string>& names,
                                    const Limits& limits, const fs::path& job_dir, bool share) {
    std::vector<std::optional<TestRun>> runs(names.size());
    std::vector<std::size_t> pending(names.size()), alone;
    for (std::size_t i = 0; i < names.size(); ++i) pending[i] = i;
    int index = 0;
    while (share && pending.size() > 1) {
        std::vector<std::string> batch;
        for (std::size_t i : pending) batch.push_back(names[i]);
        const Outcome o = run_binary(ctx, binary, batch, limits, job_dir, index++);
        const ProcessRecords& rec = o.records;
        const ProcessResult& p = o.process;
        const long output_limit = limits.output_kb << 10;
        const bool output_full = p.stdout_bytes >= output_limit || p.stderr_bytes >= output_limit;
        const bool limited = p.timed_out || p.stalled || p.cpu_exceeded || p.signal != 0 || output_full;
        // Ended as Catch2 ends: every started test reported, the summary written, and an exit
        // status that is 0 exactly when no test failed (Catch2 exits with the failed assertions).
        const bool all_ended = std::all_of(rec.started.begin(), rec.started.end(),
                                           [&](const std::string& t) { return rec.ends.count(t) > 0; });
        const bool clean = !limited && p.exited && rec.done_seen && all_ended &&
                           (p.exit_code == 0) == (rec.done_failed == 0);
        // The test the process died in: started, never ended (so never set when clean).
        std::string died_in;
        if (!rec.started.empty() && !rec.ends.count(rec.started.back())) died_in = rec.started.back();

        std::vector<std::size_t> next;
        for (std::size_t i : pending) {
            const std::string& name = names[i];
            const bool started = std::find(rec.started.begin(), rec.started.end(), name) != rec.started.end();
            auto end = rec.ends.find(name);
            const bool passed = end != rec.ends.end() && end->second.value("passed", false);
            if (!started) {
                // Not reached: the next shared process. Asked for but never run by a process
                // that ended cleanly: not in the binary; a lone run says so.
                (clean || rec.started.empty() ? alone : next).push_back(i);
            } else if (passed && (clean || (!died_in.empty() && !output_full))) {
                runs[i] = test_run(o, name);
                runs[i]->note = fmt::format("shared process: {} tests asked, {} started; passes before a death count",
                                            batch.size(), rec.started.size());
                runs[i]->process.exited = true;  // its own verdict: the pass, not the later death
                runs[i]->process.exit_code = 0;
                runs[i]->process.signal = 0;
                runs[i]->process.timed_out = runs[i]->process.stalled = runs[i]->process.cpu_exceeded = false;
                runs[i]->process.memory_exceeded = false;
                runs[i]->records.fatal.clear();
            } else if (name == died_in && name == rec.started.front()) {
                runs[i] = test_run(o, name);  // nothing but startup ran before it: as a lone run
                runs[i]->note = fmt::format("shared process died in its first test ({} tests asked)", batch.size());
            } else if (name == rec.started.front() && end != rec.ends.end() && clean && p.stderr_bytes == 0) {
                // A failure with nothing but startup before it, in a process that ended as
                // Catch2 ends and wrote nothing to stderr (so no text there can make it another
                // verdict): the failure its lone run reports. What that run would do at exit,
                // after the test, is not seen: a failure stays a failure.
                runs[i] = test_run(o, name);
                runs[i]->note = fmt::format("shared process failed its first test cleanly ({} tests asked)", batch.size());
            } else {
                alone.push_back(i);
            }
        }
        pending = std::move(next);
    }
    alone.insert(alone.end(), pending.begin(), pending.end());
    std::sort(alone.begin(), alone.end());
    for (std::size_t i : alone) runs[i] = run_test_case(ctx, binary, names[i], limits, job_dir, index++);
    std::vector<TestRun> out;
    for (auto& r : runs) out.push_back(std::move(*r));
    return out;
}

}  // namespace grader
