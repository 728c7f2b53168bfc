#include "validate.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "kit_rules.hpp"
#include "mistakes.hpp"
#include "pipeline.hpp"

namespace grader {

namespace {

enum class Status { pass, fail, not_applicable };

struct Check {
    Status status;
    std::string text;
};

// One exercise: what the trusted steps found, and the submissions its grading needs.
struct Plan {
    const Exercise* ex = nullptr;
    std::vector<Check> checks;
    TreeCheck tree;
    std::vector<PrintedLine> output;
    std::vector<MistakeKind> kinds;
};

std::string first_line(const std::string& text, std::size_t max = 160) {
    std::string line = trim(text.substr(0, text.find('\n')));
    return clip_line(line, max);
}

std::string quoted_tests(const std::vector<std::string>& names) {
    if (names.empty()) return "";
    std::string out = fmt::format("\"{}\"", names.front());
    if (names.size() > 1) out += fmt::format(" (+{} more)", names.size() - 1);
    return out;
}

// A kit or author step, not a student's: limits against runaways, no sandbox.
ProcessResult run_step(const std::vector<std::string>& argv, const fs::path& dir, const std::string& tag, double seconds) {
    return run_trusted_process(argv, dir, dir, tag, seconds);
}
bool ok(const ProcessResult& r) { return r.launched && r.exited && r.exit_code == 0; }

// The toml's test names against the TEST_CASEs of each test file, linked alone with the stub.
void check_names(const KitBuild& kb, Plan& p, const fs::path& dir) {
    std::vector<RuleError> errors;
    int kinds = 0;
    for (const auto& source : p.ex->test_sources) {
        const bool hidden = source == p.ex->dir / kHiddenTestSource;
        const std::string kind = hidden ? "hidden" : "public";
        const fs::path binary = dir / ("list-" + kind);
        ProcessResult link = run_step(kb.link_command(*p.ex, kb.stub_objects(*p.ex), binary,
                                                      hidden ? TestSet::hidden_tests : TestSet::public_tests),
                                      dir, "link-" + kind, 300);
        if (!ok(link)) {
            errors.push_back({"exercises/" + p.ex->id, fmt::format("{} tests do not link with the stub: {}", kind,
                                                                   first_line(link.stderr_text))});
            continue;
        }
        // Catch2 v2 exits with the number of tests it listed.
        ProcessResult list = run_step({binary.string(), "--list-test-names-only"}, dir, "list-" + kind, 60);
        std::vector<std::string> names;
        for (auto& line : split_lines(list.stdout_text))
            if (!trim(line).empty()) names.push_back(trim(line));
        for (auto& e : compare_test_names(p.ex->id, kind, hidden ? p.tree.hidden_names : p.tree.public_names, names,
                                          fmt::format("{}/{}", p.ex->id, source.lexically_relative(p.ex->dir).string())))
            errors.push_back(std::move(e));
        ++kinds;
    }
    if (errors.empty())
        p.checks.push_back({Status::pass, fmt::format("test names: the {} public and {} hidden TEST_CASEs are exactly exercise.toml's",
                                                      p.tree.public_names.size(), p.tree.hidden_names.size())});
    for (const auto& e : errors) p.checks.push_back({Status::fail, "test names: " + e.what});
}

// main.cpp with the solution, as <build>/bin/<program>; then one `--virtual --trace` run.
void check_program(const Config& config, const KitBuild& kb, Plan& p, const fs::path& dir) {
    const Exercise& ex = *p.ex;
    const fs::path solutions = config.kit_root / "solutions" / ex.id;
    std::vector<fs::path> objects;
    std::vector<fs::path> sources{ex.dir / "main.cpp"};
    for (const auto& f : ex.student_files) sources.push_back(solutions / f);
    for (const auto& src : sources) {
        const fs::path obj = dir / ("program-" + src.stem().string() + ".o");
        ProcessResult r = run_step(kb.compile_command(ex, src, obj, true), dir, "compile-" + src.stem().string(), 300);
        if (!ok(r)) {
            p.checks.push_back({Status::fail, fmt::format("program: {} does not compile: {}", src.lexically_relative(config.kit_root).string(),
                                                          first_diagnostic(r.stderr_text, config.kit_root, 400))});
            return;
        }
        objects.push_back(obj);
    }
    const fs::path binary = dir / ex.program;
    ProcessResult link = run_step(kb.program_link_command(objects, binary), dir, "link-program", 300);
    if (!ok(link)) {
        p.checks.push_back({Status::fail, "program: main.cpp and the solution do not link: " + first_diagnostic(link.stderr_text, dir, 400)});
        return;
    }
    ProcessResult run = run_step({binary.string(), "--virtual", "--trace"}, dir, "run-program", 20);
    p.output = parse_trace_output(run.stdout_text);
    if (!ok(run))
        p.checks.push_back({Status::fail, fmt::format("program: main.cpp builds, but `{} --virtual --trace` {}: {}", ex.program,
                                                      run.timed_out ? "timed out" : fmt::format("exited with {}", run.exit_code),
                                                      first_line(run.stderr_text))});
    else
        p.checks.push_back({Status::pass, fmt::format("program: main.cpp builds with the solution; `{} --virtual --trace` printed {} lines",
                                                      ex.program, p.output.size())});
}

std::vector<SourceFile> read_files(const fs::path& dir, const Exercise& ex) {
    std::vector<SourceFile> out;
    for (const auto& f : ex.student_files) out.push_back({f, read_file(dir / f).value_or("")});
    return out;
}

fs::path write_submission(const fs::path& subs, const std::string& name, const Exercise& ex, const std::vector<SourceFile>& files) {
    const fs::path dir = subs / name;
    for (const auto& f : files) write_file_atomic(dir / "exercises" / ex.id / f.name, f.text);
    return dir;
}

const ExerciseResult* result_of(const std::map<std::string, StudentRecord>& records, const std::string& sub, const std::string& id) {
    auto it = records.find(sub);
    if (it == records.end()) return nullptr;
    for (const auto& e : it->second.exercises)
        if (e.id == id) return &e;
    return nullptr;
}

std::vector<std::string> tests_where(const ExerciseResult& r, bool hidden, bool passed) {
    std::vector<std::string> out;
    for (const auto& t : r.tests)
        if (t.hidden == hidden && (t.verdict == Verdict::passed) == passed) out.push_back(t.name);
    return out;
}

bool unbuildable(const ExerciseResult& r) {
    return r.verdict == Verdict::compile_error || r.verdict == Verdict::forbidden_code || r.verdict == Verdict::missing_file;
}

void judge_solution(const ExerciseResult* r, Plan& p) {
    if (!r) return p.checks.push_back({Status::fail, "solution: not graded"});
    if (unbuildable(*r)) return p.checks.push_back({Status::fail, fmt::format("solution: {}: {}", r->verdict, first_line(r->message))});
    bool all = true;
    for (const auto& t : r->tests)
        if (t.verdict != Verdict::passed) {
            all = false;
            p.checks.push_back({Status::fail, fmt::format("solution fails {} test \"{}\": {} {}", t.hidden ? "hidden" : "public", t.name,
                                                          t.verdict, first_line(t.message))});
        }
    if (all) p.checks.push_back({Status::pass, fmt::format("solution passes all {} tests ({}/{} points)", r->tests.size(), r->score, r->max_score)});
}

void judge_stub(const ExerciseResult* r, Plan& p) {
    if (!r) return p.checks.push_back({Status::fail, "stub: not graded"});
    if (unbuildable(*r)) return p.checks.push_back({Status::fail, fmt::format("stub does not build ({}): {}", r->verdict, first_line(r->message))});
    std::vector<std::string> passed = tests_where(*r, false, true), hidden = tests_where(*r, true, true);
    passed.insert(passed.end(), hidden.begin(), hidden.end());
    if (passed.empty()) p.checks.push_back({Status::pass, fmt::format("stub fails all {} tests", r->tests.size())});
    else p.checks.push_back({Status::fail, fmt::format("stub passes {} of {} tests: {}", passed.size(), r->tests.size(), quoted_tests(passed))});
}

void judge_mistake(const MistakeKind& k, const Mistake& m, const ExerciseResult* r, Plan& p) {
    const std::string head = fmt::format("{}: {}", k.label, m.where);
    if (!r) return p.checks.push_back({Status::fail, head + ": not graded"});
    if (unbuildable(*r))
        return p.checks.push_back({Status::not_applicable, fmt::format("{}: does not build, so no student submits it ({}: {})", head,
                                                                       r->verdict, first_line(r->message, 100))});
    const auto hidden_failed = tests_where(*r, true, false), public_failed = tests_where(*r, false, false);
    if (!hidden_failed.empty())
        p.checks.push_back({Status::pass, fmt::format("{}: fails hidden {}", head, quoted_tests(hidden_failed))});
    else if (!public_failed.empty())
        p.checks.push_back({Status::fail, fmt::format("{}: NOT CAUGHT by the hidden tests (only public {} fails)", head,
                                                      quoted_tests(public_failed))});
    else
        p.checks.push_back({Status::fail, fmt::format("{}: NOT CAUGHT, it passes every test", head)});
}

}  // namespace

int run_validate(const Config& config, const Kit& kit, const ValidateOptions& options) {
    for (const auto& id : options.exercises)
        if (std::none_of(kit.exercises.begin(), kit.exercises.end(), [&](const Exercise& e) { return e.id == id; })) {
            std::cerr << fmt::format("grader validate: no exercise {} in {} (exercises/{}/exercise.toml)\n", id, kit.root.string(), id);
            return 2;
        }
    std::vector<Plan> plans;
    std::set<long long> numbers;
    for (const auto& ex : kit.exercises) {
        Plan p;
        p.ex = &ex;
        p.tree = check_exercise_tree(kit.root, ex.id, false, numbers);
        const bool wanted = options.exercises.empty() ||
                            std::find(options.exercises.begin(), options.exercises.end(), ex.id) != options.exercises.end();
        if (!wanted) continue;
        for (const auto& e : p.tree.errors) p.checks.push_back({Status::fail, "schema: " + e.where + ": " + e.what});
        if (p.tree.errors.empty())
            p.checks.push_back({Status::pass, fmt::format("schema: exercise.toml and its files (public {} tests {} points, hidden {} tests {} points)",
                                                          p.tree.totals.public_tests, p.tree.totals.public_points,
                                                          p.tree.totals.hidden_tests, p.tree.totals.hidden_points)});
        plans.push_back(std::move(p));
    }

    // The same kit build (and cache) as `grader grade` and `check` on this kit.
    const fs::path cache = options.cache_dir.value_or(default_cache_dir());
    KitBuild kb(config, kit, cache);
    std::cerr << "validate: building the kit's tests (cached after the first time)...\n";
    kb.ensure(options.jobs);
    std::optional<TempDir> temp;
    if (!options.keep) temp.emplace("aio-validate-");
    const fs::path work = options.keep ? fs::absolute(*options.keep) : temp->path;
    fs::remove_all(work / "subs");
    fs::remove_all(work / "out");

    std::cerr << "validate: test names, main.cpp and the mistakes...\n";
    parallel_for(plans.size(), options.jobs, [&](std::size_t i) {
        Plan& p = plans[i];
        if (const std::string err = kb.exercise_error(p.ex->id); !err.empty()) {
            p.checks.push_back({Status::fail, "tests: the kit's tests do not build: " + first_line(err)});
            return;
        }
        const fs::path dir = work / "steps" / p.ex->id;
        fs::create_directories(dir);
        if (p.tree.loaded) check_names(kb, p, dir);
        check_program(config, kb, p, dir);
        if (!options.mistakes) return;
        MistakeInputs in;
        in.solution = read_files(config.kit_root / "solutions" / p.ex->id, *p.ex);
        in.main_cpp = read_file(p.ex->dir / "main.cpp").value_or("");
        in.program_output = p.output;
        in.max_sites = options.max_sites;
        in.hand_written = config.kit_root / "solutions" / p.ex->id / "mistakes";
        p.kinds = derive_mistakes(in);
    });

    // Every submission of every exercise in one batch: <id>.solution, <id>.stub, <id>.mistake-NN.
    const fs::path subs = work / "subs";
    std::vector<SubmissionRef> refs;
    for (const auto& p : plans) {
        if (!kb.exercise_error(p.ex->id).empty()) continue;
        const auto add = [&](const std::string& name, const std::vector<SourceFile>& files) {
            refs.push_back({name, write_submission(subs, name, *p.ex, files), false});
        };
        add(p.ex->id + ".solution", read_files(config.kit_root / "solutions" / p.ex->id, *p.ex));
        add(p.ex->id + ".stub", read_files(p.ex->dir, *p.ex));
        int n = 0;
        for (const auto& k : p.kinds)
            for (const auto& m : k.mutants) add(fmt::format("{}.mistake-{:02d}", p.ex->id, ++n), m.files);
    }
    std::cerr << fmt::format("validate: grading {} submissions (solutions, stubs, mistakes) with hidden tests...\n", refs.size());
    GradeOptions g;
    g.explicit_submissions = refs;
    g.out = work / "out";
    g.jobs = options.jobs;
    g.cache_dir = cache;
    g.progress = ::isatty(2);
    if (!refs.empty()) grade_batch(config, kit, g);
    std::map<std::string, StudentRecord> records;
    for (auto& r : load_records({g.out})) records[r.id] = std::move(r);

    int passed = 0, failed = 0, skipped = 0;
    for (auto& p : plans) {
        const std::string& id = p.ex->id;
        if (kb.exercise_error(id).empty()) {
            judge_solution(result_of(records, id + ".solution", id), p);
            judge_stub(result_of(records, id + ".stub", id), p);
            int n = 0;
            for (const auto& k : p.kinds) {
                if (k.mutants.empty() && !k.not_applicable.empty())
                    p.checks.push_back({Status::not_applicable, fmt::format("{}: {}", k.label, k.not_applicable)});
                for (const auto& m : k.mutants)
                    judge_mistake(k, m, result_of(records, fmt::format("{}.mistake-{:02d}", id, ++n), id), p);
                if (int(k.mutants.size()) < k.sites)
                    p.checks.push_back({Status::not_applicable, fmt::format("{}: {} more place(s) not tried (--sites {})", k.label,
                                                                            k.sites - int(k.mutants.size()), options.max_sites)});
            }
        }
        std::cout << fmt::format("\n{} {}\n", id, p.ex->title);
        for (const auto& c : p.checks) {
            const char* tag = c.status == Status::pass ? "PASS" : c.status == Status::fail ? "FAIL" : "n/a ";
            std::cout << fmt::format("  {}  {}\n", tag, c.text);
            (c.status == Status::pass ? passed : c.status == Status::fail ? failed : skipped)++;
        }
    }
    std::cout << fmt::format("\nvalidate: {} exercise(s), {} checks passed, {} failed, {} not applicable{}\n", plans.size(), passed,
                             failed, skipped, options.keep ? fmt::format(" (submissions and grading output in {})", work.string()) : "");
    return failed ? 1 : 0;
}

}  // namespace grader
