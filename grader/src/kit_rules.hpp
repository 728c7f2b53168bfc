// The rules of docs/exercise-format.md that need the tree around an exercise.toml (folder name,
// numbering, files, solutions, points, the compiled test names), in one place: kit_check
// (tools/kit_check, which lists the names from the kit's built binaries) and `grader validate`
// (validate.hpp, which lists them from the binaries it links in its kit cache) both call them.
// The rules about the file alone stay in exercise_toml.hpp; these run them first.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace grader {

struct RuleError {
    std::string where;  // "exercises/02-async-example"
    std::string what;   // English
};

struct ExerciseTotals {
    long long public_points = 0, hidden_points = 0;
    int public_tests = 0, hidden_tests = 0;
};

struct TreeCheck {
    bool loaded = false;  // the toml parsed (else only the parse error is in errors)
    ExerciseTotals totals;
    std::set<std::string> public_names, hidden_names;  // the usable names listed in the toml
    std::vector<RuleError> errors;
};

// The file's own rules and the tree's, for exercises/<id> under root. pack: a student pack
// (no solutions/, no hidden tests). numbers: the numbers seen so far (duplicates are errors).
TreeCheck check_exercise_tree(const std::filesystem::path& root, const std::string& id, bool pack, std::set<long long>& numbers);

// The toml's names of one kind ("public"/"hidden") against the TEST_CASEs compiled into that
// kind's binary, in both directions. binary_label names the binary in the messages.
std::vector<RuleError> compare_test_names(const std::string& id, const std::string& kind, const std::set<std::string>& listed,
                                          const std::vector<std::string>& compiled, const std::string& binary_label);

// An exercise folder name: NN-slug (lower-case letters and digits, words joined by '-').
bool valid_exercise_id(const std::string& id);

}  // namespace grader
