// ATTACK a23 (exercise 03): a compile bomb: template instantiation that doubles at every level
// (Bomb<N, M> needs Bomb<N-1, 2M> and Bomb<N-1, 2M+1>, 40 levels): 2^40 distinct classes.
// Followed by the untouched stub (never reached).
template <int N, unsigned long M>
struct Bomb {
    // Two distinct instantiations per level: 2^N class templates in all.
    static constexpr unsigned long value = Bomb<N - 1, M * 2>::value + Bomb<N - 1, M * 2 + 1>::value;
};
template <unsigned long M>
struct Bomb<0, M> {
    static constexpr unsigned long value = M;
};
[[maybe_unused]] static const unsigned long aio_bomb_value = Bomb<40, 1>::value;

#include "api.hpp"

aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";
}
