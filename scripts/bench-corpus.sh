#!/usr/bin/env bash
# Throughput and peak memory of calq on the 10 MB JSONL corpus, side by side in one run with
# a previous calq binary and with typos (a misspelling-list lookup), as medians and ratios.
#
# Usage: scripts/bench-corpus.sh [REPEAT]            (default 5 runs of each, median reported)
#   CALQ      the calq to measure (default target/release/calq, built if missing)
#   BASELINE  a previous calq to compare with (optional; e.g. a release build of main)
#   EXTRA     one more calq to compare, e.g. a build with another allocator (optional)
#   CORPUS    the JSONL (default target/corpus-10mb.jsonl, made by scripts/make-corpus.py)
#
# One more row runs calq as two separate one-job processes on the two halves of the corpus
# at once: the two-thread ratio this machine allows, against which `--jobs 2` is read.
#
# Runs alternate between the binaries so that a machine whose load changes during the run
# slows them alike. Output is discarded; exit codes are ignored (findings exit 1).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
repeat="${1:-5}"
calq="${CALQ:-$root/target/release/calq}"
baseline="${BASELINE:-}"
extra="${EXTRA:-}"
corpus="${CORPUS:-$root/target/corpus-10mb.jsonl}"

[[ -x "$calq" ]] || (cd "$root" && cargo build --release --quiet)
[[ -f "$corpus" ]] || python3 "$root/scripts/make-corpus.py" 10 "$corpus"
bytes=$(wc -c <"$corpus")

# Wall seconds, CPU seconds (user + system) and peak resident kilobytes of one run. On a
# shared machine the CPU seconds move less with the load than the wall time does.
run() {
    /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-corpus.$$ "$@" >/dev/null 2>&1 || true
    tail -n 1 /tmp/bench-corpus.$$  # after "Command exited with non-zero status" if any
}

declare -A times cpus mems
names=()
add() {
    local name=$1
    shift
    names+=("$name")
    cmds["$name"]="$*"
}
declare -A cmds
for jobs in 1 2; do
    add "calq --jobs $jobs" "$calq" audit -f jsonl --jobs "$jobs" "$corpus"
    if [[ -n "$baseline" ]]; then
        add "baseline --jobs $jobs" "$baseline" audit -f jsonl --jobs "$jobs" "$corpus"
    fi
    if [[ -n "$extra" ]]; then
        add "extra --jobs $jobs" "$extra" audit -f jsonl --jobs "$jobs" "$corpus"
    fi
done
# The machine's own ceiling for two threads: two separate one-job processes, each on half of
# the corpus (whole lines, about equal bytes), side by side. They share nothing but the
# hardware, so what they lose against one process on the whole corpus is the machine's
# (shared caches and memory, a neighbour), not calq's threads.
halves="$(mktemp -d)"
trap 'rm -rf "$halves"' EXIT
# (.jsonl, or each half would be read as one document of text)
split -n l/2 --additional-suffix=.jsonl "$corpus" "$halves/half-"
printf '%q audit -f jsonl --jobs 1 %q >/dev/null &\n%q audit -f jsonl --jobs 1 %q >/dev/null\nwait\n' \
    "$calq" "$halves/half-aa.jsonl" "$calq" "$halves/half-ab.jsonl" >"$halves/both.sh"
add "2 processes --jobs 1, half each" bash "$halves/both.sh"
if command -v typos >/dev/null; then
    add "typos --threads 1" typos --threads 1 "$corpus"
else
    echo "typos is not installed (cargo install typos-cli); left out" >&2
fi

for ((i = 0; i < repeat; i++)); do
    for name in "${names[@]}"; do
        read -r t u s m < <(run ${cmds[$name]})
        times["$name"]+="$t "
        cpus["$name"]+="$(echo "$u + $s" | bc -l) "
        mems["$name"]+="$m "
    done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ref=$(echo "${times["calq --jobs 1"]}" | median)
ref_cpu=$(echo "${cpus["calq --jobs 1"]}" | median)
printf '%s: %.1f MB, %d runs each, medians\n\n' "$corpus" "$(echo "$bytes / 1048576" | bc -l)" "$repeat"
echo "| run | wall s | MB/s | vs calq --jobs 1 | CPU s | CPU vs calq --jobs 1 | peak RSS MB | all wall s |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for name in "${names[@]}"; do
    t=$(echo "${times[$name]}" | median)
    c=$(echo "${cpus[$name]}" | median)
    m=$(echo "${mems[$name]}" | median)
    printf '| %s | %.2f | %.2f | %.2fx | %.2f | %.2fx | %.0f | %s|\n' "$name" "$t" \
        "$(echo "$bytes / 1048576 / $t" | bc -l)" "$(echo "$ref / $t" | bc -l)" "$c" \
        "$(echo "$ref_cpu / $c" | bc -l)" "$(echo "$m / 1024" | bc -l)" "${times[$name]}"
done
rm -f /tmp/bench-corpus.$$
