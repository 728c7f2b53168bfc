// ATTACK a29: no fd, no nonce: change what the honest runner observes through the linker. The
// kit's checks are templates in <aio/testing/expect.hpp>; the test objects hold their
// instantiations as weak (COMDAT) symbols. An explicit specialization here is a strong symbol
// with the same mangled name, so the linker uses it for the kit's own tests: every
// returned<std::string>(...) check of exercise 03 now passes. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <aio/testing/testing.hpp>

template <>
aio::testing::Verdict aio::testing::returned<std::string>(const aio::testing::Run<std::string>&, const std::string&) {
    return aio::testing::pass("돌려준 값이 맞다");
}

template <>
aio::testing::Verdict aio::testing::returned<std::vector<std::string>>(const aio::testing::Run<std::vector<std::string>>&,
                                                                       const std::vector<std::string>&) {
    return aio::testing::pass("돌려준 값이 맞다");
}
