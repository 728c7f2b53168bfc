// kit_check: the rules of docs/exercise-format.md, checked for every exercise folder.
//   kit_check --root <source tree> --bin <build>/kit [--pack] [--classroom <classroom.yml>]
// Prints one summary line per exercise and one "error:" line per broken rule; exit 1 if any.
// --classroom: the student pack's workflow (tools/student_pack/make_pack.py --workflow FILE); each
// exercise's grading step must be worth exactly its public points.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "exercise_toml.hpp"  // the one exercise.toml loader, shared with the grader (grader/src)
#include "kit_rules.hpp"      // the rules on the tree around it, shared with `grader validate`

namespace fs = std::filesystem;

namespace {

struct Options {
    fs::path root;
    fs::path bin;
    bool pack = false;  // student pack: solutions/ and hidden tests are absent on purpose
    fs::path classroom;  // generated .github/workflows/classroom.yml to check, if set
};

class Report {
public:
    void error(const std::string& where, const std::string& what) {
        std::printf("error: %s: %s\n", where.c_str(), what.c_str());
        ++errors_;
    }
    int errors() const { return errors_; }

private:
    int errors_ = 0;
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Test names as the binary itself reports them (Catch2: one name per line).
std::optional<std::vector<std::string>> binary_test_names(const fs::path& binary) {
    if (!fs::exists(binary)) return std::nullopt;
    const std::string command = fmt::format("'{}' --list-test-names-only", binary.string());
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return std::nullopt;
    std::string output;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    // Catch2 v2 exits with the number of tests it listed, so only a crash counts as failure.
    const int status = pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127) return std::nullopt;
    std::vector<std::string> names;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) names.push_back(line);
    }
    return names;
}

using Totals = grader::ExerciseTotals;

// The grading steps of a classroom.yml as make_pack.py writes it: step id -> max-score. A line
// reader for that generator's fixed layout (`      id: ex<id>` ... `        max-score: N`), not a
// YAML parser; a step without a max-score maps to -1.
std::map<std::string, long long> classroom_scores(const std::string& text, const std::string& where, Report& report) {
    static const std::regex id_line(R"(^\s+id:\s*(\S+)\s*$)");
    static const std::regex score_line(R"(^\s+max-score:\s*(\S+)\s*$)");
    static const std::regex whole_number("[0-9]+");
    std::map<std::string, long long> scores;
    std::string current;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, m, id_line)) {
            current = m[1];
            if (!scores.emplace(current, -1).second) report.error(where, fmt::format("step id {} used twice", current));
        } else if (std::regex_match(line, m, score_line)) {
            if (current.empty()) {
                report.error(where, "max-score outside a step with an id");
                continue;
            }
            const std::string value = m[1];
            if (!std::regex_match(value, whole_number)) report.error(where, fmt::format("step {}: max-score {} is not a whole number", current, value));
            else scores[current] = std::stoll(value);
        }
    }
    return scores;
}

std::optional<Totals> check_exercise(const Options& options, const std::string& id, Report& report, std::set<long long>& numbers) {
    // The rules themselves are grader/src/kit_rules.cpp, shared with `grader validate`.
    const auto emit = [&](const std::vector<grader::RuleError>& errors) {
        for (const auto& e : errors) report.error(e.where, e.what);
    };
    grader::TreeCheck tree = grader::check_exercise_tree(options.root, id, options.pack, numbers);
    emit(tree.errors);
    if (!tree.loaded) return {};
    const std::string where = "exercises/" + id;
    for (const std::string kind : {"public", "hidden"}) {
        if (options.pack && kind == "hidden") continue;
        const fs::path binary = options.bin / fmt::format("{}_{}", id, kind);
        const auto names = binary_test_names(binary);
        if (!names) {
            report.error(where, fmt::format("cannot list the tests of {} (not built? `ctest -L {}` builds it)", binary.string(), id));
            continue;
        }
        emit(grader::compare_test_names(id, kind, kind == "public" ? tree.public_names : tree.hidden_names, *names,
                                        fmt::format("{}_{}", id, kind)));
    }
    const Totals& totals = tree.totals;
    std::printf("%-24s public %2d tests %3lld points | hidden %2d tests %3lld points | total %3lld\n", id.c_str(),
                totals.public_tests, totals.public_points, totals.hidden_tests, totals.hidden_points,
                totals.public_points + totals.hidden_points);
    return totals;
}

// CMake reads some keys of every exercise.toml line by line (kit_toml_line): exactly the keys the
// loader keeps on one line (grader::kOneLineKeys), so that a file kit_check passes configures.
void check_cmake_keys(const Options& options, Report& report) {
    const fs::path cmake = options.root / "exercises" / "CMakeLists.txt";
    if (!fs::exists(cmake)) return;
    static const std::regex call(R"(kit_toml_line\(\$\{toml\}\s+([A-Za-z_]+))");
    const std::string text = read_text(cmake);
    std::set<std::string> read;
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) read.insert((*it)[1]);
    const std::set<std::string> one_line(grader::kOneLineKeys.begin(), grader::kOneLineKeys.end());
    for (const auto& key : read)
        if (!one_line.count(key))
            report.error("exercises/CMakeLists.txt", fmt::format("reads `{}` with kit_toml_line, but exercise.toml does not keep it on "
                                                                 "one line (grader/src/exercise_toml.hpp, kOneLineKeys)", key));
    for (const auto& key : one_line)
        if (!read.count(key))
            report.error("exercises/CMakeLists.txt", fmt::format("kOneLineKeys has `{}`, which CMake no longer reads: drop it", key));
}

// Every exercise has one grading step `ex<id>` worth its public points, and no other step grades.
void check_classroom(const Options& options, const std::map<std::string, Totals>& exercises, Report& report) {
    const std::string where = options.classroom.string();
    if (!fs::is_regular_file(options.classroom)) {
        report.error(where, "classroom workflow not found");
        return;
    }
    const auto scores = classroom_scores(read_text(options.classroom), where, report);
    for (const auto& [id, totals] : exercises) {
        const auto step = scores.find("ex" + id);
        if (step == scores.end()) report.error(where, fmt::format("no grading step ex{} for exercise {}", id, id));
        else if (step->second != totals.public_points)
            report.error(where, fmt::format("step ex{}: max-score {} but the public tests of {} are worth {}", id,
                                            step->second < 0 ? std::string("missing") : std::to_string(step->second), id,
                                            totals.public_points));
    }
    for (const auto& [step, score] : scores)
        if (score >= 0 && !exercises.count(step.substr(step.rfind("ex", 0) == 0 ? 2 : 0)))
            report.error(where, fmt::format("step {} grades no exercise", step));
    std::printf("classroom workflow: %zu grading steps checked against the public points\n", exercises.size());
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"Checks every exercises/*/exercise.toml against docs/exercise-format.md"};
    app.add_option("--root", options.root, "source tree")->required();
    app.add_option("--bin", options.bin, "directory of the built test binaries (<build>/kit)")->required();
    app.add_flag("--pack", options.pack, "student pack: no solutions/ and no hidden tests expected");
    app.add_option("--classroom", options.classroom,
                   "classroom.yml to check: one grading step per exercise worth its public points");
    CLI11_PARSE(app, argc, argv);

    Report report;
    std::vector<std::string> ids;
    for (const auto& entry : fs::directory_iterator(options.root / "exercises")) {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory() && grader::valid_exercise_id(name)) ids.push_back(name);
        else if (entry.is_directory()) report.error("exercises/" + name, "folder name must look like NN-slug");
    }
    std::sort(ids.begin(), ids.end());
    if (ids.empty()) report.error("exercises", "no exercise folders");
    std::set<long long> numbers;
    std::map<std::string, Totals> totals;
    for (const std::string& id : ids)
        if (auto t = check_exercise(options, id, report, numbers)) totals[id] = *t;
    check_cmake_keys(options, report);
    if (!options.classroom.empty()) check_classroom(options, totals, report);
    std::printf("%zu exercises, %d error(s)\n", ids.size(), report.errors());
    return report.errors() ? 1 : 0;
}
