#include "kit_rules.hpp"

#include <fmt/format.h>

#include <map>
#include <regex>

#include "exercise_toml.hpp"

namespace grader {
namespace fs = std::filesystem;

bool valid_exercise_id(const std::string& id) {
    static const std::regex folder(R"(\d\d-[a-z0-9]+(-[a-z0-9]+)*)");
    return std::regex_match(id, folder);
}

TreeCheck check_exercise_tree(const fs::path& root, const std::string& id, bool pack, std::set<long long>& numbers) {
    TreeCheck out;
    const fs::path dir = root / "exercises" / id;
    const fs::path toml_path = dir / "exercise.toml";
    const std::string where = "exercises/" + id;
    const auto error = [&](std::string what) { out.errors.push_back({where, std::move(what)}); };
    if (!fs::exists(toml_path)) {
        error("no exercise.toml");
        return out;
    }
    ExerciseToml doc;
    try {
        doc = load_exercise_toml(toml_path);
    } catch (const ExerciseTomlError& e) {
        out.errors.push_back({where + "/exercise.toml", fmt::format("line {}: {}", e.line, e.what())});
        return out;
    }
    out.loaded = true;
    for (const auto& problem : doc.problems) error(problem);  // the schema's own rules

    // The rules that need the tree around the file: folder, numbering, files.
    if (doc.id != id) error("`id` must equal the folder name");
    if (!doc.number || fmt::format("{:02d}", *doc.number) != id.substr(0, 2)) error("`number` must be the folder's NN prefix");
    else if (!numbers.insert(*doc.number).second) error(fmt::format("`number` {} is used twice", *doc.number));
    for (const auto& name : doc.student_files.value_or(std::vector<std::string>{})) {
        if (!fs::exists(dir / name)) error(fmt::format("student file {} missing (the stub)", name));
        if (!pack && !fs::exists(root / "solutions" / id / name)) error(fmt::format("solutions/{}/{} missing", id, name));
    }
    for (const char* required : {"README.md", "api.hpp", "main.cpp", "tests/public_test.cpp"})
        if (!fs::exists(dir / required)) error(fmt::format("{} missing", required));

    ExerciseTotals& totals = out.totals;
    for (const auto& test : doc.tests) {
        if (!usable_test_name(test.name) || (test.visibility != "public" && test.visibility != "hidden")) continue;
        (test.visibility == "public" ? out.public_names : out.hidden_names).insert(test.name);
        const long long p = test.points.value_or(0);
        if (test.visibility == "public") totals.public_points += p, ++totals.public_tests;
        else totals.hidden_points += p, ++totals.hidden_tests;
    }
    if (totals.public_tests == 0) error("no public test");
    else if (totals.public_points <= 0) error("the public tests are worth no points");
    if (!pack && totals.hidden_tests == 0) error("no hidden test");
    else if (!pack && totals.hidden_points <= 0) error("the hidden tests are worth no points");
    // Optional declared total: catches a test added, dropped or re-weighted by accident. A pack's
    // toml keeps the key but not the hidden tests, so there it only bounds the public points.
    if (const auto total = doc.total_points) {
        if (!pack && *total != totals.public_points + totals.hidden_points)
            error(fmt::format("`total_points` = {} but the [[tests]] add up to {} (public {} + hidden {})", *total,
                              totals.public_points + totals.hidden_points, totals.public_points, totals.hidden_points));
        else if (pack && *total < totals.public_points)
            error(fmt::format("`total_points` = {} is less than the public points {}", *total, totals.public_points));
    }
    const bool hidden_file = fs::exists(dir / "hidden" / "hidden_test.cpp");
    if (!pack && totals.hidden_tests > 0 && !hidden_file) error("hidden/hidden_test.cpp missing");
    if (pack && hidden_file) error("a student pack must not contain hidden tests");
    return out;
}

std::vector<RuleError> compare_test_names(const std::string& id, const std::string& kind, const std::set<std::string>& listed,
                                          const std::vector<std::string>& compiled_names, const std::string& binary_label) {
    std::vector<RuleError> out;
    const std::string where = "exercises/" + id;
    const std::set<std::string> compiled(compiled_names.begin(), compiled_names.end());
    for (const auto& n : listed)
        if (!compiled.count(n)) out.push_back({where, fmt::format("{} test in exercise.toml but not in {}: {}", kind, binary_label, n)});
    for (const auto& n : compiled)
        if (!listed.count(n))
            out.push_back({where, fmt::format("TEST_CASE in {} not listed as a {} test in exercise.toml: {}", binary_label, kind, n)});
    return out;
}

}  // namespace grader
