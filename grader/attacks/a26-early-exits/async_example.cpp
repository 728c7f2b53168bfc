// ATTACK a26 (exercise 02): exit(0) from a static constructor, before Catch2 runs any test:
// a clean exit status without a single test having run. Otherwise the untouched stub.
#include "api.hpp"

#include <cstdlib>

namespace {
const int early = (std::exit(0), 0);
}

aio::task<std::string> make_coffee([[maybe_unused]] double brew_seconds) { co_return ""; }
aio::task<std::string> make_toast([[maybe_unused]] double toast_seconds) { co_return ""; }
aio::task<std::vector<std::string>> prepare_breakfast([[maybe_unused]] double brew_seconds,
                                                      [[maybe_unused]] double toast_seconds) {
    co_return std::vector<std::string>{};
}
