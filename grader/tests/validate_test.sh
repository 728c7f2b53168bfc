#!/usr/bin/env bash
# `grader new-exercise` and `grader validate` (docs/adding-an-exercise.md):
#   1. validate passes on some of the kit's own exercises (each standard mistake caught or n/a);
#   2. in a scratch kit (the harness, the runner, the template): new-exercise refuses a malformed,
#      an existing and a taken id; 13-two-jobs as written by new-exercise passes validate; and a
#      copy 14-weak-jobs with hidden tests that only check run_job, plus a hand-written mistake
#      (results in finish order), fails validate naming what the hidden tests miss.
# One validate run per kit: each kit's tests are built once into KITCACHE.
# usage: validate_test.sh GRADER KIT KITCACHE WORK [EXERCISE...]
set -euo pipefail
grader=$1 kit=$2 cache=$3 work=$4
shift 4
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
expect_line() {  # file, exercise, status, text: the exercise's section has a line with both
  python3 - "$@" <<'PY' || fail "$2: no '$3 ... $4' line in $1"
import sys
path, exercise, status, text = sys.argv[1:5]
section, found = None, False
for line in open(path, encoding="utf-8"):
    if line and not line.startswith(" "):
        section = line.split(" ")[0].strip()
    elif section == exercise and line.strip().startswith(status) and text in line:
        found = True
sys.exit(0 if found else 1)
PY
}

# 1. The kit's exercises.
if [ $# -gt 0 ]; then
  "$grader" validate "$@" --kit "$kit" --cache-dir "$cache" -j 2 >"$work/kit.txt" 2>"$work/kit.err" \
    || { cat "$work/kit.txt"; fail "validate $* on the kit"; }
  grep -c "^  PASS" "$work/kit.txt" | sed 's/^/kit exercises: PASS lines: /'
fi

# 2. A scratch kit with only the template's exercises.
scratch=$work/kit
mkdir -p "$scratch/exercises" "$scratch/solutions" "$scratch/grader" "$scratch/tools"
cp -r "$kit/harness" "$scratch/"
cp -r "$kit/grader/runner" "$scratch/grader/"
cp -r "$kit/tools/exercise_template" "$scratch/tools/"
new() { "$grader" new-exercise "$@" --kit "$scratch"; }

out=$(new 1-Two_Jobs 2>&1) && fail "a malformed id was accepted"
grep -q "is not an exercise id" <<<"$out" || fail "malformed id: $out"
new 13-two-jobs --title "두 작업을 동시에" >"$work/new.txt" || fail "new-exercise 13-two-jobs"
grep -q "exercises/13-two-jobs/two_jobs.cpp" "$work/new.txt" || fail "new-exercise did not list the stub"
grep -q '^title = "두 작업을 동시에"$' "$scratch/exercises/13-two-jobs/exercise.toml" || fail "title not in exercise.toml"
out=$(new 13-two-jobs 2>&1) && fail "an existing id was accepted"
grep -q "exists already" <<<"$out" || fail "existing id: $out"
out=$(new 13-other 2>&1) && fail "a taken number was accepted"
grep -q "number 13 is taken by exercises/13-two-jobs" <<<"$out" || fail "taken number: $out"

# The planted weakness: hidden tests that only run run_job alone, and an author's mistake.
new 14-weak-jobs >/dev/null
weak=$scratch/exercises/14-weak-jobs
python3 - "$weak" <<'PY'
import re, sys
d = sys.argv[1]
keep = "run_job 하나만 실행해도 맞다"
toml = open(f"{d}/exercise.toml", encoding="utf-8").read()
head, *tests = re.split(r"(?m)^(?=\[\[tests\]\])", toml)
tests = [t for t in tests if 'visibility = "public"' in t or keep in t]
text = head + "".join(tests)
points = sum(int(p) for p in re.findall(r"points = (\d+)", "".join(tests)))
text = text.replace("total_points = 12", f"total_points = {points}")
open(f"{d}/exercise.toml", "w", encoding="utf-8").write(text)
src = open(f"{d}/hidden/hidden_test.cpp", encoding="utf-8").read()
cases = re.split(r"(?m)^(?=TEST_CASE)", src)
open(f"{d}/hidden/hidden_test.cpp", "w", encoding="utf-8").write(cases[0] + "".join(c for c in cases[1:] if keep in c))
PY
mkdir -p "$scratch/solutions/14-weak-jobs/mistakes"
sed -e 's|^#include "api.hpp"|// results in the order the jobs finished, not in the order given\n#include "api.hpp"|' \
    -e 's|std::vector<std::string>{a, b}|(a_seconds <= b_seconds ? std::vector<std::string>{a, b} : std::vector<std::string>{b, a})|' \
    "$scratch/solutions/14-weak-jobs/weak_jobs.cpp" >"$scratch/solutions/14-weak-jobs/mistakes/finish-order.cpp"

status=0
"$grader" validate --kit "$scratch" --cache-dir "$cache" -j 2 >"$work/scratch.txt" 2>"$work/scratch.err" || status=$?
cat "$work/scratch.txt"
[ "$status" = 1 ] || fail "validate on the scratch kit exited $status, want 1 (14-weak-jobs has uncaught mistakes)"
# 13 as new-exercise wrote it: every check passes or does not apply.
python3 - "$work/scratch.txt" <<'PY' || fail "13-two-jobs (the template as written) does not pass validate"
import sys
section, bad, passes = None, [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line and not line.startswith(" "):
        section = line.split(" ")[0].strip()
    elif section == "13-two-jobs":
        bad += [line] if line.strip().startswith("FAIL") else []
        passes += line.strip().startswith("PASS")
print("".join(bad), end="")
sys.exit(1 if bad or passes < 9 else 0)
PY
for check in schema "test names" program "solution passes all 7 tests" "stub fails all 7 tests" "sequential awaits" \
             "blocking sleep" "never-awaited coroutine" "hard-coded output"; do
  expect_line "$work/scratch.txt" 13-two-jobs PASS "$check"
done
expect_line "$work/scratch.txt" 13-two-jobs "n/a" "missing cancel: no .cancel()"
# 14: what its hidden tests miss, by name.
expect_line "$work/scratch.txt" 14-weak-jobs FAIL "sequential awaits: weak_jobs.cpp:12 aio::gather(run_job"
expect_line "$work/scratch.txt" 14-weak-jobs FAIL "NOT CAUGHT by the hidden tests (only public"
expect_line "$work/scratch.txt" 14-weak-jobs FAIL "hard-coded output: weak_jobs.cpp:10 run_both()"
expect_line "$work/scratch.txt" 14-weak-jobs FAIL "hand-written finish-order: mistakes/finish-order.cpp: results in the order"
expect_line "$work/scratch.txt" 14-weak-jobs PASS "solution passes all 4 tests"
echo "ok: new-exercise and validate"
