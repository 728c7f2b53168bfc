// The runtime's memory for programs with very many tasks.
//
// Coroutine frames come from a pool instead of straight from operator new: no malloc header per
// frame (a million sleeping tasks are 160 MB of frames), and a freed frame is reused by the next
// task of its size. Per thread: size classes of 16 bytes (operator new's alignment) up to 1 KiB,
// larger frames go to operator new. A freed frame joins the free list of the thread that frees
// it; chunks start at 64 KiB, double up to 2 MiB, and are never given back (they stay reachable
// from a global list, for leak checkers). Under AddressSanitizer the pool is bypassed, so
// use-after-free of a frame is still reported.
//
// The loop's timer heap and ready queue (24 and 16 MiB with a million tasks) are, from 512 KiB
// on, mappings of their own, so that growing one moves its pages (mremap) instead of copying
// them into fresh memory.
//
// Neither asks for transparent huge pages (MADV_HUGEPAGE), although a million-task gather run
// right after another one is faster with them (fewer TLB misses): a 2 MiB page must come from a
// free 2 MiB block, and in a VM whose balloon reports free memory to the host (this project's
// machines) those blocks are mostly ones the host has taken back, so every first touch traps to
// the host. Ordinary pages come from memory just freed, still backed. Measured in pairs after a
// CPython run (docs/benchmarks.md, 2026-12-04): 1 000 000 tasks 1.00-1.12 µs per task with huge
// pages, 0.63-0.71 without; 100 000 tasks 0.85-1.47 against 0.41-0.44. A system whose THP setting
// is `always` still gives them.
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
// Buffers this size or larger get a mapping of their own (rounded up to kMappingGranule), which
// mremap can move; smaller ones come from operator new, and a copy of them costs little.
constexpr std::size_t kMappedBuffer = 512 * 1024;
constexpr std::size_t kMappingGranule = 2 * 1024 * 1024;
}  // namespace

#if AIO_FRAME_POOL
namespace {
constexpr std::size_t kGranule = 16;
constexpr std::size_t kMaxPooled = 1024;
constexpr std::size_t kFirstChunk = 64 * 1024;
constexpr std::size_t kLargestChunk = 2 * 1024 * 1024;

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
        if (size > kLargestChunk) size = kLargestChunk;
        void* chunk = ::operator new(size);
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
std::size_t mapping_length(std::size_t bytes) { return (bytes + kMappingGranule - 1) / kMappingGranule * kMappingGranule; }
}  // namespace

void* allocate_buffer(std::size_t bytes) {
    if (bytes < kMappedBuffer) return ::operator new(bytes);
    const std::size_t length = mapping_length(bytes);
    void* buffer = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buffer == MAP_FAILED) throw std::bad_alloc();
    return buffer;
}

void deallocate_buffer(void* buffer, std::size_t bytes) noexcept {
    if (bytes < kMappedBuffer) return ::operator delete(buffer);
    munmap(buffer, mapping_length(bytes));
}

void* grow_buffer(void* buffer, std::size_t old_bytes, std::size_t keep_bytes, std::size_t new_bytes) {
    if (buffer && old_bytes >= kMappedBuffer) {
        // Growing by doubling, a copy would touch as much fresh memory again as the buffer ends
        // up with (a first touch is a page fault, costly in a VM). mremap moves the page tables.
        void* moved = mremap(buffer, mapping_length(old_bytes), mapping_length(new_bytes), MREMAP_MAYMOVE);
        if (moved == MAP_FAILED) throw std::bad_alloc();
        return moved;
    }
    void* grown = allocate_buffer(new_bytes);
    if (keep_bytes) std::memcpy(grown, buffer, keep_bytes);
    if (buffer) deallocate_buffer(buffer, old_bytes);
    return grown;
}

}  // namespace aio::detail
