#include "aio/io.hpp"

#include <dlfcn.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <thread>
#include <type_traits>

#include "aio/clock.hpp"
#include "aio/errors.hpp"
#include "aio/trace.hpp"

namespace aio {
namespace {
std::deque<ScriptedLine> g_script;
bool g_scripted = false;
// The runtime's own reads of stdin (input() on the virtual clock without a script) are not the
// student's blocking reads (see the interposers at the end of this file).
thread_local bool t_runtime_reads_stdin = false;
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
            if (!EventLoop::post_if_alive(l, detail::Handle{req, 0})) return;  // loop gone: leak one request
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
        t_runtime_reads_stdin = true;
        bool eof = !std::getline(std::cin, text);
        t_runtime_reads_stdin = false;
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

// ---- blocking input
// A blocking read of stdin inside a coroutine on the virtual clock would freeze the loop forever
// (from a terminal: a wall-clock timeout; from /dev/null: wrong answers). As with sleep (clock.cpp),
// the executable's definitions of the C input functions win over libc's, so every way C and C++
// reach stdin lands here: libstdc++'s std::cin calls getc/fread (sync_with_stdio) or read.
// Outside tasks, in real mode, and for the runtime's own reads they forward to libc (RTLD_NEXT).
// Otherwise the read is recorded (trace.blocking_inputs) and BlockingInputError is thrown at the
// student's call; for std::cin the stream's exception mask lets it through the istream, which
// would otherwise swallow it and leave a loop around getline spinning.
namespace {
std::atomic<std::uint64_t> g_run_generation{0};  // one per test run (reset_stdin_guard)
constexpr std::size_t kMaxBlockingInputs = 100;  // a loop that catches the error and reads again
constexpr long kWatchdogSeconds = 3;

[[noreturn]] void blocking_input_loop(const char* call) {
    std::fflush(stdout);
    std::fprintf(stderr,
                 "[aio] blocking stdin reads inside a coroutine in a loop (%s)\n"
                 "[aio] 코루틴 안에서 블로킹 입력(std::cin, std::getline, scanf 등)을 반복해서 불렀습니다. 가상 "
                 "시계에서는 아무도 입력할 수 없습니다: `co_await aio::input()` 으로 받으세요.\n",
                 call);
    std::fflush(stderr);
    std::_Exit(aio::clock::kVirtualLimitExitCode);
}

// A loop that swallows the error and reads std::cin again never reaches us again: the stream is
// bad from then on and fails at once. So the first blocking read of a run arms a watchdog: if the
// same run is still going kWatchdogSeconds of real time later, it is that loop.
void arm_watchdog(const char* call) {
    const std::uint64_t generation = g_run_generation.load();
    std::thread([generation, call] {
        timespec t{kWatchdogSeconds, 0};
        while (::syscall(SYS_nanosleep, &t, &t) == -1 && errno == EINTR) {  // not the clock's interposer
        }
        if (g_run_generation.load() == generation) blocking_input_loop(call);
    }).detach();
}
}  // namespace

namespace aio::detail {
void reset_stdin_guard() {
    ++g_run_generation;
    std::cin.exceptions(std::ios::goodbit);
    std::cin.clear();
}
}  // namespace aio::detail

namespace {
bool guard_stdin(const char* call) {
    if (aio::t_runtime_reads_stdin || !aio::clock::is_virtual()) return false;
    if (!aio::trace::note_blocking_input(call)) return false;
    const std::size_t count = aio::trace::current().blocking_inputs.size();
    if (count > kMaxBlockingInputs) blocking_input_loop(call);
    if (count == 1) arm_watchdog(call);
    std::cin.exceptions(std::ios::badbit);
    throw aio::BlockingInputError(std::string("blocking read of stdin (") + call +
                                  ") inside a coroutine on the virtual clock: use co_await aio::input()");
}
bool is_stdin(FILE* stream) { return stream == stdin; }

template <class F>
F next_symbol(F, const char* name) {
    static_assert(std::is_pointer_v<F>);
    return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}
// The libc function `name` (of the type of the interposer `self`), looked up once.
#define AIO_REAL(self, name) static const auto real = next_symbol(&self, name)
}  // namespace

extern "C" {
ssize_t __read_chk(int fd, void* buf, size_t n, size_t buflen);
int _IO_getc(FILE* stream);
char* __fgets_chk(char* s, size_t size, int n, FILE* stream);
size_t __fread_chk(void* ptr, size_t ptrlen, size_t size, size_t n, FILE* stream);
ssize_t __getdelim(char** line, size_t* n, int delim, FILE* stream);
// <cstdio> maps scanf, fscanf, vscanf and vfscanf to these (C99 scanf), in C++ too.
int __isoc99_scanf(const char* format, ...);
int __isoc99_fscanf(FILE* stream, const char* format, ...);
int __isoc99_vscanf(const char* format, va_list ap);
int __isoc99_vfscanf(FILE* stream, const char* format, va_list ap);

ssize_t read(int fd, void* buf, size_t n) {
    AIO_REAL(read, "read");
    if (fd == 0) guard_stdin("read");
    return real(fd, buf, n);
}
ssize_t __read_chk(int fd, void* buf, size_t n, size_t buflen) {
    AIO_REAL(__read_chk, "__read_chk");
    if (fd == 0) guard_stdin("read");
    return real(fd, buf, n, buflen);
}
int getc(FILE* stream) {
    AIO_REAL(getc, "getc");
    if (is_stdin(stream)) guard_stdin("getc");
    return real(stream);
}
int _IO_getc(FILE* stream) {
    AIO_REAL(_IO_getc, "_IO_getc");
    if (is_stdin(stream)) guard_stdin("getc");
    return real(stream);
}
int fgetc(FILE* stream) {
    AIO_REAL(fgetc, "fgetc");
    if (is_stdin(stream)) guard_stdin("fgetc");
    return real(stream);
}
int getchar() {
    AIO_REAL(getchar, "getchar");
    guard_stdin("getchar");
    return real();
}
char* fgets(char* s, int size, FILE* stream) {
    AIO_REAL(fgets, "fgets");
    if (is_stdin(stream)) guard_stdin("fgets");
    return real(s, size, stream);
}
char* __fgets_chk(char* s, size_t size, int n, FILE* stream) {
    AIO_REAL(__fgets_chk, "__fgets_chk");
    if (is_stdin(stream)) guard_stdin("fgets");
    return real(s, size, n, stream);
}
size_t fread(void* ptr, size_t size, size_t n, FILE* stream) {
    AIO_REAL(fread, "fread");
    if (is_stdin(stream)) guard_stdin("fread");
    return real(ptr, size, n, stream);
}
size_t __fread_chk(void* ptr, size_t ptrlen, size_t size, size_t n, FILE* stream) {
    AIO_REAL(__fread_chk, "__fread_chk");
    if (is_stdin(stream)) guard_stdin("fread");
    return real(ptr, ptrlen, size, n, stream);
}
ssize_t getdelim(char** line, size_t* n, int delim, FILE* stream) {
    AIO_REAL(getdelim, "getdelim");
    if (is_stdin(stream)) guard_stdin("getline");
    return real(line, n, delim, stream);
}
ssize_t __getdelim(char** line, size_t* n, int delim, FILE* stream) {
    AIO_REAL(__getdelim, "__getdelim");
    if (is_stdin(stream)) guard_stdin("getline");
    return real(line, n, delim, stream);
}
ssize_t getline(char** line, size_t* n, FILE* stream) {
    AIO_REAL(getline, "getline");
    if (is_stdin(stream)) guard_stdin("getline");
    return real(line, n, stream);
}
int __isoc99_vfscanf(FILE* stream, const char* format, va_list ap) {
    AIO_REAL(__isoc99_vfscanf, "__isoc99_vfscanf");
    if (is_stdin(stream)) guard_stdin("scanf");
    return real(stream, format, ap);
}
int __isoc99_vscanf(const char* format, va_list ap) { return __isoc99_vfscanf(stdin, format, ap); }
int __isoc99_scanf(const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int r = __isoc99_vfscanf(stdin, format, ap);
    va_end(ap);
    return r;
}
int __isoc99_fscanf(FILE* stream, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int r = __isoc99_vfscanf(stream, format, ap);
    va_end(ap);
    return r;
}
}
// ---- end blocking input ------------------------------------------------------------------------
