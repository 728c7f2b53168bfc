#!/usr/bin/env bash
# `grader check` (student-facing, exit code), `grader gradescope` (run_autograder with overridden
# paths) and `grader gradescope-package` on sample students.
# usage: commands_test.sh GRADER EXAMPLES KITCACHE WORK
set -euo pipefail
grader=$1 examples=$2 cache=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
cfg=(--config "$examples/grader.toml" --cache-dir "$cache" -j 2)

set +e
"$grader" check "$examples/class/s01-perfect" "${cfg[@]}" >"$work/perfect.txt"; rc_ok=$?
"$grader" check "$examples/class/s03-sequential" -e 02-async-example "${cfg[@]}" >"$work/sequential.txt"; rc_seq=$?
"$grader" check "$examples/class/s06-compile-error" -e 02-async-example "${cfg[@]}" >"$work/compile.txt"; rc_cc=$?
set -e
[ "$rc_ok" -eq 0 ] || { cat "$work/perfect.txt"; fail "check on the perfect student exited $rc_ok"; }
grep -q '✓' "$work/perfect.txt" && ! grep -q '✗' "$work/perfect.txt" || fail "perfect: want only ✓"
grep -q '모든 테스트를 통과했습니다' "$work/perfect.txt" || fail "perfect: no success line"
grep -q '숨김' "$work/perfect.txt" && fail "check shows hidden tests without --hidden"
[ "$rc_seq" -eq 1 ] || fail "check on the sequential student exited $rc_seq, want 1"
grep -q '✗ gather' "$work/sequential.txt" || fail "sequential: no ✗ line"
grep -q '기대' "$work/sequential.txt" && grep -q '실제' "$work/sequential.txt" || fail "sequential: no expected/actual"
grep -q '힌트' "$work/sequential.txt" || fail "sequential: no hint"
[ "$rc_cc" -eq 1 ] || fail "check on the compile error exited $rc_cc, want 1"
grep -q '컴파일 오류' "$work/compile.txt" && grep -q "error: expected ';'" "$work/compile.txt" || fail "compile: no first error"

mkdir -p "$work/gs/results"
"$grader" gradescope "${cfg[@]}" --submission "$examples/class/s09-deadlock" --results "$work/gs/results/results.json" >"$work/gs/stdout.txt"
python3 - "$work/gs/results/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert isinstance(r["score"], int) and 0 < r["score"], r["score"]
assert r["tests"], "no tests"
for t in r["tests"]:
    assert {"name", "score", "max_score", "status", "output", "visibility"} <= t.keys(), t
assert any(t["status"] == "failed" and "교착 상태" in t["output"] for t in r["tests"]), "no deadlock message"
assert sum(t["score"] for t in r["tests"]) == r["score"]
PY

"$grader" gradescope-package --config "$examples/grader.toml" -o "$work/autograder.zip" >/dev/null
listing=$(unzip -Z1 "$work/autograder.zip")
for f in setup.sh run_autograder grader.toml grader/CMakeLists.txt grader/runner/grader_main.cpp harness/include/aio/aio.hpp; do
  grep -qx "$f" <<<"$listing" || fail "autograder.zip lacks $f"
done
grep -q '^solutions/' <<<"$listing" && fail "autograder.zip contains solutions"
grep -q 'hidden/hidden_test.cpp$' <<<"$listing" || fail "autograder.zip lacks hidden tests"
echo "ok: check, gradescope, gradescope-package"
