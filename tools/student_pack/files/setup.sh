#!/usr/bin/env bash
# 이 저장소를 빌드하는 데 필요한 Debian 12 패키지를 설치합니다 (이미 있으면 아무것도 하지 않습니다).
# 채점 워크플로(.github/workflows/)도 이 스크립트를 씁니다.
#   sudo bash ci/setup.sh            내 컴퓨터에서 빌드하고 ctest 하는 데 필요한 것
#   sudo bash ci/setup.sh --grader   채점기(ci/grader/)도 빌드할 때 (GitHub Actions, Classroom 50)
set -euo pipefail
PKGS=(build-essential cmake ninja-build ccache catch2 libfmt-dev libcli11-dev)
# The grader's own libraries (Boost.Process header-only from 1.77: Debian 12's 1.81), git for the
# submission time; bubblewrap is left out: a CI container cannot create its sandbox anyway.
[ "${1:-}" = "--grader" ] && PKGS+=(libboost1.81-dev libtomlplusplus-dev nlohmann-json3-dev libseccomp-dev pkg-config git)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
