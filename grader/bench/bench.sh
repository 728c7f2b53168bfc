#!/usr/bin/env bash
# Grader benchmark (issue 4 §4), on the sample class:
#   1. the kit build, once per batch (harness, runner main, PCH, every test)      -> seconds
#   2. N submissions made from the sample class, every file changed by a unique comment, so no
#      two compile alike (nothing is shared or cached): `grader grade -j JOBS`    -> seconds
#   3. the same compiler commands the grader ran (from its logs, --keep-work), bare, with
#      `xargs -P JOBS`: no sandbox, no link, no tests                             -> ratio 2/3
#   4. grading the same N again, unchanged                                        -> seconds
# Steps 2-3 are repeated without the students that burn their limits by design: the two hanging
# ones (a busy loop and a mutex deadlock: each of their tests costs its CPU/wall limit), then
# also the memory bomb and the output flood.
#   5. steps 2-3 again as SLICES (default 5, 0: off) interleaved pairs of one slice's grade and its
#      bare compiles, median and spread of the ratio (the VM's speed drifts between steps 2 and 3)
# usage: [CASES="all typical behaved"] [SLICES=5] grader/bench/bench.sh [GRADER] [N=100] [JOBS=2]
#        prints a Markdown section
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=${1:-$root/build/bin/grader}
n=${2:-100}
jobs=${3:-2}
slices=${SLICES:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/grader-bench.XXXXXX")
chmod 755 "$work"  # the sandbox user (as root: nobody) must reach the kit snapshot
trap '[ -n "${KEEP_BENCH:-}" ] || rm -rf "$work"' EXIT
config=$root/grader/examples/grader.toml
# shellcheck source=grader/bench/common.sh
. "$root/grader/bench/common.sh"
snapshot_kit "$root" "$work/kit-src"
kitargs=(--kit "$work/kit-src" --config "$config" --cache-dir "$work/kit" -j "$jobs")
# Runs a command and prints the CPU seconds the whole machine was busy meanwhile (busy_jiffies):
# less sensitive than wall time to a slower VM, but the machine must be otherwise idle.
cpu_of() {
  local b0 b1
  b0=$(busy_jiffies)
  "$@" >/dev/null
  b1=$(busy_jiffies)
  python3 -c "print(f'{($b1 - $b0) / $(getconf CLK_TCK):.1f}')"
}
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }

make_class() {  # dest n exclude-regex
  python3 "$root/grader/bench/make_class.py" "$root/grader/examples/class" "$1" "$2" "$3"
}

run_case() {  # label exclude-regex
  local label=$1 dir="$work/$2-subs" out="$work/$2-out" keep="$work/$2-keep"
  make_class "$dir" "$n" "$3"
  mkdir -p "$keep"
  local t0 t1 t2 t3 t4 t5
  t0=$(now)
  local cpu_grade cpu_bare
  cpu_grade=$(cpu_of "$grader" grade "$dir" -o "$out" "${kitargs[@]}" --no-progress --keep-work --work-dir "$keep" 2>"$work/$2.log")
  t1=$(now)
  # The exact compiler commands of this run, bare.
  grep -h '^\$ .* -c .*\.cpp -o ' -r "$out/logs" | sed 's/^\$ //' | sort -u >"$work/$2.commands"
  local count
  count=$(wc -l <"$work/$2.commands")
  t2=$(now)
  cpu_bare=$(cpu_of sh -c "tr '\\n' '\\0' <'$work/$2.commands' | xargs -0 -P '$jobs' -I{} sh -c '{} 2>/dev/null || true'")
  t3=$(now)
  "$grader" grade "$dir" -o "$out" "${kitargs[@]}" --no-progress 2>"$work/$2.again.log"
  t4=$(now)
  grep -q "0 re-graded, $n unchanged" "$work/$2.again.log" || { cat "$work/$2.again.log"; exit 1; }
  local grade bare again
  grade=$(secs "$t0" "$t1") bare=$(secs "$t2" "$t3") again=$(secs "$t3" "$t4")
  printf '| %s | %s | %s | %s s | %s s | %s s | %s | %s s / %s s | %s | %s s |\n' "$label" "$n" "$count" "$grade" \
    "$(python3 -c "print(f'{$grade / $n:.2f}')")" "$bare" "$(python3 -c "print(f'{$grade / $bare:.2f}')")" \
    "$cpu_grade" "$cpu_bare" "$(python3 -c "print(f'{$cpu_grade / $cpu_bare:.2f}')")" "$again"
  [ "$slices" -lt 2 ] || run_slices "$label" "$2" "$dir" "$out"
  [ -n "${KEEP_BENCH:-}" ] || rm -rf "$keep" "$dir"
}

# The same class again as SLICES interleaved pairs: each slice (`--shard k/SLICES` of it, into
# a fresh output, so nothing is cached) is graded next to the bare compiles of its own files,
# grade first in odd slices and bare first in even ones. This VM's speed moves by a third within
# minutes, so the one-batch ratio above compares two different machines; adjacent pairs do not.
# Each slice is a batch of its own and pays the batch's fixed start and end again.
run_slices() {  # label case dir out
  local label=$1 dir=$3 out=$4 k
  for k in $(seq 1 "$slices"); do
    # The shard's members as the grader picks them: sorted ids (a .zip's without the suffix), i mod n.
    python3 - "$dir" "$k" "$slices" "$out/logs" <<'PY' | xargs -0 cat | grep -h '^\$ .* -c .*\.cpp -o ' | sed 's/^\$ //' | sort -u >"$work/$2.slice$k.commands"
import os, sys
d, k, n, logs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ids = sorted(name[:-4] if name.endswith(".zip") else name for name in os.listdir(d))
for i, sub in enumerate(ids):
    if i % n == k - 1 and os.path.isdir(os.path.join(logs, sub)):
        for f in sorted(os.listdir(os.path.join(logs, sub))):
            sys.stdout.write(os.path.join(logs, sub, f) + "\0")
PY
    local g0 g1 b0 b1 cpu_g cpu_b
    slice_grade() {
      g0=$(now)
      cpu_g=$(cpu_of "$grader" grade "$dir" --shard "$k/$slices" -o "$work/$2.slice$k.out" "${kitargs[@]}" --no-progress 2>>"$work/$2.slices.log")
      g1=$(now)
    }
    slice_bare() {
      b0=$(now)
      cpu_b=$(cpu_of sh -c "tr '\\n' '\\0' <'$work/$2.slice$k.commands' | xargs -0 -P '$jobs' -I{} sh -c '{} 2>/dev/null || true'")
      b1=$(now)
    }
    if [ $((k % 2)) -eq 1 ]; then slice_grade "$@"; slice_bare "$@"; else slice_bare "$@"; slice_grade "$@"; fi
    echo "$k $(wc -l <"$work/$2.slice$k.commands") $(secs "$g0" "$g1") $(secs "$b0" "$b1") $cpu_g $cpu_b" >>"$work/$2.slices"
    rm -rf "$work/$2.slice$k.out"
  done
  python3 - "$label" "$work/$2.slices" >>"$work/slices.md" <<'PY'
import statistics, sys
label, rows = sys.argv[1], [l.split() for l in open(sys.argv[2])]
print(f"| {label} | " + " | ".join(f"{float(g) / float(b):.2f} ({float(cg) / float(cb):.2f})" for _, _, g, b, cg, cb in rows), end="")
wall = [float(g) / float(b) for _, _, g, b, _, _ in rows]
cpu = [float(cg) / float(cb) for _, _, _, _, cg, cb in rows]
tg, tb = sum(float(r[2]) for r in rows), sum(float(r[3]) for r in rows)
cg, cb = sum(float(r[4]) for r in rows), sum(float(r[5]) for r in rows)
print(f" | **{statistics.median(wall):.2f}** ({statistics.median(cpu):.2f}) | {tg / tb:.2f} ({cg / cb:.2f}) | {tg:.1f} s / {tb:.1f} s |")
PY
}

t0=$(now)
"$grader" prepare "${kitargs[@]}" >/dev/null
kit=$(secs "$t0" "$(now)")

echo "Machine: $(nproc) cores, $(uname -r), $(g++ --version | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Kit build (once per batch: harness, runner main with Catch2, PCH, all tests): ${kit} s"
echo
echo "| class | submissions | compiler runs | grade -j$jobs | per submission | bare g++ -c -j$jobs | ratio | CPU grade / bare | CPU ratio | re-grade unchanged |"
echo "|---|---|---|---|---|---|---|---|---|---|"
cases=" ${CASES:-all typical behaved} "  # CASES="behaved": only that row
[[ $cases != *" all "* ]] || run_case "sample class (all 19 kinds)" all ""
[[ $cases != *" typical "* ]] || run_case "without the 2 hanging kinds (s07, s17)" typical '^s(07|17)-'
[[ $cases != *" behaved "* ]] || run_case "well-behaved only (also without s11 memory, s12 output)" behaved '^s(07|11|12|17)-'
if [ -s "$work/slices.md" ]; then
  echo
  echo "The same class as $slices interleaved slices (each: \`grade --shard k/$slices\` into a fresh output, and the bare compiles of its files; grade first in odd slices), wall ratio (CPU ratio):"
  echo
  printf '| class |'; for k in $(seq 1 "$slices"); do printf ' slice %s |' "$k"; done; echo ' median | all slices | grade / bare (wall) |'
  printf '|---|'; for k in $(seq 1 "$slices"); do printf '%s' '---|'; done; echo '---|---|---|'
  cat "$work/slices.md"
fi
echo
echo "Sandbox: $(grep -ho 'bubblewrap sandbox.*\|rlimits only.*' "$work"/*.log | head -1)."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
