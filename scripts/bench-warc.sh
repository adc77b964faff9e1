#!/usr/bin/env bash
# WARC input against the same pages as .html files: throughput of `calq audit --format jsonl`
# on a folder of pages, the crawl as plain .warc, and as .warc.gz (one gzip member per
# record), runs interleaved so machine load hits each alike; prints each run, the medians and
# the ratios, of wall time and of CPU time (user + system, which machine load disturbs less
# than wall time). Then peak memory (max RSS) on a small and a large crawl, to show it does not
# grow with the file.
#
# Usage: scripts/bench-warc.sh [SIZE_MB] [REPEAT] [JOBS]   (defaults: 100, 3, 2)
# Writes target/warc-SIZEmb and target/warc-10mb with scripts/make-warc.py if missing.
# CALQ picks the binary (default target/release/calq, built if missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-100}"
repeat="${2:-3}"
jobs="${3:-2}"
calq="${CALQ:-$root/target/release/calq}"
[[ -x "$calq" ]] || (cd "$root" && cargo build --release --quiet)
big="$root/target/warc-${size}mb"
small="$root/target/warc-10mb"
[[ -f "$big/crawl.warc.gz" ]] || python3 "$root/scripts/make-warc.py" "$size" "$big"
[[ -f "$small/crawl.warc.gz" ]] || python3 "$root/scripts/make-warc.py" 10 "$small"

run() { # prints wall seconds, max RSS (KB) and CPU seconds of one audit
    /usr/bin/time -f "%e %M %U %S" -o /tmp/calq-bench-warc.$$ \
        "$calq" audit --format jsonl --fail-on never --jobs "$jobs" "$@" >/dev/null 2>/tmp/calq-bench-warc-err.$$ || true
    awk '{print $1, $2, $3 + $4}' /tmp/calq-bench-warc.$$
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A times cpus
inputs=("pages:$big/pages" "warc:$big/crawl.warc" "warc.gz:$big/crawl.warc.gz")
for i in $(seq "$repeat"); do
    for entry in "${inputs[@]}"; do
        name="${entry%%:*}"
        read -r secs rss cpu < <(run "${entry#*:}")
        echo "run $i $name: ${secs}s, CPU ${cpu}s, max RSS ${rss} KB"
        times[$name]+="$secs "
        cpus[$name]+="$cpu "
    done
done
mb=$(du -sb --apparent-size "$big/pages" | awk '{printf "%.1f", $1/1e6}')
echo
echo "HTML: $mb MB in $(ls "$big/pages" | wc -l) pages; jobs $jobs; median of $repeat"
base=$(echo "${times[pages]}" | tr ' ' '\n' | grep . | median)
cbase=$(echo "${cpus[pages]}" | tr ' ' '\n' | grep . | median)
for entry in "${inputs[@]}"; do
    name="${entry%%:*}"
    m=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | median)
    c=$(echo "${cpus[$name]}" | tr ' ' '\n' | grep . | median)
    awk -v n="$name" -v m="$m" -v b="$base" -v c="$c" -v cb="$cbase" -v mb="$mb" \
        'BEGIN {printf "%-8s %7.2f s  %6.2f MB/s of HTML  time vs pages %.3f   CPU %7.2f s, vs pages %.3f\n", n, m, mb/m, m/b, c, c/cb}'
done
echo
for f in "$small/crawl.warc.gz" "$big/crawl.warc.gz" "$small/crawl.warc" "$big/crawl.warc"; do
    read -r secs rss _ < <(run "$f")
    echo "peak memory: $(du -h --apparent-size "$f" | cut -f1) $(basename "$f"): max RSS ${rss} KB (${secs}s)"
done
rm -f /tmp/calq-bench-warc.$$ /tmp/calq-bench-warc-err.$$
