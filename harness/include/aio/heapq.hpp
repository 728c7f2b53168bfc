// CPython's heapq, transcribed: asyncio keeps its timers in a list managed by heappush/heappop,
// and when two timers share a deadline the order they fire in is whatever this exact algorithm
// produces. A "stable" priority queue would order ties differently, so we copy the algorithm.
// Heap: std::vector or detail::BufferVector (size, [], data, back, push_back, pop_back).
#pragma once
#include <cstddef>
#include <utility>

namespace aio::heapq {

// Lib/heapq.py _siftdown: move heap[pos] up towards startpos.
template <class Heap, class Less>
void siftdown(Heap& heap, std::size_t startpos, std::size_t pos, Less less) {
    using T = typename Heap::value_type;
    T newitem = std::move(heap[pos]);
    while (pos > startpos) {
        std::size_t parentpos = (pos - 1) >> 1;
        if (less(newitem, heap[parentpos])) {
            heap[pos] = std::move(heap[parentpos]);
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = std::move(newitem);
}

// Lib/heapq.py _siftup: bubble the smaller child up until hitting a leaf, then siftdown.
template <class Heap, class Less>
void siftup(Heap& heap, std::size_t pos, Less less) {
    using T = typename Heap::value_type;
    const std::size_t endpos = heap.size();
    const std::size_t startpos = pos;
    T newitem = std::move(heap[pos]);
    std::size_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        // Not part of the algorithm: start loading the next level (the children of childpos and
        // rightpos, 4 adjacent entries) while this one is compared. A million timers do not fit
        // in the cache, and otherwise every level waits for memory in turn (bench/).
        const std::size_t grandpos = 2 * childpos + 1;
        if (grandpos + 3 < endpos) {
            const char* next = reinterpret_cast<const char*>(heap.data() + grandpos);
            __builtin_prefetch(next);
            __builtin_prefetch(next + 2 * sizeof(T));
            __builtin_prefetch(next + 4 * sizeof(T) - 1);
        } else if (grandpos < endpos) {
            __builtin_prefetch(heap.data() + grandpos);
        }
        std::size_t rightpos = childpos + 1;
        if (rightpos < endpos && !less(heap[childpos], heap[rightpos])) childpos = rightpos;
        heap[pos] = std::move(heap[childpos]);
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    heap[pos] = std::move(newitem);
    siftdown(heap, startpos, pos, less);
}

template <class Heap, class Less>
void push(Heap& heap, typename Heap::value_type item, Less less) {
    heap.push_back(std::move(item));
    siftdown(heap, 0, heap.size() - 1, less);
}

// heapq.heapify: siftup every node that has a child, from the last one (n//2 - 1) back to the
// root. For lists over 2500 items the C module visits the nodes in a cache-friendlier order, but
// every siftup only touches its own subtree, whose children are heaps already in both orders, so
// the result is the same array.
template <class Heap, class Less>
void heapify(Heap& heap, Less less) {
    for (std::size_t pos = heap.size() / 2; pos-- > 0;) siftup(heap, pos, less);
}

template <class Heap, class Less>
typename Heap::value_type pop(Heap& heap, Less less) {
    using T = typename Heap::value_type;
    T last = std::move(heap.back());
    heap.pop_back();
    if (heap.empty()) return last;
    T top = std::move(heap[0]);
    heap[0] = std::move(last);
    siftup(heap, 0, less);
    return top;
}

}  // namespace aio::heapq
