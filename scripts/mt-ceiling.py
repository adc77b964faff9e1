#!/usr/bin/env python3
"""How far can a detector get on the WMT dev split? Two measurements behind README's
"MT detector" figures, both on ../shared/data/mt-detect (skipped when it is absent):

1. Standard text classifiers under the same grouped 5-fold cross-validation as
   `calq mt eval --cv 5` (folds by group_id, training on the first file's documents and the
   second file's MT outputs of the training groups, scoring the first file's documents):
   word 1-2-gram and character 1-4-gram TF-IDF logistic regressions and their rank
   average. Needs scikit-learn; skipped, saying so, without it.
2. How close each human translation is to the closest machine translation of the same
   source (mean per-segment similarity, difflib's ratio), against how close one MT output is
   to the closest other system's: a reference that is as close to some system as the
   systems are to each other reads as post-edited MT, and no monolingual detector can tell
   it from MT.

Usage: scripts/mt-ceiling.py [DATA_DIR]
"""

import difflib
import gzip
import hashlib
import json
import os
import re
import statistics
import sys
from collections import defaultdict

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "data", "mt-detect")
MAIN = os.path.join(DATA, "wmt_news_docs.dev.jsonl.gz")
EXT = os.path.join(DATA, "wmt_x2en_all_mt_outputs.dev.jsonl.gz")
FOLDS = 5


def load(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def normalise(text):
    """Quote and dash characters folded, as calq does before its style features."""
    text = re.sub("[\u201c\u201d\u201e\u00ab\u00bb\u201f\u2033]", '"', text)
    text = re.sub("[\u2018\u2019\u201a\u201b\u2032`]", "'", text)
    return re.sub("[\u2013\u2014\u2212]", "-", text)


def fold(group):
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def baselines(docs, ext):
    try:
        import numpy as np
        from scipy.stats import rankdata
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
    except ImportError:
        print("baselines: skipped (needs numpy, scipy and scikit-learn: pip install scikit-learn)")
        return
    labels = np.array([d["label"] for d in docs])
    mt, ht, orig = (labels == l for l in ("machine_translation", "human_translation", "original"))
    vectorisers = {
        "word 1-2-gram TF-IDF": lambda: TfidfVectorizer(
            sublinear_tf=True, lowercase=False, ngram_range=(1, 2),
            token_pattern=r"[\w']+|[^\w\s]", min_df=2),
        "char 1-4-gram TF-IDF": lambda: TfidfVectorizer(
            sublinear_tf=True, lowercase=False, analyzer="char", ngram_range=(1, 4),
            min_df=3, max_features=300_000),
    }
    scores = {}
    for name, make in vectorisers.items():
        s = np.zeros(len(docs))
        for f in range(FOLDS):
            train = [d for d in docs + ext if fold(d["group_id"]) != f]
            test = [i for i, d in enumerate(docs) if fold(d["group_id"]) == f]
            vec = make()
            x = vec.fit_transform([normalise(d["text"]) for d in train])
            y = [d["label"] == "machine_translation" for d in train]
            clf = LogisticRegression(C=10, max_iter=3000, class_weight="balanced").fit(x, y)
            s[test] = clf.decision_function(vec.transform([normalise(docs[i]["text"]) for i in test]))
        scores[name] = s
    scores["rank average of both"] = sum(rankdata(s) for s in scores.values())
    print(f"| classifier (grouped {FOLDS}-fold CV) | MT vs human translation | MT vs original |")
    print("|---|---:|---:|")
    for name, s in scores.items():
        auc = [roc_auc_score(mt[m], s[m]) for m in (mt | ht, mt | orig)]
        print(f"| {name} | {auc[0]:.3f} | {auc[1]:.3f} |")
    print()


def similarity(a, b):
    """Mean per-segment similarity of two segment-aligned versions, or None."""
    if len(a) != len(b) or not a:
        return None
    return statistics.fmean(difflib.SequenceMatcher(None, x, y).ratio() for x, y in zip(a, b))


def closest(segments, others):
    sims = [s for s in (similarity(segments, o["segments"]) for o in others) if s is not None]
    return max(sims) if sims else None


def post_editing(docs, ext):
    outputs = defaultdict(list)
    for d in ext:
        outputs[d["group_id"]].append(d)
    human, machine = defaultdict(list), defaultdict(list)
    for d in docs:
        if d["label"] != "human_translation":
            continue
        systems = outputs[d["group_id"]]
        h = closest(d["segments"], systems)
        if h is not None:
            human[d["source_lang"]].append(h)
        if len(systems) >= 2:
            m = closest(systems[0]["segments"], systems[1:])
            if m is not None:
                machine[d["source_lang"]].append(m)
    print("| source | human translations | HT: similarity to closest MT | share >= 0.85 |"
          " MT: similarity to closest other system |")
    print("|---|---:|---:|---:|---:|")
    for lang in sorted(human):
        h = human[lang]
        m = machine.get(lang) or [float("nan")]
        print(f"| {lang} | {len(h)} | {statistics.fmean(h):.3f} | "
              f"{sum(x >= 0.85 for x in h) / len(h):.3f} | {statistics.fmean(m):.3f} |")


def main():
    if not (os.path.exists(MAIN) and os.path.exists(EXT)):
        print(f"mt-ceiling: skipped: {MAIN} and {EXT} are needed (the data folder is absent)")
        return
    docs, ext = load(MAIN), load(EXT)
    baselines(docs, ext)
    post_editing(docs, ext)


if __name__ == "__main__":
    main()
