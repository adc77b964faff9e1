"""examples/spark_audit.py in Spark local[2] writes, for a small corpus of JSONL, Parquet and
WARC inputs, the rows that `calq audit --format jsonl` gives on the same inputs.

Needs pyspark and a Java runtime. It skips only when pyspark cannot be imported, saying so; CI
(.ci/run) installs both and sets CALQ_REQUIRE_SPARK=1, which turns that skip into a failure.
"""
import glob
import gzip
import importlib.util
import json
import os
import sys

import pytest

from test_calq import ROOT, cli_jsonl, make_warc

try:
    import pyspark  # noqa: F401
except ImportError as e:  # pragma: no cover - depends on the machine
    if os.environ.get("CALQ_REQUIRE_SPARK") == "1":
        raise
    pytest.skip(f"SKIPPED LOUDLY: pyspark cannot be imported ({e}); the Spark test did not run", allow_module_level=True)


def spark_audit():
    spec = importlib.util.spec_from_file_location("spark_audit", os.path.join(ROOT, "examples", "spark_audit.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("calq spark test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def corpus(tmp_path):
    """The inputs: a JSONL corpus of the fixtures and seeds, a Parquet table of other
    documents with the same texts under other ids (and that table as JSONL, for the CLI), and
    a WARC crawl with a truncated record."""
    texts = []
    for folder in ["tests/fixtures", "../shared/seeds"]:
        for path in sorted(glob.glob(os.path.join(ROOT, folder, "**", "*.txt"), recursive=True)):
            with open(path, encoding="utf-8") as fh:
                texts.append((os.path.relpath(path, ROOT), fh.read()))
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps({"id": name, "text": t}) + "\n" for name, t in texts))
    twin = tmp_path / "table.jsonl"
    twin.write_text("".join(json.dumps({"id": f"pq-{name}", "text": t}) + "\n" for name, t in texts))
    mw = make_warc()
    records = []
    with open(os.path.join(ROOT, "tests/fixtures/article.html"), "rb") as fh:
        page = fh.read()
    for n in range(3):
        records += mw.crawl_records(f"https://news.example/{n}", page)
    cut = mw.record("response", "https://news.example/cut", "application/http; msgtype=response",
                    mw.http_response(b"<html><body><p>Cut short</p></body></html>"))[:-30]
    records.insert(4, cut)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join(gzip.compress(r) for r in records))
    return jsonl, twin, warc, [(f"pq-{name}", t) for name, t in texts]


def expected_rows(module, *paths):
    docs, errors = cli_jsonl(*paths)
    return [module.row(d) for d in docs] + [module.row({"error": e}) for e in errors]


def comparable(rows, drop_path=False):
    out = []
    for r in rows:
        r = dict(r)
        if r.get("findings") is not None:
            r["findings"] = json.loads(r["findings"])
        if drop_path:
            r.pop("path", None)
        out.append(r)
    return sorted(out, key=lambda r: (r["id"] or "", r["error"] or ""))


def test_spark_rows_equal_the_command_line(spark, tmp_path):
    module = spark_audit()
    jsonl, twin, warc, table = corpus(tmp_path)
    spark.createDataFrame(table, "id string, text string").write.parquet(str(tmp_path / "table.parquet"))

    # JSONL and WARC in, Parquet out.
    out = str(tmp_path / "out-parquet")
    module.audit(spark, [str(jsonl), str(warc)], out, output_format="parquet")
    got = [r.asDict() for r in spark.read.parquet(out).collect()]
    want = expected_rows(module, str(jsonl), str(warc))
    assert len(want) == len(table) + 4, "3 pages and a truncated record"
    assert any(r["error"] and "truncated" in r["error"] for r in want)
    assert comparable(got) == comparable(want)

    # Parquet in, JSONL out: the rows of the same documents read from JSONL by the CLI.
    out = str(tmp_path / "out-jsonl")
    module.audit(spark, [str(tmp_path / "table.parquet")], out, output_format="jsonl")
    got = []
    for part in sorted(glob.glob(os.path.join(out, "part-*"))):
        with open(part, encoding="utf-8") as fh:
            got += [json.loads(line) for line in fh if line.strip()]
    want = expected_rows(module, str(twin))
    assert len(got) == len(table)
    assert comparable(got, drop_path=True) == comparable(want, drop_path=True)
