#!/usr/bin/env bash
# 이 저장소를 빌드하는 데 필요한 Debian 12 패키지를 설치합니다 (이미 있으면 아무것도 하지 않습니다).
# GitHub Classroom 채점 워크플로(.github/workflows/classroom.yml)도 이 스크립트를 씁니다.
#   sudo bash ci/setup.sh
set -euo pipefail
PKGS=(build-essential cmake ninja-build ccache catch2 libfmt-dev libcli11-dev)
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
