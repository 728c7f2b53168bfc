# Sourced by the bench scripts (run from the repository root): configures BUILD_DIR (default
# build-bench) as Release `-O2 -DNDEBUG`, and makes a results file that is removed on exit.
#   bench_build TARGET...     build the benchmark binaries
#   $results                  a temporary file for the runs' output lines
#   $load_before              the load average when the script started (a busy machine shows)
BUILD_DIR=${BUILD_DIR:-build-bench}
PYTHON=${PYTHON:-python3}
bench_build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null
  cmake --build "$BUILD_DIR" --target "$@" >/dev/null
}
results=$(mktemp)
trap 'rm -f "$results"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
