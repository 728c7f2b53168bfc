#!/usr/bin/env bash
# Writes the GitHub Classroom student pack (template repository) to OUT_DIR (new or empty).
#   tools/make_student_pack.sh OUT_DIR          see docs/student-pack.md
set -euo pipefail
exec python3 "$(dirname "$0")/student_pack/make_pack.py" "$@"
