// CPython-compatible `random`: MT19937 seeded by init_by_array over the seed's 32-bit words,
// random() with 53 bits, uniform, randint (getrandbits-based rejection sampling). Same seed →
// the same numbers as Python 3.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace aio {

class PyRandom {
public:
    explicit PyRandom(std::int64_t seed = 0) { this->seed(seed); }
    void seed(std::int64_t n);
    // random.seed(n) for an integer of any size (Python's has no limit), written in decimal with an
    // optional sign, e.g. "18446744073709551617". Throws std::invalid_argument for anything else.
    void seed(std::string_view decimal);
    std::uint32_t genrand_uint32();
    double random();                                     // [0, 1)
    double uniform(double a, double b);                  // a + (b - a) * random()
    std::uint64_t getrandbits(int k);                    // 0 <= k <= 64
    std::int64_t randbelow(std::uint64_t n);             // [0, n)
    std::int64_t randint(std::int64_t a, std::int64_t b);  // [a, b]
    std::int64_t randrange(std::int64_t start, std::int64_t stop);

private:
    void init_genrand(std::uint32_t s);
    void init_by_array(const std::vector<std::uint32_t>& key);
    // random.seed(int): init_by_array over |n| in 32-bit words, least significant first (no words: [0]).
    void seed_abs_words(std::vector<std::uint32_t> words);
    std::uint32_t mt_[624]{};
    int mti_ = 625;
};

// The module-level generator (Python's `random.random()` etc.).
namespace random {
PyRandom& generator();
inline void seed(std::int64_t n) { generator().seed(n); }
inline void seed(std::string_view decimal) { generator().seed(decimal); }
inline double random() { return generator().random(); }
inline double uniform(double a, double b) { return generator().uniform(a, b); }
inline std::int64_t randint(std::int64_t a, std::int64_t b) { return generator().randint(a, b); }
inline std::int64_t randrange(std::int64_t a, std::int64_t b) { return generator().randrange(a, b); }
}  // namespace random

}  // namespace aio
