// Exceptions the runtime raises. Messages are Korean, as students read them (a chapter program's
// stderr, the tests' hints). The guard errors' first line names the kind in parentheses --
// "교착 상태(deadlock):", "가상 시간 제한(virtual time limit)", "단계 제한(step limit)" -- and
// every further line is "  <task>: <what it waits for>" (grader/src/judge.cpp reads both).
#pragma once
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace aio {

// asyncio.CancelledError: thrown at the await point of a cancelled task. Task::cancel(msg) and
// Future::cancel(msg) pass msg along (Python's str(exc)); what() is "CancelledError" without one.
struct CancelledError : std::runtime_error {
    CancelledError() : std::runtime_error("CancelledError") {}
    explicit CancelledError(const std::string& msg)
        : std::runtime_error(msg.empty() ? "CancelledError" : msg), message_(msg) {}
    const std::string& message() const noexcept { return message_; }

private:
    std::string message_;
};

// asyncio.TimeoutError (the builtin TimeoutError in 3.11): wait_for and timeout() raise it.
struct TimeoutError : std::runtime_error {
    TimeoutError() : std::runtime_error("TimeoutError") {}
};

// BaseExceptionGroup as a TaskGroup raises it: the children's errors in the order they failed.
// what() is Python's str(eg): "unhandled errors in a TaskGroup (2 sub-exceptions)".
struct ExceptionGroup : std::runtime_error {
    ExceptionGroup(const std::string& message, std::vector<std::exception_ptr> errors)
        : std::runtime_error(message + " (" + std::to_string(errors.size()) +
                             (errors.size() == 1 ? " sub-exception)" : " sub-exceptions)")),
          message_(message), exceptions_(std::move(errors)) {}
    const std::string& message() const noexcept { return message_; }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

private:
    std::string message_;
    std::vector<std::exception_ptr> exceptions_;
};

// asyncio.InvalidStateError: Task::result() before the task is done.
struct InvalidStateError : std::logic_error {
    InvalidStateError() : std::logic_error("Result is not set.") {}
    explicit InvalidStateError(const std::string& what) : std::logic_error(what) {}
};

// Base of the errors that mean "the program itself is broken", not "a coroutine raised".
struct RuntimeGuardError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Tasks are waiting but nothing (ready handle, timer, input) can ever wake them.
struct DeadlockError : RuntimeGuardError {
    using RuntimeGuardError::RuntimeGuardError;
};
// The next timer lies beyond the run's virtual-time limit.
struct VirtualTimeLimitError : RuntimeGuardError {
    using RuntimeGuardError::RuntimeGuardError;
};
// More loop handles were run than the run's step limit allows (a runaway loop).
struct StepLimitError : RuntimeGuardError {
    using RuntimeGuardError::RuntimeGuardError;
};
// Used outside of aio::run (no running event loop), like asyncio's RuntimeError.
struct NoRunningLoopError : RuntimeGuardError {
    using RuntimeGuardError::RuntimeGuardError;
};
// A task<T> (T != void) ended without co_return (undefined behaviour the runtime still catches).
struct MissingCoReturnError : RuntimeGuardError {
    using RuntimeGuardError::RuntimeGuardError;
};
// A blocking read of stdin (std::cin, std::getline, scanf, read(0)...) inside a coroutine on the
// virtual clock: nobody can type while the loop is frozen, so the run stops here.
struct BlockingInputError : RuntimeGuardError {
    using RuntimeGuardError::RuntimeGuardError;
};
// input() reached end of input (Python's EOFError).
struct EofError : std::runtime_error {
    EofError() : std::runtime_error("EOFError: 입력이 끝났습니다 (EOF when reading a line)") {}
};

// ---- the errors of asyncio's locks and queues (aio/locks.hpp, aio/queues.hpp)
// asyncio.QueueFull / asyncio.QueueEmpty: put_nowait() on a full queue, get_nowait() on an empty
// one. what() is the class name, like CancelledError's (Python's str() of them is empty).
struct QueueFull : std::runtime_error {
    QueueFull() : std::runtime_error("QueueFull") {}
};
struct QueueEmpty : std::runtime_error {
    QueueEmpty() : std::runtime_error("QueueEmpty") {}
};
// Python's ValueError where asyncio raises one: a BoundedSemaphore released more often than it
// was acquired, Queue.task_done() called more often than items were put, a negative Semaphore.
struct ValueError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};
// asyncio's RuntimeError for a lock used without holding it: Lock.release() of an unlocked lock,
// Condition.wait() / notify() without the condition's lock.
struct LockNotAcquiredError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace aio
