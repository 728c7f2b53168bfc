#!/usr/bin/env bash
# Runs gather_bench --real (aio) and asio_gather_bench (Boost.Asio C++20 coroutines) on the same
# gather of N real sleepers, interleaved (aio, asio, aio, asio, ...), and prints CPU time per task
# and peak RSS side by side with the asio/aio ratio of the medians (issue 12 §4).
#
#   bench/asio_run.sh [N ...]            default N: 10000 100000
#
# Environment: BUILD_DIR (build-bench), REPEAT (pairs of runs per N, default 5), DELAY (unset: each
# task sleeps its uniform(0, 1) draw of gather_bench; DELAY=0.05: every task sleeps 0.05 s, so the
# timers fire together), PYTHON (python3, only for the table). Each run is its own process, so each peak RSS belongs to one N. Every run
# sleeps for real (the longest draw is 0.998 s), so wall time says little: the table compares
# user+sys CPU time of the whole process (getrusage), which is what each runtime spends.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-5}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(10000 100000); fi
delay_args=()
if [ -n "${DELAY:-}" ]; then delay_args=("--delay=$DELAY"); fi

. bench/common.sh
bench_build gather_bench asio_gather_bench ||
  { echo "asio_run.sh: build failed (no asio_gather_bench? cmake's 'bench:' message says why)" >&2; exit 1; }
for n in "${NS[@]}"; do
  for _ in $(seq "$REPEAT"); do
    "$BUILD_DIR/bin/gather_bench" "$n" --real "${delay_args[@]}" | tee -a "$results"
    "$BUILD_DIR/bin/asio_gather_bench" "$n" "${delay_args[@]}" | tee -a "$results"
  done
done

boost=$(sed -n 's/^#define BOOST_LIB_VERSION "\(.*\)"/\1/p' /usr/include/boost/version.hpp | tr _ .)
echo
echo "sleeps: ${DELAY:-uniform(0, 1) draws}; $(g++ --version | head -n1), Boost ${boost:-?}, $(nproc) cores;" \
  "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PYTHON" - "$results" "$REPEAT" <<'PY'
import sys
from collections import defaultdict
from statistics import median

runs = defaultdict(list)  # (impl, n) -> [(cpu µs/task, RSS MB, loop_elapsed)]
for line in open(sys.argv[1]):
    if not line.startswith("gather_bench "):
        continue
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    n = int(f["n"])
    runs[(f["impl"], n)].append((float(f["cpu_seconds"]) * 1e6 / n, float(f["peak_rss_mb"]),
                                 float(f["loop_elapsed"])))
ns = sorted({n for _, n in runs})
if any(len(runs[(impl, n)]) != int(sys.argv[2]) for n in ns for impl in ("aio-real", "asio-real")):
    sys.exit(f"missing runs: { {k: len(v) for k, v in runs.items()} }")

rows = [("N", "aio CPU µs/task", "asio CPU µs/task", "asio/aio", "aio RSS MB", "asio RSS MB",
         "asio/aio", "loop s (aio / asio)")]
for n in ns:
    a, s = runs[("aio-real", n)], runs[("asio-real", n)]
    cpu_a, cpu_s = median(r[0] for r in a), median(r[0] for r in s)
    rss_a, rss_s = median(r[1] for r in a), median(r[1] for r in s)
    rows.append((f"{n:,}",
                 f"{cpu_a:.3f} ({min(r[0] for r in a):.3f}–{max(r[0] for r in a):.3f})",
                 f"{cpu_s:.3f} ({min(r[0] for r in s):.3f}–{max(r[0] for r in s):.3f})",
                 f"{cpu_s / cpu_a:.2f}x", f"{rss_a:.1f}", f"{rss_s:.1f}", f"{rss_s / rss_a:.2f}x",
                 f"{median(r[2] for r in a):.3f} / {median(r[2] for r in s):.3f}"))
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for i, r in enumerate(rows):
    print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    if i == 0:
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
print(f"\nmedians of {sys.argv[2]} interleaved runs each (CPU: min–max in brackets); CPU = user+sys of the"
      " whole process per task; ratio = asio / aio (above 1: aio spends less)")
PY
