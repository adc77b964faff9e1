#!/usr/bin/env bash
# The MT verdict's acceptance checks of issue 14 that are not unit tests, in one run:
# - LanguageTool's English examples that its authors mark correct (../shared/data/peer):
#   how many get each verdict (none may be `machine-translated`);
# - an empty file and a whitespace-only file (`no-text`);
# - the seeds (../shared/seeds): verdict, probability, source language, summary;
# - the 50 foreign articles of tests/fixtures/foreign (`not-english`, their language, UT002).
# Parts whose data is absent are skipped, saying so.
#
# Usage: scripts/mt-acceptance.sh [CALQ]   (default target/release/calq)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
calq="${1:-$root/target/release/calq}"
shared="$root/../shared"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

verdicts() {
    python3 -c '
import collections, json, sys
count = collections.Counter()
for line in sys.stdin:
    record = json.loads(line)
    if "mt" in record:
        count[record["mt"]["verdict"]] += 1
print(", ".join(f"{k} {v}" for k, v in sorted(count.items())))'
}

lt="$shared/data/peer/languagetool-en-examples.jsonl"
if [[ -f "$lt" ]]; then
    python3 -c '
import json, sys
n = 0
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        row = json.loads(line)
        if row.get("correct"):
            n += 1
            out.write(json.dumps({"id": f"lt-{n}", "text": row["text"]}) + "\n")
' "$lt" "$out/lt.jsonl"
    echo "LanguageTool correct examples ($(wc -l <"$out/lt.jsonl")): $("$calq" audit -f jsonl --fail-on never "$out/lt.jsonl" 2>/dev/null | verdicts)"
else
    echo "LanguageTool examples: skipped ($lt is absent)"
fi

: >"$out/empty.txt"
printf '  \n\t\r\n ' >"$out/whitespace.txt"
echo "empty and whitespace files: $("$calq" audit -f jsonl --fail-on never "$out/empty.txt" "$out/whitespace.txt" 2>/dev/null | verdicts)"

if [[ -d "$shared/seeds" ]]; then
    "$calq" audit -f jsonl --fail-on never "$shared"/seeds/*.txt 2>/dev/null | python3 -c '
import json, os, sys
for line in sys.stdin:
    r = json.loads(line)
    if "mt" not in r:
        continue
    m = r["mt"]
    name = os.path.basename(r.get("path") or "?")[:3]
    print("seed %s: %s p=%s from=%s: %s" % (name, m["verdict"], m["probability"], m["source_language"], m["summary"][:160]))'
else
    echo "seeds: skipped ($shared/seeds is absent)"
fi

"$calq" audit -f jsonl --fail-on never "$root"/tests/fixtures/foreign/*.txt 2>/dev/null | python3 -c '
import json, os, sys
n = ok = 0
wrong = []
for line in sys.stdin:
    r = json.loads(line)
    if "mt" not in r:
        continue
    n += 1
    expected = os.path.basename(r["path"]).split("-")[0]
    codes = {f["code"] for f in r.get("findings", [])}
    if r["mt"]["verdict"] == "not-english" and r["mt"]["language"] == expected and "UT002" in codes:
        ok += 1
    else:
        wrong.append(os.path.basename(r["path"]))
print(f"foreign articles: {ok} of {n} not-english with their language and UT002" + (f"; not: {wrong}" if wrong else ""))'
