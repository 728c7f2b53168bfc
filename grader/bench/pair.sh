#!/usr/bin/env bash
# Two graders side by side on the same submissions (issue 16 §9: what the defences cost), in a
# way this VM's drift cannot decide: its speed moves by a third within minutes (two bench.sh runs
# minutes apart measured the same bare compile at 142 and 195 CPU seconds), so two whole
# bench.sh runs, one per grader, compare the machine as much as the graders. Here the class of N
# is cut into SLICES slices, and every slice is graded by both graders back to back, in the order
# ABBA (before-after, after-before, ...) so that a steady drift cancels.
# Each grader has its own kit snapshot (its checkout's harness, exercises and runner) and cache;
# the kit builds happen first and are not measured. Per grade: wall time, and the CPU seconds
# the machine was busy meanwhile (bench.sh's cpu_of). A slice is a batch of its own, so each
# grader's fixed cost per batch (start-up, judge servers) is paid SLICES times instead of once.
# usage: grader/bench/pair.sh BEFORE_GRADER BEFORE_CHECKOUT [AFTER_GRADER] [AFTER_CHECKOUT] [N=100] [JOBS=2] [SLICES=4]
#        prints a Markdown section
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
before_grader=$1 before_root=$(cd "$2" && pwd)
after_grader=${3:-$root/build/bin/grader} after_root=$(cd "${4:-$root}" && pwd)
n=${5:-100} jobs=${6:-2} slices=${7:-4}
work=$(mktemp -d "${TMPDIR:-/tmp}/grader-pair.XXXXXX")
chmod 755 "$work"  # the sandbox user (as root: nobody) must reach the kit snapshots
trap '[ -n "${KEEP_BENCH:-}" ] || rm -rf "$work"' EXIT
config=$root/grader/examples/grader.toml

busy_jiffies() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
now() { date +%s.%N; }
calc() { python3 -c "print(f'{$1:$2}')"; }

declare -A grader kitargs
for side in before after; do
  if [ $side = before ]; then grader[$side]=$before_grader src=$before_root; else grader[$side]=$after_grader src=$after_root; fi
  mkdir -p "$work/$side-kit/grader"
  cp -r "$src/harness" "$src/exercises" "$work/$side-kit/"
  cp -r "$src/grader/runner" "$work/$side-kit/grader/"
  kitargs[$side]="--kit $work/$side-kit --config $config --cache-dir $work/$side-cache -j $jobs"
  # shellcheck disable=SC2086
  "${grader[$side]}" prepare ${kitargs[$side]} >/dev/null
done

python3 "$root/grader/bench/make_class.py" "$root/grader/examples/class" "$work/class" "$n" ""
mapfile -t subs < <(ls "$work/class")
for ((s = 0; s < slices; ++s)); do
  mkdir -p "$work/slice-$s"
  for ((i = s; i < ${#subs[@]}; i += slices)); do mv "$work/class/${subs[$i]}" "$work/slice-$s/"; done
done

declare -A wall cpu total_wall total_cpu
total_wall[before]=0 total_wall[after]=0 total_cpu[before]=0 total_cpu[after]=0
grade() {  # side slice
  local side=$1 s=$2 t0 t1 b0 b1 m
  m=$(ls "$work/slice-$s" | wc -l)
  t0=$(now) b0=$(busy_jiffies)
  # shellcheck disable=SC2086
  "${grader[$side]}" grade "$work/slice-$s" -o "$work/$side-out-$s" ${kitargs[$side]} --no-progress >/dev/null 2>"$work/$side-$s.log"
  b1=$(busy_jiffies) t1=$(now)
  grep -q "graded $m submissions ($m re-graded" "$work/$side-$s.log" || { cat "$work/$side-$s.log"; exit 1; }
  wall[$side]=$(calc "$t1 - $t0" .1f)
  cpu[$side]=$(calc "($b1 - $b0) / $(getconf CLK_TCK)" .1f)
  total_wall[$side]=$(calc "${total_wall[$side]} + ${wall[$side]}" .1f)
  total_cpu[$side]=$(calc "${total_cpu[$side]} + ${cpu[$side]}" .1f)
}

echo "Machine: $(nproc) cores, $(uname -r), $(g++ --version | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
version() { git -C "$1" describe --always --dirty 2>/dev/null || echo "?"; }
echo "Before: \`$before_grader\` ($(version "$before_root")); after: \`$after_grader\` ($(version "$after_root"))."
echo
echo "| slice | order | submissions | before: wall / CPU | after: wall / CPU | wall change | CPU change |"
echo "|---|---|---|---|---|---|---|"
ratios=()
for ((s = 0; s < slices; ++s)); do
  if ((s % 2 == 0)); then order="before, after"; grade before $s; grade after $s
  else order="after, before"; grade after $s; grade before $s; fi
  ratios+=("$(calc "${cpu[after]} / ${cpu[before]}" .4f)")
  echo "| $((s + 1)) | $order | $(ls "$work/slice-$s" | wc -l) | ${wall[before]} s / ${cpu[before]} s | ${wall[after]} s / ${cpu[after]} s |" \
    "$(calc "(${wall[after]} / ${wall[before]} - 1) * 100" +.1f) % | $(calc "(${cpu[after]} / ${cpu[before]} - 1) * 100" +.1f) % |"
done
echo "| all | | $n | ${total_wall[before]} s / ${total_cpu[before]} s | ${total_wall[after]} s / ${total_cpu[after]} s |" \
  "$(calc "(${total_wall[after]} / ${total_wall[before]} - 1) * 100" +.1f) % | $(calc "(${total_cpu[after]} / ${total_cpu[before]} - 1) * 100" +.1f) % |"
echo
echo "Median of the slices' CPU change: $(python3 -c "import statistics, sys; print(f'{(statistics.median(map(float, sys.argv[1:])) - 1) * 100:+.1f} %')" "${ratios[@]}")."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
