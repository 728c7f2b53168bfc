#include "commands.hpp"

#include "feedback.hpp"

#include <fmt/format.h>

#include <boost/process.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace grader {
namespace bp = boost::process;

namespace {

std::string indent(const std::string& text, const std::string& pad) {
    std::string out;
    for (const auto& line : split_lines(text)) out += pad + line + "\n";
    return out;
}

}  // namespace

int run_check(const Config& config, Kit kit, const CheckOptions& options) {
    if (!fs::is_directory(options.dir)) {
        std::cout << "✗ " << options.dir.string() << " 디렉터리가 없습니다.\n";
        return 2;
    }
    const SubmissionRef ref{fs::absolute(options.dir).filename().string(), fs::absolute(options.dir), false};
    // Which exercises: the ones asked for, else every one the submission has a file for.
    {
        Submission probe = collect(ref, kit, {});
        std::vector<Exercise> chosen;
        for (std::size_t i = 0; i < kit.exercises.size(); ++i) {
            const Exercise& ex = kit.exercises[i];
            const bool asked = std::find(options.exercises.begin(), options.exercises.end(), ex.id) != options.exercises.end();
            const bool present = std::any_of(probe.exercises[i].files.begin(), probe.exercises[i].files.end(),
                                             [](const StudentFile& f) { return f.problem != FileProblem::missing; });
            if (options.exercises.empty() ? present : asked) chosen.push_back(ex);
        }
        for (const auto& wanted : options.exercises)
            if (std::none_of(kit.exercises.begin(), kit.exercises.end(), [&](const Exercise& e) { return e.id == wanted; })) {
                std::cout << "✗ " << wanted << " 과제가 없습니다.\n";
                return 2;
            }
        if (chosen.empty()) {
            std::cout << "✗ 채점할 파일을 찾지 못했습니다. exercises/<번호-이름>/ 안의 .cpp 파일이 있는 폴더에서 실행하세요.\n";
            return 2;
        }
        kit.exercises = chosen;
    }
    if (!options.hidden)
        drop_hidden_tests(kit);

    TempDir out("aio-check-");
    GradeOptions g;
    g.explicit_submissions = {ref};
    g.out = out.path;
    g.jobs = options.jobs;
    g.cache_dir = options.cache_dir.value_or(default_cache_dir());
    g.write_logs = false;
    g.progress = false;
    std::cout << "채점 중입니다... (처음 한 번은 테스트를 빌드하느라 시간이 더 걸립니다)\n" << std::flush;
    grade_batch(config, kit, g);
    auto records = load_records({out.path});
    if (records.empty()) {
        std::cout << "✗ 채점 결과를 만들지 못했습니다.\n";
        return 2;
    }
    const StudentRecord& r = records.front();
    const Detail detail = options.full ? Detail::full : aio::feedback::detail_from_env();
    Shown shown;
    bool all = true;
    for (const auto& e : r.exercises) {
        std::cout << fmt::format("\n{} {} — {}/{}점\n", e.id, e.title, e.score, e.max_score);
        if (const std::string problem = exercise_problem(e, shown); !problem.empty()) {
            std::cout << fmt::format("  ✗ [{}]\n{}", verdict_label_ko(e.verdict), indent(problem, "      "));
            all = false;
            continue;
        }
        for (const auto& t : e.tests) {
            if (t.verdict == Verdict::passed) {
                std::cout << "  ✓ " << t.name << "\n";
                continue;
            }
            all = false;
            std::cout << fmt::format("  ✗ {} [{}]\n", t.name, verdict_label_ko(t.verdict));
            std::cout << indent(test_feedback(t, detail, shown), "      ");
        }
    }
    std::cout << fmt::format("\n총점 {}/{}점. ", r.score, r.max_score)
              << (all ? "모든 테스트를 통과했습니다! 🎉\n" : "✗ 표시된 테스트를 고친 뒤 다시 실행하세요.\n");
    if (!all && detail == Detail::brief) std::cout << "(모든 실패와 힌트 보기: --full 또는 AIO_FEEDBACK=full)\n";
    if (r.sandbox != "bwrap") std::cout << "(채점 환경: " << r.sandbox_note_ko << ")\n";
    return all ? 0 : 1;
}

namespace {
// What the package grades, for the student's summary and the package's own message.
std::string graded_exercises(const Kit& kit) {
    std::vector<std::string> ids;
    for (const auto& ex : kit.exercises) ids.push_back(ex.id);
    return fmt::format("{}", fmt::join(ids, ", "));
}

bool has_files(const fs::path& dir) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) return true;
    return false;
}
}  // namespace

int run_gradescope(const Config& config, const Kit& kit, const GradescopeOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    json results;
    try {
        TempDir out("aio-gradescope-");
        // Nothing uploaded (or no folder at all): graded as an empty submission, so every
        // exercise gets its "file missing" verdict, and the summary says what to upload.
        const bool empty = !has_files(options.submission);
        const fs::path submission = empty ? out.path / "empty-submission" : fs::absolute(options.submission);
        fs::create_directories(submission);
        GradeOptions g;
        g.explicit_submissions = {SubmissionRef{"submission", submission, false}};
        g.out = out.path / "out";
        g.jobs = options.jobs;
        g.cache_dir = options.cache_dir.value_or(default_cache_dir());
        g.write_logs = true;
        // Gradescope writes when the student submitted next to the submission folder.
        if (const fs::path m = fs::absolute(options.submission).parent_path() / "submission_metadata.json"; fs::exists(m))
            g.submission_metadata = m;
        grade_batch(config, kit, g);
        auto records = load_records({g.out});
        if (records.empty()) throw std::runtime_error("no result was produced");
        results = gradescope_results(records.front(), ReportOptions{config.hidden_visibility});
        std::string head = fmt::format("채점한 연습문제: {}\n", graded_exercises(kit));
        if (empty) {
            std::vector<std::string> files;
            for (const auto& ex : kit.exercises)
                for (const auto& f : ex.student_files) files.push_back(f);
            head = fmt::format("제출물에 파일이 없습니다. 다음 파일을 올린 뒤 다시 제출하세요: {}\n", fmt::join(files, ", ")) + head;
        }
        results["output"] = head + results.value("output", "");
        // The instructor-only build/test log goes to stdout, which Gradescope keeps hidden.
        std::error_code ec;
        for (auto it = fs::directory_iterator(g.out / "logs" / "submission", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
            std::cout << read_file(it->path(), 1 << 20).value_or("") << "\n";
    } catch (const std::exception& e) {
        // Gradescope shows nothing useful without results.json, so write one that says what broke.
        std::cerr << "grader: " << e.what() << "\n";
        results = {{"score", 0},
                   {"output", std::string("채점기 오류가 발생했습니다. 담당 조교에게 알려 주세요.\n") + e.what()},
                   {"output_format", "text"},
                   {"tests", json::array()}};
    }
    results["execution_time"] =
        std::lround(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    fs::create_directories(fs::absolute(options.results).parent_path());
    write_json_atomic(options.results, results);
    return 0;
}

namespace {
// Copies into the package the header-only libraries Gradescope's images lack or ship in another
// major version (Ubuntu 22.04: no TOML++; 24.04: Catch2 3), from this machine's packages (Debian:
// catch2, libtomlplusplus-dev), with their copyright files. Nothing is downloaded at setup.
void bundle_header_libraries(const fs::path& stage) {
    struct Library {
        const char* name;
        const char* header;     // relative to an include directory
        const char* copy;       // what to copy, relative to the same directory
        const char* copyright;  // Debian's copyright file of the package
        const char* must_contain;
    };
    const Library libraries[] = {
        {"Catch2", "catch2/catch.hpp", "catch2/catch.hpp", "/usr/share/doc/catch2/copyright", "Catch v2."},
        {"TOML++", "toml++/toml.h", "toml++", "/usr/share/doc/libtomlplusplus-dev/copyright", "TOML_"},
    };
    const fs::path include = stage / kBundledIncludeDir;
    for (const Library& lib : libraries) {
        std::optional<fs::path> from;
        for (const char* dir : {"/usr/include", "/usr/local/include"})
            if (fs::exists(fs::path(dir) / lib.header)) from = dir;
        const std::string text = from ? read_file(*from / lib.header, 1 << 20).value_or("") : "";
        if (!from || text.find(lib.must_contain) == std::string::npos)
            throw std::runtime_error(fmt::format("{} ({}) not found on this machine: install Debian's catch2 (2.x) and "
                                                 "libtomlplusplus-dev, which the package bundles",
                                                 lib.name, lib.header));
        fs::create_directories((include / lib.copy).parent_path());
        fs::copy(*from / lib.copy, include / lib.copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        fs::create_directories(stage / "third_party/LICENSES");
        if (fs::exists(lib.copyright))
            fs::copy_file(lib.copyright, stage / "third_party/LICENSES" / (std::string(lib.name) + ".copyright"),
                          fs::copy_options::overwrite_existing);
        else
            throw std::runtime_error(fmt::format("{}: no copyright file at {}", lib.name, lib.copyright));
    }
    write_file_atomic(stage / "third_party/README.md",
                      "Header-only libraries bundled by `grader gradescope-package` from the Debian packages of the "
                      "machine that built this zip (catch2, libtomlplusplus-dev), with their copyright files in "
                      "LICENSES/. The grader and the kit find them here when the system has none.\n");
}
}  // namespace

int build_gradescope_package(const Config& config, const std::optional<fs::path>& config_file, const fs::path& zip) {
    TempDir stage("aio-gs-package-");
    const fs::path root = config.kit_root;
    const auto copy = [&](const fs::path& rel) {
        if (!fs::exists(root / rel)) return;
        fs::create_directories((stage.path / rel).parent_path());
        fs::copy(root / rel, stage.path / rel, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    };
    for (const char* rel : {"harness", "exercises", "grader/src", "grader/runner", "grader/CMakeLists.txt"}) copy(rel);
    bundle_header_libraries(stage.path);
    std::string toml = config_file ? read_file(*config_file).value_or("") : "";
    // The kit is wherever Gradescope unpacks us; the command line of run_autograder says so.
    write_file_atomic(stage.path / "grader.toml", "# Copied by `grader gradescope-package`.\n" + toml);
    write_file_atomic(stage.path / "setup.sh", R"(#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu 22.04 or 24.04).
# Only the distribution's packages: Catch2 v2 and TOML++ come with this zip (third_party/).
# AIO_SETUP_SKIP_APT=1: the packages are there already (the kit's CI simulating the image).
set -euo pipefail
if [ -z "${AIO_SETUP_SKIP_APT:-}" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends build-essential cmake ninja-build \
    libboost-dev libboost-filesystem-dev libfmt-dev libcli11-dev nlohmann-json3-dev bubblewrap \
    libseccomp-dev pkg-config zip unzip </dev/null
fi
cmake -S /autograder/source/grader -B /autograder/build-grader -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF -DGRADER_DEFAULT_KIT=/autograder/source
cmake --build /autograder/build-grader
# Build the harness, the runner and every exercise's tests now, not once per submission.
/autograder/build-grader/grader prepare --kit /autograder/source --config /autograder/source/grader.toml \
  --cache-dir /autograder/cache
)");
    write_file_atomic(stage.path / "run_autograder", R"(#!/usr/bin/env bash
# Gradescope runs this for every submission: /autograder/submission -> /autograder/results/results.json
exec /autograder/build-grader/grader gradescope --kit /autograder/source --config /autograder/source/grader.toml \
  --cache-dir /autograder/cache --submission /autograder/submission --results /autograder/results/results.json
)");
    ::chmod((stage.path / "setup.sh").c_str(), 0755);
    ::chmod((stage.path / "run_autograder").c_str(), 0755);
    const fs::path target = fs::absolute(zip);
    fs::create_directories(target.parent_path());
    fs::remove(target);
    int rc = bp::system(bp::search_path("zip"), "-q", "-r", "-X", target.string(), ".", bp::start_dir(stage.path.string()),
                        bp::std_out > bp::null);
    if (rc != 0) throw std::runtime_error("zip failed");
    std::cout << "wrote " << target.string() << "\n";
    const Kit kit = load_kit(config);
    std::cout << fmt::format("it grades {} exercise(s): {}{}\n", kit.exercises.size(), graded_exercises(kit),
                             config.exercises.empty() ? " (all of the kit: name them with `exercises = [...]` in grader.toml)" : "");
    return 0;
}

int run_merge(const Config& config, const std::vector<fs::path>& inputs, const fs::path& out,
              const std::optional<fs::path>& roster) {
    auto records = load_records(inputs);
    fs::create_directories(out);
    for (const auto& r : records) write_json_atomic(out / "students" / file_safe(r.id) / "grade.json", to_json(r));
    write_reports(out, records, ReportOptions{config.hidden_visibility, roster});
    std::cout << fmt::format("merged {} students from {} directories into {}\n", records.size(), inputs.size(), out.string());
    return 0;
}

}  // namespace grader
