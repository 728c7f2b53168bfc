// Every verdict and hint text a student reads, in one table over the two enums. Hint texts are
// {fmt} templates: {0}, {1}, ... are the hint's args, in the order hint.hpp's callers give them.
#include <fmt/args.h>
#include <fmt/format.h>

#include <array>

#include "aio/feedback/hint.hpp"
#include "aio/feedback/verdict.hpp"

namespace aio::feedback {
namespace {

struct VerdictText {
    Verdict verdict;
    std::string_view name, label, help;
};

constexpr std::array<VerdictText, kVerdictCount> kVerdicts{{
    {Verdict::passed, "passed", "통과", ""},
    {Verdict::failed, "failed", "실패", ""},
    {Verdict::no_result, "no_result", "결과 보고 없음",
     "테스트가 끝나기 전에 프로그램이 스스로 종료했습니다. exit()/abort()/std::terminate 호출을 지우세요."},
    {Verdict::virtual_time_limit, "virtual_time_limit", "가상 시간 초과",
     "co_await aio::sleep(...)이나 블로킹 sleep 이 끝없이 반복되고 있습니다. 반복문의 종료 조건을 확인하세요."},
    {Verdict::step_limit, "step_limit", "무한 반복(단계 제한)",
     "이벤트 루프가 끝없이 돌고 있습니다. 반복문의 종료 조건을 확인하세요."},
    {Verdict::deadlock, "deadlock", "교착 상태",
     "모든 작업이 서로(또는 아무도 완료하지 않는 것)를 기다리고 있습니다. 기다리는 대상이 언젠가 끝나는지 확인하세요."},
    {Verdict::stalled, "stalled", "멈춤(스레드 교착)",
     "std::mutex 를 두 번 잠그거나, 끝나지 않는 스레드를 join 하거나, 아무도 신호를 주지 않는 조건 변수를 기다리고 "
     "있지 않은지 확인하세요. 코루틴끼리 기다릴 때는 co_await 를 쓰고, 잠금은 필요 없습니다."},
    {Verdict::timeout, "timeout", "시간 초과", "끝나지 않는 반복문이나 절대 깨어나지 않는 대기가 있는지 확인하세요."},
    {Verdict::cpu_limit, "cpu_limit", "CPU 시간 초과",
     "CPU 를 계속 쓰는 반복문(busy loop)이 있는지 확인하세요. 기다릴 때는 co_await aio::sleep(...)을 쓰세요."},
    {Verdict::output_limit, "output_limit", "출력 초과", "반복문 안에서 출력을 너무 많이 하고 있지 않은지 확인하세요."},
    {Verdict::memory_limit, "memory_limit", "메모리 초과",
     "메모리를 끝없이 늘리는 코드(반복문 안의 push_back, new 등)가 있는지 확인하세요."},
    {Verdict::crash, "crash", "비정상 종료",
     "널 포인터, 범위를 벗어난 인덱스, 이미 끝난 코루틴의 지역 변수 참조가 없는지 확인하세요."},
    {Verdict::not_text, "not_text", "텍스트 파일 아님", "소스 파일이 아닌 것이 제출되었습니다. .cpp 텍스트 파일을 제출하세요."},
    {Verdict::not_utf8, "not_utf8", "UTF-8 아님", "소스 파일을 UTF-8 인코딩으로 저장하세요 (편집기의 '인코딩' 메뉴)."},
    {Verdict::missing_file, "missing_file", "파일 없음",
     "제출물에 이 파일이 있어야 합니다. 파일 이름과 위치(exercises/<번호-이름>/)를 확인하세요."},
    {Verdict::forbidden_code, "forbidden_code", "금지된 코드",
     "채점 프로그램의 입출력·런타임·테스트를 건드릴 수 있는 코드는 쓸 수 없습니다. 메시지에 적힌 줄을 지우고 ctest 로 "
     "다시 확인하세요 (ctest 의 build 단계가 같은 검사를 합니다)."},
    {Verdict::compile_error, "compile_error", "컴파일 오류",
     "컴파일러가 알려 준 첫 번째 오류부터 고치세요. 함수 이름과 매개변수가 api.hpp 의 선언과 같은지도 확인하세요."},
    {Verdict::grader_error, "grader_error", "채점기 오류", "채점기 또는 키트의 문제입니다. 담당 조교에게 알려 주세요."},
}};

struct HintText {
    HintId id;
    std::string_view name, title, text;
};

constexpr std::array<HintText, kHintCount> kHints{{
    {HintId::not_implemented, "not_implemented", "아직 구현하지 않음",
     "처음 받은 뼈대 그대로인 함수가 있습니다: {0}. 뼈대에 남아 있는 aio::todo() 가 그렇다고 알려 주었습니다. 함수 "
     "안의 TODO 설명대로 코드를 작성하고 `aio::todo();` 줄을 지우세요 (그 함수가 부르는 다른 함수도 아직 뼈대라면, "
     "불린 뒤에 여기에 이름이 나타납니다)."},
    {HintId::blocking_input, "blocking_input", "블로킹 입력",
     "코루틴 '{0}' 안에서 {1}초에 블로킹 입력({2}: std::getline(std::cin, ...), std::cin >>, scanf 같은 호출)으로 "
     "표준 입력을 읽어, 입력을 기다리는 동안 이벤트 루프 전체가 멈췄습니다 (가상 시계에서는 입력이 영영 오지 않아 "
     "런타임이 그 작업을 오류로 끝냈습니다). 코루틴 안에서는 `std::string line = co_await aio::input();` 으로 한 "
     "줄씩 받으세요."},
    {HintId::missing_co_return, "missing_co_return", "co_return 빠짐",
     "값을 돌려주는 코루틴 '{0}'이(가) co_return 없이 끝까지 실행되었습니다. aio::task<T> 코루틴은 마지막에 "
     "`co_return 값;` 으로 결과를 돌려줘야 합니다 (없으면 결과가 정해지지 않아 쓰레기 값이 나올 수 있으므로, 런타임이 "
     "그 작업을 오류로 끝냈습니다)."},
    {HintId::blocking_sleep, "blocking_sleep", "블로킹 sleep",
     "코루틴 '{0}' 안에서 {1}초에 {2}초짜리 블로킹 sleep(std::this_thread::sleep_for, sleep, usleep)이 실행되어 그동안 "
     "이벤트 루프 전체가 멈췄습니다 (모두 {3}번). 블로킹 sleep 중에는 다른 작업이 하나도 진행되지 않습니다. 코루틴 "
     "안에서는 `co_await aio::sleep(초)` 로 기다리세요."},
    {HintId::never_awaited, "never_awaited", "co_await 빠짐",
     "코루틴 '{0}'을(를) 호출만 하고 co_await 하지 않았습니다. 코루틴은 호출하는 것만으로는 한 줄도 실행되지 않습니다: "
     "`co_await {0}(...)` 로 기다리거나 aio::gather / aio::create_task 에 넘기세요."},
    {HintId::deadlock, "deadlock", "교착 상태(deadlock)",
     "{0}초에 남은 작업이 모두 무언가를 기다리고 있는데, 그 작업들을 깨워 줄 타이머도 입력도 더 이상 없습니다. 멈춰 "
     "있는 작업:\n{1}작업이 자기 자신을 기다리거나, 서로를 기다리거나, 영영 오지 않을 입력/결과를 기다리고 있지 "
     "않은지 확인하세요."},
    {HintId::virtual_time_limit, "virtual_time_limit", "가상 시간 초과",
     "가상 시간 {0}초 안에 끝나지 않았습니다. 끝나지 않는 반복문이나 지나치게 긴 sleep 이 없는지 확인하세요. 그때 남아 "
     "있던 작업:\n{1}"},
    {HintId::step_limit, "step_limit", "멈추지 않는 반복",
     "이벤트 루프가 셀 수 없이 돌았는데도 끝나지 않았습니다. 시간이 흐르지 않는 반복문(예: `co_await aio::sleep(0)` "
     "만 반복하거나 조건이 바뀌지 않는 while)이 있는지 확인하세요."},
    {HintId::no_running_loop, "no_running_loop", "이벤트 루프 밖",
     "이벤트 루프 밖에서 aio 기능을 썼습니다 ({0}). aio::sleep, aio::loop_time, aio::create_task 는 aio::run 으로 "
     "실행 중인 코루틴 안에서만 쓸 수 있습니다."},
    {HintId::task_exception, "task_exception", "작업 하나의 예외가 전체를 멈춤",
     "작업 '{0}'이(가) {1}초에 던진 예외가 그 작업을 기다리던 코루틴까지 전해져서, 다른 작업들이 끝나기 전에 실행 "
     "전체가 멈추고 그 작업들은 취소되었습니다. aio::gather 는 파이썬의 asyncio.gather 처럼 작업 하나가 예외를 던지면 "
     "곧바로 그 예외를 다시 던집니다. 작업 하나가 실패해도 나머지 결과가 필요하면 `co_await aio::gather_outcomes(...)` "
     "(파이썬의 gather(..., return_exceptions=True)) 로 모으고, 결과마다 ok() 로 값인지 예외인지 확인하세요."},
    {HintId::sequential_awaits, "sequential_awaits", "차례로 await",
     "{1}은(는) {0}이(가) 끝난 뒤인 {2}초에야 시작했습니다. `co_await a(); co_await b();` 처럼 하나씩 기다리면 앞의 "
     "작업이 끝나야 다음 작업이 시작됩니다. 함께 진행되어야 하는 작업은 `co_await aio::gather(a(), b())` 로 한꺼번에 "
     "기다리거나, aio::create_task 로 먼저 시작해 두고 나중에 co_await 하세요."},
    {HintId::no_tasks, "no_tasks", "작업을 만들지 않음",
     "메인 코루틴 말고는 작업(Task)이 하나도 만들어지지 않았습니다. `co_await f()` 는 f 를 지금 코루틴 안에서 끝까지 "
     "실행할 뿐 새 작업을 만들지 않으므로, 여러 f 가 동시에 진행될 수 없습니다. aio::gather(...) 나 "
     "aio::create_task(...) 로 작업을 만드세요."},
    {HintId::task_not_awaited, "task_not_awaited", "기다리지 않은 작업",
     "작업 '{0}'이(가) 끝나기 전에 메인 코루틴이 먼저 끝나서, 작업이 도중에 취소되었습니다. aio::create_task 로 만든 "
     "작업은 끝까지 `co_await` 해서 기다리세요."},
    {HintId::exception_not_retrieved, "exception_not_retrieved", "확인하지 않은 예외",
     "작업 '{0}'에서 예외가 났는데 아무도 그 결과를 확인하지 않았습니다 ({1}). 작업을 co_await 하거나 "
     "aio::gather_outcomes 로 결과를 모으세요."},
    {HintId::exception, "exception", "예외", "실행 도중 예외가 발생해 끝까지 실행되지 않았습니다: {0}"},
    {HintId::wrong_result_order, "wrong_result_order", "결과 순서",
     "들어 있는 값은 맞는데 순서가 다릅니다. aio::gather 는 작업이 끝난 순서가 아니라 인자로 넘긴 순서대로 결과를 "
     "돌려줍니다. 끝난 순서대로 모으지 말고, gather 가 돌려준 순서(인자 순서) 그대로 쓰세요."},
}};

// The tables are indexed by the enums: a row out of place is a build error, not a wrong text.
constexpr bool verdicts_in_order() {
    for (std::size_t i = 0; i < kVerdicts.size(); ++i)
        if (std::size_t(kVerdicts[i].verdict) != i) return false;
    return true;
}
constexpr bool hints_in_order() {
    for (std::size_t i = 0; i < kHints.size(); ++i)
        if (std::size_t(kHints[i].id) != i) return false;
    return true;
}
static_assert(verdicts_in_order(), "kVerdicts must list every Verdict in declaration order");
static_assert(hints_in_order(), "kHints must list every HintId in declaration order");

}  // namespace

std::string_view name(Verdict v) { return kVerdicts[std::size_t(v)].name; }
std::string_view label(Verdict v) { return kVerdicts[std::size_t(v)].label; }
std::string_view help(Verdict v) { return kVerdicts[std::size_t(v)].help; }
std::optional<Verdict> verdict_from_name(std::string_view n) {
    for (const VerdictText& t : kVerdicts)
        if (t.name == n) return t.verdict;
    return std::nullopt;
}

std::string_view name(HintId id) { return kHints[std::size_t(id)].name; }
std::string_view title(HintId id) { return kHints[std::size_t(id)].title; }
std::optional<HintId> hint_from_name(std::string_view n) {
    for (const HintText& t : kHints)
        if (t.name == n) return t.id;
    return std::nullopt;
}

std::string text(const Hint& hint) {
    const std::string_view tmpl = kHints[std::size_t(hint.id)].text;
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (const std::string& a : hint.args) args.push_back(a);
    try {
        return fmt::vformat(tmpl, args);
    } catch (const fmt::format_error&) {
        // Too few args (a record from another kit version): the text without its details.
        return std::string(tmpl);
    }
}

}  // namespace aio::feedback
