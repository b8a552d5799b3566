#!/usr/bin/env bash
# Static checks and the sanitizer build: clang-format, clang-tidy (warnings are errors), and the
# unit tests under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

echo "== clang-format"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror "${sources[@]}"

echo "== clang-tidy"
cmake -S . -B build-tidy -G Ninja -DHARNESS_TESTS=OFF -DHARNESS_WERROR=ON \
    -DHARNESS_CLANG_TIDY=ON >/dev/null
cmake --build build-tidy -j "$(nproc)"

echo "== ASAN + UBSAN unit tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHARNESS_SANITIZE=ON \
    -DHARNESS_WERROR=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -L unit --output-on-failure -j "$(nproc)"
