#!/usr/bin/env bash
# Opens the class report and one student's page in headless Chromium, as a person would, and
# fails on any console message (script errors, missing resources) or a missing timeline.
# usage: chromium_test.sh OUT STUDENT
set -euo pipefail
out=$1 student=$2
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
echo "ok: index ($students students) and $student ($bars task bars, legend) render without console messages; Hangul $hangul px vs missing-glyph $missing px"
