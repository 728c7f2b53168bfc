#include "aio/testing/catch_feedback.hpp"

#include <fmt/format.h>

#include "aio/feedback/verdict.hpp"
#include "aio/testing/verdict.hpp"

namespace aio::testing {

feedback::Check failed_check(const Catch::AssertionStats& stats) {
    const Catch::AssertionResult& r = stats.assertionResult;
    const std::string message = r.getMessage();
    if (const feedback::Check* check = detail::pending_check(message)) return *check;

    feedback::Check c;
    switch (r.getResultType()) {
        case Catch::ResultWas::ThrewException:
            c.title = "테스트 도중 예외가 발생했습니다";
            c.actual.push_back(message);
            break;
        case Catch::ResultWas::FatalErrorCondition:
            c = fatal_check(message);
            break;
        case Catch::ResultWas::DidntThrowException:
            c.title = fmt::format("{} 에서 예외가 나야 합니다", r.getExpression());
            c.actual.push_back("예외 없이 끝났습니다");
            break;
        default:
            if (r.hasExpression()) {
                c.title = fmt::format("검사: {}", r.getExpressionInMacro());
                if (r.hasExpandedExpression() && r.getExpandedExpression() != r.getExpression())
                    c.actual.push_back(r.getExpandedExpression());
                if (!message.empty()) c.actual.push_back(message);
            } else {
                c.title = message.empty() ? std::string("테스트가 실패했습니다") : message;
            }
            break;
    }
    // INFO/CAPTURE context; Catch2 also lists an assertion's own message there.
    for (const Catch::MessageInfo& info : stats.infoMessages)
        if (info.message != message) c.actual.push_back("(상황) " + info.message);
    return c;
}

feedback::Check fatal_check(std::string_view signal_name) {
    feedback::Check c;
    c.title = fmt::format("테스트 프로그램이 {}(으)로 비정상 종료했습니다", signal_name);
    c.actual.emplace_back(feedback::help(feedback::Verdict::crash));
    return c;
}

}  // namespace aio::testing
