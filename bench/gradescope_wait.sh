#!/usr/bin/env bash
# Gradescope's waits (issue 15, figure 2), in the simulated /autograder layout of
# ci/ubuntu_minimum.sh (g++ 11, Boost 1.74, bundled Catch2 and TOML++), with a cold compiler
# cache: setup.sh without apt (the image build: the grader, then `grader prepare`, the kit) and
# run_autograder on the sample class's perfect student (one submission, the student's wait).
#
#   bench/gradescope_wait.sh [BUILD_DIR=build]      (BUILD_DIR/bin/grader makes the zip)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=$(mktemp -d "${TMPDIR:-/tmp}/gradescope-wait.XXXXXX")
trap '[ -n "${KEEP_BENCH:-}" ] || rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
CCACHE_DISABLE=1 UBUNTU_MINIMUM_WORK=$work bash "$root/ci/ubuntu_minimum.sh" "$build" >"$work/run.log" 2>&1 ||
  { tail -30 "$work/run.log"; exit 1; }
setup=$(sed -n 's/^setup.sh: \([0-9]*\) s.*/\1/p' "$work/run.log")
perfect=$(sed -n 's/^run_autograder perfect: \([0-9.]*\) s/\1/p' "$work/run.log")
echo "Machine: $(nproc) cores; load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Gradescope wait (simulated Ubuntu 22.04 toolchain, cold cache) | seconds | target |"
echo "|---|---|---|"
echo "| setup.sh without apt (grader build + kit prepare) | $setup | <= 300 |"
echo "| run_autograder, one submission (sample class s01-perfect) | $perfect | |"
