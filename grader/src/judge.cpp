#include "judge.hpp"

#include <fmt/format.h>

#include <aio/feedback/verdict.hpp>

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

// The failed checks of an end record (aio/feedback/json.hpp), as sent by the runner main.
json checks_of_record(const json& end) {
    json checks = json::array();
    for (const auto& f : end.value("failures", json::array()))
        if (f.is_object() && f.contains("check") && checks.size() < 20) checks.push_back(f["check"]);
    return checks;
}

// The assertion messages of an end record, one string (only to spot std::bad_alloc in them).
std::string failure_messages(const json& end) {
    std::string out;
    for (const auto& f : end.value("failures", json::array()))
        if (f.is_object()) out += f.value("message", "") + "\n";
    return out;
}

bool has_hint(const json& checks, std::string_view id) {
    for (const auto& c : checks)
        for (const auto& h : c.value("hints", json::array()))
            if (h.is_object() && h.value("id", "") == id) return true;
    return false;
}

// The runtime's guard errors name their kind in parentheses (harness/include/aio/errors.hpp).
// std::bad_alloc named in the failures or stderr and no runtime guard error (which would be the
// cause instead): memory ran out. Guards themselves are classified from the runner's records.
bool ran_out_of_memory(const std::string& text) {
    for (const char* guard : {"DeadlockError", "(deadlock): ", "VirtualTimeLimitError", "(virtual time limit)",
                              "StepLimitError", "(step limit)"})
        if (contains(text, guard)) return false;
    return contains(text, "bad_alloc");
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

}  // namespace

std::string verdict_name(Verdict v) { return std::string(aio::feedback::name(v)); }
std::string verdict_label_ko(Verdict v) { return std::string(aio::feedback::label(v)); }
Verdict verdict_of(const std::string& name) {
    return aio::feedback::verdict_from_name(name).value_or(Verdict::grader_error);
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
        t.checks = checks_of_record(*rec.end);
        failures = failure_messages(*rec.end);
        t.trace = (*rec.end).value("trace", json());
    }
    const bool reported_pass = rec.end && (*rec.end).value("passed", false);
    const std::string all_text = failures + "\n" + run.stderr_text;

    t.log = fmt::format("argv: {}\nexit: {}, signal: {}, timed out: {}, stalled: {}, wall {:.2f} s, cpu {:.2f} s, maxrss {} KB, "
                        "group peak {} B, group memory hit {}, group pids hit {}\n"
                        "records: run={} start={} end={} done={} foreign_lines={}\nstdout {} bytes, stderr {} bytes\n",
                        fmt::join(run.argv, " "), p.exit_code, p.signal ? signal_name(p.signal) : "-", p.timed_out, p.stalled,
                        p.wall_seconds, p.cpu_seconds, p.max_rss_kb, p.group_peak_bytes, p.memory_exceeded,
                        p.processes_exceeded, rec.run_seen, rec.start_seen, bool(rec.end),
                        rec.done_seen, rec.foreign_lines, run.stdout_bytes, run.stderr_bytes);
    if (!run.note.empty()) t.log += run.note + "\n";

    auto set = [&](Verdict verdict, std::string message) {
        t.verdict = verdict;
        t.message = std::move(message);
    };

    if (!p.launched) {
        set(Verdict::grader_error, "테스트 프로그램을 시작하지 못했습니다.");
        t.log += "launch error: " + p.launch_error + "\n";
    } else if (p.timed_out) {
        set(Verdict::timeout, fmt::format("시간 제한({}초)을 넘겨 강제로 종료했습니다.", limits.wall_seconds));
    } else if (p.stalled) {
        set(Verdict::stalled, fmt::format("프로그램이 {}초 동안 CPU 를 전혀 쓰지 않고 멈춰 있어 강제로 종료했습니다. 가상 시계에서는 "
                                   "실제 시간을 기다릴 일이 없으므로, 무언가를 영원히 기다리고 있는 것입니다.",
                                   limits.idle_seconds));
    } else if (p.cpu_exceeded || p.signal == SIGXCPU || (p.signal == SIGKILL && p.cpu_seconds >= limits.cpu_seconds - 0.05)) {
        set(Verdict::cpu_limit, fmt::format("CPU 시간 제한({}초)을 넘었습니다.", limits.cpu_seconds));
    } else if (p.signal == SIGXFSZ || run.stdout_bytes >= output_limit || run.stderr_bytes >= output_limit) {
        set(Verdict::output_limit, fmt::format("출력이 제한({}KB)을 넘었습니다.", limits.output_kb));
    } else if (p.memory_exceeded) {
        set(Verdict::memory_limit, fmt::format("메모리 제한({}MB)을 넘었습니다 (자식 프로세스, /tmp 파일 등을 모두 합한 사용량).",
                                               limits.memory_mb));
    } else if (ran_out_of_memory(all_text) && !reported_pass) {
        set(Verdict::memory_limit, fmt::format("메모리 제한({}MB)을 넘었습니다 (std::bad_alloc).", limits.memory_mb));
    } else if (p.signal) {
        set(Verdict::crash, fmt::format("프로그램이 {} 시그널로 비정상 종료했습니다: {}.", signal_name(p.signal), signal_meaning_ko(p.signal)));
    } else if (p.exited && p.exit_code == 125 && contains(run.stderr_text, "grader: child setup failed")) {
        set(Verdict::grader_error, "채점 환경을 준비하지 못했습니다.");
    } else if (!rec.run_seen && contains(run.stderr_text, "bwrap:")) {
        set(Verdict::grader_error, "샌드박스를 시작하지 못했습니다.");
    } else if (rec.run_seen && rec.done_seen && !rec.start_seen && rec.done_passed + rec.done_failed == 0) {
        set(Verdict::grader_error, "테스트 프로그램에서 이 테스트를 찾지 못했습니다 (키트 오류).");
    } else if (!rec.end && p.exit_code == kTamperExitCode) {
        set(Verdict::no_result, "테스트하는 코드가 실행 도중 가상 시계나 실행 기록(trace)을 바꾸려 해서 런타임이 테스트를 멈췄습니다. "
                         "이 테스트는 0점으로 채점하고, 담당 조교가 제출물을 확인합니다.");
        t.flags.push_back("tampering");
    } else if (!rec.end) {
        if (p.exit_code == 86) {
            set(Verdict::virtual_time_limit, fmt::format("가상 시간 제한({}초)을 넘었습니다: 블로킹 sleep 이 끝나지 않는 반복문 안에 있습니다.",
                                                  limits.virtual_seconds));
        } else {
            set(Verdict::no_result, fmt::format("테스트가 결과를 보고하기 전에 프로그램이 종료 코드 {}(으)로 끝났습니다. "
                                         "이 테스트는 실행되지 않은 것으로 채점합니다.",
                                         p.exit_code));
        }
    } else if (reported_pass && p.exit_code == 0 && !rec.tampering.empty()) {
        set(Verdict::no_result, "테스트 결과 기록이 조작되었습니다: 결과 채널에 테스트 실행기가 쓰지 않은 기록이 있습니다. "
                         "이 테스트는 0점으로 채점하고, 담당 조교가 제출물을 확인합니다.");
        t.flags.push_back("tampering");
        t.log += "tampering: " + rec.tampering + "\n";
    } else if (reported_pass && p.exit_code == 0 && !(run.replay && run.replay->confirmed)) {
        // What the judge's own run of the assertions said is what the student reads.
        t.checks = run.replay && run.replay->end ? checks_of_record(*run.replay->end) : json::array();
        set(Verdict::no_result, "테스트 프로그램은 통과했다고 보고했지만, 기록된 실행 결과로 채점기가 다시 판정하니 통과하지 "
                         "못했습니다 (결과 조작 의심). 이 테스트는 0점으로 채점하고, 담당 조교가 제출물을 확인합니다.");
        t.flags.push_back("tampering");
        t.log += "replay judge: " + (run.replay ? run.replay->reason : std::string("did not run")) + "\n";
    } else if (reported_pass && p.exit_code == 0) {
        set(Verdict::passed, "");
        t.score = spec.points;
    } else if (reported_pass) {
        set(Verdict::no_result, fmt::format("테스트는 통과했지만 프로그램이 종료 코드 {}(으)로 끝났습니다.", p.exit_code));
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
            set(Verdict::memory_limit, fmt::format("메모리 제한({}MB)을 넘었습니다 (std::bad_alloc).", limits.memory_mb));
        } else if (!guard.empty() && has_hint(t.checks, "not_implemented")) {
            // The stub's aio::todo() ran: a guard that followed (a join nobody wakes, say) is its
            // consequence, and "아직 구현하지 않음" is the one thing to say.
            set(Verdict::failed, "");
        } else if (guard == "deadlock") {
            // The checks' deadlock hint lists the stuck tasks; without one, the intro does.
            const std::string stuck = has_hint(t.checks, "deadlock") ? "" : stuck_tasks(guard_what);
            set(Verdict::deadlock, "교착 상태(deadlock): 작업들이 기다리고 있지만 깨워 줄 것이 아무것도 없습니다." +
                                (stuck.empty() ? "" : "\n멈춘 작업:\n" + stuck));
        } else if (guard == "virtual_time_limit") {
            set(Verdict::virtual_time_limit, fmt::format("가상 시간 제한({}초)을 넘었습니다: 끝나지 않는 대기가 있습니다.", limits.virtual_seconds));
        } else if (guard == "step_limit") {
            set(Verdict::step_limit, "이벤트 루프가 너무 많이 돌았습니다 (끝나지 않는 반복).");
        } else {
            set(Verdict::failed, t.checks.empty() ? "테스트가 실패했습니다." : "");
        }
    }
    t.message = sanitize_text(t.message, 8000);
    return t;
}

ExerciseResult judge_unbuildable(const Exercise& ex, Verdict verdict, const std::string& message,
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
    std::optional<Verdict> verdict;
    std::string message, log;
    for (const auto& f : files.files) {
        if (f.problem == FileProblem::none) continue;
        const Verdict v = verdict_of(to_string(f.problem));
        if (!verdict || aio::feedback::more_severe(v, *verdict)) verdict = v;
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
    return judge_unbuildable(ex, verdict.value_or(Verdict::grader_error), message, log);
}

void summarize(ExerciseResult& r) {
    r.score = r.max_score = 0;
    Verdict worst = Verdict::passed;
    for (const auto& t : r.tests) {
        r.score += t.score;
        r.max_score += t.points;
        if (aio::feedback::more_severe(t.verdict, worst)) worst = t.verdict;
    }
    r.verdict = worst;
}

json to_json(const TestResult& t) {
    json j = {{"name", t.name},       {"hidden", t.hidden}, {"points", t.points}, {"score", t.score}, {"verdict", t.verdict},
              {"message", t.message}, {"checks", t.checks}, {"trace", t.trace}};
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
    t.verdict = verdict_of(j.value("verdict", ""));
    t.message = j.value("message", "");
    t.checks = j.value("checks", json::array());
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
    e.verdict = verdict_of(j.value("verdict", ""));
    e.message = j.value("message", "");
    e.flags = j.value("flags", std::vector<std::string>{});
    for (const auto& t : j.value("tests", json::array())) e.tests.push_back(test_from_json(t));
    return e;
}

}  // namespace grader
