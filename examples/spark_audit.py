#!/usr/bin/env python3
"""Audit a corpus larger than one machine with Spark: one calq Auditor per partition, one
output row per document.

    spark_audit.py INPUT... --out OUT [--output-format parquet|jsonl]
                   [--input-format auto|jsonl|parquet|warc] [--partitions N] [--master URL]

Inputs:
  jsonl    lines with `id` and `text` (as `calq audit` reads a JSONL corpus); split by lines
           across partitions.
  parquet  columns `id` and `text`, and optionally `kind` ("text" or "html").
  warc     .warc / .warc.gz crawl files, one task per file as Common Crawl's examples do; the
           paths must be readable by every executor (a shared file system).
  auto     by file ending (.jsonl, .parquet, .warc, .warc.gz; a folder of Parquet is parquet).

Each row: id (the document's id, else its path), path, language, verdict, probability,
source_language, findings (the document's findings as a JSON array), error (an input that
could not be read, else null). Verdict, probability and source language are read from the
document object calq writes (`mt.verdict`, `mt.probability`, `mt.source_language`), so they
follow calq's schema as it grows.

Run locally:  python3 examples/spark_audit.py corpus.jsonl --out audited --master 'local[2]'
"""
import argparse
import json
import os
import sys

ROW_FIELDS = ["id", "path", "language", "verdict", "probability", "source_language", "findings", "error"]


def row(doc):
    """One output row (a dict) from a calq document object or an error object."""
    if "error" in doc:
        return {
            "id": doc.get("id"),
            "path": doc.get("path"),
            "language": None,
            "verdict": None,
            "probability": None,
            "source_language": None,
            "findings": None,
            "error": doc["error"],
        }
    mt = doc.get("mt") or {}
    language = doc.get("language")
    if isinstance(language, dict):
        language = language.get("code")
    probability = mt.get("probability")
    return {
        "id": doc.get("id") if doc.get("id") is not None else doc.get("path"),
        "path": doc.get("path"),
        "language": language,
        "verdict": mt.get("verdict"),
        "probability": float(probability) if probability is not None else None,
        "source_language": mt.get("source_language"),
        "findings": json.dumps(doc.get("findings", []), ensure_ascii=False, separators=(",", ":")),
        "error": None,
    }


def kind_of(path):
    p = path.rstrip("/").lower()
    if p.endswith(".jsonl"):
        return "jsonl"
    if p.endswith((".warc", ".warc.gz")):
        return "warc"
    if p.endswith(".parquet") or os.path.isdir(path):
        return "parquet"
    raise SystemExit(f"spark_audit: cannot tell the format of {path}; give --input-format")


def audit_jsonl_lines(source):
    """A partition of (line, path) pairs of JSONL corpora: rows, as calq reads a corpus (blank
    lines skipped; a line that is no record is an error row, and the others go on)."""
    import calq

    auditor = calq.Auditor()
    errors = []

    def documents():
        for line, path in source:
            line = line.lstrip("\ufeff").strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except ValueError as e:
                errors.append(row({"error": f"{path}: not a JSON object: {e}", "path": path}))
                continue
            ident = record.get("id") if isinstance(record, dict) else None
            if isinstance(ident, bool) or not isinstance(ident, (str, int, float)) or not isinstance(record.get("text"), str):
                errors.append(row({"error": f"{path}: each line is a JSON object with an `id` and a `text` string", "path": path}))
                continue
            yield {"text": record["text"], "id": str(ident), "path": path}

    for doc in auditor.audit_many(documents(), jobs=1):
        yield from errors
        errors.clear()
        yield row(doc)
    yield from errors


def audit_table_rows(source):
    """A partition of Parquet rows (id, text, kind?): rows."""
    import calq

    auditor = calq.Auditor()
    docs = (
        {"id": None if r["id"] is None else str(r["id"]), "text": r["text"] or "", "kind": r["kind"] or "text", "path": r["path"]}
        for r in source
    )
    for doc in auditor.audit_many(docs, jobs=1):
        yield row(doc)


def audit_warc_files(paths):
    """A partition of WARC paths: rows, each file read by calq itself."""
    import calq

    auditor = calq.Auditor()
    for path in paths:
        for doc in auditor.audit_files([path], jobs=1):
            yield row(doc)


def audit(spark, inputs, out, output_format="parquet", input_format="auto", partitions=0):
    """Audits `inputs` on `spark` and writes the rows to `out` (replacing it)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    sc = spark.sparkContext
    partitions = partitions or 2 * sc.defaultParallelism
    kinds = {}
    for path in inputs:
        kinds.setdefault(kind_of(path) if input_format == "auto" else input_format, []).append(path)

    rdds = []
    for path in kinds.get("jsonl", []):
        lines = sc.textFile(path, minPartitions=partitions)
        rdds.append(lines.map(lambda line, p=path: (line, p)).mapPartitions(audit_jsonl_lines))
    if kinds.get("parquet"):
        df = spark.read.parquet(*kinds["parquet"])
        kind = F.col("kind") if "kind" in df.columns else F.lit("text")
        df = df.select(F.col("id").cast("string"), "text", kind.alias("kind"), F.input_file_name().alias("path"))
        if df.rdd.getNumPartitions() < partitions:
            df = df.repartition(partitions)
        rdds.append(df.rdd.mapPartitions(audit_table_rows))
    if kinds.get("warc"):
        files = kinds["warc"]
        rdds.append(sc.parallelize(files, len(files)).mapPartitions(audit_warc_files))

    schema = StructType(
        [StructField(name, DoubleType() if name == "probability" else StringType()) for name in ROW_FIELDS]
    )
    rows = sc.union(rdds) if len(rdds) > 1 else rdds[0]
    table = spark.createDataFrame(rows.map(lambda r: tuple(r[f] for f in ROW_FIELDS)), schema)
    writer = table.write.mode("overwrite")
    if output_format == "parquet":
        writer.parquet(out)
    else:
        writer.json(out, ignoreNullFields=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--output-format", choices=["parquet", "jsonl"], default="parquet")
    parser.add_argument("--input-format", choices=["auto", "jsonl", "parquet", "warc"], default="auto")
    parser.add_argument("--partitions", type=int, default=0, help="at least this many partitions (default: 2 per core)")
    parser.add_argument("--master", default=None, help="Spark master; default: spark-submit's, else local[*]")
    args = parser.parse_args(argv)

    # Local runs: the workers use this interpreter, where calq is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("calq audit")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        audit(spark, args.inputs, args.out, args.output_format, args.input_format, args.partitions)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
