// The one Catch2 main of the runtime tests (compiled once, linked into the test binary).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
