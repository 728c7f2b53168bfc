// aio::PyRandom against CPython's `random`: data/random_vectors.txt holds, per seed and call, the
// first 20 results Python gives after random.seed(seed) (tools/gen_random_vectors.py), for seeds of
// any size (given to PyRandom in decimal). Doubles are compared by bit pattern, integers exactly.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

struct Vector {
    std::string seed;  // decimal: some seeds do not fit in 64 bits
    std::string call;
    std::vector<std::string> values;
};

std::vector<Vector> load_vectors() {
    std::vector<Vector> out;
    std::istringstream in(rt::data_file("random_vectors.txt"));
    for (std::string row; std::getline(in, row);) {
        if (row.empty() || row[0] == '#') continue;
        std::istringstream fields(row);
        Vector v;
        fields >> v.seed >> v.call;
        for (std::string value; fields >> value;) v.values.push_back(value);
        out.push_back(std::move(v));
    }
    return out;
}

// One result of `call`, written the way the generator writes it; doubles also checked bitwise.
using Call = std::function<void(aio::PyRandom&, const std::string& want)>;

void check_double(double got, const std::string& want) {
    INFO("want " << want << ", got " << fmt::format("{:.17g}", got));
    CHECK(std::bit_cast<std::uint64_t>(got) == std::bit_cast<std::uint64_t>(std::strtod(want.c_str(), nullptr)));
}

template <class Int>
void check_int(Int got, const std::string& want) {
    CHECK(fmt::format("{}", got) == want);
}

const std::map<std::string, Call>& calls() {
    static const std::map<std::string, Call> table{
        {"random()", [](aio::PyRandom& r, const std::string& w) { check_double(r.random(), w); }},
        {"uniform(0.5,2.0)", [](aio::PyRandom& r, const std::string& w) { check_double(r.uniform(0.5, 2.0), w); }},
        {"randint(1,6)", [](aio::PyRandom& r, const std::string& w) { check_int(r.randint(1, 6), w); }},
        {"randint(0,10**12)",
         [](aio::PyRandom& r, const std::string& w) { check_int(r.randint(0, 1'000'000'000'000LL), w); }},
        {"getrandbits(40)", [](aio::PyRandom& r, const std::string& w) { check_int(r.getrandbits(40), w); }},
    };
    return table;
}

}  // namespace

TEST_CASE("PyRandom reproduces CPython's random for every seed and call in the vectors", "[random]") {
    const auto vectors = load_vectors();
    REQUIRE(vectors.size() == 11 * calls().size());  // 11 seeds, every call
    for (const Vector& v : vectors) {
        INFO("random.seed(" << v.seed << "); " << v.call);
        REQUIRE(calls().count(v.call) == 1);
        REQUIRE(v.values.size() == 20);
        aio::PyRandom r;
        r.seed(v.seed);
        for (std::size_t i = 0; i < v.values.size(); ++i) {
            INFO("result #" << i);
            calls().at(v.call)(r, v.values[i]);
        }
    }
}

TEST_CASE("re-seeding restarts the sequence; the module-level functions use the same generator", "[random]") {
    aio::PyRandom r(42);
    const double first = r.random();
    r.random();
    r.seed(42);
    CHECK(std::bit_cast<std::uint64_t>(r.random()) == std::bit_cast<std::uint64_t>(first));

    for (const Vector& v : load_vectors()) {
        if (v.seed != "42") continue;
        aio::random::seed(42);
        for (const std::string& want : v.values) {
            if (v.call == "random()") check_double(aio::random::random(), want);
            else if (v.call == "uniform(0.5,2.0)") check_double(aio::random::uniform(0.5, 2.0), want);
            else if (v.call == "randint(1,6)") check_int(aio::random::randint(1, 6), want);
            else if (v.call == "randint(0,10**12)") check_int(aio::random::randint(0, 1'000'000'000'000LL), want);
        }
    }
}

TEST_CASE("seeds of any size: the decimal and the int64 forms agree, non-integers are rejected", "[random]") {
    auto first = [](auto seed) {
        aio::PyRandom r;
        r.seed(seed);
        return r.genrand_uint32();
    };
    for (std::int64_t n : {std::int64_t(0), std::int64_t(-7), std::int64_t(1) << 40, INT64_MAX, INT64_MIN}) {
        INFO("seed " << n);
        CHECK(first(n) == first(std::string_view(fmt::format("{}", n))));
    }
    // A sign and leading zeros change nothing; Python uses |n|.
    CHECK(first(std::string_view("+0042")) == first(std::int64_t(42)));
    CHECK(first(std::string_view("-18446744073709551617")) == first(std::string_view("18446744073709551617")));
    // 2**64 + 1 is not 1: the words are [1, 0, 1].
    CHECK(first(std::string_view("18446744073709551617")) != first(std::int64_t(1)));
    for (const char* bad : {"", "-", "+", "1.5", "1e3", " 1", "1 ", "0x10", "1_000", "abc"}) {
        INFO("seed '" << bad << "'");
        CHECK_THROWS_AS(first(std::string_view(bad)), std::invalid_argument);
    }
}
