#include "explain.hpp"

#include <algorithm>
#include <regex>

namespace grader::explain {
namespace {

bool has(const std::string& s, const char* needle) { return s.find(needle) != std::string::npos; }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

std::string file_name(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Paths relative to the roots, and g++'s typographic quotes (a UTF-8 locale) as ASCII ones, so
// the patterns below see one spelling.
std::vector<std::string> clean_lines(const std::string& output, const Options& o) {
    std::string text = replace_all(replace_all(output, "\xe2\x80\x98", "'"), "\xe2\x80\x99", "'");
    // std::string as the student wrote it, not as libstdc++ spells it inside templates.
    text = replace_all(text, "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >", "std::string");
    text = replace_all(text, "std::__cxx11::basic_string<char>", "std::string");
    text = replace_all(text, "std::string >", "std::string>");
    std::vector<std::string> roots = o.roots;
    std::sort(roots.begin(), roots.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (std::string r : roots) {
        while (r.size() > 1 && r.back() == '/') r.pop_back();
        if (!r.empty()) text = replace_all(text, r + "/", "");
    }
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(start, nl - start);
        // The grader's logged command and timing lines, ninja's progress and "FAILED:" lines.
        const bool noise = line.rfind("$ ", 0) == 0 || line.rfind("# ", 0) == 0 || line.rfind("[", 0) == 0 ||
                           line.rfind("FAILED: ", 0) == 0 || line.rfind("ninja: ", 0) == 0;
        while (line.rfind("../", 0) == 0) line.erase(0, 3);  // ninja's paths relative to the build dir
        // The compiler command ninja prints above a failed step.
        const bool command = (line.rfind("/", 0) == 0 || line.rfind("ccache ", 0) == 0) && line.find(" -c ") != std::string::npos;
        if (!noise && !command && !line.empty()) lines.push_back(std::move(line));
        start = nl + 1;
    }
    return lines;
}

struct Diag {
    std::string file;
    int line = 0;
    std::string kind;  // error, warning, note, context ("required from here"), or ""
    std::string message;
};

Diag parse(const std::string& l) {
    static const std::regex located(R"(^([^ :]+):(\d+):(?:\d+:)? (fatal error|error|warning|note): (.*)$)");
    static const std::regex context(R"(^([^ :]+):(\d+):(?:\d+:)?   +(.*)$)");
    std::smatch m;
    Diag d;
    if (std::regex_match(l, m, located)) {
        d.file = m[1];
        d.line = std::stoi(m[2]);
        d.kind = m[3] == "fatal error" ? "error" : std::string(m[3]);
        d.message = m[4];
    } else if (std::regex_match(l, m, context)) {
        d.file = m[1];
        d.line = std::stoi(m[2]);
        d.kind = "context";
        d.message = m[3];
    } else if (has(l, "undefined reference to") || l.rfind("error:", 0) == 0 || has(l, "error: ld returned")) {
        d.kind = "error";
        d.message = l;
    }
    return d;
}

// -Wreturn-type: "no return statement" (nothing returned at all) or, with optimisation, "control
// reaches end of non-void function".
bool no_return(const std::string& e) {
    return has(e, "no return statement in function returning non-void") || has(e, "control reaches end of non-void");
}

struct Pattern {
    const char* id;
    bool (*matches)(const std::string& first_error, const std::string& context, const std::string& all);
    const char* text;
};

// The known mistakes, most specific first. `first_error`: the first error's message; `context`:
// the lines g++ printed before it ("In function 'aio::task<void> f()':"); `all`: the whole
// cleaned output (some hints come second, e.g. g++'s "did you mean co_return").
const Pattern kPatterns[] = {
    {"named_task",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "std::move(t)"); },
     "이름 붙인 작업(변수에 담은 코루틴 객체)을 그대로 넘겼습니다. 코루틴 객체는 한 번만 시작할 수 있어서 "
     "aio::gather / aio::create_task 는 그것을 넘겨받아야(move) 합니다: aio::gather(std::move(t1), std::move(t2)) "
     "처럼 std::move 로 넘기거나, 변수 없이 aio::gather(f(), g()) 로 바로 넘기세요."},
    {"gather_not_awaited",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "co_await aio::gather") || has(e, "GatherAwaitable"); },
     "aio::gather(...) 를 co_await 하지 않고 결과처럼 썼습니다. gather 가 돌려주는 것은 아직 기다리지 않은 작업 "
     "묶음입니다: auto [a, b] = co_await aio::gather(f(), g()); 처럼 co_await 해야 결과(튜플)를 받습니다."},
    {"return_for_co_return",
     [](const std::string& e, const std::string&, const std::string& all) {
         return has(all, "did you mean 'co_return'") ||
                (has(e, "could not convert") && has(e, "to 'aio::task<"));
     },
     "코루틴(aio::task 를 돌려주는 함수)에서는 return 대신 co_return 을 씁니다: co_return 값; (task<void> 이면 "
     "co_return;). 함수 안에 co_await 가 하나도 없다면, 기다려야 할 것을 co_await 하고 있는지도 확인하세요."},
    {"co_return_value_in_void_task",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "no member named 'return_value'"); },
     "aio::task<void> 코루틴은 값을 돌려주지 않습니다. 값을 돌려주려면 반환 타입을 aio::task<값의 타입> 으로 "
     "바꾸고 (api.hpp 의 선언과 같아야 합니다), 값이 필요 없으면 co_return; 만 쓰세요."},
    {"co_return_without_value",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "no member named 'return_void'"); },
     "값을 돌려주는 코루틴(aio::task<T>)에서 값 없이 co_return; 을 썼습니다. co_return 값; 으로 결과를 돌려주세요."},
    {"not_a_task",
     [](const std::string& e, const std::string&, const std::string&) {
         return has(e, "unable to find the promise type") || has(e, "cannot be used in a function that is not");
     },
     "co_await / co_return 을 쓰는 함수는 코루틴이라서 aio::task<T> 를 돌려줘야 합니다 (T: co_return 하는 값의 "
     "타입, 없으면 void). 함수의 반환 타입을 api.hpp 의 선언과 같게 aio::task<...> 로 쓰세요."},
    {"wrong_return_type",
     [](const std::string& e, const std::string&, const std::string&) {
         return has(e, "ambiguating new declaration") || has(e, "conflicting declaration") ||
                has(e, "conflicting types") || has(e, "new declaration");
     },
     "함수의 반환 타입이 api.hpp 에 선언된 것과 다릅니다. api.hpp 의 선언(aio::task<...> 의 타입까지)을 그대로 "
     "따라 쓰세요."},
    {"not_a_coroutine",
     [](const std::string& e, const std::string& context, const std::string&) {
         return no_return(e) && has(context, "In function 'aio::task<");
     },
     "이 함수에는 co_await 도 co_return 도 없어서 코루틴이 아닌 보통 함수가 되었고, aio::task 를 돌려주지 않고 "
     "끝납니다 (실행하면 엉뚱한 값이나 비정상 종료). 기다려야 하는 곳에서 co_await 하세요: 블로킹 "
     "std::getline(std::cin, ...) 대신 co_await aio::input(), std::this_thread::sleep_for 대신 co_await "
     "aio::sleep(초). 기다릴 것이 없으면 마지막에 co_return; 을 쓰세요."},
    {"missing_return",
     [](const std::string& e, const std::string&, const std::string&) { return no_return(e); },
     "값을 돌려주는 함수가 return 없이 끝납니다. 끝에서 return 값; 을 쓰세요."},
    {"task_not_kept",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "ignoring return value of") && has(e, "create_task"); },
     "aio::create_task 가 돌려준 aio::Task 를 버렸습니다. 변수에 담아 두고 (auto t = aio::create_task(f());) "
     "나중에 co_await t; 로 끝나기를 기다리세요."},
    {"coroutine_not_awaited",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "ignoring returned value of type 'aio::task<"); },
     "코루틴을 호출만 하고 co_await 하지 않았습니다. 코루틴은 호출하는 것만으로는 한 줄도 실행되지 않습니다: "
     "co_await f(...); 로 기다리거나 aio::gather / aio::create_task 에 넘기세요."},
    {"task_copied",
     [](const std::string& e, const std::string&, const std::string&) {
         return has(e, "use of deleted function 'aio::task<") || (has(e, "cannot bind rvalue reference") && has(e, "task<"));
     },
     "코루틴 객체(aio::task)는 복사할 수 없습니다. 넘길 때는 std::move(t) 로 옮기세요."},
    {"not_awaitable",
     [](const std::string& e, const std::string&, const std::string&) {
         return has(e, "awaitable type") || has(e, "no member named 'await_ready'");
     },
     "co_await 할 수 없는 값을 co_await 했습니다. co_await 하는 것은 코루틴 호출 f(...), aio::Task, "
     "aio::gather(...), aio::sleep(...), aio::input() 입니다."},
    {"link_error",
     [](const std::string& e, const std::string&, const std::string&) { return has(e, "undefined reference to") || has(e, "multiple definition"); },
     "링크 오류: api.hpp 에 선언된 함수가 정의되지 않았거나, 이름·매개변수가 선언과 다르거나, 두 번 정의되었습니다."},
};

}  // namespace

Explanation explain_first_error(const std::string& output, const Options& o) {
    const std::vector<std::string> lines = clean_lines(output, o);
    std::vector<std::string> students;
    for (const auto& f : o.student_files) students.push_back(file_name(f));
    auto is_student = [&](const Diag& d) {
        return d.line > 0 && std::find(students.begin(), students.end(), file_name(d.file)) != students.end();
    };
    std::size_t first = lines.size();
    for (std::size_t i = 0; i < lines.size() && first == lines.size(); ++i)
        if (parse(lines[i]).kind == "error") first = i;
    Explanation ex;
    for (const auto& l : lines)
        if (l.rfind("error: 금지된 코드", 0) == 0) {  // aio_audit's own Korean message: shown as it is
            ex.id = "forbidden_code";
            return ex;
        }
    if (first == lines.size()) {
        ex.id = "none";
        return ex;
    }
    const Diag error = parse(lines[first]);
    // Where it happened in the student's file: the error itself, else the last student line of
    // its context (g++ prints "In instantiation of" / "required from here" before the error),
    // else the first student line after it.
    const Diag* at = nullptr;
    std::vector<Diag> parsed;
    for (const auto& l : lines) parsed.push_back(parse(l));
    if (is_student(error)) at = &parsed[first];
    for (std::size_t i = first; !at && i-- > 0;) {
        if (parsed[i].kind == "error" || parsed[i].kind == "warning") break;  // an earlier diagnostic
        if (is_student(parsed[i])) at = &parsed[i];
    }
    for (std::size_t i = first + 1; !at && i < parsed.size(); ++i)
        if (is_student(parsed[i])) at = &parsed[i];
    if (at) ex.location = file_name(at->file) + ":" + std::to_string(at->line);

    std::string all, context;
    for (const auto& l : lines) all += l + "\n";
    for (std::size_t i = first; i-- > 0;) {
        if (parsed[i].kind == "error" || parsed[i].kind == "warning") break;
        context = lines[i] + "\n" + context;
    }
    for (const Pattern& p : kPatterns)
        if (p.matches(error.message, context, all)) {
            ex.id = p.id;
            ex.text = p.text;
            return ex;
        }
    ex.id = "other";
    if (error.message.rfind("static assertion failed: ", 0) == 0)  // the harness's Korean static_asserts
        ex.text = error.message.substr(std::string("static assertion failed: ").size());
    else
        ex.text = "컴파일 오류입니다. 아래 컴파일러 메시지의 첫 오류부터 고치세요 (뒤의 오류는 대개 첫 오류 때문에 "
                  "생깁니다).";
    return ex;
}

std::string translate(const std::string& output, const Options& o) {
    const Explanation ex = explain_first_error(output, o);
    const std::vector<std::string> lines = clean_lines(output, o);
    if (ex.id == "forbidden_code") {
        std::string out;
        bool on = false;
        for (const auto& l : lines) {
            on = on || l.rfind("error: 금지된 코드", 0) == 0;
            if (on) out += l + "\n";
        }
        return out;
    }
    if (ex.id == "none") {
        std::string out;
        for (std::size_t i = 0; i < lines.size() && i < o.max_output_lines; ++i) out += lines[i] + "\n";
        return out;
    }
    std::string out = (ex.location.empty() ? std::string() : ex.location + ": ") + "컴파일 오류: " + ex.text + "\n\n";
    // The first error with the context g++ printed before it, up to the next error.
    std::size_t first = 0;
    while (first < lines.size() && parse(lines[first]).kind != "error") ++first;
    std::size_t start = first;
    while (start > 0) {
        const Diag d = parse(lines[start - 1]);
        if (d.kind == "error" || d.kind == "warning") break;
        --start;
    }
    out += "컴파일러 메시지 (첫 오류):\n";
    std::size_t shown = 0;
    for (std::size_t i = start; i < lines.size() && shown < o.max_output_lines; ++i) {
        // Up to the next error, or the "file: In function ..." line that opens the next one.
        if (i > first && (parse(lines[i]).kind == "error" || lines[i].find(": In ") != std::string::npos)) break;
        std::string l = lines[i];
        if (l.rfind("In file included from", 0) == 0 || l.rfind("                 from ", 0) == 0) continue;
        if (l.size() > 300) {
            std::size_t cut = 297;
            while (cut > 0 && (static_cast<unsigned char>(l[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
            l = l.substr(0, cut) + "...";
        }
        out += "  " + l + "\n";
        ++shown;
    }
    return out;
}

}  // namespace grader::explain
