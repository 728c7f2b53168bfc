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

struct Totals {
    long long public_points = 0, hidden_points = 0;
    int public_tests = 0, hidden_tests = 0;
};

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
    const fs::path dir = options.root / "exercises" / id;
    const fs::path toml_path = dir / "exercise.toml";
    const std::string where = "exercises/" + id;
    if (!fs::exists(toml_path)) {
        report.error(where, "no exercise.toml");
        return {};
    }
    grader::ExerciseToml doc;
    try {
        doc = grader::load_exercise_toml(toml_path);
    } catch (const grader::ExerciseTomlError& e) {
        report.error(where + "/exercise.toml", fmt::format("line {}: {}", e.line, e.what()));
        return {};
    }
    for (const auto& problem : doc.problems) report.error(where, problem);  // the schema's own rules

    // The rules that need the tree around the file: folder, numbering, files, binaries.
    if (doc.id != id) report.error(where, "`id` must equal the folder name");
    if (!doc.number || fmt::format("{:02d}", *doc.number) != id.substr(0, 2)) report.error(where, "`number` must be the folder's NN prefix");
    else if (!numbers.insert(*doc.number).second) report.error(where, fmt::format("`number` {} is used twice", *doc.number));
    for (const auto& name : doc.student_files.value_or(std::vector<std::string>{})) {
        if (!fs::exists(dir / name)) report.error(where, fmt::format("student file {} missing (the stub)", name));
        if (!options.pack && !fs::exists(options.root / "solutions" / id / name))
            report.error(where, fmt::format("solutions/{}/{} missing", id, name));
    }
    for (const char* required : {"README.md", "api.hpp", "main.cpp", "tests/public_test.cpp"})
        if (!fs::exists(dir / required)) report.error(where, fmt::format("{} missing", required));

    std::map<std::string, std::set<std::string>> listed;  // visibility -> names in the toml
    Totals totals;
    for (const auto& test : doc.tests) {
        if (!grader::usable_test_name(test.name) || (test.visibility != "public" && test.visibility != "hidden")) continue;
        listed[test.visibility].insert(test.name);
        const long long p = test.points.value_or(0);
        if (test.visibility == "public") totals.public_points += p, ++totals.public_tests;
        else totals.hidden_points += p, ++totals.hidden_tests;
    }
    if (totals.public_tests == 0) report.error(where, "no public test");
    else if (totals.public_points <= 0) report.error(where, "the public tests are worth no points");
    if (!options.pack && totals.hidden_tests == 0) report.error(where, "no hidden test");
    else if (!options.pack && totals.hidden_points <= 0) report.error(where, "the hidden tests are worth no points");
    // Optional declared total: catches a test added, dropped or re-weighted by accident. A pack's
    // toml keeps the key but not the hidden tests, so there it only bounds the public points.
    if (const auto total = doc.total_points) {
        if (!options.pack && *total != totals.public_points + totals.hidden_points)
            report.error(where, fmt::format("`total_points` = {} but the [[tests]] add up to {} (public {} + hidden {})", *total,
                                            totals.public_points + totals.hidden_points, totals.public_points, totals.hidden_points));
        else if (options.pack && *total < totals.public_points)
            report.error(where, fmt::format("`total_points` = {} is less than the public points {}", *total, totals.public_points));
    }
    const bool hidden_file = fs::exists(dir / "hidden" / "hidden_test.cpp");
    if (!options.pack && totals.hidden_tests > 0 && !hidden_file) report.error(where, "hidden/hidden_test.cpp missing");
    if (options.pack && hidden_file) report.error(where, "a student pack must not contain hidden tests");

    for (const std::string kind : {"public", "hidden"}) {
        if (options.pack && kind == "hidden") continue;
        const fs::path binary = options.bin / fmt::format("{}_{}", id, kind);
        const auto names = binary_test_names(binary);
        if (!names) {
            report.error(where, fmt::format("cannot list the tests of {} (not built? `ctest -L {}` builds it)", binary.string(), id));
            continue;
        }
        const std::set<std::string> compiled(names->begin(), names->end());
        for (const auto& n : listed[kind])
            if (!compiled.count(n)) report.error(where, fmt::format("{} test in exercise.toml but not in {}_{}: {}", kind, id, kind, n));
        for (const auto& n : compiled)
            if (!listed[kind].count(n)) report.error(where, fmt::format("TEST_CASE in {}_{} not listed as a {} test in exercise.toml: {}", id, kind, kind, n));
    }
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
    const std::regex folder(R"(\d\d-[a-z0-9]+(-[a-z0-9]+)*)");
    for (const auto& entry : fs::directory_iterator(options.root / "exercises")) {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory() && std::regex_match(name, folder)) ids.push_back(name);
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
