// Compiler output a student can read: g++'s diagnostics for the common coroutine mistakes, turned
// into "file:line: Korean explanation" at the student's own line, then the first error, trimmed.
// Used by the grader's compile_error message (build.cpp) and, as the aio_explain command
// (explain_main.cpp), by the student's ctest build step (exercises/build_step.cmake). Standalone
// (std only): a student pack ships it in audit/ beside the object audit.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace grader::explain {

struct Options {
    // Absolute directories whose prefix is cut from every path shown (kit root, build dir, the
    // directory of the student's files): paths appear relative to them.
    std::vector<std::string> roots;
    // The student's source files (any path; matched by file name), to find their lines.
    std::vector<std::string> student_files;
    std::size_t max_output_lines = 14;  // of the compiler's own text after the explanation
};

struct Explanation {
    std::string location;  // "counter_input.cpp:15", or "" when no student line was found
    std::string id;        // the pattern: "named_task", "gather_not_awaited", ... or "other"
    std::string text;      // the Korean paragraph
};

// The first error of `output` explained; id "none" when the output holds no error at all.
Explanation explain_first_error(const std::string& output, const Options& options);

// The student-facing message: "location: 컴파일 오류: paragraph", a blank line, then the first
// error's lines of compiler output (paths relative, at most max_output_lines).
std::string translate(const std::string& output, const Options& options);

}  // namespace grader::explain
