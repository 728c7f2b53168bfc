// grader: batch-grades the chapter-16 exercise kit. See grader/README.md.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <thread>

#include "ci_cli.hpp"
#include "commands.hpp"
#include "pipeline.hpp"
#include "scaffold.hpp"
#include "similarity.hpp"
#include "validate.hpp"

using namespace grader;

namespace {
int default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

std::pair<int, int> parse_shard(const std::string& s) {
    auto slash = s.find('/');
    if (slash == std::string::npos) throw CLI::ValidationError("--shard", "want i/n, e.g. 2/4");
    return {std::stoi(s.substr(0, slash)), std::stoi(s.substr(slash + 1))};
}
}  // namespace

int main(int argc, char** argv) {
    reserve_low_descriptors();
    become_subreaper();
    ::signal(SIGPIPE, SIG_IGN);

    CLI::App app{"aio-grader: grades C++ coroutine exercises against the kit (isolated, limited, cached)"};
    app.require_subcommand(1);
    std::optional<std::string> config_file, kit_dir, cache_dir;
    int jobs = default_jobs();
    auto common = [&](CLI::App* sub) {
        sub->add_option("--config", config_file, "grader.toml");
        sub->add_option("--kit", kit_dir, "kit root (default: the source tree the grader was built from)");
        sub->add_option("--cache-dir", cache_dir, "kit builds and result cache");
        sub->add_option("-j,--jobs", jobs, "parallel jobs (default: cores)");
    };

    GradeOptions grade;
    std::string submissions, out, shard_spec;
    std::optional<std::string> roster, work_dir;
    bool no_progress = false;
    auto* g = app.add_subcommand("grade", "grade every submission (subdirectory or .zip) of SUBMISSIONS into OUT");
    g->add_option("SUBMISSIONS", submissions, "directory of submissions")->required();
    g->add_option("-o,--out", out, "output directory")->required();
    g->add_option("--roster", roster, "CSV mapping directories to names");
    g->add_option("--shard", shard_spec, "grade only slice i of n (1-based), e.g. 1/4");
    g->add_option("--work-dir", work_dir, "scratch directory (default: fresh under $TMPDIR)");
    g->add_flag("--keep-work", grade.keep_work, "keep build/scratch directories");
    g->add_flag("--no-progress", no_progress, "no progress bar");
    g->add_option("--only", grade.only, "regrade only these submission ids into the existing OUT (the rest stays untouched)");
    g->add_flag("--similarity", grade.similarity, "also compare submissions with sim_c++ (report/similarity.html)");
    g->add_option("--similarity-threshold", grade.similarity_threshold, "percent (default 60)");
    common(g);

    std::string sim_submissions, sim_out;
    std::optional<std::string> sim_roster;
    SimilarityOptions sim;
    auto* y = app.add_subcommand("similarity", "compare submissions per exercise with sim_c++, starter code subtracted");
    y->add_option("SUBMISSIONS", sim_submissions, "directory of submissions")->required();
    y->add_option("-o,--out", sim_out, "output directory (a graded OUT gets the link in its report)")->required();
    y->add_option("--threshold", sim.threshold, "percent (default 60)");
    y->add_option("--min-run", sim.min_run, "shortest match in tokens (default 24)");
    y->add_option("--roster", sim_roster, "roster CSV (names; LMS exports when OUT is graded)");
    common(y);

    CheckOptions check;
    std::string check_dir;
    auto* c = app.add_subcommand("check", "check one submission with Korean, student-facing output (exit 0 = all pass)");
    c->add_option("DIR", check_dir, "a student-pack checkout or a directory with the .cpp files")->required();
    c->add_option("-e,--exercise", check.exercises, "only this exercise (repeatable)");
    c->add_flag("--hidden", check.hidden, "also run the hidden tests");
    c->add_flag("--full", check.full, "every failed check with every hint (default: the first of each test; AIO_FEEDBACK=full)");
    common(c);

    GradescopeOptions gs;
    std::string gs_submission = gs.submission.string(), gs_results = gs.results.string();
    auto* s = app.add_subcommand("gradescope", "Gradescope run_autograder: grade /autograder/submission");
    s->add_option("--submission", gs_submission, "submission directory");
    s->add_option("--results", gs_results, "results.json to write");
    common(s);

    std::string zip_out;
    auto* z = app.add_subcommand("gradescope-package", "build the Gradescope autograder zip (setup.sh + run_autograder)");
    z->add_option("-o,--out", zip_out, "zip file to write")->required();
    common(z);

    std::vector<std::string> merge_inputs;
    std::string merge_out;
    auto* m = app.add_subcommand("merge", "join the outputs of several shards into one gradebook and report");
    m->add_option("INPUTS", merge_inputs, "shard output directories")->required();
    m->add_option("-o,--out", merge_out, "merged output directory")->required();
    std::optional<std::string> merge_roster;  // the shards' roster: the LMS exports join with it
    m->add_option("--roster", merge_roster, "roster CSV the shards were graded with (LMS exports)");
    common(m);

    NewExerciseOptions scaffold;
    std::optional<std::string> scaffold_template;
    auto* n = app.add_subcommand("new-exercise", "write exercises/NN-slug/ and solutions/NN-slug/ from the template (docs/adding-an-exercise.md)");
    n->add_option("ID", scaffold.id, "NN-slug, e.g. 13-wait-for")->required();
    n->add_option("--title", scaffold.title, "Korean title (exercise.toml, README)");
    n->add_option("--section", scaffold.section, "the chapter section it comes from");
    n->add_option("--template", scaffold_template, "template directory (default: <kit>/tools/exercise_template)");
    common(n);

    ValidateOptions validate;
    auto* v = app.add_subcommand("validate", "check exercises for their author: schema, test names, main.cpp, solution, stub, standard mistakes");
    v->add_option("EXERCISE", validate.exercises, "exercise ids (default: every exercise)");
    v->add_option("--sites", validate.max_sites, "mutants per standard mistake and exercise (default 3, 0: every place)");
    v->add_flag("!--no-mistakes", validate.mistakes, "skip the standard and hand-written mistakes");
    std::optional<std::string> validate_keep;
    v->add_option("--keep", validate_keep, "write the generated submissions and the grading output into this directory");
    common(v);

    auto* p = app.add_subcommand("prepare", "build the kit (harness, runner, tests) into the cache ahead of time");
    common(p);

    CiCli ci;  // github, classroom50 (ci_cli.hpp)
    add_ci_commands(app, ci, common);

    CLI11_PARSE(app, argc, argv);

    try {
        std::optional<fs::path> cfg_path = config_file ? std::optional<fs::path>(*config_file) : std::nullopt;
        std::optional<fs::path> kit_path = kit_dir ? std::optional<fs::path>(*kit_dir) : std::nullopt;
        Config config = load_config(cfg_path, kit_path);
        std::optional<fs::path> cache = cache_dir ? std::optional<fs::path>(fs::absolute(*cache_dir)) : std::nullopt;

        if (*m)
            return run_merge(config, {merge_inputs.begin(), merge_inputs.end()}, merge_out,
                             merge_roster ? std::optional<fs::path>(*merge_roster) : std::nullopt);
        if (*z) return build_gradescope_package(config, cfg_path, zip_out);
        if (*n) {
            if (scaffold_template) scaffold.template_dir = fs::absolute(*scaffold_template);
            return run_new_exercise(config, scaffold);
        }

        Kit kit = load_kit(config);
        for (const auto& problem : kit.problems) std::cerr << "grader: kit: " << problem << "\n";
        if (auto rc = run_ci_command(ci, config, kit, jobs, cache)) return *rc;

        if (*p) {
            const fs::path dir = cache.value_or(default_cache_dir());
            KitBuild build(config, kit, dir);
            build.ensure(jobs);
            std::cout << fmt::format("kit {} ready in {}\n", build.version().substr(0, 16), build.dir().string());
            return 0;
        }
        if (*v) {
            validate.jobs = jobs;
            validate.cache_dir = cache;
            if (validate_keep) validate.keep = fs::path(*validate_keep);
            return run_validate(config, kit, validate);
        }
        if (*y)
            return run_similarity(config, kit, sim_submissions, sim_out, sim,
                                  sim_roster ? std::optional<fs::path>(*sim_roster) : std::nullopt, jobs);
        if (*c) {
            check.dir = check_dir;
            check.jobs = jobs;
            check.cache_dir = cache;
            return run_check(config, kit, check);
        }
        if (*s) {
            gs.submission = gs_submission;
            gs.results = gs_results;
            gs.jobs = jobs;
            gs.cache_dir = cache;
            return run_gradescope(config, kit, gs);
        }
        grade.submissions = submissions;
        grade.out = out;
        grade.jobs = jobs;
        grade.cache_dir = cache;
        if (roster) grade.roster = fs::path(*roster);
        if (work_dir) grade.work_dir = fs::path(*work_dir);
        if (!shard_spec.empty()) std::tie(grade.shard_index, grade.shard_count) = parse_shard(shard_spec);
        if (!grade.only.empty() && grade.shard_count > 1) throw std::runtime_error("--only and --shard do not mix");
        grade.progress = !no_progress && ::isatty(2);
        BatchStats st = grade_batch(config, kit, grade);
        std::cerr << fmt::format("graded {} submissions ({} re-graded, {} unchanged; {} builds, {} cached) in {}\n"
                                 "kit {}; {}\noutputs: {}/gradebook.csv, {}/report/index.html\n",
                                 st.submissions, st.graded, st.reused, st.jobs_run, st.jobs_cached, format_duration(st.seconds),
                                 st.kit_version.substr(0, 16), st.sandbox, out, out);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "grader: " << e.what() << "\n";
        return 2;
    }
}
