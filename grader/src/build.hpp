// Stage 2, build. Once per batch (and cached across batches by the kit version) the harness, our
// Catch2 runner main, a precompiled <aio/aio.hpp> and every exercise's public and hidden tests are
// compiled and linked into one test program per visibility (public, hidden, all for the judge),
// each loading the student's code as `libstudent.so` from its own directory ($ORIGIN). Per
// submission only the student's files are compiled (-fPIC) and linked into that small library;
// the test programs are hard-linked beside it (docs/grader.md, "Build").
#pragma once
#include <map>
#include <mutex>
#include <semaphore>
#include <string>
#include <vector>

#include "audit.hpp"
#include "collect.hpp"
#include "config.hpp"
#include "run.hpp"

namespace grader {

class JudgeServers;

// Everything one grading run shares.
struct BatchContext {
    const Config* config = nullptr;
    const Kit* kit = nullptr;
    SandboxInfo sandbox;
    fs::path cache_dir;                 // kit builds and the per-exercise result cache
    fs::path work_root;                 // per-job scratch, removed after each job
    std::vector<fs::path> hidden_paths; // never visible to student code (bwrap)
    int jobs = 1;
    // Compiling and linking take a CPU each: at most `jobs` at once. Jobs run on
    // kJobThreadsPerJob times as many threads, so tests that wait out a limit (using no CPU) do
    // not idle a core.
    static constexpr int kJobThreadsPerJob = 3;
    static constexpr int kTestSlotsPerJob = 2;
    std::counting_semaphore<1024>* build_slots = nullptr;
    // Test processes: at most kTestSlotsPerJob times `jobs` at once, beside the builds. A job runs its public and
    // hidden processes, and its lone runs after a limit, on threads of their own (run_test_cases),
    // each holding a slot: near the end of a batch, a job whose tests each wait out a limit no
    // longer runs them one after another on an idle machine, and tests that stall never keep a
    // build from a core.
    std::counting_semaphore<1024>* test_slots = nullptr;
    // The replay judges (judge_server.hpp); null: each judge runs as a process of its own.
    JudgeServers* judges = nullptr;

    // RLIMIT_NPROC counts every process of the sandbox user, so a sandbox's allowance leaves room
    // for what the batch's other jobs start meanwhile: a compiler is 4 processes, a test 3, a
    // judge's fork 1 (`jobs` builds, kTestSlotsPerJob * jobs tests, a judge fork per job thread:
    // 13 per job), and one more per job to spare.
    long other_jobs_processes() const { return (4L + 3L * kTestSlotsPerJob + kJobThreadsPerJob + 1) * jobs; }
};

// Holds one of a batch's slots (above) for its lifetime; a null semaphore: no limit.
class SlotHeld {
public:
    explicit SlotHeld(std::counting_semaphore<1024>* slots) : slots_(slots) {
        if (slots_) slots_->acquire();
    }
    ~SlotHeld() {
        if (slots_) slots_->release();
    }
    SlotHeld(const SlotHeld&) = delete;
    SlotHeld& operator=(const SlotHeld&) = delete;

private:
    std::counting_semaphore<1024>* slots_;
};

// Whether a compile of student code emits debug information (and so which PCH it can use).
enum class DebugInfo { none, lines };
// The kit's PCH directory for compiles of that kind.
constexpr const char* pch_dir_name(DebugInfo d) { return d == DebugInfo::lines ? "pch-g" : "pch"; }

class KitBuild {
public:
    KitBuild(const Config& config, const Kit& kit, const fs::path& cache_dir);
    const std::string& version() const { return version_; }
    // Builds what is missing (thread-safe, also across processes sharing the cache).
    // Throws when the harness or the runner does not compile: then nothing can be graded.
    void ensure(int jobs);
    bool ready() const { return ready_; }
    fs::path dir() const { return dir_; }
    // Empty when the exercise's tests compiled; else why not (English).
    std::string exercise_error(const std::string& id) const;
    // What the object audit allows the exercise's student files (built by ensure()).
    const audit::Profile& audit_profile(const std::string& id) const;

    // debug = lines: with -g and the PCH built with -g (the audit's second compile, for lines).
    std::vector<std::string> compile_command(const Exercise& ex, const fs::path& src, const fs::path& obj, bool use_pch,
                                             DebugInfo debug = DebugInfo::none) const;
    // The tests of `tests` and the kit statically linked with the given objects (grader validate).
    std::vector<std::string> link_command(const Exercise& ex, const std::vector<fs::path>& student_objects,
                                          const fs::path& binary, TestSet tests) const;
    // The student's objects as the library the test programs load (kStudentLibrary).
    std::vector<std::string> library_link_command(const std::vector<fs::path>& student_objects, const fs::path& library) const;
    // The kit's test program for `tests`, built once per batch against the stub's library.
    fs::path test_program(const Exercise& ex, TestSet tests) const;
    // What the sandbox shows each step, read-only. The compile of student source sees the
    // include dirs, the exercise's headers and the PCH, never the kit's test objects or
    // sources (an `#include` or `.incbin` of them would put hidden tests into the binary); the
    // link, which runs no student code, sees the objects it links.
    std::vector<fs::path> compile_inputs(const Exercise& ex) const;
    std::vector<fs::path> link_inputs(const Exercise& ex) const;
    std::vector<fs::path> read_only_inputs(const Exercise& ex) const;  // both (readability checks)
    // The exercise's tests with its stub's library beside them: the replay judge.
    fs::path judge_binary(const Exercise& ex) const;
    // The stub's objects (what the judge links in place of the student's).
    std::vector<fs::path> stub_objects(const Exercise& ex) const;
    // The exercise's program (main.cpp's object and the student's) linked against the runtime
    // alone (the harness without testing/ and feedback/), as the kit's <id>_program is.
    std::vector<std::string> program_link_command(const std::vector<fs::path>& objects, const fs::path& binary) const;

private:
    void build(int jobs);
    std::vector<std::string> kit_objects(const Exercise& ex, TestSet tests) const;
    std::vector<std::string> program_command(const Exercise& ex, const fs::path& library, const fs::path& binary, TestSet tests) const;
    const Config& config_;
    const Kit& kit_;
    std::string version_;
    fs::path dir_;
    std::string cxx_path_;
    std::vector<std::string> linker_flags_;
    std::map<std::string, std::string> exercise_errors_;
    std::map<std::string, audit::Profile> audit_profiles_;
    bool ready_ = false;
    bool exercise_info_ = false;  // the kit's helpers want aio::testing::exercise() filled in
    std::mutex mutex_;
};

struct BuildOutcome {
    // forbidden: the object audit rejected the student's code (first_error: its Korean message).
    enum class Status { ok, compile_error, link_error, grader_error, forbidden } status = Status::ok;
    std::string first_error;  // trimmed compiler/linker message (English, paths relative)
    std::string log;          // full output for the logs
    fs::path public_binary;  // the public tests' program, beside the student's library
    fs::path hidden_binary;  // ... the hidden tests' (empty when the exercise has none)
    const fs::path& binary_for(const TestSpec& test) const { return test.hidden ? hidden_binary : public_binary; }
};

// A trusted step (kit sources, an author's build): limits against runaways, no sandbox; the
// output goes to LOG_DIR/TAG.out and .err and, up to 1 MiB each, into the result's texts.
ProcessResult run_trusted_process(const std::vector<std::string>& argv, const fs::path& cwd, const fs::path& log_dir,
                                  const std::string& tag, double wall_seconds);

BuildOutcome build_student(const BatchContext& ctx, const KitBuild& kit, const Exercise& ex, const ExerciseFiles& files,
                           const fs::path& job_dir);

// The student's code in a test program's directory; the programs find it through RUNPATH $ORIGIN.
inline constexpr const char* kStudentLibrary = "libstudent.so";
// What a sandbox must show to run `binary`: the program and the library beside it, if any.
std::vector<fs::path> program_files(const fs::path& binary);

// The first error of a GCC/ld diagnostic output: its line and a few lines of context, with the
// build directory removed from paths.
std::string first_diagnostic(const std::string& output, const fs::path& strip_dir, std::size_t max_bytes = 800);

// Legal constructs worth an instructor's look (gradebook `flags`), from the student's sources.
std::vector<std::string> instructor_flags(const Exercise& ex, const ExerciseFiles& files);

// Environment for compilers and tests: nothing from the grader's own environment.
std::vector<std::pair<std::string, std::string>> clean_env(const fs::path& home);

}  // namespace grader
