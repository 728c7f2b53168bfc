#include "ci_commands.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#include "classroom50.hpp"

namespace grader {

namespace {

// GitHub shows 10 error annotations per step; the rest would vanish without a word.
constexpr std::size_t kMaxErrorAnnotations = 10;
constexpr std::size_t kReleaseBodyBytes = 120000;  // GitHub: 125000 characters per release body

std::optional<fs::path> from_env(const std::optional<fs::path>& given, const char* name) {
    if (given) return given;
    const char* v = std::getenv(name);
    return v && *v ? std::optional<fs::path>(v) : std::nullopt;
}

void append_file(const fs::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::app | std::ios::binary);
    f << text;
    if (!f) throw std::runtime_error("cannot write " + path.string());
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void print_annotations(const CiGrade& g) {
    const auto all = annotations(g.record, g.paths);
    for (std::size_t i = 0; i < all.size() && i < kMaxErrorAnnotations; ++i) std::cout << workflow_command("error", all[i]) << "\n";
    if (all.size() > kMaxErrorAnnotations)
        std::cout << workflow_command("notice", {"", 0, 0, "채점",
                                                 fmt::format("실패한 검사가 {}개 더 있습니다. 작업 요약(Summary)에서 모두 볼 수 있습니다.",
                                                             all.size() - kMaxErrorAnnotations)})
                  << "\n";
    std::cout << std::flush;
}

}  // namespace

CiGrade grade_checkout(const Config& config, Kit kit, const CiGradeOptions& options) {
    const fs::path dir = fs::absolute(options.submission);
    if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + " is not a directory");
    if (!options.exercises.empty()) {
        std::vector<Exercise> chosen;
        for (const auto& id : options.exercises) {
            auto it = std::find_if(kit.exercises.begin(), kit.exercises.end(), [&](const Exercise& e) { return e.id == id; });
            if (it == kit.exercises.end()) throw std::runtime_error("exercise " + id + " is not in the kit");
            chosen.push_back(*it);
        }
        kit.exercises = chosen;
    }
    // Public tests only, even with a full kit: what a student's repository shows must not name,
    // count or score the hidden tests.
    drop_hidden_tests(kit);

    const SubmissionRef ref{"checkout", dir, false};
    CiGrade g;
    const Submission probe = collect(ref, kit, {});
    for (std::size_t i = 0; i < kit.exercises.size(); ++i)
        for (const auto& f : probe.exercises[i].files)
            if (!f.found_at.empty()) g.paths[kit.exercises[i].id].push_back(f.found_at);

    // grade_batch writes its records somewhere; only the record is kept. GitHub's per-job temp
    // directory when there is one.
    const char* runner_temp = std::getenv("RUNNER_TEMP");
    TempDir out("aio-ci-", runner_temp && *runner_temp ? std::optional<fs::path>(runner_temp) : std::nullopt);
    GradeOptions go;
    go.explicit_submissions = {ref};
    go.out = out.path;
    go.jobs = options.jobs;
    go.cache_dir = options.cache_dir.value_or(default_cache_dir());
    go.write_logs = false;
    grade_batch(config, kit, go);
    auto records = load_records({out.path});
    if (records.empty()) throw std::runtime_error("grading produced no record");
    g.record = std::move(records.front());
    return g;
}

int run_github(const Config& config, const Kit& kit, const GithubOptions& options) {
    CiGrade g;
    try {
        g = grade_checkout(config, kit, options.grade);
    } catch (const std::exception& e) {
        std::cout << workflow_command("error", {"", 0, 0, "채점기 오류", std::string("채점하지 못했습니다: ") + e.what()}) << "\n";
        return 2;
    }
    print_annotations(g);
    MarkdownOptions md;
    md.note = "공개 테스트만 채점한 결과입니다. 숨은 테스트는 마감 뒤에 따로 채점합니다.";
    if (auto summary = from_env(options.summary, "GITHUB_STEP_SUMMARY")) append_file(*summary, markdown_report(g.record, md));
    if (options.junit) {
        if (options.junit->has_parent_path()) fs::create_directories(options.junit->parent_path());
        write_file_atomic(*options.junit, junit_xml(g.record));
    }
    const bool all = g.record.verdict == Verdict::passed;
    if (auto output = from_env(options.output, "GITHUB_OUTPUT"))
        append_file(*output, fmt::format("score={}\nmax-score={}\npassed={}\n", g.record.score, g.record.max_score, all));
    std::cerr << fmt::format("grader github: {}/{} points, {}\n", g.record.score, g.record.max_score, g.record.verdict);
    return all ? 0 : 1;
}

int run_classroom50(const Config& config, const Kit& kit, const Classroom50Options& options) {
    const std::string graded_at = utc_now();
    // Identity first: without it no result can be attributed, and the runner must report an error.
    const Classroom50Identity id = classroom50_identity_from_env(options.datetime.empty() ? graded_at : options.datetime, graded_at);
    const CiGrade g = grade_checkout(config, kit, options.grade);
    print_annotations(g);
    fs::create_directories(options.out);
    write_file_atomic(options.out / "result.json", dump_json(classroom50_result(g.record, id)) + "\n");
    MarkdownOptions md;
    md.title = "공개 테스트 채점 결과";
    md.note = "이 점수는 공개 테스트의 점수입니다. 숨은 테스트는 마감 뒤에 선생님이 따로 채점합니다.";
    md.max_bytes = kReleaseBodyBytes;
    const std::string body = markdown_report(g.record, md);
    write_file_atomic(options.out / "release-body.md", body);
    if (auto summary = from_env(std::nullopt, "GITHUB_STEP_SUMMARY")) append_file(*summary, body);
    if (auto output = from_env(std::nullopt, "GITHUB_OUTPUT"))
        append_file(*output, fmt::format("status={}\nsummary={}\n", classroom50_status(g.record), classroom50_summary(g.record)));
    std::cerr << "grader classroom50: " << classroom50_summary(g.record) << "\n";
    return 0;
}

}  // namespace grader
