// Named hints for the classic mistakes, detected from a run's ending and trace. A hint is an id
// with its values (aio/feedback/hint.hpp); its Korean text is in the one table (feedback/texts.cpp).
//
//   id                       detected from
//   not_implemented          trace.todos (a stub function still calls aio::todo()); always first
//   blocking_sleep           trace.blocking_sleeps (sleep_for/sleep/usleep inside a coroutine)
//   sequential_awaits        activities that should overlap ran back to back (assertions add it)
//   no_tasks                 concurrency expected but the run created no tasks besides main
//   never_awaited            trace warning: a coroutine object destroyed without running
//   task_not_awaited         trace warning: a task still pending when main finished
//   exception_not_retrieved  trace warning: a task failed and nobody looked at the exception
//   deadlock                 DeadlockError (the text names the stuck tasks)
//   virtual_time_limit       VirtualTimeLimitError
//   step_limit               StepLimitError
//   no_running_loop          NoRunningLoopError
//   exception                the code under test threw
//   task_exception           ... what a task (not the main one) threw: gather let it through;
//                            names aio::gather_outcomes (replaces task_not_awaited, whose tasks
//                            were only cancelled because of it)
//   wrong_result_order       the right values in the wrong order (assertions add it)
#pragma once
#include <string>
#include <vector>

#include "aio/feedback/hint.hpp"
#include "aio/testing/run.hpp"

namespace aio::testing {

using feedback::Hint;
using feedback::HintId;

// Hints that follow from the run alone (its ending and the trace's warnings/blocking sleeps).
std::vector<Hint> diagnose(const RunReport& report);
bool has_blocking_sleep(const RunReport& report);

// Hints that need to know what the test expected.
Hint sequential_awaits_hint(const std::string& first, const std::string& second, double second_started);
Hint no_tasks_hint();
Hint wrong_result_order_hint();

}  // namespace aio::testing
