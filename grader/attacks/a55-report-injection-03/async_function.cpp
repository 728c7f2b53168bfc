// stub + printed lines and a returned value carrying HTML/SVG/JS, JSON and CSV breakers, ANSI
// escapes and invalid UTF-8: the report, grade.json and gradebook.csv must stay well-formed
#include "api.hpp"
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    aio::print("{}", "</text></svg></pre></div><script>alert('XSS-r15')</script><img src=x onerror=alert('XSS-r15b')>");
    aio::print("{}", "\"},{\"name\":\"fake\",\"score\":99,\"status\":\"passed\"}]}\n,99,99,passed\r\nXSS-r15-csv,1,2,3");
    aio::print("{}", "\x1b[2J\x1b[31mANSI\x1b]0;title\x07 \xff\xfe invalid utf8 \xc3\x28 \xed\xa0\x80");
    aio::print("{}", std::string("NUL\0inside", 10));
    co_return "<script>alert('XSS-r15c')</script>\xff";
}
