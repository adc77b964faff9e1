#!/usr/bin/env python3
"""Benchmark: does glossary size slow calq down? Compares a 100-term and a 10,000-term
glossary on load time and on time per document over a corpus.

Usage: scripts/bench-glossary.py [CORPUS.jsonl] [RUNS]
  (defaults: target/corpus-10mb.jsonl, built by scripts/make-corpus.py; 5 runs)

The glossaries are synthetic (deterministic, seed 7): Slavic-looking person names and places
built from syllables, each with two listed variants in other romanisations, so the matcher and
the NM003 anchor index are as full as a real list of that size. Both runs use
--no-default-glossaries and the same rules; the median wall time of RUNS runs is reported.
Builds the release binary first.
"""
import os, random, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "corpus-10mb.jsonl")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
if not os.path.exists(corpus):
    print(f"skipped: {corpus} not found (run scripts/make-corpus.py first)", file=sys.stderr)
    sys.exit(0)

rng = random.Random(7)
ONSETS = ["b", "v", "g", "d", "z", "k", "l", "m", "n", "p", "r", "s", "t", "kh", "ts", "ch", "sh", "zh", "shch"]
VOWELS = ["a", "o", "u", "e", "i", "ya", "yu"]
ENDINGS = ["ov", "ev", "in", "sky", "enko", "uk", "ich", "yn", "ko", "iv"]
GERMAN = [("shch", "schtsch"), ("kh", "ch"), ("sh", "sch"), ("zh", "sch"), ("ch", "tsch"), ("ya", "ja"), ("yu", "ju"), ("v", "w"), ("ts", "z")]
FRENCH = [("shch", "chtch"), ("kh", "kh"), ("sh", "ch"), ("zh", "j"), ("ch", "tch"), ("u", "ou"), ("ya", "ia"), ("yu", "iou")]


def respell(word, table):
    out, i = "", 0
    while i < len(word):
        for a, b in table:
            if word.startswith(a, i):
                out += b
                i += len(a)
                break
        else:
            out += word[i]
            i += 1
    return out


def name():
    stem = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3)))
    return (stem + rng.choice(ENDINGS)).capitalize()


def glossary(n, path):
    seen, lines = set(), ['[glossary]\nname = "bench"\nlanguage = "en"\n']
    while len(seen) < n:
        canonical = name()
        variants = {respell(canonical.lower(), GERMAN).capitalize(), respell(canonical.lower(), FRENCH).capitalize()} - {canonical}
        keys = {canonical.lower(), *(v.lower() for v in variants)}
        if keys & seen:
            continue
        seen |= keys
        kind = rng.choice(["person", "place"])
        if kind == "person":
            canonical = f"{name()[:5]} {canonical}"
        vs = ", ".join(f'"{v}"' for v in sorted(variants))
        lines.append(f'[[term]]\ncanonical = "{canonical}"\nkind = "{kind}"\nvariants = [{vs}]\n')
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return path


subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
calq = os.path.join(root, "target", "release", "calq")
bench = os.path.join(root, "target", "bench")
os.makedirs(bench, exist_ok=True)
docs = sum(1 for _ in open(corpus, encoding="utf-8"))


def median_time(args, stdin=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([calq, *args], input=stdin, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


print(f"corpus: {corpus} ({docs} documents); median of {runs} runs")
print(f"{'terms':>6} {'load + 1 tiny doc':>18} {'corpus':>9} {'per document':>13}")
for n in (100, 10_000):
    g = glossary(n, os.path.join(bench, f"glossary-{n}.toml"))
    common = ["audit", "--no-default-glossaries", "--glossary", g, "--select", "NM", "--fail-on", "never", "-f", "jsonl"]
    load = median_time([*common, "-"], stdin=b"Kyiv.")
    whole = median_time([*common, corpus])
    print(f"{n:>6} {load * 1000:>15.1f} ms {whole:>7.2f} s {(whole - load) / docs * 1e6:>10.1f} µs")
