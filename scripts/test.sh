#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite (README command 2, called by .ci/run):
# the release build's full suite, then the unit tests again under AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
cmake --preset default >/dev/null
cmake --build --preset default -j"$jobs"
ctest --preset default -j"$jobs"
cmake --preset ci-sanitize >/dev/null
cmake --build --preset ci-sanitize -j"$jobs"
ctest --preset ci-sanitize -j"$jobs"
