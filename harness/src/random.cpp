// Port of CPython's Modules/_randommodule.c (MT19937, init_by_array) and Lib/random.py.
#include "aio/random.hpp"

#include <random>
#include <stdexcept>
#include <string>

namespace aio {

void PyRandom::init_genrand(std::uint32_t s) {
    mt_[0] = s;
    for (mti_ = 1; mti_ < 624; ++mti_) {
        mt_[mti_] = 1812433253U * (mt_[mti_ - 1] ^ (mt_[mti_ - 1] >> 30)) + std::uint32_t(mti_);
    }
}

void PyRandom::init_by_array(const std::vector<std::uint32_t>& key) {
    init_genrand(19650218U);
    std::uint32_t i = 1, j = 0;
    const std::uint32_t n = 624, len = std::uint32_t(key.size());
    for (std::uint32_t k = (n > len ? n : len); k; --k) {
        mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + j;
        ++i;
        ++j;
        if (i >= n) {
            mt_[0] = mt_[n - 1];
            i = 1;
        }
        if (j >= len) j = 0;
    }
    for (std::uint32_t k = n - 1; k; --k) {
        mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - i;
        ++i;
        if (i >= n) {
            mt_[0] = mt_[n - 1];
            i = 1;
        }
    }
    mt_[0] = 0x80000000U;
}

void PyRandom::seed_abs_words(std::vector<std::uint32_t> words) {
    if (words.empty()) words.push_back(0);  // seed 0
    init_by_array(words);
}

void PyRandom::seed(std::int64_t n) {
    std::uint64_t v = n < 0 ? std::uint64_t(0) - std::uint64_t(n) : std::uint64_t(n);
    std::vector<std::uint32_t> words;
    for (; v; v >>= 32) words.push_back(std::uint32_t(v & 0xffffffffU));
    seed_abs_words(std::move(words));
}

void PyRandom::seed(std::string_view decimal) {
    std::string_view digits = decimal;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        throw std::invalid_argument("random seed must be a decimal integer, got '" + std::string(decimal) + "'");
    }
    // |n| in base 2**32, built digit by digit: words = words * 10 + digit.
    std::vector<std::uint32_t> words;
    for (char c : digits) {
        std::uint64_t carry = std::uint64_t(c - '0');
        for (std::uint32_t& w : words) {
            const std::uint64_t v = std::uint64_t(w) * 10 + carry;
            w = std::uint32_t(v);
            carry = v >> 32;
        }
        if (carry) words.push_back(std::uint32_t(carry));
    }
    seed_abs_words(std::move(words));
}

std::uint32_t PyRandom::genrand_uint32() {
    static constexpr std::uint32_t mag01[2] = {0x0U, 0x9908b0dfU};
    constexpr int N = 624, M = 397;
    constexpr std::uint32_t UPPER = 0x80000000U, LOWER = 0x7fffffffU;
    std::uint32_t y;
    if (mti_ >= N) {
        int kk;
        for (kk = 0; kk < N - M; ++kk) {
            y = (mt_[kk] & UPPER) | (mt_[kk + 1] & LOWER);
            mt_[kk] = mt_[kk + M] ^ (y >> 1) ^ mag01[y & 1U];
        }
        for (; kk < N - 1; ++kk) {
            y = (mt_[kk] & UPPER) | (mt_[kk + 1] & LOWER);
            mt_[kk] = mt_[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 1U];
        }
        y = (mt_[N - 1] & UPPER) | (mt_[0] & LOWER);
        mt_[N - 1] = mt_[M - 1] ^ (y >> 1) ^ mag01[y & 1U];
        mti_ = 0;
    }
    y = mt_[mti_++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

double PyRandom::random() {
    std::uint32_t a = genrand_uint32() >> 5, b = genrand_uint32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

double PyRandom::uniform(double a, double b) { return a + (b - a) * random(); }

std::uint64_t PyRandom::getrandbits(int k) {
    if (k < 0 || k > 64) throw std::invalid_argument("getrandbits: k must be in [0, 64]");
    if (k == 0) return 0;
    if (k <= 32) return genrand_uint32() >> (32 - k);
    // Words fill from the least significant end; the last word is truncated from the top.
    std::uint64_t lo = genrand_uint32();
    std::uint64_t hi = genrand_uint32() >> (64 - k);
    return lo | (hi << 32);
}

std::int64_t PyRandom::randbelow(std::uint64_t n) {
    if (n == 0) throw std::invalid_argument("randbelow(0)");
    int k = 64 - __builtin_clzll(n);  // n.bit_length()
    std::uint64_t r = getrandbits(k);
    while (r >= n) r = getrandbits(k);
    return std::int64_t(r);
}

std::int64_t PyRandom::randrange(std::int64_t start, std::int64_t stop) {
    if (stop <= start) throw std::invalid_argument("empty range for randrange()");
    return start + randbelow(std::uint64_t(stop - start));
}

std::int64_t PyRandom::randint(std::int64_t a, std::int64_t b) { return randrange(a, b + 1); }

namespace random {
PyRandom& generator() {
    static PyRandom g{std::int64_t(std::random_device{}())};
    return g;
}
}  // namespace random

}  // namespace aio
