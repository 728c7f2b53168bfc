#!/usr/bin/env bash
# Two graders side by side on the same submissions (issue 16 §9: what the defences cost), in a
# way this VM's drift cannot decide. Its speed moves by a third within minutes: two bench.sh runs
# minutes apart measured the same bare compile at 142 and 195 CPU seconds, and even one slice of
# 10 graded by both graders back to back differed by -9 % to +27 %. The class of N is cut into
# SLICES slices and every slice is graded by both graders, in one of two ways:
#   MODE=together (the default where cgroup v1's cpuacct is mounted): both graders at once, each
#     with JOBS/2 jobs, each in a cpuacct cgroup of its own, so both see the machine at the same
#     moments; CPU = the cgroup's usage (every process it started, whoever reaped it). The
#     kernel's deferred work (namespace and cgroup teardown in kworkers) is in no cgroup: the
#     machine's busy time not in either cgroup is printed as "unattributed".
#   MODE=abba: one after the other, before-after then after-before, so that a steady drift
#     cancels; CPU = the machine's busy time meanwhile (bench.sh's cpu_of).
# Each grader has its own kit snapshot (its checkout's harness, exercises and runner) and cache;
# the kit builds happen first and are not measured. A slice is a batch of its own, so each
# grader's fixed cost per batch (start-up, judge servers) is paid SLICES times instead of once.
# usage: [MODE=together|abba] grader/bench/pair.sh BEFORE_GRADER BEFORE_CHECKOUT [AFTER_GRADER]
#        [AFTER_CHECKOUT] [N=100] [JOBS=2] [SLICES=4]          prints a Markdown section
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
before_grader=$1 before_root=$(cd "$2" && pwd)
after_grader=${3:-$root/build/bin/grader} after_root=$(cd "${4:-$root}" && pwd)
n=${5:-100} jobs=${6:-2} slices=${7:-4}
cpuacct=/sys/fs/cgroup/cpuacct
mode=${MODE:-$([ -f $cpuacct/cpuacct.usage ] && echo together || echo abba)}
[ "$mode" = abba ] || [ -f $cpuacct/cpuacct.usage ] || { echo "MODE=together needs cgroup v1's cpuacct at $cpuacct" >&2; exit 2; }
side_jobs=$jobs
[ "$mode" = abba ] || side_jobs=$(( jobs / 2 > 0 ? jobs / 2 : 1 ))
work=$(mktemp -d "${TMPDIR:-/tmp}/grader-pair.XXXXXX")
chmod 755 "$work"  # the sandbox user (as root: nobody) must reach the kit snapshots
cleanup() {
  [ "$mode" = abba ] || rmdir "$cpuacct/grader-pair-$$-before" "$cpuacct/grader-pair-$$-after" 2>/dev/null || true
  [ -n "${KEEP_BENCH:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
config=$root/grader/examples/grader.toml

# shellcheck source=grader/bench/common.sh
. "$root/grader/bench/common.sh"
calc() { python3 -c "print(f'{$1:$2}')"; }

declare -A grader kitargs
for side in before after; do
  if [ $side = before ]; then grader[$side]=$before_grader src=$before_root; else grader[$side]=$after_grader src=$after_root; fi
  snapshot_kit "$src" "$work/$side-kit"
  kitargs[$side]="--kit $work/$side-kit --config $config --cache-dir $work/$side-cache -j $side_jobs"
  [ "$mode" = abba ] || mkdir "$cpuacct/grader-pair-$$-$side"
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
check_graded() {  # side slice
  local m
  m=$(ls "$work/slice-$2" | wc -l)
  grep -q "graded $m submissions ($m re-graded" "$work/$1-$2.log" || { cat "$work/$1-$2.log"; exit 1; }
}
add_totals() {  # side
  total_wall[$1]=$(calc "${total_wall[$1]} + ${wall[$1]}" .1f)
  total_cpu[$1]=$(calc "${total_cpu[$1]} + ${cpu[$1]}" .1f)
}
grade() {  # side slice: alone, CPU = the machine's busy time
  local side=$1 s=$2 t0 t1 b0 b1
  t0=$(now) b0=$(busy_jiffies)
  # shellcheck disable=SC2086
  "${grader[$side]}" grade "$work/slice-$s" -o "$work/$side-out-$s" ${kitargs[$side]} --no-progress >/dev/null 2>"$work/$side-$s.log"
  b1=$(busy_jiffies) t1=$(now)
  check_graded "$side" "$s"
  wall[$side]=$(calc "$t1 - $t0" .1f)
  cpu[$side]=$(calc "($b1 - $b0) / $(getconf CLK_TCK)" .1f)
  add_totals "$side"
}
unattributed=0
grade_together() {  # slice: both at once, CPU = each cgroup's usage
  local s=$1 side b0 b1
  declare -A u0 t0 pid
  b0=$(busy_jiffies)
  for side in before after; do
    u0[$side]=$(cat "$cpuacct/grader-pair-$$-$side/cpuacct.usage")
    t0[$side]=$(now)
    # shellcheck disable=SC2086
    { sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$cpuacct/grader-pair-$$-$side" \
        "${grader[$side]}" grade "$work/slice-$s" -o "$work/$side-out-$s" ${kitargs[$side]} --no-progress \
        >/dev/null 2>"$work/$side-$s.log"
      now >"$work/$side-$s.end"; } &
    pid[$side]=$!
  done
  for side in before after; do
    wait "${pid[$side]}"
    wall[$side]=$(calc "$(cat "$work/$side-$s.end") - ${t0[$side]}" .1f)
  done
  b1=$(busy_jiffies)
  for side in before after; do
    check_graded "$side" "$s"
    cpu[$side]=$(calc "($(cat "$cpuacct/grader-pair-$$-$side/cpuacct.usage") - ${u0[$side]}) / 1e9" .1f)
    add_totals "$side"
  done
  unattributed=$(calc "$unattributed + ($b1 - $b0) / $(getconf CLK_TCK) - ${cpu[before]} - ${cpu[after]}" .1f)
}

echo "Machine: $(nproc) cores, $(uname -r), $(g++ --version | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
version() { git -C "$1" describe --always --dirty 2>/dev/null || echo "?"; }
echo "Before: \`$before_grader\` ($(version "$before_root")); after: \`$after_grader\` ($(version "$after_root"))."
echo
if [ "$mode" = abba ]; then
  echo "Mode: abba (one after the other, JOBS=$jobs each; CPU = the machine's busy time)."
else
  echo "Mode: together (both at once, -j $side_jobs each; CPU = each grader's cpuacct cgroup; wall while sharing the machine)."
fi
echo
echo "| slice | order | submissions | before: wall / CPU | after: wall / CPU | wall change | CPU change |"
echo "|---|---|---|---|---|---|---|"
ratios=()
steal0=$(awk '/^cpu /{print $9}' /proc/stat)
for ((s = 0; s < slices; ++s)); do
  if [ "$mode" = together ]; then order="together"; grade_together $s
  elif ((s % 2 == 0)); then order="before, after"; grade before $s; grade after $s
  else order="after, before"; grade after $s; grade before $s; fi
  ratios+=("$(calc "${cpu[after]} / ${cpu[before]}" .4f)")
  echo "| $((s + 1)) | $order | $(ls "$work/slice-$s" | wc -l) | ${wall[before]} s / ${cpu[before]} s | ${wall[after]} s / ${cpu[after]} s |" \
    "$(calc "(${wall[after]} / ${wall[before]} - 1) * 100" +.1f) % | $(calc "(${cpu[after]} / ${cpu[before]} - 1) * 100" +.1f) % |"
done
echo "| all | | $n | ${total_wall[before]} s / ${total_cpu[before]} s | ${total_wall[after]} s / ${total_cpu[after]} s |" \
  "$(calc "(${total_wall[after]} / ${total_wall[before]} - 1) * 100" +.1f) % | $(calc "(${total_cpu[after]} / ${total_cpu[before]} - 1) * 100" +.1f) % |"
echo
echo "Median of the slices' CPU change: $(python3 -c "import statistics, sys; print(f'{(statistics.median(map(float, sys.argv[1:])) - 1) * 100:+.1f} %')" "${ratios[@]}")."
[ "$mode" = abba ] || echo "Busy CPU in neither grader's cgroup meanwhile (kernel threads, other processes): $unattributed s."
echo "Time the host took from this VM meanwhile (steal): $(calc "($(awk '/^cpu /{print $9}' /proc/stat) - $steal0) / $(getconf CLK_TCK)" .1f) s."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
