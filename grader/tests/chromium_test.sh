#!/usr/bin/env bash
# Opens the class report and one student's page in headless Chromium, as a person would, and
# fails on any console message (script errors, missing resources) or a missing timeline.
# SEQUENTIAL: a student who awaits coffee, then toast in one task (exercise 02): the page must
# draw the two activities one after the other (coffee 0-3 s, then toast 3-5 s), as laid out.
# usage: chromium_test.sh OUT STUDENT [SEQUENTIAL]
set -euo pipefail
out=$1 student=$2 sequential=${3:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then echo "chromium is not installed (bash ci/setup.sh installs it)"; exit 1; fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

render() {  # url dom-file log-file
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 --virtual-time-budget=2000 --dump-dom "$1" >"$2" 2>"$3"
}
fail() { echo "FAIL: $*"; exit 1; }

index="$out/report/index.html" page="$out/report/students/$student.html"
[ -f "$index" ] || fail "$index missing"
[ -f "$page" ] || fail "$page missing"
render "file://$(realpath "$index")" "$profile/index.dom" "$profile/index.log"
render "file://$(realpath "$page")" "$profile/page.dom" "$profile/page.log"

for f in index page; do
  if grep -E ':CONSOLE[:(]' "$profile/$f.log"; then fail "console messages on the $f page"; fi
done
grep -q 'data-charts="11"' "$profile/index.dom" || fail "index: score histogram not rendered"
students=$(grep -o 'data-students="[0-9]*"' "$profile/index.dom" | grep -o '[0-9]*')
[ "${students:-0}" -ge 15 ] || fail "index: only ${students:-0} student rows"
grep -q 'href="students/'"$student"'.html"' "$profile/index.dom" || fail "index: no link to $student"
bars=$(grep -o 'data-timelines="[0-9]*"' "$profile/page.dom" | grep -o '[0-9]*')
[ "${bars:-0}" -ge 1 ] || fail "$student: no task bars in any timeline"
grep -q '<svg class="timeline"' "$profile/page.dom" || fail "$student: no timeline svg"
grep -q 'class="test bad"' "$profile/page.dom" || fail "$student: no failed test shown"
grep -q '<g class="legend"' "$profile/page.dom" || fail "$student: the timeline has no legend"

if [ -n "$sequential" ]; then
  seq_page="$out/report/students/$sequential.html"
  [ -f "$seq_page" ] || fail "$seq_page missing"
  render "file://$(realpath "$seq_page")" "$profile/seq.dom" "$profile/seq.log"
  if grep -E ':CONSOLE[:(]' "$profile/seq.log"; then fail "console messages on the $sequential page"; fi
  # data-activities: "<exercise>#<timeline> <label> <start>-<end> <left>-<right>" | ... (html.cpp)
  python3 - "$profile/seq.dom" <<'PY' || fail "$sequential: exercise 02's timeline does not show coffee, then toast"
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'data-activities="([^"]*)"', dom)
rows = [r.strip() for r in html.unescape(m.group(1)).split(" | ")] if m else []
by_svg = {}
for row in rows:
    where, rest = row.split(" ", 1)
    label, times, px = rest.rsplit(" ", 2)
    by_svg.setdefault(where, {})[label] = (times, [float(v) for v in px.split("-")])
for where, acts in by_svg.items():
    coffee, toast = acts.get("커피 끓이기"), acts.get("토스트 굽기")
    if not where.startswith("02-async-example#") or not coffee or not toast:
        continue
    if coffee[0] == "0.000-3.000" and toast[0] == "3.000-5.000" and coffee[1][1] <= toast[1][0] + 0.5 and coffee[1][0] < toast[1][0]:
        print(f"ok: {where}: coffee {coffee[0]} s at {coffee[1]} px, then toast {toast[0]} s at {toast[1]} px")
        sys.exit(0)
print("activities drawn:", rows or "none")
sys.exit(1)
PY
fi

# Hangul must render as Hangul, not as missing-glyph boxes (no Korean font installed): every
# missing glyph is the same .notdef box, as wide as that of a code point no font has.
# The font stack is the report's (grader/src/html.cpp, body).
cat >"$profile/glyphs.html" <<'HTML'
<!doctype html><meta charset="utf-8">
<body style='font-family:system-ui,-apple-system,"Noto Sans KR","Malgun Gothic",sans-serif;font-size:40px'>
<span id="hangul">채점결과총점판정</span><br><span id="missing">&#x10FFFD;&#x10FFFD;&#x10FFFD;&#x10FFFD;&#x10FFFD;&#x10FFFD;&#x10FFFD;&#x10FFFD;</span>
<script>
const w = id => document.getElementById(id).getBoundingClientRect().width;
document.body.dataset.widths = w('hangul').toFixed(2) + ' ' + w('missing').toFixed(2);
</script>
HTML
render "file://$profile/glyphs.html" "$profile/glyphs.dom" "$profile/glyphs.log"
read -r hangul missing < <(grep -o 'data-widths="[0-9. ]*"' "$profile/glyphs.dom" | grep -o '[0-9][0-9. ]*')
[ -n "${missing:-}" ] || fail "glyph probe did not run"
python3 -c "import sys; h, m = map(float, sys.argv[1:]); sys.exit(0 if abs(h - m) > 0.5 else 1)" "$hangul" "$missing" ||
  fail "Hangul renders as missing glyphs (width $hangul = $missing of .notdef): install a Korean font (ci/setup.sh: fonts-nanum)"
echo "ok: index ($students students) and $student ($bars task bars, legend)${sequential:+ and $sequential (coffee, then toast)} render without console messages; Hangul $hangul px vs missing-glyph $missing px"
