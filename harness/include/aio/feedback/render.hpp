// Text rendering of failed checks, shared by the student's test binaries and the grader.
//
// brief (the default): a failing test shows its first failed check - what, expected, actual,
// both timelines (for the first failing test of an output only: fix that one first) - and the
// most relevant hint not shown earlier in the same output, then one line per further failed check. full (AIO_FEEDBACK=full): every check with every hint. Either
// way a hint's paragraph appears once per output; later mentions name it in one line.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "aio/feedback/check.hpp"
#include "aio/feedback/verdict.hpp"

namespace aio::feedback {

enum class Detail { brief, full };

// AIO_FEEDBACK=full (or all) -> full; anything else -> brief.
Detail detail_from_env();

// What an output has already shown, so later tests refer back instead of repeating.
struct Shown {
    std::set<HintId> hints;
    std::set<Verdict> helps;  // verdict help texts (grader verdicts: timeout, crash, ...)
    bool timelines = false;  // a brief output draws the timelines of its first failing test only
};

// The latest time any row reaches.
double horizon_of(const std::vector<Row>& rows);
// The timeline of `rows` drawn up to `horizon` seconds (use the same horizon for timelines that
// are meant to be compared); every line starts with `indent` spaces.
std::string render_timeline(const std::vector<Row>& rows, double horizon, int indent = 4);

// One check with all of its hints (the assertion's own message; tests of the tests read it).
std::string render_check(const Check& check);
// The checks of one failed test, indented by `indent`; empty string for no checks.
std::string render_test(const std::vector<Check>& checks, Detail detail, Shown& shown, int indent = 2);
// A hint paragraph: "힌트 [title]: text", word-wrapped.
std::string render_hint(const Hint& hint, int indent = 2);
// The verdict's help paragraph ("힌트: ..."), the first time an output shows it; empty afterwards
// and for verdicts without help.
std::string render_help(Verdict verdict, Shown& shown, int indent = 2);

// Word-wraps `text` to `width` terminal columns (Hangul counts two); continuation lines start
// with `indent`. Existing line breaks are kept.
std::string wrap(std::string_view text, int width, const std::string& indent);

}  // namespace aio::feedback
