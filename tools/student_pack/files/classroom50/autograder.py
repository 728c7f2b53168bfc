#!/usr/bin/env python3
"""Classroom 50 autograder for the chapter-16 coroutine exercises (docs/classroom50.md).

Written by `tools/make_student_pack.sh --classroom50 DIR`; copy DIR's contents to
CLASSROOM/autograders/ASSIGNMENT/ in the classroom50 repository. Classroom 50's runner starts it in
the student's checkout with CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL, ... set.

It installs the packages (kit/ci/setup.sh --grader), builds the kit's grader from kit/ci/grader/
and runs `grader classroom50`, which grades the student files of the checkout against the PUBLIC
kit next to this file (kit/: no hidden tests, since bundles are served without authentication)
and writes ./result.json (classroom50/result/v1, points per test), ./release-body.md (Korean) and
status/summary to $GITHUB_OUTPUT. Exit 0: graded (pass or fail is in result.json); otherwise an
infrastructure error, for which the runner reports `error`.
"""
import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE / "kit"


def run(cmd, **kwargs):
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=False, **kwargs).returncode


def submission_time():
    """The graded commit's committer date (the contract's `datetime`: fixed across regrades)."""
    try:
        out = subprocess.run(["git", "-c", "safe.directory=*", "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True, timeout=60).stdout.strip()
        when = datetime.datetime.fromtimestamp(int(out), datetime.timezone.utc)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OSError, subprocess.SubprocessError, ValueError):
        return ""  # the grader then uses the grading time


def main():
    scratch = Path(os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp(prefix="aio-grader-"))
    build = scratch / "aio-grader-build"
    if run(["bash", KIT / "ci" / "setup.sh", "--grader"]) != 0:
        return 3
    if run(["cmake", "-S", KIT / "ci" / "grader", "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"]) != 0:
        return 3
    if run(["cmake", "--build", build, "--target", "grader"]) != 0:
        return 3
    cmd = [build / "grader", "classroom50", "--kit", KIT, "--config", KIT / "ci" / "grader.toml",
           "--submission", ".", "--out", ".", "--cache-dir", scratch / "aio-grader-cache",
           "-j", str(os.cpu_count() or 1)]
    when = submission_time()
    if when:
        cmd += ["--datetime", when]
    return run(cmd)


if __name__ == "__main__":
    sys.exit(main())
