#!/usr/bin/env bash
# A short run of every cargo-fuzz target under fuzz/ (FUZZ_SECONDS each, default 15), seeded
# with fuzz/corpus/<target>. Installs cargo-fuzz if it is missing; when it cannot be installed
# or the targets cannot be built here, says so and exits 0: the crash inputs kept under
# tests/fuzz-regressions/ still run in `cargo test` (tests/fuzz_regressions.rs).
# A target that crashes fails the run and leaves the input under fuzz/artifacts/<target>/.
#
#   scripts/fuzz-smoke.sh                 # every target, 15 s each
#   FUZZ_SECONDS=300 scripts/fuzz-smoke.sh audit
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-15}"
# cargo fuzz passes nightly-only flags (-Zsanitizer); this lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1

skip() {
  echo "fuzz-smoke: $1; skipping the fuzz smoke (regression inputs still run in cargo test)"
  exit 0
}
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz"
  timeout 300 cargo install cargo-fuzz --locked --quiet || skip "cargo-fuzz could not be installed"
fi
cd fuzz
timeout 600 cargo fuzz build >build.log 2>&1 || {
  tail -20 build.log
  skip "the fuzz targets could not be built"
}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
failed=0
for t in "${targets[@]}"; do
  work="target/smoke-corpus/$t"
  mkdir -p "$work"
  echo "fuzz-smoke: $t for ${seconds}s"
  if ! cargo fuzz run "$t" "$work" "corpus/$t" -- \
    -max_total_time="$seconds" -seed=1 -print_final_stats=1 >"target/smoke-$t.log" 2>&1; then
    tail -40 "target/smoke-$t.log"
    echo "fuzz-smoke: $t FAILED; the input is under fuzz/artifacts/$t/" >&2
    failed=1
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "target/smoke-$t.log" | tail -1
  fi
done
exit $failed
