// The object audit: what a student's compiled file defines and references, checked before it is
// linked into the test process (docs/security.md, "Object audit"). Shared, unchanged, by the
// grader (build stage) and by the kit's `aio_audit` tool that the student's own ctest runs, so
// both reject the same code with the same Korean message. Depends only on the C++ standard
// library, <elf.h> and binutils (objdump, addr2line) — a student pack has no Boost or JSON.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace grader::audit {

namespace fs = std::filesystem;

// What the kit allows one exercise's student files to define.
struct Profile {
    // Every global symbol some kit object (harness, runner/Catch2 main, tests, exercise info)
    // defines: a student definition of the same name could be the one the linker keeps.
    std::set<std::string> kit_defined;
    // What the kit expects from the student: the tests' undefined references plus the strong
    // definitions of the reference objects (stub, solution). Always allowed as definitions.
    std::set<std::string> expected;
    // The functions the kit's own objects (harness, runner) define in aio::: student code may
    // call them, never take their address (which leads to their code and the runtime's data).
    std::set<std::string> kit_functions;
    // The tests' strong undefined references that neither the kit nor a library provides: what
    // the student's files must define (a static link would fail without them).
    std::set<std::string> required;
};

// kit: objects or static archives of the harness and runner; tests: the test objects (defining
// and referencing); references: the exercise's stub / solution objects (may be empty).
Profile make_profile(const std::vector<fs::path>& kit, const std::vector<fs::path>& tests,
                     const std::vector<fs::path>& references);

// The names (demangled) the student's objects leave undefined that the tests need or that their
// own code uses from the exercise's API: a static link's "undefined reference" errors. The test
// programs load the student's code as a library, where these would fail only at load time.
std::vector<std::string> missing_definitions(const std::vector<fs::path>& objects, const Profile& profile);

struct Violation {
    std::string object;     // the object file
    std::string symbol;     // mangled (or the instruction / section)
    std::string shown;      // demangled, for people
    std::string what_ko;    // "정의" / "사용" / ...
    std::string why_ko;     // the rule's reason, Korean
    std::string section;    // where in the object (for addr2line)
    std::uint64_t offset = 0;
    bool has_offset = false;
    std::string location;   // "file.cpp:12" once located, else empty
    // Decidable only with debug info (a library-exported name defined by vague linkage: from a
    // header, or written by the student?): compile again with -g and audit that object.
    bool needs_debug = false;
};

// Audits the student's objects together (one may reference another's definitions).
// student_sources: the students' file names (x.cpp), to tell their code from headers' in the
// line table. Throws std::runtime_error when an object cannot be read (not the student's fault).
std::vector<Violation> audit_objects(const std::vector<fs::path>& objects, const Profile& profile,
                                     const std::vector<std::string>& student_sources);

// Source-level rules the object cannot show: #line / line markers (they would make the line
// table lie about what the student wrote) and #define / #undef of reserved identifiers (they can
// change the library headers included after them). file_name: for the message.
std::vector<Violation> audit_source(const std::string& source, const std::string& file_name);

// Fills Violation::location from the DWARF line table (addr2line) of debug_objects[v.object] — the
// same source compiled again with -g — or of v.object itself when not listed. Prefers a frame in
// one of `student_sources` (file names) when the address is code inlined from a header.
void locate(std::vector<Violation>& violations, const std::map<std::string, fs::path>& debug_objects,
            const std::vector<std::string>& student_sources);

// True when the object carries a DWARF line table (compiled with -g).
bool has_debug_lines(const fs::path& object);

// The audit's line matchers, exact equivalents of the ECMAScript patterns in their comments
// (grader/tests/audit_test.cpp checks them against std::regex). Hand-written because <regex>
// was four fifths of this file's compile time, which a student's first build waits for.
namespace lines {
// ^\s*([0-9a-f]+):\s+(syscall|sysenter|sysret\w*|int\s+\$0x80)\b  (objdump -d, regex_search)
struct SyscallLine {
    std::string offset;       // group 1, hex
    std::string instruction;  // group 2, as printed
};
bool match_syscall(const std::string& line, SyscallLine& out);
// ^(.*):([0-9]+)(?: \(discriminator [0-9]+\))?$  (addr2line, regex_match)
bool match_location(const std::string& line, std::string& file, std::string& number);
// ^\s*#\s*(line\b|[0-9])  (regex_search)
bool is_line_directive(const std::string& line);
// ^\s*#\s*(define|undef)\s+(_[A-Za-z0-9_]*)  (regex_search); directive: group 1, name: group 2
bool match_reserved_macro(const std::string& line, std::string& directive, std::string& name);
}  // namespace lines

// The Korean message: one line per violation (at most max_lines), then what to do.
std::string message_ko(const std::vector<Violation>& violations, std::size_t max_lines = 10);

}  // namespace grader::audit
