#include "lateness.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <boost/process.hpp>

#include <cctype>
#include <cmath>
#include <stdexcept>

namespace grader {
namespace bp = boost::process;

namespace {

// Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

// A TOML offset date-time (due = 2025-05-01T23:59:00+09:00) or a string.
std::string date_text(const toml::node_view<const toml::node>& node, const std::string& what) {
    if (auto s = node.value<std::string>()) return *s;
    if (const auto* dt = node.as_date_time()) {
        const toml::date_time& v = dt->get();
        if (!v.offset) throw std::runtime_error(what + ": the date needs a time zone offset, e.g. +09:00");
        const int off = v.offset->minutes;
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", v.date.year, v.date.month, v.date.day, v.time.hour,
                           v.time.minute, v.time.second, off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
    }
    throw std::runtime_error(what + ": want a date-time with an offset, e.g. 2025-05-01T23:59:00+09:00");
}

std::int64_t checked_time(const std::string& text, const std::string& what) {
    auto t = parse_iso8601(text);
    if (!t) throw std::runtime_error(fmt::format("{}: \"{}\" is not an ISO 8601 date-time with an offset", what, text));
    return *t;
}

std::string iso_from_epoch(std::int64_t t, int offset_minutes) {
    t += std::int64_t(offset_minutes) * 60;
    std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t secs = t - days * 86400;
    // civil_from_days
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = std::int64_t(yoe) + era * 400 + (m <= 2);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", y, m, d, secs / 3600, secs / 60 % 60, secs % 60,
                       offset_minutes < 0 ? '-' : '+', std::abs(offset_minutes) / 60, std::abs(offset_minutes) % 60);
}

int offset_of(const std::string& iso) {  // minutes east of UTC written in a valid ISO 8601 text
    if (!iso.empty() && (iso.back() == 'Z' || iso.back() == 'z')) return 0;
    const auto pos = iso.find_last_of("+-");
    std::string digits;
    for (char c : iso.substr(pos + 1))
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    const int minutes = std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2));
    return iso[pos] == '-' ? -minutes : minutes;
}

// extensions.csv: a student column (as the roster's) and one of due (a date-time), days, hours.
std::map<std::string, std::string> load_extensions(const fs::path& csv, const std::string& due) {
    auto text = read_file(csv);
    if (!text) throw std::runtime_error("cannot read the extensions file " + csv.string());
    std::string body = starts_with(*text, "\xEF\xBB\xBF") ? text->substr(3) : *text;
    auto lines = split_lines(body);
    if (lines.empty()) return {};
    auto header = parse_csv_line(lines[0]);
    for (auto& h : header)
        for (auto& c : h) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto column = [&](std::initializer_list<const char*> names) {
        for (const char* n : names)
            for (std::size_t i = 0; i < header.size(); ++i)
                if (header[i] == n) return int(i);
        return -1;
    };
    const int key = column({"directory", "student", "submission", "github_username", "login", "identifier", "id"});
    const int until = column({"due"}), days = column({"days"}), hours = column({"hours"});
    if (key < 0 || (until < 0 && days < 0 && hours < 0))
        throw std::runtime_error(csv.string() + ": need a student column (directory, student, login, id) and due, days or hours");
    const std::int64_t base = checked_time(due, "[deadline] due");
    std::map<std::string, std::string> out;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (trim(lines[i]).empty()) continue;
        auto f = parse_csv_line(lines[i]);
        auto field = [&](int c) { return c >= 0 && std::size_t(c) < f.size() ? f[std::size_t(c)] : std::string(); };
        const std::string who = field(key);
        if (who.empty()) continue;
        const std::string where = fmt::format("{} line {}", csv.string(), i + 1);
        if (!field(until).empty()) {
            checked_time(field(until), where);
            out[who] = field(until);
        } else {
            const double d = field(days).empty() ? 0 : std::stod(field(days));
            const double h = field(hours).empty() ? 0 : std::stod(field(hours));
            out[who] = iso_from_epoch(base + std::int64_t(std::llround((d * 24 + h) * 3600)), offset_of(due));
        }
    }
    return out;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
    auto num = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
        if (pos + len > s.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2);
    if (!y || !mo || !d || !h || !mi || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        s[13] != ':' || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *h > 23 || *mi > 59)
        return std::nullopt;
    std::size_t pos = 16;
    int sec = 0;
    if (pos < s.size() && s[pos] == ':') {
        auto v = num(pos + 1, 2);
        if (!v || *v > 60) return std::nullopt;
        sec = *v;
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {  // fractions: dropped
            ++pos;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
        }
    }
    while (pos < s.size() && s[pos] == ' ') ++pos;
    if (pos >= s.size()) return std::nullopt;
    int offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        auto oh = num(pos + 1, 2);
        std::size_t mpos = pos + 3 < s.size() && s[pos + 3] == ':' ? pos + 4 : pos + 3;
        auto om = num(mpos, 2);
        if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
        offset = (*oh * 60 + *om) * (s[pos] == '-' ? -1 : 1);
        pos = mpos + 2;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    return days_from_civil(*y, unsigned(*mo), unsigned(*d)) * 86400 + *h * 3600 + *mi * 60 + sec - std::int64_t(offset) * 60;
}

LatePolicy load_late_policy(const Config& config) {
    LatePolicy p;
    if (!config.file) return p;
    toml::table t = toml::parse_file(config.file->string());  // load_config has parsed it already
    const toml::table* d = t["deadline"].as_table();
    if (!d) return p;
    toml::node_view<const toml::node> view{d};
    p.enabled = true;
    p.due = date_text(view["due"], "[deadline] due");
    p.due_epoch = checked_time(p.due, "[deadline] due");
    const std::string kind = view["policy"].value_or(std::string("none"));
    if (kind == "none") p.kind = LatePolicy::Kind::none;
    else if (kind == "zero") p.kind = LatePolicy::Kind::zero;
    else if (kind == "percent_per_day") p.kind = LatePolicy::Kind::percent_per_day;
    else if (kind == "percent_per_hour") p.kind = LatePolicy::Kind::percent_per_hour;
    else throw std::runtime_error("[deadline] policy must be none, zero, percent_per_day or percent_per_hour");
    p.percent = view["percent"].value_or(0.0);
    p.max_percent = view["max_percent"].value_or(100.0);
    p.grace_minutes = view["grace_minutes"].value_or(0.0);
    if (p.percent < 0 || p.max_percent < 0 || p.max_percent > 100 || p.grace_minutes < 0)
        throw std::runtime_error("[deadline] percent, grace_minutes must be >= 0 and max_percent within 0..100");
    if ((p.kind == LatePolicy::Kind::percent_per_day || p.kind == LatePolicy::Kind::percent_per_hour) && p.percent <= 0)
        throw std::runtime_error("[deadline] policy " + kind + " needs percent > 0");
    if (auto ext = view["extensions"].value<std::string>()) {
        fs::path path(*ext);
        if (path.is_relative()) path = config.config_dir / path;
        p.extensions = load_extensions(path, p.due);
    }
    return p;
}

json to_json(const Lateness& l) {
    return {{"due", l.due},
            {"extension", l.extension},
            {"submitted_at", l.submitted_at},
            {"source", l.source},
            {"late_minutes", l.late_minutes},
            {"in_grace", l.in_grace},
            {"penalty_percent", l.penalty_percent}};
}

Lateness lateness_from_json(const json& j) {
    Lateness l;
    if (!j.is_object()) return l;
    l.configured = true;
    l.due = j.value("due", "");
    l.extension = j.value("extension", false);
    l.submitted_at = j.value("submitted_at", "");
    l.source = j.value("source", "");
    l.late_minutes = j.value("late_minutes", 0L);
    l.in_grace = j.value("in_grace", false);
    l.penalty_percent = j.value("penalty_percent", 0.0);
    return l;
}

std::optional<std::string> submission_time(const SubmissionRef& ref, const std::optional<fs::path>& metadata,
                                           std::string& source) {
    source.clear();
    if (metadata) {
        // Gradescope: {"created_at": "2018-07-01T14:22:32.365935-07:00", ...}
        const json m = read_json(*metadata);
        if (m.contains("created_at") && m["created_at"].is_string()) {
            source = "gradescope";
            return m["created_at"].get<std::string>();
        }
        return std::nullopt;
    }
    // Only a repository of the submission's own: a folder of submissions inside some other
    // repository (this kit's sample class) must not take that repository's last commit.
    if (ref.zip || !fs::exists(ref.path / ".git")) return std::nullopt;
    // A student's .git is untrusted input: no pager, no hooks (log runs none), no system or
    // global configuration; safe.directory because the checkout may belong to another user.
    bp::ipstream out;
    std::error_code ec;
    bp::environment env;
    env["PATH"] = "/usr/bin:/bin";
    env["GIT_CONFIG_NOSYSTEM"] = "1";
    env["GIT_CONFIG_GLOBAL"] = "/dev/null";
    env["HOME"] = "/nonexistent";
    bp::child c(bp::search_path("git"),
                bp::args({"--no-pager", "-c", "safe.directory=*", "-c", "core.fsmonitor=false",
                          "--git-dir=" + (ref.path / ".git").string(), "log", "-1", "--format=%cI"}),
                env, bp::std_out > out, bp::std_err > bp::null, bp::std_in < bp::null, ec);
    if (ec) return std::nullopt;
    std::string line;
    std::getline(out, line);
    c.wait();
    line = trim(line);
    if (c.exit_code() != 0 || !parse_iso8601(line)) return std::nullopt;
    source = "git";
    return line;
}

Lateness assess_lateness(const LatePolicy& policy, const std::string& student_id,
                         const std::optional<std::string>& submitted_at, const std::string& source) {
    Lateness l;
    if (!policy.enabled) return l;
    l.configured = true;
    l.due = policy.due;
    if (auto it = policy.extensions.find(student_id); it != policy.extensions.end()) {
        l.due = it->second;
        l.extension = true;
    }
    const auto submitted = submitted_at ? parse_iso8601(*submitted_at) : std::nullopt;
    if (!submitted) return l;  // unknown: not judged late (lateness_ko says so)
    l.submitted_at = *submitted_at;
    l.source = source;
    const std::int64_t late_seconds = *submitted - *parse_iso8601(l.due);
    if (late_seconds <= 0) return l;
    l.late_minutes = long((late_seconds + 59) / 60);
    if (l.late_minutes <= policy.grace_minutes) {
        l.in_grace = true;
        return l;
    }
    double pct = 0;
    switch (policy.kind) {
        case LatePolicy::Kind::none: break;
        case LatePolicy::Kind::zero: pct = 100; break;
        case LatePolicy::Kind::percent_per_day: pct = policy.percent * double((l.late_minutes + 1439) / 1440); break;
        case LatePolicy::Kind::percent_per_hour: pct = policy.percent * double((l.late_minutes + 59) / 60); break;
    }
    l.penalty_percent = std::min(pct, policy.kind == LatePolicy::Kind::zero ? 100.0 : policy.max_percent);
    return l;
}

int late_score(int raw, const Lateness& l) {
    if (l.penalty_percent <= 0) return raw;
    return int(std::lround(double(raw) * (100.0 - l.penalty_percent) / 100.0));
}

namespace {
std::string minutes_ko(long minutes) {
    std::string out;
    if (minutes >= 1440) out += fmt::format("{}일 ", minutes / 1440);
    if (minutes % 1440 >= 60) out += fmt::format("{}시간 ", minutes % 1440 / 60);
    if (minutes % 60 || out.empty()) out += fmt::format("{}분 ", minutes % 60);
    out.pop_back();
    return out;
}
}  // namespace

std::string lateness_ko(const Lateness& l) {
    if (!l.configured) return "";
    const std::string due = fmt::format("마감 {}{}", l.due, l.extension ? " (연장됨)" : "");
    if (l.submitted_at.empty()) return fmt::format("제출 시각을 알 수 없어 지각 여부를 판정하지 않았습니다 ({}).", due);
    const std::string when = fmt::format("제출 {} ({}), {}", l.submitted_at, l.source == "git" ? "마지막 커밋" : "Gradescope 제출", due);
    if (l.late_minutes == 0) return when + ": 기한 안에 제출했습니다.";
    if (l.in_grace) return fmt::format("{}: {} 늦었지만 유예 시간 안이라 감점하지 않습니다.", when, minutes_ko(l.late_minutes));
    if (l.penalty_percent <= 0) return fmt::format("{}: {} 늦게 제출했습니다 (감점 없음).", when, minutes_ko(l.late_minutes));
    return fmt::format("{}: {} 늦게 제출해 점수에서 {:g}% 감점했습니다.", when, minutes_ko(l.late_minutes), l.penalty_percent);
}

}  // namespace grader
