#!/usr/bin/env bash
# The student's own ctest applies the grader's object audit: in a copy of the kit trimmed to
# what a student pack has (top-level CMakeLists.txt, harness/, one exercise, the audit sources
# at audit/ as the pack ships them), exercise 03's stub gets a forbidden line; `ctest -L 03-...`
# must fail <id>/build with the grader's Korean message naming the symbol and the line, and not
# run the tests. Then the untouched stub must build and run.
#   audit_ctest.sh KIT_ROOT WORK_DIR
set -euo pipefail
kit=$1 work=$2
id=03-async-function file=async_function.cpp
rm -rf "$work" && mkdir -p "$work/src/exercises" "$work/src/audit"
cp "$kit/CMakeLists.txt" "$work/src/"
cp -r "$kit/harness" "$work/src/harness" && rm -rf "$work/src/harness/tests"
cp "$kit/exercises/CMakeLists.txt" "$kit"/exercises/ctest_*.cmake "$work/src/exercises/"
cp -r "$kit/exercises/$id" "$work/src/exercises/$id"
cp "$kit/grader/src/audit.hpp" "$kit/grader/src/audit.cpp" "$kit/grader/src/audit_main.cpp" "$work/src/audit/"
stub="$work/src/exercises/$id/$file"
cp "$stub" "$work/stub.cpp"
# Line numbers: the forbidden call is on the stub's last line + 3.
line=$(( $(wc -l < "$stub") + 3 ))
printf '\n#include <unistd.h>\nvoid cheat() {\n    ::write(3, "x", 1);\n}\n' >> "$stub"
export CCACHE_BASEDIR="$work/src" CCACHE_NOHASHDIR=1
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
set +e
out=$(ctest --test-dir "$work/build" -L "^$id\$" --output-on-failure 2>&1)
set -e
fail() { echo "FAIL: $*"; echo "$out" | tail -40; exit 1; }
grep -q "금지된 코드 (forbidden_code)" <<<"$out" || fail "no forbidden_code message"
grep -q "$file:$((line + 1)): \`write\` 사용 — 파일·파일 디스크립터를 직접 다루는 함수입니다" <<<"$out" || fail "the message does not name write at $file:$((line + 1))"
grep -Eq "$id/build .*Failed" <<<"$out" || fail "$id/build did not fail"
grep -Eq "$id/public .*Not Run" <<<"$out" || fail "$id/public ran"
# The stub again: the audit passes, the tests run (and fail, as on every stub).
cp "$work/stub.cpp" "$stub"
set +e
out=$(ctest --test-dir "$work/build" -L "^$id\$" --output-on-failure 2>&1)
set -e
grep -Eq "$id/build .*Passed" <<<"$out" || fail "$id/build fails on the untouched stub"
echo "ok: ctest rejects forbidden code with the grader's message; the stub passes the audit"
