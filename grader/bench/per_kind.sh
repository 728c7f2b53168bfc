#!/usr/bin/env bash
# Where grading costs more than its compile floor, per kind of student: for each student of the
# sample class, K copies (each file changed by a unique comment) graded with `grader grade -j 2`,
# then the same compiler commands bare (as bench.sh does), with the machine's busy time of each.
# Prints a Markdown table sorted by the extra CPU per submission (it includes 1/K of each batch's
# fixed start and end). The machine must be otherwise idle.
# usage: [K=4] grader/bench/per_kind.sh [GRADER]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=${1:-$root/build/bin/grader}
k=${K:-4}
work=$(mktemp -d "${TMPDIR:-/tmp}/grader-per-kind.XXXXXX")
chmod 755 "$work"  # the sandbox user (as root: nobody) must reach the kit snapshot
trap 'rm -rf "$work"' EXIT
# shellcheck source=grader/bench/common.sh
. "$root/grader/bench/common.sh"
snapshot_kit "$root" "$work/kit-src"
kitargs=(--kit "$work/kit-src" --config "$root/grader/examples/grader.toml" --cache-dir "$work/kit" -j 2)
"$grader" prepare "${kitargs[@]}" >/dev/null
busy_of() {  # prints the jiffies the machine was busy while the command ran
  local b0 b1
  b0=$(busy_jiffies)
  "$@" >/dev/null 2>&1 || true
  b1=$(busy_jiffies)
  echo $((b1 - b0))
}
rows=$work/rows
for student in $(ls "$root/grader/examples/class"); do
  name=${student%.zip}
  python3 "$root/grader/bench/make_class.py" "$root/grader/examples/class" "$work/$name" "$k" "^(?!$student\$)"
  mkdir -p "$work/$name-keep"
  t0=$(now)
  g=$(busy_of "$grader" grade "$work/$name" -o "$work/$name-out" "${kitargs[@]}" --no-progress --keep-work --work-dir "$work/$name-keep")
  t1=$(now)
  grep -h '^\$ .* -c .*\.cpp -o ' -r "$work/$name-out/logs" | sed 's/^\$ //' | sort -u >"$work/$name.commands" || true
  t2=$(now)
  b=$(busy_of sh -c "tr '\\n' '\\0' <'$work/$name.commands' | xargs -0 -r -P 2 -I{} sh -c '{} 2>/dev/null || true'")
  t3=$(now)
  procs=$(grep -h '^argv:' -r "$work/$name-out/logs" | sort -u | wc -l)
  echo "$name $(wc -l <"$work/$name.commands") $procs $t0 $t1 $t2 $t3 $g $b" >>"$rows"
  rm -rf "$work/$name" "$work/$name-keep" "$work/$name-out"
done
python3 - "$rows" "$k" "$(getconf CLK_TCK)" <<'PY'
import sys
rows, k, hz = [l.split() for l in open(sys.argv[1])], int(sys.argv[2]), int(sys.argv[3])
print(f"| student | compiles | test processes per copy | grade CPU | bare CPU | extra CPU per submission | extra wall per submission |")
print("|---|---|---|---|---|---|---|")
out = []
for name, cmds, procs, t0, t1, t2, t3, g, b in rows:
    g, b = int(g) / hz, int(b) / hz
    wall = ((float(t1) - float(t0)) - (float(t3) - float(t2))) / k
    out.append(((g - b) / k, f"| {name} | {cmds} | {int(procs) / k:.1f} | {g:.2f} s | {b:.2f} s | **{(g - b) / k:.2f} s** | {wall:.2f} s |"))
for _, line in sorted(out):
    print(line)
print(f"\nMean extra CPU per submission over the kinds: {sum(x for x, _ in out) / len(out):.3f} s")
PY
