#!/usr/bin/env bash
# Compares the JSON output of two calq binaries on the seeds (../shared/seeds), the test
# fixtures (tests/fixtures) and the 10 MB corpus: a change meant to be output-identical
# (issue 17's "tokenise once") must print nothing here and exit 0.
#
# Usage: scripts/compare-outputs.sh BASELINE [CALQ]
#   BASELINE  a previous calq binary (e.g. a release build of main)
#   CALQ      the calq to check (default target/release/calq)
#   CORPUS    the JSONL (default target/corpus-10mb.jsonl; left out when absent)
#   ARGS      more options for both, split on spaces (e.g. "--glossary target/house.toml")
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
baseline="${1:?usage: scripts/compare-outputs.sh BASELINE [CALQ]}"
calq="${2:-$root/target/release/calq}"
corpus="${CORPUS:-$root/target/corpus-10mb.jsonl}"
read -r -a args <<<"${ARGS:-}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

inputs=()
[[ -d "$root/../shared/seeds" ]] && inputs+=("$root/../shared/seeds")
inputs+=("$root/tests/fixtures")
[[ -f "$corpus" ]] && inputs+=("$corpus")

status=0
for input in "${inputs[@]}"; do
    name="$(basename "$input")"
    # Exit codes 0 and 1 (findings) are both a finished audit; 2 is compared like the output.
    for side in old new; do
        bin="$baseline"
        [[ $side == new ]] && bin="$calq"
        code=0
        (cd "$root" && "$bin" audit -f jsonl --jobs 2 ${args[@]+"${args[@]}"} "$input") >"$out/$name.$side" 2>/dev/null || code=$?
        echo "exit $code" >>"$out/$name.$side"
    done
    if cmp -s "$out/$name.old" "$out/$name.new"; then
        echo "identical: $input ($(wc -l <"$out/$name.new") lines)"
    else
        echo "DIFFERENT: $input"
        diff "$out/$name.old" "$out/$name.new" | head -20
        status=1
    fi
done
exit $status
