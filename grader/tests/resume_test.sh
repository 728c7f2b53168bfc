#!/usr/bin/env bash
# Kills `grade` (SIGKILL) in the middle of the batch, checks that nothing it started is left
# running, resumes it, and requires outputs byte-identical to the uninterrupted reference.
# usage: resume_test.sh GRADER EXAMPLES KITCACHE WORK   (WORK from subset.sh)
set -euo pipefail
grader=$1 examples=$2 cache=$3 work=$4
out="$work/resumed" scratch="$work/scratch-resume"
rm -rf "$out" "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }
args=("$work/subs" -o "$out" --roster "$examples/roster.csv" --config "$examples/grader.toml" --cache-dir "$cache"
      -j 2 --no-progress --work-dir "$scratch")
total=$(ls "$work/subs" | wc -l)

"$grader" grade "${args[@]}" 2>"$work/interrupted.log" &
pid=$!
for _ in $(seq 1 600); do
  done_count=$(find "$out/students" -name grade.json 2>/dev/null | wc -l || true)
  [ "$done_count" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
done_count=$(find "$out/students" -name grade.json 2>/dev/null | wc -l || true)
echo "killed after $done_count of $total submissions"
[ "$done_count" -lt "$total" ] || fail "the batch finished before it could be interrupted"
sleep 1
if pgrep -f "$scratch" >/dev/null; then pgrep -af "$scratch"; fail "processes of the killed run are still running"; fi

"$grader" grade "${args[@]}" 2>"$work/resumed.log"
grep -E "graded $total submissions \([0-9]+ re-graded, $done_count unchanged" "$work/resumed.log" \
  || { cat "$work/resumed.log"; fail "the resumed run did not reuse the $done_count finished submissions"; }
diff -r --exclude=logs --exclude=.results --exclude=.cache "$work/ref" "$out" || fail "outputs differ from the uninterrupted run"

# Unchanged submissions are not graded again.
"$grader" grade "${args[@]}" 2>"$work/again.log"
grep -q "0 re-graded, $total unchanged" "$work/again.log" || { cat "$work/again.log"; fail "re-grade was not a no-op"; }
diff -r --exclude=logs --exclude=.results --exclude=.cache "$work/ref" "$out" || fail "re-grade changed outputs"
echo "ok: interrupted after $done_count/$total, resumed to identical outputs"
