// ATTACK a31: redefine a harness function outright: aio::testing::Failure::verdict() (which
// every failed check returns through) now says "ok". A strong duplicate of a function the
// harness objects also define: the link must fail or an audit must reject it; it must never
// turn failed checks into passes. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <aio/testing/testing.hpp>

aio::testing::Verdict aio::testing::Failure::verdict() const {
    aio::testing::Verdict v;
    v.ok = true;
    v.title = "통과";
    return v;
}
