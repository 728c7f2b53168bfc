#!/usr/bin/env bash
# The student's own ctest applies the grader's object audit: in a copy of the kit trimmed to
# what a student pack has (top-level CMakeLists.txt, harness/, one exercise, the audit sources
# at audit/ as the pack ships them), exercise 03's stub gets a forbidden line; `ctest -L 03-...`
# must fail <id>/build with the grader's Korean message naming the symbol and the line, and not
# run the tests. A compile error (`return` for `co_return`) must come first as aio_explain's
# Korean explanation at the student's file:line, without the kit's absolute paths.
# Then the untouched stub must build and run.
#   audit_ctest.sh KIT_ROOT WORK_DIR
set -euo pipefail
kit=$1 work=$2
id=03-async-function file=async_function.cpp
rm -rf "$work" && mkdir -p "$work/src/exercises" "$work/src/audit"
cp "$kit/CMakeLists.txt" "$work/src/"
cp -r "$kit/harness" "$work/src/harness" && rm -rf "$work/src/harness/tests"
cp "$kit/exercises/CMakeLists.txt" "$kit/exercises/build_step.cmake" "$kit"/exercises/ctest_*.cmake "$work/src/exercises/"
cp -r "$kit/exercises/$id" "$work/src/exercises/$id"
cp "$kit/grader/src/audit.hpp" "$kit/grader/src/audit.cpp" "$kit/grader/src/audit_main.cpp" "$work/src/audit/"
cp "$kit/grader/src/explain.hpp" "$kit/grader/src/explain.cpp" "$kit/grader/src/explain_main.cpp" "$work/src/audit/"
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
# A compile error: the first thing shown is the Korean explanation at the student's line.
cp "$work/stub.cpp" "$stub"
printf '\naio::task<int> extra_for_test() {\n    co_await aio::sleep(1);\n    return 1;\n}\n' >> "$stub"
line=$(( $(wc -l < "$work/stub.cpp") + 4 ))
set +e
out=$(ctest --test-dir "$work/build" -L "^$id\$" --output-on-failure 2>&1)
set -e
# The build step's own output up to its pointer to the full log (then CMake's own error line).
shown=$(sed -n "/Test #[0-9]*: $id\/build .*Failed/,/컴파일러의 전체 출력/p" <<<"$out" | sed '1d;$d')
first=$(head -n 1 <<<"$shown")
[[ "$first" == "$file:$line: 컴파일 오류: 코루틴"*"co_return"* ]] || fail "the first output line is not the explanation at $file:$line: $first"
[ -n "$shown" ] && ! grep -qF "$work/src" <<<"$shown" || fail "the kit's absolute path is shown"
grep -Eq "$id/build .*Failed" <<<"$out" || fail "$id/build did not fail on a compile error"
# The stub again: the audit passes, the tests run (and fail, as on every stub).
cp "$work/stub.cpp" "$stub"
set +e
out=$(ctest --test-dir "$work/build" -L "^$id\$" --output-on-failure 2>&1)
set -e
grep -Eq "$id/build .*Passed" <<<"$out" || fail "$id/build fails on the untouched stub"
echo "ok: ctest rejects forbidden code with the grader's message, explains a compile error at the student's line; the stub passes the audit"
