#!/usr/bin/env bash
# Quick-start command 1: installs what is missing, builds, runs the default matrix and says where
# the HTML report is. Extra arguments go to `harness run` (e.g. --jobs 2, --filter 'libreswan/*').
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}

bash scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)" --target harness

"$build/harness/cli/harness" doctor
status=0
"$build/harness/cli/harness" run scenarios/default.jsonc "$@" || status=$?
echo "Open the report: reports/latest/report.html (exit status $status)"
exit "$status"
