// The similarity stage: `grader similarity SUBMISSIONS -o OUT` or `grade --similarity`. For each
// exercise, Debian's similarity-tester (`sim_c++`, which compares token streams, so renamed
// identifiers, comments and layout do not hide a copy) compares every pair of submissions on this
// machine; nothing is uploaded anywhere. The exercise's stub is the baseline: the lines of each
// submission that sim_c++ matches to the stub are blanked first, so starter code left in place
// (or a submission that is only the stub) matches nothing. Pairs at or above the threshold are
// grouped (connected components) and written, with the matching runs side by side, to
// OUT/report/similarity.html (linked from report/index.html) and OUT/similarity.json.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "collect.hpp"
#include "config.hpp"

namespace grader {

struct SimilarityOptions {
    double threshold = 60;  // percent of one file found in the other (the larger of both ways)
    int min_run = 24;       // tokens: sim_c++'s default run length
};

struct SimilarityPair {
    std::string exercise, a, b;  // submission ids, a < b
    int a_in_b = 0, b_in_a = 0;  // percent of a's (b's) text found in the other
    struct Run {
        int a_first, a_last, b_first, b_last, tokens;  // 1-based lines of the files as submitted
    };
    std::vector<Run> runs;
    int percent() const { return std::max(a_in_b, b_in_a); }
};

// Every pair at or above the threshold, most similar first (then exercise, ids).
// Throws when sim_c++ is not installed (apt-get install similarity-tester).
std::vector<SimilarityPair> find_similar(const Kit& kit, const std::vector<Submission>& subs, const SimilarityOptions& options);

// find_similar, then OUT/similarity.json and OUT/report/similarity.html; returns the pairs.
std::vector<SimilarityPair> write_similarity(const Kit& kit, const std::vector<Submission>& subs, const fs::path& out,
                                             const SimilarityOptions& options);

// `grader similarity SUBMISSIONS -o OUT`: collects the submissions, writes the pages above, and
// when OUT already holds a graded class rewrites its reports so report/index.html links the page.
int run_similarity(const Config& config, const Kit& kit, const fs::path& submissions, const fs::path& out,
                   const SimilarityOptions& options, const std::optional<fs::path>& roster, int jobs);

}  // namespace grader
