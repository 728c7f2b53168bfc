// asyncio.gather's state: completes when every child is done (or at the first failure).
#include "aio/gather.hpp"

#include <fmt/format.h>

namespace aio::detail {

GatherState::GatherState(std::vector<PromiseBase*> children, bool return_exceptions)
    : children_(std::move(children)), return_exceptions_(return_exceptions) {
    if (children_.empty()) {
        complete(nullptr);
        return;
    }
    for (std::size_t i = 0; i < children_.size(); ++i) children_[i]->add_done_callback(this, std::uint32_t(i));
}

GatherState::~GatherState() {
    for (PromiseBase* c : children_) c->release();
}

void GatherState::fire(std::uint32_t child_index) {
    ++finished_;
    PromiseBase& c = *children_[child_index];
    if (done()) {  // already failed/cancelled; asyncio just marks the exception retrieved
        if (!c.cancelled()) c.mark_result_retrieved();
        return;
    }
    if (!return_exceptions_) {
        if (c.cancelled()) {  // fut._make_cancelled_error(): the child's CancelledError
            complete(c.error() ? c.error() : std::make_exception_ptr(CancelledError()));
            return;
        }
        if (c.error()) {
            c.mark_result_retrieved();
            complete(c.error());
            return;
        }
    }
    if (finished_ == children_.size()) {
        for (PromiseBase* child : children_) child->mark_result_retrieved();
        if (cancel_requested_) complete_cancelled();
        else complete(nullptr);
    }
}

bool GatherState::cancel(std::string_view msg) {
    if (done()) return false;
    bool any = false;
    for (PromiseBase* c : children_)
        if (c->cancel(msg)) any = true;
    if (any) cancel_requested_ = true;
    return any;
}

void GatherState::describe(std::string& out) const {
    out += fmt::format("gather(작업 {}개 중 {}개 끝남)", children_.size(), finished_);
}

}  // namespace aio::detail
