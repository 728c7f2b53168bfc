#!/usr/bin/env bash
# The student stubs: every one compiles, and fails at least one of its public test cases by a
# test failure (not a crash), so no exercise hands out points for an untouched stub.
#   bash ci/check_stubs.sh [build-dir]        (default: build/stubs)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/stubs}
JOBS=$(nproc)
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIT_SOURCES=exercises >/dev/null
# Every stub (and its tests) must compile; -k 0 reports all compile errors, not just the first.
cmake --build "$BUILD" --target kit_exercises -j"$JOBS" -- -k 0

status=0
for toml in exercises/[0-9][0-9]-*/exercise.toml; do
  id=$(basename "$(dirname "$toml")")
  bin="$BUILD/kit/${id}_public"
  set +e
  out=$("$bin" --use-colour no 2>&1)
  rc=$?
  set -e
  # Catch2's console summary: "test cases: 5 | 1 passed | 4 failed" or "test cases: 5 | 5 failed"
  summary=$(grep -E '^test cases: .*[0-9]+ failed' <<<"$out" | tail -1 || true)
  if [ -n "$summary" ]; then
    failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")
    total=$(sed -E 's/^test cases: +([0-9]+).*/\1/' <<<"$summary")
    echo "ok    $id: the stub fails $failed of $total public test cases"
  elif grep -q '^All tests passed' <<<"$out"; then
    echo "FAIL  $id: the stub passes every public test"
    status=1
  else
    echo "FAIL  $id: the public tests did not finish on the stub (exit $rc):"
    tail -5 <<<"$out" | sed 's/^/      /'
    status=1
  fi
done
exit $status
