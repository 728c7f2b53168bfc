#include "mistakes.hpp"

#include "util.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <tuple>

namespace grader {
namespace fs = std::filesystem;

namespace {

// What every rewritten file gets after its last #include: the helpers a student would have
// written by hand to make the mistake compile. Internal linkage, outside aio:: and std::, so the
// object audit treats them as the student's own helpers.
constexpr const char* kPrelude = R"(#include <chrono>
#include <optional>
#include <thread>
#include <tuple>
#include <type_traits>
#include <vector>
// ---- inserted by `grader validate`: helpers for a standard mistake (docs/adding-an-exercise.md) ----
namespace {
namespace validate_mistake {
template <class T> using result_t = std::conditional_t<std::is_void_v<T>, aio::none, T>;
template <class X> struct value_of;
template <class T> struct value_of<aio::task<T>> { using type = T; };
template <class T> struct value_of<aio::Task<T>> { using type = T; };
template <class X> using value_t = result_t<typename value_of<std::remove_cvref_t<X>>::type>;

template <class T> aio::task<result_t<T>> await_value(aio::task<T>& t) {
    if constexpr (std::is_void_v<T>) { co_await std::move(t); co_return aio::none{}; }
    else co_return co_await std::move(t);
}
template <class T> aio::task<result_t<T>> await_value(aio::Task<T>& t) {
    if constexpr (std::is_void_v<T>) { co_await t; co_return aio::none{}; }
    else co_return co_await t;
}
template <class X> aio::task<aio::Outcome<value_t<X>>> await_outcome(X& x) {
    try {
        co_return aio::Outcome<value_t<X>>(co_await await_value(x));
    } catch (...) {
        co_return aio::Outcome<value_t<X>>(std::current_exception());
    }
}
template <bool Outcomes, std::size_t I, class Got, class Args> aio::task<void> fill(Got& got, Args& args) {
    if constexpr (I < std::tuple_size_v<Args>) {
        if constexpr (Outcomes) std::get<I>(got).emplace(co_await await_outcome(std::get<I>(args)));
        else std::get<I>(got).emplace(co_await await_value(std::get<I>(args)));
        co_await fill<Outcomes, I + 1>(got, args);
    }
    co_return;
}
template <bool Outcomes, class... R, class... X> aio::task<std::tuple<R...>> in_turn_of(X... xs) {
    std::tuple<X...> args(std::move(xs)...);
    std::tuple<std::optional<R>...> got;
    co_await fill<Outcomes, 0>(got, args);
    co_return std::apply([](auto&... g) { return std::tuple<R...>(std::move(*g)...); }, got);
}
// gather(a(), b()) as `co_await a(); co_await b();`: each starts when the one before it is done.
template <class... X> aio::task<std::tuple<value_t<X>...>> in_turn(X... xs) {
    return in_turn_of<false, value_t<X>...>(std::move(xs)...);
}
template <class... X> aio::task<std::tuple<aio::Outcome<value_t<X>>...>> in_turn_outcomes(X... xs) {
    return in_turn_of<true, aio::Outcome<value_t<X>>...>(std::move(xs)...);
}
template <class X> aio::task<std::vector<value_t<X>>> in_turn(std::vector<X> xs) {
    std::vector<value_t<X>> out;
    for (auto& x : xs) out.push_back(co_await await_value(x));
    co_return out;
}
template <class X> aio::task<std::vector<aio::Outcome<value_t<X>>>> in_turn_outcomes(std::vector<X> xs) {
    std::vector<aio::Outcome<value_t<X>>> out;
    for (auto& x : xs) out.push_back(co_await await_outcome(x));
    co_return out;
}
// create_task(f()) written after `co_await f()`: the work is done before the task exists.
template <class T> aio::task<T> ready([[maybe_unused]] result_t<T> v) {
    if constexpr (std::is_void_v<T>) co_return;
    else co_return std::move(v);
}
template <class T> aio::task<aio::task<T>> run_first(aio::task<T> t) {
    result_t<T> v = co_await await_value(t);
    co_return ready<T>(std::move(v));
}
// time.sleep instead of asyncio.sleep.
inline void blocking_sleep(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }
template <class Rep, class Period> void blocking_sleep(std::chrono::duration<Rep, Period> d) { std::this_thread::sleep_for(d); }
template <class R> R blocking_sleep(double seconds, R result) { blocking_sleep(seconds); return result; }
// `co_await blocked(d)` runs inline in the awaiting task (a lazy task: no loop iteration), so the
// function stays a coroutine, as an `async def` calling time.sleep does.
template <class... A> aio::task<void> blocked(A... args) {
    blocking_sleep(args...);
    co_return;
}
template <class R> aio::task<R> blocked(double seconds, R result) { co_return blocking_sleep(seconds, std::move(result)); }
// Awaiting this does nothing: it keeps a function whose one co_await was dropped a coroutine.
inline aio::task<void> no_wait() { co_return; }
// A task nobody waits for: its value is never taken.
template <class T> result_t<T> unawaited(const aio::Task<T>&) { return result_t<T>{}; }
}  // namespace validate_mistake
}  // namespace
// ---- end of inserted helpers ----
)";

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::size_t line_of(const std::string& text, std::size_t pos) {
    return 1 + std::size_t(std::count(text.begin(), text.begin() + long(std::min(pos, text.size())), '\n'));
}

// The index of the bracket closing the one at `open` ((, {, [), or npos.
std::size_t match_bracket(const std::string& m, std::size_t open) {
    const char o = m[open], c = o == '(' ? ')' : o == '{' ? '}' : ']';
    int depth = 0;
    for (std::size_t i = open; i < m.size(); ++i) {
        if (m[i] == o) ++depth;
        else if (m[i] == c && --depth == 0) return i;
    }
    return std::string::npos;
}

// Where the first top-level argument of the call whose '(' is at `open` ends.
std::size_t first_argument_end(const std::string& m, std::size_t open, std::size_t close) {
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const char ch = m[i];
        if (ch == '(' || ch == '{' || ch == '[' || ch == '<') ++depth;  // '<': template arguments (a guess)
        else if (ch == ')' || ch == '}' || ch == ']' || ch == '>') --depth;
        else if (ch == ',' && depth <= 0) return i;
    }
    return close;
}

std::string one_line(std::string s, std::size_t max = 60) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    s = std::regex_replace(trim(s), std::regex(" {2,}"), " ");
    return clip_line(s, max);
}

// The file with the prelude after its last #include line.
std::string with_prelude(const std::string& text) {
    std::size_t insert = 0, pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        const std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (trim(line).rfind("#include", 0) == 0) insert = end == std::string::npos ? text.size() : end + 1;
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    std::string out = text.substr(0, insert);
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out + kPrelude + text.substr(insert);
}

struct Edit {
    std::size_t begin, end;  // replaced range of the original text
    std::string with;
};

// One place a mistake can be made in one file: the edits that make it, and what to call it.
struct Site {
    std::size_t file = 0;
    std::size_t pos = 0;
    std::string what;
    std::vector<Edit> edits;
    int rank = 0;  // lower first (e.g. a call of the student's own coroutine before a sleep)
};

std::string apply(const std::string& text, std::vector<Edit> edits) {
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
    std::string out = text;
    for (const auto& e : edits) out.replace(e.begin, e.end - e.begin, e.with);
    return with_prelude(out);
}

using SiteFinder = std::function<void(std::size_t file, const std::string& text, const std::string& masked, std::vector<Site>&)>;

void each_match(const std::string& masked, const std::regex& re, const std::function<void(const std::smatch&, std::size_t)>& f) {
    for (std::sregex_iterator it(masked.begin(), masked.end(), re), end; it != end; ++it) f(*it, std::size_t(it->position(0)));
}

// gather(tasks) or gather(std::move(tasks)) of a std::vector<aio::Task<...>>: the tasks run
// already (create_task started them), so awaiting them in turn is the same program, not the
// sequential mistake, and a rewrite would only report a test gap that is none.
bool gathers_running_tasks(const std::string& masked, const std::string& argument) {
    static const std::regex name_re(R"(^\s*(?:std::move\s*\(\s*)?([A-Za-z_]\w*)\s*\)?\s*$)");
    std::smatch name;
    if (!std::regex_match(argument, name, name_re)) return false;
    const std::regex declared("std::vector\\s*<\\s*aio::Task\\s*<[^;]*>\\s*>\\s*" + name[1].str() + "\\b");
    return std::regex_search(masked, declared);
}

void find_sequential(std::size_t file, const std::string& text, const std::string& m, std::vector<Site>& out) {
    static const std::regex gather(R"(\baio::(gather|gather_outcomes)\s*\()");
    each_match(m, gather, [&](const std::smatch& g, std::size_t pos) {
        const std::size_t open = pos + g.length(0) - 1, close = match_bracket(m, open);
        if (close == std::string::npos) return;
        if (gathers_running_tasks(m, m.substr(open + 1, close - open - 1))) return;
        const std::string helper = g[1] == "gather" ? "validate_mistake::in_turn" : "validate_mistake::in_turn_outcomes";
        out.push_back({file, pos, one_line(text.substr(pos, close + 1 - pos)) + " awaited one by one",
                       {{pos, pos + std::size_t(g.length(1)) + 5, helper}}});
    });
    static const std::regex create(R"(\baio::create_task\s*\()");
    each_match(m, create, [&](const std::smatch& c, std::size_t pos) {
        const std::size_t open = pos + c.length(0) - 1, close = match_bracket(m, open);
        if (close == std::string::npos) return;
        const std::size_t arg_end = first_argument_end(m, open, close);
        const std::string arg = text.substr(open + 1, arg_end - open - 1);
        out.push_back({file, pos, fmt::format("co_await {} before create_task", one_line(arg, 40)),
                       {{open + 1, arg_end, "co_await validate_mistake::run_first(" + arg + ")"}}});
    });
}

void find_blocking(std::size_t file, const std::string& text, const std::string& m, std::vector<Site>& out) {
    static const std::regex sleep(R"(\bco_await\s+aio::sleep\s*\()");
    each_match(m, sleep, [&](const std::smatch& s, std::size_t pos) {
        const std::size_t open = pos + s.length(0) - 1, close = match_bracket(m, open);
        if (close == std::string::npos) return;
        out.push_back({file, pos, one_line(text.substr(pos, close + 1 - pos)) + " -> std::this_thread::sleep_for",
                       {{pos, open, "co_await validate_mistake::blocked"}}});
    });
}

// `co_await EXPR;` as a whole statement (after ; { } or else), EXPR not a bare name (that is a Task).
void find_never_awaited(std::size_t file, const std::string& text, const std::string& m, std::vector<Site>& out) {
    static const std::regex co_await_re(R"(\bco_await\b)");
    static const std::regex bare_name(R"(^(std::move\s*\(\s*)?[A-Za-z_]\w*(\s*\))?$)");
    each_match(m, co_await_re, [&](const std::smatch& c, std::size_t pos) {
        std::size_t before = pos;
        while (before > 0 && std::isspace(static_cast<unsigned char>(m[before - 1]))) --before;
        const bool after_else = before >= 4 && m.compare(before - 4, 4, "else") == 0 && (before == 4 || !ident_char(m[before - 5]));
        if (!(before == 0 || m[before - 1] == ';' || m[before - 1] == '{' || m[before - 1] == '}' || after_else)) return;
        std::size_t end = pos + std::size_t(c.length(0));
        for (int depth = 0; end < m.size(); ++end) {
            if (m[end] == '(' || m[end] == '{' || m[end] == '[') ++depth;
            else if (m[end] == ')' || m[end] == '}' || m[end] == ']') --depth;
            else if (m[end] == ';' && depth == 0) break;
            if (depth < 0) return;
        }
        if (end >= m.size()) return;
        const std::size_t expr_begin = pos + std::size_t(c.length(0));
        const std::string expr = trim(m.substr(expr_begin, end - expr_begin));
        if (expr.empty() || std::regex_match(expr, bare_name)) return;
        const std::string var = fmt::format("auto validate_never_awaited_{} =", out.size() + 1);
        out.push_back({file, pos, one_line(text.substr(expr_begin, end - expr_begin)) + " called without co_await",
                       {{pos, expr_begin, var}, {end, end, "; co_await validate_mistake::no_wait()"}},
                       expr.rfind("aio::sleep", 0) == 0 ? 1 : 0});
    });
}

// Every `co_await t` of a Task variable t that holds a create_task result, one variable at a time.
void find_unawaited(std::size_t file, const std::string&, const std::string& m, std::vector<Site>& out) {
    static const std::regex task_var(R"(\b([A-Za-z_]\w*)\s*(=|\{|\()\s*aio::create_task\b)");
    std::vector<std::string> names;
    each_match(m, task_var, [&](const std::smatch& v, std::size_t) {
        if (std::find(names.begin(), names.end(), v[1].str()) == names.end()) names.push_back(v[1]);
    });
    for (const auto& name : names) {
        const std::regex awaited(R"(\bco_await\s+(std::move\s*\(\s*)" + name + R"(\s*\)|)" + name + R"(\b))");
        Site site{file, 0, fmt::format("task {} never awaited", name), {}};
        each_match(m, awaited, [&](const std::smatch& a, std::size_t pos) {
            if (site.edits.empty()) site.pos = pos;
            site.edits.push_back({pos, pos + std::size_t(a.length(0)), "validate_mistake::unawaited(" + name + ")"});
        });
        if (!site.edits.empty()) out.push_back(std::move(site));
    }
}

void find_missing_cancel(std::size_t file, const std::string& text, const std::string& m, std::vector<Site>& out) {
    static const std::regex cancel(R"(\b[A-Za-z_][\w.\[\]]*\s*(\.|->)\s*cancel\s*\()");
    each_match(m, cancel, [&](const std::smatch& c, std::size_t pos) {
        const std::size_t open = pos + c.length(0) - 1, close = match_bracket(m, open);
        if (close == std::string::npos) return;
        out.push_back({file, pos, one_line(text.substr(pos, close + 1 - pos)) + " left out", {{pos, close + 1, "false"}}});
    });
}

std::string cpp_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += char(c);
        else if (c == '\n') out += "\\n";
        else if (c < 0x20 || c == 0x7f) out += fmt::format("\\{:03o}", c);
        else out += char(c);
    }
    return out + "\"";
}

// The function main.cpp calls, defined in a solution file: its body replaced by the program's
// printed lines at their times (one task, no concurrency) and a default return value.
void find_hardcoded(const MistakeInputs& in, const std::vector<std::string>& masked, std::vector<Site>& out) {
    if (in.program_output.empty()) return;
    static const std::regex call(R"(\b([A-Za-z_]\w*)\s*\()");
    const std::string main_masked = mask_code(in.main_cpp);
    std::vector<std::string> called;
    each_match(main_masked, call, [&](const std::smatch& c, std::size_t) { called.push_back(c[1]); });
    for (const auto& name : called) {
        for (std::size_t f = 0; f < in.solution.size(); ++f) {
            const std::string& m = masked[f];
            const std::regex def(R"(\b)" + name + R"(\s*\()");
            for (std::sregex_iterator it(m.begin(), m.end(), def), end; it != end; ++it) {
                const std::size_t pos = std::size_t(it->position(0)), open = pos + std::size_t(it->length(0)) - 1;
                const std::size_t close = match_bracket(m, open);
                if (close == std::string::npos) continue;
                std::size_t brace = close + 1;
                while (brace < m.size() && std::isspace(static_cast<unsigned char>(m[brace]))) ++brace;
                if (brace >= m.size() || m[brace] != '{') continue;  // a call or a declaration
                // The return type: back to the previous statement, without preprocessor lines.
                std::size_t type_begin = pos;
                while (type_begin > 0 && m[type_begin - 1] != ';' && m[type_begin - 1] != '}' && m[type_begin - 1] != '{') --type_begin;
                std::string type;
                std::istringstream type_lines(m.substr(type_begin, pos - type_begin));
                for (std::string l; std::getline(type_lines, l);)
                    if (trim(l).rfind('#', 0) != 0) type += l + " ";
                type = trim(type);
                if (type.empty() || type.find('=') != std::string::npos || type.find('(') != std::string::npos) continue;
                const bool async = type.find("task<") != std::string::npos;
                const bool is_void = type == "void" || std::regex_search(type, std::regex(R"(task<\s*void\s*>)"));
                std::string body = "{\n    // validate: the program's output typed in, at its times, in one task (hard-coded output)\n";
                double now = 0;
                for (const auto& line : in.program_output) {
                    if (line.time > now + 1e-9)
                        body += fmt::format("    {}({:.17g});\n", async ? "co_await aio::sleep" : "validate_mistake::blocking_sleep",
                                            line.time - now);
                    now = std::max(now, line.time);
                    body += fmt::format("    aio::print(\"{{}}\", {});\n", cpp_string(line.text));
                }
                // task<T>'s promise takes a T, not a braced list: name the type.
                const std::size_t lt = type.find("task<"), gt = type.rfind('>');
                const std::string value_type = async && gt != std::string::npos ? trim(type.substr(lt + 5, gt - lt - 5)) : "";
                body += async ? (is_void ? "    co_return;\n" : "    co_return " + value_type + "{};\n") : (is_void ? "" : "    return {};\n");
                body += "}";
                const std::size_t body_end = match_bracket(m, brace);
                if (body_end == std::string::npos) continue;
                out.push_back({f, pos,
                               fmt::format("{}() prints the program's {} lines at their times", name, in.program_output.size()),
                               {{brace, body_end + 1, body}}});
                return;
            }
        }
    }
}

}  // namespace

std::string mask_code(const std::string& t) {
    std::string m = t;
    const auto blank = [&](std::size_t i) {
        if (m[i] != '\n') m[i] = ' ';
    };
    std::size_t i = 0;
    while (i < t.size()) {
        if (t.compare(i, 2, "//") == 0) {
            while (i < t.size() && t[i] != '\n') blank(i++);
        } else if (t.compare(i, 2, "/*") == 0) {
            const std::size_t end = t.find("*/", i + 2);
            const std::size_t stop = end == std::string::npos ? t.size() : end + 2;
            while (i < stop) blank(i++);
        } else if (t[i] == 'R' && i + 1 < t.size() && t[i + 1] == '"' && (i == 0 || !ident_char(t[i - 1]) ||
                                                                           t[i - 1] == 'u' || t[i - 1] == 'U' || t[i - 1] == 'L' || t[i - 1] == '8')) {
            const std::size_t paren = t.find('(', i + 2);
            if (paren == std::string::npos) break;
            const std::string close = ")" + t.substr(i + 2, paren - i - 2) + "\"";
            const std::size_t end = t.find(close, paren);
            const std::size_t stop = end == std::string::npos ? t.size() : end + close.size();
            for (std::size_t j = i + 1; j + 1 < stop; ++j) blank(j);
            i = stop;
        } else if (t[i] == '"' || (t[i] == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(t[i - 1])) &&
                                                     i + 1 < t.size() && std::isxdigit(static_cast<unsigned char>(t[i + 1]))))) {
            const char q = t[i++];
            while (i < t.size() && t[i] != q && t[i] != '\n') {
                if (t[i] == '\\' && i + 1 < t.size()) blank(i++);
                blank(i++);
            }
            ++i;
        } else {
            ++i;
        }
    }
    return m;
}

std::vector<PrintedLine> parse_trace_output(const std::string& output) {
    static const std::regex stamped(R"(^\[\s*(-?[0-9]+(\.[0-9]+)?)\] ?(.*)$)");
    std::vector<PrintedLine> out;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, m, stamped)) out.push_back({std::stod(m[1]), m[3]});
        else if (!out.empty()) out.back().text += "\n" + line;
    }
    return out;
}

std::vector<MistakeKind> derive_mistakes(const MistakeInputs& in) {
    std::vector<std::string> masked;
    for (const auto& f : in.solution) masked.push_back(mask_code(f.text));
    struct Standard {
        const char* kind;
        const char* label;
        const char* missing;  // why not applicable
        SiteFinder find;
    };
    const std::vector<Standard> standard{
        {"sequential_awaits", "sequential awaits", "no aio::gather or aio::create_task in the solution", find_sequential},
        {"blocking_sleep", "blocking sleep", "no co_await aio::sleep(...) in the solution", find_blocking},
        {"never_awaited", "never-awaited coroutine", "no `co_await f(...);` statement in the solution", find_never_awaited},
        {"unawaited_task", "unawaited task", "no co_await of a create_task Task in the solution", find_unawaited},
        {"hardcoded_output", "hard-coded output", "", nullptr},
        {"missing_cancel", "missing cancel", "no .cancel() in the solution", find_missing_cancel},
    };
    std::vector<MistakeKind> out;
    for (const auto& s : standard) {
        std::vector<Site> sites;
        std::string missing = s.missing;
        if (s.find) {
            for (std::size_t f = 0; f < in.solution.size(); ++f) s.find(f, in.solution[f].text, masked[f], sites);
        } else {
            find_hardcoded(in, masked, sites);
            missing = in.program_output.empty() ? "the program printed nothing (or did not run)"
                                                : "no function main.cpp calls is defined in the solution";
        }
        std::sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) {
            return std::tie(a.rank, a.file, a.pos) < std::tie(b.rank, b.file, b.pos);
        });
        MistakeKind k{s.kind, s.label, {}, int(sites.size()), sites.empty() ? missing : ""};
        for (const auto& site : sites) {
            if (in.max_sites > 0 && int(k.mutants.size()) >= in.max_sites) break;
            Mistake mistake{s.kind, fmt::format("{}:{} {}", in.solution[site.file].name, line_of(in.solution[site.file].text, site.pos), site.what),
                            in.solution};
            mistake.files[site.file].text = apply(in.solution[site.file].text, site.edits);
            k.mutants.push_back(std::move(mistake));
        }
        out.push_back(std::move(k));
    }
    // The author's own: solutions/<id>/mistakes/*.cpp, each replacing the first student file.
    std::vector<fs::path> hand;
    std::error_code ec;
    if (!in.hand_written.empty() && !in.solution.empty())
        for (const auto& e : fs::directory_iterator(in.hand_written, ec))
            if (e.is_regular_file() && e.path().extension() == ".cpp") hand.push_back(e.path());
    std::sort(hand.begin(), hand.end());
    for (const auto& path : hand) {
        std::ifstream file(path);
        std::stringstream text;
        text << file.rdbuf();
        std::string first_line;
        std::getline(std::istringstream(text.str()) >> std::ws, first_line);
        std::string what = first_line.rfind("//", 0) == 0 ? trim(first_line.substr(2)) : "";
        Mistake mistake{"hand_written", "mistakes/" + path.filename().string() + (what.empty() ? "" : ": " + one_line(what, 80)),
                        in.solution};
        mistake.files[0].text = text.str();
        out.push_back({"hand_written", "hand-written " + path.stem().string(), {std::move(mistake)}, 1, ""});
    }
    return out;
}

}  // namespace grader
