// The outcome of one assertion. A failed verdict carries the whole student-facing message, laid
// out like check50's feedback: what was checked, what was expected, what happened, the expected
// and actual timelines on one scale, then the named hints.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aio/testing/hints.hpp"
#include "aio/testing/timeline.hpp"

namespace aio::testing {

struct Verdict {
    bool ok = false;
    std::string title;    // Korean: what was checked
    std::string message;  // Korean: the full failure text (empty when ok)
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

}  // namespace aio::testing
