#include "build.hpp"
#include "explain.hpp"
#include "source_flags.hpp"

#include <fmt/format.h>

#include <boost/process.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <sstream>
#include <stdexcept>

namespace grader {
namespace bp = boost::process;

namespace {

constexpr const char* kGraderKitFormat = "aio-grader-kit-7";  // 4: replay judge binaries; 5: harness objects named by path;
                                                               // 6: test programs load the student's code as a library;
                                                               // 7: a second PCH built with -g (pch-g/)
// Every compile whose object goes into the student's library (the student's files, the stubs)
// and the PCH they use: position-independent code.
constexpr const char* kLibraryCodeFlag = "-fPIC";
// The student's library names the C++ runtime as needed, so the loader initialises libstdc++
// (iostreams) before the student's static constructors run. The link reads an empty library with
// that soname instead of the real one (a third of the link's time); at run time the name
// matches the libstdc++ the test program has loaded. Its soname has been libstdc++.so.6 since GCC 3.4.
constexpr const char* kCxxRuntimeSoname = "libstdc++.so.6";

std::string compiler_identity(const std::string& cxx) {
    bp::ipstream out;
    std::error_code ec;
    bp::child c(bp::search_path(cxx), "--version", bp::std_out > out, bp::std_err > bp::null, ec);
    if (ec) throw std::runtime_error("cannot run the compiler " + cxx + ": " + ec.message());
    std::string first;
    std::getline(out, first);
    c.wait();
    return first;
}

void hash_tree(Sha256& h, const fs::path& root, const fs::path& path) {
    std::vector<fs::path> files;
    if (fs::is_directory(path)) {
        for (const auto& e : fs::recursive_directory_iterator(path))
            if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(path)) {
        files.push_back(path);
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        h.field(f.lexically_relative(root).generic_string());
        h.field(read_file(f).value_or(""));
    }
}

// Headers next to api.hpp that compile and link may read (tests and sources stay hidden).
std::vector<fs::path> headers_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        auto ext = e.path().extension();
        if (e.is_regular_file() && (ext == ".hpp" || ext == ".h")) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}
std::vector<fs::path> exercise_headers(const Exercise& ex) { return headers_in(ex.dir); }

std::string object_name(const fs::path& src) { return src.stem().string() + ".o"; }
// "harness-<path under harness/src/ or the kit, '/' as '-'>": harness/src/run.cpp and
// harness/src/testing/run.cpp share a stem, and their objects must not overwrite each other.
std::string harness_object_stem(const fs::path& root, const fs::path& src) {
    std::string rel = src.lexically_relative(root).replace_extension().generic_string();
    if (rel.empty() || rel.rfind("..", 0) == 0) rel = src.stem().string();
    if (rel.rfind("harness/src/", 0) == 0) rel.erase(0, 12);
    std::replace(rel.begin(), rel.end(), '/', '-');
    return "harness-" + rel;
}
std::string stub_object_name(const std::string& student_file) { return "stub-" + fs::path(student_file).stem().string() + ".o"; }
const char* program_name(TestSet tests) {
    switch (tests) {
        case TestSet::public_tests: return "public-tests";
        case TestSet::hidden_tests: return "hidden-tests";
        case TestSet::all: return "judge";
    }
    return "judge";
}

}  // namespace

ProcessResult run_trusted_process(const std::vector<std::string>& argv, const fs::path& cwd, const fs::path& log_dir,
                                  const std::string& tag, double wall_seconds) {
    ProcessSpec spec;
    spec.argv = argv;
    spec.cwd = cwd;
    spec.env = clean_env(cwd);
    spec.stdout_path = log_dir / (tag + ".out");
    spec.stderr_path = log_dir / (tag + ".err");
    spec.limits.wall_seconds = wall_seconds;
    spec.limits.cpu_seconds = wall_seconds;
    spec.limits.memory_bytes = 8L << 30;
    spec.limits.file_bytes = 1L << 30;
    spec.limits.processes = 1 << 20;
    spec.limits.open_files = 4096;
    ProcessResult r = run_process(spec, SandboxInfo{});
    r.stdout_text = read_file(spec.stdout_path, 1 << 20).value_or("");
    r.stderr_text = read_file(spec.stderr_path, 1 << 20).value_or("");
    return r;
}

namespace {

// Runs a trusted build step (kit sources) with a time limit but without sandbox.
std::string run_trusted(const std::vector<std::string>& argv, const fs::path& cwd, const fs::path& log_dir,
                        const std::string& tag, double wall_seconds) {
    const ProcessResult r = run_trusted_process(argv, cwd, log_dir, tag, wall_seconds);
    if (r.launched && r.exited && r.exit_code == 0) return "";
    std::string err = r.stderr_text.substr(0, 1 << 16);
    if (!r.launched) return "cannot start " + argv[0] + ": " + r.launch_error;
    if (r.timed_out) return fmt::format("{} timed out after {} s", tag, wall_seconds);
    return err.empty() ? fmt::format("{} failed (exit {}, signal {})", tag, r.exit_code, r.signal) : err;
}

class FileLock {
public:
    explicit FileLock(const fs::path& p) {
        fd_ = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~FileLock() {
        if (fd_ >= 0) ::close(fd_);
    }

private:
    int fd_ = -1;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> clean_env(const fs::path& home) {
    return {{"PATH", "/usr/local/bin:/usr/bin:/bin"}, {"LC_ALL", "C.UTF-8"}, {"LANG", "C.UTF-8"},
            {"HOME", home.string()},                  {"TMPDIR", home.string()}};
}

KitBuild::KitBuild(const Config& config, const Kit& kit, const fs::path& cache_dir) : config_(config), kit_(kit) {
    Sha256 h;
    h.field(kGraderKitFormat).field(config.fingerprint());
    h.field(compiler_identity(config.compile.cxx));
    for (const auto& inc : kit.include_dirs) hash_tree(h, kit.root, inc);
    for (const auto& src : kit.harness_sources) hash_tree(h, kit.root, src);
    hash_tree(h, kit.root, kit.runner_main);
    for (const auto& ex : kit.exercises) {
        h.field(ex.id);
        hash_tree(h, kit.root, ex.dir / "exercise.toml");
        for (const auto& hdr : exercise_headers(ex)) hash_tree(h, kit.root, hdr);
        for (const auto& t : ex.test_sources) {
            hash_tree(h, kit.root, t);
            // The headers beside it (tests/expected.hpp, which the hidden tests include too): an
            // edited expectation must not be graded by a cached build of the old one.
            for (const auto& hdr : headers_in(t.parent_path())) hash_tree(h, kit.root, hdr);
        }
        for (const auto& f : ex.student_files) hash_tree(h, kit.root, ex.dir / f);  // the judge's stub
    }
    for (const auto& inc : kit.include_dirs)
        if (fs::exists(inc / "aio" / "testing" / "exercise.hpp")) exercise_info_ = true;
    version_ = h.hex();
    dir_ = cache_dir / ("kit-" + version_.substr(0, 16));
    cxx_path_ = bp::search_path(config.compile.cxx).string();
    if (cxx_path_.empty()) throw std::runtime_error("compiler not found: " + config.compile.cxx);
    std::string linker = config.compile.linker;
    if (linker == "auto") {
        linker = "";
        for (const char* candidate : {"gold", "lld"})
            if (!bp::search_path(std::string("ld.") + candidate).empty()) {
                linker = candidate;
                break;
            }
    }
    if (!linker.empty() && linker != "default") linker_flags_.push_back("-fuse-ld=" + linker);
}

const audit::Profile& KitBuild::audit_profile(const std::string& id) const {
    static const audit::Profile empty;
    auto it = audit_profiles_.find(id);
    return it == audit_profiles_.end() ? empty : it->second;
}

std::string KitBuild::exercise_error(const std::string& id) const {
    auto it = exercise_errors_.find(id);
    return it == exercise_errors_.end() ? "" : it->second;
}

std::vector<std::string> KitBuild::compile_command(const Exercise& ex, const fs::path& src, const fs::path& obj,
                                                   bool use_pch, DebugInfo debug) const {
    std::vector<std::string> cmd{cxx_path_};
    cmd.insert(cmd.end(), config_.compile.flags.begin(), config_.compile.flags.end());
    cmd.insert(cmd.end(), config_.compile.student_flags.begin(), config_.compile.student_flags.end());
    cmd.push_back(kLibraryCodeFlag);
    cmd.push_back("-pipe");
    if (debug == DebugInfo::lines) cmd.push_back("-g");
    cmd.push_back("-I" + ex.dir.string());
    for (const auto& inc : kit_.include_dirs) cmd.push_back("-I" + inc.string());
    if (use_pch && config_.compile.pch)
        cmd.insert(cmd.end(), {"-include", (dir_ / pch_dir_name(debug) / "aio_pch.hpp").string()});
    cmd.insert(cmd.end(), {"-c", src.string(), "-o", obj.string()});
    return cmd;
}

fs::path KitBuild::test_program(const Exercise& ex, TestSet tests) const { return dir_ / "obj" / ex.id / program_name(tests); }
fs::path KitBuild::judge_binary(const Exercise& ex) const { return test_program(ex, TestSet::all); }

std::vector<fs::path> program_files(const fs::path& binary) {
    std::vector<fs::path> out{binary};
    if (std::error_code ec; fs::exists(binary.parent_path() / kStudentLibrary, ec)) out.push_back(binary.parent_path() / kStudentLibrary);
    return out;
}

std::vector<fs::path> KitBuild::stub_objects(const Exercise& ex) const {
    std::vector<fs::path> out;
    for (const auto& f : ex.student_files) out.push_back(dir_ / "obj" / ex.id / stub_object_name(f));
    return out;
}

std::vector<std::string> KitBuild::program_link_command(const std::vector<fs::path>& objects, const fs::path& binary) const {
    std::vector<std::string> cmd{cxx_path_};
    cmd.insert(cmd.end(), config_.compile.link_flags.begin(), config_.compile.link_flags.end());
    cmd.insert(cmd.end(), linker_flags_.begin(), linker_flags_.end());
    for (const auto& o : objects) cmd.push_back(o.string());
    for (const auto& src : kit_.harness_sources) {
        const std::string stem = harness_object_stem(kit_.root, src);
        if (stem.rfind("harness-testing-", 0) == 0 || stem.rfind("harness-feedback-", 0) == 0) continue;  // Catch2's side
        cmd.push_back((dir_ / "obj" / (stem + ".o")).string());
    }
    cmd.insert(cmd.end(), config_.compile.libs.begin(), config_.compile.libs.end());
    cmd.insert(cmd.end(), {"-o", binary.string()});
    return cmd;
}

// The kit's side of a test program: the runner (Catch2's main), the tests of `tests`, the
// exercise's info and the harness. Objects, not an archive: the harness registers Catch2
// listeners nothing refers to.
std::vector<std::string> KitBuild::kit_objects(const Exercise& ex, TestSet tests) const {
    std::vector<std::string> out{(dir_ / "obj" / "runner.o").string()};
    for (const auto& t : ex.test_sources_in(tests)) out.push_back((dir_ / "obj" / ex.id / object_name(t)).string());
    if (exercise_info_) out.push_back((dir_ / "obj" / ex.id / "exercise_info.o").string());
    for (const auto& src : kit_.harness_sources) out.push_back((dir_ / "obj" / (harness_object_stem(kit_.root, src) + ".o")).string());
    return out;
}

std::vector<std::string> KitBuild::link_command(const Exercise& ex, const std::vector<fs::path>& student_objects,
                                                const fs::path& binary, TestSet tests) const {
    std::vector<std::string> cmd{cxx_path_};
    cmd.insert(cmd.end(), config_.compile.link_flags.begin(), config_.compile.link_flags.end());
    cmd.insert(cmd.end(), linker_flags_.begin(), linker_flags_.end());
    for (auto& o : kit_objects(ex, tests)) cmd.push_back(std::move(o));
    // The student's objects last: for a symbol with vague linkage (inline, template, COMDAT) in
    // both, the linker keeps the first copy, the kit's (the object audit relies on it).
    for (const auto& o : student_objects) cmd.push_back(o.string());
    cmd.insert(cmd.end(), config_.compile.libs.begin(), config_.compile.libs.end());
    cmd.insert(cmd.end(), {"-o", binary.string()});
    return cmd;
}

// A test program: exports its symbols (-rdynamic) so the student's library binds to the kit's
// code, resolves everything at start (-z now: a missing function fails before any test), and
// finds the library in its own directory. The library comes last in the lookup order, after the
// C and C++ runtimes, so no name it defines can take the place of theirs for the kit's calls
// (the object audit forbids such names too). -lm and -lc as files: g++ would move -lm and -lc
// after every other input.
std::vector<std::string> KitBuild::program_command(const Exercise& ex, const fs::path& library, const fs::path& binary,
                                                   TestSet tests) const {
    std::vector<std::string> cmd{cxx_path_};
    cmd.insert(cmd.end(), config_.compile.link_flags.begin(), config_.compile.link_flags.end());
    cmd.insert(cmd.end(), linker_flags_.begin(), linker_flags_.end());
    cmd.insert(cmd.end(), {"-rdynamic", "-Wl,-z,now", "-Wl,-rpath,$ORIGIN"});
    for (auto& o : kit_objects(ex, tests)) cmd.push_back(std::move(o));
    cmd.push_back("-Wl,--no-as-needed");  // every library stays in the lookup order, used or not
    cmd.insert(cmd.end(), config_.compile.libs.begin(), config_.compile.libs.end());
    cmd.insert(cmd.end(), {"-lstdc++", "-l:libm.so.6", "-lgcc_s", "-l:libc.so.6", library.string(), "-o", binary.string()});
    return cmd;
}

// The student's library: only their objects (the test program holds the kit), so the link
// takes a few milliseconds. Unresolved names are the test program's to provide.
std::vector<std::string> KitBuild::library_link_command(const std::vector<fs::path>& student_objects, const fs::path& library) const {
    std::vector<std::string> cmd{cxx_path_};
    cmd.insert(cmd.end(), linker_flags_.begin(), linker_flags_.end());
    cmd.insert(cmd.end(), {"-shared", "-nodefaultlibs", "-Wl,-z,now", std::string("-Wl,-soname,") + kStudentLibrary});
    for (const auto& o : student_objects) cmd.push_back(o.string());
    cmd.insert(cmd.end(), {"-Wl,--no-as-needed", (dir_ / "obj" / "needs" / kCxxRuntimeSoname).string(), "-o", library.string()});
    return cmd;
}

std::vector<fs::path> KitBuild::compile_inputs(const Exercise& ex) const {
    std::vector<fs::path> out = kit_.include_dirs;
    for (const auto& h : exercise_headers(ex)) out.push_back(h);
    if (config_.compile.pch)
        for (const DebugInfo d : {DebugInfo::none, DebugInfo::lines}) out.push_back(dir_ / pch_dir_name(d));
    return out;
}

std::vector<fs::path> KitBuild::link_inputs(const Exercise&) const { return {dir_ / "obj" / "needs"}; }

std::vector<fs::path> KitBuild::read_only_inputs(const Exercise& ex) const {
    std::vector<fs::path> out = compile_inputs(ex);
    for (auto& p : link_inputs(ex)) out.push_back(std::move(p));
    out.push_back(test_program(ex, TestSet::public_tests));  // hard-linked into each job, run there
    if (ex.has_hidden_tests()) out.push_back(test_program(ex, TestSet::hidden_tests));
    return out;
}

void KitBuild::ensure(int jobs) {
    std::lock_guard lock(mutex_);
    if (ready_) return;
    fs::create_directories(dir_.parent_path());
    FileLock file_lock(fs::path(dir_.string() + ".lock"));
    if (fs::exists(dir_ / "ok.json")) {
        json ok = read_json(dir_ / "ok.json");
        for (auto& [id, err] : ok["exercise_errors"].items()) exercise_errors_[id] = err.get<std::string>();
    } else {
        build(jobs);
    }
    // The object audit's view of the kit (a few ms per exercise: symbol tables only).
    std::vector<fs::path> harness{dir_ / "obj" / "runner.o"};
    for (const auto& src : kit_.harness_sources) harness.push_back(dir_ / "obj" / (harness_object_stem(kit_.root, src) + ".o"));
    for (const auto& ex : kit_.exercises) {
        if (exercise_errors_.count(ex.id)) continue;
        std::vector<fs::path> tests, references;
        for (const auto& t : ex.test_sources) tests.push_back(dir_ / "obj" / ex.id / object_name(t));
        if (exercise_info_) tests.push_back(dir_ / "obj" / ex.id / "exercise_info.o");
        for (const auto& f : ex.student_files) references.push_back(dir_ / "obj" / ex.id / stub_object_name(f));
        audit_profiles_[ex.id] = audit::make_profile(harness, tests, references);
    }
    ready_ = true;
}

void KitBuild::build(int jobs) {
    fs::remove_all(dir_);
    const fs::path obj = dir_ / "obj", logs = dir_ / "logs";
    fs::create_directories(obj);
    fs::create_directories(logs);
    struct Step {
        std::vector<std::string> argv;
        std::string tag;
        std::string exercise;  // empty: harness/runner/pch (fatal when failing)
    };
    std::vector<Step> steps;
    const auto base_flags = [&](const fs::path& extra_include) {
        std::vector<std::string> cmd{cxx_path_};
        cmd.insert(cmd.end(), config_.compile.flags.begin(), config_.compile.flags.end());
        cmd.push_back("-pipe");
        if (!extra_include.empty()) cmd.push_back("-I" + extra_include.string());
        for (const auto& inc : kit_.include_dirs) cmd.push_back("-I" + inc.string());
        return cmd;
    };
    for (const auto& src : kit_.harness_sources) {
        auto cmd = base_flags({});
        const std::string name = harness_object_stem(kit_.root, src);
        cmd.insert(cmd.end(), {"-c", src.string(), "-o", (obj / (name + ".o")).string()});
        steps.push_back({cmd, name, ""});
    }
    {
        auto cmd = base_flags({});
        cmd.insert(cmd.end(), {"-c", kit_.runner_main.string(), "-o", (obj / "runner.o").string()});
        steps.push_back({cmd, "runner", ""});
    }
    // Two PCHs: GCC refuses a PCH built without debug info in a -g compile and parses the whole
    // header instead (1.5 s instead of 0.5 s), and a PCH built with -g slows every other compile
    // by a fifth. The -g one serves the audit's second compile (audit_student).
    for (const DebugInfo d : {DebugInfo::none, DebugInfo::lines}) {
        if (!config_.compile.pch) break;
        const fs::path pch = dir_ / pch_dir_name(d);
        fs::create_directories(pch);
        write_file_atomic(pch / "aio_pch.hpp", "// Precompiled once per batch by the grader.\n#include <aio/aio.hpp>\n");
        auto cmd = base_flags({});
        cmd.push_back(kLibraryCodeFlag);
        if (d == DebugInfo::lines) cmd.push_back("-g");
        cmd.insert(cmd.end(), {"-x", "c++-header", (pch / "aio_pch.hpp").string(), "-o", (pch / "aio_pch.hpp.gch").string()});
        steps.push_back({cmd, pch_dir_name(d), ""});
    }
    for (const auto& ex : kit_.exercises) {
        fs::create_directories(obj / ex.id);
        for (const auto& t : ex.test_sources) {
            auto cmd = base_flags(ex.dir);
            cmd.insert(cmd.end(), {"-c", t.string(), "-o", (obj / ex.id / object_name(t)).string()});
            steps.push_back({cmd, ex.id + "-" + t.stem().string(), ex.id});
        }
        if (exercise_info_) {
            // What the kit's CMake generates per exercise: aio::testing::exercise() = {id, limit}.
            const fs::path info = obj / ex.id / "exercise_info.cpp";
            write_file_atomic(info, fmt::format(R"(// Generated by the grader from {0}/exercise.toml.
#include <aio/testing/exercise.hpp>

namespace {{
[[maybe_unused]] const bool registered = [] {{
    aio::testing::exercise() = {{"{0}", {1}}};
    return true;
}}();
}}  // namespace
)", ex.id, fmt::format("{:.17g}", effective_limits(ex, config_).virtual_seconds)));
            auto cmd = base_flags(ex.dir);
            cmd.insert(cmd.end(), {"-c", info.string(), "-o", (obj / ex.id / "exercise_info.o").string()});
            steps.push_back({cmd, ex.id + "-exercise_info", ex.id});
        }
        // The replay judge is the test binary linked with the exercise's stub (no student code).
        for (const auto& f : ex.student_files) {
            auto cmd = base_flags(ex.dir);
            cmd.push_back(kLibraryCodeFlag);
            cmd.insert(cmd.end(), {"-c", (ex.dir / f).string(), "-o", (obj / ex.id / stub_object_name(f)).string()});
            steps.push_back({cmd, ex.id + "-stub-" + fs::path(f).stem().string(), ex.id});
        }
        if (ex.test_sources.empty()) exercise_errors_[ex.id] = "no tests/public_test.cpp or hidden/hidden_test.cpp";
    }
    {
        fs::create_directories(obj / "needs");
        steps.push_back({{cxx_path_, "-shared", "-nostdlib", std::string("-Wl,-soname,") + kCxxRuntimeSoname, "-x", "c++", "/dev/null",
                          "-o", (obj / "needs" / kCxxRuntimeSoname).string()},
                         "needs", ""});
    }
    // The slowest steps (Catch2's runner, the PCHs) first, so parallel workers finish together.
    std::stable_partition(steps.begin(), steps.end(), [](const Step& s) {
        return s.tag == "runner" || s.tag == pch_dir_name(DebugInfo::none) || s.tag == pch_dir_name(DebugInfo::lines);
    });

    std::vector<std::string> errors(steps.size());
    parallel_for(steps.size(), jobs, [&](std::size_t i) {
        errors[i] = run_trusted(steps[i].argv, dir_, logs, steps[i].tag, 900);
    });
    std::string fatal;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (errors[i].empty()) continue;
        if (steps[i].exercise.empty()) fatal += fmt::format("{}:\n{}\n", steps[i].tag, errors[i]);
        else exercise_errors_[steps[i].exercise] += first_diagnostic(errors[i], "", 2000);
    }
    if (!fatal.empty()) throw std::runtime_error("the kit does not build:\n" + fatal);

    std::vector<const Exercise*> linkable;
    for (const auto& ex : kit_.exercises)
        if (!exercise_errors_.count(ex.id)) linkable.push_back(&ex);
    std::vector<std::string> link_errors(linkable.size());
    // Per exercise the stub's library, then a program per visibility linked against it (the
    // judge's is the whole set, run with the stub).
    parallel_for(linkable.size(), jobs, [&](std::size_t i) {
        const Exercise& ex = *linkable[i];
        const fs::path library = obj / ex.id / kStudentLibrary;
        link_errors[i] = run_trusted(library_link_command(stub_objects(ex), library), dir_, logs, ex.id + "-stub-library", 900);
        std::vector<TestSet> sets{TestSet::public_tests, TestSet::all};
        if (ex.has_hidden_tests()) sets.push_back(TestSet::hidden_tests);
        for (const TestSet set : sets) {
            if (!link_errors[i].empty()) break;
            link_errors[i] = run_trusted(program_command(ex, library, test_program(ex, set), set), dir_, logs,
                                         ex.id + "-" + program_name(set), 900);
        }
    });
    for (std::size_t i = 0; i < linkable.size(); ++i)
        if (!link_errors[i].empty()) exercise_errors_[linkable[i]->id] += "test programs: " + first_diagnostic(link_errors[i], "", 2000);

    json ok = {{"version", version_}, {"exercise_errors", exercise_errors_}};
    write_json_atomic(dir_ / "ok.json", ok);
}

std::string first_diagnostic(const std::string& output, const fs::path& strip_dir, std::size_t max_bytes) {
    std::string text = output;
    if (!strip_dir.empty()) {
        text = replace_all(text, strip_dir.string() + "/src/", "");
        text = replace_all(text, strip_dir.string() + "/", "");
    }
    std::vector<std::string> lines;
    for (auto& l : split_lines(text))
        if (!starts_with(l, "$ ") && !starts_with(l, "# ")) lines.push_back(std::move(l));  // logged command and timing
    auto is_error = [](const std::string& l) {
        return contains(l, ": error:") || contains(l, ": fatal error:") || contains(l, "undefined reference to") ||
               contains(l, "multiple definition of") || starts_with(l, "error:");
    };
    auto is_new_diag = [](const std::string& l) {
        return contains(l, ": error:") || contains(l, ": warning:") || contains(l, ": note:") ||
               contains(l, "In function") || contains(l, "In member function") || starts_with(l, "collect2:") ||
               contains(l, "In file included from") || contains(l, "At global scope");
    };
    std::size_t first = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (is_error(lines[i])) {
            first = i;
            break;
        }
    if (first == lines.size()) {
        std::string all;
        for (const auto& l : lines) all += l + "\n";
        return sanitize_text(trim(all), max_bytes);
    }
    std::string out = lines[first];
    for (std::size_t i = first + 1; i < lines.size() && i < first + 6; ++i) {
        if (is_new_diag(lines[i])) break;
        out += "\n" + lines[i];
    }
    // Linker lines carry object paths: keep only the message.
    if (auto pos = out.find(": undefined reference to"); pos != std::string::npos && !contains(out, ": error:"))
        out = "undefined reference to" + out.substr(pos + std::string(": undefined reference to").size());
    return sanitize_text(out, max_bytes);
}

namespace {

// The student's compile error as explain.hpp gives it: the Korean explanation at their line, then
// the first error with paths relative to the submission and the kit.
std::string explain_compile_error(const std::string& output, const fs::path& job_dir, const KitBuild& kit,
                                  const Exercise& ex, const ExerciseFiles& files) {
    explain::Options options;
    // The submission's files, the exercise, the kit (ex.dir is <kit>/exercises/<id>) and its build
    // in the cache (judge_binary is <build>/obj/<id>/judge): no path of the grading host is shown.
    options.roots = {(job_dir / "src").string(), job_dir.string(), ex.dir.string(),
                     ex.dir.parent_path().parent_path().string(),
                     kit.judge_binary(ex).parent_path().parent_path().parent_path().string()};
    for (const auto& f : files.files) options.student_files.push_back(fs::path(f.name).filename().string());
    return sanitize_text(explain::translate(output, options), 4000);
}

// Build steps of one job (its compiles, the library's link, the audit's -g compiles) run in one
// sandbox each time: grader-steps (runner/steps.cpp) runs them one after another and stops at the
// first that fails. Each step that ran gets its log entry, "$ argv", "# tag wall, cpu" and its
// output, as a sandbox of its own would have given it.
class BuildSandbox {
public:
    struct Step {
        std::vector<std::string> argv;
        std::string tag;
    };
    BuildSandbox(const BatchContext& ctx, const fs::path& job_dir) : ctx_(ctx), job_dir_(job_dir), logs_(job_dir / "logs") {}

    // Runs the steps; returns how many succeeded and appends one log entry per step that ran.
    std::size_t run(const std::vector<Step>& steps, std::size_t files_compiled, const std::vector<fs::path>& inputs,
                    std::vector<std::string>& outputs);
    // One step alone (the audit's compiles with -g).
    bool run_one(const std::vector<std::string>& argv, const std::string& tag, std::string& output,
                 const std::vector<fs::path>& inputs) {
        std::vector<std::string> outputs;
        const bool ok = run({{argv, tag}}, 1, inputs, outputs) == 1;
        output = outputs.empty() ? std::string() : outputs.front();
        return ok;
    }
    // The Korean message when the last run's failing step hit a limit, else empty: it replaces
    // the compiler's last words.
    const std::string& over_limit() const { return over_limit_; }

private:
    // Per student file, the configured compile limits; the link (about 10 ms) shares them. CPU
    // is the exact total of the whole tree (g++, cc1plus, as, ld), so a compile bomb costs at
    // most compile.cpu_seconds per file, as with one sandbox per compile.
    ProcessLimits limits_for(std::size_t files_compiled) const {
        ProcessLimits l;
        const double n = double(std::max<std::size_t>(files_compiled, 1));
        l.wall_seconds = ctx_.config->compile.wall_seconds * n;
        l.cpu_seconds = ctx_.config->compile.cpu_seconds * n;
        l.watch = true;
        l.memory_bytes = ctx_.config->compile.memory_mb << 20;
        l.file_bytes = 512L << 20;
        l.processes = 256 + ctx_.other_jobs_processes();
        l.open_files = 1024;  // the linker opens every object and library
        l.filter = FilterKind::compile;
        return l;
    }
    // "TAG EXIT SIGNAL WALL CPU" of each step that ended by itself, in order.
    struct Ended {
        int exit_code = 0, signal = 0;
        double wall = 0, cpu = 0;
    };
    std::vector<Ended> read_status(const fs::path& status_file, const std::vector<Step>& steps) const {
        std::vector<Ended> ended;
        std::istringstream in(read_file(status_file, 1 << 16).value_or(""));
        std::string tag;
        Ended e;
        while (ended.size() < steps.size() && in >> tag >> e.exit_code >> e.signal >> e.wall >> e.cpu && tag == steps[ended.size()].tag)
            ended.push_back(e);
        return ended;
    }

    const BatchContext& ctx_;
    fs::path job_dir_, logs_;
    std::string over_limit_;
};

std::size_t BuildSandbox::run(const std::vector<Step>& steps, std::size_t files_compiled, const std::vector<fs::path>& inputs,
                              std::vector<std::string>& outputs) {
    const ProcessLimits limits = limits_for(files_compiled);
    const fs::path status_file = logs_ / "steps.status";
    ProcessSpec spec;
    spec.argv = {helper_program("grader-steps"), status_file.string()};
    for (const auto& step : steps) {
        spec.argv.insert(spec.argv.end(), {step.tag, (logs_ / (step.tag + ".out")).string(), (logs_ / (step.tag + ".err")).string(),
                                           std::to_string(step.argv.size())});
        spec.argv.insert(spec.argv.end(), step.argv.begin(), step.argv.end());
    }
    spec.cwd = job_dir_;
    spec.env = clean_env(job_dir_);
    for (auto& [k, v] : spec.env)
        if (k == "LC_ALL" || k == "LANG") v = "C";  // plain ASCII quotes in diagnostics: '…' not ‘…’
    spec.stdout_path = logs_ / "steps.out";
    spec.stderr_path = logs_ / "steps.err";
    spec.limits = limits;
    spec.view.hide = ctx_.hidden_paths;
    spec.view.read_only = inputs;
    spec.view.read_only.push_back(spec.argv[0]);
    spec.view.writable = {job_dir_};
    const ProcessResult r = run_process(spec, ctx_.sandbox);
    const std::vector<Ended> ended = read_status(status_file, steps);

    std::size_t succeeded = 0;
    double wall_used = 0, cpu_used = 0;
    over_limit_.clear();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        const bool finished = i < ended.size();
        std::string body = read_file(logs_ / (step.tag + ".err"), 1 << 20).value_or("") +
                           read_file(logs_ / (step.tag + ".out"), 1 << 16).value_or("");
        // The step that was running when the sandbox ended takes the sandbox's outcome.
        const double wall = finished ? ended[i].wall : std::max(0.0, r.wall_seconds - wall_used);
        const double cpu = finished ? ended[i].cpu : std::max(0.0, r.cpu_seconds - cpu_used);
        const int signal = finished ? ended[i].signal : r.signal;
        wall_used += wall;
        cpu_used += cpu;
        if (!r.launched) body = "cannot start the compiler: " + r.launch_error;
        else if (!finished && r.timed_out) body += fmt::format("\nerror: the compiler ran longer than {} s", limits.wall_seconds);
        else if (!finished && r.cpu_exceeded) body += fmt::format("\nerror: the compiler used more than {} s of CPU", limits.cpu_seconds);
        else if (signal) body += fmt::format("\nerror: the compiler was killed by {}", signal_name(signal));
        else if (!finished && r.exited && r.exit_code != 0)
            body += fmt::format("\nerror: the build did not run (exit {}): {}", r.exit_code, read_file(spec.stderr_path, 1 << 12).value_or(""));
        const bool out_of_memory = contains(body, "out of memory allocating") || contains(body, "virtual memory exhausted") ||
                                   contains(body, "std::bad_alloc") || contains(body, "Cannot allocate memory");
        // RLIMIT_CPU (the watcher's backstop) may end cc1plus first: g++ then reports it.
        if ((!finished && (r.cpu_exceeded || r.timed_out)) || signal == SIGXCPU || contains(body, "CPU time limit exceeded"))
            over_limit_ = fmt::format("error: 컴파일이 제한 시간을 넘었습니다 (CPU {}초, 벽시계 {}초). 컴파일러를 이렇게 오래 "
                                      "돌리는 코드(끝없는 템플릿 재귀, 자기 자신을 다시 #include 하기 등)가 있는지 확인하세요.",
                                      limits.cpu_seconds, limits.wall_seconds);
        else if (out_of_memory || signal == SIGXFSZ)
            over_limit_ = fmt::format("error: 컴파일이 메모리 또는 출력 크기 제한을 넘었습니다 (메모리 {} MB). 아주 큰 배열이나 "
                                      "끝없이 커지는 템플릿·#include 가 있는지 확인하세요.",
                                      limits.memory_bytes >> 20);
        // CPU as well as wall time: the compile limit is CPU (a loaded machine stretches the wall).
        outputs.push_back(fmt::format("$ {}\n# {} {:.2f} s, cpu {:.2f} s\n{}", fmt::join(step.argv, " "), step.tag, wall, cpu, body));
        if (!finished || ended[i].exit_code != 0 || ended[i].signal != 0) break;
        ++succeeded;
    }
    return succeeded;
}

// The object audit (audit.hpp) of the compiled student files; true (and outcome = forbidden)
// when it rejects them. Objects without debug info that leave a question open (or that have
// violations, which need lines) are compiled once more with -g, in the same sandbox, and the -g
// objects decide: -g does not change the generated code.
template <class RunStep>
bool audit_student(const KitBuild& kit, const Exercise& ex, const ExerciseFiles& files, const std::vector<fs::path>& objects,
                   const RunStep& run_step, BuildOutcome& outcome) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::string> sources;
    std::vector<audit::Violation> violations;
    for (const auto& f : files.files) {
        const std::string name = fs::path(f.name).filename().string();
        sources.push_back(name);
        for (auto& v : audit::audit_source(f.content, name)) violations.push_back(std::move(v));
    }
    const auto& profile = kit.audit_profile(ex.id);
    auto object_violations = audit::audit_objects(objects, profile, sources);
    std::string note;
    if (!object_violations.empty() && !std::all_of(objects.begin(), objects.end(), [](const fs::path& o) { return audit::has_debug_lines(o); })) {
        std::vector<fs::path> debug;
        for (std::size_t i = 0; i < objects.size(); ++i) {
            const fs::path name = fs::path(files.files[i].name).filename();
            const fs::path o = objects[i].parent_path() / (name.stem().string() + ".g.o");
            const auto cmd = kit.compile_command(ex, objects[i].parent_path().parent_path() / "src" / name, o, true, DebugInfo::lines);
            std::string output;
            if (!run_step(cmd, "compile-g-" + name.stem().string(), output, kit.compile_inputs(ex))) break;
            debug.push_back(o);
        }
        if (debug.size() == objects.size()) {
            object_violations = audit::audit_objects(debug, profile, sources);
            note = " (with -g)";
        }
    }
    for (auto& v : object_violations) violations.push_back(std::move(v));
    audit::locate(violations, {}, sources);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    outcome.log += fmt::format("# audit{} {:.1f} ms: {} violation(s)\n", note, ms, violations.size());
    for (const auto& v : violations) outcome.log += fmt::format("#   {} {} ({}): {}\n", v.what_ko, v.symbol, v.location, v.why_ko);
    if (violations.empty()) return false;
    outcome.status = BuildOutcome::Status::forbidden;
    outcome.first_error = audit::message_ko(violations);
    return true;
}

}  // namespace

std::vector<std::string> instructor_flags(const Exercise& ex, const ExerciseFiles& files) {
    std::vector<std::string> out;
    for (const auto& f : files.files) {
        if (f.problem != FileProblem::none) continue;
        const std::string stub = read_file(ex.dir / fs::path(f.name).filename()).value_or("");
        const std::size_t stub_lines = std::size_t(std::count(stub.begin(), stub.end(), '\n'));
        for (const auto& flag : audit::source_flags(f.content, stub_lines))
            if (std::find(out.begin(), out.end(), flag) == out.end()) out.push_back(flag);
    }
    return out;
}

BuildOutcome build_student(const BatchContext& ctx, const KitBuild& kit, const Exercise& ex, const ExerciseFiles& files,
                           const fs::path& job_dir) {
    BuildOutcome outcome;
    const fs::path src = job_dir / "src", obj = job_dir / "obj", logs = job_dir / "logs";
    fs::create_directories(src);
    fs::create_directories(obj);
    fs::create_directories(logs);
    for (const auto& f : files.files) write_file_atomic(src / fs::path(f.name).filename(), f.content);
    hand_over(job_dir, ctx.sandbox);

    BuildSandbox sandbox(ctx, job_dir);
    const auto run_step = [&](const std::vector<std::string>& argv, const std::string& tag, std::string& output,
                              const std::vector<fs::path>& inputs) { return sandbox.run_one(argv, tag, output, inputs); };

    // Every compile and the library's link in one sandbox. The link runs before the audit
    // looks at the objects: it executes nothing of the student's, and its library is used only
    // if the audit passes.
    std::vector<BuildSandbox::Step> steps;
    std::vector<fs::path> objects;
    for (const auto& f : files.files) {
        const fs::path name = fs::path(f.name).filename();
        objects.push_back(obj / (name.stem().string() + ".o"));
        steps.push_back({kit.compile_command(ex, src / name, objects.back(), true), "compile-" + name.stem().string()});
    }
    steps.push_back({kit.library_link_command(objects, obj / kStudentLibrary), "link"});
    std::vector<fs::path> inputs = kit.compile_inputs(ex);
    for (auto& p : kit.link_inputs(ex)) inputs.push_back(std::move(p));
    std::vector<std::string> outputs;
    const std::size_t succeeded = sandbox.run(steps, files.files.size(), inputs, outputs);
    for (std::size_t i = 0; i < outputs.size() && i < objects.size(); ++i) outcome.log += outputs[i];
    if (succeeded < objects.size()) {
        outcome.status = BuildOutcome::Status::compile_error;
        outcome.first_error = sandbox.over_limit().empty() ? explain_compile_error(outputs.back(), job_dir, kit, ex, files)
                                                           : sandbox.over_limit();
        return outcome;
    }
    if (ctx.config->sandbox.audit && audit_student(kit, ex, files, objects, run_step, outcome)) return outcome;
    // What a static link would report as undefined: the library link leaves it to the loader.
    if (const auto missing = audit::missing_definitions(objects, kit.audit_profile(ex.id)); !missing.empty()) {
        std::string output;
        for (const auto& name : missing) output += fmt::format("{}: undefined reference to `{}'\n", kStudentLibrary, name);
        outcome.log += "# missing definitions\n" + output;
        outcome.status = BuildOutcome::Status::link_error;
        outcome.first_error = first_diagnostic(output, job_dir);
        return outcome;
    }
    outcome.log += outputs.size() > objects.size() ? outputs.back() : std::string("# link did not run\n");
    if (succeeded < steps.size()) {
        outcome.status = BuildOutcome::Status::link_error;
        outcome.first_error = first_diagnostic(outputs.back(), job_dir);
        return outcome;
    }
    // The kit's programs beside the library, one per visibility: a hard link (the same inode,
    // read-only in every sandbox that shows it), a copy across file systems.
    const auto place = [&](TestSet tests, const fs::path& binary) {
        std::error_code ec;
        fs::create_hard_link(kit.test_program(ex, tests), binary, ec);
        if (ec) fs::copy_file(kit.test_program(ex, tests), binary, fs::copy_options::overwrite_existing);
        return binary;
    };
    outcome.public_binary = place(TestSet::public_tests, obj / "public-tests");
    if (ex.has_hidden_tests()) outcome.hidden_binary = place(TestSet::hidden_tests, obj / "hidden-tests");
    return outcome;
}

}  // namespace grader
