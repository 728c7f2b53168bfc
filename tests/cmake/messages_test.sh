#!/usr/bin/env bash
# What a student sees when configuring on a system the kit does not support (issue 11 §3):
# Catch2 3 installed instead of 2 (Ubuntu 24.04, Debian 13, Homebrew), or no Catch2 at all.
# Each configure must stop with the Korean message that says what to install or to use the
# devcontainer - not CMake's English "Could not find a configuration file" or a build that fails
# later in the tests. (Too old a CMake cannot be run here: the check is the first line of
# CMakeLists.txt, cmake_minimum_required(3.13) + a version test.)
# usage: messages_test.sh KIT_ROOT
set -uo pipefail
kit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A Catch2 3.4.0 package, as Ubuntu 24.04's catch2 installs it (only what find_package reads).
mkdir -p "$work/catch2-3/lib/cmake/Catch2"
cat >"$work/catch2-3/lib/cmake/Catch2/Catch2Config.cmake" <<'CMAKE'
add_library(Catch2::Catch2 INTERFACE IMPORTED)
CMAKE
cat >"$work/catch2-3/lib/cmake/Catch2/Catch2ConfigVersion.cmake" <<'CMAKE'
set(PACKAGE_VERSION "3.4.0")
if(PACKAGE_FIND_VERSION_MAJOR AND NOT PACKAGE_FIND_VERSION_MAJOR EQUAL 3)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
CMAKE

configure() {  # name extra-args...
  local name=$1; shift
  cmake -S "$kit" -B "$work/$name" "$@" >"$work/$name.raw" 2>&1 && fail "$name: configure succeeded"
  tr -s ' \n' '  ' <"$work/$name.raw" >"$work/$name.log"  # CMake wraps messages at ~70 columns
  return 0
}
# The system Catch2 2 ignored: on that system there is only 3.
configure catch2-3 -DCatch2_DIR="$work/catch2-3/lib/cmake/Catch2" "-DCMAKE_IGNORE_PATH=/usr/lib/cmake/Catch2;/lib/cmake/Catch2"
grep -q "Catch2 3.4.0이(가) 설치되어 있지만 이 키트는 Catch2 2.x 를 씁니다" "$work/catch2-3.log" ||
  { cat "$work/catch2-3.raw"; fail "Catch2 3: no Korean message naming 3.4.0"; }
grep -q "devcontainer" "$work/catch2-3.log" || fail "Catch2 3: the message does not mention the devcontainer"

configure no-catch2 -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON
grep -q "Catch2 를 찾지 못했습니다" "$work/no-catch2.log" || { cat "$work/no-catch2.raw"; fail "no Catch2: no Korean message"; }
grep -q "apt install catch2" "$work/no-catch2.log" || fail "no Catch2: the message does not say what to install"
echo "ok: Catch2 3 and a missing Catch2 stop the configure with the Korean message"
