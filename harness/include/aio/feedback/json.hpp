// The feedback model as JSON, for the grader's result channel: the runner main writes failed
// checks with to_json, the grader reads them back with check_from_json. Header-only (needs
// nlohmann-json, which the runner and the grader have and the kit's runtime does not).
// Reading is defensive: the record comes from a process that ran student code, so anything
// malformed is dropped or clipped instead of trusted.
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "aio/feedback/check.hpp"
#include "aio/feedback/verdict.hpp"

namespace aio::feedback {

inline constexpr std::size_t kMaxJsonRows = 200, kMaxJsonLines = 20, kMaxJsonHints = 16, kMaxJsonText = 4000;

// A verdict is its name in JSON; a name this version does not know reads as grader_error.
inline void to_json(nlohmann::json& j, Verdict v) { j = std::string(name(v)); }
inline void from_json(const nlohmann::json& j, Verdict& v) {
    const std::optional<Verdict> known = j.is_string() ? verdict_from_name(j.get<std::string>()) : std::nullopt;
    v = known.value_or(Verdict::grader_error);
}

inline nlohmann::json to_json(const Row& r) {
    static constexpr const char* shapes[] = {"bar", "point", "open", "label"};
    return {{"shape", shapes[int(r.shape)]}, {"start", r.start}, {"end", r.end}, {"label", r.label}};
}

inline nlohmann::json to_json(const Hint& h) { return {{"id", std::string(name(h.id))}, {"args", h.args}}; }

inline nlohmann::json to_json(const Check& c) {
    nlohmann::json expected_rows = nlohmann::json::array(), actual_rows = nlohmann::json::array(),
                   hints = nlohmann::json::array();
    for (const Row& r : c.expected_rows) expected_rows.push_back(to_json(r));
    for (const Row& r : c.actual_rows) actual_rows.push_back(to_json(r));
    for (const Hint& h : c.hints) hints.push_back(to_json(h));
    return {{"title", c.title},     {"expected", c.expected},           {"actual", c.actual},
            {"ending", c.ending},   {"expected_rows", expected_rows},   {"actual_rows", actual_rows},
            {"hints", hints}};
}

namespace json_detail {

inline std::string text(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return {};
    std::string s = it->get<std::string>();
    if (s.size() > kMaxJsonText) s.resize(kMaxJsonText);
    return s;
}

inline std::vector<std::string> texts(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it) {
        if (out.size() == kMaxJsonLines) break;
        if (v.is_string()) out.push_back(v.get<std::string>().substr(0, kMaxJsonText));
    }
    return out;
}

inline double number(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

inline std::vector<Row> rows(const nlohmann::json& j, const char* key) {
    std::vector<Row> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& r : *it) {
        if (out.size() == kMaxJsonRows || !r.is_object()) break;
        const std::string shape = text(r, "shape");
        Row row;
        row.shape = shape == "point"  ? Row::Shape::point
                    : shape == "open" ? Row::Shape::open
                    : shape == "bar"  ? Row::Shape::bar
                                      : Row::Shape::label_only;
        row.start = number(r, "start");
        row.end = number(r, "end");
        row.label = text(r, "label");
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace json_detail

// nullopt when `j` is not a check.
inline std::optional<Check> check_from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("title")) return std::nullopt;
    Check c;
    c.title = json_detail::text(j, "title");
    c.expected = json_detail::texts(j, "expected");
    c.actual = json_detail::texts(j, "actual");
    c.ending = json_detail::text(j, "ending");
    c.expected_rows = json_detail::rows(j, "expected_rows");
    c.actual_rows = json_detail::rows(j, "actual_rows");
    if (const auto it = j.find("hints"); it != j.end() && it->is_array())
        for (const auto& h : *it) {
            if (c.hints.size() == kMaxJsonHints || !h.is_object()) break;
            const std::optional<HintId> id = hint_from_name(json_detail::text(h, "id"));
            if (id) c.hints.push_back({*id, json_detail::texts(h, "args")});
        }
    return c;
}

}  // namespace aio::feedback
