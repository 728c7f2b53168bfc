#!/usr/bin/env python3
"""The student pack's GitHub Actions workflow and the Classroom 50 bundle, run here step by step.

    github_test.py KIT EXAMPLES WORK

1. Writes the default pack (--ci actions) and a Classroom 50 bundle for the sample class's three
   exercises; neither may hold a hidden test, its name, or a solution.
2. For a perfect, a partial and a compile-error student (grader/examples/class/s01, s02, s06), a
   copy of the pack with that student's files runs every `run:` step of grade.yml as written, with
   GITHUB_STEP_SUMMARY / GITHUB_OUTPUT pointed at files; checks the summary (a table per exercise,
   the failed checks' Korean messages, a structurally valid Mermaid gantt per exercise that ran
   tasks), the annotations on stdout (compile error at the compiler's file:line), the JUnit XML,
   the step outputs and the exit code.
3. The same checkouts graded by the bundle's autograder.py with the Classroom 50 runner's
   environment: result.json validated against classroom50-result-v1.schema.json plus the rules a
   schema cannot state, release-body.md, status/summary outputs; allowed_files.txt checked with
   git's own ignore matching.
4. The partial student's summary rendered by cmark-gfm (GitHub's Markdown) in headless Chromium:
   no console messages, the tables rendered; a screenshot is left in WORK/summary.png. Mermaid's
   JavaScript is not available offline, so the chart is checked as source (step 2), not drawn.

The grader builds use ccache and the kit cache lives in WORK/.., so a second run takes about a minute.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import yaml

KIT, EXAMPLES, WORK = (Path(a).resolve() for a in sys.argv[1:4])
HERE = Path(__file__).resolve().parent
EXERCISES = ["02-async-example", "03-async-function", "04-await-example"]  # the sample class's
STUDENTS = {"perfect": "s01-perfect", "partial": "s02-partial", "compile": "s06-compile-error"}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)


def run(cmd, cwd=None, env=None, ok=(0,)):
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode not in ok:
        print(p.stdout[-4000:], p.stderr[-4000:])
        sys.exit(f"FAIL: {cmd} exited {p.returncode}")
    return p


def toml_of(exercise):
    import tomllib
    return tomllib.loads((KIT / "exercises" / exercise / "exercise.toml").read_text(encoding="utf-8"))


def hidden_names():
    return sorted({t["name"] for d in (KIT / "exercises").glob("*/exercise.toml")
                   for t in __import__("tomllib").loads(d.read_text(encoding="utf-8")).get("tests", [])
                   if t["visibility"] != "public"})


def check_nothing_hidden(root, label):
    names = hidden_names()
    check(names, "the kit has no hidden tests to look for")
    for p in root.rglob("*"):
        if not p.is_file():
            continue
        rel = p.relative_to(root)
        check("hidden" not in rel.parts and "solutions" not in rel.parts, f"{label}: holds {rel}")
        text = p.read_text(encoding="utf-8", errors="replace")
        for n in names:
            check(n not in text, f"{label}: {rel} names the hidden test {n!r}")


def checkout(pack, student, where):
    """The pack with one sample student's files in place, graded on the sample class's exercises."""
    shutil.copytree(pack, where)
    for exercise in EXERCISES:
        for name in toml_of(exercise)["student_files"]:
            # Sample students are pack checkouts or loose files (grader/examples/make-class.md).
            src = next(p for p in (EXAMPLES / "class" / student / "exercises" / exercise / name,
                                   EXAMPLES / "class" / student / name) if p.is_file())
            shutil.copy2(src, where / "exercises" / exercise / name)
    toml = where / "ci" / "grader.toml"
    text = toml.read_text(encoding="utf-8").replace(
        'kit = ".."', 'kit = ".."\nexercises = [' + ", ".join(f'"{e}"' for e in EXERCISES) + "]")
    toml.write_text(text, encoding="utf-8")
    return where


def env_for(extra):
    env = dict(os.environ, **extra)
    env.pop("TMPDIR", None)
    if shutil.which("ccache"):  # the grader is built from source in each checkout, as the workflow does
        env.setdefault("CMAKE_CXX_COMPILER_LAUNCHER", "ccache")
    return env


def mermaid_blocks(markdown):
    return re.findall(r"```mermaid\n(.*?)```", markdown, re.S)


def check_gantt(block, label):
    """A gantt chart as Mermaid's grammar wants it: header, then per task a section with an
    optional waiting bar and one running bar, each `label : [tag, ]id, start, end` with start < end."""
    lines = block.rstrip("\n").split("\n")
    check(lines[0] == "gantt", f"{label}: chart does not start with gantt")
    check(any(l.strip() == "dateFormat x" for l in lines), f"{label}: no dateFormat x")
    check(any(l.strip().startswith("axisFormat ") for l in lines), f"{label}: no axisFormat")
    sections, bars = 0, 0
    for l in lines[1:]:
        s = l.strip()
        if s.startswith(("title ", "dateFormat ", "axisFormat ")):
            check(";" not in s and "#" not in s, f"{label}: header line {s!r} has ; or #")
            continue
        if s.startswith("section "):
            sections += 1
            check(not re.search(r"[:;#]", s[8:]), f"{label}: section name {s!r} would break the grammar")
            continue
        m = re.fullmatch(r"([^:;#]+) : (?:(done|active|crit), )?([wt]\d+), (\d+), (\d+)", s)
        check(m is not None, f"{label}: task line {s!r} is not `name : [tag, ]id, start, end`")
        if m:
            bars += m.group(3).startswith("t")
            check(int(m.group(4)) < int(m.group(5)), f"{label}: bar {s!r} has no length")
    check(sections >= 1 and bars == sections, f"{label}: {sections} sections but {bars} running bars")


def workflow_steps(pack):
    wf = yaml.safe_load((pack / ".github/workflows/grade.yml").read_text(encoding="utf-8"))
    job = wf["jobs"]["grade"]
    check(job.get("container") == "debian:12", "grade.yml: not in the debian:12 container")
    steps = job["steps"]
    uses = [s.get("uses") for s in steps if "uses" in s]
    check(uses == ["actions/checkout@v4", "actions/upload-artifact@v4"], f"grade.yml uses {uses}")
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")][0]
    check(upload.get("if") == "always()" and upload["with"]["path"] == "junit/results.xml",
          "grade.yml: the JUnit XML is not uploaded whatever the result")
    return [s for s in steps if "run" in s], upload["with"]["path"]


def github_run(pack, kind):
    co = checkout(pack, STUDENTS[kind], WORK / f"actions-{kind}")
    summary, output = WORK / f"{kind}.summary.md", WORK / f"{kind}.output"
    runner_temp = WORK / f"runner-temp-{kind}"
    runner_temp.mkdir()
    env = env_for({"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output), "CCACHE_BASEDIR": str(co),
                   "CCACHE_NOHASHDIR": "1", "RUNNER_TEMP": str(runner_temp)})
    steps, junit = workflow_steps(co)
    stdout, code = "", None
    for step in steps:
        # The grader's kit cache outlives the checkout: only the build tree is fresh.
        command = step["run"].replace("--cache-dir build-grader/cache", f"--cache-dir {WORK.parent / 'github-kit-cache'}")
        p = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=co, env=env, capture_output=True, text=True)
        if step.get("id") == "grade":
            stdout, code = p.stdout, p.returncode
        elif p.returncode != 0:
            print(p.stdout[-3000:], p.stderr[-3000:])
            sys.exit(f"FAIL: step {step['name']!r} exited {p.returncode}")
    (WORK / f"{kind}.stdout").write_text(stdout, encoding="utf-8")
    return co, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8"), stdout, code, co / junit


def check_actions(pack):
    results = {}
    for kind in STUDENTS:
        co, md, out, stdout, code, junit = github_run(pack, kind)
        results[kind] = md
        outputs = dict(l.split("=", 1) for l in out.splitlines() if "=" in l)
        check(set(outputs) == {"score", "max-score", "passed"}, f"{kind}: outputs {sorted(outputs)}")
        public_max = sum(t["points"] for e in EXERCISES for t in toml_of(e)["tests"] if t["visibility"] == "public")
        check(outputs.get("max-score") == str(public_max), f"{kind}: max-score {outputs.get('max-score')} != {public_max}")
        score = int(outputs.get("score", -1))
        for exercise in EXERCISES:
            check(re.search(rf"^### [✅❌] {exercise} .* — \d+/\d+점$", md, re.M), f"{kind}: no section for {exercise}")
        check(md.count("| 테스트 | 점수 | 결과 |") == len(EXERCISES), f"{kind}: not one test table per exercise")
        tree = ET.parse(junit).getroot()
        cases = tree.findall(".//testcase")
        check(len(cases) == int(tree.get("tests")) and cases, f"{kind}: JUnit testcase count")
        junit_score = sum(int(c.find("properties/property[@name='score']").get("value")) for c in cases)
        check(junit_score == score, f"{kind}: JUnit scores sum to {junit_score}, outputs say {score}")
        errors = [l for l in stdout.splitlines() if l.startswith("::error")]
        for block_i, block in enumerate(mermaid_blocks(md)):
            check_gantt(block, f"{kind} chart {block_i}")
        if kind == "perfect":
            check(code == 0 and outputs["passed"] == "true" and score == public_max, f"perfect: exit {code}, {outputs}")
            check("모든 테스트" in md and not errors, "perfect: failures reported")
            check(len(mermaid_blocks(md)) == len(EXERCISES), "perfect: not one chart per exercise")
        if kind == "partial":
            check(code == 1 and outputs["passed"] == "false" and 0 < score < public_max, f"partial: exit {code}, {outputs}")
            check("#### 실패한 검사" in md and "기대" in md and "실제" in md, "partial: no failed check with its message")
            check(any("file=exercises/04-await-example/await_example.cpp,line=1," in l for l in errors),
                  "partial: no annotation on await_example.cpp")
            check(any("(실패한 실행)" in b for b in mermaid_blocks(md)), "partial: no chart of a failed run")
            failed = [c for c in cases if c.find("failure") is not None]
            check(failed and all(c.get("classname") == "04-await-example" for c in failed), "partial: JUnit failures")
        if kind == "compile":
            check(code == 1 and 0 < score < public_max, f"compile: exit {code}, {outputs}")
            line = [l for l in errors if "file=exercises/02-async-example/async_example.cpp" in l]
            check(line and ",line=7,col=21," in line[0] and "expected ';'" in line[0],
                  f"compile: annotation not at the compiler's async_example.cpp:7:21: {line[:1]}")
            check("컴파일 오류" in md and "error: expected ';'" in md, "compile: summary lacks the compiler's message")
            check(len(mermaid_blocks(md)) == len(EXERCISES) - 1, "compile: a chart for the exercise that did not build")
    return results


def check_allowed_files(bundle, co):
    patterns = (bundle / "allowed_files.txt").read_text(encoding="utf-8").split()
    shutil.rmtree(co / ".git", ignore_errors=True)
    run(["git", "init", "-q"], cwd=co)
    listed = run(["git", "-c", "core.excludesFile=/dev/null", "ls-files", "--others", "--exclude-standard",
                  f"--exclude-from={bundle / 'allowed_files.txt'}"], cwd=co).stdout.split()
    wanted = sorted(f"exercises/{e}/{n}" for e in EXERCISES for n in toml_of(e)["student_files"])
    # .gitignore's own rules apply too (build trees); what remains is what Classroom 50 keeps.
    kept = sorted(p for p in listed if not p.startswith((".github/", ".gitignore")))
    check(kept == wanted, f"allowed_files keeps {kept[:8]}, want {wanted}")
    check(patterns[:2] == ["*", "!*/"], f"allowed_files starts {patterns[:2]}")


def check_classroom50(bundle):
    schema = json.loads((HERE / "classroom50-result-v1.schema.json").read_text(encoding="utf-8"))
    runner_temp = WORK / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    for kind, student in STUDENTS.items():
        co = checkout(bundle / "kit", student, WORK / f"c50-{kind}")
        (co / "ci" / "grader.toml").unlink()  # the student's copy is not what grades it
        run(["git", "init", "-q"], cwd=co)
        run(["git", "-c", "user.name=s", "-c", "user.email=s@example.invalid", "add", "-A"], cwd=co)
        run(["git", "-c", "user.name=s", "-c", "user.email=s@example.invalid", "commit", "-qm", "work",
             "--date=2026-11-30T12:00:00Z"], cwd=co, env=dict(os.environ, GIT_COMMITTER_DATE="2026-11-30T12:00:00Z"))
        output, summary = WORK / f"c50-{kind}.output", WORK / f"c50-{kind}.summary.md"
        env = env_for({"CLASSROOM": "async-2026", "ASSIGNMENT": "ch16", "OWNER": "alice", "USERNAME": "alice",
                       "ASSIGNMENT_TYPE": "individual", "SUBMISSION_TAG": "submit/2026-11-30T12-00-00Z-abc1234",
                       "COMMIT_URL": "https://github.com/o/r/commit/abc", "RELEASE_URL": "https://github.com/o/r/releases/tag/x",
                       "REVIEW_URL": "", "GITHUB_ACTOR": "alice", "GITHUB_ACTOR_ID": "42", "RUNNER_TEMP": str(runner_temp),
                       "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
                       "CCACHE_BASEDIR": str(bundle), "CCACHE_NOHASHDIR": "1"})
        p = subprocess.run([sys.executable, bundle / "autograder.py"], cwd=co, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            print(p.stdout[-3000:], p.stderr[-3000:])
            sys.exit(f"FAIL: autograder.py on {kind} exited {p.returncode}")
        result = json.loads((co / "result.json").read_text(encoding="utf-8"))
        try:
            jsonschema.validate(result, schema)
        except jsonschema.ValidationError as e:
            check(False, f"c50 {kind}: result.json invalid: {e.message}")
        tests = result["tests"]
        check(result["score"] == sum(t["score"] for t in tests) <= result["max-score"] == sum(t["max-score"] for t in tests),
              f"c50 {kind}: score/max-score are not the sums of the tests")
        check(all(t["score"] <= t["max-score"] and t["passed"] == (t["score"] == t["max-score"]) for t in tests),
              f"c50 {kind}: a test's score and passed disagree")
        check(len({t["test-name"] for t in tests}) == len(tests), f"c50 {kind}: test names not unique")
        check(result["datetime"] == "2026-11-30T12:00:00Z", f"c50 {kind}: datetime {result['datetime']} is not the commit's")
        check(result["review"] == result["commit"] and result["submitted_by"] == {"username": "alice", "id": 42},
              f"c50 {kind}: review/submitted_by")
        publics = [t for e in EXERCISES for t in toml_of(e)["tests"] if t["visibility"] == "public"]
        check(len(tests) == len(publics), f"c50 {kind}: {len(tests)} tests, the public ones are {len(publics)}")
        body = (co / "release-body.md").read_text(encoding="utf-8")
        check(body.startswith("## 공개 테스트 채점 결과: ") and "숨은 테스트는 마감 뒤에" in body, f"c50 {kind}: release body heading")
        outs = dict(l.split("=", 1) for l in output.read_text(encoding="utf-8").splitlines() if "=" in l)
        want = "success" if kind == "perfect" else "failure"
        check(outs.get("status") == want and "공개 테스트" in outs.get("summary", ""), f"c50 {kind}: outputs {outs}")
        if kind == "partial":
            check("❌" in body and "실패한 검사" in body and "```mermaid" in body, "c50 partial: release body lacks failures/timeline")
        if kind == "compile":
            failed = [t for t in tests if t["exercise"] == "02-async-example"]
            check(failed and all(not t["passed"] and t["verdict"] == "compile_error" and "expected ';'" in t["message"]
                                 for t in failed), "c50 compile: tests of 02 lack the compile error")
            check_allowed_files(bundle, co)


def check_render(markdown):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    cmark = shutil.which("cmark-gfm")
    check(browser and cmark, "chromium and cmark-gfm are needed (bash ci/setup.sh installs them)")
    if not (browser and cmark):
        return
    # --unsafe: GitHub keeps <details>/<summary>, which cmark-gfm drops by default.
    html = subprocess.run([cmark, "--unsafe", "--github-pre-lang", "-e", "table", "-e", "autolink", "-e", "strikethrough"],
                          input=markdown, capture_output=True, text=True, check=True).stdout
    page = WORK / "summary.html"
    page.write_text("<!doctype html><meta charset=utf-8><title>summary</title><style>body{font-family:sans-serif;"
                    "max-width:1000px;margin:1em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                    "padding:2px 6px}pre{background:#f6f8fa;padding:6px;overflow:auto}</style>\n" + html, encoding="utf-8")
    profile = WORK / "chromium-profile"
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
              "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000"]
    dom = subprocess.run(common + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    check(not re.search(r":CONSOLE[:(]", dom.stderr), "summary page: console messages")
    check(dom.stdout.count("<table>") == 1 + len(EXERCISES), f"summary page: {dom.stdout.count('<table>')} tables rendered")
    check('<pre lang="mermaid">' in dom.stdout, "summary page: the gantt block is not a mermaid code block")
    shot = WORK / "summary.png"
    subprocess.run(common + [f"--screenshot={shot}", "--window-size=1100,2400", page.as_uri()],
                   capture_output=True, text=True, timeout=120)
    check(shot.is_file() and shot.stat().st_size > 10000, "summary page: no screenshot")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    make = KIT / "tools/student_pack/make_pack.py"
    pack, bundle = WORK / "pack", WORK / "bundle"
    run([sys.executable, make, pack])
    run([sys.executable, make, "--classroom50", bundle] + sum((["--exercise", e] for e in EXERCISES), []))
    check_nothing_hidden(pack, "pack")
    check_nothing_hidden(bundle, "bundle")
    check(not (bundle / "kit" / ".github").exists(), "bundle kit carries a workflow")
    check(json.loads((bundle / "runtime.json").read_text())["container"]["image"], "runtime.json has no container")
    summaries = check_actions(pack)
    check_classroom50(bundle)
    check_render(summaries["partial"])
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print(f"ok: grade.yml steps and the Classroom 50 autograder on {len(STUDENTS)} checkouts; screenshot {WORK / 'summary.png'}")


if __name__ == "__main__":
    main()
