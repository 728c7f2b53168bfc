// A failed Catch2 assertion as a feedback::Check: the AIO_CHECK/AIO_REQUIRE check itself when the
// assertion is one (verdict.hpp, pending_check), otherwise a check built from what Catch2 knows
// (a plain CHECK's expression and values, an exception's message, a fatal signal), in Korean.
// Used by the kit's Korean reporter and by the grader's runner main, so both say the same.
#pragma once
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include "aio/feedback/check.hpp"

namespace aio::testing {

feedback::Check failed_check(const Catch::AssertionStats& stats);
// A test case that ended on a fatal signal (Catch2 reports it outside of any assertion).
feedback::Check fatal_check(std::string_view signal_name);

}  // namespace aio::testing
