#!/usr/bin/env bash
# The Gradescope package on the oldest toolchain the kit supports, as Gradescope's default image
# (Ubuntu 22.04) has it, simulated on Debian 12 (issue 11), then graded in the /autograder layout:
#   compiler   g++ 11 as `g++` (Debian's g++-11; Ubuntu 22.04 ships 11.4)
#   Boost      1.74 (Debian's libboost1.74-dev, unpacked: it conflicts with the 1.81 headers of
#              the main build), at /usr/local, with the system's 1.81 headers and CMake files hidden
#   Catch2, TOML++  none on the system (jammy has no TOML++; noble's Catch2 is 3): only the copies
#              the zip bundles in third_party/
#   CMake      the policies of 3.22 (cmake_minimum_required); the binary is Debian's 3.25
#   {fmt}      Debian's 9 (jammy has 8: not available here, see docs/grader.md)
# The view is a bubblewrap mount namespace over the host (as root: CI). In it: unzip the package
# to /autograder/source, setup.sh without apt, then run_autograder on sample submissions;
# results.json is validated against Gradescope's format (grader/tests/gradescope_results.py).
# usage: ci/ubuntu_minimum.sh [BUILD_DIR=build]   (BUILD_DIR/bin/grader makes the zip)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)  # absolute: the steps below change directory
work=${UBUNTU_MINIMUM_WORK:-$build/ubuntu-minimum}
debs=$work/debs
mkdir -p "$work" "$debs"

# 1. Boost 1.74 from Debian's archive, unpacked once (apt-get download: no install, no conflict).
boost=$work/boost-1.74
if [ ! -f "$boost/usr/include/boost/version.hpp" ]; then
  (cd "$debs" && apt-get download libboost1.74-dev libboost-filesystem1.74-dev libboost-filesystem1.74.0 \
     libboost-system1.74-dev libboost-system1.74.0 2>/dev/null)
  rm -rf "$boost.tmp" && mkdir -p "$boost.tmp"
  for d in "$debs"/*.deb; do dpkg-deb -x "$d" "$boost.tmp"; done
  mv "$boost.tmp" "$boost"
fi

# 2. The package, made by the kit's grader from the sample course config.
rm -rf "$work/autograder" && mkdir -p "$work/autograder/source" "$work/autograder/results" "$work/autograder/submission"
"$build/bin/grader" gradescope-package --config "$root/grader/examples/grader.toml" --out "$work/autograder.zip" >"$work/package.log"
cat "$work/package.log"
(cd "$work/autograder/source" && unzip -q "$work/autograder.zip")
cp "$work/autograder/source/run_autograder" "$work/autograder/run_autograder"

# 3. The view. Everything else is the host's (as root, so nested sandboxes work as on the host).
hide=()
for d in /usr/include/boost /usr/include/toml++ /usr/include/catch2 /usr/lib/cmake/Catch2 \
         /usr/lib/x86_64-linux-gnu/cmake/tomlplusplus /usr/lib/x86_64-linux-gnu/cmake/*-1.81.0; do
  [ -d "$d" ] && hide+=(--tmpfs "$d")
done
for f in /usr/lib/x86_64-linux-gnu/cmake/BoostDetectToolset-1.81.0.cmake; do
  [ -f "$f" ] && hide+=(--ro-bind /dev/null "$f")
done
[ -d /autograder ] || { mkdir /autograder; trap 'rmdir /autograder 2>/dev/null || true' EXIT; }
view=(bwrap --dev-bind / / --cap-add ALL "${hide[@]}"
      --ro-bind "$boost/usr" /usr/local
      --ro-bind /usr/bin/g++-11 /usr/bin/g++ --ro-bind /usr/bin/gcc-11 /usr/bin/gcc
      --bind "$work/autograder" /autograder --chdir /autograder)
in_view() { "${view[@]}" env CXX=g++ CMAKE_CXX_COMPILER_LAUNCHER=ccache "$@"; }

# The view must be what it claims: g++ 11, Boost 1.74, no system Catch2/TOML++.
in_view bash -c 'g++ --version | head -1; grep -h "define BOOST_LIB_VERSION" /usr/local/include/boost/version.hpp
  ! test -e /usr/include/catch2/catch.hpp && ! test -e /usr/include/toml++/toml.h && echo "no system Catch2 or TOML++"' \
  | tee "$work/view.txt"
grep -q '^g++ (Debian 11' "$work/view.txt" && grep -q '"1_74"' "$work/view.txt" && grep -q 'no system' "$work/view.txt"

# 4. setup.sh as Gradescope runs it, minus apt.
t0=$(date +%s)
in_view env AIO_SETUP_SKIP_APT=1 bash /autograder/source/setup.sh >"$work/setup.log" 2>&1 || { tail -40 "$work/setup.log"; exit 1; }
echo "setup.sh: $(( $(date +%s) - t0 )) s (log: $work/setup.log)"
grep -q "GNU 11" "$work/autograder/build-grader/CMakeCache.txt" || grep -q "CMAKE_CXX_COMPILER_VERSION.*11\." \
  "$work/autograder/build-grader/CMakeFiles/"*/CMakeCXXCompiler.cmake

# 5. run_autograder per sample submission; results.json checked against the format and the scores.
check=$root/grader/tests/gradescope_results.py
grade() {  # name source-dir-or-empty expected-score
  rm -rf "$work/autograder/submission" "$work/autograder/results" && mkdir -p "$work/autograder/submission" "$work/autograder/results"
  [ -z "$2" ] || cp -r "$2"/. "$work/autograder/submission/"
  local t0=$(date +%s.%N)
  in_view /autograder/run_autograder >"$work/$1.stdout" 2>&1 || { tail -20 "$work/$1.stdout"; exit 1; }
  echo "run_autograder $1: $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s"
  cp "$work/autograder/results/results.json" "$work/$1.results.json"
  python3 "$check" "$work/$1.results.json" --score "$3" ${4:+--output-contains "$4"}
}
class=$root/grader/examples/class
grade perfect "$class/s01-perfect" 39
grade partial "$class/s02-partial" 25
grade compile-error "$class/s06-compile-error" 23 "컴파일"
grade empty "" 0 "제출물에 파일이 없습니다"
echo "ubuntu-minimum: OK (g++ 11, Boost 1.74, bundled Catch2 and TOML++, /autograder layout)"
