#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled sample: grades the synthetic sample
# class (grader/examples/class, 19 students) into out/sample-class/ — gradebook.csv, per-student
# Gradescope and GitHub Classroom results, and report/index.html with virtual-time timelines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target grader async_example
build/bin/grader grade grader/examples/class -o out/sample-class \
  --roster grader/examples/roster.csv --config grader/examples/grader.toml
echo
cat out/sample-class/gradebook.csv
echo
echo "report: $(pwd)/out/sample-class/report/index.html"
echo "a chapter program on the virtual clock (build/bin/async_example --virtual --trace):"
build/bin/async_example --virtual --trace
