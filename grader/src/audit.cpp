// The object audit (audit.hpp). The ELF symbol and section tables are read here directly (one
// read, no tool output to parse); binutils runs only for what needs a decoder: objdump when an
// executable section holds the bytes of a system-call instruction, addr2line to name the line of
// a violation. Rules and their reasons: docs/security.md, "Object audit".
#include "audit.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace grader::audit {

namespace {

// ---------------------------------------------------------------- ELF (x86-64 relocatables)

struct Section {
    std::string name;
    std::uint32_t type = 0;
    std::uint64_t flags = 0, offset = 0, size = 0;
    std::uint32_t link = 0, info = 0;
};
struct Symbol {
    std::string name;
    unsigned bind = 0, type = 0;
    std::uint16_t shndx = 0;
    std::uint64_t value = 0, size = 0;
};
struct Reloc {
    std::uint32_t section;  // the section the relocation patches
    std::uint64_t offset;
    std::uint32_t symbol;
    std::uint32_t type;     // R_X86_64_*
};
struct Elf {
    std::string path, data;
    std::vector<Section> sections;
    std::vector<Symbol> symbols;
    std::vector<Reloc> relocs;
};

template <class T>
T read_at(const std::string& d, std::uint64_t off) {
    if (off + sizeof(T) > d.size()) throw std::runtime_error("truncated ELF");
    T v;
    std::memcpy(&v, d.data() + off, sizeof(T));
    return v;
}

std::string c_string(const std::string& d, std::uint64_t off) {
    if (off >= d.size()) return "";
    return std::string(d.c_str() + off, strnlen(d.c_str() + off, d.size() - off));
}

Elf parse_elf(std::string data, const std::string& path) {
    Elf e;
    e.path = path;
    e.data = std::move(data);
    const std::string& d = e.data;
    if (d.size() < sizeof(Elf64_Ehdr) || std::memcmp(d.data(), ELFMAG, SELFMAG) != 0 || d[EI_CLASS] != ELFCLASS64)
        throw std::runtime_error(path + ": not a 64-bit ELF object");
    const auto eh = read_at<Elf64_Ehdr>(d, 0);
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
        const auto sh = read_at<Elf64_Shdr>(d, eh.e_shoff + std::uint64_t(i) * eh.e_shentsize);
        e.sections.push_back({std::to_string(sh.sh_name), sh.sh_type, sh.sh_flags, sh.sh_offset, sh.sh_size, sh.sh_link, sh.sh_info});
    }
    if (eh.e_shstrndx < e.sections.size()) {
        const std::uint64_t names = e.sections[eh.e_shstrndx].offset;
        for (auto& s : e.sections) s.name = c_string(d, names + std::stoull(s.name));
    }
    for (std::size_t i = 0; i < e.sections.size(); ++i) {
        const Section& s = e.sections[i];
        if (s.type != SHT_SYMTAB) continue;
        const std::uint64_t strtab = s.link < e.sections.size() ? e.sections[s.link].offset : 0;
        for (std::uint64_t off = s.offset; off + sizeof(Elf64_Sym) <= s.offset + s.size; off += sizeof(Elf64_Sym)) {
            const auto sym = read_at<Elf64_Sym>(d, off);
            e.symbols.push_back({c_string(d, strtab + sym.st_name), ELF64_ST_BIND(sym.st_info), ELF64_ST_TYPE(sym.st_info),
                                 sym.st_shndx, sym.st_value, sym.st_size});
        }
        break;  // a relocatable object has one symbol table
    }
    for (const auto& s : e.sections) {
        if (s.type != SHT_RELA) continue;
        for (std::uint64_t off = s.offset; off + sizeof(Elf64_Rela) <= s.offset + s.size; off += sizeof(Elf64_Rela)) {
            const auto r = read_at<Elf64_Rela>(d, off);
            e.relocs.push_back({s.info, r.r_offset, std::uint32_t(ELF64_R_SYM(r.r_info)), std::uint32_t(ELF64_R_TYPE(r.r_info))});
        }
    }
    return e;
}

std::string read_whole(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// An object, or every member of a static archive (the kit's CMake passes libaio.a).
std::vector<Elf> load(const fs::path& p) {
    std::string d = read_whole(p);
    if (d.rfind("!<arch>\n", 0) != 0) return {parse_elf(std::move(d), p.string())};
    std::vector<Elf> out;
    std::string long_names;
    for (std::size_t off = 8; off + 60 <= d.size();) {
        const std::string name = d.substr(off, 16);
        const std::size_t size = std::strtoull(d.substr(off + 48, 10).c_str(), nullptr, 10);
        const std::size_t body = off + 60;
        if (body + size > d.size()) break;
        if (name.rfind("//", 0) == 0) long_names = d.substr(body, size);
        else if (name[0] != '/' || std::isdigit(static_cast<unsigned char>(name[1])))
            if (size >= 4 && d.compare(body, 4, ELFMAG) == 0) out.push_back(parse_elf(d.substr(body, size), p.string()));
        off = body + size + (size & 1);
    }
    return out;
}

bool defined(const Symbol& s) { return s.shndx != SHN_UNDEF; }
bool global(const Symbol& s) { return s.bind == STB_GLOBAL || s.bind == STB_WEAK || s.bind == STB_GNU_UNIQUE; }

// ---------------------------------------------------------------- names

std::string demangle(const std::string& m) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> p(abi::__cxa_demangle(m.c_str(), nullptr, nullptr, &status), std::free);
    return status == 0 && p ? std::string(p.get()) : m;
}

// The outermost scope of an Itanium-mangled name: "std", "aio", "Catch", ... ; "" for a name in
// the global namespace; "operator" for a global operator (new, delete, ...); "builtin" for the
// type-info of a built-in type. Special names (vtable, typeinfo, guard variable, thunks, TLS
// wrappers, transaction clones) are unwrapped to the entity they belong to.
std::string top_scope(std::string_view m) {
    if (m.substr(0, 2) != "_Z") return "";
    m.remove_prefix(2);
    bool type = false;  // a special name for a type (vtable, typeinfo): built-in types allowed
    for (int guard = 0; guard < 8; ++guard) {
        if (m.substr(0, 3) == "GTt") m.remove_prefix(3);
        else if (m.size() >= 2 && m[0] == 'T' && std::strchr("VTIS", m[1])) m.remove_prefix(2), type = true;
        else if (m.size() >= 2 && m[0] == 'T' && std::strchr("HW", m[1])) m.remove_prefix(2);
        else if (m.size() >= 2 && m[0] == 'G' && std::strchr("VR", m[1])) m.remove_prefix(2);
        else if (m.size() >= 2 && m[0] == 'T' && (m[1] == 'h' || m[1] == 'v')) {  // thunks: Th<n>_ / Tv<n>_<n>_
            const int parts = m[1] == 'h' ? 1 : 2;
            m.remove_prefix(2);
            for (int i = 0; i < parts; ++i) {
                auto u = m.find('_');
                if (u == std::string_view::npos) return "";
                m.remove_prefix(u + 1);
            }
        } else if (m.substr(0, 2) == "TC") {  // construction vtable: TC <type> <n> _ <type>
            m.remove_prefix(2), type = true;
        } else break;
    }
    if (type) {
        while (!m.empty() && std::strchr("PROKVr", m[0])) m.remove_prefix(1);  // typeinfo for char const*
        if (!m.empty() && std::islower(static_cast<unsigned char>(m[0]))) return "builtin";  // typeinfo for int
    }
    if (!m.empty() && (m[0] == 'Z' || m[0] == 'L')) m.remove_prefix(1);  // local entity / internal: the enclosing name
    if (!m.empty() && m[0] == 'N') {
        m.remove_prefix(1);
        while (!m.empty() && std::strchr("rVKRO", m[0])) m.remove_prefix(1);
    }
    if (m.substr(0, 2) == "St" || (m.size() >= 2 && m[0] == 'S' && std::strchr("absiod", m[1]))) return "std";
    if (!m.empty() && std::isdigit(static_cast<unsigned char>(m[0]))) {
        std::size_t len = 0, i = 0;
        while (i < m.size() && std::isdigit(static_cast<unsigned char>(m[i]))) len = len * 10 + std::size_t(m[i++] - '0');
        return std::string(m.substr(i, len));
    }
    // Global operators: new and delete belong to the library (a replacement takes over every
    // allocation of the process); the others (operator<< for a student's struct) are ordinary.
    for (const char* op : {"nw", "na", "dl", "da"})
        if (m.substr(0, 2) == op) return "operator";
    return "";
}

const std::set<std::string>& reserved_scopes() {
    static const std::set<std::string> s{"std", "aio", "Catch", "fmt", "__gnu_cxx", "__cxxabiv1", "abi", "__gnu_debug",
                                         "operator", "builtin"};
    return s;
}

// The entity of a demangled name without "vtable for " and the like.
std::string entity(std::string d) {
    for (const char* p : {"vtable for ", "typeinfo for ", "typeinfo name for ", "VTT for ", "guard variable for ",
                          "construction vtable for ", "TLS init function for ", "TLS wrapper function for ",
                          "transaction clone for ", "non-virtual thunk to ", "virtual thunk to ", "reference temporary #"})
        if (d.rfind(p, 0) == 0) d = d.substr(std::strlen(p));
    return d;
}

bool starts(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }
bool has(const std::string& s, const char* p) { return s.find(p) != std::string::npos; }

// A library the test process links exports this name: a definition in the executable would
// take over every call the libraries and the kit make to it (ELF interposition).
bool exported_by_library(const std::string& name) {
    static void* const handles[] = {dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL),  // + libm, libc, libgcc_s
                                    dlopen("libfmt.so", RTLD_LAZY | RTLD_LOCAL)};
    for (void* h : handles)
        if (h && dlsym(h, name.c_str())) return true;
    return false;
}

// ---------------------------------------------------------------- references

// C functions student code may call: memory and strings, math, characters, formatting into
// buffers and the standard streams, the heap, locks, and the kit's own blocking-sleep redirects.
bool allowed_c_reference(const std::string& n) {
    static const std::set<std::string> exact{
        "memcpy", "memmove", "memset", "memcmp", "memchr", "strlen", "strnlen", "strcmp", "strncmp", "strchr", "strrchr",
        "strstr", "strcpy", "strncpy", "strcat", "strncat", "strspn", "strcspn", "strpbrk", "strtok", "strtok_r", "strdup",
        "strerror", "strtol", "strtoul", "strtoll", "strtoull", "strtod", "strtof", "strtold", "__isoc23_strtol",
        "__isoc23_strtoul", "__isoc23_strtoll", "__isoc23_strtoull", "atoi", "atol", "atoll", "atof", "abs", "labs", "llabs",
        "div", "ldiv", "qsort", "bsearch", "rand", "srand", "malloc", "calloc", "realloc", "free", "aligned_alloc",
        "posix_memalign", "toupper", "tolower", "isalpha", "isdigit", "isalnum", "isspace", "isupper", "islower",
        "ispunct", "isxdigit", "isprint", "iscntrl", "isgraph", "__ctype_b_loc", "__ctype_toupper_loc",
        "__ctype_tolower_loc", "printf", "puts", "putchar", "fputs", "fputc", "putc", "fwrite", "fprintf", "vprintf",
        "vfprintf", "fflush", "snprintf", "sprintf", "vsnprintf", "vsprintf", "sscanf", "__isoc99_sscanf",
        "__isoc23_sscanf", "scanf", "__isoc99_scanf", "getchar", "fgets", "fgetc", "getc", "perror", "stdout", "stderr",
        "stdin", "__printf_chk", "__fprintf_chk", "__sprintf_chk", "__snprintf_chk", "__vsnprintf_chk",
        "__vfprintf_chk", "__memcpy_chk", "__memmove_chk", "__memset_chk", "__strcpy_chk", "__strcat_chk",
        "__strncpy_chk", "__fgets_chk", "__errno_location", "__assert_fail", "__stack_chk_fail", "__dso_handle",
        "_GLOBAL_OFFSET_TABLE_", "__tls_get_addr", "__gxx_personality_v0", "__libc_single_threaded", "exit", "abort",
        "nanosleep", "clock_nanosleep", "usleep", "sleep", "time", "clock", "sched_yield", "pthread_self",
        "pthread_equal", "pthread_once", "__pthread_key_create", "pthread_key_create", "pthread_getspecific",
        "pthread_setspecific", "localeconv", "setlocale", "wcslen", "wmemcpy", "wmemmove", "wmemset", "wmemcmp",
        "wmemchr", "mbrtowc", "wcrtomb", "btowc", "wctob", "iswspace", "towupper", "towlower", "__popcountdi2",
        "__udivti3", "__divti3", "__umodti3", "__modti3", "__muloti4", "__mulodi4", "__udivmodti4", "__floattidf",
        "__fixdfti", "__fixunsdfti", "__floatuntidf"};
    if (exact.count(n)) return true;
    if (starts(n, "__cxa_") || starts(n, "_Unwind_")) return true;  // the C++ ABI runtime: exceptions, guards, atexit
    for (const char* p : {"pthread_mutex_", "pthread_cond_", "pthread_rwlock_", "pthread_spin_"})
        if (starts(n, p)) return true;
    static const std::set<std::string> math{
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp",
        "exp2", "expm1", "log", "log2", "log10", "log1p", "logb", "pow", "sqrt", "cbrt", "hypot", "floor", "ceil",
        "round", "lround", "llround", "trunc", "rint", "lrint", "llrint", "nearbyint", "fmod", "remainder", "remquo",
        "fabs", "fmin", "fmax", "fdim", "fma", "frexp", "ldexp", "modf", "scalbn", "scalbln", "ilogb", "erf", "erfc",
        "tgamma", "lgamma", "copysign", "nextafter", "nexttoward", "nan", "sincos"};
    std::string base = n;
    if (starts(base, "__") && base.size() > 7 && base.compare(base.size() - 7, 7, "_finite") == 0)
        base = base.substr(2, base.size() - 9);
    if (math.count(base)) return true;
    if (!base.empty() && (base.back() == 'f' || base.back() == 'l') && math.count(base.substr(0, base.size() - 1)))
        return true;
    return false;
}

// Why a C name is not allowed (Korean), for the families worth naming.
std::string c_reference_reason(const std::string& n) {
    static const std::map<std::string, std::vector<std::string>> families{
        {"시스템 콜을 직접 부르거나 다른 프로세스를 들여다보는 함수입니다",
         {"syscall", "ptrace", "process_vm_readv", "process_vm_writev", "prctl", "kcmp", "perf_event_open", "bpf",
          "personality", "seccomp", "unshare", "setns", "keyctl", "userfaultfd"}},
        {"동적 링커로 다른 코드를 찾아 부르는 함수입니다 (런타임·테스트 코드를 바꿔치기할 수 있음)",
         {"dlsym", "dlopen", "dlvsym", "dladdr", "dladdr1", "dlinfo", "dlmopen", "dl_iterate_phdr"}},
        {"파일·파일 디스크립터를 직접 다루는 함수입니다 (채점 결과 통로와 숨은 파일에 닿을 수 있음)",
         {"open", "open64", "openat", "creat", "read", "write", "pread", "pwrite", "pread64", "pwrite64", "readv", "writev",
          "close", "dup", "dup2", "dup3", "fcntl", "ioctl", "lseek", "lseek64", "fopen", "fopen64", "freopen", "fdopen",
          "fmemopen", "dprintf", "vdprintf", "memfd_create", "pipe", "pipe2", "socket", "connect", "sendfile", "splice",
          "unlink", "remove", "rename", "mkdir", "rmdir", "opendir", "readdir", "stat", "fstat", "lstat", "access",
          "chdir", "truncate", "ftruncate", "fileno", "getline", "fread", "readlink", "mkstemp", "tmpfile"}},
        {"메모리 보호·매핑을 바꾸는 함수입니다 (실행 중 코드를 고칠 수 있음)",
         {"mmap", "mmap64", "munmap", "mprotect", "mremap", "madvise", "pkey_mprotect", "brk", "sbrk"}},
        {"새 프로세스를 만들거나 다른 프로그램을 실행하는 함수입니다",
         {"fork", "vfork", "clone", "clone3", "execve", "execv", "execvp", "execl", "execlp", "execle", "execvpe",
          "fexecve", "posix_spawn", "posix_spawnp", "system", "popen", "daemon", "pthread_atfork", "wait", "waitpid"}},
        {"시그널을 보내거나 시그널 처리기를 바꾸는 함수입니다",
         {"kill", "tgkill", "tkill", "raise", "signal", "sigaction", "sigprocmask", "pthread_sigmask", "sigaltstack",
          "alarm", "setitimer", "timer_create", "pthread_kill", "killpg"}},
        {"프로그램 종료 과정에 끼어들거나 정리 없이 곧바로 끝내는 함수입니다 (채점 결과 보고를 가로챌 수 있음)",
         {"atexit", "at_quick_exit", "on_exit", "_exit", "_Exit", "quick_exit"}},
        {"환경 변수·프로세스 설정을 읽거나 바꾸는 함수입니다",
         {"getenv", "secure_getenv", "setenv", "putenv", "unsetenv", "clearenv", "environ", "__environ", "setrlimit",
          "prlimit", "getrlimit", "setuid", "setgid", "chroot", "program_invocation_name", "__progname"}},
        {"실제 시계를 읽거나 바꾸는 함수입니다 (채점은 가상 시계로 합니다)",
         {"clock_gettime", "gettimeofday", "clock_settime", "settimeofday"}},
    };
    for (const auto& [why, names] : families)
        if (std::find(names.begin(), names.end(), n) != names.end()) return why;
    return "학생 코드에서 쓸 수 있는 라이브러리 함수 목록에 없습니다";
}

// Forbidden parts of the C++ and {fmt} libraries (by demangled name): file and process access.
std::string library_reference_reason(const std::string& e) {
    for (const char* p : {"std::filesystem::", "std::__cxx11::filesystem::", "std::experimental::filesystem"})
        if (has(e, p)) return "파일 시스템을 다루는 std::filesystem 은 쓸 수 없습니다";
    for (const char* p : {"basic_filebuf", "basic_fstream", "basic_ifstream", "basic_ofstream", "__basic_file"})
        if (has(e, p)) return "파일을 여는 std::fstream/filebuf 는 쓸 수 없습니다";
    if (starts(e, "fmt::")) {
        for (const char* p : {"::file", "::buffered_file", "::ostream", "::pipe", "::output_file"})
            if (has(e.substr(0, e.find('(')), p)) return "파일을 여는 {fmt} 기능(fmt/os.h)은 쓸 수 없습니다";
    }
    return "";
}

// The kit's public API: everything in aio:: except the runtime's own state (clock and trace
// mutators, the loop's internals) and the test helpers.
std::string aio_reference_reason(const std::string& e) {
    const std::string q = e.substr(0, e.find('('));
    if (has(q, "aio::testing::")) return "테스트 도구(aio::testing)는 테스트만 씁니다";
    if (has(q, "aio::trace::")) return "실행 기록(aio::trace)은 런타임만 읽고 씁니다";
    if (has(q, "aio::clock::")) {
        for (const char* ok : {"aio::clock::now", "aio::clock::mode", "aio::clock::is_virtual", "aio::clock::virtual_limit",
                               "aio::clock::real_monotonic", "aio::clock::blocking_sleep"})
            if (q == ok) return "";
        return "가상 시계(aio::clock)를 바꾸는 함수는 런타임만 씁니다";
    }
    if (has(q, "aio::set_scripted_input") || has(q, "aio::clear_scripted_input"))
        return "입력 대본을 바꾸는 함수는 테스트만 씁니다";
    for (const char* bad : {"EventLoop::clear_queues", "EventLoop::run_until_stopped", "EventLoop::run_once",
                            "EventLoop::drop_cancelled_timers", "EventLoop::select", "EventLoop::wait_for_threadsafe",
                            "EventLoop::run_handle", "EventLoop::raise_deadlock", "EventLoop::stop",
                            "EventLoop::external_wait_", "EventLoop::timer_handle_cancelled"})
        if (has(q, bad)) return "이벤트 루프 내부 함수는 런타임만 씁니다";
    if (has(q, "aio::detail::")) {
        for (const char* ok : {"aio::detail::PromiseBase", "aio::detail::FutureBase", "aio::detail::GatherState",
                               "aio::detail::allocate_frame", "aio::detail::deallocate_frame",
                               "aio::detail::run_main_task", "aio::detail::EventLoop", "aio::detail::Callable",
                               "aio::detail::Handle", "aio::detail::short_function_name",
                               // reached from the inline/template code of futures.hpp, events.hpp, timeouts.hpp, wait.hpp,
                               // shield.hpp, threads.hpp
                               "aio::detail::FutureState", "aio::detail::await_state", "aio::detail::Callback",
                               "aio::detail::Ref<", "aio::detail::release_waiter", "aio::detail::waiter_releaser",
                               "aio::detail::cancel_and_wait", "aio::detail::described", "aio::detail::base_of",
                               "aio::detail::wait_for_future", "aio::detail::wait_futures", "aio::detail::distinct",
                               "aio::detail::AsCompletedState", "aio::detail::copy_outcome",
                               "aio::detail::ThreadOutcome", "aio::detail::start_thread_work",
                               // aio/queues.hpp's templates and the locks' inline destructors
                               // (the waiter deques themselves stay the runtime's).
                               "aio::detail::QueueBase", "aio::detail::QueueWait", "aio::detail::warn_never_awaited",
                               "aio::detail::Waiters::~Waiters"})
            if (has(q, ok)) return "";
        return "런타임 내부 함수(aio::detail)는 런타임만 씁니다";
    }
    return "";
}

struct Rules {
    const Profile& profile;
    std::set<std::string> student_defined;  // across the student's objects
};

// Names the linker or the start files (crtbeginS.o) define in every linked object.
bool linker_provided(const std::string& n) {
    static const std::set<std::string> names{"_GLOBAL_OFFSET_TABLE_", "__dso_handle", "_DYNAMIC", "__ehdr_start",
                                             "__executable_start", "__TMC_END__", "_edata", "_end", "__bss_start"};
    return names.count(n) || n.rfind("__start_", 0) == 0 || n.rfind("__stop_", 0) == 0;
}

// Empty when the reference is allowed, else the reason.
std::string reference_reason(const std::string& name, const Rules& r) {
    if (r.student_defined.count(name) || r.profile.expected.count(name) || linker_provided(name)) return "";
    const std::string scope = top_scope(name);
    if (name.rfind("_Z", 0) != 0) return allowed_c_reference(name) ? "" : c_reference_reason(name);
    const std::string e = entity(demangle(name));
    if (scope == "Catch") return "테스트 프레임워크(Catch2)는 학생 코드에서 쓸 수 없습니다";
    if (scope == "aio") return aio_reference_reason(e);
    if (scope == "std" || scope == "__gnu_cxx" || scope == "fmt") return library_reference_reason(e);
    if (scope == "__cxxabiv1" || scope == "builtin" || scope == "operator") return "";
    return "api.hpp 에 없는 함수입니다 (테스트·런타임 내부의 이름일 수 있음)";
}

// A vague-linkage copy of a library-exported function: fine when it is the header's own code
// (an inline member of std::string emitted at -O0), not when the student wrote it. The line
// table decides (audit_objects).
const char* const kLibraryCopy = "라이브러리에 있는 함수를 다시 정의하면 라이브러리의 호출을 가로챕니다";

// Empty when the definition is allowed, else the reason. For vague linkage (weak, COMDAT) the
// kit's copy wins: in the kit's static build its objects come first in the link, in the grader
// the test program comes first in the loader's lookup order (docs/security.md, "Link and load order").
std::string definition_reason(const Symbol& s, const Rules& r) {
    const std::string& n = s.name;
    const bool vague = s.bind == STB_WEAK || s.bind == STB_GNU_UNIQUE;
    if (s.type == STT_GNU_IFUNC) return "IFUNC 는 다른 모든 코드보다 먼저 실행되므로 금지됩니다";
    if (s.shndx == SHN_ABS) return "절대 주소 심볼은 정의할 수 없습니다";
    if (n.find('@') != std::string::npos) return "버전이 붙은 심볼(.symver)은 정의할 수 없습니다";
    if (!vague && r.profile.expected.count(n)) return "";
    // The compiler's hidden pointers to personality routines and typeinfo for exception tables.
    if (vague && starts(n, "DW.ref.") && s.type == STT_OBJECT) return "";
    if (n == "main") return "main 함수는 테스트 프로그램이 가지고 있습니다";
    if (n.rfind("_Z", 0) != 0) {
        // Unmangled: extern "C" functions or global variables. Only variables with ordinary names.
        if (r.profile.expected.count(n) && !vague) return "";
        if (s.type == STT_FUNC || vague)
            return exported_by_library(n) ? "C 라이브러리 함수와 같은 이름의 함수는 라이브러리·채점 코드의 호출을 가로챕니다"
                                          : "extern \"C\" 함수나 약한(weak) 정의는 api.hpp 에 없으므로 정의할 수 없습니다";
        if (n.empty() || n[0] == '_') return "밑줄로 시작하는 전역 이름은 컴파일러·라이브러리용입니다";
        if (exported_by_library(n)) return "C 라이브러리에 같은 이름이 있어 라이브러리가 이 변수를 쓰게 됩니다";
        if (r.profile.kit_defined.count(n)) return "채점 코드(런타임·테스트)에 같은 이름이 있습니다";
        return "";
    }
    const std::string scope = top_scope(n);
    const bool reserved = reserved_scopes().count(scope) > 0;
    if (!vague) {
        if (reserved) return "std::, aio::, Catch::, fmt:: 안의 이름이나 operator new/delete 는 정의할 수 없습니다 "
                             "(라이브러리·런타임·테스트 코드를 바꿔치기함)";
        if (r.profile.kit_defined.count(n)) return "채점 코드(런타임·테스트)에 같은 이름이 있어 링커가 학생의 정의를 고릅니다";
        if (exported_by_library(n)) return "라이브러리에 같은 이름이 있어 라이브러리의 호출을 가로챕니다";
        return "";
    }
    // Vague linkage: template instantiations and inline functions, which every object has. The
    // kit's own copy wins the link; a copy only the student has is harmful only when a library
    // the process loads exports the name (the executable's copy would replace the library's).
    if (r.profile.kit_defined.count(n)) return "";
    if (exported_by_library(n)) return kLibraryCopy;
    return "";
}

// ---------------------------------------------------------------- binutils

// Runs argv (LC_ALL=C, no stdin) and returns its stdout.
std::string capture(const std::vector<std::string>& argv) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return "";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_store{"LC_ALL=C", "PATH=/usr/local/bin:/usr/bin:/bin"};
    std::vector<char*> env{env_store[0].data(), env_store[1].data(), nullptr};
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    std::string out;
    if (rc == 0) {
        char buf[65536];
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR);)
            if (n > 0) out.append(buf, std::size_t(n));
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    ::close(fds[0]);
    return out;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// System-call instructions in executable sections. The bytes are searched first (most objects
// have none); objdump decodes only the sections that do, so bytes inside longer instructions
// are not mistaken for one.
void find_syscalls(const Elf& e, std::vector<Violation>& out) {
    for (const auto& s : e.sections) {
        if (!(s.flags & SHF_EXECINSTR) || s.type != SHT_PROGBITS || s.offset + s.size > e.data.size()) continue;
        const std::string_view code(e.data.data() + s.offset, s.size);
        bool candidate = false;
        for (std::size_t i = 0; i + 1 < code.size() && !candidate; ++i) {
            const unsigned char a = code[i], b = code[i + 1];
            candidate = (a == 0x0f && (b == 0x05 || b == 0x34 || b == 0x07)) || (a == 0xcd && b == 0x80);
        }
        if (!candidate) continue;
        for (const auto& l : lines_of(capture({"objdump", "-d", "--no-show-raw-insn", "-j", s.name, e.path}))) {
            lines::SyscallLine m;
            if (!lines::match_syscall(l, m)) continue;
            Violation v;
            v.object = e.path;
            v.symbol = v.shown = m.instruction;
            v.what_ko = "명령";
            v.why_ko = "시스템 콜 명령을 직접 실행하는 코드(인라인 asm)는 금지됩니다";
            v.section = s.name;
            v.offset = std::stoull(m.offset, nullptr, 16);
            v.has_offset = true;
            out.push_back(std::move(v));
        }
    }
}

bool has_debug_lines(const Elf& e) {
    return std::any_of(e.sections.begin(), e.sections.end(), [](const Section& s) { return s.name == ".debug_line"; });
}

// addr2line -a -i for addresses in one section: per address its frames (file, line), innermost
// first (an address in code inlined from a header lists the header, then the caller).
std::vector<std::vector<std::pair<std::string, std::string>>> line_frames(const fs::path& object, const std::string& section,
                                                                           const std::vector<std::uint64_t>& offsets) {
    std::vector<std::string> argv{"addr2line", "-a", "-i", "-e", object.string(), "-j", section};
    for (auto off : offsets) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(off));
        argv.push_back(buf);
    }
    std::vector<std::vector<std::pair<std::string, std::string>>> frames;
    for (const auto& l : lines_of(capture(argv))) {
        std::string file, number;
        if (l.rfind("0x", 0) == 0) frames.emplace_back();
        else if (!frames.empty() && lines::match_location(l, file, number) && file != "??" && number != "0")
            frames.back().emplace_back(file, number);
    }
    frames.resize(offsets.size());
    return frames;
}


}  // namespace

Profile make_profile(const std::vector<fs::path>& kit, const std::vector<fs::path>& tests,
                     const std::vector<fs::path>& references) {
    Profile p;
    for (const auto* list : {&kit, &tests})
        for (const auto& path : *list)
            for (const auto& e : load(path))
                for (const auto& s : e.symbols) {
                    if (!global(s) || s.name.empty()) continue;
                    if (defined(s)) p.kit_defined.insert(s.name);
                    else if (list == &tests) {
                        p.expected.insert(s.name);
                        if (s.bind == STB_GLOBAL) p.required.insert(s.name);
                    }
                    if (defined(s) && list == &kit && s.type == STT_FUNC && top_scope(s.name) == "aio")
                        p.kit_functions.insert(s.name);
                }
    for (const auto& path : references)
        for (const auto& e : load(path))
            for (const auto& s : e.symbols)
                if (s.bind == STB_GLOBAL && defined(s) && !s.name.empty()) p.expected.insert(s.name);
    // What the kit or a library defines is not the student's to provide (else a test's call to
    // a library function would make that function definable).
    for (const auto& n : p.kit_defined) p.expected.erase(n), p.required.erase(n);
    std::erase_if(p.expected, [](const std::string& n) { return exported_by_library(n); });
    std::erase_if(p.expected, linker_provided);
    std::erase_if(p.required, [&](const std::string& n) { return !p.expected.count(n); });
    return p;
}

std::vector<std::string> missing_definitions(const std::vector<fs::path>& objects, const Profile& profile) {
    std::set<std::string> defined_here, wanted = profile.required;
    for (const auto& o : objects)
        for (const auto& e : load(o))
            for (const auto& s : e.symbols) {
                if (!global(s) || s.name.empty()) continue;
                if (defined(s)) defined_here.insert(s.name);
                else if (s.bind == STB_GLOBAL && profile.expected.count(s.name)) wanted.insert(s.name);
            }
    std::vector<std::string> out;
    for (const auto& n : wanted)
        if (!defined_here.count(n)) out.push_back(n.rfind("_Z", 0) == 0 ? demangle(n) : n);
    return out;
}

std::vector<Violation> audit_objects(const std::vector<fs::path>& objects, const Profile& profile,
                                     const std::vector<std::string>& student_sources) {
    std::vector<Elf> elves;
    for (const auto& o : objects)
        for (auto& e : load(o)) elves.push_back(std::move(e));
    Rules rules{profile, {}};
    for (const auto& e : elves)
        for (const auto& s : e.symbols)
            if (global(s) && defined(s)) rules.student_defined.insert(s.name);

    std::vector<Violation> out;
    for (const auto& e : elves) {
        auto add = [&](const std::string& sym, const std::string& what, const std::string& why, std::uint32_t sec,
                       std::uint64_t off, bool has_off) {
            Violation v;
            v.object = e.path;
            v.symbol = sym;
            v.shown = sym.rfind("_Z", 0) == 0 ? demangle(sym) : sym;
            v.what_ko = what;
            v.why_ko = why;
            if (has_off && sec < e.sections.size()) {
                v.section = e.sections[sec].name;
                v.offset = off;
                v.has_offset = true;
            }
            out.push_back(std::move(v));
        };
        // Sections: start-up code that runs before the runner's own (priorities), or code that
        // can rewrite itself.
        for (std::uint32_t i = 0; i < e.sections.size(); ++i) {
            const Section& s = e.sections[i];
            const bool array = s.type == SHT_INIT_ARRAY || s.type == SHT_FINI_ARRAY || s.type == SHT_PREINIT_ARRAY;
            const bool named = starts(s.name, ".init") || starts(s.name, ".fini") || starts(s.name, ".ctors") ||
                               starts(s.name, ".dtors") || starts(s.name, ".preinit");
            if ((array || named) && s.name != ".init_array" && s.name != ".fini_array" && !starts(s.name, ".rela"))
                add(s.name, "섹션",
                    s.type == SHT_PREINIT_ARRAY || starts(s.name, ".preinit")
                        ? "preinit_array 는 다른 모든 코드보다 먼저 실행되므로 금지됩니다"
                        : "우선순위가 있는 생성자·소멸자(constructor(N), destructor(N), init_priority)나 .init/.ctors "
                          "코드는 채점 코드보다 먼저(또는 나중에) 실행되므로 금지됩니다",
                    0, 0, false);
            if ((s.flags & SHF_EXECINSTR) && (s.flags & SHF_WRITE))
                add(s.name, "섹션", "쓰기와 실행이 함께 되는 섹션(스스로 고치는 코드)은 금지됩니다", 0, 0, false);
        }
        // The first place each symbol is used, to point at the student's line.
        std::map<std::uint32_t, std::pair<std::uint32_t, std::uint64_t>> first_use;
        for (const auto& r : e.relocs)
            if (r.section < e.sections.size() && (e.sections[r.section].flags & SHF_ALLOC)) first_use.try_emplace(r.symbol, r.section, r.offset);
        for (std::uint32_t i = 0; i < e.symbols.size(); ++i) {
            const Symbol& s = e.symbols[i];
            if (s.type == STT_GNU_IFUNC && defined(s)) {  // local ones too: resolvers run at load time
                add(s.name, "정의", "IFUNC 는 다른 모든 코드보다 먼저 실행되므로 금지됩니다", s.shndx, s.value, s.shndx < e.sections.size());
                continue;
            }
            if (!global(s) || s.name.empty()) continue;
            if (!defined(s)) {
                if (std::string why = reference_reason(s.name, rules); !why.empty()) {
                    auto it = first_use.find(i);
                    add(s.name, "사용", why, it == first_use.end() ? 0 : it->second.first,
                        it == first_use.end() ? 0 : it->second.second, it != first_use.end());
                }
            } else if (std::string why = definition_reason(s, rules); !why.empty()) {
                add(s.name, "정의", why, s.shndx, s.value, s.shndx < e.sections.size());
            }
        }
        // Kit functions used as values: a call (or tail jump) is R_X86_64_PLT32; any other
        // relocation against one takes its address - a function pointer, or its machine code read
        // as data, which leads to the runtime's clock and trace (the independent attack corpus
        // found its way in like this). Honest code calls the kit's functions.
        // Vtables (the compiler's, for kit class templates instantiated here) hold the kit's
        // virtual functions by address: those entries are not the student's doing.
        auto in_vtable = [&](const Reloc& r) {
            for (const auto& v : e.symbols)
                if (defined(v) && v.shndx == r.section && r.offset >= v.value && r.offset < v.value + v.size)
                    return starts(v.name, "_ZTV") || starts(v.name, "_ZTC");
            return false;
        };
        std::set<std::uint32_t> taken;
        for (const auto& r : e.relocs) {
            if (r.symbol >= e.symbols.size() || r.section >= e.sections.size() || !(e.sections[r.section].flags & SHF_ALLOC)) continue;
            const Symbol& s = e.symbols[r.symbol];
            if (r.type == R_X86_64_PLT32 || defined(s) || !rules.profile.kit_functions.count(s.name) || taken.count(r.symbol) ||
                in_vtable(r))
                continue;
            taken.insert(r.symbol);
            add(s.name, "주소 사용",
                "런타임 함수는 호출만 할 수 있습니다. 함수의 주소를 값으로 쓰면(함수 포인터, 기계어 읽기) 런타임 내부에 "
                "닿을 수 있어 금지됩니다",
                r.section, r.offset, true);
        }
        find_syscalls(e, out);
    }
    // Library copies: allowed when the function's own code (the outermost frame of its first
    // address) is in a header, rejected when it is in the student's file or cannot be told.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> pending;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i].why_ko == kLibraryCopy) pending[{out[i].object, out[i].section}].push_back(i);
    std::vector<bool> drop(out.size(), false);
    for (const auto& [where, idx] : pending) {
        const auto& elf = *std::find_if(elves.begin(), elves.end(), [&](const Elf& e) { return e.path == where.first; });
        if (!has_debug_lines(elf)) {
            for (auto i : idx) out[i].needs_debug = true;
            continue;
        }
        std::vector<std::uint64_t> offsets;
        for (auto i : idx) offsets.push_back(out[i].offset);
        const auto frames = line_frames(where.first, where.second, offsets);
        for (std::size_t k = 0; k < idx.size(); ++k) {
            if (frames[k].empty()) continue;  // no line: cannot tell, keep
            const std::string file = fs::path(frames[k].back().first).filename().string();
            drop[idx[k]] = std::find(student_sources.begin(), student_sources.end(), file) == student_sources.end();
        }
    }
    std::vector<Violation> kept;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!drop[i]) kept.push_back(std::move(out[i]));
    return kept;
}

namespace lines {
namespace {
// The ECMAScript classes std::regex uses here (the "C" locale): \s, \w, [0-9].
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
// ECMAScript's . : anything but a line terminator.
bool is_line_terminator(char c) { return c == '\n' || c == '\r'; }

std::size_t skip_spaces(const std::string& s, std::size_t i) {
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
}
bool has_at(const std::string& s, std::size_t i, std::string_view word) { return s.compare(i, word.size(), word) == 0; }
// \b between s[i - 1] and s[i] (i > 0: after a word character here).
bool word_ends_at(const std::string& s, std::size_t i) { return i == s.size() || !is_word(s[i]); }

// ^\s*#\s* : the index after it, or npos.
std::size_t after_hash(const std::string& s) {
    std::size_t i = skip_spaces(s, 0);
    if (i == s.size() || s[i] != '#') return std::string::npos;
    return skip_spaces(s, i + 1);
}
}  // namespace

bool match_syscall(const std::string& line, SyscallLine& out) {
    std::size_t i = skip_spaces(line, 0);
    const std::size_t hex = i;
    while (i < line.size() && (is_digit(line[i]) || (line[i] >= 'a' && line[i] <= 'f'))) ++i;
    if (i == hex || i == line.size() || line[i] != ':') return false;
    const std::size_t colon = i;
    i = skip_spaces(line, colon + 1);
    if (i == colon + 1) return false;  // \s+
    std::size_t end = std::string::npos;
    if (has_at(line, i, "syscall") && word_ends_at(line, i + 7)) end = i + 7;
    else if (has_at(line, i, "sysenter") && word_ends_at(line, i + 8)) end = i + 8;
    else if (has_at(line, i, "sysret")) {
        end = i + 6;
        while (end < line.size() && is_word(line[end])) ++end;  // \w* then \b: always a boundary
    } else if (has_at(line, i, "int")) {
        const std::size_t arg = skip_spaces(line, i + 3);
        if (arg > i + 3 && has_at(line, arg, "$0x80") && word_ends_at(line, arg + 5)) end = arg + 5;
    }
    if (end == std::string::npos) return false;
    out.offset = line.substr(hex, colon - hex);
    out.instruction = line.substr(i, end - i);
    return true;
}

bool match_location(const std::string& line, std::string& file, std::string& number) {
    std::string_view rest(line);
    // The optional " (discriminator N)" at the very end.
    constexpr std::string_view kDiscriminator = " (discriminator ";
    if (!rest.empty() && rest.back() == ')') {
        const std::size_t open = rest.rfind(kDiscriminator);
        if (open == std::string_view::npos) return false;
        const std::string_view digits = rest.substr(open + kDiscriminator.size(), rest.size() - 1 - open - kDiscriminator.size());
        if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) return false;
        rest = rest.substr(0, open);
    }
    // (.*):([0-9]+)$ with a greedy .* : the last ':', followed by digits only.
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == rest.size()) return false;
    const std::string_view digits = rest.substr(colon + 1);
    if (!std::all_of(digits.begin(), digits.end(), is_digit)) return false;
    const std::string_view head = rest.substr(0, colon);
    if (std::any_of(head.begin(), head.end(), is_line_terminator)) return false;
    file.assign(head);
    number.assign(digits);
    return true;
}

bool is_line_directive(const std::string& line) {
    const std::size_t i = after_hash(line);
    if (i == std::string::npos || i == line.size()) return false;
    return is_digit(line[i]) || (has_at(line, i, "line") && word_ends_at(line, i + 4));
}

bool match_reserved_macro(const std::string& line, std::string& directive, std::string& name) {
    std::size_t i = after_hash(line);
    if (i == std::string::npos) return false;
    std::size_t word = 0;
    if (has_at(line, i, "define")) word = 6;
    else if (has_at(line, i, "undef")) word = 5;
    else return false;
    const std::size_t after = skip_spaces(line, i + word);
    if (after == i + word || after == line.size() || line[after] != '_') return false;  // \s+ then _
    std::size_t end = after + 1;
    while (end < line.size() && is_word(line[end])) ++end;
    directive = line.substr(i, word);
    name = line.substr(after, end - after);
    return true;
}
}  // namespace lines

std::vector<Violation> audit_source(const std::string& source, const std::string& file_name) {
    std::vector<Violation> out;
    std::size_t n = 0;
    for (const auto& l : lines_of(source)) {
        ++n;
        std::string directive, name;
        Violation v;
        v.object = file_name;
        v.location = file_name + ":" + std::to_string(n);
        if (lines::is_line_directive(l)) {
            v.symbol = v.shown = "#line";
            v.what_ko = "지시문";
            v.why_ko = "#line 은 줄 번호 정보를 바꾸므로 쓸 수 없습니다";
        } else if (lines::match_reserved_macro(l, directive, name)) {
            v.symbol = v.shown = name;
            v.what_ko = directive == "define" ? "매크로 정의" : "매크로 해제";
            v.why_ko = "밑줄로 시작하는 매크로는 라이브러리용이라 바꿀 수 없습니다 (뒤에 포함하는 헤더의 코드가 바뀜)";
        } else {
            continue;
        }
        out.push_back(std::move(v));
    }
    return out;
}

bool has_debug_lines(const fs::path& object) {
    try {
        for (const auto& e : load(object))
            if (!has_debug_lines(e)) return false;
        return true;
    } catch (const std::exception&) {
    }
    return false;
}

void locate(std::vector<Violation>& violations, const std::map<std::string, fs::path>& debug_objects,
            const std::vector<std::string>& student_sources) {
    std::map<std::pair<fs::path, std::string>, std::vector<Violation*>> by_section;
    for (auto& v : violations) {
        if (!v.has_offset || !v.location.empty()) continue;
        auto it = debug_objects.find(v.object);
        by_section[{it == debug_objects.end() ? fs::path(v.object) : it->second, v.section}].push_back(&v);
    }
    for (auto& [where, list] : by_section) {
        std::vector<std::uint64_t> offsets;
        for (const auto* v : list) offsets.push_back(v->offset);
        const auto frames = line_frames(where.first, where.second, offsets);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& f = frames[i];
            if (f.empty()) continue;
            auto pick = f.front();
            for (const auto& fr : f)
                if (std::find(student_sources.begin(), student_sources.end(), fs::path(fr.first).filename().string()) !=
                    student_sources.end()) {
                    pick = fr;
                    break;
                }
            list[i]->location = fs::path(pick.first).filename().string() + ":" + pick.second;
        }
    }
}

std::string message_ko(const std::vector<Violation>& violations, std::size_t max_lines) {
    std::string out = "채점 코드를 건드릴 수 있는 코드가 있어 이 과제의 모든 테스트를 0점으로 처리합니다:\n";
    std::set<std::string> seen;
    std::size_t shown = 0;
    for (const auto& v : violations) {
        const std::string where = v.location.empty() ? fs::path(v.object).filename().string() : v.location;
        std::string line = where + ": `" + v.shown + "` " + v.what_ko + " — " + v.why_ko;
        if (!seen.insert(line).second) continue;
        if (shown++ == max_lines) {
            out += "  ...\n";
            break;
        }
        out += "  " + line + "\n";
    }
    out += "이 코드를 지우고 api.hpp 의 함수와 aio 라이브러리, C++ 표준 라이브러리만 쓰세요 "
           "(도우미 함수는 static 이나 익명 namespace 안에 두면 됩니다).";
    return out;
}

}  // namespace grader::audit
