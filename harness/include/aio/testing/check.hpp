// Catch2 glue: AIO_CHECK(verdict) records a failure and continues, AIO_REQUIRE(verdict) stops the
// test case. A passing verdict counts as a passed assertion; a failing one prints its Korean
// message (expected vs actual timelines and hints) as the failure text, and hands the failed
// check as data to the Korean reporter and the grader's listener (verdict.hpp, pending_check).
#pragma once
#include <catch2/catch.hpp>

#include "aio/testing/verdict.hpp"

#define AIO_TESTING_VERDICT_(fail, ...)                          \
    do {                                                         \
        const ::aio::testing::Verdict aio_verdict_ = (__VA_ARGS__); \
        if (aio_verdict_.ok) {                                   \
            SUCCEED(aio_verdict_.title);                         \
        } else {                                                 \
            ::aio::testing::detail::set_pending_check(aio_verdict_); \
            fail(aio_verdict_.message);                          \
        }                                                        \
    } while (false)

#define AIO_CHECK(...) AIO_TESTING_VERDICT_(FAIL_CHECK, __VA_ARGS__)
#define AIO_REQUIRE(...) AIO_TESTING_VERDICT_(FAIL, __VA_ARGS__)
