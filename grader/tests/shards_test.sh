#!/usr/bin/env bash
# Grades the subset as two shards, merges them, and requires the same outputs as one run.
# usage: shards_test.sh GRADER EXAMPLES KITCACHE WORK   (WORK from subset.sh)
set -euo pipefail
grader=$1 examples=$2 cache=$3 work=$4
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$work/shard1" "$work/shard2" "$work/merged"
for i in 1 2; do
  "$grader" grade "$work/subs" -o "$work/shard$i" --shard "$i/2" --roster "$examples/roster.csv" \
    --config "$examples/grader.toml" --cache-dir "$cache" -j 2 --no-progress
done
n1=$(find "$work/shard1/students" -name grade.json | wc -l)
n2=$(find "$work/shard2/students" -name grade.json | wc -l)
total=$(ls "$work/subs" | wc -l)
[ $((n1 + n2)) -eq "$total" ] || fail "shards graded $n1 + $n2 submissions, want $total"
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] || fail "a shard is empty"
"$grader" merge "$work/shard1" "$work/shard2" -o "$work/merged" --config "$examples/grader.toml" \
  --roster "$examples/roster.csv"
diff -r --exclude=logs --exclude=.results --exclude=.cache "$work/ref" "$work/merged" || fail "merged outputs differ from one run"
echo "ok: $n1 + $n2 submissions in two shards merge to the single-run outputs"
