"""The Python package gives what the command line gives: for every seed article and test
fixture, `Auditor.audit` and `Auditor.audit_files` return the document objects of
`calq audit --format jsonl`, field for field.

Run from the repository root after `pip install .`:  python -m pytest python/tests
The command line used is $CALQ_BIN, else target/release/calq, else target/debug/calq.
"""
import gzip
import importlib.util
import json
import os
import subprocess
import threading

import pytest

import calq

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def calq_bin():
    for candidate in [
        os.environ.get("CALQ_BIN"),
        os.path.join(ROOT, "target", "release", "calq"),
        os.path.join(ROOT, "target", "debug", "calq"),
    ]:
        if candidate and os.path.exists(candidate):
            return candidate
    raise AssertionError("no calq binary: build it (cargo build --release) or set CALQ_BIN")


def cli_jsonl(*paths):
    """Document objects and error lines of `calq audit --format jsonl PATHS`, run from ROOT."""
    run = subprocess.run(
        [calq_bin(), "audit", "--format", "jsonl", "--fail-on", "never", *paths],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode in (0, 2), run.stderr.decode()
    docs = [json.loads(line) for line in run.stdout.decode().splitlines() if line.strip()]
    errors = [
        line[len("calq: error: ") :]
        for line in run.stderr.decode().splitlines()
        if line.startswith("calq: error: ")
    ]
    return docs, errors


def make_warc():
    spec = importlib.util.spec_from_file_location("make_warc", os.path.join(ROOT, "scripts", "make-warc.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture_files():
    files = []
    for folder in ["tests/fixtures", "../shared/seeds"]:
        full = os.path.join(ROOT, folder)
        if not os.path.isdir(full):
            continue
        for dirpath, dirnames, names in os.walk(full):
            dirnames.sort()
            for name in sorted(names):
                if name.endswith((".txt", ".html", ".htm", ".jsonl")):
                    files.append(os.path.relpath(os.path.join(dirpath, name), ROOT))
    return files


@pytest.fixture(scope="module")
def auditor():
    return calq.Auditor(cwd=ROOT)


def test_there_are_fixtures_and_seeds():
    files = fixture_files()
    assert any(f.startswith("tests/fixtures") for f in files)
    if not os.path.isdir(os.path.join(ROOT, "../shared/seeds")):
        pytest.skip("../shared/seeds is not beside this checkout")
    assert sum(f.startswith("../shared/seeds") for f in files) >= 5


@pytest.mark.parametrize("path", fixture_files())
def test_audit_equals_the_command_line(auditor, path):
    want, errors = cli_jsonl(path)
    assert not errors
    if path.endswith(".jsonl"):
        got = []
        with open(os.path.join(ROOT, path), encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    got.append(auditor.audit(record["text"], id=str(record["id"]), path=path))
    else:
        with open(os.path.join(ROOT, path), "rb") as fh:
            data = fh.read()
        kind = "html" if path.endswith((".html", ".htm")) else "text"
        got = [auditor.audit(data, kind=kind, path=path)]
    assert got == want
    assert list(auditor.audit_files([path])) == want


def test_audit_many_keeps_order_and_reports_bad_items(auditor):
    texts = [f"Talks in Kiev went on for {n} hours on Monday." for n in range(40)]
    items = [(str(n), t) for n, t in enumerate(texts)] + [{"text": b"\0\1binary", "id": "bin"}]
    got = list(auditor.audit_many(iter(items), jobs=2))
    assert [d.get("id") for d in got] == [str(n) for n in range(40)] + ["bin"]
    assert got[0] == auditor.audit(texts[0], id="0")
    assert "binary" in got[-1]["error"]
    with pytest.raises(TypeError):
        list(auditor.audit_many([42]))
    with pytest.raises(ValueError):
        auditor.audit("x", kind="pdf")


def test_warc_files_equal_the_command_line(auditor, tmp_path):
    mw = make_warc()
    records = [mw.record("warcinfo", None, "application/warc-fields", b"software: test\r\n")]
    for name in ["article.html"]:
        with open(os.path.join(ROOT, "tests/fixtures", name), "rb") as fh:
            records += mw.crawl_records(f"https://news.example/{name}", fh.read())
    with open(os.path.join(ROOT, "tests/fixtures/original.txt"), "rb") as fh:
        records.append(mw.record("resource", "file:///original.txt", "text/plain", fh.read()))
    cut = mw.record("response", "https://news.example/cut", "application/http; msgtype=response",
                    mw.http_response(b"<html><body><p>Cut short</p></body></html>"))[:-30]
    records.insert(2, cut)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    want, errors = cli_jsonl(str(path))
    assert [d["id"] for d in want] == ["https://news.example/article.html", "file:///original.txt"]
    assert len(errors) == 1 and "truncated" in errors[0]
    got = list(auditor.audit_files([str(path)]))
    assert [d for d in got if "error" not in d] == want
    assert [d["error"] for d in got if "error" in d] == errors


def test_threads_audit_at_the_same_time(auditor):
    # Whether the GIL is released is measured in scripts/bench-python.py; here, that two
    # threads auditing at once give the same results as one.
    texts = [f"The minister said on Monday that since {n} weeks the talks go on." for n in range(20)]
    alone = [auditor.audit(t) for t in texts]
    results = [None, None]

    def work(slot):
        results[slot] = [auditor.audit(t) for t in texts]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [alone, alone]
