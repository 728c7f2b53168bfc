// exercise.toml (docs/exercise-format.md), read in one place: the grader (config.cpp, load_kit)
// and kit_check (tools/kit_check) both load it here. The grader uses the values leniently (a key
// that is missing or of the wrong type takes its default); kit_check reports every schema
// problem as an error. CMake (exercises/CMakeLists.txt, kit_toml_line) and the pack builder
// (tools/student_pack/make_pack.py) read the same files: CMake only the one-line keys below.
// Depends on TOML++ and {fmt} only (library grader_exercise_toml, src/exercise_toml.cmake).
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace grader {

struct ExerciseTomlTest {
    std::string name;                 // empty: missing or not a string
    std::optional<long long> points;  // missing or not a whole number: none
    std::string visibility;           // as written ("public" / "hidden"); empty: missing
    bool hidden() const { return visibility == "hidden"; }
};

struct ExerciseToml {
    std::optional<std::string> id;
    std::optional<long long> number;
    std::string title, section, program;
    std::optional<std::vector<std::string>> student_files;  // none: not an array (strings only)
    bool has_total_points = false;
    std::optional<long long> total_points;  // set and a positive integer
    bool has_limits = false;
    std::map<std::string, double> limits;  // every number in [limits]
    std::vector<ExerciseTomlTest> tests;   // every [[tests]] table, in order
    // Broken schema rules (English), as "where: what" relative to the exercise: kit_check's
    // errors. The grader reports none of them but uses the values above.
    std::vector<std::string> problems;
};

// The [limits] keys an exercise.toml may set.
inline const std::vector<std::string> kExerciseLimitKeys{"virtual_seconds", "wall_seconds", "cpu_seconds", "memory_mb"};
// Keys CMake reads with a line regex (kit_toml_line): each is set on exactly one line holding
// the whole value. kit_check also checks that exercises/CMakeLists.txt reads no other key.
inline const std::vector<std::string> kOneLineKeys{"program", "student_files", "virtual_seconds", "wall_seconds"};

struct ExerciseTomlError : std::runtime_error {
    ExerciseTomlError(const std::string& what, long line) : std::runtime_error(what), line(line) {}
    long line;  // where the TOML stopped parsing
};

// Parses and checks the file. Throws ExerciseTomlError when it is not TOML at all.
ExerciseToml load_exercise_toml(const std::filesystem::path& path);

// A Catch2 test name the grader can also pass on a command line: no test-spec syntax.
bool usable_test_name(const std::string& name);

}  // namespace grader
