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
#include "result_cache.hpp"
#include "similarity.hpp"

namespace grader {

namespace {

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
        return judge_unbuildable(ex, Verdict::grader_error, "이 과제의 테스트를 빌드하지 못했습니다 (키트 오류). 담당 조교에게 알려 주세요.", err);
    }
    fs::create_directories(job_dir);
    ::chmod(job_dir.c_str(), 0711);
    const auto seconds_since = [](std::chrono::steady_clock::time_point t) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    };
    const auto build_start = std::chrono::steady_clock::now();
    BuildOutcome b;
    {
        const SlotHeld build_slot(ctx.build_slots);
        b = build_student(ctx, kit, ex, files, job_dir);
    }
    log += fmt::format("== build ({:.2f} s)\n{}\n", seconds_since(build_start), b.log);
    if (b.status == BuildOutcome::Status::grader_error)
        return judge_unbuildable(ex, Verdict::grader_error, "빌드를 실행하지 못했습니다.", b.log);
    if (b.status == BuildOutcome::Status::compile_error)
        return judge_unbuildable(ex, Verdict::compile_error, b.first_error, b.log);
    if (b.status == BuildOutcome::Status::forbidden) return judge_unbuildable(ex, Verdict::forbidden_code, b.first_error, b.log);
    if (b.status == BuildOutcome::Status::link_error)
        return judge_unbuildable(ex, Verdict::compile_error,
                                 "링크 오류 (api.hpp 의 함수가 빠졌거나, 이름이 다르거나, 두 번 정의되었습니다):\n" + b.first_error,
                                 b.log);
    ExerciseResult r;
    r.id = ex.id;
    r.title = ex.title;
    const auto tests_start = std::chrono::steady_clock::now();
    // Each test runs in the binary of its visibility (BuildOutcome), the runs back in toml order.
    std::vector<std::string> names;
    // The two visibilities at once (each of their processes holds a test slot).
    std::vector<TestRun> runs(ex.tests.size());
    parallel_for(2, 2, [&](std::size_t visibility) {
        const bool hidden = visibility == 1;
        std::vector<std::size_t> which;
        std::vector<std::string> subset;
        for (std::size_t i = 0; i < ex.tests.size(); ++i)
            if (ex.tests[i].hidden == hidden) which.push_back(i), subset.push_back(ex.tests[i].name);
        if (subset.empty()) return;
        const fs::path& binary = b.binary_for(ex.tests[which.front()]);
        std::vector<TestRun> part = run_test_cases(ctx, binary, subset, limits, job_dir / (hidden ? "hidden" : "public"),
                                                   ctx.config->share_processes);
        for (std::size_t k = 0; k < which.size(); ++k) runs[which[k]] = std::move(part[k]);
    });
    for (const auto& spec : ex.tests) names.push_back(spec.name);
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

namespace {

// What the stages of a batch share. Built by plan(), read and filled by the others.
struct Batch {
    Batch(const Config& c, const Kit& k, const GradeOptions& o) : config(c), kit(k), options(o) {}
    const Config& config;
    const Kit& kit;
    const GradeOptions& options;
    fs::path out, cache, result_cache;
    BatchContext ctx;
    std::optional<KitBuild> kit_build;
    std::vector<Submission> subs;
    std::vector<StudentRecord> records;            // one per submission, filled as exercises are judged
    std::vector<std::vector<std::string>> keys;    // [submission][exercise]
    std::vector<bool> done;                        // resumed: nothing to grade
    std::map<std::string, Job> jobs;               // by exercise key: identical files are judged once
    std::vector<std::string> job_order, to_run;    // every job in first-use order; those not cached
    std::map<std::string, ExerciseResult> results;  // jobs that need no build
    std::vector<std::atomic<int>> left;            // exercises each submission still waits for
    std::optional<Progress> progress;
    std::mutex deliver_mutex;
    BatchStats stats;

    // A judged exercise to every submission that has it; a submission's last one writes its record.
    void deliver(const std::string& key, const ExerciseResult& r) {
        for (auto [s, e] : jobs.at(key).users) {
            records[s].exercises[e] = r;
            if (--left[s] != 0) continue;
            finalize(records[s]);
            write_json_atomic(out / "students" / file_safe(records[s].id) / "grade.json", to_json(records[s]));
            progress->submission_done();
        }
    }
};

// Stage 1a: the output and cache directories, cleared of what killed runs left behind.
void open_dirs(Batch& b) {
    fs::create_directories(b.options.out);
    b.out = fs::canonical(b.options.out);
    // Kit builds may be shared between runs (--cache-dir); judged exercises live with the output
    // they belong to, so a fresh output directory really grades again.
    b.cache = fs::weakly_canonical(b.options.cache_dir.value_or(b.out / ".cache"));
    b.result_cache = b.out / ".results";
    fs::create_directories(b.cache);
    fs::create_directories(b.result_cache);
    // A run killed while writing left temporary files behind: this run owns `out`; the kit cache
    // may be shared with a run that is still writing.
    remove_stale_temps(b.out, StaleTemps::any_writer);
    remove_stale_temps(b.cache, StaleTemps::of_dead_writers);
}

// Stage 1b: every student's record, with the keys of its exercises (result_cache.hpp).
void key_records(Batch& b, const std::vector<Lateness>& late) {
    b.records.resize(b.subs.size());
    b.keys.resize(b.subs.size());
    for (std::size_t s = 0; s < b.subs.size(); ++s) {
        StudentKey student_key(b.config, b.ctx.sandbox, late[s]);
        for (std::size_t e = 0; e < b.kit.exercises.size(); ++e) {
            const Exercise& ex = b.kit.exercises[e];
            b.keys[s].push_back(exercise_key(b.kit_build->version(), ex, effective_limits(ex, b.config), b.ctx.sandbox,
                                             b.config.share_processes, b.config.sandbox.audit, b.subs[s].exercises[e]));
            student_key.add(b.keys[s].back());
        }
        StudentRecord& rec = b.records[s];
        rec.id = b.subs[s].ref.id;
        rec.name = b.subs[s].name;
        rec.key = student_key.hex();
        rec.sandbox = b.ctx.sandbox.bwrap ? "bwrap" : "rlimits";
        rec.sandbox_note_ko = b.ctx.sandbox.description_ko;
        rec.exercises.resize(b.kit.exercises.size());
        rec.late = late[s];
    }
}

// Stage 1, plan: the directories, the submissions (collected, with lateness), the sandbox and
// the kit build they are graded with, and every student's keyed record.
void plan(Batch& b) {
    const GradeOptions& o = b.options;
    open_dirs(b);
    auto refs = o.explicit_submissions.empty() ? list_submissions(o.submissions) : o.explicit_submissions;
    refs = shard(refs, o.shard_index, o.shard_count);
    if (!o.only.empty()) refs = only_these(refs, o.only, b.out);
    const auto roster = o.roster ? load_roster(*o.roster) : std::map<std::string, std::string>{};
    const LatePolicy late_policy = load_late_policy(b.config);

    b.ctx.config = &b.config;
    b.ctx.kit = &b.kit;
    b.ctx.sandbox = detect_sandbox(b.config.sandbox);
    b.ctx.cache_dir = b.cache;
    b.ctx.jobs = std::max(1, o.jobs);
    b.stats.sandbox = b.ctx.sandbox.description;
    b.kit_build.emplace(b.config, b.kit, b.cache);
    b.stats.kit_version = b.kit_build->version();

    // Collect (unzip runs as a child process, so this is parallel too), then when each was
    // submitted (a git log per checkout): from the submission, never the clock.
    b.subs.resize(refs.size());
    parallel_for(refs.size(), b.ctx.jobs, [&](std::size_t i) { b.subs[i] = collect(refs[i], b.kit, roster); });
    b.stats.submissions = int(b.subs.size());
    std::vector<Lateness> late(b.subs.size());
    parallel_for(b.subs.size(), b.ctx.jobs, [&](std::size_t i) {
        std::string source;
        auto when = submission_time(b.subs[i].ref, o.submission_metadata, source);
        late[i] = assess_lateness(late_policy, b.subs[i].ref.id, when, source);
    });
    key_records(b, late);
}

// Stage 2, reuse: students graded before with the same keys are done (resume); the others'
// exercises become jobs, one per distinct key, and those judged before (or judged by their
// files alone) are delivered now, so students whose exercises are all known finish here.
void reuse(Batch& b) {
    b.done.assign(b.subs.size(), false);
    for (std::size_t s = 0; s < b.subs.size(); ++s) {
        const fs::path grade_file = b.out / "students" / file_safe(b.records[s].id) / "grade.json";
        if (auto old = resume_student(grade_file, b.records[s])) {
            b.records[s] = std::move(*old);
            b.done[s] = true;
            ++b.stats.reused;
            continue;
        }
        for (std::size_t e = 0; e < b.kit.exercises.size(); ++e) {
            const std::string& key = b.keys[s][e];
            auto [it, fresh] = b.jobs.try_emplace(key);
            if (fresh) {
                it->second.key = key;
                it->second.exercise = &b.kit.exercises[e];
                it->second.files = &b.subs[s].exercises[e];
                b.job_order.push_back(key);
            }
            it->second.users.emplace_back(s, e);
        }
    }
    for (const auto& key : b.job_order) {
        const Job& job = b.jobs[key];
        if (!job.files->usable()) b.results[key] = judge_files(*job.exercise, *job.files);
        else if (auto cached = cached_result(b.result_cache, key)) b.results[key] = std::move(*cached), ++b.stats.jobs_cached;
        else b.to_run.push_back(key);
    }
    b.left = std::vector<std::atomic<int>>(b.subs.size());
    for (std::size_t s = 0; s < b.subs.size(); ++s) b.left[s] = b.done[s] ? 0 : int(b.kit.exercises.size());
    b.stats.graded = int(std::count(b.done.begin(), b.done.end(), false));
    b.progress.emplace(b.options.progress, b.stats.graded, int(b.to_run.size()));
    for (const auto& key : b.job_order)
        if (b.results.count(key)) b.deliver(key, b.results[key]);
}

// The scratch directory of stage 3 (ctx.work_root), which the sandbox user must be able to use.
fs::path make_work_dir(Batch& b) {
    const char* tmp = std::getenv("TMPDIR");
    const fs::path work_parent = b.options.work_dir.value_or(fs::path(tmp && *tmp ? tmp : "/tmp"));
    remove_dead_work_dirs(work_parent);
    const fs::path work = work_parent / fmt::format("{}{}-{}", kWorkPrefix, ::getpid(), random_hex(4));
    fs::create_directories(work);
    ::chmod(work.c_str(), 0711);
    b.ctx.work_root = fs::canonical(work);
    b.ctx.hidden_paths = hidden_paths(b.kit, b.options, b.cache, b.ctx.work_root);
    if (b.ctx.sandbox.drop_user) {
        // Compilers and tests run as the unprivileged user: if it cannot read the kit, every
        // student would get a compile error that is the grader's fault. Refuse instead.
        std::vector<fs::path> needed{b.ctx.work_root, helper_program("grader-steps")};
        for (const auto& ex : b.kit.exercises)
            for (const auto& p : b.kit_build->read_only_inputs(ex)) needed.push_back(p);
        for (const auto& p : needed)
            if (!readable_by_others(p))
                throw std::runtime_error(fmt::format(
                    "{} is not readable by the sandbox user {} (a directory on the way lacks o+x or the file "
                    "o+r); put the kit, --cache-dir and --work-dir where everyone may read them",
                    p.string(), b.ctx.sandbox.user));
    }
    return work;
}

// One job of stage 3: build, run and judge one exercise's files; cache, log and deliver it.
void run_job(Batch& b, const std::string& key, const fs::path& job_dir) {
    const Job& job = b.jobs.at(key);
    std::string log;
    ExerciseResult r;
    try {
        r = grade_exercise(b.ctx, *b.kit_build, *job.exercise, *job.files, job_dir, log);
        r.flags = instructor_flags(*job.exercise, *job.files);
        cache_result(b.result_cache, key, r);
    } catch (const std::exception& e) {
        // The grader's own failure: recorded for this exercise only, never cached.
        log += std::string("grader error: ") + e.what() + "\n";
        r = judge_unbuildable(*job.exercise, Verdict::grader_error, "채점 중 오류가 발생했습니다. 담당 조교에게 알려 주세요.", e.what());
    }
    if (!b.options.keep_work) {
        std::error_code ec;
        fs::remove_all(job_dir, ec);
    }
    if (b.options.write_logs)
        for (auto [s, e] : job.users)
            write_file_atomic(b.out / "logs" / file_safe(b.subs[s].ref.id) / (job.exercise->id + ".log"),
                              fmt::format("key {}\n{}", key, log));
    b.progress->job_done();
    std::lock_guard lock(b.deliver_mutex);
    ++b.stats.jobs_run;
    b.deliver(key, r);
}

// Stage 3, run: the jobs not cached, in parallel, with the kit built and the judges serving.
void run(Batch& b) {
    if (!b.to_run.empty()) {
        b.kit_build->ensure(b.ctx.jobs);
        const fs::path work = make_work_dir(b);
        std::atomic<int> counter{0};
        std::counting_semaphore<1024> build_slots(std::min(b.ctx.jobs, 1024));
        std::counting_semaphore<1024> test_slots(std::min(BatchContext::kTestSlotsPerJob * b.ctx.jobs, 1024));
        b.ctx.build_slots = &build_slots;
        b.ctx.test_slots = &test_slots;
        std::optional<JudgeServers> judges;  // ended (and waited for) before the work dir goes
        judges.emplace(b.ctx, b.ctx.work_root);
        b.ctx.judges = &*judges;
        parallel_for(b.to_run.size(), BatchContext::kJobThreadsPerJob * b.ctx.jobs, [&](std::size_t i) {
            run_job(b, b.to_run[i], b.ctx.work_root / fmt::format("job-{:05d}", counter++));
        });
        b.ctx.judges = nullptr;
        b.ctx.build_slots = b.ctx.test_slots = nullptr;
        judges.reset();
        if (!b.options.keep_work) {
            std::error_code ec;
            fs::remove_all(work, ec);
        }
    }
    b.progress->finish();
}

// Stage 4, publish: the class-wide reports. They cover exactly this run's submissions (a shard
// covers its slice); with --only, every record in `out` (the others' are read back unchanged, so
// their files come out identical).
void publish(Batch& b) {
    std::vector<StudentRecord> sorted = b.options.only.empty() ? b.records : load_records({b.out});
    std::sort(sorted.begin(), sorted.end(), [](const StudentRecord& x, const StudentRecord& y) { return x.id < y.id; });
    if (b.options.similarity && b.options.only.empty())
        write_similarity(b.kit, b.subs, b.out, SimilarityOptions{b.options.similarity_threshold});
    write_reports(b.out, sorted, ReportOptions{b.config.hidden_visibility, b.options.roster});
}

}  // namespace

BatchStats grade_batch(const Config& config, const Kit& kit, const GradeOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    Batch batch(config, kit, options);
    plan(batch);
    reuse(batch);
    run(batch);
    publish(batch);
    batch.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return batch.stats;
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
