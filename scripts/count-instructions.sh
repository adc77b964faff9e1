#!/usr/bin/env bash
# Instructions executed by calq binaries on the same 1 MB of the corpus, counted by
# callgrind: unlike wall or CPU time, the count does not move with the load of a shared
# machine, so two builds compare exactly (cache misses are not counted: confirm a change
# that moves memory rather than work with scripts/bench-corpus.sh).
#
# Usage: scripts/count-instructions.sh BIN [BIN ...]
#   SLICE   the JSONL to run on (default: the first 1.1 MB of target/corpus-10mb.jsonl)
#   TOP     also list this many functions by inclusive count, per binary (default 0)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
[[ $# -ge 1 ]] || { echo "usage: scripts/count-instructions.sh BIN [BIN ...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
corpus="$root/target/corpus-10mb.jsonl"
slice="${SLICE:-}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if [[ -z "$slice" ]]; then
    [[ -f "$corpus" ]] || python3 "$root/scripts/make-corpus.py" 10 "$corpus"
    slice="$out/slice.jsonl"
    # Whole lines only: the last, cut one is dropped.
    head -c 1100000 "$corpus" | head -n -1 >"$slice"
fi
echo "input: $slice ($(wc -l <"$slice") documents, $(wc -c <"$slice") bytes)"
for bin in "$@"; do
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
        "$bin" audit --jobs 1 -f jsonl "$slice" >/dev/null 2>"$out/cg.err" || true
    total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/cg.err")
    printf '%14s instructions  %s\n' "$total" "$bin"
    if [[ "${TOP:-0}" -gt 0 ]]; then
        callgrind_annotate --inclusive=yes "$out/cg.out" 2>/dev/null |
            grep -E '^ *[0-9,]+ \(' | grep 'calq::' | head -n "$TOP" | cut -c1-160 || true
    fi
done
