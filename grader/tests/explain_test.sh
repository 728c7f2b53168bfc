#!/usr/bin/env bash
# The compile-error translator (grader/src/explain.hpp, aio_explain) on real wrong submissions
# (grader/tests/compile_errors/<case>/: the student file and `expect`): compiled as the kit
# compiles student files, with each compiler given, the first line must name the student's
# file:line and carry the pattern's Korean text, and no absolute kit path may be shown.
#   explain_test.sh BUILD_DIR KIT_ROOT CXX...     (builds BUILD_DIR's aio_explain first)
set -uo pipefail
build=$1 kit=$2
shift 2
cmake --build "$build" --target aio_explain >/dev/null || { echo "FAIL: cannot build aio_explain"; exit 1; }
explain=$build/tools/aio_explain
cases=$(dirname "$0")/compile_errors
failures=0 checked=0
for cxx in "$@"; do
  command -v "$cxx" >/dev/null || { echo "skip: $cxx not installed"; continue; }
  for dir in "$cases"/*/; do
    name=$(basename "$dir")
    ex=$(sed -n 's/^exercise = //p' "$dir/expect") file=$(sed -n 's/^file = //p' "$dir/expect")
    line=$(sed -n 's/^line = //p' "$dir/expect") text=$(sed -n 's/^text = //p' "$dir/expect")
    log=$(mktemp)
    if "$cxx" -std=c++20 -O1 -pthread -Werror=return-type -Werror=unused-result -I"$kit/exercises/$ex" \
         -I"$kit/harness/include" -c "$(realpath "$dir/$file")" -o /dev/null >"$log" 2>&1; then
      echo "FAIL $cxx $name: compiled"; failures=$((failures + 1)); rm -f "$log"; continue
    fi
    out=$("$explain" --log "$log" --root "$kit" --root "$(realpath "$dir")" --student "$file")
    rm -f "$log"
    first=$(head -n 1 <<<"$out")
    checked=$((checked + 1))
    if [[ "$first" != "$file:$line: 컴파일 오류: "* ]]; then
      echo "FAIL $cxx $name: first line is not '$file:$line: 컴파일 오류: ...':"; echo "$out" | head -8
      failures=$((failures + 1))
    elif ! grep -qF -- "$text" <<<"$first"; then
      echo "FAIL $cxx $name: the explanation lacks '$text': $first"; failures=$((failures + 1))
    elif grep -qF -- "$kit/" <<<"$out"; then
      echo "FAIL $cxx $name: an absolute kit path is shown:"; grep -F -- "$kit/" <<<"$out" | head -3
      failures=$((failures + 1))
    else
      echo "ok   $cxx $name: $first"
    fi
  done
done
[ "$checked" -gt 0 ] || { echo "FAIL: no compiler"; exit 1; }
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "ok: $checked translations"
