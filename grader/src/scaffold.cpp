#include "scaffold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "exercise_toml.hpp"
#include "kit_rules.hpp"

namespace grader {

namespace {

std::string toml_escaped(const std::string& s) { return replace_all(replace_all(s, "\\", "\\\\"), "\"", "\\\""); }

// Where a template file goes: `stub.cpp.in` is the student file, `solution/` the solution's.
fs::path target_of(const fs::path& rel, const fs::path& exercise, const fs::path& solution, const std::string& file) {
    std::string name = rel.generic_string();
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".in") == 0) name.resize(name.size() - 3);
    if (name == "stub.cpp") return exercise / (file + ".cpp");
    if (name == "solution/stub.cpp") return solution / (file + ".cpp");
    return exercise / name;
}

int refuse(const std::string& message) {
    std::cerr << "grader new-exercise: " << message << "\n";
    return 2;
}

}  // namespace

int run_new_exercise(const Config& config, const NewExerciseOptions& o) {
    const fs::path root = config.kit_root;
    if (!valid_exercise_id(o.id))
        return refuse(fmt::format("'{}' is not an exercise id: want NN-slug, two digits and lower-case words joined by '-' "
                                  "(e.g. 13-wait-for)", o.id));
    const fs::path exercise = root / "exercises" / o.id, solution = root / "solutions" / o.id;
    for (const auto& dir : {exercise, solution})
        if (fs::exists(dir)) return refuse(fmt::format("{} exists already: pick another id, or remove it first", dir.string()));
    const std::string number = o.id.substr(0, 2);
    std::string slug = o.id.substr(3), program = replace_all(slug, "-", "_");
    if (std::isdigit(static_cast<unsigned char>(program[0]))) program = "ex" + number + "_" + program;  // an identifier
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root / "exercises", ec)) {
        const std::string other = e.path().filename().string();
        if (!e.is_directory() || !valid_exercise_id(other)) continue;
        if (other.substr(0, 2) == number) return refuse(fmt::format("number {} is taken by exercises/{}", number, other));
        try {
            if (load_exercise_toml(e.path() / "exercise.toml").program == program)
                return refuse(fmt::format("program name {} is taken by exercises/{}: pick another slug", program, other));
        } catch (const std::exception&) {  // its own problem, kit_check's to report
        }
    }
    const fs::path templ = o.template_dir.value_or(root / "tools" / "exercise_template");
    if (!fs::is_directory(templ)) return refuse("no template directory " + templ.string());

    const std::vector<std::pair<std::string, std::string>> values{
        {"@ID@", o.id},
        {"@NUMBER@", std::to_string(std::stoi(number))},
        {"@TITLE@", toml_escaped(o.title.value_or(fmt::format("{} (제목을 정하세요)", slug)))},
        {"@SECTION@", toml_escaped(o.section.value_or("16. 비동기 프로그래밍 기초"))},
        {"@PROGRAM@", program},
        {"@FILE@", program},
    };
    std::vector<fs::path> sources;
    for (const auto& e : fs::recursive_directory_iterator(templ))
        if (e.is_regular_file() && e.path().extension() == ".in") sources.push_back(e.path());
    std::sort(sources.begin(), sources.end());
    std::vector<fs::path> written;
    for (const auto& src : sources) {
        std::string text = read_file(src).value_or("");
        for (const auto& [key, value] : values) text = replace_all(text, key, value);
        const fs::path to = target_of(src.lexically_relative(templ), exercise, solution, program);
        fs::create_directories(to.parent_path());
        write_file_atomic(to, text);
        written.push_back(to.lexically_relative(root));
    }
    std::cout << fmt::format("wrote exercise {} (program {}, student file {}.cpp) from {}:\n", o.id, program, program,
                             templ.lexically_relative(root).string());
    for (const auto& w : written) std::cout << "  " << w.string() << "\n";
    std::cout << fmt::format("next: `grader validate {0}` (passes as written), then replace the example; "
                             "`ctest -L {0}` after re-running cmake. Steps: docs/adding-an-exercise.md\n", o.id);
    return 0;
}

}  // namespace grader
