#include "aio/todo.hpp"

#include "aio/task.hpp"
#include "aio/trace.hpp"

namespace aio {

void todo(std::source_location where) { trace::note_todo(detail::short_function_name(where.function_name())); }

}  // namespace aio
