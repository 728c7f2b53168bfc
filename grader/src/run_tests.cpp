// Stage 3, run (test cases): each test case is judged as if it ran in its own process, so that one
// crash, hang or exit cannot take other tests' results with it, and so that the only results that
// count are the ones the runner main wrote for exactly that test, with that process's nonce.
// Most processes are shared by several tests (run_test_cases); see run.hpp for when that is safe.
#include <fmt/format.h>

#include <sys/stat.h>

#include <csignal>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "build.hpp"
#include "judge_server.hpp"
#include "run.hpp"
#include "util.hpp"

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
    std::string nonce;  // fork mode: the records are read per fork
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
                   const Limits& limits, const fs::path& job_dir, int index, const std::string& replay = {},
                   bool fork_each = false) {
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
    if (fork_each) spec.env.emplace_back("AIO_GRADER_FORK_EACH", "1");
    spec.results = true;  // stdout, stderr and results are captured in memory
    spec.nonce = random_hex(32);
    spec.limits.wall_seconds = limits.wall_seconds;
    spec.limits.cpu_seconds = limits.cpu_seconds;
    spec.limits.watch = true;
    spec.limits.idle_seconds = limits.idle_seconds;
    spec.limits.memory_bytes = limits.memory_mb << 20;
    spec.limits.file_bytes = limits.output_kb << 10;
    // Room for the other jobs' processes (BatchContext) and bwrap orphans not reaped yet (run.cpp
    // reaps every 8 runs).
    spec.limits.processes = limits.processes + ctx.other_jobs_processes() + 16;
    // The sandbox's own processes (grader-lifeline, bwrap, its namespace init) on top, and in
    // fork mode the process the tests are forked from.
    spec.limits.group_processes = limits.processes + 4 + (fork_each ? 1 : 0);
    spec.view.hide = ctx.hidden_paths;
    spec.view.read_only = program_files(binary);
    spec.view.scratch = {scratch};  // a size-limited tmpfs in the sandbox
    if (!replay.empty()) spec.view.read_only.push_back(replay_file);

    const SlotHeld slot(ctx.test_slots);
    if (fork_each) {  // the caller reads the forks' records (forked_runs)
        Outcome o;
        o.argv = spec.argv;
        o.process = run_process(spec, ctx.sandbox);
        o.nonce = spec.nonce;
        return o;
    }
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

// Fork mode (grader_main.cpp, run_each_in_fork): a "child" record for each test that ended, in
// order, then "done"; numbered and carrying the process's nonce like every record.
struct ForkRecords {
    bool consistent = true;
    std::vector<json> children;
};

ForkRecords parse_fork_records(const ProcessResult& p, const std::string& nonce) {
    ForkRecords r;
    bool done = false;
    std::uint64_t seq = 0;
    const auto lines = split_lines(p.results_text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) continue;
        json rec = json::parse(lines[i], nullptr, false);
        if (rec.is_discarded() || !rec.is_object() || rec.value("nonce", "") != nonce || done) {
            if (!(p.results_overflow && i + 1 == lines.size())) r.consistent = false;  // a cut last line is not
            continue;
        }
        if (!rec.contains("seq") || !rec["seq"].is_number_unsigned() || rec["seq"].get<std::uint64_t>() != seq) r.consistent = false;
        ++seq;
        const std::string ev = rec.value("event", "");
        if (ev == "child") r.children.push_back(std::move(rec));
        else if (ev == "done") done = true;
        else r.consistent = false;
    }
    return r;
}

// A fork's stdout or stderr as its lone run would have captured it: what the process wrote
// before its first fork (start-up), then the fork's own bytes [from, to). False when the range
// is not one or the captured head lacks part of it.
bool fork_output(const std::string& head, long startup_end, const json& range, bool first, std::string& text, long& bytes) {
    if (!range.is_array() || range.size() != 2 || !range[0].is_number_integer() || !range[1].is_number_integer()) return false;
    const long from = range[0].get<long>(), to = range[1].get<long>();
    if (from < startup_end || to < from) return false;
    bytes = startup_end + (to - from);
    const long held = long(head.size());
    if (first) {  // its lone run's head is this head's start
        text = head.substr(0, std::size_t(std::min(to, held)));
        return true;
    }
    if (to > held) return false;
    text = head.substr(0, std::size_t(startup_end)) + head.substr(std::size_t(from), std::size_t(to - from));
    return true;
}

// The run of fork `k` of process `o`, as its lone run: the fork's own exit, records and output.
std::optional<TestRun> forked_run(const Outcome& o, const ForkRecords& f, std::size_t k, const std::string& name,
                                  std::size_t tests) {
    const json& child = f.children[k];
    const json& first = f.children.front();
    TestRun run;
    run.process = o.process;  // launched, wall time and memory peak: the process's
    run.process.stdout_text.clear();
    run.process.stderr_text.clear();
    const auto startup = [&](const char* stream) {
        const json& r = first.value(stream, json());
        return r.is_array() && r.size() == 2 && r[0].is_number_integer() ? r[0].get<long>() : -1L;
    };
    if (!fork_output(o.process.stdout_text, startup("stdout"), child.value("stdout", json()), k == 0, run.stdout_text,
                     run.stdout_bytes) ||
        !fork_output(o.process.stderr_text, startup("stderr"), child.value("stderr", json()), k == 0, run.stderr_text,
                     run.stderr_bytes))
        return std::nullopt;
    run.process.exited = child.value("exited", false);
    run.process.exit_code = child.value("exit", -1);
    run.process.signal = child.value("signal", 0);
    run.process.cpu_seconds = child.value("cpu", 0.0);
    run.process.timed_out = run.process.stalled = run.process.cpu_exceeded = false;  // it ended on its own
    run.process.memory_exceeded = o.process.memory_exceeded && run.process.signal == SIGKILL;
    run.process.stdout_bytes = run.stdout_bytes;
    run.process.stderr_bytes = run.stderr_bytes;
    const std::set<std::string> names{name};
    run.records = records_of(parse_records(child.value("results", ""), o.nonce, names, child.value("overflow", false)), name);
    run.argv = o.argv;
    run.note = fmt::format("fork {} of a process asked for {} tests", k + 1, tests);
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
    std::vector<std::size_t> pending(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) pending[i] = i;
    const long output_limit = limits.output_kb << 10;
    int index = 0;
    bool limit_ended = false;
    while (share && !limit_ended && pending.size() > 1) {
        std::vector<std::string> batch;
        for (std::size_t i : pending) batch.push_back(names[i]);
        const Outcome o = run_binary(ctx, binary, batch, limits, job_dir, index++, {}, /*fork_each=*/true);
        const ForkRecords f = parse_fork_records(o.process, o.nonce);
        bool valid = f.consistent && f.children.size() <= batch.size();
        for (std::size_t k = 0; valid && k < f.children.size(); ++k)
            valid = f.children[k].value("spec", "") == catch_spec_escape(batch[k]);
        if (!valid) break;  // a stream the runner did not write: each test alone, as without sharing

        std::vector<std::size_t> next;
        for (std::size_t k = 0; k < f.children.size(); ++k) {
            const std::size_t i = pending[k];
            std::optional<TestRun> run = forked_run(o, f, k, names[i], batch.size());
            // After other forks, the output limit was partly used up and the head may lack part
            // of the fork's output: what its lone run would have written is not known.
            if (!run || (k > 0 && (run->process.signal == SIGXFSZ || run->stdout_bytes >= output_limit ||
                                   run->stderr_bytes >= output_limit)))
                next.push_back(i);
            else
                runs[i] = std::move(*run);
        }
        std::size_t k = f.children.size();
        limit_ended = k < pending.size();
        if (limit_ended) {
            // The process ended in test k (a limit ended the sandbox, or start-up ended it).
            // After other forks its CPU, wall time and output limits were partly used: it runs
            // again alone, and so does every test after it (below).
            if (k == 0) {
                runs[pending[0]] = test_run(o, names[pending[0]]);
                runs[pending[0]]->note = fmt::format("the process asked for {} tests ended in its first", batch.size());
            } else {
                next.insert(next.begin(), pending[k]);
            }
            next.insert(next.end(), pending.begin() + std::ptrdiff_t(k) + 1, pending.end());
        }
        pending = std::move(next);
    }
    // The rest alone, at once (each process holds a test slot). After a process that a limit ended,
    // the tests after it often end the same way (a loop or a stall in the student's function),
    // each after its whole limit: one after another, a job's stalls add up to seconds.
    std::sort(pending.begin(), pending.end());
    parallel_for(pending.size(), int(pending.size()), [&](std::size_t a) {
        runs[pending[a]] = run_test_case(ctx, binary, names[pending[a]], limits, job_dir, index + int(a));
    });
    std::vector<TestRun> out;
    for (auto& r : runs) out.push_back(std::move(*r));
    return out;
}

}  // namespace grader
