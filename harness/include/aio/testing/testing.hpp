// Everything an exercise test needs: #include <aio/testing/testing.hpp>
//
//   auto r = aio::testing::run_virtual(prepare_breakfast(3, 2));
//   AIO_CHECK(took(r, 3.0, {coffee, toast}));
//   AIO_CHECK(printed_at(r, "토스트가 완성되었습니다!", 2.0));
//   AIO_CHECK(overlap(r, coffee, toast));
//   AIO_CHECK(returned(r, {"커피", "토스트"}));
#pragma once
#include <aio/aio.hpp>

#include "aio/testing/activity.hpp"
#include "aio/testing/check.hpp"
#include "aio/testing/exercise.hpp"
#include "aio/testing/expect.hpp"
#include "aio/testing/expected.hpp"
#include "aio/testing/hints.hpp"
#include "aio/testing/lines.hpp"
#include "aio/testing/run.hpp"
#include "aio/testing/timeline.hpp"
#include "aio/testing/verdict.hpp"
