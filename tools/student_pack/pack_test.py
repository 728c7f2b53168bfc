#!/usr/bin/env python3
"""The student pack, end to end (ctest `student_pack`, label `pack`):

  1. tools/make_student_pack.sh --ci classroom writes the pack; it is committed to a git repository and cloned,
     so everything below runs on what a student's fresh clone holds.
  2. Contents: no solution, no hidden test (by path, and no hidden test name in any file), no kit
     internals; every exercise with its stub (identical to the kit's), api.hpp, main.cpp, README.md
     and public tests; exercise.toml lists exactly the kit's public tests.
  3. .github/workflows/classroom.yml parses (PyYAML) and has the GitHub Classroom shape: one
     command-grader step per exercise with max-score = its public points (summed here from the
     kit's exercise.toml), then the reporter over every grader step.
  4. The clone configures; `ctest` builds every stub and fails every exercise's public tests, and
     builds each exercise's program only after its tests have run (<id>/program after
     <id>/public); each grader step's command selects exactly <id>/build and <id>/public and fails; the build leaves
     the clone's `git status` clean. The first `ctest` builds the shared library with progress
     before any test; after ctest's own summary a Korean one counts only the tests (here: 0 of 12
     passed), also in steps 5 and 6.
  5. With solutions/<id>/*.cpp copied over the stubs, `ctest` and every grader command pass.
  6. A syntax error planted in one exercise's file: `ctest` fails that exercise's <id>/build with
     the compiler's error (file:line: error:) in its output and runs neither its <id>/public nor
     its <id>/program (Not Run), while every other exercise still builds and passes.

    python3 tools/student_pack/pack_test.py WORK_DIR      (WORK_DIR is wiped and reused)
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print(f"FAIL  {message}", flush=True)
    return ok


def finish():
    if failures:
        sys.exit(f"student pack: {len(failures)} check(s) failed")


def run(cmd, cwd=None, env=None, quiet=True):
    """Runs cmd; returns (exit code, output). The output is printed when quiet is False."""
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, stdin=subprocess.DEVNULL)
    if not quiet:
        print(proc.stdout, end="", flush=True)
    return proc.returncode, proc.stdout


def must(cmd, **kwargs):
    code, out = run(cmd, **kwargs)
    if code != 0:
        print(out)
        sys.exit(f"student pack: `{shlex.join(map(str, cmd))}` failed (exit {code})")
    return out


def kit_exercises():
    """{id: parsed exercise.toml} of the kit, read here independently of the pack generator."""
    found = {}
    for toml in sorted((KIT / "exercises").glob("[0-9][0-9]-*/exercise.toml")):
        found[toml.parent.name] = tomllib.loads(toml.read_text(encoding="utf-8"))
    return found


def public(data):
    return [t for t in data.get("tests", []) if t["visibility"] == "public"]


def check_contents(pack, kit):
    files = [p for p in pack.rglob("*") if p.is_file() and ".git" not in p.relative_to(pack).parts]
    rel = [p.relative_to(pack) for p in files]
    for r in rel:
        check("hidden" not in r.parts and "solutions" not in r.parts and not r.name.startswith("hidden_test"),
              f"pack holds a hidden or solution file: {r}")
    for internal in ("solutions", "grader", "bench", "tests", "tools", "docs", ".ci", "harness/tests"):
        check(not (pack / internal).exists(), f"pack holds the kit's {internal}/")
    for needed in ("CMakeLists.txt", "README.md", ".gitignore", "ci/setup.sh", "harness/CMakeLists.txt",
                   "harness/src/testing/catch_main.cpp", "exercises/CMakeLists.txt", "exercises/ctest_prebuild.cmake",
                   "exercises/ctest_summary.cmake",
                   ".github/workflows/classroom.yml"):
        check((pack / needed).is_file(), f"pack lacks {needed}")

    # The devcontainer (Windows, macOS, other Linux): JSON that builds its Dockerfile from the pack,
    # a Debian 12 image set up by the pack's own ci/setup.sh (which step 4 runs on this machine).
    dc = pack / ".devcontainer"
    try:
        spec = json.loads((dc / "devcontainer.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        spec = {}
        check(False, f".devcontainer/devcontainer.json: {e}")
    build = spec.get("build", {})
    check((dc / build.get("dockerfile", "?")).is_file(), f"devcontainer: no Dockerfile {build.get('dockerfile')}")
    check((dc / build.get("context", "?")).resolve() == pack.resolve(), "devcontainer: the build context is not the pack")
    dockerfile = (dc / "Dockerfile").read_text(encoding="utf-8") if (dc / "Dockerfile").is_file() else ""
    check(re.search(r"^FROM debian:12\b", dockerfile, re.M) is not None, "devcontainer: not Debian 12")
    check("COPY ci/setup.sh" in dockerfile, "devcontainer: does not install with ci/setup.sh")
    check("내 컴퓨터에서 실습하기" in (pack / "README.md").read_text(encoding="utf-8"),
          "README: no Korean section on other systems")

    exercise_dirs = sorted(p.name for p in (pack / "exercises").iterdir() if p.is_dir())
    check(exercise_dirs == sorted(kit), f"pack exercises {exercise_dirs} != kit exercises {sorted(kit)}")
    for exercise_id, data in kit.items():
        folder = pack / "exercises" / exercise_id
        for name in ["api.hpp", "main.cpp", "README.md", "tests/public_test.cpp", *data["student_files"]]:
            check((folder / name).is_file(), f"pack lacks exercises/{exercise_id}/{name}")
        for name in data["student_files"]:
            stub = KIT / "exercises" / exercise_id / name
            if (folder / name).is_file():
                check((folder / name).read_bytes() == stub.read_bytes(),
                      f"exercises/{exercise_id}/{name} in the pack is not the kit's stub")
        if (folder / "exercise.toml").is_file():
            shipped = tomllib.loads((folder / "exercise.toml").read_text(encoding="utf-8"))
            check(shipped.get("tests") == public(data),
                  f"exercises/{exercise_id}/exercise.toml does not list exactly the public tests")
            check(dict(shipped, tests=None) == dict(data, tests=None),
                  f"exercises/{exercise_id}/exercise.toml differs from the kit's outside [[tests]]")

    hidden_names = sorted({t["name"] for data in kit.values() for t in data.get("tests", [])
                           if t["visibility"] != "public"})
    check(hidden_names, "the kit has no hidden tests to look for (check the exercise.toml files)")
    for path, r in zip(files, rel):
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in hidden_names:
            check(name not in text, f"{r} names the hidden test {name!r}")


def check_workflow(pack, kit):
    """The workflow's grader steps as [(exercise id, command)], after checking the file's shape."""
    try:
        import yaml
    except ImportError:
        check(False, "PyYAML is missing (Debian package python3-yaml, installed by ci/setup.sh)")
        return []
    doc = yaml.safe_load((pack / ".github/workflows/classroom.yml").read_text(encoding="utf-8"))
    check(doc.get("name") == "Autograding Tests", "workflow name is not `Autograding Tests`")
    # An unquoted `on:` is YAML 1.1's boolean true; GitHub Classroom writes it quoted.
    check(doc.get("on", doc.get(True)) == ["push", "repository_dispatch"],
          "workflow does not run on [push, repository_dispatch]")
    check(doc.get("permissions") == {"checks": "write", "actions": "read", "contents": "read"},
          f"workflow permissions are {doc.get('permissions')}")
    jobs = doc.get("jobs", {})
    check(list(jobs) == ["run-autograding-tests"], f"workflow jobs are {list(jobs)}")
    job = jobs.get("run-autograding-tests", {})
    check(job.get("runs-on") == "ubuntu-latest", "job does not run on ubuntu-latest")
    check(job.get("if") == "github.actor != 'github-classroom[bot]'", "job lacks the github-classroom[bot] guard")
    steps = job.get("steps", [])
    check(len(steps) >= 2 and steps[0].get("uses", "").startswith("actions/checkout@"),
          "first step is not actions/checkout")
    setup = steps[1].get("run", "") if len(steps) >= 2 else ""
    check("bash ci/setup.sh" in setup and "cmake -S . -B build" in setup,
          "second step does not run ci/setup.sh and configure build/")

    graders = [s for s in steps if s.get("uses") == "classroom-resources/autograding-command-grader@v1"]
    check(len(graders) == len(kit), f"{len(graders)} grader steps for {len(kit)} exercises")
    commands = []
    ids = []
    for step, (exercise_id, data) in zip(graders, kit.items()):
        sid = str(step.get("id", ""))
        ids.append(sid)
        check(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", sid) is not None, f"grader step id {sid!r} is not valid")
        w = step.get("with", {})
        command = str(w.get("command", ""))
        check(w.get("test-name") and step.get("name"), f"grader step {sid} lacks a name or test-name")
        # Which tests the command selects is checked by running it (check_grader_commands).
        check(command.startswith("ctest --test-dir build ") and f"-L ^{exercise_id}$" in command,
              f"grader step {sid} does not run ctest on label {exercise_id}: {command!r}")
        points = sum(t["points"] for t in public(data))
        check(w.get("max-score") == points, f"grader step {sid}: max-score {w.get('max-score')} != public points {points}")
        check(isinstance(w.get("timeout"), int) and w["timeout"] > 0, f"grader step {sid}: no timeout in minutes")
        commands.append((exercise_id, command))
    check(len(set(ids)) == len(ids), f"grader step ids are not unique: {ids}")

    reporter = steps[-1] if steps else {}
    check(reporter.get("uses") == "classroom-resources/autograding-grading-reporter@v1",
          "last step is not the grading reporter")
    expected_env = {f"{sid.upper()}_RESULTS": f"${{{{steps.{sid}.outputs.result}}}}" for sid in ids}
    check(reporter.get("env") == expected_env, f"reporter env is {reporter.get('env')}")
    runners = str(reporter.get("with", {}).get("runners", "")).split(",")
    check(runners == ids, f"reporter runners {runners} != grader steps {ids}")
    return commands


def ctest_results(pack, env, junit, details=None, summary=None):
    """Runs the student's `ctest`; returns (exit code, {test name: passed?}). When `details` is a
    dict, it receives {test name: (ctest status: run/fail/notrun, the test's output)}; `summary`
    (a list) receives ctest's whole output."""
    junit.unlink(missing_ok=True)
    code, out = run(["ctest", "--test-dir", "build", "-j", str(os.cpu_count() or 2), "--output-junit", junit],
                    cwd=pack, env=env)
    if summary is not None:
        summary.append(out)
    results = {}
    if junit.is_file():
        for case in ET.parse(junit).getroot().iter("testcase"):
            results[case.get("name")] = case.get("status") == "run" and case.find("failure") is None \
                and case.find("error") is None
            if details is not None:
                details[case.get("name")] = (case.get("status"), case.findtext("system-out") or "")
    else:
        print(out)
    return code, results


def check_summary(out, kit, passed, failed, not_run=(), first_run=False):
    """The Korean lines around ctest's own: on the first run the shared library's build with its
    progress before any test starts; after ctest's summary (which counts the <id>/build steps) one
    row per exercise and a count of the tests alone (exercises/ctest_summary.cmake)."""
    prebuild = out.find("[키트] 처음 한 번:")
    first_test = out.find("Start ")
    if first_run:
        check(0 <= prebuild < first_test and re.search(r"\[\d+/\d+\] Building CXX object harness/", out[prebuild:first_test]),
              f"the first ctest does not build the shared library with progress before its tests:\n{out[:1500]}")
    else:
        check(prebuild < 0, "a later ctest builds the shared library again")
    head = "== 연습문제 결과 (위의 'tests passed' 는 빌드 단계까지 센 값입니다. 여기서는 테스트만 셉니다) =="
    pos = out.find(head)
    if not check(pos > out.find("% tests passed"), f"no Korean summary after ctest's:\n{out[-1500:]}"):
        return
    lines = out[pos:].splitlines()[1:len(kit) + 3]
    for exercise_id, line in zip(kit, lines):
        want = ("빌드 실패 (컴파일 오류): 공개 테스트 실행 안 됨" if exercise_id in not_run else
                "공개 테스트 실패" if exercise_id in failed else "공개 테스트 통과")
        check(line == f"  {exercise_id}  {want}", f"summary row {line!r}, expected {exercise_id}: {want}")
    total = len(kit)
    count = f"테스트 {total}개 중 {total - len(failed) - len(not_run)}개 통과, {len(failed)}개 실패"
    if not_run:
        count += f", {len(not_run)}개는 빌드가 실패해 실행하지 못했습니다"
    check(lines[len(kit):len(kit) + 1] == [count + "."], f"summary count {lines[len(kit):]}, expected {count!r}")
    rerun = "틀린 이유 보기: ctest --test-dir build --rerun-failed --output-on-failure"
    check((rerun in out) == bool(failed or not_run), f"summary's rerun line is wrong:\n{out[pos:]}")


def check_compile_error_isolation(pack, env, work, kit):
    """One exercise's compile error fails only that exercise, with the compiler's message
    (README.md: `<id>/build` ... 컴파일러의 오류 메시지가 그대로 나오고 ... Not Run ... 다른 연습문제는
    상관없이 계속됩니다). Runs on the solutions' build: only the broken file recompiles."""
    broken = next(iter(kit))
    stub = pack / "exercises" / broken / kit[broken]["student_files"][0]
    text = stub.read_text(encoding="utf-8")
    stub.write_text(text + "\nint planted_syntax_error(  // pack_test.py: no ')' and no body\n", encoding="utf-8")
    try:
        details, summary = {}, []
        code, results = ctest_results(pack, env, work / "compile-error.xml", details, summary)
    finally:
        stub.write_text(text, encoding="utf-8")
    check(code != 0, f"ctest passes with a syntax error in {stub.name}")
    status, output = details.get(f"{broken}/build", (None, ""))
    check(status == "fail", f"{broken}/build is {status!r} with a syntax error in {stub.name}, not 'fail'")
    check(re.search(rf"{re.escape(stub.name)}:\d+:\d+: error:", output) is not None,
          f"{broken}/build does not show the compiler's error for {stub.name}:\n{output[-2000:]}")
    status, _output = details.get(f"{broken}/public", (None, ""))
    check(status == "notrun", f"{broken}/public is {status!r} after a failed build, not 'notrun' (Not Run)")
    status, _output = details.get(f"{broken}/program", (None, ""))
    check(status == "notrun", f"{broken}/program is {status!r} after a failed build, not 'notrun' (Not Run)")
    check_summary(summary[0], kit, passed=[e for e in kit if e != broken], failed=[], not_run=[broken])
    others = [name for name in results if not name.startswith(f"{broken}/")]
    check(len(others) == 3 * (len(kit) - 1), f"ctest ran {sorted(results)} with one exercise broken")
    for name in sorted(others):
        check(results[name], f"{name} fails because {broken} does not compile")


def check_grader_commands(pack, env, commands, should_pass):
    for exercise_id, command in commands:
        args = shlex.split(command)
        _code, listing = run(args + ["-N"], cwd=pack, env=env)
        selected = sorted(re.findall(r"Test +#\d+: (\S+)", listing))
        check(selected == [f"{exercise_id}/build", f"{exercise_id}/public"],
              f"`{command}` selects {selected}")
        code, out = run(args, cwd=pack, env=env)
        if should_pass:
            check(code == 0, f"`{command}` fails with the solutions:\n{out}")
        else:
            check(code != 0, f"`{command}` passes on the stubs")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pack_test.py WORK_DIR")
    started = time.monotonic()
    work = Path(sys.argv[1]).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    kit = kit_exercises()

    origin, pack = work / "origin", work / "pack"
    # The legacy GitHub Classroom workflow, whose shape this test checks; grade.yml (the default) is
    # run step by step by grader/tests/github_test.py.
    print(must([KIT / "tools/make_student_pack.sh", "--ci", "classroom", origin]), end="")
    git = ["git", "-c", "user.name=pack", "-c", "user.email=pack@example.invalid", "-c", "init.defaultBranch=main"]
    must(git + ["init", "-q"], cwd=origin)
    must(git + ["add", "-A"], cwd=origin)
    must(git + ["commit", "-q", "-m", "student pack"], cwd=origin)
    must(["git", "clone", "-q", origin, pack])

    check_contents(pack, kit)
    commands = check_workflow(pack, kit)
    finish()

    # ccache hits across runs and checkouts: paths relative to the pack, not hashed by folder.
    env = dict(os.environ, CCACHE_BASEDIR=str(pack), CCACHE_NOHASHDIR="1")
    must(["cmake", "-S", ".", "-B", "build", "-G", "Ninja"], cwd=pack, env=env)
    every_test = {f"{e}/{kind}" for e in kit for kind in ("build", "public", "program")}

    summary = []
    code, results = ctest_results(pack, env, work / "stubs.xml", summary=summary)
    check(code != 0, "ctest passes on the stubs")
    check_summary(summary[0], kit, passed=[], failed=list(kit), first_run=True)
    check(set(results) == every_test, f"ctest on the pack ran {sorted(results)}")
    for exercise_id in kit:
        check(results.get(f"{exercise_id}/build") is True, f"the {exercise_id} stub does not build in the pack")
        check(results.get(f"{exercise_id}/public") is False, f"the {exercise_id} stub passes its public tests")
        check(results.get(f"{exercise_id}/program") is True, f"the {exercise_id} program does not build in the pack")
        ends = [summary[0].find(f": {exercise_id}/{kind} ") for kind in ("public", "program")]
        check(0 <= ends[0] < ends[1], f"{exercise_id}/program does not end after {exercise_id}/public:\n{summary[0][:3000]}")
    check_grader_commands(pack, env, commands, should_pass=False)
    _code, status = run(["git", "status", "--porcelain"], cwd=pack)
    check(status.strip() == "", f"building leaves files git does not ignore:\n{status}")
    print(f"stubs: built and failed as expected ({time.monotonic() - started:.0f} s)", flush=True)
    finish()

    for exercise_id in kit:
        for solution in sorted((KIT / "solutions" / exercise_id).glob("*.cpp")):
            # copyfile, not copy2: a fresh mtime, so the build sees the change.
            shutil.copyfile(solution, pack / "exercises" / exercise_id / solution.name)
    summary = []
    code, results = ctest_results(pack, env, work / "solutions.xml", summary=summary)
    check(code == 0, "ctest fails with the solutions copied over the stubs")
    check_summary(summary[0], kit, passed=list(kit), failed=[])
    check(set(results) == every_test, f"ctest on the pack ran {sorted(results)}")
    for name, passed in sorted(results.items()):
        check(passed, f"{name} fails with the solutions")
    if code != 0:
        run(["ctest", "--test-dir", "build", "--rerun-failed", "--output-on-failure"], cwd=pack, env=env, quiet=False)
    check_grader_commands(pack, env, commands, should_pass=True)
    finish()

    check_compile_error_isolation(pack, env, work, kit)
    finish()
    print(f"student pack: {len(kit)} exercises; stubs fail, solutions pass, a compile error stays in its exercise; "
          f"{time.monotonic() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
