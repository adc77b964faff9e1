#!/usr/bin/env python3
"""Build a JSONL corpus of about SIZE megabytes from ../shared/data for throughput runs.

Usage: scripts/make-corpus.py [SIZE_MB] [OUT]   (defaults: 10, target/corpus-10mb.jsonl)

Reads the WMT news documents (originals, human and machine translations) and cycles through
them until the size is reached, giving each line a unique id. Skips with a message when the
data folder is absent. The corpus stays under target/ and is never committed.
"""
import gzip, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "..", "shared", "data", "mt-detect")
files = ["wmt_news_docs.dev.jsonl.gz", "wmt_x2en_all_mt_outputs.dev.jsonl.gz"]
size_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 10
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "target", f"corpus-{size_mb:g}mb.jsonl")

if not all(os.path.exists(os.path.join(data, f)) for f in files):
    print(f"skipped: {data} is not beside this checkout", file=sys.stderr)
    sys.exit(0)

docs = []
for f in files:
    with gzip.open(os.path.join(data, f), "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append({"id": r["id"], "text": r["text"], "label": r.get("label")})

os.makedirs(os.path.dirname(out), exist_ok=True)
limit, written, n = size_mb * 1024 * 1024, 0, 0
with open(out, "w", encoding="utf-8") as fh:
    while written < limit:
        d = docs[n % len(docs)]
        line = json.dumps({"id": f"{d['id']}#{n // len(docs)}", "text": d["text"], "label": d["label"]}, ensure_ascii=False) + "\n"
        fh.write(line)
        written += len(line.encode("utf-8"))
        n += 1
print(f"{out}: {n} documents, {written / 1048576:.1f} MB")
