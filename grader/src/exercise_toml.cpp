#include "exercise_toml.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace grader {
namespace {

using Problems = std::vector<std::string>;

void check_keys(const std::string& where, const toml::table& table, const std::set<std::string>& allowed, Problems& p) {
    for (const auto& [key, value] : table)
        if (!allowed.count(std::string(key.str()))) p.push_back(fmt::format("{}unknown key `{}`", where, key.str()));
}

std::string nonempty_string(const toml::table& t, const char* key, Problems& p) {
    auto value = t[key].value<std::string>();
    if (!value || value->empty()) p.push_back(fmt::format("`{}` must be a non-empty string", key));
    return value.value_or("");
}

// CMake cannot parse TOML: each of kOneLineKeys must be set on one line holding the whole value.
void check_one_line_keys(const std::string& text, Problems& p) {
    struct KeyLines {
        std::string key;
        std::regex starts, full_line;
    };
    // Compiled once: every exercise of every batch is checked, and building a std::regex costs
    // more than matching it against a whole exercise.toml.
    static const std::vector<KeyLines> rules = [] {
        const std::map<std::string, std::string> value_of{{"program", R"("[^"]*")"},
                                                          {"student_files", R"(\[[^\]]*\])"},
                                                          {"virtual_seconds", "[0-9.eE+_]+"},
                                                          {"wall_seconds", "[0-9.eE+_]+"}};
        std::vector<KeyLines> out;
        for (const auto& key : kOneLineKeys)
            out.push_back({std::string(key), std::regex(fmt::format(R"(^\s*{}\s*=)", key)),
                           std::regex(fmt::format(R"(^\s*{}\s*=\s*{}\s*(#.*)?$)", key, value_of.at(std::string(key))))});
        return out;
    }();
    for (const auto& rule : rules) {
        int starting = 0, complete = 0;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            if (std::regex_search(line, rule.starts)) ++starting;
            if (std::regex_match(line, rule.full_line)) ++complete;
        }
        if (starting != 1 || complete != 1)
            p.push_back(fmt::format("`{}` must be set on exactly one line holding the whole value (CMake reads it line by line)", rule.key));
    }
}

void read_limits(const toml::table* limits, ExerciseToml& x) {
    if (!limits) {
        x.problems.push_back("missing [limits]");
        return;
    }
    x.has_limits = true;
    for (const auto& [key, value] : *limits)
        if (auto d = value.value<double>()) x.limits[std::string(key.str())] = *d;  // integers convert too
    check_keys("[limits] ", *limits, {kExerciseLimitKeys.begin(), kExerciseLimitKeys.end()}, x.problems);
    for (const char* key : {"virtual_seconds", "wall_seconds", "cpu_seconds"})
        if (!x.limits.count(key) || !(x.limits[key] > 0)) x.problems.push_back(fmt::format("`limits.{}` must be a positive number", key));
    auto memory = (*limits)["memory_mb"].value<long long>();
    if (!memory || *memory <= 0 || !(*limits)["memory_mb"].is_integer()) x.problems.push_back("`limits.memory_mb` must be a positive integer");
}

// The pack builder drops hidden tests from the text (make_pack.py, public_toml): one [[tests]]
// header per entry, not an inline array.
void check_test_headers(const std::string& text, const toml::array* tests, Problems& p) {
    static const std::regex header(R"(^\s*\[\[\s*tests\s*\]\].*)");
    std::size_t headers = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (std::regex_match(line, header)) ++headers;
    if (tests && headers != tests->size())
        p.push_back("every test must be a [[tests]] table of its own (the student pack builder drops hidden ones by their headers)");
}

void read_tests(const toml::array* tests, ExerciseToml& x) {
    if (!tests || tests->empty()) x.problems.push_back("no [[tests]]");
    std::set<std::string> names;
    for (std::size_t i = 0; tests && i < tests->size(); ++i) {
        const toml::table* test = (*tests)[i].as_table();
        const std::string at = fmt::format("[[tests]] #{}: ", i + 1);
        if (!test) {
            x.problems.push_back(at + "must be a table");
            continue;
        }
        check_keys(at, *test, {"name", "points", "visibility"}, x.problems);
        ExerciseTomlTest t;
        t.name = (*test)["name"].value_or(std::string());
        t.points = (*test)["points"].value<long long>();
        t.visibility = (*test)["visibility"].value_or(std::string());
        x.tests.push_back(t);
        if (!usable_test_name(t.name)) {
            x.problems.push_back(at + "`name` must be a non-empty string without , [ ] * ~ \" \\ and without leading/trailing space, # or -");
            continue;
        }
        if (!names.insert(t.name).second) x.problems.push_back(at + fmt::format("test name used twice: {}", t.name));
        if (!(*test)["points"].is_integer() || !t.points || *t.points <= 0) x.problems.push_back(at + "`points` must be a positive integer");
        if (t.visibility != "public" && t.visibility != "hidden") x.problems.push_back(at + "`visibility` must be \"public\" or \"hidden\"");
    }
}

}  // namespace

bool usable_test_name(const std::string& name) {
    static const std::regex bad(R"([,\[\]*~"\\]|^[\s#-]|\s$)");
    return !name.empty() && !std::regex_search(name, bad);
}

ExerciseToml load_exercise_toml(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    toml::table doc;
    try {
        doc = toml::parse(text.str(), path.string());
    } catch (const toml::parse_error& e) {
        throw ExerciseTomlError(std::string(e.description()), long(e.source().begin.line));
    }
    ExerciseToml x;
    Problems& p = x.problems;
    check_keys("", doc, {"id", "number", "title", "section", "program", "student_files", "total_points", "limits", "tests"}, p);
    check_one_line_keys(text.str(), p);
    x.id = doc["id"].value<std::string>();
    x.number = doc["number"].value<long long>();
    x.title = nonempty_string(doc, "title", p);
    x.section = nonempty_string(doc, "section", p);
    x.program = nonempty_string(doc, "program", p);
    if (!x.program.empty() && !std::regex_match(x.program, std::regex("[a-z0-9_]+")))
        p.push_back("`program` must be a lower_snake_case executable name");
    if (const toml::array* files = doc["student_files"].as_array()) {
        x.student_files.emplace();
        for (const auto& f : *files)
            if (auto name = f.value<std::string>()) x.student_files->push_back(*name);
        bool names_ok = true;
        for (const auto& f : *files) {
            auto name = f.value<std::string>();
            names_ok = names_ok && name && std::regex_match(*name, std::regex(R"([A-Za-z0-9_.-]+\.cpp)"));
        }
        if (files->empty()) p.push_back("`student_files` must be a non-empty array");
        else if (!names_ok) p.push_back("`student_files` entries must be .cpp file names in the exercise folder");
    } else {
        p.push_back("`student_files` must be a non-empty array");
    }
    if (const auto* declared = doc.get("total_points")) {
        x.has_total_points = true;
        const auto total = declared->value<long long>();
        if (declared->is_integer() && total && *total > 0) x.total_points = total;
        else p.push_back("`total_points` must be a positive integer");
    }
    read_limits(doc["limits"].as_table(), x);
    read_tests(doc["tests"].as_array(), x);
    check_test_headers(text.str(), doc["tests"].as_array(), p);
    return x;
}

}  // namespace grader
