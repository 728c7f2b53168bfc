// The grader's configuration (grader.toml, TOML++) and the kit it grades against: the exercises
// and their exercise.toml (schema: docs/exercise-format.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "util.hpp"

namespace grader {

// Per test process. Values from exercise.toml, then overridden by grader.toml [limits].
struct Limits {
    double virtual_seconds = 3600;  // informational: the tests apply it themselves
    double wall_seconds = 10;
    double cpu_seconds = 10;   // fractions count: the grader watches CPU time, not only RLIMIT_CPU
    // A test that neither runs nor uses CPU this long is stalled: on the virtual clock nothing
    // waits for real time, so it would sit there until wall_seconds. 0: wait for the wall limit.
    double idle_seconds = 1.0;
    long memory_mb = 512;
    long output_kb = 1024;     // stdout and stderr, each
    long file_size_kb = 4096;  // any file the test writes
    long processes = 64;       // RLIMIT_NPROC inside the sandbox
};

struct TestSpec {
    std::string name;  // exact Catch2 TEST_CASE name
    int points = 1;
    bool hidden = false;
};

// The tests a binary contains. A student's code runs in the process of the tests it is graded
// by: the binary that runs the public tests (whose output students see before grades are
// published) holds no hidden test, so no hidden test's text or expected values can reach that
// output (docs/security.md "Hidden stays hidden"). The replay judge runs no student code: all.
enum class TestSet { public_tests, hidden_tests, all };

inline constexpr const char* kPublicTestSource = "tests/public_test.cpp";
inline constexpr const char* kHiddenTestSource = "hidden/hidden_test.cpp";

struct Exercise {
    std::string id;  // "02-async-example"
    int number = 0;
    std::string title, section, program;
    std::vector<std::string> student_files;
    Limits limits;
    std::vector<TestSpec> tests;
    fs::path dir;                // <kit>/exercises/<id>
    std::vector<fs::path> test_sources;  // public + hidden test files that exist
    int max_points() const;
    std::vector<fs::path> test_sources_in(TestSet set) const;
    bool has_hidden_tests() const;
};

// Where a Gradescope package puts the header-only libraries it bundles, relative to the kit root.
inline constexpr const char* kBundledIncludeDir = "third_party/include";

struct CompileConfig {
    std::string cxx = "g++";
    std::vector<std::string> flags{"-std=c++20", "-O1", "-pthread", "-fdiagnostics-color=never"};
    std::vector<std::string> link_flags{"-pthread"};
    // Only for the student's files, as exercises/CMakeLists.txt KIT_STUDENT_FLAGS.
    std::vector<std::string> student_flags{"-Werror=return-type", "-Werror=unused-result"};
    std::vector<std::string> libs{"-lfmt"};
    std::string linker = "auto";  // auto: gold or lld when present, else the default
    bool pch = true;              // precompile <aio/aio.hpp> once per batch
    double wall_seconds = 60;     // per compiler/linker run: a backstop on an overloaded machine
    // CPU time of one compiler/linker run (the whole tree: g++, cc1plus, as), watched like a
    // test's: a compile bomb (template recursion, #include of itself, .incbin /dev/zero) costs at
    // most this much of one core. A student's file takes about 1 s here.
    double cpu_seconds = 20;
    long memory_mb = 1024;        // RLIMIT_AS of each compiler process
};

struct SandboxConfig {
    std::string mode = "auto";  // auto | bwrap | rlimits
    std::string user = "nobody";  // when the grader runs as root, test processes drop to this user
    bool seccomp = true;          // system-call filters for compilers and tests (seccomp.hpp)
    // The object audit of student files (audit.hpp). Off only to test the defences behind it
    // (grader/tests/attacks_test.sh --depth): a course has no reason to turn it off.
    bool audit = true;
    // Per-run cgroups (cgroup.hpp): auto uses them when the host lets the grader create them.
    std::string cgroup = "auto";  // auto | off
};

struct Config {
    fs::path kit_root;
    fs::path config_dir;                    // relative paths in grader.toml resolve against this
    std::optional<fs::path> file;           // grader.toml itself (lateness.cpp reads its [deadline])
    std::vector<std::string> exercises;     // empty: every exercise of the kit
    CompileConfig compile;
    SandboxConfig sandbox;
    json limit_overrides = json::object();  // keys of Limits
    std::string hidden_visibility = "after_published";  // Gradescope visibility of hidden tests
    // [run] share_processes: tests of an exercise share a process where the verdicts stay those
    // of lone runs (run.hpp, run_test_cases); false: every test in a process of its own.
    bool share_processes = true;
    std::vector<std::string> harness_sources{"harness/src"};   // files or directories (recursive)
    std::vector<std::string> include_dirs{"harness/include"};
    std::string runner_main = "grader/runner/grader_main.cpp";
    std::string fingerprint() const;  // what changes the kit build (not paths, not the sandbox)
};

// Reads grader.toml if given; `kit_override` wins over its `kit` key; the default kit is the
// source tree this grader was built from (or the current directory when that is gone).
Config load_config(const std::optional<fs::path>& file, const std::optional<fs::path>& kit_override);

struct Kit {
    fs::path root;
    std::vector<Exercise> exercises;     // sorted by number, filtered by Config::exercises
    std::vector<fs::path> include_dirs;  // absolute
    std::vector<fs::path> harness_sources;
    fs::path runner_main;
    std::vector<std::string> problems;   // exercise.toml problems (English), reported, not fatal
};

Kit load_kit(const Config& config);
// Only the public tests of every exercise (what a student may see run before publication).
void drop_hidden_tests(Kit& kit);
Limits effective_limits(const Exercise& ex, const Config& config);

}  // namespace grader
