#include "aio/testing/exercise.hpp"

#include "aio/clock.hpp"
#include "aio/io.hpp"
#include "aio/random.hpp"
#include "aio/trace.hpp"

namespace aio::testing {

ExerciseInfo& exercise() {
    static ExerciseInfo info;  // function-local: safe to assign from another TU's static initializer
    return info;
}

void reset_runtime_state() {
    clock::set_mode(clock::Mode::virtual_time);
    clock::reset(0.0);
    clock::set_virtual_limit(exercise().virtual_seconds);
    trace::clear();
    trace::set_echo(false);  // the failure message shows the output as a timeline instead
    trace::set_prefix_times(false);
    clear_scripted_input();
    random::seed(1);
}

}  // namespace aio::testing
