#!/usr/bin/env bash
# The gather benchmark as interleaved pairs (issue 15, figure 4): for each N, PAIRS times
# gather_bench (aio, virtual clock) then gather_bench.py (CPython asyncio), each its own process,
# so that a slow minute of a shared machine hits both sides of a pair. Prints every pair's ratio
# and, per N, the median ratio with its spread (lowest and highest pair) against the targets.
#
#   bench/gather_pairs.sh [N ...]          default N: 100000 1000000
#
# Environment: BUILD_DIR (build-bench), PAIRS (default 5), PYTHON (python3).
# Ratio = CPython / aio, of wall time per task (µs) and of peak RSS; the CPU-time ratio (user+sys
# of the whole process) is printed beside it for loaded machines.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-5}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(100000 1000000); fi
. bench/common.sh
bench_build gather_bench
for n in "${NS[@]}"; do
  for pair in $(seq "$PAIRS"); do
    echo "pair=$pair $("$BUILD_DIR/bin/gather_bench" "$n")" >>"$results"
    echo "pair=$pair $("$PYTHON" bench/gather_bench.py "$n")" >>"$results"
  done
done

echo "$("$PYTHON" --version), $(g++ --version | head -n1), $(nproc) cores;" \
  "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PYTHON" - "$results" <<'PY'
import statistics
import sys
from collections import defaultdict

TIME_TARGET, RSS_TARGET, STRETCH_US = 60.0, 6.0, 0.3
runs = defaultdict(dict)  # (n, pair) -> impl -> fields
for line in open(sys.argv[1]):
    pair, rest = line.split(" ", 1)
    if not rest.startswith("gather_bench "):
        continue
    f = dict(kv.split("=", 1) for kv in rest.split()[1:])
    impl = "aio" if f["impl"].startswith("aio") else "cpython"
    runs[(int(f["n"]), int(pair.split("=")[1]))][impl] = f

failed = False
for n in sorted({n for n, _ in runs}):
    pairs = [runs[k] for k in sorted(runs) if k[0] == n and set(runs[k]) == {"aio", "cpython"}]
    time_r, cpu_r, rss_r, aio_us = [], [], [], []
    print(f"\nN = {n:,}")
    print("| pair | aio µs/task | CPython µs/task | time ratio | CPU ratio | aio RSS MB | CPython RSS MB | RSS ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for i, p in enumerate(pairs, 1):
        a, c = p["aio"], p["cpython"]
        tr = float(c["us_per_task"]) / float(a["us_per_task"])
        cr = float(c["cpu_seconds"]) / float(a["cpu_seconds"])
        mr = float(c["peak_rss_mb"]) / float(a["peak_rss_mb"])
        time_r.append(tr), cpu_r.append(cr), rss_r.append(mr), aio_us.append(float(a["us_per_task"]))
        print(f"| {i} | {float(a['us_per_task']):.3f} | {float(c['us_per_task']):.3f} | {tr:.1f}x | {cr:.1f}x | "
              f"{float(a['peak_rss_mb']):.1f} | {float(c['peak_rss_mb']):.1f} | {mr:.1f}x |")
    med, med_rss = statistics.median(time_r), statistics.median(rss_r)
    ok = med >= TIME_TARGET and med_rss >= RSS_TARGET
    failed |= not ok
    print(f"median time ratio {med:.1f}x (pairs {min(time_r):.1f}x-{max(time_r):.1f}x), median CPU ratio "
          f"{statistics.median(cpu_r):.1f}x, median RSS ratio {med_rss:.1f}x; median aio "
          f"{statistics.median(aio_us):.3f} µs/task (stretch <= {STRETCH_US} at 1M)")
    print(f"targets (time >= {TIME_TARGET:g}x, RSS >= {RSS_TARGET:g}x): {'met' if ok else 'NOT met'}")
sys.exit(1 if failed else 0)
PY
