#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# fuzz/run.sh [TARGET...]  (what `scripts/test --fuzz` runs; docs/fuzzing.md)
#
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for
# FUZZ_SECONDS (default 60) from its seed corpus fuzz/corpus/TARGET/. New
# inputs go to build-fuzz/corpus/TARGET/, so the seeds in the repo stay as
# they are. Fails on the first crash, leak or broken invariant, and says
# where the input that caused it was saved.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps fuzz
# Its own build directory: the main build uses g++, and libFuzzer is clang's.
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLIMBER_FUZZ=ON -DLIMBER_TESTS=OFF -DLIMBER_WERROR=ON >/dev/null
cmake --build build-fuzz --target fuzzers

seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(protocol dispatch settings routine duration)
# File and line in sanitizer reports.
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
mkdir -p build-fuzz/crashes

for t in "${targets[@]}"; do
    mkdir -p "build-fuzz/corpus/$t"
    log="build-fuzz/fuzz-$t.log"
    echo "fuzz_$t: ${seconds}s from fuzz/corpus/$t"
    # -timeout: an input that runs for seconds is a hang, and a finding too.
    if ! "build-fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
        -artifact_prefix="build-fuzz/crashes/$t-" "build-fuzz/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz_$t failed (full log: $log); the input is in build-fuzz/crashes/, replay it with" >&2
        echo "  build-fuzz/fuzz/fuzz_$t build-fuzz/crashes/$t-..." >&2
        exit 1
    fi
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" || true
done
