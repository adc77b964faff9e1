#!/usr/bin/env bash
# A short run of every cargo-fuzz target under fuzz/ (FUZZ_SECONDS each, default 15), seeded
# with fuzz/corpus/<target>. A target that crashes fails the run and leaves the input under
# fuzz/artifacts/<target>/.
#
# This script fails (exit 1) when the fuzz targets do not build, when the build or a run
# overruns its time limit, or when a target crashes: CI must not pass having fuzzed nothing.
# The one case that exits 0 without fuzzing is a toolchain that cannot be installed here
# (cargo-fuzz fails to install for a reason other than a timeout); the last line then says so.
#
# The build is slimmed to fit a loaded 2-core CI machine: no AddressSanitizer (calq forbids
# `unsafe`, and the fuzz targets look for panics, hangs and broken invariants, which
# libFuzzer catches without it), 16 codegen units instead of 1, and line tables only for
# debug info. It is cached in CALQ_FUZZ_TARGET_DIR (default ~/.cache/calq/fuzz-target),
# outside the checkout, so a clean clone on the same machine rebuilds only calq itself.
#
#   scripts/fuzz-smoke.sh                 # every target, 15 s each
#   FUZZ_SECONDS=300 scripts/fuzz-smoke.sh audit
#   FUZZ_BUILD_TIMEOUT=3600 scripts/fuzz-smoke.sh   # build time limit in seconds (default 1800)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-15}"
build_timeout="${FUZZ_BUILD_TIMEOUT:-1800}"
target_dir="${CALQ_FUZZ_TARGET_DIR:-${HOME:-/tmp}/.cache/calq/fuzz-target}"
# cargo fuzz passes nightly-only flags (-Zsanitizer); this lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1
# Line tables only: enough for readable crash stacks, a fraction of the debug info to link.
export CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
build_flags=(--sanitizer none --codegen-units 16 --target-dir "$target_dir")

fail() {
  echo "fuzz-smoke: FAILED: $1" >&2
  echo "fuzz-smoke: FAILED: $1"
  exit 1
}
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz"
  timeout 900 cargo install cargo-fuzz --locked --quiet
  status=$?
  if [ $status -eq 124 ]; then
    fail "installing cargo-fuzz overran 900 s"
  elif [ $status -ne 0 ]; then
    echo "fuzz-smoke: SKIPPED: the cargo-fuzz toolchain could not be installed here (cargo install exit $status); nothing was fuzzed"
    exit 0
  fi
fi
cd fuzz
mkdir -p "$target_dir"
started=$(date +%s)
timeout "$build_timeout" cargo fuzz build "${build_flags[@]}" >build.log 2>&1
status=$?
if [ $status -ne 0 ]; then
  tail -20 build.log
  if [ $status -eq 124 ]; then
    fail "the fuzz build overran FUZZ_BUILD_TIMEOUT=${build_timeout}s (log: fuzz/build.log)"
  fi
  fail "the fuzz targets did not build (exit $status; log: fuzz/build.log)"
fi
echo "fuzz-smoke: built in $(($(date +%s) - started)) s"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
[ ${#targets[@]} -gt 0 ] || fail "cargo fuzz list found no targets"
mkdir -p target
failed=()
for t in "${targets[@]}"; do
  work="target/smoke-corpus/$t"
  mkdir -p "$work"
  echo "fuzz-smoke: $t for ${seconds}s"
  # libFuzzer stops itself after max_total_time; the outer timeout catches a hung start.
  timeout $((seconds + 300)) cargo fuzz run "${build_flags[@]}" "$t" "$work" "corpus/$t" -- \
    -max_total_time="$seconds" -seed=1 -print_final_stats=1 >"target/smoke-$t.log" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    tail -40 "target/smoke-$t.log"
    echo "fuzz-smoke: $t FAILED (exit $status); the input is under fuzz/artifacts/$t/" >&2
    failed+=("$t")
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "target/smoke-$t.log" | tail -1
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  fail "targets that crashed or hung: ${failed[*]}"
fi
echo "fuzz-smoke: passed: ${targets[*]}, ${seconds}s each, in $(($(date +%s) - started)) s"
