// The kit's Catch2 reporter, "aio", the default of every exercise test binary (catch_main.cpp):
// one line per test case, and for a failing one its feedback as the grader's `grader check`
// shows it (feedback/render.hpp: brief by default, AIO_FEEDBACK=full for everything), then a
// Korean summary. Catch2's English boilerplate (separators, "explicitly with message:", source
// locations of the kit's tests) is not shown; `-r console` still gives Catch2's own report.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "aio/feedback/render.hpp"
#include "aio/testing/catch_feedback.hpp"
#include "aio/testing/verdict.hpp"

namespace {

class AioReporter : public Catch::StreamingReporterBase<AioReporter> {
public:
    explicit AioReporter(Catch::ReporterConfig const& config)
        : StreamingReporterBase(config), detail_(aio::feedback::detail_from_env()) {}

    static std::string getDescription() { return "Korean feedback for the exercise kit (aio::feedback)"; }

    void noMatchingTestCases(std::string const& spec) override {
        stream << fmt::format("'{}' 에 해당하는 테스트가 없습니다.\n", spec);
    }

    void testCaseStarting(Catch::TestCaseInfo const& info) override {
        StreamingReporterBase::testCaseStarting(info);
        checks_.clear();
        aio::testing::detail::clear_pending_check();
    }

    void assertionStarting(Catch::AssertionInfo const&) override {}

    bool assertionEnded(Catch::AssertionStats const& stats) override {
        if (!stats.assertionResult.isOk()) checks_.push_back(aio::testing::failed_check(stats));
        return true;
    }

    void testCaseEnded(Catch::TestCaseStats const& stats) override {
        const bool passed = stats.totals.assertions.failed == 0 && !stats.aborting;
        if (passed) {
            stream << fmt::format("✓ {}\n", stats.testInfo.name);
        } else {
            stream << fmt::format("✗ {}\n", stats.testInfo.name);
            if (checks_.empty()) checks_.push_back({"테스트가 실패했습니다", {}, {}, {}, {}, {}, {}});
            stream << aio::feedback::render_test(checks_, detail_, shown_) << "\n";
        }
        stream.flush();
        StreamingReporterBase::testCaseEnded(stats);
    }

    void testRunEnded(Catch::TestRunStats const& stats) override {
        const auto& cases = stats.totals.testCases;
        const std::size_t total = cases.total();
        if (cases.failed == 0) {
            stream << fmt::format("결과: 테스트 {}개 모두 통과했습니다.\n", total);
        } else {
            stream << fmt::format("결과: 테스트 {}개 중 {}개 통과, {}개 실패.\n", total, cases.passed, cases.failed);
            if (detail_ == aio::feedback::Detail::brief)
                stream << "모든 실패와 힌트를 보려면 AIO_FEEDBACK=full 로 다시 실행하세요 "
                          "(예: AIO_FEEDBACK=full ctest -L <연습-번호> --output-on-failure).\n";
        }
        stream.flush();
        StreamingReporterBase::testRunEnded(stats);
    }

private:
    aio::feedback::Detail detail_;
    aio::feedback::Shown shown_;
    std::vector<aio::feedback::Check> checks_;
};

}  // namespace

CATCH_REGISTER_REPORTER("aio", AioReporter)
