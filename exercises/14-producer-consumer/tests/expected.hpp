// What the producer/consumer pipeline must do (shared by the public and hidden tests). Every
// expected output is CPython's: the program's Python twin
// (tests/reference/producer_consumer/producer_consumer.py) run by
// `python3 tools/gen_exercise_scenarios.py 14` on a virtual clock, pasted in the --trace format.
// These helpers name the lines, count what is in the queue, and bundle the checks.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

namespace producer_consumer_test {

// What is in the queue, from the lines printed right after each put and each get: their
// difference is queue.qsize() at every moment, in the order things happened.
inline const aio::testing::Counted kInQueue{"대기열의 물건", aio::testing::ends_with(" 넣음"), aio::testing::ends_with(" 꺼냄")};
// Items being worked on: taken out, not yet done.
inline const aio::testing::Counted kInWork{"처리 중인 물건", aio::testing::ends_with(" 꺼냄"),
                                           aio::testing::ends_with(" 처리 완료")};

// Every item the producers make: "1-1", "1-2", ..., "2-1", ...
inline std::vector<std::string> all_items(const std::vector<Producer>& producers) {
    std::vector<std::string> out;
    for (std::size_t p = 0; p < producers.size(); ++p)
        for (int k = 1; k <= producers[p].items; ++k) out.push_back(fmt::format("{}-{}", p + 1, k));
    return out;
}

// Each item's "처리 완료" line was printed exactly once (none lost, none done twice).
inline aio::testing::Verdict processed_once(const aio::testing::RunReport& r, const std::vector<std::string>& items) {
    using namespace aio::testing;
    const std::string title = fmt::format("물건 {}개가 모두 정확히 한 번씩 처리되어야 합니다", items.size());
    constexpr std::string_view kItem = ": 물건 ", kDone = " 처리 완료";
    std::map<std::string, int> done;  // item -> how many "처리 완료" lines
    for (const aio::trace::Line& l : r.trace.lines) {
        const auto at = l.text.find(kItem);
        if (at == std::string::npos || !ends_with(std::string(kDone))(l.text)) continue;
        const std::size_t from = at + kItem.size();
        if (l.text.size() >= from + kDone.size()) ++done[l.text.substr(from, l.text.size() - from - kDone.size())];
    }
    std::vector<std::string> missing, twice, strays;
    for (const std::string& item : items) {
        const int n = done.count(item) ? done[item] : 0;
        if (n == 0) missing.push_back(item);
        if (n > 1) twice.push_back(item);
    }
    for (const auto& [item, n] : done)
        if (std::find(items.begin(), items.end(), item) == items.end()) strays.push_back(item);
    if (r.returned() && missing.empty() && twice.empty() && strays.empty()) return pass(title);
    Failure f(r, title);
    f.expected(fmt::format("처리 완료: {}", fmt::join(items, ", ")));
    if (!missing.empty()) f.actual(fmt::format("처리되지 않은 물건: {}", fmt::join(missing, ", ")));
    if (!twice.empty()) f.actual(fmt::format("두 번 이상 처리된 물건: {}", fmt::join(twice, ", ")));
    if (!strays.empty()) f.actual(fmt::format("만들지 않은 물건: {}", fmt::join(strays, ", ")));
    f.actual_timeline(line_rows(r));
    return f.verdict();
}

// The consumers were stopped by cancelling them once the work was done (at `at`), and run_pipeline
// waited for that: `count` tasks of the coroutine consumer, each cancelled, each over at `at`,
// none of them left for aio::run to cancel.
inline aio::testing::Verdict consumers_cancelled(const aio::testing::RunReport& r, std::size_t count, double at) {
    using namespace aio::testing;
    const std::string title = fmt::format("일이 끝난 {:.3f}초에 소비자 작업 {}개가 모두 취소되어 끝나야 합니다", at, count);
    Failure f(r, title);
    f.expected(fmt::format("'consumer' 작업 {}개, 모두 {:.3f}초에 취소됨", count, at));
    std::size_t seen = 0;
    bool good = r.returned();
    for (const aio::trace::Span& s : r.trace.spans) {
        if (s.name != "consumer") continue;
        ++seen;
        const std::string name = r.trace.display_name(s.id);
        if (s.finished < 0) f.actual(fmt::format("{}: 끝나지 않았습니다 (취소하지 않았거나 취소를 기다리지 않음)", name)), good = false;
        else if (s.status != aio::trace::Status::cancelled)
            f.actual(fmt::format("{}: {:.3f}초에 취소되지 않고 끝났습니다", name, s.finished)), good = false;
        else if (std::fabs(s.finished - at) > kTimeTolerance)
            f.actual(fmt::format("{}: {:.3f}초에 취소되었습니다", name, s.finished)), good = false;
    }
    // Cancelled, but by aio::run after run_pipeline had returned (the leftovers asyncio.run cancels).
    for (const aio::trace::Warning& w : r.trace.warnings)
        if (w.kind == aio::trace::WarningKind::pending_at_exit && w.name.rfind("consumer", 0) == 0) {
            f.actual(fmt::format("{}: run_pipeline 이 끝날 때까지 취소되지 않아 aio::run 이 대신 취소했습니다", w.name));
            good = false;
        }
    if (seen != count) {
        f.actual(fmt::format("'consumer' 작업이 {}개입니다 (aio::create_task(consumer(...)) 로 시작)", seen));
        good = false;
    }
    if (good) return pass(title);
    f.actual_timeline(task_rows(r));
    return f.verdict();
}

// One run_pipeline call as Python ran it.
struct Expected {
    std::string_view python;              // the whole output (--trace format)
    double total;                         // when everything is done
    std::size_t queue_peak;               // the most items in the queue at once
    std::size_t busy_peak;                // the most consumers busy at once
    std::vector<std::string> processed;   // in the order they were done
};

// Everything about one run_pipeline run: the whole output, the total time, the queue never fuller
// than Python's (maxsize when producers had to wait), as many consumers busy at once, each item
// processed once, the consumers cancelled at the end, the returned order, and a clean end.
inline void check_pipeline(const aio::testing::Run<std::vector<std::string>>& r, const std::vector<Producer>& producers,
                           std::size_t consumers, const Expected& e) {
    using namespace aio::testing;
    AIO_CHECK(printed_exactly(r, traced(e.python)));
    AIO_CHECK(took(r, e.total));
    AIO_CHECK(peak_count(r, kInQueue, e.queue_peak));
    AIO_CHECK(peak_count(r, kInWork, e.busy_peak));
    AIO_CHECK(processed_once(r, all_items(producers)));
    AIO_CHECK(consumers_cancelled(r, consumers, e.total));
    AIO_CHECK(returned(r, e.processed));
    AIO_CHECK(finished_cleanly(r));
}

}  // namespace producer_consumer_test
