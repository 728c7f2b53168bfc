// The outcome of one assertion. A failed verdict carries the failed check as data (what was
// checked, expected, actual, both timelines, the hints: aio/feedback/check.hpp), which the Korean
// reporter and the grader render; `message` is that check rendered in full, with every hint.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aio/feedback/check.hpp"
#include "aio/testing/hints.hpp"
#include "aio/testing/timeline.hpp"

namespace aio::testing {

struct Verdict {
    bool ok = false;
    std::string title;    // Korean: what was checked
    feedback::Check check;  // the failure as data (empty when ok)
    std::string message;  // Korean: render_check(check) (empty when ok)
    std::vector<std::string> hint_ids;

    bool has_hint(std::string_view id) const;
};

Verdict pass(std::string title);

// Builds a failed verdict. Hints from diagnose(report) are added automatically, after the ones
// the assertion adds, without duplicates; `sequential_awaits` is dropped when a blocking sleep
// explains the same symptom better.
class Failure {
public:
    Failure(const RunReport& report, std::string title);
    Failure& expected(std::string text);
    Failure& actual(std::string text);
    Failure& expected_timeline(std::vector<Row> rows);
    Failure& actual_timeline(std::vector<Row> rows);
    Failure& hint(Hint h);
    Verdict verdict() const;

private:
    const RunReport& report_;
    std::string title_;
    std::vector<std::string> expected_, actual_;
    std::optional<std::vector<Row>> expected_rows_, actual_rows_;
    std::vector<Hint> hints_;
};

// A line of text for messages: "\"text\"" (quoted, so spaces and empty strings stay visible).
std::string quoted(std::string_view text);

// The failed check of the AIO_CHECK/AIO_REQUIRE being reported, for the reporter and the
// grader's listener (Catch2 passes them only the message text): set right before Catch2 is told
// of the failure, valid until the next failed AIO_ assertion or the next test case.
namespace detail {
void set_pending_check(const Verdict& v);
// The pending check when `message` is its verdict's message (the assertion Catch2 reports), else nullptr.
const feedback::Check* pending_check(std::string_view message);
void clear_pending_check();
}  // namespace detail

}  // namespace aio::testing
