// The one Catch2 main of every exercise test binary: compiled once into the aio_catch_main object
// library, so building an exercise's tests compiles only the exercise's own files.
// The default reporter is the kit's Korean one (reporter.cpp); `-r console` etc. still work.
// Catch2 wraps messages at this many *bytes*; a Korean character takes three, so at the default
// 80 it would cut timeline rows in half (for the other reporters).
#define CATCH_CONFIG_CONSOLE_WIDTH 160
#define CATCH_CONFIG_DEFAULT_REPORTER "aio"
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
