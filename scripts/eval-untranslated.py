#!/usr/bin/env python3
"""Recall and precision of UT001 (untranslated-passage) on English originals with foreign
sentences injected, and its false positives on near misses (loanwords, slogans, names).

Usage: scripts/eval-untranslated.py [--binary PATH]

The German, French and Russian sentences and the English near misses in
scripts/untranslated-sentences.json were written for this test (no article text). Each English
original of ../shared/data/mt-detect/wmt_news_docs.dev.jsonl.gz gets two injections, each as
its own line, appended to a line, or quoted after "A witness said:" (deterministic, seed 7),
and one near miss on its own line. A finding that overlaps an injected sentence is a hit;
any other finding is a false positive. Skips with a message when the data folder is absent.
"""
import argparse, collections, gzip, json, os, random, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "..", "shared", "data", "mt-detect", "wmt_news_docs.dev.jsonl.gz")
ap = argparse.ArgumentParser()
ap.add_argument("--binary", default=os.path.join(root, "target", "release", "calq"))
args = ap.parse_args()
if not os.path.exists(data):
    print(f"skipped: {data} is not beside this checkout", file=sys.stderr)
    sys.exit(0)
if not os.path.exists(args.binary):
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)

random.seed(7)
sentences = json.load(open(os.path.join(root, "scripts", "untranslated-sentences.json")))
docs = []
with gzip.open(data, "rt", encoding="utf-8") as fh:
    for line in fh:
        r = json.loads(line)
        if r["label"] == "original":
            docs.append(r)

def inject(lines, k, line):
    out = list(lines)
    out.insert(k, line)
    return out

cases = []  # (id, text, (start, end) in bytes, mode, language)
pool = [(lang, s) for lang in ("de", "fr", "ru") for s in sentences[lang]]
for i, d in enumerate(docs):
    lines = d["text"].split("\n")
    for variant in range(2):
        lang, s = pool[(2 * i + variant) % len(pool)]
        mode = random.choice(["line", "inline", "quote"])
        k = random.randrange(1, max(2, len(lines)))
        ls, ins = list(lines), s
        if mode == "line":
            ls.insert(k, s)
        elif mode == "inline":
            ls[k - 1] += " " + s
        else:
            ins = s.rstrip(".")
            ls[k - 1] += f" A witness said: “{ins}”."
        text = "\n".join(ls)
        start = text.encode().index(ins.encode())
        cases.append((f"{d['id']}#{variant}", text, (start, start + len(ins.encode())), mode, lang))
    miss = sentences["miss"][i % len(sentences["miss"])]
    text = "\n".join(inject(lines, random.randrange(1, max(2, len(lines))), miss))
    start = text.encode().index(miss.encode())
    cases.append((f"{d['id']}#miss", text, (start, start + len(miss.encode())), "miss", "en"))

corpus = os.path.join(root, "target", "eval", "untranslated.jsonl")
os.makedirs(os.path.dirname(corpus), exist_ok=True)
with open(corpus, "w", encoding="utf-8") as out:
    for cid, text, *_ in cases:
        out.write(json.dumps({"id": cid, "text": text}, ensure_ascii=False) + "\n")
run = subprocess.run([args.binary, "audit", "-f", "jsonl", "--fail-on", "never", "--select", "UT",
                      corpus], capture_output=True, text=True, check=False)
if run.returncode != 0:
    sys.exit(f"calq failed: {run.stderr}")
found = {}
for line in run.stdout.splitlines():
    doc = json.loads(line)
    found[doc["id"]] = doc["findings"]

hits, misses = collections.Counter(), collections.Counter()
labels, wrong_label, false_pos, near_miss, notes = collections.Counter(), 0, 0, 0, []
for cid, text, (s, e), mode, lang in cases:
    overlapping = [f for f in found.get(cid, []) if f["start"] < e and f["end"] > s]
    false_pos += len(found.get(cid, [])) - len(overlapping)
    if mode == "miss":
        near_miss += bool(overlapping)
        if overlapping:
            notes.append(f"near miss flagged: {overlapping[0]['text'][:100]}")
    elif overlapping:
        hits[mode] += 1
        labels[lang] += 1
        got = overlapping[0]["message"].split(" in ", 1)[1].split(" left")[0]
        wrong_label += {"de": "German", "fr": "French", "ru": "Russian"}[lang] != got
    else:
        misses[mode] += 1
        notes.append(f"missed ({lang}, {mode}): {text.encode()[s:e].decode()[:100]}")
n = sum(hits.values()) + sum(misses.values())
print(f"{len(docs)} English originals; {n} injected sentences, {len(docs)} near misses")
print(f"recall {sum(hits.values()) / n:.3f} (" +
      ", ".join(f"{m} {hits[m]}/{hits[m] + misses[m]}" for m in ("line", "inline", "quote")) + ")")
print(f"language named wrongly: {wrong_label}")
print(f"false positives outside injected sentences: {false_pos}; near misses flagged: {near_miss}")
for note in notes:
    print("  " + note)
