#!/usr/bin/env bash
# Developer tool (not used by the build, the tests or CI): checks that every chapter port prints
# byte for byte what the chapter's Python program prints.
#   virtual: build/bin/<name> --virtual --trace --seed N  vs  python3 vtime.py <name>.py N
#   real:    build/bin/<name> --seed 1                     vs  python3 <name>.py after random.seed(1)
# Reads the chapter material from /work/shared/chapter (override with CHAPTER=...).
#
# usage: tools/compare_with_reference.sh [-b BUILD_DIR] [-f FIRST_SEED] [-l LAST_SEED] [-R] [program...]
#   -b  build directory holding bin/<name> (default: build-ports)
#   -f, -l  seed range for the virtual comparison (default: 0..300)
#   -R  skip the real-clock comparison
set -euo pipefail
cd "$(dirname "$0")/.."

CHAPTER=${CHAPTER:-/work/shared/chapter}
BUILD=build-ports
FIRST=0
LAST=300
REAL=1
while getopts "b:f:l:R" opt; do
  case $opt in
    b) BUILD=$OPTARG ;;
    f) FIRST=$OPTARG ;;
    l) LAST=$OPTARG ;;
    R) REAL=0 ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
PROGRAMS=("$@")
if ((${#PROGRAMS[@]} == 0)); then
  PROGRAMS=(sync_example async_example async_function await_example simple_async
            asyncio_gather asyncio_tasks async_web_checker)
fi
for p in "${PROGRAMS[@]}"; do
  [ -x "$BUILD/bin/$p" ] || { echo "missing $BUILD/bin/$p (build first)" >&2; exit 2; }
  [ -f "$CHAPTER/python/$p.py" ] || { echo "missing $CHAPTER/python/$p.py" >&2; exit 2; }
done

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export CHAPTER BUILD OUT

# One virtual-clock comparison; prints "ok" or "FAIL" and keeps the diff of a failure.
compare_virtual() {
  local p=$1 seed=$2 d="$OUT/$1.$2"
  python3 "$CHAPTER/vtime.py" "$CHAPTER/python/$p.py" "$seed" >"$d.expected" 2>"$d.pyerr" || true
  "$BUILD/bin/$p" --virtual --trace --seed "$seed" >"$d.actual" 2>"$d.err" || echo "exit code $?" >>"$d.err"
  if cmp -s "$d.expected" "$d.actual" && ! [ -s "$d.err" ]; then
    echo "$p $seed ok"
  else
    diff -u "$d.expected" "$d.actual" >"$d.diff" || true
    echo "$p $seed FAIL"
  fi
}
export -f compare_virtual

# Lines whose value is measured on the real clock and so may differ by scheduling jitter.
JITTER_MASK='s/^총 소요 시간: .*초$/총 소요 시간: <measured>초/'

compare_real() {
  local p=$1 d="$OUT/$1.real"
  python3 -c 'import random, runpy, sys; random.seed(1); runpy.run_path(sys.argv[1], run_name="__main__")' \
    "$CHAPTER/python/$p.py" 2>&1 | sed "$JITTER_MASK" >"$d.expected"
  "$BUILD/bin/$p" --seed 1 2>&1 | sed "$JITTER_MASK" >"$d.actual"
  if cmp -s "$d.expected" "$d.actual"; then
    echo "$p real ok"
  else
    diff -u "$d.expected" "$d.actual" >"$d.diff" || true
    echo "$p real FAIL"
  fi
}
export -f compare_real
export JITTER_MASK

status=0
if ((REAL)); then
  # Real runs are sleep-bound, so all programs run at once (about 10 s in total).
  printf '%s\n' "${PROGRAMS[@]}" | xargs -P "${#PROGRAMS[@]}" -I{} bash -c 'compare_real {}' >"$OUT/real.log"
  sort "$OUT/real.log"
  grep -q FAIL "$OUT/real.log" && status=1
fi

for p in "${PROGRAMS[@]}"; do
  for ((s = FIRST; s <= LAST; s++)); do echo "$p $s"; done
done | xargs -P "$(nproc)" -n 2 bash -c 'compare_virtual "$0" "$1"' >"$OUT/virtual.log"

for p in "${PROGRAMS[@]}"; do
  ok=$(grep -c "^$p [0-9]* ok$" "$OUT/virtual.log" || true)
  fail=$(grep "^$p [0-9]* FAIL$" "$OUT/virtual.log" | awk '{print $2}' | sort -n | tr '\n' ' ' || true)
  echo "$p virtual seeds $FIRST..$LAST: $ok ok${fail:+, FAIL at seeds: $fail}"
done
if grep -q FAIL "$OUT/virtual.log"; then status=1; fi

# Show the first few diffs so a failure can be read without re-running.
shown=0
for f in "$OUT"/*.diff; do
  [ -e "$f" ] || break
  ((shown++ < 3)) || break
  echo "--- $(basename "$f" .diff)"
  cat "$f"
  err="${f%.diff}.err"
  [ -s "$err" ] && { echo "stderr:"; cat "$err"; }
done
exit $status
