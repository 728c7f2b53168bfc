// aio::PyRandom against CPython's `random`: data/random_vectors.txt holds, per seed and call, the
// first 20 results Python gives after random.seed(seed) (tools/gen_random_vectors.py). Doubles
// are compared by bit pattern, integers exactly.
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
    std::int64_t seed;
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
    REQUIRE(vectors.size() == 7 * calls().size());  // 7 seeds, every call
    for (const Vector& v : vectors) {
        INFO("random.seed(" << v.seed << "); " << v.call);
        REQUIRE(calls().count(v.call) == 1);
        REQUIRE(v.values.size() == 20);
        aio::PyRandom r(v.seed);
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
        if (v.seed != 42) continue;
        aio::random::seed(42);
        for (const std::string& want : v.values) {
            if (v.call == "random()") check_double(aio::random::random(), want);
            else if (v.call == "uniform(0.5,2.0)") check_double(aio::random::uniform(0.5, 2.0), want);
            else if (v.call == "randint(1,6)") check_int(aio::random::randint(1, 6), want);
            else if (v.call == "randint(0,10**12)") check_int(aio::random::randint(0, 1'000'000'000'000LL), want);
        }
    }
}
