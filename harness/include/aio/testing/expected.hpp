// Laying out what a test expects from work items that all start at the same moment (files, jobs,
// sites, waits): one activity per item, when the last one is done, and the lines they print as
// they finish. The durations are the test's own literals; these helpers only arrange them.
//
//   AIO_CHECK(took(r, longest(jobs, &Job::seconds), activities(jobs, job_activity)));
//   lines += finish_lines(jobs, 0.0, &Job::seconds, done_line);
//
// `duration` and the other per-item callables are anything std::invoke takes with the item (a
// lambda, a function, a pointer to a data member); a callable that also takes the item's 0-based
// index first gets it (work numbered by its place in the list: "작업 1", "작업 2", ...).
#pragma once
#include <algorithm>
#include <cstddef>
#include <functional>
#include <numeric>
#include <type_traits>
#include <vector>

#include "aio/testing/activity.hpp"
#include "aio/testing/expect.hpp"

namespace aio::testing {
namespace detail {

template <class F, class T>
decltype(auto) call_for_item(F& f, std::size_t index, const T& item) {
    if constexpr (std::is_invocable_v<F&, std::size_t, const T&>) return std::invoke(f, index, item);
    else return std::invoke(f, item);
}

}  // namespace detail

// One activity per item, in list order.
template <class T, class F>
std::vector<Activity> activities(const std::vector<T>& items, F activity_of) {
    std::vector<Activity> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(detail::call_for_item(activity_of, i, items[i]));
    return out;
}

// The largest duration (0 without items): how long work that starts together takes.
template <class T, class F>
double longest(const std::vector<T>& items, F duration) {
    double most = 0;
    for (std::size_t i = 0; i < items.size(); ++i) most = std::max(most, double(detail::call_for_item(duration, i, items[i])));
    return most;
}
inline double longest(const std::vector<double>& durations) {
    return longest(durations, [](double d) { return d; });
}

// The line each item prints when it finishes, at start + its duration, in the order they finish:
// shortest first. Equal durations keep list order (a stable sort), but the runtime wakes sleeps
// that end at the same moment in CPython's heapq order, which need not be list order: with ties,
// check those lines with printed_at instead.
template <class T, class D, class L>
std::vector<TimedLine> finish_lines(const std::vector<T>& items, double start, D duration, L line) {
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<double> seconds;
    seconds.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) seconds.push_back(double(detail::call_for_item(duration, i, items[i])));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return seconds[a] < seconds[b]; });
    std::vector<TimedLine> out;
    out.reserve(items.size());
    for (std::size_t i : order) out.push_back({start + seconds[i], detail::call_for_item(line, i, items[i])});
    return out;
}

}  // namespace aio::testing
