#!/usr/bin/env bash
# An interrupted `grade` resumes to outputs byte-identical to the uninterrupted reference,
# whatever the instant of the kill. Kills at several moments:
#   early       before the first result-cache entry is published (nothing graded yet)
#   mid-batch   SIGKILL from outside once half of the students are written (any instant)
#   student     right before one student's grade.json is renamed into place
#   report      during the report stage: before a student's page, before index.html
# The in-process kills use AIO_GRADER_CRASH_BEFORE_RENAME (docs/grader.md): the grader kills
# itself with SIGKILL after writing a temporary file and before renaming it, the worst instant
# for an atomic write. After each kill: nothing the run started is left running, the resumed run
# reuses what was finished, its outputs equal the reference, and no temporary file is left.
# Finally, a re-grade of unchanged submissions is a no-op.
# usage: resume_test.sh GRADER EXAMPLES KITCACHE WORK   (WORK from subset.sh)
set -euo pipefail
grader=$1 examples=$2 cache=$3 work=$4
out="$work/resumed" scratch="$work/scratch-resume"
fail() { echo "FAIL [$moment]: $*"; exit 1; }
args=("$work/subs" -o "$out" --roster "$examples/roster.csv" --config "$examples/grader.toml" --cache-dir "$cache"
      -j 2 --no-progress --work-dir "$scratch")
total=$(ls "$work/subs" | wc -l)
graded() { find "$out/students" -name grade.json 2>/dev/null | wc -l || true; }
same_as_reference() {
  diff -r --exclude=logs --exclude=.results --exclude=.cache "$work/ref" "$out" || fail "outputs differ from the uninterrupted run"
  local temps
  temps=$(find "$out" "$cache" -regextype posix-extended -regex '.*\.tmp[0-9]+\.[0-9]+' 2>/dev/null || true)
  [ -z "$temps" ] || fail "temporary files left behind: $temps"
}
no_survivors() {
  sleep 1
  if pgrep -f "$scratch" >/dev/null; then pgrep -af "$scratch"; fail "processes of the killed run are still running"; fi
}
resume() {
  local done_count=$1
  "$grader" grade "${args[@]}" 2>"$work/resumed.log"
  grep -E "graded $total submissions \([0-9]+ re-graded, $done_count unchanged" "$work/resumed.log" \
    || { cat "$work/resumed.log"; fail "the resumed run did not reuse the $done_count finished submissions"; }
  same_as_reference
  echo "ok [$moment]: killed after $done_count/$total, resumed to identical outputs"
}

# The grader kills itself right before publishing the first file whose path contains $1.
crash_at() {
  local status=0
  AIO_GRADER_CRASH_BEFORE_RENAME="$1" "$grader" grade "${args[@]}" 2>"$work/interrupted.log" || status=$?
  [ "$status" -eq 137 ] || { cat "$work/interrupted.log"; fail "expected a kill before publishing '$1', exit status $status"; }
  local left
  left=$(find "$out" -regextype posix-extended -regex '.*\.tmp[0-9]+\.[0-9]+' | wc -l)
  [ "$left" -ge 1 ] || fail "the kill before publishing '$1' left no temporary file: the moment was not reached"
  no_survivors
}

# 1. early: the first result-cache entry
moment=early; rm -rf "$out" "$scratch" && mkdir -p "$scratch"
crash_at "/.results/"
resume "$(graded)"

# 2. mid-batch: SIGKILL from outside once half of the students are done
moment=mid-batch; rm -rf "$out" "$scratch" && mkdir -p "$scratch"
"$grader" grade "${args[@]}" 2>"$work/interrupted.log" &
pid=$!
for _ in $(seq 1 1200); do
  [ "$(graded)" -ge $((total / 2)) ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
done_count=$(graded)
[ "$done_count" -lt "$total" ] || fail "the batch finished before it could be interrupted"
no_survivors
resume "$done_count"

# 3. student: one student's grade.json, after the others written so far
moment=student; rm -rf "$out" "$scratch" && mkdir -p "$scratch"
crash_at "/students/s09-deadlock/grade.json"
resume "$(graded)"

# 4. report stage, starting from a finished output: a student's page, then the index (the last write)
for target in "/report/students/s05-" "/report/index.html" "/gradebook.csv"; do
  moment="report $target"
  crash_at "$target"
  resume "$total"
done

# Unchanged submissions are not graded again.
moment=re-grade
"$grader" grade "${args[@]}" 2>"$work/again.log"
grep -q "0 re-graded, $total unchanged" "$work/again.log" || { cat "$work/again.log"; fail "re-grade was not a no-op"; }
same_as_reference
echo "ok: resumed to identical outputs after kills at every moment"
