#include "aio/testing/verdict.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace aio::testing {

bool Verdict::has_hint(std::string_view id) const {
    return std::find(hint_ids.begin(), hint_ids.end(), id) != hint_ids.end();
}

namespace {

// Display width of one UTF-8 sequence starting at text[i] (Hangul and other wide scripts take two
// terminal columns); sets `len` to its length in bytes.
int display_width(std::string_view text, std::size_t i, std::size_t& len) {
    const unsigned char c = text[i];
    len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len != 3 || i + 2 >= text.size()) return 1;
    const unsigned cp = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                   (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60)
               ? 2
               : 1;
}

// Word-wraps a paragraph to `width` terminal columns; continuation lines start with `indent`.
// Existing line breaks are kept (the deadlock hint lists one task per line).
std::string wrap(std::string_view text, int width, const std::string& indent) {
    std::string out;
    int column = 0;
    bool wrapped = false;  // spaces where we broke the line are dropped; others (indentation) kept
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\n') {
            out += '\n' + indent;
            column = 0;
            wrapped = false;
            ++i;
            continue;
        }
        std::size_t end = i;  // one word, or one run of spaces
        int run_width = 0;
        const bool space = text[i] == ' ';
        while (end < text.size() && text[end] != '\n' && (text[end] == ' ') == space) {
            std::size_t len = 1;
            run_width += display_width(text, end, len);
            end += len;
        }
        if (!space && column > 0 && column + run_width > width) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += '\n' + indent;
            column = 0;
            wrapped = true;
        }
        if (!(space && wrapped)) {
            out.append(text.substr(i, end - i));
            column += run_width;
            wrapped = false;
        }
        i = end;
    }
    return out;
}

constexpr int kHintWidth = 76;

}  // namespace

Verdict pass(std::string title) { return Verdict{true, std::move(title), {}, {}}; }

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
        if (blocking && h.id == "sequential_awaits") continue;  // the blocking sleep is the cause
        if (std::none_of(unique.begin(), unique.end(), [&](const Hint& u) { return u.id == h.id; }))
            unique.push_back(std::move(h));
    }
    // An untouched stub: "not implemented yet" explains every other symptom, so it leads.
    std::stable_partition(unique.begin(), unique.end(), [](const Hint& h) { return h.id == "not_implemented"; });

    Verdict v;
    v.ok = false;
    v.title = title_;
    std::string& m = v.message;
    m = fmt::format("✗ {}\n", title_);
    for (const std::string& e : expected_) m += fmt::format("  기대: {}\n", e);
    for (const std::string& a : actual_) m += fmt::format("  실제: {}\n", a);
    if (report_.ending != Ending::returned)
        m += fmt::format("  실행: {:.3f}초에 비정상 종료 (아래 힌트 참고)\n", report_.elapsed);

    // Both timelines, always, on one scale. An assertion that set no expected timeline gets its
    // `기대:` lines as label rows, so the message keeps its shape.
    const std::vector<Row> actual_rows = actual_rows_ ? *actual_rows_ : run_rows(report_);
    std::vector<Row> expected_rows;
    if (expected_rows_) expected_rows = *expected_rows_;
    else
        for (const std::string& e : expected_) expected_rows.push_back(label_row(e.substr(0, e.find('\n'))));
    if (expected_rows.empty()) expected_rows.push_back(label_row("(위의 설명 참고)"));
    const double horizon = std::max(horizon_of(actual_rows), horizon_of(expected_rows));
    m += "\n  기대한 타임라인 (가상 시간):\n" + render_timeline(expected_rows, horizon);
    m += "\n  실제 타임라인 (가상 시간):\n" + render_timeline(actual_rows, horizon);

    for (const Hint& h : unique) {
        m += "\n" + wrap(fmt::format("  힌트 [{}]: {}", h.title, h.text), kHintWidth, "    ") + "\n";
        v.hint_ids.push_back(h.id);
    }
    return v;
}

}  // namespace aio::testing
