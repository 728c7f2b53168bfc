#!/usr/bin/env bash
# Runs gather_bench (aio, virtual clock) and gather_bench.py (CPython asyncio, real clock) for each
# N and prints a side-by-side table: time per task and peak RSS, with CPython/aio ratios.
#
#   bench/run.sh [N ...]            default N: 100000 1000000
#
# Environment: BUILD_DIR (build-bench), REPEAT (aio runs per N, default 3), PY_REPEAT (CPython
# runs per N, default 1), PY_VIRTUAL=1 (also run CPython on a virtual-clock loop), PYTHON (python3).
# Each run is its own process, so each peak RSS belongs to one N. The table keeps the fastest run
# per implementation and N, and the largest peak RSS among its runs.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
PY_REPEAT=${PY_REPEAT:-1}
PY_VIRTUAL=${PY_VIRTUAL:-0}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(100000 1000000); fi
. bench/common.sh  # wall times mean little on a busy machine: it also notes how busy it was
bench_build gather_bench
for n in "${NS[@]}"; do
  for _ in $(seq "$REPEAT"); do "$BUILD_DIR/bin/gather_bench" "$n" | tee -a "$results"; done
  for _ in $(seq "$PY_REPEAT"); do "$PYTHON" bench/gather_bench.py "$n" | tee -a "$results"; done
  if [ "$PY_VIRTUAL" = 1 ]; then
    for _ in $(seq "$PY_REPEAT"); do "$PYTHON" bench/gather_bench.py "$n" --virtual | tee -a "$results"; done
  fi
done

echo
echo "$("$PYTHON" --version), $(g++ --version | head -n1), $(nproc) cores;" \
  "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PYTHON" - "$results" <<'PY'
import sys
from collections import defaultdict

TIME_TARGET, RSS_TARGET = 50.0, 6.0
best = defaultdict(lambda: {"us": float("inf"), "cpu_us": float("inf"), "rss": 0.0})
for line in open(sys.argv[1]):
    if not line.startswith("gather_bench "):
        continue
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    n = int(f["n"])
    b = best[(f["impl"], n)]
    b["us"] = min(b["us"], float(f["us_per_task"]))
    b["cpu_us"] = min(b["cpu_us"], float(f["cpu_seconds"]) * 1e6 / n)
    b["rss"] = max(b["rss"], float(f["peak_rss_mb"]))

ns = sorted({n for _, n in best})
rows = [("N", "aio µs/task", "CPython µs/task", "time ratio", "aio RSS MB", "CPython RSS MB", "RSS ratio", "targets")]
for baseline in ("cpython-real", "cpython-virtual"):
    for n in ns:
        if (baseline, n) not in best or ("aio-virtual", n) not in best:
            continue
        a, p = best[("aio-virtual", n)], best[(baseline, n)]
        tr, mr = p["us"] / a["us"], p["rss"] / a["rss"]
        ok = "met" if tr >= TIME_TARGET and mr >= RSS_TARGET else "NOT met"
        label = f"{n:,}" + ("" if baseline == "cpython-real" else " (CPython virtual clock)")
        rows.append((label, f"{a['us']:.3f}", f"{p['us']:.3f}", f"{tr:.1f}x", f"{a['rss']:.1f}",
                     f"{p['rss']:.1f}", f"{mr:.1f}x", ok))
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for i, r in enumerate(rows):
    print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    if i == 0:
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
print(f"\ntargets: time ratio >= {TIME_TARGET:g}x and RSS ratio >= {RSS_TARGET:g}x "
      "(aio on the virtual clock vs CPython asyncio; ratio = CPython / aio; time = wall time)")
print("CPU time (user+sys of the whole process) per task, for a loaded machine:")
for baseline in ("cpython-real", "cpython-virtual"):
    for n in ns:
        if (baseline, n) in best and ("aio-virtual", n) in best:
            a, p = best[("aio-virtual", n)], best[(baseline, n)]
            print(f"  N={n:,}: aio {a['cpu_us']:.3f} µs, {baseline} {p['cpu_us']:.3f} µs, "
                  f"ratio {p['cpu_us'] / a['cpu_us']:.1f}x")
PY
