#!/usr/bin/env bash
# Screenshots of the editor report for review: the seed articles and a 600-document WMT
# corpus (594 news documents of wmt_news_docs.dev plus 6 MT outputs, from ../shared/data),
# each at 1,400 and 800 px, and the corpus page under its print stylesheet at A4 width.
# Needs Debian's chromium. Writes PNGs to target/screens/ and the reports to target/screens/*/.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=target/screens
mkdir -p "$out"
calq=${CALQ:-target/debug/calq}
[ -x "$calq" ] || cargo build -q
shoot() { # page width height png
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$(mktemp -d)" --window-size="$2,$3" --screenshot="$4" "file://$PWD/$1" 2>/dev/null
}
"$calq" report "$shared"/seeds --out "$out/seeds" || true
python3 - "$shared" "$out/wmt600.jsonl" <<'PY'
import gzip, json, sys
shared, path = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in gzip.open(f"{shared}/data/mt-detect/wmt_news_docs.dev.jsonl.gz", "rt")]
mt = [json.loads(l) for l in gzip.open(f"{shared}/data/mt-detect/wmt_x2en_all_mt_outputs.dev.jsonl.gz", "rt")]
with open(path, "w") as f:
    for d in (docs + mt)[:600]:
        f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
PY
"$calq" report "$out/wmt600.jsonl" --out "$out/wmt600" || true
for w in 1400 800; do
  shoot "$out/seeds/index.html" "$w" 2400 "$out/seeds-$w.png"
  shoot "$out/wmt600/index.html" "$w" 1600 "$out/wmt600-$w.png"
done
sed 's/@media print/@media all/' "$out/wmt600/index.html" > "$out/wmt600/print.html"
shoot "$out/wmt600/print.html" 760 1100 "$out/wmt600-print.png"
ls -la "$out"/*.png
