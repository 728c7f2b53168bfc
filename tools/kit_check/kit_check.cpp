// kit_check: the rules of docs/exercise-format.md, checked for every exercise folder.
//   kit_check --root <source tree> --bin <build>/kit [--pack] [--classroom <classroom.yml>]
// Prints one summary line per exercise and one "error:" line per broken rule; exit 1 if any.
// --classroom: the student pack's workflow (tools/student_pack/make_pack.py --workflow FILE); each
// exercise's grading step must be worth exactly its public points.
#include <toml++/toml.h>

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

// CMake reads these keys with a line regex (exercises/CMakeLists.txt), so each must be set on
// exactly one line that holds the whole value.
void check_cmake_readable(const std::string& where, const std::string& text, Report& report) {
    static const std::vector<std::pair<std::string, std::regex>> keys = {
        {"program", std::regex(R"(^\s*program\s*=\s*"[^"]*"\s*(#.*)?$)")},
        {"student_files", std::regex(R"(^\s*student_files\s*=\s*\[[^\]]*\]\s*(#.*)?$)")},
        {"virtual_seconds", std::regex(R"(^\s*virtual_seconds\s*=\s*[0-9.eE+_]+\s*(#.*)?$)")},
        {"wall_seconds", std::regex(R"(^\s*wall_seconds\s*=\s*[0-9.eE+_]+\s*(#.*)?$)")},
    };
    for (const auto& [key, full_line] : keys) {
        const std::regex starts(fmt::format(R"(^\s*{}\s*=)", key));
        int starting = 0, complete = 0;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            if (std::regex_search(line, starts)) ++starting;
            if (std::regex_match(line, full_line)) ++complete;
        }
        if (starting != 1 || complete != 1)
            report.error(where, fmt::format("`{}` must be set on exactly one line holding the whole value "
                                            "(CMake reads it line by line)", key));
    }
}

void check_keys(const std::string& where, const toml::table& table, const std::set<std::string>& allowed, Report& report) {
    for (const auto& [key, value] : table)
        if (!allowed.count(std::string(key.str()))) report.error(where, fmt::format("unknown key `{}`", key.str()));
}

std::optional<std::string> nonempty_string(const std::string& where, const toml::table& t, const char* key, Report& report) {
    auto value = t[key].value<std::string>();
    if (!value || value->empty()) {
        report.error(where, fmt::format("`{}` must be a non-empty string", key));
        return std::nullopt;
    }
    return value;
}

void positive_number(const std::string& where, const toml::table& t, const char* key, Report& report) {
    auto value = t[key].value<double>();  // integers convert too
    if (!value || !(*value > 0)) report.error(where, fmt::format("`limits.{}` must be a positive number", key));
}

// A Catch2 test name the grader can also pass on a command line: no test-spec syntax.
bool usable_test_name(const std::string& name) {
    static const std::regex bad(R"([,\[\]*~"\\]|^[\s#-]|\s$)");
    return !name.empty() && !std::regex_search(name, bad);
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
    toml::table doc;
    try {
        doc = toml::parse_file(toml_path.string());
    } catch (const toml::parse_error& e) {
        report.error(where + "/exercise.toml", fmt::format("line {}: {}", e.source().begin.line, e.description()));
        return {};
    }
    check_keys(where, doc, {"id", "number", "title", "section", "program", "student_files", "total_points", "limits", "tests"},
               report);
    check_cmake_readable(where, read_text(toml_path), report);

    if (doc["id"].value<std::string>() != id) report.error(where, "`id` must equal the folder name");
    const auto number = doc["number"].value<long long>();
    if (!number || fmt::format("{:02d}", *number) != id.substr(0, 2)) report.error(where, "`number` must be the folder's NN prefix");
    else if (!numbers.insert(*number).second) report.error(where, fmt::format("`number` {} is used twice", *number));
    nonempty_string(where, doc, "title", report);
    nonempty_string(where, doc, "section", report);
    if (auto program = nonempty_string(where, doc, "program", report); program && !std::regex_match(*program, std::regex("[a-z0-9_]+")))
        report.error(where, "`program` must be a lower_snake_case executable name");

    const toml::array* files = doc["student_files"].as_array();
    if (!files || files->empty()) report.error(where, "`student_files` must be a non-empty array");
    else {
        for (const auto& f : *files) {
            auto name = f.value<std::string>();
            if (!name || !std::regex_match(*name, std::regex(R"([A-Za-z0-9_.-]+\.cpp)"))) {
                report.error(where, "`student_files` entries must be .cpp file names in the exercise folder");
                continue;
            }
            if (!fs::exists(dir / *name)) report.error(where, fmt::format("student file {} missing (the stub)", *name));
            if (!options.pack && !fs::exists(options.root / "solutions" / id / *name))
                report.error(where, fmt::format("solutions/{}/{} missing", id, *name));
        }
    }

    if (const toml::table* limits = doc["limits"].as_table()) {
        check_keys(where + " [limits]", *limits, {"virtual_seconds", "wall_seconds", "cpu_seconds", "memory_mb"}, report);
        for (const char* key : {"virtual_seconds", "wall_seconds", "cpu_seconds"}) positive_number(where, *limits, key, report);
        auto memory = (*limits)["memory_mb"].value<long long>();
        if (!memory || *memory <= 0 || !(*limits)["memory_mb"].is_integer()) report.error(where, "`limits.memory_mb` must be a positive integer");
    } else {
        report.error(where, "missing [limits]");
    }

    for (const char* required : {"README.md", "api.hpp", "main.cpp", "tests/public_test.cpp"})
        if (!fs::exists(dir / required)) report.error(where, fmt::format("{} missing", required));

    std::map<std::string, std::set<std::string>> listed;  // visibility -> names in the toml
    Totals totals;
    const toml::array* tests = doc["tests"].as_array();
    if (!tests || tests->empty()) report.error(where, "no [[tests]]");
    std::set<std::string> all_names;
    for (std::size_t i = 0; tests && i < tests->size(); ++i) {
        const toml::table* test = (*tests)[i].as_table();
        const std::string at = fmt::format("{} [[tests]] #{}", where, i + 1);
        if (!test) {
            report.error(at, "must be a table");
            continue;
        }
        check_keys(at, *test, {"name", "points", "visibility"}, report);
        auto name = test->get("name") ? (*test)["name"].value<std::string>() : std::nullopt;
        if (!name || !usable_test_name(*name)) {
            report.error(at, "`name` must be a non-empty string without , [ ] * ~ \" \\ and without leading/trailing "
                             "space, # or -");
            continue;
        }
        if (!all_names.insert(*name).second) report.error(at, fmt::format("test name used twice: {}", *name));
        const auto points = (*test)["points"].value<long long>();
        if (!(*test)["points"].is_integer() || !points || *points <= 0) report.error(at, "`points` must be a positive integer");
        const auto visibility = (*test)["visibility"].value<std::string>();
        if (visibility != "public" && visibility != "hidden") {
            report.error(at, "`visibility` must be \"public\" or \"hidden\"");
            continue;
        }
        listed[*visibility].insert(*name);
        const long long p = points.value_or(0);
        if (*visibility == "public") totals.public_points += p, ++totals.public_tests;
        else totals.hidden_points += p, ++totals.hidden_tests;
    }
    if (totals.public_tests == 0) report.error(where, "no public test");
    else if (totals.public_points <= 0) report.error(where, "the public tests are worth no points");
    if (!options.pack && totals.hidden_tests == 0) report.error(where, "no hidden test");
    else if (!options.pack && totals.hidden_points <= 0) report.error(where, "the hidden tests are worth no points");
    // Optional declared total: catches a test added, dropped or re-weighted by accident. A pack's
    // toml keeps the key but not the hidden tests, so there it only bounds the public points.
    if (const auto* declared = doc.get("total_points")) {
        const auto total = declared->value<long long>();
        if (!declared->is_integer() || !total || *total <= 0) report.error(where, "`total_points` must be a positive integer");
        else if (!options.pack && *total != totals.public_points + totals.hidden_points)
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
    if (!options.classroom.empty()) check_classroom(options, totals, report);
    std::printf("%zu exercises, %d error(s)\n", ids.size(), report.errors());
    return report.errors() ? 1 : 0;
}
