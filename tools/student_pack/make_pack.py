#!/usr/bin/env python3
"""Writes the student pack: a self-contained template repository for GitHub Classroom.

    python3 tools/student_pack/make_pack.py [--ci actions|classroom|none] OUT_DIR
                                                  (or tools/make_student_pack.sh ...)
    python3 tools/student_pack/make_pack.py --workflow FILE   only the legacy Classroom workflow (kit_check reads it)
    python3 tools/student_pack/make_pack.py --classroom50 DIR [--exercise ID]...
                                                  a Classroom 50 autograder bundle (docs/classroom50.md)

The pack holds what a student needs and nothing a student must not see:
  CMakeLists.txt, harness/ (runtime, test helpers, Catch2 main; not its self-tests),
  audit/ (the grader's object audit: grader/src/audit*.{hpp,cpp}),
  exercises/CMakeLists.txt and its ctest_*.cmake, exercises/NN-slug/ without hidden/ and with only the public
  [[tests]] entries in exercise.toml, ci/setup.sh, README.md (Korean), .gitignore and the CI:
    --ci actions (default)  ci/grader/ (the grader's sources, ci/grader.toml) and
                            .github/workflows/grade.yml: `grader github` (job summary, annotations,
                            JUnit, points per test)
    --ci classroom          .github/workflows/classroom.yml for GitHub Classroom (retired 2026-08-28)
    --ci none               no workflow (Classroom 50 installs its own)
Never copied: solutions/, exercises/*/hidden/, bench/, tests/, tools/, docs/, .ci/, the grader's
tests and attacks. See docs/student-pack.md.
"""
import argparse
import json
import re
import shutil
import sys
import tomllib
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).resolve().parent / "files"
# grader/src/ -> audit/: the object audit and the compile-error translator (aio_explain)
AUDIT_SOURCES = ("audit.hpp", "audit.cpp", "audit_main.cpp", "explain.hpp", "explain.cpp", "explain_main.cpp")
# What `grader github` / `grader classroom50` need to build the grader from a pack: grader/ -> ci/grader/.
GRADER_PARTS = ("CMakeLists.txt", "src", "runner")
GRADER_DIR = "ci/grader"
CI_KINDS = ("actions", "classroom", "none")

# Files inside shipped folders that never belong in a repository (editor and tool leftovers).
JUNK = re.compile(r"(^\.|~$|\.pyc$|\.orig$|\.rej$|\.swp$|^__pycache__$)")


def fail(message):
    sys.exit(f"make_student_pack: {message}")


def copy_tree(src, dst, skip_dirs=()):
    """Copies src to dst, leaving out junk and the folders named in skip_dirs (at any depth)."""
    def ignore(_folder, names):
        return [n for n in names if JUNK.search(n) or n in skip_dirs]
    shutil.copytree(src, dst, ignore=ignore)


def exercises():
    """(id, folder, parsed toml) of every registered exercise, in order (as exercises/CMakeLists.txt)."""
    found = []
    for folder in sorted((KIT / "exercises").glob("[0-9][0-9]-*")):
        toml = folder / "exercise.toml"
        if not toml.is_file():
            print(f"make_student_pack: {folder.name} has no exercise.toml, left out", file=sys.stderr)
            continue
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        if data.get("id") != folder.name:
            fail(f"{toml}: id = {data.get('id')!r} differs from the folder name")
        found.append((folder.name, folder, data))
    if not found:
        fail("no exercises found")
    return found


def public_tests(data):
    return [t for t in data.get("tests", []) if t.get("visibility") == "public"]


def public_toml(text):
    """exercise.toml without its hidden [[tests]] entries, otherwise unchanged (comments and layout
    kept). Works on the text so the file stays as written; the result is checked by parsing. Relies
    on one [[tests]] header per test, a schema rule (grader/src/exercise_toml.cpp, kit_check)."""
    chunks, current = [], []
    for line in text.splitlines(keepends=True):
        if re.match(r"\s*\[", line) and current:
            chunks.append(current)
            current = []
        current.append(line)
    chunks.append(current)

    kept = []
    for chunk in chunks:
        chunk_text = "".join(chunk)
        if re.match(r"\s*\[\[\s*tests\s*\]\]", chunk_text):
            entry = tomllib.loads(chunk_text)["tests"][0]
            if entry.get("visibility") != "public":
                continue
        kept.append(chunk_text)
    result = "".join(kept).rstrip("\n") + "\n"

    original = tomllib.loads(text)
    expected = dict(original, tests=public_tests(original))
    if tomllib.loads(result) != expected:
        fail("filtering exercise.toml changed more than the hidden [[tests]] entries")
    return result


def step_id(exercise_id):
    # Step ids must start with a letter or '_'; exercise ids start with their number.
    return "ex" + exercise_id


def yaml_str(value):
    """A YAML scalar for value: plain when it is safe, else double-quoted (JSON strings are valid
    YAML double-quoted scalars)."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9_./^$-][A-Za-z0-9 _./^$-]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def workflow(found):
    """.github/workflows/classroom.yml in the shape GitHub Classroom generates: setup once, then one
    command-grader step per exercise running that exercise's public tests for its public points,
    then the reporter over every grader step. GitHub Classroom was retired on 2026-08-28; this is
    kept (--ci classroom) for courses that still run its actions."""
    lines = [
        "# Generated by tools/make_student_pack.sh --ci classroom: one grading step per exercise, worth",
        "# the points of its public tests, all or nothing. For GitHub Classroom, retired on 2026-08-28:",
        "# nothing collects these scores any more (docs/student-pack.md). Runs in a Debian 12 container:",
        "# its packages (g++ 12, Catch2 v2, fmt 9) are the ones the kit is built and tested with.",
        "name: Autograding Tests",
        "'on':",
        "- push",
        "- repository_dispatch",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    container: debian:12",
        "    if: github.actor != 'github-classroom[bot]'",
        "    steps:",
        "    - name: Checkout code",
        "      uses: actions/checkout@v4",
        "    - name: Install packages and configure",
        "      run: |",
        "        bash ci/setup.sh",
        "        cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo",
        "        cmake --build build --target aio aio_testing aio_catch_main",
    ]
    for exercise_id, _folder, data in found:
        sid = step_id(exercise_id)
        name = f"{exercise_id} {data['title']}"
        points = sum(t["points"] for t in public_tests(data))
        # Both labels must match (ctest ANDs repeated -L); the <id>/build fixture comes along.
        command = f"ctest --test-dir build -L ^{exercise_id}$ -L ^public$ --output-on-failure"
        lines += [
            f"    - name: {yaml_str(name)}",
            f"      id: {sid}",
            "      uses: classroom-resources/autograding-command-grader@v1",
            "      with:",
            f"        test-name: {yaml_str(name)}",
            "        setup-command: ''",
            f"        command: {yaml_str(command)}",
            "        timeout: 10",
            f"        max-score: {points}",
        ]
    lines += [
        "    - name: Autograding Reporter",
        "      uses: classroom-resources/autograding-grading-reporter@v1",
        "      env:",
    ]
    for exercise_id, _folder, _data in found:
        sid = step_id(exercise_id)
        lines.append(f'        {sid.upper()}_RESULTS: "${{{{steps.{sid}.outputs.result}}}}"')
    lines += [
        "      with:",
        "        runners: " + ",".join(step_id(e) for e, _f, _d in found),
    ]
    return "\n".join(lines) + "\n"


def actions_workflow():
    """.github/workflows/grade.yml: the kit's grader on every push, in the Debian 12 container the kit
    is built with. One grading step for all exercises: the grader writes the job summary (a table per
    exercise, failed checks' messages, a Mermaid gantt of the task spans), one annotation per compile
    error and failed check, JUnit XML (uploaded as an artifact), and points per test."""
    return "\n".join([
        "# Generated by tools/make_student_pack.sh: grades the public tests with the kit's grader",
        "# (ci/grader/) on every push; the Summary page of the run shows the result (docs/github.md).",
        "name: 채점",
        "'on':",
        "- push",
        "- workflow_dispatch",
        "permissions:",
        "  contents: read",
        "jobs:",
        "  grade:",
        "    runs-on: ubuntu-latest",
        "    container: debian:12",
        "    timeout-minutes: 30",
        "    steps:",
        "    - name: Checkout code",
        "      uses: actions/checkout@v4",
        "    - name: Install packages",
        "      run: bash ci/setup.sh --grader",
        "    - name: Build the grader",
        "      run: |",
        f"        cmake -S {GRADER_DIR} -B build-grader -G Ninja -DCMAKE_BUILD_TYPE=Release",
        "        cmake --build build-grader --target grader",
        "    - name: Grade the public tests",
        "      id: grade",
        "      run: |",
        "        # The kit the grader grades against: this repository with the starter files back in place.",
        '        kit="$RUNNER_TEMP/kit" && rm -rf "$kit" && mkdir -p "$kit"',
        '        cp -r harness exercises ci "$kit/" && cp -r ci/grader/starter/. "$kit/"',
        '        build-grader/grader github --kit "$kit" --config ci/grader.toml --submission . \\',
        "          --junit junit/results.xml --cache-dir build-grader/cache",
        "    - name: Upload JUnit XML",
        "      if: always()",
        "      uses: actions/upload-artifact@v4",
        "      with:",
        "        name: junit",
        "        path: junit/results.xml",
        "        if-no-files-found: ignore",
    ]) + "\n"


# The README's grading section for each kind of CI (Korean: students read it).
GRADING_KO = {
    "actions": "GitHub 에 push 하면 **Actions** 탭의 `채점` 워크플로가 모든 연습의 공개 테스트를 채점합니다.\n"
               "실행 기록의 **Summary** 에 연습별 점수 표, 통과하지 못한 검사의 메시지, 작업들이 가상 시간에\n"
               "언제 실행되었는지 보여 주는 그림이 나오고, 컴파일 오류와 실패한 검사는 내 파일에 표시됩니다.\n"
               "점수는 **테스트마다** 받습니다 (표의 점수는 공개 테스트 점수를 모두 더한 것).",
    "classroom": "GitHub 에 push 하면 **Actions** 탭의 `Autograding Tests` 워크플로가 연습마다\n"
                 "`ctest --test-dir build -L ^<연습>$ -L ^public$` 를 실행합니다. 한 연습의 공개 테스트를 **모두**\n"
                 "통과하면 표의 점수를 받습니다. 결과는 Actions 의 실행 기록에서 볼 수 있습니다.",
    "none": "push 할 때마다 채점되고, 결과는 저장소의 **Releases** 에 나옵니다 (공개 테스트의 점수,\n"
            "통과하지 못한 검사의 메시지와 타임라인).",
}


def grader_toml(exercise_ids=None):
    """ci/grader.toml: where the grader's runner main is in a pack (ci/grader/, not grader/)."""
    lines = ["# The grader's view of this repository (`grader github`, `grader classroom50`): the kit is",
             "# the repository itself; the grader's sources are in ci/grader/.",
             'kit = ".."']
    if exercise_ids:
        lines.append("exercises = [" + ", ".join(json.dumps(e) for e in exercise_ids) + "]")
    lines += ["[kit_layout]", f'runner_main = "{GRADER_DIR}/runner/grader_main.cpp"']
    return "\n".join(lines) + "\n"


def exercise_table(found):
    rows = ["| 연습 | 폴더 | 고칠 파일 | 점수 |", "|---|---|---|---|"]
    for exercise_id, _folder, data in found:
        files = ", ".join(f"`{f}`" for f in data["student_files"])
        points = sum(t["points"] for t in public_tests(data))
        rows.append(f"| {data['number']:02d}. {data['title']} | `exercises/{exercise_id}/` | {files} | {points} |")
    return "\n".join(rows)


def write_pack(out, found, ci):
    """The pack into out (new or empty), with the CI of kind ci (CI_KINDS)."""
    out.mkdir(parents=True, exist_ok=True)

    shutil.copy2(KIT / "CMakeLists.txt", out / "CMakeLists.txt")
    (out / "harness").mkdir()
    shutil.copy2(KIT / "harness" / "CMakeLists.txt", out / "harness" / "CMakeLists.txt")
    for part in ("include", "src"):
        copy_tree(KIT / "harness" / part, out / "harness" / part)

    # The grader's object audit, which every <id>/build runs (exercises/CMakeLists.txt finds it
    # at audit/ in a pack): students meet forbidden-code rejections in their own ctest first.
    (out / "audit").mkdir()
    for name in AUDIT_SOURCES:
        shutil.copy2(KIT / "grader" / "src" / name, out / "audit" / name)

    (out / "exercises").mkdir()
    for name in ("CMakeLists.txt", "build_step.cmake", "ctest_prebuild.cmake", "ctest_summary.cmake"):
        shutil.copy2(KIT / "exercises" / name, out / "exercises" / name)
    for exercise_id, folder, _data in found:
        target = out / "exercises" / exercise_id
        copy_tree(folder, target, skip_dirs=("hidden",))
        toml = folder / "exercise.toml"
        (target / "exercise.toml").write_text(public_toml(toml.read_text(encoding="utf-8")), encoding="utf-8")

    (out / "ci").mkdir()
    shutil.copy2(FILES / "setup.sh", out / "ci" / "setup.sh")
    shutil.copy2(FILES / "gitignore", out / ".gitignore")
    # VS Code / Codespaces: Debian 12 with ci/setup.sh's packages, for Windows, macOS, other Linux.
    copy_tree(FILES / "devcontainer", out / ".devcontainer")
    readme = (FILES / "README.md").read_text(encoding="utf-8")
    for placeholder in ("@EXERCISES@", "@GRADING@"):
        if placeholder not in readme:
            fail(f"{FILES / 'README.md'} lost its {placeholder} placeholder")
    readme = readme.replace("@EXERCISES@", exercise_table(found)).replace("@GRADING@", GRADING_KO[ci])
    (out / "README.md").write_text(readme, encoding="utf-8")
    if ci != "classroom":
        # The grader itself (not its tests or attacks): public tests graded the way the course grades.
        for part in GRADER_PARTS:
            src, dst = KIT / "grader" / part, out / GRADER_DIR / part
            dst.parent.mkdir(parents=True, exist_ok=True)
            copy_tree(src, dst) if src.is_dir() else shutil.copy2(src, dst)
        (out / "ci" / "grader.toml").write_text(grader_toml(), encoding="utf-8")
        # The replay judge links the kit's stubs, so the grader's kit must not be the student's
        # edited checkout: the workflow lays these starter files over a copy of it.
        for exercise_id, folder, data in found:
            for name in data["student_files"]:
                dst = out / GRADER_DIR / "starter" / "exercises" / exercise_id / name
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(folder / name, dst)
    if ci != "none":
        (out / ".github" / "workflows").mkdir(parents=True)
        name, text = ("classroom.yml", workflow(found)) if ci == "classroom" else ("grade.yml", actions_workflow())
        (out / ".github" / "workflows" / name).write_text(text, encoding="utf-8")


def allowed_files(found):
    """Classroom 50's allowed_files (gitignore syntax, last match wins): nothing but the student files.
    `!*/` re-includes the folders, since git cannot re-include a file inside an excluded folder."""
    patterns = ["*", "!*/"]
    for exercise_id, _folder, data in found:
        patterns += [f"!exercises/{exercise_id}/{name}" for name in data["student_files"]]
    return patterns


def write_classroom50(out, found, chosen):
    """The bundle for CLASSROOM/autograders/ASSIGNMENT/: autograder.py, the public kit it grades
    against (kit/: a pack without CI, so nothing hidden: Classroom 50 serves bundles without
    authentication), grader.toml naming the exercises, allowed_files.txt, runtime.json."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        fail(f"{out} exists and is not an empty folder")
    write_pack(out / "kit", found, "none")
    ids = [e for e, _f, _d in found if not chosen or e in chosen]
    (out / "kit" / "ci" / "grader.toml").write_text(grader_toml(ids if chosen else None), encoding="utf-8")
    shutil.copy2(FILES / "classroom50" / "autograder.py", out / "autograder.py")
    selected = [x for x in found if x[0] in ids]
    (out / "allowed_files.txt").write_text("\n".join(allowed_files(selected)) + "\n", encoding="utf-8")
    shutil.copy2(FILES / "classroom50" / "runtime.json", out / "runtime.json")
    print(f"classroom50 bundle: {len(ids)} exercises written to {out}")


def main(argv):
    parser = argparse.ArgumentParser(prog="make_student_pack", description="see docs/student-pack.md")
    parser.add_argument("out", nargs="?", help="new or empty folder for the pack")
    parser.add_argument("--ci", choices=CI_KINDS, default="actions")
    parser.add_argument("--workflow", metavar="FILE", help="only write the legacy Classroom workflow")
    parser.add_argument("--classroom50", metavar="DIR", help="write a Classroom 50 autograder bundle")
    parser.add_argument("--exercise", action="append", default=[], help="with --classroom50: only this exercise")
    args = parser.parse_args(argv[1:])
    if args.workflow:
        # What the pack's classroom.yml would be, for kit_check (ctest kit/metadata) to compare
        # with the exercise.toml files without writing a whole pack.
        Path(args.workflow).write_text(workflow(exercises()), encoding="utf-8")
        return
    found = exercises()
    if args.classroom50:
        unknown = set(args.exercise) - {e for e, _f, _d in found}
        if unknown:
            fail(f"no such exercise: {', '.join(sorted(unknown))}")
        write_classroom50(Path(args.classroom50).resolve(), found, args.exercise)
        return
    if not args.out:
        parser.error("OUT_DIR is required")
    out = Path(args.out).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        fail(f"{out} exists and is not an empty folder")
    if out == KIT or out in KIT.parents or any(d in out.parents for d in (KIT / "harness", KIT / "exercises")):
        fail(f"{out}: write the pack outside the folders it is copied from")
    write_pack(out, found, args.ci)
    print(f"student pack: {len(found)} exercises written to {out} (CI: {args.ci})")


if __name__ == "__main__":
    main(sys.argv)
