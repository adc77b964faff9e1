#!/usr/bin/env python3
"""Findings per 1,000 words on English originals: the false-positive check of the phrasing
rules. Every finding on an English original (a news article written in English) is counted
against its rule; the examples it prints are for checking by hand which are real errors.

Usage: scripts/eval-phrasing.py [--select CODES] [--examples N] [--binary PATH]
  --select   rule codes or prefixes, as for `calq audit --select` (default: every family
             but names, i.e. QT,TY,GR,SP,CH,LC,UT)
  --examples how many findings to print per rule, with context (default 5)
  --binary   the calq binary (default target/release/calq, built if missing)
  --data     a JSONL(.gz) of labelled documents (default: the mt-detect dev set); only
             `label == original` documents are read
  --glossaries  use the shipped glossaries (for NM: false links on English originals)

Reads ../shared/data/mt-detect/wmt_news_docs.dev.jsonl.gz (label == original); skips with a
message when the data folder is absent.
"""
import argparse, collections, gzip, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "..", "shared", "data", "mt-detect", "wmt_news_docs.dev.jsonl.gz")

ap = argparse.ArgumentParser()
ap.add_argument("--select", default="QT,TY,GR,SP,CH,LC,UT")
ap.add_argument("--examples", type=int, default=5)
ap.add_argument("--binary", default=os.path.join(root, "target", "release", "calq"))
ap.add_argument("--data", default=data)
ap.add_argument("--glossaries", action="store_true")
args = ap.parse_args()
data = args.data

if not os.path.exists(data):
    print(f"skipped: {data} is not beside this checkout", file=sys.stderr)
    sys.exit(0)
if not os.path.exists(args.binary):
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)

texts, words = {}, 0
corpus = os.path.join(root, "target", "eval", "originals.jsonl")
os.makedirs(os.path.dirname(corpus), exist_ok=True)
with gzip.open(data, "rt", encoding="utf-8") as fh, open(corpus, "w", encoding="utf-8") as out:
    for line in fh:
        r = json.loads(line)
        if r["label"] != "original":
            continue
        texts[r["id"]] = r["text"]
        words += len(r["text"].split())
        out.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")

run = subprocess.run(
    [args.binary, "audit", "-f", "jsonl", "--fail-on", "never"]
    + ([] if args.glossaries else ["--no-default-glossaries"])
    + ["--select", args.select, corpus],
    capture_output=True, text=True, check=False)
if run.returncode != 0:
    sys.exit(f"calq failed: {run.stderr}")

by_rule = collections.defaultdict(list)
for line in run.stdout.splitlines():
    doc = json.loads(line)
    for f in doc["findings"]:
        by_rule[f["code"]].append((doc["id"], f))

print(f"{len(texts)} English originals, {words} words; findings per 1,000 words (warning+error)")
print(f"{'rule':<8}{'error':>7}{'warning':>9}{'info':>6}{'w+e /1000w':>12}")
total = 0
for code in sorted(by_rule):
    sev = collections.Counter(f["severity"] for _, f in by_rule[code])
    we = sev["error"] + sev["warning"]
    total += we
    print(f"{code:<8}{sev['error']:>7}{sev['warning']:>9}{sev['info']:>6}{we * 1000 / words:>12.2f}")
print(f"{'all':<8}{'':>22}{total * 1000 / words:>12.2f}")

for code in sorted(by_rule):
    print(f"\n== {code}: first {args.examples} of {len(by_rule[code])}")
    for doc_id, f in by_rule[code][: args.examples]:
        text = texts[doc_id].encode("utf-8")
        s, e = f["start"], f["end"]
        ctx = text[max(0, s - 60):min(len(text), e + 60)].decode("utf-8", "replace").replace("\n", " ⏎ ")
        print(f"  [{f['severity']}] {doc_id} {f['line']}:{f['column']} {f['message']}\n      …{ctx}…")
