#!/usr/bin/env bash
# CI for the Python package and the Spark job (.ci/run calls it): installs what they need,
# says what it installed, builds the abi3 wheel with maturin, and runs python/tests with
# pytest: the package against the command line on the fixtures and seeds, and
# examples/spark_audit.py in Spark local[2] against `calq audit --format jsonl`.
#
# Installs: a Java runtime from Debian's packages (default-jre-headless) unless `java` is
# already there; maturin, pyspark and pytest from PyPI into a virtualenv under target/.
# A dependency that cannot be installed skips what needs it, saying so loudly; nothing is
# skipped silently. Expects the debug binary from `cargo test` (target/debug/calq), or
# CALQ_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
installed=()
loud() { printf '\n!!!!!!!!!! %s\n\n' "$*" >&2; }

python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null; then
  loud "SKIPPED: no $python on this machine, so the Python package and Spark tests did not run"
  exit 0
fi

# Java for Spark.
spark_ok=1
if command -v java >/dev/null 2>&1; then
  echo "ci-python: java already present: $(java -version 2>&1 | head -1)"
else
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  if { $sudo apt-get update -qq && $sudo apt-get install -y -qq default-jre-headless >/dev/null; }; then
    installed+=("default-jre-headless (Debian): $(java -version 2>&1 | head -1)")
  else
    loud "SKIPPED: a Java runtime could not be installed (apt-get install default-jre-headless failed); the Spark test will not run"
    spark_ok=0
  fi
fi

venv=target/ci-venv
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
pip="$venv/bin/python -m pip"
$pip install -q --upgrade pip >/dev/null 2>&1 || true
if ! $pip install -q "maturin>=1.5,<2" pytest; then
  loud "SKIPPED: maturin and pytest could not be installed from PyPI; the Python package and Spark tests did not run"
  exit 0
fi
if [ "$spark_ok" = 1 ] && ! $pip install -q pyspark; then
  loud "SKIPPED: pyspark could not be installed from PyPI; the Spark test will not run"
  spark_ok=0
fi
installed+=("$($pip list 2>/dev/null | grep -iE '^(maturin|pyspark|pytest) ' | tr -s ' ' | paste -sd ',' -) (PyPI, in $venv)")

# The Rust side of the package passes the same lints as the rest (the workspace root does
# not lint it: pyo3 needs Python to build).
cargo clippy -p calq-python --all-targets --locked -- -D warnings

wheel_started=$(date +%s)
rm -rf target/wheels
"$venv/bin/maturin" build --release --locked -o target/wheels
wheel=$(ls target/wheels/calq-*-abi3-*.whl)
$pip install -q --force-reinstall "$wheel"
echo "ci-python: built and installed $wheel in $(( $(date +%s) - wheel_started )) s"

export CALQ_BIN=${CALQ_BIN:-target/debug/calq}
[ -x "$CALQ_BIN" ] || cargo build --locked --bin calq
if [ "$spark_ok" = 1 ]; then
  export CALQ_REQUIRE_SPARK=1
  "$venv/bin/python" -m pytest -q python/tests
else
  "$venv/bin/python" -m pytest -q python/tests --ignore=python/tests/test_spark.py
  loud "SKIPPED: python/tests/test_spark.py (see above for the dependency that could not be installed)"
fi
echo "ci-python: installed: ${installed[*]:-nothing new}"
echo "ci-python: Python package and Spark tests took $(( $(date +%s) - started )) s"
