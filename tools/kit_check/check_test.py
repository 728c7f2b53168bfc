#!/usr/bin/env python3
"""kit_check must reject broken metadata (ctest `kit/check_rejects`).

    python3 tools/kit_check/check_test.py KIT_CHECK KIT_BIN_DIR WORK_DIR

Copies one exercise (exercises/01-sync-example and its solution) into a scratch tree, checks that
kit_check accepts it as is, then breaks one rule at a time and checks that kit_check exits 1 with
that rule's error. The test binaries in KIT_BIN_DIR are the real ones (fixture 01-sync-example_built).
"""
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
EXERCISE = "01-sync-example"


def workflow(scores):
    """A classroom.yml in make_pack.py's layout with the given {step id: max-score}."""
    lines = ["jobs:", "  run-autograding-tests:", "    steps:"]
    for step, score in scores.items():
        lines += [f"    - name: {step}", f"      id: {step}",
                  "      uses: classroom-resources/autograding-command-grader@v1", "      with:",
                  "        timeout: 10"]
        if score is not None:
            lines.append(f"        max-score: {score}")
    return "\n".join(lines) + "\n"


def main():
    kit_check, bin_dir, work = sys.argv[1], sys.argv[2], Path(sys.argv[3]).resolve()
    toml_text = (KIT / "exercises" / EXERCISE / "exercise.toml").read_text(encoding="utf-8")
    data = tomllib.loads(toml_text)
    public = sum(t["points"] for t in data["tests"] if t["visibility"] == "public")
    total = sum(t["points"] for t in data["tests"])
    first_name = data["tests"][0]["name"]
    hidden_name = next(t["name"] for t in data["tests"] if t["visibility"] == "hidden")
    with_total = lambda n: toml_text.replace("\n[limits]", f"total_points = {n}\n\n[limits]", 1)
    # The tests as an inline array: the pack builder could not drop the hidden ones by their headers.
    inline = ", ".join(f'{{ name = "{t["name"]}", points = {t["points"]}, visibility = "{t["visibility"]}" }}' for t in data["tests"])
    inline_tests = toml_text[:toml_text.index("[[tests]]")].replace("\n[limits]", f"tests = [{inline}]\n\n[limits]", 1)
    cmake_text = (KIT / "exercises" / "CMakeLists.txt").read_text(encoding="utf-8")
    cmake_title = cmake_text.replace("kit_toml_line(${toml} program program_text)",
                                     "kit_toml_line(${toml} program program_text)\n  kit_toml_line(${toml} title title_text)", 1)

    # (what is broken, exercise.toml text, classroom.yml text, expected error or None for a pass)
    good = workflow({f"ex{EXERCISE}": public})
    cases = [
        ("nothing", toml_text, good, None),
        ("nothing, total_points right", with_total(total), good, None),
        ("total_points wrong", with_total(total + 1), good, f"`total_points` = {total + 1} but the [[tests]] add up to {total}"),
        ("total_points not an integer", with_total('"9"'), good, "`total_points` must be a positive integer"),
        ("max-score off by one", toml_text, workflow({f"ex{EXERCISE}": public + 1}),
         f"step ex{EXERCISE}: max-score {public + 1} but the public tests of {EXERCISE} are worth {public}"),
        ("max-score missing", toml_text, workflow({f"ex{EXERCISE}": None}), "max-score missing"),
        ("no grading step", toml_text, workflow({}), f"no grading step ex{EXERCISE}"),
        ("a step for no exercise", toml_text, workflow({f"ex{EXERCISE}": public, "ex99-gone": 1}),
         "step ex99-gone grades no exercise"),
        ("zero points", re.sub(r"points = \d+", "points = 0", toml_text, count=1), good,
         "`points` must be a positive integer"),
        ("fractional points", re.sub(r"points = \d+", "points = 1.5", toml_text, count=1), good,
         "`points` must be a positive integer"),
        ("a name used twice", toml_text + f'\n[[tests]]\nname = "{first_name}"\npoints = 1\nvisibility = "hidden"\n',
         good, f"test name used twice: {first_name}"),
        ("a name no TEST_CASE has", toml_text.replace(f'"{first_name}"', f'"{first_name} X"', 1), good,
         f"public test in exercise.toml but not in {EXERCISE}_public: {first_name} X"),
        ("a hidden test listed as public",
         re.sub(r'(name = "' + re.escape(hidden_name) + r'"\npoints = \d+\nvisibility = )"hidden"', r'\1"public"', toml_text),
         good, f"TEST_CASE in {EXERCISE}_hidden not listed as a hidden test in exercise.toml: {hidden_name}"),
        ("the tests as an inline array", inline_tests, good, "every test must be a [[tests]] table of its own"),
        ("CMake reads a key not kept on one line", toml_text, good, "reads `title` with kit_toml_line", cmake_title),
    ]

    failed = 0
    for what, toml, classroom, error, *cmake in cases:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(KIT / "exercises" / EXERCISE, work / "exercises" / EXERCISE)
        shutil.copytree(KIT / "solutions" / EXERCISE, work / "solutions" / EXERCISE)
        (work / "exercises" / EXERCISE / "exercise.toml").write_text(toml, encoding="utf-8")
        (work / "classroom.yml").write_text(classroom, encoding="utf-8")
        (work / "exercises" / "CMakeLists.txt").write_text(cmake[0] if cmake else cmake_text, encoding="utf-8")
        proc = subprocess.run([kit_check, "--root", work, "--bin", bin_dir, "--classroom", work / "classroom.yml"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if error is None:
            ok = proc.returncode == 0
        else:
            ok = proc.returncode == 1 and f"error: " in proc.stdout and error in proc.stdout
        print(f"{'ok  ' if ok else 'FAIL'}  {what}: exit {proc.returncode}", flush=True)
        if not ok:
            failed += 1
            print(f"      expected: {'a pass' if error is None else error}\n" +
                  "".join(f"      | {line}\n" for line in proc.stdout.splitlines()))
    shutil.rmtree(work, ignore_errors=True)
    if failed:
        sys.exit(f"kit_check: {failed} of {len(cases)} cases wrong")


if __name__ == "__main__":
    main()
