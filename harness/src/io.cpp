#include "aio/io.hpp"

#include <cstdio>
#include <deque>
#include <iostream>
#include <thread>

#include "aio/clock.hpp"
#include "aio/trace.hpp"

namespace aio {
namespace {
std::deque<ScriptedLine> g_script;
bool g_scripted = false;
}  // namespace

void print_text(std::string_view text) {
    std::size_t start = 0;
    while (true) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            trace::note_line(std::string(text.substr(start)));
            return;
        }
        trace::note_line(std::string(text.substr(start, nl - start)));
        start = nl + 1;
    }
}

void set_scripted_input(std::vector<ScriptedLine> lines) {
    g_script.assign(lines.begin(), lines.end());
    g_scripted = true;
}

void clear_scripted_input() {
    g_script.clear();
    g_scripted = false;
}

namespace detail {

// One pending input() call: a future completed when its line (or EOF) arrives.
class InputRequest final : public FutureBase {
public:
    explicit InputRequest(EventLoop* loop) : loop_(loop) {}
    std::string line;
    bool eof = false;
    bool external = false;  // a reader thread will deliver it

    void deliver(std::string text, bool at_eof) {
        if (done()) return;
        line = std::move(text);
        eof = at_eof;
        complete(nullptr);
    }
    void fire(std::uint32_t) override {
        if (external) {
            external = false;
            loop_->external_wait_end();
        }
        if (done()) return;
        if (pending_arrival_) {
            pending_arrival_ = false;
            deliver(std::move(arrival_text_), arrival_eof_);
        }
    }
    // No live() override: a delivery is never cancelled, like the Python model's call_at(deliver)
    // handle (tests/runtime/test_input.cpp). Once the request is done it does nothing, and a
    // cancelled input's scripted timer stays queued, uncancelled, until it is due.
    void describe(std::string& out) const override { out += "input()"; }

    void arrive_later(std::string text, bool at_eof) {
        arrival_text_ = std::move(text);
        arrival_eof_ = at_eof;
        pending_arrival_ = true;
    }

private:
    EventLoop* loop_;
    std::string arrival_text_;
    bool arrival_eof_ = false;
    bool pending_arrival_ = false;
};

}  // namespace detail

InputAwaiter::InputAwaiter(InputAwaiter&& o) noexcept
    : prompt_(std::move(o.prompt_)), request_(std::exchange(o.request_, nullptr)), task_(o.task_) {}

InputAwaiter::~InputAwaiter() {
    if (request_) request_->release();
}

void InputAwaiter::await_suspend(std::coroutine_handle<> h) {
    using namespace detail;
    EventLoop& loop = EventLoop::running();
    task_ = &PromiseBase::current();
    request_ = new InputRequest(&loop);
    request_->retain();

    if (!clock::is_virtual()) {
        // Real clock: show the prompt now; a thread blocks on stdin so the loop keeps running.
        std::fwrite(prompt_.data(), 1, prompt_.size(), stdout);
        std::fflush(stdout);
        request_->external = true;
        loop.external_wait_begin();
        request_->retain();  // owned by the thread's posted handle
        std::thread([req = request_, l = &loop] {
            std::string text;
            bool eof = !std::getline(std::cin, text);
            req->arrive_later(std::move(text), eof);
            if (!EventLoop::post_if_alive(l, Handle{req, 0})) return;  // loop gone: leak one request
        }).detach();
    } else if (g_scripted) {
        if (g_script.empty()) {
            request_->arrive_later({}, true);
            loop.call_soon(request_, 0);
        } else {
            ScriptedLine next = std::move(g_script.front());
            g_script.pop_front();
            request_->arrive_later(std::move(next.text), false);
            if (next.at <= loop.time()) loop.call_soon(request_, 0);
            else loop.call_at(next.at, request_, 0);
        }
    } else {
        // Virtual clock without a script: stdin lines are there at once.
        std::string text;
        bool eof = !std::getline(std::cin, text);
        request_->arrive_later(std::move(text), eof);
        loop.call_soon(request_, 0);
    }
    task_->suspend_on(*request_, h);
}

std::string InputAwaiter::await_resume() {
    task_->throw_if_cancel_requested();
    if (request_->cancelled()) throw CancelledError();
    if (request_->eof) throw EofError();
    if (clock::is_virtual()) {
        print_text(prompt_ + request_->line);  // as a terminal shows it: prompt, then what was typed
    } else {
        trace::set_echo(false);  // the terminal already shows both; keep the line for the trace
        print_text(prompt_ + request_->line);
        trace::set_echo(true);
    }
    return request_->line;
}

}  // namespace aio
