#!/usr/bin/env bash
# The student stubs: every one compiles, and fails every one of its test cases, public and hidden,
# by a test failure (not a crash), so no test hands out points for an untouched stub
# (docs/exercise-format.md, "every test case should fail on the stub").
#   bash ci/check_stubs.sh [build-dir]        (default: build/stubs)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/stubs}
JOBS=$(nproc)
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIT_SOURCES=exercises -DKIT_UNITY_BUILD=OFF >/dev/null
# Every stub (and its tests) must compile; -k 0 reports all compile errors, not just the first.
cmake --build "$BUILD" --target kit_exercises -j"$JOBS" -- -k 0

# Catch2's XML report of one test binary -> "total passed untold" and the names of the passing
# cases, then of the failing cases whose message lacks the not_implemented hint (the stub's
# function bodies must start with aio::todo(), so an untouched stub says it is not written yet).
summarize() {
  python3 -c '
import sys, xml.etree.ElementTree as ET
cases = list(ET.fromstring(sys.stdin.read()).iter("TestCase"))
passed = [c.get("name") for c in cases if c.find("OverallResult").get("success") == "true"]
untold = [c.get("name") for c in cases if c.get("name") not in passed and "아직 구현하지 않음" not in "".join(c.itertext())]
print(len(cases), len(passed), len(untold))
for name in passed + untold: print(name)'
}

status=0
for toml in exercises/[0-9][0-9]-*/exercise.toml; do
  id=$(basename "$(dirname "$toml")")
  for kind in public hidden; do
    bin="$BUILD/kit/${id}_${kind}"
    [ "$kind" = hidden ] && [ ! -e "exercises/$id/hidden/hidden_test.cpp" ] && continue
    set +e
    xml=$("$bin" -r xml 2>/dev/null)
    rc=$?
    set -e
    if ! report=$(summarize <<<"$xml" 2>/dev/null) || [ -z "$report" ]; then
      echo "FAIL  $id $kind: the tests did not finish on the stub (exit $rc):"
      "$bin" --use-colour no 2>&1 | tail -5 | sed 's/^/      /' || true
      status=1
      continue
    fi
    read -r total passed untold <<<"$(head -1 <<<"$report")"
    if [ "$total" -eq 0 ]; then
      echo "FAIL  $id $kind: no test cases"
      status=1
    elif [ "$passed" -eq 0 ] && [ "$untold" -gt 0 ]; then
      echo "FAIL  $id $kind: $untold failing test cases do not say 아직 구현하지 않음 (aio::todo() missing in the stub?):"
      tail -n +2 <<<"$report" | sed 's/^/      /'
      status=1
    elif [ "$passed" -eq 0 ]; then
      echo "ok    $id $kind: the stub fails all $total test cases (each says 아직 구현하지 않음)"
    else
      echo "FAIL  $id $kind: the stub passes $passed of $total test cases:"
      tail -n +2 <<<"$report" | sed 's/^/      /'
      status=1
    fi
  done
done

# What a student sees in the untouched stub's ctest (the kit's Korean reporter, the default):
# about 40 lines, the stub named once as not implemented, a Korean summary, no Catch2 boilerplate.
bin="$BUILD/kit/02-async-example_public"
out=$("$bin" 2>&1 || true)
lines=$(grep -c . <<<"$out")
explained=$(grep -c '힌트 \[아직 구현하지 않음\]: [^위]' <<<"$out" || true)
if [ "$lines" -gt 50 ] || [ "$explained" -ne 1 ] || ! grep -q '^결과: 테스트 [0-9]*개 중 0개 통과' <<<"$out" ||
   grep -q 'explicitly with message\|^-------' <<<"$out"; then
  echo "FAIL  02-async-example public output: $lines lines (limit 50), hint explained $explained times (want 1):"
  sed 's/^/      /' <<<"$out" | head -60
  status=1
else
  echo "ok    02-async-example public output: $lines lines, [아직 구현하지 않음] explained once, Korean summary"
fi
exit $status
