#!/usr/bin/env python3
"""Scratch hygiene check for calq glossary files (default: glossaries/names.toml).

Checks the rules the glossary format in DESIGN.md relies on, so a hand edit cannot
slip in a row that the Rust loader would reject or, worse, load with a silent clash:

  * [glossary] has name, language and policy;
  * every [[term]] has a canonical and a known kind, and only known keys;
  * person and place terms carry a `cyrillic` form written in Cyrillic;
  * every string is NFC and has no stray whitespace;
  * terms are sorted by canonical, case-insensitively, with no duplicate canonical;
  * no variant repeats its own canonical, another term's canonical, or a variant of
    another term (all compared case-insensitively);
  * a surname-only variant of one person is not the surname of another person;
  * `since` is a real YYYY-MM-DD date; each `keep` phrase contains one of the
    term's variants (otherwise it can never apply).

Usage: python3 scripts/check-names-glossary.py [FILE.toml ...] [--min N]
Exit status 0 when every file passes, 1 otherwise. Python 3.11+ (tomllib).
"""

import datetime
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

KINDS = {"person", "place", "org", "term"}
TERM_KEYS = {"canonical", "kind", "variants", "cyrillic", "note", "since", "keep"}
# Letters allowed in a `cyrillic` value besides Cyrillic ones: word separators and the
# Ukrainian apostrophe in its usual encodings (' U+2019 U+02BC).
CYRILLIC_EXTRA = set(" -'\u2019\u02bc")


def fold(text):
    return unicodedata.normalize("NFC", text).casefold()


def term_lines(source):
    """1-based line number of each `[[term]]` header, in file order."""
    return [n for n, line in enumerate(source.splitlines(), 1) if line.strip() == "[[term]]"]


def is_cyrillic(text):
    letters = [c for c in text if c not in CYRILLIC_EXTRA]
    return bool(letters) and all("CYRILLIC" in unicodedata.name(c, "") for c in letters)


def check_string(where, field, value, errors):
    if not isinstance(value, str):
        errors.append(f"{where}: {field} must be a string")
        return
    if not unicodedata.is_normalized("NFC", value):
        errors.append(f"{where}: {field} {value!r} is not NFC")
    if value != value.strip() or "  " in value or not value:
        errors.append(f"{where}: {field} {value!r} is empty or has stray whitespace")


def check_file(path, minimum):
    errors = []
    source = Path(path).read_text(encoding="utf-8")
    if not unicodedata.is_normalized("NFC", source):
        errors.append(f"{path}: file text is not NFC")
    try:
        doc = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        return [f"{path}: TOML parse error: {err}"], Counter()

    head = doc.get("glossary", {})
    for key in ("name", "language", "policy"):
        if not isinstance(head.get(key), str) or not head.get(key):
            errors.append(f"{path}: [glossary] lacks `{key}`")

    terms = doc.get("term", [])
    lines = term_lines(source)
    kinds = Counter()
    canon_owner = {}    # folded canonical -> index
    variant_owner = {}  # folded variant -> index
    surname_owner = {}  # folded surname of a person -> index

    def at(i):
        line = lines[i] if i < len(lines) else "?"
        name = terms[i].get("canonical", "?") if isinstance(terms[i], dict) else "?"
        return f"{path}:{line} ({name})"

    # Pass 1: per-term shape, canonicals and surnames.
    for i, term in enumerate(terms):
        where = at(i)
        unknown = set(term) - TERM_KEYS
        if unknown:
            errors.append(f"{where}: unknown key(s) {sorted(unknown)}")
        canonical = term.get("canonical")
        check_string(where, "canonical", canonical, errors)
        if not isinstance(canonical, str):
            continue
        kind = term.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
        kinds[kind] += 1
        key = fold(canonical)
        if key in canon_owner:
            errors.append(f"{where}: duplicate canonical (also {at(canon_owner[key])})")
        canon_owner.setdefault(key, i)
        if kind == "person":
            surname = fold(canonical.split()[-1])
            if surname in surname_owner:
                errors.append(f"{where}: surname shared with {at(surname_owner[surname])};"
                              " surname-alone matching would be ambiguous")
            surname_owner.setdefault(surname, i)
        cyr = term.get("cyrillic")
        if cyr is not None:
            check_string(where, "cyrillic", cyr, errors)
            if isinstance(cyr, str) and not is_cyrillic(cyr):
                errors.append(f"{where}: cyrillic {cyr!r} contains non-Cyrillic letters")
        elif kind in ("person", "place"):
            errors.append(f"{where}: {kind} lacks `cyrillic`")
        note = term.get("note")
        if note is None:
            errors.append(f"{where}: lacks `note`")
        else:
            check_string(where, "note", note, errors)
        since = term.get("since")
        if since is not None:
            if isinstance(since, datetime.date):
                pass  # a bare TOML date is fine too
            elif not (isinstance(since, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", since)):
                errors.append(f"{where}: since {since!r} is not YYYY-MM-DD")
            else:
                try:
                    datetime.date.fromisoformat(since)
                except ValueError:
                    errors.append(f"{where}: since {since!r} is not a real date")

    # Sort order.
    keys = [fold(t.get("canonical", "")) for t in terms]
    for i in range(1, len(keys)):
        if keys[i - 1] > keys[i]:
            errors.append(f"{at(i)}: out of order (sorts before {terms[i - 1].get('canonical')!r})")

    # Pass 2: variants and keep phrases.
    for i, term in enumerate(terms):
        where = at(i)
        variants = term.get("variants", [])
        if not isinstance(variants, list):
            errors.append(f"{where}: variants must be a list")
            continue
        own = fold(term.get("canonical", ""))
        seen = set()
        for v in variants:
            check_string(where, "variant", v, errors)
            if not isinstance(v, str):
                continue
            k = fold(v)
            if k == own:
                errors.append(f"{where}: variant {v!r} repeats the canonical")
            if k in seen:
                errors.append(f"{where}: variant {v!r} listed twice")
            seen.add(k)
            if k in canon_owner and canon_owner[k] != i:
                errors.append(f"{where}: variant {v!r} is the canonical of {at(canon_owner[k])}")
            if k in variant_owner and variant_owner[k] != i:
                errors.append(f"{where}: variant {v!r} is also a variant of {at(variant_owner[k])}")
            variant_owner.setdefault(k, i)
            if (term.get("kind") == "person" and " " not in v and k in surname_owner
                    and surname_owner[k] != i):
                errors.append(f"{where}: variant {v!r} is the surname of {at(surname_owner[k])}")
        keep = term.get("keep", [])
        if not isinstance(keep, list):
            errors.append(f"{where}: keep must be a list")
            continue
        for phrase in keep:
            check_string(where, "keep", phrase, errors)
            if isinstance(phrase, str) and not any(v in phrase for v in variants):
                errors.append(f"{where}: keep phrase {phrase!r} contains none of the variants")

    if len(terms) < minimum:
        errors.append(f"{path}: {len(terms)} terms, fewer than the required {minimum}")
    return errors, kinds


def main(argv):
    minimum = 170
    files = []
    args = iter(argv)
    for arg in args:
        if arg == "--min":
            minimum = int(next(args))
        else:
            files.append(arg)
    if not files:
        files = [str(Path(__file__).with_name("names.toml"))]
    failed = False
    for path in files:
        errors, kinds = check_file(path, minimum)
        total = sum(kinds.values())
        by_kind = ", ".join(f"{k}: {kinds[k]}" for k in sorted(kinds, key=str))
        for e in errors:
            print(e)
        status = "FAIL" if errors else "ok"
        print(f"{path}: {status} — {total} terms ({by_kind}); {len(errors)} problem(s)")
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
