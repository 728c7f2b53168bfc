#!/usr/bin/env bash
# Installs every Debian package the kit needs. Idempotent; runs as root (or via sudo) without stdin.
set -euo pipefail
PKGS=(build-essential cmake ninja-build ccache python3 python3-yaml git zip unzip
      catch2 libboost1.81-dev libtomlplusplus-dev libfmt-dev libcli11-dev nlohmann-json3-dev
      bubblewrap libseccomp-dev pkg-config chromium time similarity-tester
      g++-11 python3-jsonschema fonts-nanum cmark-gfm)  # g++-11: ci/ubuntu_minimum.sh; fonts: Hangul in the report; cmark-gfm: grader/github renders the job summary
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
