#!/usr/bin/env bash
# The attack suite (issue 16): grades grader/attacks and checks every attack against
# grader/attacks/expected.toml: score <= max_score, verdict among the acceptable ones, no
# forbidden text (leaked hidden material, "ESCAPED:" limits) in what the student gets back, compile
# time, and no background process of an attack left running. Controls must keep their scores.
# --depth: the same attacks with the object audit turned off ([sandbox] audit = false), so the
# defences behind it (results channel, replay judge, runtime seal, seccomp, sandbox, limits)
# meet every attack on their own: scores, leaks and survivors are checked, verdicts are not
# (the audit's forbidden_code is the verdict most attacks get first). Attacks marked
# audit_only = true have no defence behind the audit; --depth names them and checks nothing.
# usage: attacks_test.sh [--depth] GRADER ATTACKS KITCACHE WORK [CONFIG]
set -uo pipefail
depth=0
[ "${1:-}" = "--depth" ] && { depth=1; shift; }
grader=$1 attacks=$2 cache=$3 work=$4 config=${5:-$2/grader.toml}
if [ "$depth" = 1 ]; then
  mkdir -p "$work"
  grep -q '^\[sandbox\]' "$config" || { echo "FAIL $config has no [sandbox] table"; exit 1; }
  sed '/^\[sandbox\]/a audit = false' "$config" > "$work/grader-depth.toml"
  sed -i "s#^kit = \"\(.*\)\"#kit = \"$(cd "$(dirname "$config")" && pwd)/\1\"#" "$work/grader-depth.toml"
  config=$work/grader-depth.toml
fi
kit=$(cd "$attacks/../.." && pwd)
out=$work/out

# Decoy copies of the kit's hidden material at other host paths (a second checkout, as in /tmp
# or /var/tmp): attacks a14/a16 look for them. Removed again on exit.
decoys=()
for d in /tmp/aio-attack-kit /var/tmp/aio-attack-kit; do
  if mkdir -p "$d/exercises/03-async-function" "$d/solutions" 2>/dev/null; then
    cp -r "$kit/exercises/03-async-function/hidden" "$d/exercises/03-async-function/" &&
      cp -r "$kit/solutions/03-async-function" "$d/solutions/" && decoys+=("$d")
  fi
done
cleanup() { for d in "${decoys[@]}"; do rm -rf "$d"; done; }
trap cleanup EXIT

rm -rf "$out" && mkdir -p "$work"
start=$(date +%s)
env -u TMPDIR "$grader" grade "$attacks" -o "$out" --config "$config" --cache-dir "$cache" -j 2 --no-progress \
  >"$work/grade.out" 2>"$work/grade.err"
rc=$?
echo "grader grade exited $rc after $(( $(date +%s) - start )) s (log: $work/grade.err)"
[ "$rc" -ne 0 ] && tail -20 "$work/grade.err"

sleep 1  # let the sandbox's processes go away before looking for survivors
python3 - "$attacks/expected.toml" "$out" "$depth" <<'PY'
import json, os, re, subprocess, sys, tomllib

expected_file, out, depth = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
expected = tomllib.load(open(expected_file, "rb"))
failures = 0

def report(ok, text):
    global failures
    failures += 0 if ok else 1
    print(("ok   " if ok else "FAIL ") + text)

def student_text(sid):
    """Everything the student gets back: grade.json, Gradescope/Classroom results, the HTML page."""
    texts = []
    for p in (f"{out}/students/{sid}/grade.json", f"{out}/students/{sid}/results.json",
              f"{out}/students/{sid}/classroom.json", f"{out}/report/students/{sid}.html"):
        try:
            with open(p, encoding="utf-8", errors="replace") as f:
                texts.append(f.read())
        except OSError:
            pass
    return "\n".join(texts)

HIDDEN_VISIBILITIES = {"hidden", "after_due_date", "after_published"}

def text_before_publication(sid):
    """What the student can see before grades are published: the handout page, and the parts of
    Gradescope's results.json whose visibility is not hidden."""
    texts = []
    try:
        with open(f"{out}/report/handout/{sid}.html", encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    except OSError:
        pass
    try:
        with open(f"{out}/students/{sid}/results.json", encoding="utf-8") as f:
            results = json.load(f)
        if results.get("visibility") not in HIDDEN_VISIBILITIES:
            texts.append(str(results.get("output", "")))
        for t in results.get("tests", []):
            if t.get("visibility") not in HIDDEN_VISIBILITIES:
                texts.append(json.dumps(t, ensure_ascii=False))
    except (OSError, ValueError):
        pass
    return "\n".join(texts)

def compile_seconds(sid):
    """The most CPU one compiler run of the student took, from the grader's logs
    ("# compile-x 12.34 s, cpu 11.90 s"): the compile limit is CPU time; wall time depends on the load."""
    longest = None
    logs = f"{out}/logs"
    for root, _, files in os.walk(logs):
        for name in files:
            path = os.path.join(root, name)
            if sid not in path:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for m in re.finditer(r"^# compile-\S+ [0-9.]+ s, cpu ([0-9.]+) s", f.read(), re.M):
                    longest = max(longest or 0.0, float(m.group(1)))
    return longest

def sandbox_line():
    """The sandbox a student's grade.json says was active (the same for the whole batch)."""
    for sid in sorted(os.listdir(f"{out}/students")):
        try:
            return json.load(open(f"{out}/students/{sid}/grade.json", encoding="utf-8")).get("sandbox_note_ko", "")
        except (OSError, ValueError):
            continue
    return ""
has_cgroup = "+ cgroup v" in sandbox_line()
print(f"sandbox: {sandbox_line()}")

for sid, spec in expected.items():
    if spec.get("requires_cgroup", False) and not has_cgroup:
        # Said, neither counted as passed nor as failed: this host lets the grader create no
        # cgroups, so the defence under test is absent (docs/security.md "Sandbox and limits").
        print(f"not checked {sid}: needs per-test cgroups, which this host does not offer")
        continue
    if depth and spec.get("audit_only", False):
        # Nothing behind the audit stops these (docs/security.md, "Limits of the mechanism"):
        # said, neither counted as passed nor as failed.
        print(f"known {sid}: only the object audit stops it")
        continue
    grade_file = f"{out}/students/{sid}/grade.json"
    try:
        grade = json.load(open(grade_file, encoding="utf-8"))
    except (OSError, ValueError) as e:
        report(False, f"{sid} -: no grade.json ({e})")
        continue
    by_id = {e["id"]: e for e in grade.get("exercises", [])}
    verdicts = spec.get("verdicts", [])
    for ex in spec["exercises"]:
        e = by_id.get(ex)
        if e is None:
            report(False, f"{sid} {ex}: exercise missing from grade.json")
            continue
        full = e.get("max_score", 0)
        def points(v):
            return full if v == "max" else int(v)
        maximum = points(spec.get("max_score", {}).get(ex, 0))
        minimum = points(spec.get("min_score", {}).get(ex, 0))
        want = verdicts.get(ex, []) if isinstance(verdicts, dict) else verdicts
        score, verdict = e.get("score", 0), e.get("verdict", "")
        ok = minimum <= score <= maximum and (verdict in want if not depth else verdict != "forbidden_code")
        bounds = f"(max {maximum})" if minimum == 0 else f"(want {minimum}..{maximum})"
        report(ok, f"{sid} {ex} score={score} {bounds} verdict={verdict} (want {'|'.join(want)})")
    text = student_text(sid)
    for bad in spec.get("forbidden_text", []):
        at = text.find(bad)
        report(at < 0, f"{sid} text: {bad!r} " + ("not shown to the student" if at < 0 else
               "SHOWN to the student: " + text[at:at + 160].replace("\n", " | ")))
    early = text_before_publication(sid)
    for bad in spec.get("forbidden_before_publication", []):
        at = early.find(bad)
        report(at < 0, f"{sid} before publication: {bad!r} " + ("not shown" if at < 0 else
               "SHOWN: " + early[at:at + 160].replace("\n", " | ")))
    if "max_compile_cpu_seconds" in spec:
        secs = compile_seconds(sid)
        ok = secs is not None and secs <= spec["max_compile_cpu_seconds"]
        report(ok, f"{sid} compile: most CPU {secs} s (max {spec['max_compile_cpu_seconds']} s)")
    if "background" in spec:
        r = subprocess.run(["pgrep", "-x", spec["background"]], capture_output=True, text=True)
        pids = r.stdout.split()
        report(not pids, f"{sid} background: {spec['background']} " +
               ("not running" if not pids else "STILL RUNNING: pids " + " ".join(pids)))

sys.exit(1 if failures else 0)
PY
status=$?
# Whatever survived (only our attacks' processes carry these names): end them by pid.
for pid in $(pgrep -x aio-attack-bg); do kill -9 "$pid" 2>/dev/null; done
[ "$rc" -ne 0 ] && { echo "FAIL grader grade exited $rc"; status=1; }
exit $status
