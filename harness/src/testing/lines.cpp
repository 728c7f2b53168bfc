#include "aio/testing/lines.hpp"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

#include "aio/testing/hints.hpp"
#include "aio/testing/timeline.hpp"

namespace aio::testing {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

// "[  1.500] text" -> {1.5, "text"}; the text is everything after "] " (possibly empty).
TimedLine parse_line(std::string_view line) {
    const std::string_view body = trim(line);
    const auto close = body.find(']');
    if (body.empty() || body.front() != '[' || close == std::string_view::npos)
        throw std::invalid_argument(fmt::format("traced(): not a \"[seconds] text\" line: {}", line));
    const std::string_view number = trim(body.substr(1, close - 1));
    TimedLine out{};
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), out.at);
    if (ec != std::errc{} || end != number.data() + number.size())
        throw std::invalid_argument(fmt::format("traced(): bad time in: {}", line));
    std::string_view text = body.substr(close + 1);
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    out.text = std::string(text);
    return out;
}

}  // namespace

std::vector<TimedLine> traced(std::string_view text) {
    std::vector<std::string_view> raw;
    for (std::size_t pos = 0; pos <= text.size();) {
        const auto nl = text.find('\n', pos);
        const auto end = nl == std::string_view::npos ? text.size() : nl;
        raw.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    while (!raw.empty() && trim(raw.front()).empty()) raw.erase(raw.begin());
    while (!raw.empty() && trim(raw.back()).empty()) raw.pop_back();
    std::vector<TimedLine> out;
    out.reserve(raw.size());
    for (std::string_view line : raw) out.push_back(parse_line(line));
    return out;
}

LineMatch ends_with(std::string suffix) {
    return [suffix = std::move(suffix)](std::string_view line) {
        return line.size() >= suffix.size() && line.substr(line.size() - suffix.size()) == suffix;
    };
}

LineMatch contains(std::string part) {
    return [part = std::move(part)](std::string_view line) { return line.find(part) != std::string_view::npos; };
}

namespace {
struct Peak {
    std::size_t most = 0;
    const trace::Line* at = nullptr;  // the line that first opened one more than `limit`
};
Peak peak_of(const RunReport& report, const Counted& counted, std::size_t limit) {
    Peak p;
    std::size_t open = 0;
    for (const trace::Line& l : report.trace.lines) {
        if (counted.opens(l.text)) ++open;
        else if (counted.closes(l.text) && open > 0) --open;
        if (open > p.most) p.most = open;
        if (open > limit && !p.at) p.at = &l;
    }
    return p;
}
}  // namespace

std::size_t measure_peak(const RunReport& report, const Counted& counted) {
    return peak_of(report, counted, std::size_t(-1)).most;
}

Verdict peak_count(const RunReport& report, const Counted& counted, std::size_t expected) {
    const std::string title = fmt::format("{}은(는) 한꺼번에 최대 {}개여야 합니다", counted.what, expected);
    const Peak p = peak_of(report, counted, expected);
    if (p.most == expected && report.returned()) return pass(title);
    Failure f(report, title);
    f.expected(fmt::format("같은 순간에 {} {}개까지 (더 많은 순간은 없고, {}개인 순간은 있음)", counted.what, expected, expected));
    if (p.at) f.actual(fmt::format("{}초에 {}개가 넘었습니다 ({} 이후), 최대 {}개", fmt::format("{:.3f}", p.at->time), expected,
                                   quoted(p.at->text), p.most));
    else if (p.most < expected) f.actual(fmt::format("최대 {}개: 한꺼번에 {}개인 순간이 없습니다", p.most, expected));
    // One at a time: name the first one that opened only after another had closed.
    if (p.most == 1 && expected > 1) {
        const aio::trace::Line* closed = nullptr;
        for (const aio::trace::Line& l : report.trace.lines) {
            if (!closed && counted.closes(l.text)) closed = &l;
            else if (closed && counted.opens(l.text)) {
                f.hint(sequential_awaits_hint(fmt::format("{} 줄까지의 앞의 일", quoted(closed->text)),
                                              fmt::format("{} 줄부터의 일", quoted(l.text)), l.time));
                break;
            }
        }
    }
    f.actual_timeline(line_rows(report));
    return f.verdict();
}

}  // namespace aio::testing
