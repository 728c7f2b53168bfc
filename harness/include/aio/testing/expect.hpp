// Assertions about a run. Each returns a Verdict (use AIO_CHECK / AIO_REQUIRE from check.hpp);
// times are virtual seconds compared with a tolerance of kTimeTolerance.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "aio/testing/activity.hpp"
#include "aio/testing/run.hpp"
#include "aio/testing/verdict.hpp"

namespace aio::testing {

inline constexpr double kTimeTolerance = 1e-6;

// The run returned normally after `seconds` of simulated time. When it took longer and
// `should_overlap` names activities that ran back to back instead, the failure says so.
Verdict took(const RunReport& report, double seconds, const std::vector<Activity>& should_overlap = {});

// The nth (0-based) line equal to `text` was printed at time `at`.
Verdict printed_at(const RunReport& report, std::string_view text, double at, std::size_t nth = 0);

// These lines were printed in this order (other lines may come in between).
Verdict printed_in_order(const RunReport& report, const std::vector<std::string>& texts);

// Exactly these lines, at exactly these times, and nothing else.
struct TimedLine {
    double at;
    std::string text;
};
Verdict printed_exactly(const RunReport& report, const std::vector<TimedLine>& lines);

// Both activities ran and were in progress at the same time for a while.
Verdict overlap(const RunReport& report, const Activity& a, const Activity& b);

// `first` had finished when `second` started (blocking, one-after-another code).
Verdict one_after_another(const RunReport& report, const Activity& first, const Activity& second);

// At most this many tasks (besides the run's main task; only those named `task_name` if given)
// were running at the same moment, and at some moment exactly this many were.
Verdict max_in_flight(const RunReport& report, std::size_t expected, std::string_view task_name = {});
std::size_t measure_max_in_flight(const RunReport& report, std::string_view task_name = {});

// Returned normally without blocking sleeps and without runtime warnings.
Verdict finished_cleanly(const RunReport& report);

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// How a value appears in messages: strings quoted, ranges and tuples via {fmt}, an empty
// optional as "없음" (Python's None).
template <class T>
std::string show(const T& value) {
    if constexpr (std::is_convertible_v<const T&, std::string_view>) return quoted(std::string_view(value));
    else if constexpr (is_optional<T>::value) return value ? show(*value) : std::string("없음");
    else if constexpr (fmt::is_formattable<T>::value) return fmt::format("{}", value);
    else return "(출력할 수 없는 값)";
}

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

// Equality with a tolerance for floating-point values (virtual times are sums of doubles).
template <class T>
bool same(const T& a, const T& b) {
    if constexpr (std::is_floating_point_v<T>) return std::fabs(a - b) <= kTimeTolerance;
    else if constexpr (is_vector<T>::value)
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) { return same(x, y); });
    else if constexpr (is_optional<T>::value) return a.has_value() == b.has_value() && (!a || same(*a, *b));
    else return a == b;
}

// The same elements in a different order (vectors only).
template <class T>
bool reordered(const T& actual, const T& expected) {
    if constexpr (is_vector<T>::value)
        return !same(actual, expected) && std::is_permutation(actual.begin(), actual.end(), expected.begin(), expected.end());
    else return false;
}

Verdict value_mismatch(const RunReport& report, const std::string& expected, const std::string& actual, bool reordered);
Verdict no_value(const RunReport& report, const std::string& expected);

}  // namespace detail

// The run returned `expected` (compared with a tolerance for floating point values). When the
// values are right but their order is not, the failure names the wrong_result_order mistake.
template <class T>
Verdict returned(const Run<T>& run, const std::type_identity_t<T>& expected) {
    if (!run.returned() || !run.value) return detail::no_value(run, detail::show(expected));
    if (detail::same(*run.value, expected)) return pass(fmt::format("{} 을(를) 돌려준다", detail::show(expected)));
    return detail::value_mismatch(run, detail::show(expected), detail::show(*run.value), detail::reordered(*run.value, expected));
}

// returned() for one member of a returned struct, named in the messages ("inputs = [...]"):
//   AIO_CHECK(returned_member(r, "input_cancelled", &CounterResult::input_cancelled, true));
template <class T, class M>
Verdict returned_member(const Run<T>& run, std::string_view name, M T::*member, const std::type_identity_t<M>& expected) {
    const std::string want = fmt::format("{} = {}", name, detail::show(expected));
    if (!run.returned() || !run.value) return detail::no_value(run, want);
    const M& actual = (*run.value).*member;
    if (detail::same(actual, expected)) return pass(fmt::format("{} 을(를) 돌려준다", want));
    return detail::value_mismatch(run, want, fmt::format("{} = {}", name, detail::show(actual)), detail::reordered(actual, expected));
}

}  // namespace aio::testing
