// A byte-exact encoding of the values a run returns, for the grader's replay judge (observe.hpp):
// the test process records what the code under test returned, and a second process - built
// from the same tests but without the student's code - decodes it and runs the assertions.
// Strings are length-prefixed (any bytes), doubles keep their exact bits, so a value read back
// compares exactly as the original would.
//
// Supported: bool, integers, floating point, std::string, aio::none, std::vector, std::optional,
// std::pair, std::tuple, and aggregates that list their members once with AIO_TESTING_FIELDS.
#pragma once
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace aio::testing::wire {

// A record that does not decode: the replay judge treats the test as having no result.
struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Encoder {
public:
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) out_.push_back(char((v >> (8 * i)) & 0xff));
    }
    void i64(std::int64_t v) { u64(std::uint64_t(v)); }
    void f64(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        u64(bits);
    }
    void bytes(std::string_view s) {
        u64(s.size());
        out_.append(s);
    }
    const std::string& data() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class Decoder {
public:
    explicit Decoder(std::string_view in) : in_(in) {}
    std::uint64_t u64() {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t(std::uint8_t(in_[pos_ + std::size_t(i)])) << (8 * i);
        pos_ += 8;
        return v;
    }
    std::int64_t i64() { return std::int64_t(u64()); }
    double f64() {
        const std::uint64_t bits = u64();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    std::string bytes() {
        const std::uint64_t n = u64();
        need(n);
        std::string s(in_.substr(pos_, std::size_t(n)));
        pos_ += std::size_t(n);
        return s;
    }
    // A count of elements that each take at least one byte: bounds what a forged count can allocate.
    std::size_t count() {
        const std::uint64_t n = u64();
        if (n > in_.size() - pos_) throw DecodeError("element count beyond the record");
        return std::size_t(n);
    }
    bool at_end() const { return pos_ == in_.size(); }

private:
    void need(std::uint64_t n) const {
        if (n > in_.size() - pos_) throw DecodeError("record ends early");
    }
    std::string_view in_;
    std::size_t pos_ = 0;
};

template <class T, class = void>
struct Codec;  // no encoding for this type: add AIO_TESTING_FIELDS(Type, members...) for an aggregate

template <class T>
void put(Encoder& e, const T& v) {
    Codec<T>::put(e, v);
}
template <class T>
T get(Decoder& d) {
    return Codec<T>::get(d);
}

template <>
struct Codec<bool> {
    static void put(Encoder& e, bool v) { e.u64(v ? 1 : 0); }
    static bool get(Decoder& d) {
        const auto v = d.u64();
        if (v > 1) throw DecodeError("bad bool");
        return v == 1;
    }
};

template <class T>
struct Codec<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
    static void put(Encoder& e, T v) { e.i64(std::int64_t(v)); }
    static T get(Decoder& d) { return T(d.i64()); }
};

template <class T>
struct Codec<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    static void put(Encoder& e, T v) { e.f64(double(v)); }
    static T get(Decoder& d) { return T(d.f64()); }
};

template <class T>
struct Codec<T, std::enable_if_t<std::is_enum_v<T>>> {
    static void put(Encoder& e, T v) { e.i64(std::int64_t(v)); }
    static T get(Decoder& d) { return T(d.i64()); }
};

template <>
struct Codec<std::string> {
    static void put(Encoder& e, const std::string& v) { e.bytes(v); }
    static std::string get(Decoder& d) { return d.bytes(); }
};

template <>
struct Codec<std::monostate> {  // aio::none: what a task<void> "returns"
    static void put(Encoder&, std::monostate) {}
    static std::monostate get(Decoder&) { return {}; }
};

template <class T, class A>
struct Codec<std::vector<T, A>> {
    static void put(Encoder& e, const std::vector<T, A>& v) {
        e.u64(v.size());
        for (const auto& x : v) wire::put(e, x);
    }
    static std::vector<T, A> get(Decoder& d) {
        const std::size_t n = d.count();
        std::vector<T, A> v;
        v.reserve(n);
        for (std::size_t i = 0; i < n; ++i) v.push_back(wire::get<T>(d));
        return v;
    }
};

template <class T>
struct Codec<std::optional<T>> {
    static void put(Encoder& e, const std::optional<T>& v) {
        wire::put(e, v.has_value());
        if (v) wire::put(e, *v);
    }
    static std::optional<T> get(Decoder& d) {
        if (!wire::get<bool>(d)) return std::nullopt;
        return wire::get<T>(d);
    }
};

template <class... T>
struct Codec<std::tuple<T...>> {
    static void put(Encoder& e, const std::tuple<T...>& v) {
        std::apply([&](const auto&... x) { (wire::put(e, x), ...); }, v);
    }
    static std::tuple<T...> get(Decoder& d) { return std::tuple<T...>{wire::get<T>(d)...}; }  // braces: in order
};

template <class A, class B>
struct Codec<std::pair<A, B>> {
    static void put(Encoder& e, const std::pair<A, B>& v) {
        wire::put(e, v.first);
        wire::put(e, v.second);
    }
    static std::pair<A, B> get(Decoder& d) {
        A a = wire::get<A>(d);
        B b = wire::get<B>(d);
        return {std::move(a), std::move(b)};
    }
};

// Aggregates: AIO_TESTING_FIELDS(SiteResult, name, ok, seconds) next to the tests (the names are
// only placeholders, in declaration order: a structured binding takes the members apart).
template <class T>
struct Codec<T, std::void_t<decltype(aio_testing_fields(std::declval<T&>()))>> {
    static void put(Encoder& e, const T& v) {
        std::apply([&](const auto&... x) { (wire::put(e, x), ...); }, aio_testing_fields(const_cast<T&>(v)));
    }
    static T get(Decoder& d) {
        T v{};
        std::apply([&](auto&... x) { ((x = wire::get<std::remove_reference_t<decltype(x)>>(d)), ...); }, aio_testing_fields(v));
        return v;
    }
};

// Whether values of T can be recorded (the kit's exercise types must be; a test's local types
// need not, and runs returning them are not replayable: the replay judge says so).
template <class T>
struct encodable : std::bool_constant<requires { &Codec<T>::put; }> {};
template <class T, class A>
struct encodable<std::vector<T, A>> : encodable<T> {};
template <class T>
struct encodable<std::optional<T>> : encodable<T> {};
template <class A, class B>
struct encodable<std::pair<A, B>> : std::bool_constant<encodable<A>::value && encodable<B>::value> {};
template <class... T>
struct encodable<std::tuple<T...>> : std::bool_constant<(encodable<T>::value && ...)> {};
template <class T>
inline constexpr bool encodable_v = encodable<T>::value;

}  // namespace aio::testing::wire

#define AIO_TESTING_FIELDS(Type, ...)                           \
    [[maybe_unused]] inline auto aio_testing_fields(Type& v) {  \
        auto& [__VA_ARGS__] = v;                                \
        return std::tie(__VA_ARGS__);                           \
    }
