#include "commands.hpp"

#include <fmt/format.h>

#ifndef BOOST_PROCESS_USE_STD_FS
#define BOOST_PROCESS_USE_STD_FS
#endif
#include <boost/process.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace grader {
namespace bp = boost::process;

namespace {

fs::path make_temp_dir(const std::string& prefix) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = (fs::path(tmp && *tmp ? tmp : "/tmp") / (prefix + "XXXXXX")).string();
    if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    return templ;
}

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& prefix) : path(make_temp_dir(prefix)) {}
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

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
        for (auto& ex : kit.exercises)
            ex.tests.erase(std::remove_if(ex.tests.begin(), ex.tests.end(), [](const TestSpec& t) { return t.hidden; }),
                           ex.tests.end());

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
    bool all = true;
    for (const auto& e : r.exercises) {
        std::cout << fmt::format("\n{} {} — {}/{}점\n", e.id, e.title, e.score, e.max_score);
        if (!e.message.empty() && e.verdict != "passed" && e.verdict != "failed") {
            std::cout << fmt::format("  ✗ [{}]\n{}", verdict_label_ko(e.verdict), indent(e.message, "      "));
            if (std::string h = hint_for(e.verdict); !h.empty()) std::cout << "      힌트: " << h << "\n";
            all = false;
            continue;
        }
        for (const auto& t : e.tests) {
            if (t.verdict == "passed") {
                std::cout << "  ✓ " << t.name << "\n";
                continue;
            }
            all = false;
            std::cout << fmt::format("  ✗ {} [{}]\n", t.name, verdict_label_ko(t.verdict));
            std::cout << indent(t.message, "      ");
            for (const auto& h : t.hints) std::cout << "      힌트: " << h.get<std::string>() << "\n";
            if (t.verdict != "failed")
                if (std::string h = hint_for(t.verdict); !h.empty()) std::cout << "      힌트: " << h << "\n";
        }
    }
    std::cout << fmt::format("\n총점 {}/{}점. ", r.score, r.max_score)
              << (all ? "모든 테스트를 통과했습니다! 🎉\n" : "✗ 표시된 테스트를 고친 뒤 다시 실행하세요.\n");
    if (r.sandbox != "bwrap") std::cout << "(채점 환경: " << r.sandbox_note_ko << ")\n";
    return all ? 0 : 1;
}

int run_gradescope(const Config& config, const Kit& kit, const GradescopeOptions& options) {
    json results;
    try {
        TempDir out("aio-gradescope-");
        GradeOptions g;
        g.explicit_submissions = {SubmissionRef{"submission", fs::absolute(options.submission), false}};
        g.out = out.path;
        g.jobs = options.jobs;
        g.cache_dir = options.cache_dir.value_or(default_cache_dir());
        g.write_logs = true;
        grade_batch(config, kit, g);
        auto records = load_records({out.path});
        if (records.empty()) throw std::runtime_error("no result was produced");
        results = gradescope_results(records.front(), ReportOptions{config.hidden_visibility});
        // The instructor-only build/test log goes to stdout, which Gradescope keeps hidden.
        for (const auto& e : fs::directory_iterator(out.path / "logs" / "submission"))
            std::cout << read_file(e.path(), 1 << 20).value_or("") << "\n";
    } catch (const std::exception& e) {
        // Gradescope shows nothing useful without results.json, so write one that says what broke.
        std::cerr << "grader: " << e.what() << "\n";
        results = {{"score", 0},
                   {"output", std::string("채점기 오류가 발생했습니다. 담당 조교에게 알려 주세요.\n") + e.what()},
                   {"tests", json::array()}};
    }
    fs::create_directories(fs::absolute(options.results).parent_path());
    write_json_atomic(options.results, results);
    return 0;
}

int build_gradescope_package(const Config& config, const std::optional<fs::path>& config_file, const fs::path& zip) {
    TempDir stage("aio-gs-package-");
    const fs::path root = config.kit_root;
    const auto copy = [&](const fs::path& rel) {
        if (!fs::exists(root / rel)) return;
        fs::create_directories((stage.path / rel).parent_path());
        fs::copy(root / rel, stage.path / rel, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    };
    for (const char* rel : {"harness", "exercises", "grader/src", "grader/runner", "grader/CMakeLists.txt"}) copy(rel);
    std::string toml = config_file ? read_file(*config_file).value_or("") : "";
    // The kit is wherever Gradescope unpacks us; the command line of run_autograder says so.
    write_file_atomic(stage.path / "grader.toml", "# Copied by `grader gradescope-package`.\n" + toml);
    write_file_atomic(stage.path / "setup.sh", R"(#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends build-essential cmake ninja-build catch2 \
  libboost-dev libtomlplusplus-dev libfmt-dev libcli11-dev nlohmann-json3-dev bubblewrap \
  libseccomp-dev pkg-config zip unzip </dev/null
cmake -S /autograder/source/grader -B /autograder/build-grader -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DGRADER_DEFAULT_KIT=/autograder/source
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
    return 0;
}

int run_merge(const Config& config, const std::vector<fs::path>& inputs, const fs::path& out) {
    auto records = load_records(inputs);
    fs::create_directories(out);
    for (const auto& r : records) write_json_atomic(out / "students" / file_safe(r.id) / "grade.json", to_json(r));
    write_reports(out, records, ReportOptions{config.hidden_visibility});
    std::cout << fmt::format("merged {} students from {} directories into {}\n", records.size(), inputs.size(), out.string());
    return 0;
}

}  // namespace grader
