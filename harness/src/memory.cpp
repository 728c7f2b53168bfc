// The runtime's memory for programs with very many tasks.
//
// Coroutine frames come from a pool instead of straight from operator new. Why: a program with a
// million tasks touches a million frames in an order set by their timers. With 4 KiB pages nearly
// every such touch also misses the TLB, which under virtualisation means a nested page walk;
// frames carved from 2 MiB transparent huge pages avoid most of that
// (bench/gather_bench: about a fifth of the time of a million-task gather). And each first touch
// of a 4 KiB page is a page fault, which in a VM costs several microseconds: a 100 000-task gather
// spent a third of its time faulting in 25 MB page by page (docs/benchmarks.md). Small programs
// never get there: chunks start at 64 KiB from operator new and only grow to huge pages once a
// thread has carved 512 KiB of frames (about 3 000 tasks).
//
// Per thread: size classes of 16 bytes (operator new's alignment) up to 1 KiB, larger frames go
// to operator new. A freed frame joins the free list of the thread that frees it and is reused;
// chunks are never given back (they stay reachable from a global list, for leak checkers).
// Under AddressSanitizer the pool is bypassed, so use-after-free of a frame is still reported.
//
// The loop's timer heap and ready queue (24 and 16 MiB with a million tasks) are, from 512 KiB
// on, their own mappings on huge pages too, for the same two reasons.
#include "aio/detail/memory.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define AIO_FRAME_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AIO_FRAME_POOL 0
#endif
#endif
#ifndef AIO_FRAME_POOL
#define AIO_FRAME_POOL 1
#endif

namespace aio::detail {
namespace {
constexpr std::size_t kHugePage = 2 * 1024 * 1024;
// Smaller buffers stay on ordinary pages: a huge page is resident as a whole, so a buffer this
// size already takes 2 MiB (4x) of memory; below it the faults saved are not worth that.
constexpr std::size_t kHugeBuffer = kHugePage / 4;
// Frames move to huge pages once a thread has carved this much in ordinary chunks.
constexpr std::size_t kHugeFramesFrom = 512 * 1024;
}  // namespace

#if AIO_FRAME_POOL
namespace {
constexpr std::size_t kGranule = 16;
constexpr std::size_t kMaxPooled = 1024;
constexpr std::size_t kFirstChunk = 64 * 1024;

struct FreeFrame {
    FreeFrame* next;
};

// Every chunk ever carved, linked through its first bytes: reachable until exit.
struct ChunkHeader {
    ChunkHeader* next;
};
constexpr std::size_t kHeader = (sizeof(ChunkHeader) + kGranule - 1) / kGranule * kGranule;
std::mutex g_chunks_mutex;
ChunkHeader* g_chunks = nullptr;

// A 2 MiB-aligned 2 MiB mapping marked for transparent huge pages, or nullptr.
void* map_huge_chunk() {
    void* raw = mmap(nullptr, 2 * kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned > start) munmap(raw, aligned - start);
    if (const std::uintptr_t tail = start + 2 * kHugePage - (aligned + kHugePage))
        munmap(reinterpret_cast<void*>(aligned + kHugePage), tail);
    madvise(reinterpret_cast<void*>(aligned), kHugePage, MADV_HUGEPAGE);  // a hint; fine if refused
    return reinterpret_cast<void*>(aligned);
}

struct Pool {
    FreeFrame* free[kMaxPooled / kGranule + 1] = {};
    char* cursor = nullptr;
    char* end = nullptr;
    std::size_t carved = 0;  // bytes of chunks this thread has taken so far

    void* carve(std::size_t bytes) {
        if (static_cast<std::size_t>(end - cursor) < bytes) refill();
        void* frame = cursor;
        cursor += bytes;
        return frame;
    }

    void refill() {
        // The rest of the old chunk (less than one frame) is left unused.
        std::size_t size = carved < kFirstChunk ? kFirstChunk : carved;  // doubles each time
        void* chunk = nullptr;
        if (size >= kHugeFramesFrom) {
            size = kHugePage;
            chunk = map_huge_chunk();
        }
        if (!chunk) {
            size = size < kHugePage ? size : kHugePage;
            chunk = ::operator new(size);
        }
        carved += size;
        {
            std::lock_guard lock(g_chunks_mutex);
            auto* header = static_cast<ChunkHeader*>(chunk);
            header->next = g_chunks;
            g_chunks = header;
        }
        cursor = static_cast<char*>(chunk) + kHeader;
        end = static_cast<char*>(chunk) + size;
    }
};

thread_local Pool t_pool;

std::size_t size_class(std::size_t size) { return (size + kGranule - 1) / kGranule; }
}  // namespace

void* allocate_frame(std::size_t size) {
    if (size > kMaxPooled) return ::operator new(size);
    const std::size_t cls = size_class(size);
    Pool& pool = t_pool;
    if (FreeFrame* frame = pool.free[cls]) {
        pool.free[cls] = frame->next;
        return frame;
    }
    return pool.carve(cls * kGranule);
}

void deallocate_frame(void* frame, std::size_t size) noexcept {
    if (size > kMaxPooled) return ::operator delete(frame);
    const std::size_t cls = size_class(size);
    Pool& pool = t_pool;
    auto* node = static_cast<FreeFrame*>(frame);
    node->next = pool.free[cls];
    pool.free[cls] = node;
}
#else
void* allocate_frame(std::size_t size) { return ::operator new(size); }
void deallocate_frame(void* frame, std::size_t) noexcept { ::operator delete(frame); }
#endif

namespace {
std::size_t mapping_length(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
}  // namespace

void* allocate_buffer(std::size_t bytes) {
    if (bytes < kHugeBuffer) return ::operator new(bytes);
    const std::size_t length = mapping_length(bytes);
    void* buffer = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buffer == MAP_FAILED) throw std::bad_alloc();
    madvise(buffer, length, MADV_HUGEPAGE);  // a hint; fine if refused
    return buffer;
}

void deallocate_buffer(void* buffer, std::size_t bytes) noexcept {
    if (bytes < kHugeBuffer) return ::operator delete(buffer);
    munmap(buffer, mapping_length(bytes));
}

void* grow_buffer(void* buffer, std::size_t old_bytes, std::size_t keep_bytes, std::size_t new_bytes) {
    if (buffer && old_bytes >= kHugeBuffer) {
        // Growing by doubling, a copy would touch as much fresh memory again as the buffer ends
        // up with (a first touch is a page fault, costly in a VM). mremap moves the page tables.
        void* moved = mremap(buffer, mapping_length(old_bytes), mapping_length(new_bytes), MREMAP_MAYMOVE);
        if (moved == MAP_FAILED) throw std::bad_alloc();
        madvise(moved, mapping_length(new_bytes), MADV_HUGEPAGE);  // a hint; fine if refused
        return moved;
    }
    void* grown = allocate_buffer(new_bytes);
    if (keep_bytes) std::memcpy(grown, buffer, keep_bytes);
    if (buffer) deallocate_buffer(buffer, old_bytes);
    return grown;
}

}  // namespace aio::detail
