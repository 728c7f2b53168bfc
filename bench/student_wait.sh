#!/usr/bin/env bash
# What a student waits for (issue 15, figure 1), in a fresh student pack with a cold compiler
# cache (CCACHE_DISABLE=1), each beside its floor:
#   1. first result: `cmake` configure + `ctest -L ^EXERCISE$` (the shared library, the
#      exercise's build, its public tests) -> seconds, against the floor: the same compiler
#      commands for the shared library and that exercise alone, bare, `xargs -P JOBS`;
#   2. edit -> result: a comment appended to the stub, `ctest -L ^EXERCISE$` again -> seconds,
#      against the floor: compiling the stub alone.
#
#   bench/student_wait.sh [EXERCISE=02-async-example] [JOBS=2]      prints a Markdown table
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ex=${1:-02-async-example}
jobs=${2:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/student-wait.XXXXXX")
trap '[ -n "${KEEP_BENCH:-}" ] || rm -rf "$work"' EXIT
export CCACHE_DISABLE=1 CTEST_PARALLEL_LEVEL=$jobs CMAKE_BUILD_PARALLEL_LEVEL=$jobs
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }

bash "$root/tools/make_student_pack.sh" "$work/pack" >/dev/null
cd "$work/pack"
stub=$(python3 - "exercises/$ex/exercise.toml" <<'PY'
import sys, tomllib
print(tomllib.load(open(sys.argv[1], "rb"))["student_files"][0])
PY
)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

t0=$(now)
cmake -S . -B build -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$work/configure.log"
ctest --test-dir build -L "^$ex\$" >"$work/first.log" 2>&1 || true  # the stub fails its tests
t1=$(now)
grep -q "Test *#.*$ex/build .*Passed" "$work/first.log" || { cat "$work/first.log"; exit 1; }

echo "// edited" >>"exercises/$ex/$stub"
t2=$(now)
ctest --test-dir build -L "^$ex\$" >"$work/edit.log" 2>&1 || true
t3=$(now)
grep -q "Test *#.*$ex/build .*Passed" "$work/edit.log" || { cat "$work/edit.log"; exit 1; }

# The floors: the compile commands ninja ran for the shared library and this exercise, bare.
python3 - build/compile_commands.json "$ex" "$stub" "$work" <<'PY'
import json, os, sys
commands, ex, stub, work = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
first, edit = [], []
for c in commands:
    f = c["file"]
    mine = f"/exercises/{ex}/" in f
    shared = "/harness/src/" in f or "/audit/" in f
    if mine or shared:
        first.append(f"cd {c['directory']} && {c['command']} -o /dev/null")
    if mine and f.endswith("/" + stub):
        edit.append(f"cd {c['directory']} && {c['command']} -o /dev/null")
open(os.path.join(work, "first.cmds"), "w").write("\n".join(first) + "\n")
open(os.path.join(work, "edit.cmds"), "w").write("\n".join(edit) + "\n")
PY
floor() {  # commands-file -> seconds
  local s e
  s=$(now)
  tr '\n' '\0' <"$1" | xargs -0 -P "$jobs" -I{} sh -c '{} >/dev/null 2>&1 || true'
  e=$(now)
  secs "$s" "$e"
}
first=$(secs "$t0" "$t1") edit=$(secs "$t2" "$t3")
first_floor=$(floor "$work/first.cmds") edit_floor=$(floor "$work/edit.cmds")

echo "Machine: $(nproc) cores, $(g++ --version | head -1); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| wait ($ex, -j$jobs, cold cache) | seconds | floor (bare compiles) | ratio | target |"
echo "|---|---|---|---|---|"
echo "| first result: configure + ctest -L | $first | $first_floor ($(wc -l <"$work/first.cmds") files) | $(python3 -c "print(f'{$first / $first_floor:.2f}')") | <= 25 s |"
echo "| edit -> result: ctest -L | $edit | $edit_floor (1 file) | $(python3 -c "print(f'{$edit / $edit_floor:.2f}')") | <= 2 s |"
