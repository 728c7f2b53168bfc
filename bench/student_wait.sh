#!/usr/bin/env bash
# What a student waits for (issue 15, figure 1), in a fresh student pack with a cold compiler
# cache (CCACHE_DISABLE=1), each beside its floor:
#   1. first result: `cmake` configure + `ctest -L ^EXERCISE$` until ctest prints the verdict of
#      EXERCISE/public (the shared library, the exercise's test build, its public tests), and
#      until ctest ends (the program's build after the tests, the summary) -> seconds, against
#      the floor: the same compiler commands, bare, `xargs -P JOBS`;
#   2. edit -> result: a comment appended to the stub, `ctest -L ^EXERCISE$` again, to the
#      verdict and to the end -> seconds, against the floor: compiling the stub alone.
# The floors are the compile commands ninja has for the targets (`ninja -t commands`, the
# precompiled header included), without the ccache launcher, each writing to /dev/null.
#
#   bench/student_wait.sh [EXERCISE=02-async-example] [JOBS=2]      prints a Markdown table
#   KEEP_BENCH=1 keeps the pack and its logs (.ninja_log: what each compile took)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ex=${1:-02-async-example}
jobs=${2:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/student-wait.XXXXXX")
trap '[ -n "${KEEP_BENCH:-}" ] || rm -rf "$work"' EXIT
export CCACHE_DISABLE=1 CTEST_PARALLEL_LEVEL=$jobs CMAKE_BUILD_PARALLEL_LEVEL=$jobs
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
# Each line of ctest's output prefixed with the time it arrived (ctest flushes every line).
stamped() { while IFS= read -r line; do printf '%s %s\n' "$(now)" "$line"; done; }
# The time of the EXERCISE/public verdict line in a stamped log, and of its last line.
verdict_at() { awk -v pat="Test +#[0-9]+: $ex/public " '$0 ~ pat { print $1; exit }' "$1"; }
end_at() { tail -1 "$1" | cut -d' ' -f1; }
# The stub's builds pass (a pack from before <id>/program existed built the program in <id>/build).
built() { grep -Eq "Test +#[0-9]+: $ex/build .*Passed" "$1" \
            && { ! grep -Eq "Test +#[0-9]+: $ex/program " "$1" || grep -Eq "Test +#[0-9]+: $ex/program .*Passed" "$1"; } \
            || { cut -d' ' -f2- "$1"; exit 1; }; }

bash "$root/tools/make_student_pack.sh" "$work/pack" >/dev/null
cd "$work/pack"
stub=$(python3 - "exercises/$ex/exercise.toml" <<'PY'
import sys, tomllib
print(tomllib.load(open(sys.argv[1], "rb"))["student_files"][0])
PY
)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

t0=$(now)
cmake -S . -B build -G Ninja >"$work/configure.log"
ctest --test-dir build -L "^$ex\$" 2>&1 | stamped >"$work/first.log" || true  # the stub fails its tests
built "$work/first.log"
first_verdict=$(secs "$t0" "$(verdict_at "$work/first.log")") first_end=$(secs "$t0" "$(end_at "$work/first.log")")

echo "// edited" >>"exercises/$ex/$stub"
t2=$(now)
ctest --test-dir build -L "^$ex\$" 2>&1 | stamped >"$work/edit.log" || true
built "$work/edit.log"
edit_verdict=$(secs "$t2" "$(verdict_at "$work/edit.log")") edit_end=$(secs "$t2" "$(end_at "$work/edit.log")")

# The floors: every compile ninja has for the targets, bare. Up to the verdict: the shared
# library (ctest's pre-test step) and the exercise's public test binary; to the end also the
# program. The edit floor: the stub's own compile.
shared=$(sed -n 's/.*-DTARGETS=\([^"]*\)".*/\1/p' build/CTestCustom.cmake | tr '|' ' ')
compiles() {  # targets... -> the compile commands, launcher removed, output to /dev/null
  ninja -C build -t commands "$@" | awk '/ -c /' | awk '!seen[$0]++' \
    | sed -E 's#[^ ]*cmake -E env [^ ]+ [^ ]*ccache ##; s# -MD -MT [^ ]+ -MF [^ ]+##; s#^#cd build \&\& #; s#$# -o /dev/null#'
}
# shellcheck disable=SC2086
compiles $shared "${ex}_public" >"$work/verdict.cmds"
# shellcheck disable=SC2086
compiles $shared "${ex}_public" "${ex}_program" >"$work/end.cmds"
grep -F "/exercises/$ex/$stub" "$work/verdict.cmds" | grep -v "\.gch" >"$work/edit.cmds"
floor() {  # commands-file -> seconds
  local s e
  s=$(now)
  tr '\n' '\0' <"$1" | xargs -0 -P "$jobs" -I{} sh -c '{} >/dev/null 2>&1 || true'
  e=$(now)
  secs "$s" "$e"
}
verdict_floor=$(floor "$work/verdict.cmds") end_floor=$(floor "$work/end.cmds") edit_floor=$(floor "$work/edit.cmds")
n_verdict=$(wc -l <"$work/verdict.cmds") n_end=$(wc -l <"$work/end.cmds")

echo "Machine: $(nproc) cores, $(g++ --version | head -1); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| wait ($ex, -j$jobs, cold cache) | seconds | floor (bare compiles) | ratio | target |"
echo "|---|---|---|---|---|"
echo "| first result: configure + ctest -L, to the public verdict | $first_verdict | $verdict_floor ($n_verdict compiles) | $(ratio "$first_verdict" "$verdict_floor") | <= 25 s |"
echo "| first ctest -L, to its end (program built after the tests) | $first_end | $end_floor ($n_end compiles) | $(ratio "$first_end" "$end_floor") | |"
echo "| edit -> result: ctest -L, to the public verdict | $edit_verdict | $edit_floor (1 compile) | $(ratio "$edit_verdict" "$edit_floor") | <= 2 s |"
echo "| edit -> ctest -L end | $edit_end | $edit_floor (1 compile) | $(ratio "$edit_end" "$edit_floor") | |"
