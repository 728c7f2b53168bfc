#include "config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "exercise_toml.hpp"

#ifndef GRADER_DEFAULT_KIT
#define GRADER_DEFAULT_KIT "."
#endif

namespace grader {
namespace {

template <class View>
std::vector<std::string> string_array(View node, std::vector<std::string> fallback) {
    const toml::array* arr = node.as_array();
    if (!arr) return fallback;
    std::vector<std::string> out;
    for (const auto& item : *arr)
        if (auto s = item.value<std::string>()) out.push_back(*s);
    return out;
}

void apply_limits(Limits& l, const json& o) {
    if (o.contains("virtual_seconds")) l.virtual_seconds = o["virtual_seconds"].get<double>();
    if (o.contains("wall_seconds")) l.wall_seconds = o["wall_seconds"].get<double>();
    if (o.contains("cpu_seconds")) l.cpu_seconds = o["cpu_seconds"].get<double>();
    if (o.contains("idle_seconds")) l.idle_seconds = o["idle_seconds"].get<double>();
    if (o.contains("memory_mb")) l.memory_mb = o["memory_mb"].get<long>();
    if (o.contains("output_kb")) l.output_kb = o["output_kb"].get<long>();
    if (o.contains("file_size_kb")) l.file_size_kb = o["file_size_kb"].get<long>();
    if (o.contains("processes")) l.processes = o["processes"].get<long>();
}

json limits_json(const std::map<std::string, double>& numbers) {
    json out = json::object();
    for (const auto& [key, value] : numbers) out[key] = value;
    for (const char* integral : {"memory_mb", "output_kb", "file_size_kb", "processes"})
        if (out.contains(integral)) out[integral] = static_cast<long>(out[integral].get<double>());
    return out;
}

// grader.toml's [limits]: every number, as exercise.toml's (exercise_toml.cpp).
json limits_table(const toml::table* t) {
    std::map<std::string, double> numbers;
    if (t)
        for (const auto& [key, value] : *t)
            if (auto d = value.value<double>()) numbers[std::string(key.str())] = *d;
    return limits_json(numbers);
}

fs::path resolve(const fs::path& base, const std::string& p) {
    fs::path path(p);
    return path.is_absolute() ? path : fs::weakly_canonical(base / path);
}

void collect_sources(const fs::path& p, std::vector<fs::path>& out) {
    if (fs::is_directory(p)) {
        std::vector<fs::path> found;
        for (const auto& e : fs::recursive_directory_iterator(p))
            if (e.is_regular_file() && e.path().extension() == ".cpp") found.push_back(e.path());
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p)) {
        out.push_back(p);
    }
}

// The kit's own Catch2 main (if it lives among the harness sources) is replaced by ours.
bool is_catch_main(const fs::path& p) {
    auto text = read_file(p, 1 << 20);
    return text && (contains(*text, "CATCH_CONFIG_MAIN") || contains(*text, "CATCH_CONFIG_RUNNER"));
}

}  // namespace

int Exercise::max_points() const {
    int sum = 0;
    for (const auto& t : tests) sum += t.points;
    return sum;
}

std::vector<fs::path> Exercise::test_sources_in(TestSet set) const {
    std::vector<fs::path> out;
    for (const auto& t : test_sources) {
        const bool hidden = t == dir / kHiddenTestSource;
        if (set == TestSet::all || hidden == (set == TestSet::hidden_tests)) out.push_back(t);
    }
    return out;
}

bool Exercise::has_hidden_tests() const {
    return std::any_of(tests.begin(), tests.end(), [](const TestSpec& t) { return t.hidden; });
}

std::string Config::fingerprint() const {
    Sha256 h;
    h.field(compile.cxx);
    for (const auto& f : compile.flags) h.field(f);
    for (const auto& f : compile.link_flags) h.field(f);
    for (const auto& f : compile.student_flags) h.field(f);
    for (const auto& f : compile.libs) h.field(f);
    h.field(compile.pch ? "pch" : "nopch");
    h.field(limit_overrides.dump());
    return h.hex();
}

Config load_config(const std::optional<fs::path>& file, const std::optional<fs::path>& kit_override) {
    Config c;
    c.config_dir = fs::current_path();
    fs::path kit = GRADER_DEFAULT_KIT;
    if (!fs::exists(kit / "exercises")) kit = fs::current_path();
    if (file) {
        toml::table t;
        try {
            t = toml::parse_file(file->string());
        } catch (const toml::parse_error& e) {
            throw std::runtime_error(fmt::format("{}: {}", file->string(), e.description()));
        }
        c.config_dir = fs::absolute(*file).parent_path();
        c.file = fs::absolute(*file);
        if (auto k = t["kit"].value<std::string>()) kit = resolve(c.config_dir, *k);
        c.exercises = string_array(t["exercises"], {});
        if (auto v = t["hidden_visibility"].value<std::string>()) c.hidden_visibility = *v;
        if (auto v = t["compile"]["cxx"].value<std::string>()) c.compile.cxx = *v;
        c.compile.flags = string_array(t["compile"]["flags"], c.compile.flags);
        c.compile.link_flags = string_array(t["compile"]["link_flags"], c.compile.link_flags);
        c.compile.student_flags = string_array(t["compile"]["student_flags"], c.compile.student_flags);
        c.compile.libs = string_array(t["compile"]["libs"], c.compile.libs);
        if (auto v = t["compile"]["linker"].value<std::string>()) c.compile.linker = *v;
        if (auto v = t["compile"]["pch"].value<bool>()) c.compile.pch = *v;
        if (auto v = t["compile"]["wall_seconds"].value<double>()) c.compile.wall_seconds = *v;
        if (auto v = t["compile"]["cpu_seconds"].value<double>()) c.compile.cpu_seconds = *v;
        if (auto v = t["compile"]["memory_mb"].value<int64_t>()) c.compile.memory_mb = long(*v);
        if (auto v = t["run"]["share_processes"].value<bool>()) c.share_processes = *v;
        if (auto v = t["sandbox"]["mode"].value<std::string>()) c.sandbox.mode = *v;
        if (auto v = t["sandbox"]["user"].value<std::string>()) c.sandbox.user = *v;
        if (auto v = t["sandbox"]["seccomp"].value<bool>()) c.sandbox.seccomp = *v;
        if (auto v = t["sandbox"]["audit"].value<bool>()) c.sandbox.audit = *v;
        if (auto v = t["sandbox"]["cgroup"].value<std::string>()) c.sandbox.cgroup = *v;
        c.limit_overrides = limits_table(t["limits"].as_table());
        c.harness_sources = string_array(t["kit_layout"]["harness_sources"], c.harness_sources);
        c.include_dirs = string_array(t["kit_layout"]["include_dirs"], c.include_dirs);
        if (auto v = t["kit_layout"]["runner_main"].value<std::string>()) c.runner_main = *v;
    }
    if (kit_override) kit = *kit_override;
    c.kit_root = fs::weakly_canonical(fs::absolute(kit));
    static const std::vector<std::string> kVisibilities{"hidden", "after_due_date", "after_published", "visible"};
    if (std::find(kVisibilities.begin(), kVisibilities.end(), c.hidden_visibility) == kVisibilities.end())
        throw std::runtime_error("hidden_visibility must be one of hidden, after_due_date, after_published, visible");
    if (c.sandbox.mode != "auto" && c.sandbox.mode != "bwrap" && c.sandbox.mode != "rlimits")
        throw std::runtime_error("sandbox.mode must be auto, bwrap or rlimits");
    if (c.sandbox.cgroup != "auto" && c.sandbox.cgroup != "off")
        throw std::runtime_error("sandbox.cgroup must be auto or off");
    return c;
}

Limits effective_limits(const Exercise& ex, const Config& config) {
    Limits l = ex.limits;
    apply_limits(l, config.limit_overrides);
    return l;
}

Kit load_kit(const Config& config) {
    Kit kit;
    kit.root = config.kit_root;
    if (!fs::is_directory(kit.root / "exercises"))
        throw std::runtime_error("no exercises/ in kit " + kit.root.string() + " (use --kit)");
    for (const auto& d : config.include_dirs) kit.include_dirs.push_back(resolve(kit.root, d));
    // The header-only libraries a Gradescope package bundles (`grader gradescope-package`: Catch2
    // v2's single header, TOML++), for images that lack them (Ubuntu 22.04 has no TOML++, 24.04
    // has Catch2 3). -I comes before the system's directories, so these are the ones compiled.
    if (const fs::path bundled = kit.root / kBundledIncludeDir; fs::is_directory(bundled)) kit.include_dirs.push_back(bundled);
    for (const auto& s : config.harness_sources) {
        std::vector<fs::path> found;
        collect_sources(resolve(kit.root, s), found);
        for (auto& f : found)
            if (!is_catch_main(f)) kit.harness_sources.push_back(f);
    }
    kit.runner_main = resolve(kit.root, config.runner_main);

    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(kit.root / "exercises"))
        if (e.is_directory() && fs::exists(e.path() / "exercise.toml")) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs) {
        Exercise ex;
        ex.dir = dir;
        ExerciseToml t;
        try {
            t = load_exercise_toml(dir / "exercise.toml");  // its schema problems are kit_check's
        } catch (const ExerciseTomlError& e) {
            kit.problems.push_back(fmt::format("{}/exercise.toml: {}", dir.filename().string(), e.what()));
            continue;
        }
        ex.id = t.id.value_or(dir.filename().string());
        if (!config.exercises.empty() &&
            std::find(config.exercises.begin(), config.exercises.end(), ex.id) == config.exercises.end())
            continue;
        ex.number = int(t.number.value_or(0));
        ex.title = t.title;
        ex.section = t.section;
        ex.program = t.program;
        ex.student_files = t.student_files.value_or(std::vector<std::string>{});
        apply_limits(ex.limits, limits_json(t.limits));
        for (const auto& test : t.tests) {
            TestSpec spec;
            spec.name = test.name;
            spec.points = int(test.points.value_or(1));
            spec.hidden = test.hidden();
            if (spec.name.empty() || spec.points <= 0) {
                kit.problems.push_back(fmt::format("{}: test without a name or with points <= 0", ex.id));
                continue;
            }
            ex.tests.push_back(spec);
        }
        for (const char* rel : {kPublicTestSource, kHiddenTestSource})
            if (fs::exists(dir / rel)) ex.test_sources.push_back(dir / rel);
        if (ex.student_files.empty()) kit.problems.push_back(ex.id + ": student_files is empty");
        if (ex.tests.empty()) kit.problems.push_back(ex.id + ": no [[tests]]");
        kit.exercises.push_back(std::move(ex));
    }
    std::stable_sort(kit.exercises.begin(), kit.exercises.end(),
                     [](const Exercise& a, const Exercise& b) { return a.number < b.number; });
    for (const auto& wanted : config.exercises) {
        bool found = std::any_of(kit.exercises.begin(), kit.exercises.end(), [&](const Exercise& e) { return e.id == wanted; });
        if (!found) throw std::runtime_error("exercise " + wanted + " (from the config) is not in the kit");
    }
    if (kit.exercises.empty()) throw std::runtime_error("the kit has no exercises with an exercise.toml");
    return kit;
}

void drop_hidden_tests(Kit& kit) {
    for (auto& ex : kit.exercises) std::erase_if(ex.tests, [](const TestSpec& t) { return t.hidden; });
}

}  // namespace grader
