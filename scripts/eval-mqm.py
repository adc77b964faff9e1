#!/usr/bin/env python3
"""Recall of calq's phrasing rules per MQM error category, on the human error annotations of
../shared/data/mqm/ (WMT zh→en news and TED). An annotated error counts as found when a calq
finding of the selected families overlaps its span in the target. It is a figure to improve,
not to game: no rule may special-case these sentences.

Usage: scripts/eval-mqm.py [--select CODES] [--binary PATH] [--min-errors N]
  --select      families or codes (default QT,TY,GR,SP,CH,LC,UT)
  --min-errors  only list categories with at least N annotated errors (default 20)

Each distinct target text is audited once, as its own document. Findings that overlap no
annotated error are counted too (per rule), as a rough guide to what raters did not mark.
Skips with a message when the data folder is absent.
"""
import argparse, collections, gzip, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "..", "shared", "data", "mqm")
files = ["wmt23_zhen_news_mqm.jsonl.gz", "wmt21_zhen_ted_mqm.jsonl.gz"]

ap = argparse.ArgumentParser()
ap.add_argument("--select", default="QT,TY,GR,SP,CH,LC,UT")
ap.add_argument("--binary", default=os.path.join(root, "target", "release", "calq"))
ap.add_argument("--min-errors", type=int, default=20)
args = ap.parse_args()

if not all(os.path.exists(os.path.join(data, f)) for f in files):
    print(f"skipped: {data} is not beside this checkout", file=sys.stderr)
    sys.exit(0)
if not os.path.exists(args.binary):
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)

targets = {}          # target text -> doc id
errors = []           # (doc id, category, start byte, end byte)
for f in files:
    with gzip.open(os.path.join(data, f), "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            t = r["target"]
            doc = targets.setdefault(t, f"t{len(targets)}")
            for rating in r["ratings"]:
                for e in rating["errors"]:
                    if e["side"] != "target" or e["start"] is None:
                        continue
                    # MQM offsets are code points; calq's are UTF-8 bytes.
                    s = len(t[: e["start"]].encode("utf-8"))
                    end = len(t[: e["end"]].encode("utf-8"))
                    errors.append((doc, e["category"], s, end))

corpus = os.path.join(root, "target", "eval", "mqm-targets.jsonl")
os.makedirs(os.path.dirname(corpus), exist_ok=True)
with open(corpus, "w", encoding="utf-8") as out:
    for t, doc in targets.items():
        out.write(json.dumps({"id": doc, "text": t}, ensure_ascii=False) + "\n")

run = subprocess.run(
    [args.binary, "audit", "-f", "jsonl", "--fail-on", "never", "--no-default-glossaries",
     "--select", args.select, corpus],
    capture_output=True, text=True, check=False)
if run.returncode != 0:
    sys.exit(f"calq failed: {run.stderr}")
findings = collections.defaultdict(list)
for line in run.stdout.splitlines():
    d = json.loads(line)
    for f in d["findings"]:
        findings[d["id"]].append(f)

found, total = collections.Counter(), collections.Counter()
by_rule = collections.defaultdict(collections.Counter)
annotated = collections.defaultdict(list)
for doc, cat, s, e in errors:
    total[cat] += 1
    annotated[doc].append((s, e))
    hits = [f for f in findings[doc] if f["start"] < max(e, s + 1) and s < f["end"]]
    if hits:
        found[cat] += 1
        for f in {f["code"] for f in hits}:
            by_rule[cat][f] += 1

print(f"{len(targets)} target texts, {len(errors)} annotated target-side errors")
print(f"{'category':<45}{'errors':>8}{'found':>7}{'recall':>8}  rules")
for cat in sorted(total, key=lambda c: -total[c]):
    if total[cat] < args.min_errors:
        continue
    rules = ", ".join(f"{c} {n}" for c, n in by_rule[cat].most_common(4))
    print(f"{cat:<45}{total[cat]:>8}{found[cat]:>7}{found[cat] / total[cat]:>8.3f}  {rules}")

unmatched = collections.Counter()
all_findings = collections.Counter()
for doc, fs in findings.items():
    for f in fs:
        all_findings[f["code"]] += 1
        if not any(f["start"] < max(e, s + 1) and s < f["end"] for s, e in annotated[doc]):
            unmatched[f["code"]] += 1
print("\nfindings per rule (and how many overlap no annotated error):")
for code in sorted(all_findings):
    print(f"  {code}: {all_findings[code]} ({unmatched[code]} unannotated)")
