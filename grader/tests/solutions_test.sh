#!/usr/bin/env bash
# Every exercise of the kit, through the whole grader (sandbox, replay judge, reports):
# the reference solutions score full marks, the untouched stubs score 0 on every test (and their
# traces carry the stubs' aio::todo() calls).
# This is where the replay judge meets every exercise's value types and test shapes: a run it
# cannot replay faithfully turns a solution's pass into no_result.
# usage: solutions_test.sh GRADER KIT KITCACHE WORK
set -euo pipefail
grader=$1 kit=$2 cache=$3 work=$4
rm -rf "$work" && mkdir -p "$work/subs/solutions" "$work/subs/stubs"
for dir in "$kit"/exercises/*/; do
  id=$(basename "$dir")
  [ -f "$dir/exercise.toml" ] || continue
  for f in $(python3 -c 'import sys, tomllib; print(" ".join(tomllib.load(open(sys.argv[1], "rb"))["student_files"]))' "$dir/exercise.toml"); do
    cp "$kit/solutions/$id/$f" "$work/subs/solutions/"
    cp "$dir/$f" "$work/subs/stubs/"
  done
done
printf 'kit = "%s"\nhidden_visibility = "visible"\n' "$kit" > "$work/grader.toml"
"$grader" grade "$work/subs" -o "$work/out" --config "$work/grader.toml" --cache-dir "$cache" -j 2 --no-progress
python3 - "$work/out" <<'PY'
import json, sys
out = sys.argv[1]
bad = 0
for student, want in (("solutions", "passed"), ("stubs", "failed")):
    g = json.load(open(f"{out}/students/{student}/grade.json"))
    for e in g["exercises"]:
        wrong = [(t["name"], t["verdict"], t["score"]) for t in e["tests"]
                 if t["verdict"] != want or (t["score"] != t["points"] if want == "passed" else t["score"] != 0)]
        # The stubs' aio::todo() calls reach the exported trace (runner: trace.todos); solutions have none.
        wrong += [(t["name"], "trace.todos " + ("empty" if want == "failed" else "not empty"), t["score"])
                  for t in e["tests"] if bool((t.get("trace") or {}).get("todos")) != (want == "failed")]
        print(f"{'ok  ' if not wrong else 'FAIL'} {student} {e['id']} {e['score']}/{e['max_score']} ({len(e['tests'])} tests)")
        for name, verdict, score in wrong:
            print(f"       {name}: {verdict}, {score} points (want {want})")
        bad += bool(wrong)
sys.exit(1 if bad else 0)
PY
