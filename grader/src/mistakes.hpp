// The standard wrong solutions `grader validate` grades against an exercise's hidden tests,
// derived from the reference solution by source rewrites a student could have made (one mutant
// per place, up to a few places per mistake), plus the author's own in solutions/<id>/mistakes/.
//   sequential_awaits   aio::gather(a, b) awaited one after the other; create_task(f()) after f() ran
//   blocking_sleep      co_await aio::sleep(d) -> std::this_thread::sleep_for(d)
//   never_awaited       `co_await f(...);` -> `auto x = f(...);` (the coroutine never runs; the
//                       function stays a coroutine, as in Python)
//   unawaited_task      `co_await t` of a create_task Task -> its default value (nobody waits for t)
//   hardcoded_output    the function main.cpp calls prints the program's own output lines at their
//                       times, in one task, and returns a default value
//   missing_cancel      t.cancel() -> false
// The rewritten files carry a small prelude (namespace validate_mistake, internal linkage) that
// the object audit accepts like any student helper.
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace grader {

struct SourceFile {
    std::string name;  // as in student_files
    std::string text;
};

struct Mistake {
    std::string kind;   // "sequential_awaits", ..., "hand_written"
    std::string where;  // "async_example.cpp:19 aio::gather(...)", or the hand-written file
    std::vector<SourceFile> files;  // every student file: the mutated one(s) and the solution's others
};

struct PrintedLine {
    double time;
    std::string text;
};

struct MistakeInputs {
    std::vector<SourceFile> solution;   // the reference solution's student files
    std::string main_cpp;               // the exercise's program (which function it calls)
    std::vector<PrintedLine> program_output;  // the program's `--virtual --trace` output; empty: unknown
    int max_sites = 3;                  // mutants per kind (0: every place)
    std::filesystem::path hand_written;  // solutions/<id>/mistakes
};

struct MistakeKind {
    std::string kind, label;     // label: English, for the report
    std::vector<Mistake> mutants;
    int sites = 0;               // places found (mutants may be fewer: max_sites)
    std::string not_applicable;  // why there is none (empty when mutants exist)
};

// Every standard kind in the order above, then one entry per hand-written mistake.
std::vector<MistakeKind> derive_mistakes(const MistakeInputs& in);

// "[  1.500] text" lines of `program --virtual --trace` (continuation lines join the previous).
std::vector<PrintedLine> parse_trace_output(const std::string& output);

// The text with comments and string/character literals blanked (same length, newlines kept), so
// searches for code find only code.
std::string mask_code(const std::string& text);

}  // namespace grader
