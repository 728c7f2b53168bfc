#!/usr/bin/env bash
# Runs queue_bench (aio) and queue_bench.py (CPython asyncio) on the same workload and prints a
# side-by-side table: time per item and peak RSS, with CPython/aio ratios (issue 12 §4).
#
#   bench/queue_run.sh [N [PRODUCERS CONSUMERS MAXSIZE]]     default 100000 100 100 100
#
# Environment: BUILD_DIR (build-bench), REPEAT (aio runs, default 5), PY_REPEAT (CPython runs,
# default 3), PYTHON (python3). Each run is its own process. The table keeps the fastest run of
# each implementation (wall time and, separately, CPU time of the run) and the largest peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-5}
PY_REPEAT=${PY_REPEAT:-3}
. bench/common.sh
bench_build queue_bench
for _ in $(seq "$REPEAT"); do "$BUILD_DIR/bin/queue_bench" "$@" | tee -a "$results"; done
for _ in $(seq "$PY_REPEAT"); do "$PYTHON" bench/queue_bench.py "$@" | tee -a "$results"; done

echo
echo "$("$PYTHON" --version), $(g++ --version | head -n1), $(nproc) cores;" \
  "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PYTHON" - "$results" <<'PY'
import sys

TIME_TARGET, RSS_TARGET = 50.0, 6.0
best, shape, checksums = {}, set(), set()
for line in open(sys.argv[1]):
    if not line.startswith("queue_bench "):
        continue
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    shape.add((f["n"], f["producers"], f["consumers"], f["maxsize"]))
    checksums.add(f["checksum"])
    b = best.setdefault(f["impl"], {"us": float("inf"), "cpu_us": float("inf"), "rss": 0.0})
    b["us"] = min(b["us"], float(f["us_per_item"]))
    b["cpu_us"] = min(b["cpu_us"], float(f["run_cpu_us_per_item"]))
    b["rss"] = max(b["rss"], float(f["peak_rss_mb"]))
if len(shape) != 1 or len(checksums) != 1 or set(best) != {"aio", "cpython"}:
    sys.exit(f"runs disagree or are missing: {shape} {checksums} {sorted(best)}")
n, p, c, m = shape.pop()
a, py = best["aio"], best["cpython"]
tr, cr, mr = py["us"] / a["us"], py["cpu_us"] / a["cpu_us"], py["rss"] / a["rss"]
rows = [("", "aio", "CPython", "ratio", "target"),
        ("wall µs/item", f"{a['us']:.3f}", f"{py['us']:.3f}", f"{tr:.1f}x", f">= {TIME_TARGET:g}x"),
        ("CPU µs/item", f"{a['cpu_us']:.3f}", f"{py['cpu_us']:.3f}", f"{cr:.1f}x", f">= {TIME_TARGET:g}x"),
        ("peak RSS MB", f"{a['rss']:.1f}", f"{py['rss']:.1f}", f"{mr:.1f}x", f">= {RSS_TARGET:g}x")]
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
print(f"{int(n):,} items, {p} producers, {c} consumers, maxsize {m} (checksum {checksums.pop()})")
for i, r in enumerate(rows):
    print("| " + " | ".join(cell.ljust(w) for cell, w in zip(r, widths)) + " |")
    if i == 0:
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
time_met = tr >= TIME_TARGET or cr >= TIME_TARGET
print(f"targets: time {'met' if time_met else 'NOT met'} (wall or CPU), memory {'met' if mr >= RSS_TARGET else 'NOT met'}"
      " (ratio = CPython / aio; CPU: user+sys of the run alone, what a loaded machine leaves comparable)")
PY
