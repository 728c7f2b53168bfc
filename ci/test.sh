#!/usr/bin/env bash
# Sets everything up and runs every test of the kit. Fails when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
JOBS=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS"
ctest --test-dir build --output-on-failure -j"$JOBS"
