#include "pipeline.hpp"

#include <fmt/format.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>

#include "judge_server.hpp"
#include "lateness.hpp"
#include "similarity.hpp"

namespace grader {

namespace {

constexpr const char* kResultFormat = "aio-grader-result-2";

// A progress bar with ETA, only when stderr is a terminal.
class Progress {
public:
    Progress(bool enabled, int submissions, int jobs) : enabled_(enabled), total_(submissions), jobs_(jobs) {
        start_ = std::chrono::steady_clock::now();
        draw();
    }
    void job_done() {
        ++jobs_done_;
        draw();
    }
    void submission_done() {
        ++done_;
        draw();
    }
    void finish() {
        if (enabled_) std::fprintf(stderr, "\n");
    }

private:
    void draw() {
        if (!enabled_) return;
        std::lock_guard lock(mutex_);
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const int width = 30;
        const double frac = jobs_ ? double(jobs_done_) / jobs_ : 1.0;
        const int filled = int(frac * width);
        std::string eta = "--";
        if (jobs_done_ > 0 && jobs_done_ < jobs_) eta = format_duration(elapsed / jobs_done_ * (jobs_ - jobs_done_));
        else if (jobs_done_ >= jobs_) eta = "0 s";
        std::fprintf(stderr, "\r[%s%s] %d/%d submissions  %d/%d builds  %s elapsed  ETA %s   ",
                     std::string(std::size_t(filled), '#').c_str(), std::string(std::size_t(width - filled), '.').c_str(),
                     done_.load(), total_, jobs_done_.load(), jobs_, format_duration(elapsed).c_str(), eta.c_str());
        std::fflush(stderr);
    }
    bool enabled_;
    int total_, jobs_;
    std::atomic<int> done_{0}, jobs_done_{0};
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
};

constexpr std::string_view kWorkPrefix = "aio-grader-";

// Scratch directories ("aio-grader-<pid>-<hex>") of grader runs that were killed: their jobs'
// binaries and sources would otherwise stay on disk for good. The directory must also be idle
// (every job creates a subdirectory in it), in case its grader lives in another PID namespace.
void remove_dead_work_dirs(const fs::path& parent) {
    constexpr auto kIdleBeforeRemoval = std::chrono::minutes(10);
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(kWorkPrefix, 0) != 0) continue;
        const std::string rest = name.substr(kWorkPrefix.size());
        const auto dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos || dash > 9 ||
            !std::all_of(rest.begin(), rest.begin() + long(dash), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        const pid_t pid = pid_t(std::stol(rest.substr(0, dash)));
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        const auto modified = fs::last_write_time(entry.path(), ec);
        if (ec || fs::file_time_type::clock::now() - modified < kIdleBeforeRemoval) continue;
        fs::remove_all(entry.path(), ec);
    }
}

std::string exercise_key(const std::string& kit_version, const Exercise& ex, const Limits& limits,
                         const SandboxInfo& sandbox, bool share, bool audit, const ExerciseFiles& files) {
    Sha256 h;
    h.field(kResultFormat).field(grader_binary_hash()).field(kit_version).field(ex.id);
    h.field(fmt::format("{} {} {} {} {} {} {}", limits.wall_seconds, limits.cpu_seconds, limits.memory_mb, limits.output_kb,
                        limits.processes, limits.virtual_seconds, limits.idle_seconds));
    h.field(sandbox.bwrap ? "bwrap" : "rlimits").field(share ? "shared" : "lone").field(audit ? "audit" : "no-audit");
    for (const auto& f : files.files) h.field(f.name).field(to_string(f.problem)).field(f.content);
    return h.hex();
}

// The grader's own failure in some test: not the student's result, so never cached or reused.
bool has_grader_error(const ExerciseResult& e) {
    return std::any_of(e.tests.begin(), e.tests.end(), [](const TestResult& t) { return t.verdict == "grader_error"; });
}

struct Job {
    std::string key;
    const Exercise* exercise = nullptr;
    const ExerciseFiles* files = nullptr;
    std::vector<std::pair<std::size_t, std::size_t>> users;  // (submission, exercise index)
};

ExerciseResult grade_exercise(const BatchContext& ctx, KitBuild& kit, const Exercise& ex, const ExerciseFiles& files,
                              const fs::path& job_dir, std::string& log) {
    const Limits limits = effective_limits(ex, *ctx.config);
    if (std::string err = kit.exercise_error(ex.id); !err.empty()) {
        log += "kit error: " + err + "\n";
        return judge_unbuildable(ex, "grader_error", "이 과제의 테스트를 빌드하지 못했습니다 (키트 오류). 담당 조교에게 알려 주세요.", err);
    }
    fs::create_directories(job_dir);
    ::chmod(job_dir.c_str(), 0711);
    const auto seconds_since = [](std::chrono::steady_clock::time_point t) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    };
    const auto build_start = std::chrono::steady_clock::now();
    BuildOutcome b;
    {
        ctx.build_slots->acquire();
        struct Release {
            std::counting_semaphore<1024>* s;
            ~Release() { s->release(); }
        } release{ctx.build_slots};
        b = build_student(ctx, kit, ex, files, job_dir);
    }
    log += fmt::format("== build ({:.2f} s)\n{}\n", seconds_since(build_start), b.log);
    if (b.status == BuildOutcome::Status::grader_error)
        return judge_unbuildable(ex, "grader_error", "빌드를 실행하지 못했습니다.", b.log);
    if (b.status == BuildOutcome::Status::compile_error)
        return judge_unbuildable(ex, "compile_error", "컴파일 오류:\n" + b.first_error, b.log);
    if (b.status == BuildOutcome::Status::forbidden) return judge_unbuildable(ex, "forbidden_code", b.first_error, b.log);
    if (b.status == BuildOutcome::Status::link_error)
        return judge_unbuildable(ex, "compile_error",
                                 "링크 오류 (api.hpp 의 함수가 빠졌거나, 이름이 다르거나, 두 번 정의되었습니다):\n" + b.first_error,
                                 b.log);
    ExerciseResult r;
    r.id = ex.id;
    r.title = ex.title;
    const auto tests_start = std::chrono::steady_clock::now();
    std::vector<std::string> names;
    for (const auto& spec : ex.tests) names.push_back(spec.name);
    std::vector<TestRun> runs = run_test_cases(ctx, b.binary, names, limits, job_dir, ctx.config->share_processes);
    confirm_passes(ctx, kit.judge_binary(ex), names, runs, limits, job_dir);
    for (std::size_t i = 0; i < ex.tests.size(); ++i) {
        const TestRun& run = runs[i];
        TestResult t = judge_test(ex.tests[i], limits, run);
        log += fmt::format("== test {}: {} -> {} ({}/{})\n{}--- stdout (head)\n{}\n--- stderr (head)\n{}\n", i, t.name, t.verdict,
                           t.score, t.points, t.log, sanitize_text(run.stdout_text, 4000), sanitize_text(run.stderr_text, 4000));
        r.tests.push_back(std::move(t));
    }
    log += fmt::format("== {} tests ran in {:.2f} s\n", ex.tests.size(), seconds_since(tests_start));
    summarize(r);
    return r;
}

// A file others may read (a directory others may enter), below directories others may enter.
bool readable_by_others(const fs::path& path) {
    std::error_code ec;
    fs::path p = fs::absolute(path);
    auto st = fs::status(p, ec);
    if (ec) return false;
    const auto perms = st.permissions();
    const auto need = fs::is_directory(st) ? fs::perms::others_exec : fs::perms::others_read;
    if ((perms & need) == fs::perms::none) return false;
    for (p = p.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
        if ((fs::status(p, ec).permissions() & fs::perms::others_exec) == fs::perms::none) return false;
    return true;
}

std::vector<fs::path> hidden_paths(const Kit& kit, const GradeOptions& o, const fs::path& cache, const fs::path& work) {
    std::vector<fs::path> out{kit.root, fs::absolute(o.out), cache, work,
                              "/home", "/root", "/tmp", "/var/tmp", "/run", "/mnt", "/media", "/srv", "/opt"};
    if (!o.submissions.empty()) out.push_back(fs::absolute(o.submissions));
    for (const auto& ref : o.explicit_submissions) out.push_back(fs::absolute(ref.path));
    for (auto& p : out) p = fs::weakly_canonical(p);
    return out;
}

// --only: the named submissions of the listing. Each must exist, and `out` must hold a graded
// class already (else --only would silently make a class of one).
std::vector<SubmissionRef> only_these(const std::vector<SubmissionRef>& refs, const std::vector<std::string>& ids,
                                      const fs::path& out) {
    if (!fs::is_directory(out / "students"))
        throw std::runtime_error("--only regrades into an existing output: " + out.string() + " has no students/ yet");
    std::vector<SubmissionRef> picked;
    for (const auto& id : ids) {
        auto it = std::find_if(refs.begin(), refs.end(), [&](const SubmissionRef& r) { return r.id == id; });
        if (it == refs.end()) throw std::runtime_error("--only " + id + ": no such submission");
        if (std::none_of(picked.begin(), picked.end(), [&](const SubmissionRef& r) { return r.id == id; })) picked.push_back(*it);
    }
    return picked;
}

}  // namespace

std::vector<StudentRecord> load_records(const std::vector<fs::path>& outs) {
    std::map<std::string, StudentRecord> by_id;
    for (const auto& out : outs) {
        const fs::path dir = out / "students";
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir)) {
            const fs::path f = e.path() / "grade.json";
            if (!fs::exists(f)) continue;
            try {
                StudentRecord r = student_from_json(read_json(f));
                by_id[r.id] = std::move(r);
            } catch (const std::exception& ex) {
                std::fprintf(stderr, "grader: skipping unreadable %s: %s\n", f.c_str(), ex.what());
            }
        }
    }
    std::vector<StudentRecord> out;
    for (auto& [id, r] : by_id) out.push_back(std::move(r));
    return out;
}

BatchStats grade_batch(const Config& config, const Kit& kit, const GradeOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    BatchStats stats;
    fs::create_directories(options.out);
    const fs::path out = fs::canonical(options.out);
    // Kit builds may be shared between runs (--cache-dir); judged exercises live with the output
    // they belong to, so a fresh output directory really grades again.
    const fs::path cache = fs::weakly_canonical(options.cache_dir.value_or(out / ".cache"));
    const fs::path result_cache = out / ".results";
    fs::create_directories(cache);
    fs::create_directories(result_cache);
    // A run killed while writing left temporary files behind: this run owns `out`; the kit cache
    // may be shared with a run that is still writing.
    remove_stale_temps(out, StaleTemps::any_writer);
    remove_stale_temps(cache, StaleTemps::of_dead_writers);

    auto refs = options.explicit_submissions.empty() ? list_submissions(options.submissions) : options.explicit_submissions;
    refs = shard(refs, options.shard_index, options.shard_count);
    if (!options.only.empty()) refs = only_these(refs, options.only, out);
    const auto roster = options.roster ? load_roster(*options.roster) : std::map<std::string, std::string>{};
    const LatePolicy late_policy = load_late_policy(config);

    BatchContext ctx;
    ctx.config = &config;
    ctx.kit = &kit;
    ctx.sandbox = detect_sandbox(config.sandbox);
    ctx.cache_dir = cache;
    ctx.jobs = std::max(1, options.jobs);
    stats.sandbox = ctx.sandbox.description;

    KitBuild kit_build(config, kit, cache);
    stats.kit_version = kit_build.version();

    // Collect (unzip runs as a child process, so this is parallel too).
    std::vector<Submission> subs(refs.size());
    parallel_for(refs.size(), ctx.jobs, [&](std::size_t i) { subs[i] = collect(refs[i], kit, roster); });
    stats.submissions = int(subs.size());
    // When each was submitted (a git log per checkout): from the submission, never the clock.
    std::vector<Lateness> late(subs.size());
    parallel_for(subs.size(), ctx.jobs, [&](std::size_t i) {
        std::string source;
        auto when = submission_time(subs[i].ref, options.submission_metadata, source);
        late[i] = assess_lateness(late_policy, subs[i].ref.id, when, source);
    });

    // Keys, resume, cache.
    std::vector<StudentRecord> records(subs.size());
    std::vector<std::vector<std::string>> keys(subs.size());
    std::vector<bool> done(subs.size(), false);
    std::map<std::string, Job> jobs;
    std::vector<std::string> job_order;
    for (std::size_t s = 0; s < subs.size(); ++s) {
        Sha256 student_key;
        student_key.field(kResultFormat).field(config.hidden_visibility).field(ctx.sandbox.description_ko);
        student_key.field(dump_json(to_json(late[s]), -1));
        for (std::size_t e = 0; e < kit.exercises.size(); ++e) {
            const Exercise& ex = kit.exercises[e];
            keys[s].push_back(exercise_key(kit_build.version(), ex, effective_limits(ex, config), ctx.sandbox, config.share_processes,
                                          config.sandbox.audit, subs[s].exercises[e]));
            student_key.field(keys[s].back());
        }
        StudentRecord& rec = records[s];
        rec.id = subs[s].ref.id;
        rec.name = subs[s].name;
        rec.key = student_key.hex();
        rec.sandbox = ctx.sandbox.bwrap ? "bwrap" : "rlimits";
        rec.sandbox_note_ko = ctx.sandbox.description_ko;
        rec.exercises.resize(kit.exercises.size());
        rec.late = late[s];

        const fs::path grade_file = out / "students" / file_safe(rec.id) / "grade.json";
        if (fs::exists(grade_file)) {
            try {
                StudentRecord old = student_from_json(read_json(grade_file));
                const bool grader_failed = std::any_of(old.exercises.begin(), old.exercises.end(), has_grader_error);
                if (old.key == rec.key && !grader_failed) {  // the grader's own failures are graded again
                    const bool renamed = old.name != rec.name;  // only the roster changed
                    old.name = rec.name;
                    if (renamed) write_json_atomic(grade_file, to_json(old));
                    records[s] = std::move(old);
                    done[s] = true;
                    ++stats.reused;
                    continue;
                }
            } catch (const std::exception&) {
                // unreadable: grade again
            }
        }
        for (std::size_t e = 0; e < kit.exercises.size(); ++e) {
            const std::string& key = keys[s][e];
            auto [it, fresh] = jobs.try_emplace(key);
            if (fresh) {
                it->second.key = key;
                it->second.exercise = &kit.exercises[e];
                it->second.files = &subs[s].exercises[e];
                job_order.push_back(key);
            }
            it->second.users.emplace_back(s, e);
        }
    }

    // Exercises already judged (same files, same kit) come from the cache.
    std::vector<std::string> to_run;
    std::map<std::string, ExerciseResult> results;
    for (const auto& key : job_order) {
        const fs::path cached = result_cache / (key + ".json");
        const Job& job = jobs[key];
        if (!job.files->usable()) {
            results[key] = judge_files(*job.exercise, *job.files);
            continue;
        }
        if (fs::exists(cached)) {
            try {
                results[key] = exercise_from_json(read_json(cached));
                ++stats.jobs_cached;
                continue;
            } catch (const std::exception&) {
            }
        }
        to_run.push_back(key);
    }

    std::vector<int> remaining(subs.size(), 0);
    for (std::size_t s = 0; s < subs.size(); ++s)
        if (!done[s]) remaining[s] = int(kit.exercises.size());
    int pending_subs = int(std::count(done.begin(), done.end(), false));
    Progress progress(options.progress, pending_subs, int(to_run.size()));
    std::mutex results_mutex;

    auto finish_student = [&](std::size_t s) {
        StudentRecord& rec = records[s];
        finalize(rec);
        write_json_atomic(out / "students" / file_safe(rec.id) / "grade.json", to_json(rec));
        progress.submission_done();
    };
    std::vector<std::atomic<int>> left(subs.size());
    for (std::size_t s = 0; s < subs.size(); ++s) left[s] = remaining[s];
    auto deliver = [&](const std::string& key, const ExerciseResult& r) {
        for (auto [s, e] : jobs.at(key).users) {
            records[s].exercises[e] = r;
            if (--left[s] == 0) finish_student(s);
        }
    };
    // Results that need no build first: students whose exercises are all cached finish now.
    for (const auto& key : job_order)
        if (results.count(key)) deliver(key, results[key]);

    fs::path work;
    if (!to_run.empty()) {
        kit_build.ensure(ctx.jobs);
        const char* tmp = std::getenv("TMPDIR");
        const fs::path work_parent = options.work_dir.value_or(fs::path(tmp && *tmp ? tmp : "/tmp"));
        remove_dead_work_dirs(work_parent);
        work = work_parent / fmt::format("{}{}-{}", kWorkPrefix, ::getpid(), random_hex(4));
        fs::create_directories(work);
        ::chmod(work.c_str(), 0711);
        ctx.work_root = fs::canonical(work);
        ctx.hidden_paths = hidden_paths(kit, options, cache, ctx.work_root);
        if (ctx.sandbox.drop_user) {
            // Compilers and tests run as the unprivileged user: if it cannot read the kit, every
            // student would get a compile error that is the grader's fault. Refuse instead.
            std::vector<fs::path> needed{ctx.work_root};
            for (const auto& ex : kit.exercises)
                for (const auto& p : kit_build.read_only_inputs(ex)) needed.push_back(p);
            for (const auto& p : needed)
                if (!readable_by_others(p))
                    throw std::runtime_error(fmt::format(
                        "{} is not readable by the sandbox user {} (a directory on the way lacks o+x or the file "
                        "o+r); put the kit, --cache-dir and --work-dir where everyone may read them",
                        p.string(), ctx.sandbox.user));
        }
        std::atomic<int> counter{0};
        std::counting_semaphore<1024> build_slots(std::min(ctx.jobs, 1024));
        ctx.build_slots = &build_slots;
        std::optional<JudgeServers> judges;  // ended (and waited for) before the work dir goes
        judges.emplace(ctx, ctx.work_root);
        ctx.judges = &*judges;
        parallel_for(to_run.size(), 2 * ctx.jobs, [&](std::size_t i) {
            const std::string& key = to_run[i];
            const Job& job = jobs.at(key);
            std::string log;
            ExerciseResult r;
            const fs::path job_dir = ctx.work_root / fmt::format("job-{:05d}", counter++);
            try {
                r = grade_exercise(ctx, kit_build, *job.exercise, *job.files, job_dir, log);
                r.flags = instructor_flags(*job.exercise, *job.files);
                // The grader's own failure is not the student's result: graded again next time.
                if (!has_grader_error(r)) write_json_atomic(result_cache / (key + ".json"), to_json(r));
            } catch (const std::exception& e) {
                // The grader's own failure: recorded for this exercise only, never cached.
                log += std::string("grader error: ") + e.what() + "\n";
                r = judge_unbuildable(*job.exercise, "grader_error", "채점 중 오류가 발생했습니다. 담당 조교에게 알려 주세요.", e.what());
            }
            if (!options.keep_work) {
                std::error_code ec;
                fs::remove_all(job_dir, ec);
            }
            if (options.write_logs) {
                for (auto [s, e] : job.users)
                    write_file_atomic(out / "logs" / file_safe(subs[s].ref.id) / (job.exercise->id + ".log"),
                                      fmt::format("key {}\n{}", key, log));
            }
            ++stats.jobs_run;
            progress.job_done();
            std::lock_guard lock(results_mutex);
            deliver(key, r);
        });
        ctx.judges = nullptr;
        judges.reset();
        if (!options.keep_work) {
            std::error_code ec;
            fs::remove_all(work, ec);
        }
    }
    progress.finish();
    stats.graded = pending_subs;

    // Reports cover exactly this run's submissions (a shard covers its slice); with --only, every
    // record in `out` (the others' are read back unchanged, so their files come out identical).
    std::vector<StudentRecord> sorted = options.only.empty() ? records : load_records({out});
    std::sort(sorted.begin(), sorted.end(), [](const StudentRecord& a, const StudentRecord& b) { return a.id < b.id; });
    if (options.similarity && options.only.empty())
        write_similarity(kit, subs, out, SimilarityOptions{options.similarity_threshold});
    write_reports(out, sorted, ReportOptions{config.hidden_visibility, options.roster});
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace grader

namespace grader {
fs::path default_cache_dir() {
    if (::geteuid() == 0) return "/var/tmp/aio-grader-cache";
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "aio-grader";
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "aio-grader";
    return "/tmp/aio-grader-cache";
}
}  // namespace grader
