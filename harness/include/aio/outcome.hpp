// Outcome<T>: one element of gather(..., return_exceptions=True): a value or the exception.
#pragma once
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "aio/errors.hpp"

namespace aio {

template <class T>
class Outcome {
public:
    Outcome(T value) : v_(std::move(value)) {}
    Outcome(std::exception_ptr error) : v_(std::move(error)) {}

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    // The value; rethrows the stored exception if there is none.
    const T& value() const {
        if (!ok()) std::rethrow_exception(std::get<1>(v_));
        return std::get<0>(v_);
    }
    T& value() {
        if (!ok()) std::rethrow_exception(std::get<1>(v_));
        return std::get<0>(v_);
    }
    const T& operator*() const { return value(); }
    const T* operator->() const { return &value(); }
    std::exception_ptr error() const { return ok() ? nullptr : std::get<1>(v_); }
    // The exception's what() (empty when ok): handy for printing like Python's str(exc).
    std::string what() const {
        if (ok()) return {};
        try {
            std::rethrow_exception(std::get<1>(v_));
        } catch (const std::exception& e) {
            return e.what();
        } catch (...) {
            return "unknown exception";
        }
    }
    // isinstance(result, E)
    template <class E>
    bool holds() const {
        if (ok()) return false;
        try {
            std::rethrow_exception(std::get<1>(v_));
        } catch (const E&) {
            return true;
        } catch (...) {
            return false;
        }
    }

private:
    std::variant<T, std::exception_ptr> v_;
};

}  // namespace aio
