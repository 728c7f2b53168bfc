#!/usr/bin/env bash
# exercises/ctest_prebuild.cmake and ctest_summary.cmake under this machine's real ctest, in a small
# project shaped like the kit's exercise tests (<id>/build fixtures, <id>/public, <id>/hidden) with
# commands that pass or fail on purpose, so it runs in seconds (tools/student_pack/pack_test.py
# checks the same on the real pack, slowly). Checks that
#   - the first ctest builds the shared library before any test, with the build tool's progress,
#     and a later one does not;
#   - after ctest's own "N% tests passed" (which counts the <id>/build steps) the Korean summary
#     counts only the tests, per exercise: passed, failed, and Not Run after a failed build;
#   - under -j, with kit tests whose names hold '[' among them.
# usage: ctest_loop_test.sh KIT_ROOT
set -uo pipefail
kit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$work/src"
cat >"$work/src/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.22)
project(loop NONE)
enable_testing()
# The "shared library": a file made by a target, its build echoing a progress line.
add_custom_command(OUTPUT \${CMAKE_BINARY_DIR}/shared.a
  COMMAND \${CMAKE_COMMAND} -E echo "[1/1] Building CXX object harness/shared.cpp.o"
  COMMAND \${CMAKE_COMMAND} -E touch \${CMAKE_BINARY_DIR}/shared.a)
add_custom_target(shared DEPENDS \${CMAKE_BINARY_DIR}/shared.a)
function(exercise id build public)
  add_test(NAME \${id}/build COMMAND \${build})
  set_tests_properties(\${id}/build PROPERTIES FIXTURES_SETUP \${id}_built)
  add_test(NAME \${id}/public COMMAND \${public})
  set_tests_properties(\${id}/public PROPERTIES FIXTURES_REQUIRED \${id}_built)
endfunction()
exercise(02-beta true false)      # builds, fails its tests
exercise(01-alpha true true)      # builds, passes
exercise(03-gamma false true)     # does not build: Not Run
add_test(NAME 01-alpha/hidden COMMAND false)
set_tests_properties(01-alpha/hidden PROPERTIES FIXTURES_REQUIRED 01-alpha_built)
add_test(NAME "runtime: a [bracket" COMMAND true)
add_test(NAME "kit/other" COMMAND false)
file(WRITE \${CMAKE_BINARY_DIR}/CTestCustom.cmake "
set(CTEST_CUSTOM_PRE_TEST [==[\"\${CMAKE_COMMAND}\" \"-DBUILD_DIR=\${CMAKE_BINARY_DIR}\" -DTARGETS=shared \"-DFILES=\${CMAKE_BINARY_DIR}/shared.a\" -P \"$kit/exercises/ctest_prebuild.cmake\"]==])
set(CTEST_CUSTOM_POST_TEST [==[\"\${CMAKE_COMMAND}\" \"-DBUILD_DIR=\${CMAKE_BINARY_DIR}\" \"-DRERUN=ctest --rerun-failed\" -P \"$kit/exercises/ctest_summary.cmake\"]==])
")
CMAKE
cmake -S "$work/src" -B "$work/build" >/dev/null || fail "configure"

out=$(ctest --test-dir "$work/build" -j2 2>&1)
echo "$out"
prebuild=$(grep -n "^\[키트\] 처음 한 번:" <<<"$out" | cut -d: -f1)
progress=$(grep -n "Building CXX object harness/shared.cpp.o" <<<"$out" | head -1 | cut -d: -f1)
first_test=$(grep -n "Start " <<<"$out" | head -1 | cut -d: -f1)
[ -n "$prebuild" ] && [ -n "$progress" ] && [ -n "$first_test" ] && [ "$prebuild" -lt "$progress" ] &&
  [ "$progress" -lt "$first_test" ] || fail "the first ctest did not build the shared library with progress before the tests"
grep -q "^\[키트\] 공용 라이브러리 빌드 끝 ([0-9]*초)" <<<"$out" || fail "no end-of-build line"

expected="== 연습문제 결과 (위의 'tests passed' 는 빌드 단계까지 센 값입니다. 여기서는 테스트만 셉니다) ==
  01-alpha  공개 테스트 통과, 숨은 테스트 실패
  02-beta  공개 테스트 실패
  03-gamma  빌드 실패 (컴파일 오류): 공개 테스트 실행 안 됨
테스트 4개 중 1개 통과, 2개 실패, 1개는 빌드가 실패해 실행하지 못했습니다.
틀린 이유 보기: ctest --rerun-failed"
summary=$(sed -n '/^== 연습문제 결과/,/^틀린 이유 보기/p' <<<"$out")
[ "$summary" = "$expected" ] || fail "summary differs:
$summary"
[ "$(grep -n "% tests passed" <<<"$out" | cut -d: -f1)" -lt "$(grep -n "^== 연습문제 결과" <<<"$out" | cut -d: -f1)" ] ||
  fail "the summary is not after ctest's own"

# A second run: no library build; a selection without exercise tests: no summary.
out=$(ctest --test-dir "$work/build" -R "^(01-alpha/public|runtime)" 2>&1)
grep -q "처음 한 번" <<<"$out" && fail "the second ctest built the shared library again"
summary=$(sed -n '/^== 연습문제 결과/,$p' <<<"$out")
[ "$(sed -n 2,3p <<<"$summary")" = "  01-alpha  공개 테스트 통과
테스트 1개 중 1개 통과, 0개 실패." ] || fail "summary of one passing test differs: $summary"
grep -q "틀린 이유 보기" <<<"$out" && fail "a rerun line when everything passed"
out=$(ctest --test-dir "$work/build" -R "^kit/" 2>&1)
grep -q "연습문제 결과" <<<"$out" && fail "a summary without exercise tests"
# ctest writes nothing to stderr on success, pre- and post-test output included (docs/student-pack.md).
rm -f "$work/build/shared.a"
err=$(ctest --test-dir "$work/build" -R "^01-alpha/public" 2>&1 >/dev/null)
[ -z "$err" ] || fail "a passing ctest wrote to stderr: $err"
echo "ok: ctest pre-build and Korean summary"
