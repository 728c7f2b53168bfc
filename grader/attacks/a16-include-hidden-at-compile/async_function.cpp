// ATTACK a16: at compile time, #include the kit's hidden test of exercise 03 from host paths the
// compiler's sandbox may show (the repository's absolute path, copies in /tmp, /var/tmp,
// /autograder). TEST_CASE is redefined first so that every hidden test case becomes a compile
// error whose text (shown to the student as the first compiler error) carries the hidden test's
// name after the marker AIO_LEAK_MARKER. When no copy is readable, this is the untouched stub.
#define TEST_CASE(...) static_assert(false, "AIO_LEAK_MARKER " __VA_ARGS__); [[maybe_unused]] static void aio_leak_body()
#if __has_include("/work/main/exercises/03-async-function/hidden/hidden_test.cpp")
#include "/work/main/exercises/03-async-function/hidden/hidden_test.cpp"
#elif __has_include("/tmp/aio-attack-kit/exercises/03-async-function/hidden/hidden_test.cpp")
#include "/tmp/aio-attack-kit/exercises/03-async-function/hidden/hidden_test.cpp"
#elif __has_include("/var/tmp/aio-attack-kit/exercises/03-async-function/hidden/hidden_test.cpp")
#include "/var/tmp/aio-attack-kit/exercises/03-async-function/hidden/hidden_test.cpp"
#elif __has_include("/autograder/source/exercises/03-async-function/hidden/hidden_test.cpp")
#include "/autograder/source/exercises/03-async-function/hidden/hidden_test.cpp"
#endif
#undef TEST_CASE

#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}
