#!/usr/bin/env bash
# A course's workflow on three sample students: lateness from forged commit dates (grace,
# per-hour penalty with a cap, an extension), the LMS exports' documented columns, and
# `grade --only`, which must leave every other student's files byte-identical.
# usage: course_test.sh GRADER EXAMPLES KITCACHE WORK
set -euo pipefail
grader=$1 examples=$2 cache=$3 work=$4
rm -rf "$work" && mkdir -p "$work/subs"
fail() { echo "FAIL: $*"; exit 1; }
# Same kit settings as the sample class (so the kit cache is shared), plus a deadline.
sed "s#^kit = .*#kit = \"$(cd "$examples/../.." && pwd)\"#" "$examples/grader.toml" >"$work/grader.toml"
cat >>"$work/grader.toml" <<'TOML'
[deadline]
due = 2025-05-01T23:59:00+09:00
policy = "percent_per_hour"
percent = 10
max_percent = 50
grace_minutes = 15
extensions = "extensions.csv"
TOML
printf 'directory,days\ns01-perfect,2\n' >"$work/extensions.csv"
commit() {  # commit DIR DATE: a student-pack checkout whose last commit has this committer date
  git -C "$1" init -q && git -C "$1" add -A &&
  GIT_COMMITTER_DATE="$2" GIT_AUTHOR_DATE="2020-01-01T00:00:00+00:00" \
    git -C "$1" -c user.name=s -c user.email=s@example.com commit -q -m work
}
for s in s01-perfect s02-partial s03-sequential; do cp -r "$examples/class/$s" "$work/subs/"; done
commit "$work/subs/s01-perfect" "2025-05-02T23:00:00+09:00"   # 1 day late, extension of 2 days
commit "$work/subs/s02-partial" "2025-05-04T12:00:00+09:00"   # 2.5 days late: capped at 50 %
commit "$work/subs/s03-sequential" "2025-05-02T01:29:00+09:00" # 90 minutes late: 2 hours, 20 %
# The roster with every LMS identifier (docs/grader.md, "LMS exports").
printf 'directory,name,email,student_number,lms_login,section\n' >"$work/roster.csv"
for s in s01-perfect s02-partial s03-sequential; do
  n=${s%%-*}; printf '%s,이름%s,%s@example.ac.kr,2025%s,%s,A\n' "$s" "$n" "$n" "${n#s}" "$n" >>"$work/roster.csv"
done
args=(--config "$work/grader.toml" --roster "$work/roster.csv" --cache-dir "$cache" -j 2 --no-progress)
"$grader" grade "$work/subs" -o "$work/out" "${args[@]}" 2>"$work/grade1.log" || { cat "$work/grade1.log"; fail "grade"; }
python3 - "$work/out" <<'PY'
import csv, io, json, sys
out = sys.argv[1]
g = {s: json.load(open(f"{out}/students/{s}/grade.json")) for s in ("s01-perfect", "s02-partial", "s03-sequential")}
late = {s: r["late"] for s, r in g.items()}
assert late["s01-perfect"]["extension"] and late["s01-perfect"]["late_minutes"] == 0, late["s01-perfect"]
assert late["s01-perfect"]["source"] == "git" and late["s01-perfect"]["submitted_at"] == "2025-05-02T23:00:00+09:00"
assert late["s03-sequential"]["late_minutes"] == 90 and late["s03-sequential"]["penalty_percent"] == 20, late["s03-sequential"]
assert late["s02-partial"]["late_minutes"] == 2 * 1440 + 12 * 60 + 1 and late["s02-partial"]["penalty_percent"] == 50
for s, r in g.items():
    pct = r["late"]["penalty_percent"]
    want = sum(int(e["score"] * (100 - pct) / 100 + 0.5) for e in r["exercises"])
    assert r["score"] == want and r["raw_score"] == sum(e["score"] for e in r["exercises"]), (s, r["score"], want)
assert g["s03-sequential"]["score"] < g["s03-sequential"]["raw_score"]
rows = list(csv.DictReader(open(f"{out}/gradebook.csv", encoding="utf-8")))
row = next(r for r in rows if r["student"] == "s03-sequential")
assert row["late_minutes"] == "90" and row["late_penalty_percent"] == "20" and row["total"] == str(g["s03-sequential"]["score"])
gs = json.load(open(f"{out}/students/s03-sequential/results.json"))
assert gs["score"] == g["s03-sequential"]["score"] and "20% 감점" in gs["output"], gs["output"][:200]
assert any(t["name"] == "제출 기한" and "90분" not in t["output"] and "1시간 30분" in t["output"] for t in gs["tests"])
page = open(f"{out}/report/students/s03-sequential.html", encoding="utf-8").read()
assert "20% 감점" in page
assert "지각" in open(f"{out}/report/index.html", encoding="utf-8").read()

# Exports: the columns each system documents (docs/grader.md cites the pages).
exp = f"{out}/exports"
canvas = list(csv.reader(open(f"{exp}/canvas.csv", encoding="utf-8")))
ex = ["02-async-example", "03-async-function", "04-await-example"]
assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + ex, canvas[0]
assert canvas[1][0] == "Points Possible" and canvas[1][5:] == ["16", "9", "14"], canvas[1]
c3 = next(r for r in canvas if r[0] == "이름s03")
assert c3[2:5] == ["202503", "s03", "A"] and sum(map(int, c3[5:])) == g["s03-sequential"]["score"], c3
moodle = list(csv.reader(open(f"{exp}/moodle.csv", encoding="utf-8")))
assert moodle[0][:4] == ["Email address", "ID number", "Username", "Full name"], moodle[0]
assert ["s02@example.ac.kr", "202502", "s02", "이름s02"] in [r[:4] for r in moodle]
bb_text = open(f"{exp}/blackboard.csv", encoding="utf-8").read()
bb = list(csv.reader(io.StringIO(bb_text)))
assert bb[0][:4] == ["Last Name", "First Name", "Username", "Student ID"] and bb[0][4] == "02-async-example [Total Pts: 16 Score]"
assert all(line.startswith('"') and line.endswith('"') for line in bb_text.splitlines()), "Blackboard wants every field quoted"
raw = open(f"{exp}/gradebook-excel.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and raw[3:].replace(b"\r\n", b"\n") == open(f"{out}/gradebook.csv", "rb").read()
tests = list(csv.DictReader(open(f"{exp}/tests.csv", encoding="utf-8")))
assert len(tests) == sum(len(e["tests"]) for r in g.values() for e in r["exercises"])
PY

# --only: s03 amends its commit to be on time; only its files (and the class-wide ones) change.
snapshot() { (cd "$work/out" && find . -type f ! -path './logs/*' ! -path './.cache/*' -print0 | sort -z | xargs -0 sha256sum); }
snapshot >"$work/before.txt"
GIT_COMMITTER_DATE="2025-05-01T20:00:00+09:00" git -C "$work/subs/s03-sequential" -c user.name=s -c user.email=s@example.com \
  commit -q --amend --no-edit
"$grader" grade "$work/subs" -o "$work/out" --only s03-sequential "${args[@]}" 2>"$work/grade2.log" || { cat "$work/grade2.log"; fail "grade --only"; }
snapshot >"$work/after.txt"
changed=$( (diff "$work/before.txt" "$work/after.txt" || true) | grep "^>" | awk "{print \$3}" | sort)
class_wide='^\./(gradebook\.csv|summary\.json|exports/.*|report/index\.html)$'
others=$(grep -v -E "$class_wide" <<<"$changed" | grep -v 's03-sequential' || true)
[ -z "$others" ] || fail "--only changed other students' files: $others"
grep -q 'students/s03-sequential/grade.json' <<<"$changed" || fail "--only did not regrade s03-sequential"
python3 - "$work/out" <<'PY'
import json, sys
r = json.load(open(f"{sys.argv[1]}/students/s03-sequential/grade.json"))
assert r["late"]["late_minutes"] == 0 and r["score"] == r["raw_score"], r["late"]
PY
echo "ok: lateness from commit dates, LMS exports, grade --only"
