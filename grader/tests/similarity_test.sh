#!/usr/bin/env bash
# `grader similarity`: a planted copy (renamed identifiers, new comments and layout) ranks first;
# two untouched stubs (starter code only: 100 % alike to sim_c++ without the baseline) pair with
# nothing; the page shows the pair side by side and a graded OUT's index links it.
# usage: similarity_test.sh GRADER EXAMPLES WORK
set -euo pipefail
grader=$1 examples=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$examples/../.." && pwd)
rm -rf "$work" && mkdir -p "$work/subs"
fail() { echo "FAIL: $*"; exit 1; }
command -v sim_c++ >/dev/null || fail "sim_c++ missing (apt-get install similarity-tester; ci/setup.sh installs it)"
ex=02-async-example
for s in plant-a plant-b stub-1 stub-2; do mkdir -p "$work/subs/$s/exercises/$ex"; done
cp "$here/similarity/plant.cpp" "$work/subs/plant-a/exercises/$ex/async_example.cpp"
cp "$here/similarity/copy.cpp" "$work/subs/plant-b/exercises/$ex/async_example.cpp"
cp "$kit/exercises/$ex/async_example.cpp" "$work/subs/stub-1/exercises/$ex/"
cp "$kit/exercises/$ex/async_example.cpp" "$work/subs/stub-2/exercises/$ex/"
cp -r "$examples/class/s01-perfect" "$examples/class/s03-sequential" "$work/subs/"
# A graded OUT (only its records matter here): the page must get linked from its index.
mkdir -p "$work/out/students/x"
echo '{"id":"x","name":"x","exercises":[]}' >"$work/out/students/x/grade.json"
"$grader" similarity "$work/subs" -o "$work/out" --config "$examples/grader.toml" --threshold 50 >"$work/stdout.txt"
python3 - "$work/out" <<'PY'
import json, sys
out = sys.argv[1]
j = json.load(open(f"{out}/similarity.json"))
pairs = j["pairs"]
assert pairs, "no pairs"
first = pairs[0]
assert (first["exercise"], first["a"], first["b"]) == ("02-async-example", "plant-a", "plant-b"), f"first pair {first}"
assert max(first["a_in_b"], first["b_in_a"]) >= 90, first
assert first["runs"], "no runs for the planted pair"
for p in pairs:
    assert {p["a"], p["b"]} != {"stub-1", "stub-2"}, f"starter code matched: {p}"
    assert not ({p["a"], p["b"]} & {"stub-1", "stub-2"}), f"a stub matched: {p}"
    assert max(p["a_in_b"], p["b_in_a"]) <= max(first["a_in_b"], first["b_in_a"])
# s01 and s03 share most of the reference solution: found, ranked below the planted copy.
assert any({p["a"], p["b"]} == {"s01-perfect", "s03-sequential"} and p["exercise"] == "02-async-example" for p in pairs), pairs
html = open(f"{out}/report/similarity.html", encoding="utf-8").read()
assert 'id="p1"' in html and "plant-a" in html and "plant-b" in html and 'class="hit"' in html
assert "prepare(" in html and "cook(" in html, "the two sides are not both shown"
index = open(f"{out}/report/index.html", encoding="utf-8").read()
assert 'href="similarity.html"' in index, "index does not link the similarity page"
PY
echo "ok: similarity ($(head -1 "$work/stdout.txt"))"
