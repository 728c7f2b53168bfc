#include "judge.hpp"

#include <fmt/format.h>

#include <csignal>

namespace grader {

// aio::detail::kTamperExitCode (harness/include/aio/detail/seal.hpp): the runtime stopped a test
// whose code changed the clock or the trace.
constexpr int kTamperExitCode = 87;

namespace {

const char* signal_meaning_ko(int sig) {
    switch (sig) {
        case SIGSEGV: return "잘못된 메모리 접근 (널 포인터, 끝난 코루틴/지역 변수 참조 등)";
        case SIGABRT: return "abort() 호출 (처리되지 않은 예외, assert 실패 등)";
        case SIGFPE: return "산술 오류 (0으로 나누기 등)";
        case SIGBUS: return "잘못된 메모리 주소 정렬/접근";
        case SIGILL: return "잘못된 명령 (정의되지 않은 동작)";
        case SIGKILL: return "강제 종료됨";
        case SIGPIPE: return "닫힌 파이프에 쓰기";
        default: return "시그널로 종료됨";
    }
}

std::string failure_text(const json& f) {
    std::string out;
    const std::string kind = f.value("kind", "");
    const std::string msg = f.value("message", "");
    // Catch2 also copies an assertion's own message into its info list.
    for (const auto& info : f.value("info", json::array()))
        if (info.get<std::string>() != msg) out += info.get<std::string>() + "\n";
    const std::string expr = f.value("expression", "");
    const std::string expanded = f.value("expanded", "");
    if (kind == "exception") {
        out += "테스트 중 예외가 발생했습니다: " + msg;
    } else if (kind == "fatal") {
        out += "치명적 오류: " + msg;
    } else {
        if (!msg.empty()) out += msg + "\n";
        if (!expr.empty()) {
            out += "검사: " + expr + "\n";
            if (!expanded.empty() && expanded != expr) out += "실제: " + expanded + "\n";
        }
    }
    return trim(out);
}

// The runtime's guard errors name their kind in parentheses (harness/include/aio/errors.hpp);
// recognise them in any failure message.
std::string guard_verdict(const std::string& text) {
    if (contains(text, "DeadlockError") || contains(text, "(deadlock): ")) return "deadlock";
    if (contains(text, "VirtualTimeLimitError") || contains(text, "(virtual time limit)")) return "virtual_time_limit";
    if (contains(text, "StepLimitError") || contains(text, "(step limit)")) return "step_limit";
    if (contains(text, "std::bad_alloc") || contains(text, "bad_alloc")) return "memory_limit";
    return "";
}

// "교착 상태(deadlock): 2.000초에 ...\n  작업 'x' (#2): 기다리는 중 → ...": the stuck-task lines.
std::string stuck_tasks(const std::string& text) {
    std::string out;
    auto pos = text.find("(deadlock): ");
    if (pos == std::string::npos) return out;
    auto lines = split_lines(text.substr(pos));
    for (std::size_t i = 1; i < lines.size() && i < 12; ++i) {
        if (!starts_with(lines[i], "  ")) break;
        out += "  " + trim(lines[i]) + "\n";
    }
    return out;
}

json trace_hints(const json& trace) {
    json hints = json::array();
    if (!trace.is_object()) return hints;
    bool blocking = false, never_awaited = false, pending = false, unretrieved = false;
    for (const auto& w : trace.value("warnings", json::array())) {
        const std::string k = w.value("kind", "");
        blocking |= k == "blocking_sleep_in_task";
        never_awaited |= k == "never_awaited";
        pending |= k == "pending_at_exit";
        unretrieved |= k == "exception_not_retrieved";
    }
    if (blocking)
        hints.push_back("코루틴 안에서 블로킹 sleep(std::this_thread::sleep_for 등)을 호출해 이벤트 루프 전체가 멈췄습니다. "
                        "co_await aio::sleep(...)을 쓰세요.");
    if (never_awaited)
        hints.push_back("만들기만 하고 한 번도 실행되지 않은 코루틴이 있습니다. co_await 하거나 aio::create_task 로 실행하세요.");
    if (pending)
        hints.push_back("main 코루틴이 끝날 때 아직 끝나지 않은 태스크가 있었습니다. 태스크를 co_await 해서 기다리세요.");
    if (unretrieved) hints.push_back("실패한 태스크의 예외를 아무도 확인하지 않았습니다.");
    return hints;
}

}  // namespace

int severity(const std::string& v) {
    static const std::vector<std::string> order{
        "passed",     "failed",      "no_result",    "virtual_time_limit", "step_limit", "deadlock",     "stalled",      "timeout",
        "cpu_limit",  "output_limit", "memory_limit", "crash",             "not_text",   "not_utf8",     "missing_file",
        "forbidden_code", "compile_error", "grader_error"};
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] == v) return int(i);
    return 0;
}

std::string verdict_label_ko(const std::string& v) {
    static const std::map<std::string, std::string> labels{
        {"passed", "통과"},           {"failed", "실패"},
        {"compile_error", "컴파일 오류"}, {"missing_file", "파일 없음"},
        {"not_utf8", "UTF-8 아님"},     {"not_text", "텍스트 파일 아님"},
        {"timeout", "시간 초과"},       {"cpu_limit", "CPU 시간 초과"},
        {"memory_limit", "메모리 초과"}, {"output_limit", "출력 초과"},
        {"crash", "비정상 종료"},        {"deadlock", "교착 상태"},
        {"stalled", "멈춤(스레드 교착)"},
        {"virtual_time_limit", "가상 시간 초과"}, {"step_limit", "무한 반복(단계 제한)"},
        {"no_result", "결과 보고 없음"},  {"forbidden_code", "금지된 코드"},  {"grader_error", "채점기 오류"}};
    auto it = labels.find(v);
    return it == labels.end() ? v : it->second;
}

std::string hint_for(const std::string& v) {
    if (v == "compile_error") return "컴파일러가 알려 준 첫 번째 오류부터 고치세요. 함수 이름과 매개변수가 api.hpp 의 선언과 같은지도 확인하세요.";
    if (v == "missing_file") return "제출물에 이 파일이 있어야 합니다. 파일 이름과 위치(exercises/<번호-이름>/)를 확인하세요.";
    if (v == "not_utf8") return "소스 파일을 UTF-8 인코딩으로 저장하세요 (편집기의 '인코딩' 메뉴).";
    if (v == "not_text") return "소스 파일이 아닌 것이 제출되었습니다. .cpp 텍스트 파일을 제출하세요.";
    if (v == "timeout") return "끝나지 않는 반복문이나 절대 깨어나지 않는 대기가 있는지 확인하세요.";
    if (v == "stalled")
        return "std::mutex 를 두 번 잠그거나, 끝나지 않는 스레드를 join 하거나, 아무도 신호를 주지 않는 조건 변수를 "
               "기다리고 있지 않은지 확인하세요. 코루틴끼리 기다릴 때는 co_await 를 쓰고, 잠금은 필요 없습니다.";
    if (v == "cpu_limit") return "CPU 를 계속 쓰는 반복문(busy loop)이 있는지 확인하세요. 기다릴 때는 co_await aio::sleep(...)을 쓰세요.";
    if (v == "memory_limit") return "메모리를 끝없이 늘리는 코드(반복문 안의 push_back, new 등)가 있는지 확인하세요.";
    if (v == "output_limit") return "반복문 안에서 출력을 너무 많이 하고 있지 않은지 확인하세요.";
    if (v == "crash") return "널 포인터, 범위를 벗어난 인덱스, 이미 끝난 코루틴의 지역 변수 참조가 없는지 확인하세요.";
    if (v == "deadlock") return "모든 태스크가 서로(또는 아무도 완료하지 않는 것)를 기다리고 있습니다. 기다리는 대상이 언젠가 끝나는지 확인하세요.";
    if (v == "virtual_time_limit") return "co_await aio::sleep(...)이나 블로킹 sleep 이 끝없이 반복되고 있습니다. 반복문의 종료 조건을 확인하세요.";
    if (v == "step_limit") return "이벤트 루프가 끝없이 돌고 있습니다. 반복문의 종료 조건을 확인하세요.";
    if (v == "no_result") return "테스트가 끝나기 전에 프로그램이 스스로 종료했습니다. exit()/abort()/std::terminate 호출을 지우세요.";
    if (v == "forbidden_code")
        return "채점 프로그램의 입출력·런타임·테스트를 건드릴 수 있는 코드는 쓸 수 없습니다. 메시지에 적힌 줄을 지우고 "
               "ctest 로 다시 확인하세요 (ctest 의 build 단계가 같은 검사를 합니다).";
    if (v == "grader_error") return "채점기 또는 키트의 문제입니다. 담당 조교에게 알려 주세요.";
    return "";
}

TestResult judge_test(const TestSpec& spec, const Limits& limits, const TestRun& run) {
    TestResult t;
    t.name = spec.name;
    t.hidden = spec.hidden;
    t.points = spec.points;
    const ProcessResult& p = run.process;
    const ReporterRecords& rec = run.records;
    const long output_limit = limits.output_kb << 10;

    std::string failures;
    if (rec.end) {
        for (const auto& f : (*rec.end).value("failures", json::array())) {
            if (!failures.empty()) failures += "\n\n";
            failures += failure_text(f);
        }
        t.trace = (*rec.end).value("trace", json());
    }
    const bool reported_pass = rec.end && (*rec.end).value("passed", false);
    const std::string all_text = failures + "\n" + run.stderr_text;

    t.log = fmt::format("argv: {}\nexit: {}, signal: {}, timed out: {}, stalled: {}, wall {:.2f} s, cpu {:.2f} s, maxrss {} KB\n"
                        "records: run={} start={} end={} done={} foreign_lines={}\nstdout {} bytes, stderr {} bytes\n",
                        fmt::join(run.argv, " "), p.exit_code, p.signal ? signal_name(p.signal) : "-", p.timed_out, p.stalled,
                        p.wall_seconds, p.cpu_seconds, p.max_rss_kb, rec.run_seen, rec.start_seen, bool(rec.end),
                        rec.done_seen, rec.foreign_lines, run.stdout_bytes, run.stderr_bytes);
    if (!run.note.empty()) t.log += run.note + "\n";

    auto set = [&](std::string verdict, std::string message) {
        t.verdict = std::move(verdict);
        t.message = std::move(message);
    };

    if (!p.launched) {
        set("grader_error", "테스트 프로그램을 시작하지 못했습니다.");
        t.log += "launch error: " + p.launch_error + "\n";
    } else if (p.timed_out) {
        set("timeout", fmt::format("시간 제한({}초)을 넘겨 강제로 종료했습니다.", limits.wall_seconds));
    } else if (p.stalled) {
        set("stalled", fmt::format("프로그램이 {}초 동안 CPU 를 전혀 쓰지 않고 멈춰 있어 강제로 종료했습니다. 가상 시계에서는 "
                                   "실제 시간을 기다릴 일이 없으므로, 무언가를 영원히 기다리고 있는 것입니다.",
                                   limits.idle_seconds));
    } else if (p.cpu_exceeded || p.signal == SIGXCPU || (p.signal == SIGKILL && p.cpu_seconds >= limits.cpu_seconds - 0.05)) {
        set("cpu_limit", fmt::format("CPU 시간 제한({}초)을 넘었습니다.", limits.cpu_seconds));
    } else if (p.signal == SIGXFSZ || run.stdout_bytes >= output_limit || run.stderr_bytes >= output_limit) {
        set("output_limit", fmt::format("출력이 제한({}KB)을 넘었습니다.", limits.output_kb));
    } else if (guard_verdict(all_text) == "memory_limit" && !reported_pass) {
        set("memory_limit", fmt::format("메모리 제한({}MB)을 넘었습니다 (std::bad_alloc).", limits.memory_mb));
    } else if (p.signal) {
        set("crash", fmt::format("프로그램이 {} 시그널로 비정상 종료했습니다: {}.", signal_name(p.signal), signal_meaning_ko(p.signal)));
    } else if (p.exited && p.exit_code == 125 && contains(run.stderr_text, "grader: child setup failed")) {
        set("grader_error", "채점 환경을 준비하지 못했습니다.");
    } else if (!rec.run_seen && contains(run.stderr_text, "bwrap:")) {
        set("grader_error", "샌드박스를 시작하지 못했습니다.");
    } else if (rec.run_seen && rec.done_seen && !rec.start_seen && rec.done_passed + rec.done_failed == 0) {
        set("grader_error", "테스트 프로그램에서 이 테스트를 찾지 못했습니다 (키트 오류).");
    } else if (!rec.end && p.exit_code == kTamperExitCode) {
        set("no_result", "테스트하는 코드가 실행 도중 가상 시계나 실행 기록(trace)을 바꾸려 해서 런타임이 테스트를 멈췄습니다. "
                         "이 테스트는 0점으로 채점하고, 담당 조교가 제출물을 확인합니다.");
        t.flags.push_back("tampering");
    } else if (!rec.end) {
        if (p.exit_code == 86) {
            set("virtual_time_limit", fmt::format("가상 시간 제한({}초)을 넘었습니다: 블로킹 sleep 이 끝나지 않는 반복문 안에 있습니다.",
                                                  limits.virtual_seconds));
        } else {
            set("no_result", fmt::format("테스트가 결과를 보고하기 전에 프로그램이 종료 코드 {}(으)로 끝났습니다. "
                                         "이 테스트는 실행되지 않은 것으로 채점합니다.",
                                         p.exit_code));
        }
    } else if (reported_pass && p.exit_code == 0 && !rec.tampering.empty()) {
        set("no_result", "테스트 결과 기록이 조작되었습니다: 결과 채널에 테스트 실행기가 쓰지 않은 기록이 있습니다. "
                         "이 테스트는 0점으로 채점하고, 담당 조교가 제출물을 확인합니다.");
        t.flags.push_back("tampering");
        t.log += "tampering: " + rec.tampering + "\n";
    } else if (reported_pass && p.exit_code == 0 && !(run.replay && run.replay->confirmed)) {
        std::string judged;
        if (run.replay && run.replay->end)
            for (const auto& f : (*run.replay->end).value("failures", json::array()))
                judged += (judged.empty() ? "" : "\n\n") + failure_text(f);
        set("no_result", "테스트 프로그램은 통과했다고 보고했지만, 기록된 실행 결과로 채점기가 다시 판정하니 통과하지 "
                         "못했습니다 (결과 조작 의심). 이 테스트는 0점으로 채점하고, 담당 조교가 제출물을 확인합니다." +
                             (judged.empty() ? std::string() : "\n\n" + judged));
        t.flags.push_back("tampering");
        t.log += "replay judge: " + (run.replay ? run.replay->reason : std::string("did not run")) + "\n";
    } else if (reported_pass && p.exit_code == 0) {
        set("passed", "");
        t.score = spec.points;
    } else if (reported_pass) {
        set("no_result", fmt::format("테스트는 통과했지만 프로그램이 종료 코드 {}(으)로 끝났습니다.", p.exit_code));
    } else {
        // Only what the runner saw being thrown during the test case classifies a failure: a
        // failure message quotes the student's output, which may say "DeadlockError" itself.
        std::string guard, guard_what;
        for (const auto& g : (*rec.end).value("guards", json::array())) {
            guard = g.value("kind", "");
            guard_what = g.value("what", "");
            break;
        }
        if (guard.empty() && (*rec.end).value("bad_alloc", false)) guard = "memory_limit";
        if (guard == "memory_limit") {
            set("memory_limit", fmt::format("메모리 제한({}MB)을 넘었습니다 (std::bad_alloc).\n\n{}", limits.memory_mb, failures));
        } else if (guard == "deadlock") {
            std::string stuck = stuck_tasks(guard_what.empty() ? failures : guard_what);
            set("deadlock", "교착 상태(deadlock): 태스크들이 기다리고 있지만 깨워 줄 것이 아무것도 없습니다." +
                                (stuck.empty() ? "" : "\n멈춘 태스크:\n" + stuck) + "\n\n" + failures);
        } else if (guard == "virtual_time_limit") {
            set("virtual_time_limit",
                fmt::format("가상 시간 제한({}초)을 넘었습니다: 끝나지 않는 대기가 있습니다.\n\n{}", limits.virtual_seconds, failures));
        } else if (guard == "step_limit") {
            set("step_limit", "이벤트 루프가 너무 많이 돌았습니다 (끝나지 않는 반복).\n\n" + failures);
        } else {
            set("failed", failures.empty() ? "테스트가 실패했습니다." : failures);
        }
    }
    if (t.verdict != "passed") t.hints = trace_hints(t.trace);
    t.message = sanitize_text(t.message, 8000);
    return t;
}

ExerciseResult judge_unbuildable(const Exercise& ex, const std::string& verdict, const std::string& message,
                                 const std::string& log) {
    ExerciseResult r;
    r.id = ex.id;
    r.title = ex.title;
    r.message = message;
    for (const auto& spec : ex.tests) {
        TestResult t;
        t.name = spec.name;
        t.hidden = spec.hidden;
        t.points = spec.points;
        t.verdict = verdict;
        t.message = message;
        t.log = log;
        r.tests.push_back(std::move(t));
    }
    summarize(r);
    r.verdict = verdict;
    return r;
}

ExerciseResult judge_files(const Exercise& ex, const ExerciseFiles& files) {
    std::string verdict, message, log;
    for (const auto& f : files.files) {
        if (f.problem == FileProblem::none) continue;
        const std::string v = to_string(f.problem);
        if (verdict.empty() || severity(v) > severity(verdict)) verdict = v;
        if (!message.empty()) message += "\n";
        switch (f.problem) {
            case FileProblem::missing: message += fmt::format("제출물에서 {} 파일을 찾지 못했습니다.", f.name); break;
            case FileProblem::not_utf8:
                message += fmt::format("{} 파일이 UTF-8 텍스트가 아닙니다 ({}).", f.name, replace_all(f.detail, "invalid UTF-8 at byte", "잘못된 바이트 위치"));
                break;
            case FileProblem::not_text: message += fmt::format("{} 파일이 텍스트 파일이 아닙니다 (제어 문자 포함).", f.name); break;
            case FileProblem::too_large: message += fmt::format("{} 파일이 너무 큽니다 ({}).", f.name, f.detail); break;
            case FileProblem::none: break;
        }
        log += fmt::format("{}: {} ({}) at '{}'\n", f.name, v, f.detail, f.found_at);
    }
    return judge_unbuildable(ex, verdict, message, log);
}

void summarize(ExerciseResult& r) {
    r.score = r.max_score = 0;
    std::string worst = "passed";
    for (const auto& t : r.tests) {
        r.score += t.score;
        r.max_score += t.points;
        if (severity(t.verdict) > severity(worst)) worst = t.verdict;
    }
    r.verdict = worst;
}

json to_json(const TestResult& t) {
    json j = {{"name", t.name},       {"hidden", t.hidden}, {"points", t.points}, {"score", t.score}, {"verdict", t.verdict},
              {"message", t.message}, {"hints", t.hints},   {"trace", t.trace}};
    if (!t.flags.empty()) j["flags"] = t.flags;  // absent for the usual case: records stay as they were
    return j;
}

json to_json(const ExerciseResult& e) {
    json tests = json::array();
    for (const auto& t : e.tests) tests.push_back(to_json(t));
    return {{"id", e.id},       {"title", e.title},     {"score", e.score}, {"max_score", e.max_score},
            {"verdict", e.verdict}, {"message", e.message}, {"flags", e.flags}, {"tests", tests}};
}

TestResult test_from_json(const json& j) {
    TestResult t;
    t.name = j.value("name", "");
    t.hidden = j.value("hidden", false);
    t.points = j.value("points", 0);
    t.score = j.value("score", 0);
    t.verdict = j.value("verdict", "");
    t.message = j.value("message", "");
    t.hints = j.value("hints", json::array());
    t.flags = j.value("flags", std::vector<std::string>{});
    t.trace = j.value("trace", json());
    return t;
}

ExerciseResult exercise_from_json(const json& j) {
    ExerciseResult e;
    e.id = j.value("id", "");
    e.title = j.value("title", "");
    e.score = j.value("score", 0);
    e.max_score = j.value("max_score", 0);
    e.verdict = j.value("verdict", "");
    e.message = j.value("message", "");
    e.flags = j.value("flags", std::vector<std::string>{});
    for (const auto& t : j.value("tests", json::array())) e.tests.push_back(test_from_json(t));
    return e;
}

}  // namespace grader
