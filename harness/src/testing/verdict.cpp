#include "aio/testing/verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "aio/feedback/render.hpp"

namespace aio::testing {

bool Verdict::has_hint(std::string_view id) const {
    return std::find(hint_ids.begin(), hint_ids.end(), id) != hint_ids.end();
}

namespace {

// The check of the failed AIO_ assertion being reported (check.hpp).
std::optional<Verdict> g_pending;

}  // namespace

Verdict pass(std::string title) {
    Verdict v;
    v.ok = true;
    v.title = std::move(title);
    return v;
}

std::string quoted(std::string_view text) { return fmt::format("\"{}\"", text); }

Failure::Failure(const RunReport& report, std::string title) : report_(report), title_(std::move(title)) {}

Failure& Failure::expected(std::string text) {
    expected_.push_back(std::move(text));
    return *this;
}
Failure& Failure::actual(std::string text) {
    actual_.push_back(std::move(text));
    return *this;
}
Failure& Failure::expected_timeline(std::vector<Row> rows) {
    expected_rows_ = std::move(rows);
    return *this;
}
Failure& Failure::actual_timeline(std::vector<Row> rows) {
    actual_rows_ = std::move(rows);
    return *this;
}
Failure& Failure::hint(Hint h) {
    hints_.push_back(std::move(h));
    return *this;
}

Verdict Failure::verdict() const {
    std::vector<Hint> hints = hints_;
    for (Hint& h : diagnose(report_)) hints.push_back(std::move(h));
    const bool blocking = has_blocking_sleep(report_);
    std::vector<Hint> unique;
    for (Hint& h : hints) {
        if (blocking && h.id == HintId::sequential_awaits) continue;  // the blocking sleep is the cause
        if (std::none_of(unique.begin(), unique.end(), [&](const Hint& u) { return u.id == h.id; }))
            unique.push_back(std::move(h));
    }
    // An untouched stub: "not implemented yet" explains every other symptom, so it leads.
    std::stable_partition(unique.begin(), unique.end(), [](const Hint& h) { return h.id == HintId::not_implemented; });

    Verdict v;

    feedback::Check& c = v.check;
    c.title = title_;
    c.expected = expected_;
    c.actual = actual_;
    if (report_.ending != Ending::returned) c.ending = fmt::format("{:.3f}초에 비정상 종료", report_.elapsed);
    // Both timelines, always, on one scale. An assertion that set no expected timeline gets its
    // `기대:` lines as label rows, so the message keeps its shape.
    c.actual_rows = actual_rows_ ? *actual_rows_ : run_rows(report_);
    if (expected_rows_) c.expected_rows = *expected_rows_;
    else
        for (const std::string& e : expected_) c.expected_rows.push_back(label_row(e.substr(0, e.find('\n'))));
    if (c.expected_rows.empty()) c.expected_rows.push_back(label_row("(위의 설명 참고)"));
    c.hints = std::move(unique);
    for (const Hint& h : c.hints) v.hint_ids.emplace_back(feedback::name(h.id));
    v.ok = false;
    v.title = title_;
    v.message = feedback::render_check(c);
    return v;
}

namespace detail {

void set_pending_check(const Verdict& v) { g_pending = v; }
const feedback::Check* pending_check(std::string_view message) {
    return g_pending && g_pending->message == message ? &g_pending->check : nullptr;
}
void clear_pending_check() { g_pending.reset(); }

}  // namespace detail

}  // namespace aio::testing
