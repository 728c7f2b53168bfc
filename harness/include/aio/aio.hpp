// Everything a student needs: #include <aio/aio.hpp>
#pragma once
#include "aio/clock.hpp"
#include "aio/errors.hpp"
#include "aio/gather.hpp"
#include "aio/io.hpp"
#include "aio/loop.hpp"
#include "aio/outcome.hpp"
#include "aio/program.hpp"
#include "aio/random.hpp"
#include "aio/run.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/trace.hpp"
