#!/usr/bin/env bash
# What the MT verdict adds to `calq audit`, by calq's own timer, for calq binaries run side
# by side (alternating, so that a machine whose speed drifts slows them alike): medians of
# MT seconds and of the whole run, and MT / (whole run - MT), with its range.
#
# Usage: scripts/mt-cost.sh RUNS BIN [BIN ...]
#   CORPUS  the JSONL (default target/corpus-10mb.jsonl, made by scripts/make-corpus.py)
# The timer counts MT's own code only; what MT costs the rest of the run (shared caches, the
# heap) shows only end to end (README, "Cost of the MT verdict", session 16).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
[[ $# -ge 2 ]] || { echo "usage: scripts/mt-cost.sh RUNS BIN [BIN ...]" >&2; exit 2; }
runs=$1
shift
corpus="${CORPUS:-$root/target/corpus-10mb.jsonl}"
[[ -f "$corpus" ]] || python3 "$root/scripts/make-corpus.py" 10 "$corpus"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for ((i = 0; i < runs; i++)); do
    for bin in "$@"; do
        timings=$("$bin" audit --timings --jobs 1 -f jsonl "$corpus" 2>&1 >/dev/null || true)
        total=$(sed -n 's/.* in \([0-9.]*\) s with.*/\1/p' <<<"$timings")
        mt=$(awk '$1 == "MT" {print $2}' <<<"$timings")
        echo "$bin $mt $total" >>"$out"
    done
done
python3 - "$out" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    bin, mt, total = line.split()
    runs.setdefault(bin, []).append((float(mt), float(total)))
for bin, rs in runs.items():
    adds = [100 * m / (t - m) for m, t in rs]
    print(f"MT {statistics.median(m for m, _ in rs):.3f} s, whole run "
          f"{statistics.median(t for _, t in rs):.3f} s, MT adds {statistics.median(adds):.1f}% "
          f"({min(adds):.1f}-{max(adds):.1f})  {bin}")
PY
