// Command-line wiring of ci_commands.hpp, kept out of main.cpp (which only calls these two).
#pragma once
#include <CLI/CLI.hpp>

#include <functional>

#include "ci_commands.hpp"

namespace grader {

struct CiCli {
    CLI::App* github = nullptr;
    CLI::App* classroom50 = nullptr;
    GithubOptions gh;
    Classroom50Options c50;
    std::string junit, summary, output, submission = ".", out = ".";
};

inline void add_ci_commands(CLI::App& app, CiCli& ci, const std::function<void(CLI::App*)>& common) {
    ci.github = app.add_subcommand("github", "grade a checkout's public tests in GitHub Actions: job summary, annotations, JUnit");
    ci.classroom50 = app.add_subcommand("classroom50", "Classroom 50 autograder: result.json and release-body.md for a checkout");
    for (CLI::App* sub : {ci.github, ci.classroom50}) {
        sub->add_option("--submission", ci.submission, "the student's checkout (default: .)");
        auto& exercises = sub == ci.github ? ci.gh.grade.exercises : ci.c50.grade.exercises;
        sub->add_option("-e,--exercise", exercises, "only this exercise (repeatable)");
        common(sub);
    }
    ci.github->add_option("--junit", ci.junit, "JUnit XML to write");
    ci.github->add_option("--summary", ci.summary, "Markdown summary to append to (default: $GITHUB_STEP_SUMMARY)");
    ci.github->add_option("--output", ci.output, "step outputs to append to (default: $GITHUB_OUTPUT)");
    ci.classroom50->add_option("--out", ci.out, "where result.json and release-body.md go (default: .)");
    ci.classroom50->add_option("--datetime", ci.c50.datetime, "submission instant, ISO 8601 UTC (default: now)");
}

// The exit code when one of these commands was chosen.
inline std::optional<int> run_ci_command(CiCli& ci, const Config& config, const Kit& kit, int jobs,
                                         const std::optional<fs::path>& cache) {
    if (*ci.github) {
        ci.gh.grade.submission = ci.submission;
        ci.gh.grade.jobs = jobs;
        ci.gh.grade.cache_dir = cache;
        if (!ci.junit.empty()) ci.gh.junit = fs::path(ci.junit);
        if (!ci.summary.empty()) ci.gh.summary = fs::path(ci.summary);
        if (!ci.output.empty()) ci.gh.output = fs::path(ci.output);
        return run_github(config, kit, ci.gh);
    }
    if (*ci.classroom50) {
        ci.c50.grade.submission = ci.submission;
        ci.c50.grade.jobs = jobs;
        ci.c50.grade.cache_dir = cache;
        ci.c50.out = ci.out;
        return run_classroom50(config, kit, ci.c50);
    }
    return std::nullopt;
}

}  // namespace grader
