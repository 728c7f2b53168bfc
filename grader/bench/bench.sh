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
# usage: [CASES="all typical behaved"] grader/bench/bench.sh [GRADER] [N=100] [JOBS=2]
#        prints a Markdown section
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=${1:-$root/build/bin/grader}
n=${2:-100}
jobs=${3:-2}
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
  [ -n "${KEEP_BENCH:-}" ] || rm -rf "$keep" "$dir"
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
echo
echo "Sandbox: $(grep -ho 'bubblewrap sandbox.*\|rlimits only.*' "$work"/*.log | head -1)."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
