// How a task's result is written into the trace: with {fmt} when the type is formattable.
#pragma once
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace aio::detail {

template <class T>
std::string Promise<T>::result_text() const {
    if (!value_) return {};
    if constexpr (fmt::is_formattable<T>::value) return fmt::format("{}", *value_);
    else return "<value>";
}

}  // namespace aio::detail
