// asyncio.TaskGroup, in taskgroups.py's order. Children are kept in creation order, so abort()
// cancels them in that order (asyncio: in set order, which CPython does not define).
#include "aio/taskgroup.hpp"

#include <fmt/format.h>

namespace aio {

struct TaskGroup::State {
    bool entered = false, exiting = false, aborting = false, parent_cancel_requested = false;
    TaskRef parent_task;
    std::vector<TaskRef> tasks;
    std::vector<std::exception_ptr> errors;
    detail::Ref<detail::FutureState<void>> on_completed_fut;

    void abort() {
        aborting = true;
        for (TaskRef& t : tasks)
            if (!t.done()) t.cancel();
    }

    void on_task_done(const TaskRef& task) {
        for (std::size_t i = 0; i < tasks.size(); ++i)
            if (tasks[i] == task) {
                tasks.erase(tasks.begin() + std::ptrdiff_t(i));
                break;
            }
        if (on_completed_fut && tasks.empty() && !on_completed_fut->done()) on_completed_fut->set_result(none{});
        if (task.cancelled()) return;
        std::exception_ptr exc = task.exception();
        if (!exc) return;
        errors.push_back(exc);
        if (parent_task.done()) return;  // asyncio logs "has errored out but its parent task ... is already completed"
        if (!aborting && !parent_cancel_requested) {
            abort();
            parent_cancel_requested = true;
            parent_task.cancel();
        }
    }
};

TaskGroup::TaskGroup() : s_(std::make_shared<State>()) {}

void TaskGroup::enter() {
    if (s_->entered) throw std::runtime_error("TaskGroup has been already entered");
    s_->entered = true;
    s_->parent_task = current_task();
    if (!s_->parent_task.valid()) throw std::runtime_error("TaskGroup cannot determine the parent task");
}

void TaskGroup::check_can_create() const {
    if (!s_->entered) throw std::runtime_error("TaskGroup has not been entered");
    if (s_->exiting && s_->tasks.empty()) throw std::runtime_error("TaskGroup is finished");
    if (s_->aborting) throw std::runtime_error("TaskGroup is shutting down");
}

void TaskGroup::adopt(const TaskRef& t) {
    auto* cb = new detail::Callback([s = s_, t] { s->on_task_done(t); });
    t.base()->add_done_callback(cb, 0);
    s_->tasks.push_back(t);
}

namespace {
bool is_cancelled_error(const std::exception_ptr& e) {
    if (!e) return false;
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}
}  // namespace

task<> TaskGroup::exit(std::exception_ptr error) {
    std::shared_ptr<State> s = s_;
    s->exiting = true;
    std::exception_ptr propagate_cancellation_error = is_cancelled_error(error) ? error : nullptr;
    if (s->parent_cancel_requested) {
        if (s->parent_task.uncancel() == 0) propagate_cancellation_error = nullptr;
    }
    if (error && !s->aborting) s->abort();
    while (!s->tasks.empty()) {
        if (!s->on_completed_fut)
            s->on_completed_fut = detail::Ref<detail::FutureState<void>>(new detail::FutureState<void>(
                fmt::format("TaskGroup(자식 작업 {}개가 끝나기를 기다림)", s->tasks.size())));
        std::exception_ptr cancelled;
        try {
            co_await detail::await_state(*s->on_completed_fut);
        } catch (const CancelledError&) {
            cancelled = std::current_exception();
        }
        if (cancelled && !s->aborting) {
            propagate_cancellation_error = cancelled;
            s->abort();
        }
        s->on_completed_fut = {};
    }
    if (propagate_cancellation_error && s->errors.empty()) std::rethrow_exception(propagate_cancellation_error);
    if (error && !is_cancelled_error(error)) s->errors.push_back(error);
    if (!s->errors.empty()) {
        std::vector<std::exception_ptr> errors = std::move(s->errors);
        s->errors.clear();
        throw ExceptionGroup("unhandled errors in a TaskGroup", std::move(errors));
    }
}

}  // namespace aio
