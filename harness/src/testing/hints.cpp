#include "aio/testing/hints.hpp"

#include <fmt/format.h>

#include <set>

namespace aio::testing {
namespace {

std::string task_name(const RunReport& report, std::uint32_t id) {
    const trace::Span* span = report.trace.span(id);
    return span ? report.trace.display_name(id) : std::string("?");
}

// The runtime's guard messages end with one indented line per pending task
// ("  Task 'worker' (#2) waiting for Task 'other' (#3)"); students get those lines verbatim.
std::string pending_task_lines(const std::string& what) {
    std::string out;
    std::size_t pos = what.find('\n');
    while (pos != std::string::npos && pos + 1 < what.size()) {
        const std::size_t next = what.find('\n', pos + 1);
        std::string line = what.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        if (!line.empty()) out += "    " + line.substr(line.find_first_not_of(' ')) + "\n";
        pos = next;
    }
    return out.empty() ? "    (목록 없음)\n" : out;
}

// The task whose exception ended the run: the run raised what a task other than the main task
// raised (the first one to finish with it, so not a task that only passed it on).
const trace::Span* task_that_raised(const RunReport& report) {
    if (report.ending != Ending::raised) return nullptr;
    const trace::Span* origin = nullptr;
    for (std::size_t i = 1; i < report.trace.spans.size(); ++i) {  // spans[0]: the run's main task
        const trace::Span& s = report.trace.spans[i];
        if (s.status != trace::Status::error || s.result != report.error_text) continue;
        if (!origin || s.finished < origin->finished) origin = &s;
    }
    return origin;
}

void add_warning_hints(const RunReport& report, std::vector<Hint>& hints, bool task_raised) {
    std::set<std::string> seen;  // one hint per (kind, name): a loop may drop the same coroutine often
    for (const trace::Warning& w : report.trace.warnings) {
        if (!seen.insert(std::to_string(int(w.kind)) + w.name).second) continue;
        switch (w.kind) {
            case trace::WarningKind::never_awaited:
                hints.push_back({"never_awaited", "co_await 빠짐",
                                 fmt::format("코루틴 '{0}'을(를) 호출만 하고 co_await 하지 않았습니다. 코루틴은 "
                                             "호출하는 것만으로는 한 줄도 실행되지 않습니다: `co_await {0}(...)` 로 "
                                             "기다리거나 aio::gather / aio::create_task 에 넘기세요.",
                                             w.name)});
                break;
            case trace::WarningKind::pending_at_exit:
                // Cancelled because another task's exception ended the run: that hint says why.
                if (task_raised) break;
                hints.push_back({"task_not_awaited", "기다리지 않은 작업",
                                 fmt::format("작업 '{}'이(가) 끝나기 전에 메인 코루틴이 먼저 끝나서, 작업이 도중에 "
                                             "취소되었습니다. aio::create_task 로 만든 작업은 끝까지 `co_await` 해서 "
                                             "기다리세요.",
                                             w.name)});
                break;
            case trace::WarningKind::exception_not_retrieved:
                hints.push_back({"exception_not_retrieved", "확인하지 않은 예외",
                                 fmt::format("작업 '{}'에서 예외가 났는데 아무도 그 결과를 확인하지 않았습니다 ({}). "
                                             "작업을 co_await 하거나 aio::gather_outcomes 로 결과를 모으세요.",
                                             w.name, w.message)});
                break;
            case trace::WarningKind::blocking_sleep_in_task:
                break;  // reported from trace.blocking_sleeps with more detail
        }
    }
}

}  // namespace

bool has_blocking_sleep(const RunReport& report) { return !report.trace.blocking_sleeps.empty(); }

std::vector<Hint> diagnose(const RunReport& report) {
    std::vector<Hint> hints;
    const trace::Span* raised_by_task = task_that_raised(report);
    switch (report.ending) {
        case Ending::returned:
            break;
        case Ending::raised:
            hints.push_back({"exception", "예외",
                             fmt::format("실행 도중 예외가 발생해 끝까지 실행되지 않았습니다: {}", report.error_text)});
            if (const trace::Span* origin = raised_by_task)
                hints.push_back(
                    {"task_exception", "작업 하나의 예외가 전체를 멈춤",
                     fmt::format("작업 '{}'이(가) {:.3f}초에 던진 예외가 그 작업을 기다리던 코루틴까지 전해져서, 다른 "
                                 "작업들이 끝나기 전에 실행 전체가 멈추고 그 작업들은 취소되었습니다. aio::gather 는 "
                                 "파이썬의 asyncio.gather 처럼 작업 하나가 예외를 던지면 곧바로 그 예외를 다시 "
                                 "던집니다. 작업 하나가 실패해도 나머지 결과가 필요하면 `co_await "
                                 "aio::gather_outcomes(...)` (파이썬의 gather(..., return_exceptions=True)) 로 모으고, "
                                 "결과마다 ok() 로 값인지 예외인지 확인하세요.",
                                 report.trace.display_name(origin->id), origin->finished)});
            break;
        case Ending::deadlock:
            hints.push_back({"deadlock", "교착 상태(deadlock)",
                             fmt::format("{:.3f}초에 남은 작업이 모두 무언가를 기다리고 있는데, 그 작업들을 깨워 줄 "
                                         "타이머도 입력도 더 이상 없습니다. 멈춰 있는 작업:\n{}"
                                         "작업이 자기 자신을 기다리거나, 서로를 기다리거나, 영영 오지 않을 입력/결과를 "
                                         "기다리고 있지 않은지 확인하세요.",
                                         report.elapsed, pending_task_lines(report.error_text))});
            break;
        case Ending::virtual_time_limit:
            hints.push_back({"virtual_time_limit", "가상 시간 초과",
                             fmt::format("가상 시간 {:g}초 안에 끝나지 않았습니다. 끝나지 않는 반복문이나 지나치게 긴 "
                                         "sleep 이 없는지 확인하세요. 그때 남아 있던 작업:\n{}",
                                         report.virtual_limit, pending_task_lines(report.error_text))});
            break;
        case Ending::step_limit:
            hints.push_back({"step_limit", "멈추지 않는 반복",
                             "이벤트 루프가 셀 수 없이 돌았는데도 끝나지 않았습니다. 시간이 흐르지 않는 반복문(예: "
                             "`co_await aio::sleep(0)` 만 반복하거나 조건이 바뀌지 않는 while)이 있는지 확인하세요."});
            break;
        case Ending::no_running_loop:
            hints.push_back({"no_running_loop", "이벤트 루프 밖",
                             fmt::format("이벤트 루프 밖에서 aio 기능을 썼습니다 ({}). aio::sleep, aio::loop_time, "
                                         "aio::create_task 는 aio::run 으로 실행 중인 코루틴 안에서만 쓸 수 있습니다.",
                                         report.error_text)});
            break;
    }
    if (has_blocking_sleep(report)) {
        const trace::BlockingSleep& first = report.trace.blocking_sleeps.front();
        hints.push_back({"blocking_sleep", "블로킹 sleep",
                         fmt::format("코루틴 '{}' 안에서 {:.3f}초에 {:g}초짜리 블로킹 sleep(std::this_thread::sleep_for, "
                                     "sleep, usleep)이 실행되어 그동안 이벤트 루프 전체가 멈췄습니다 (모두 {}번). "
                                     "블로킹 sleep 중에는 다른 작업이 하나도 진행되지 않습니다. 코루틴 안에서는 "
                                     "`co_await aio::sleep(초)` 로 기다리세요.",
                                     task_name(report, first.task_id), first.time, first.seconds,
                                     report.trace.blocking_sleeps.size())});
    }
    add_warning_hints(report, hints, raised_by_task != nullptr);
    return hints;
}

Hint sequential_awaits_hint(const std::string& first, const std::string& second, double second_started) {
    return {"sequential_awaits", "차례로 await",
            fmt::format("{1}은(는) {0}이(가) 끝난 뒤인 {2:.3f}초에야 시작했습니다. `co_await a(); co_await b();` 처럼 "
                        "하나씩 기다리면 앞의 작업이 끝나야 다음 작업이 시작됩니다. 함께 진행되어야 하는 작업은 "
                        "`co_await aio::gather(a(), b())` 로 한꺼번에 기다리거나, aio::create_task 로 먼저 시작해 "
                        "두고 나중에 co_await 하세요.",
                        first, second, second_started)};
}

Hint no_tasks_hint() {
    return {"no_tasks", "작업을 만들지 않음",
            "메인 코루틴 말고는 작업(Task)이 하나도 만들어지지 않았습니다. `co_await f()` 는 f 를 지금 코루틴 안에서 "
            "끝까지 실행할 뿐 새 작업을 만들지 않으므로, 여러 f 가 동시에 진행될 수 없습니다. aio::gather(...) 나 "
            "aio::create_task(...) 로 작업을 만드세요."};
}

Hint wrong_result_order_hint() {
    return {"wrong_result_order", "결과 순서",
            "들어 있는 값은 맞는데 순서가 다릅니다. aio::gather 는 작업이 끝난 순서가 아니라 인자로 넘긴 순서대로 "
            "결과를 돌려줍니다. 끝난 순서대로 모으지 말고, gather 가 돌려준 순서(인자 순서) 그대로 쓰세요."};
}

}  // namespace aio::testing
