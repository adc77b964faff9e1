#!/usr/bin/env python3
"""Write a WARC crawl of HTML news pages, and the same pages as .html files, for throughput
and memory runs of `calq audit` on WARC input (scripts/bench-warc.sh).

Usage: scripts/make-warc.py [SIZE_MB] [OUT_DIR]   (defaults: 100, target/warc-100mb)

Pages are the WMT news documents of ../shared/data (as scripts/make-corpus.py reads them),
each wrapped in a page with navigation, a link list and a footer, until the HTML adds up to
SIZE_MB. Writes OUT_DIR/crawl.warc.gz (one gzip member per record, as crawlers write them:
warcinfo, then request, response and metadata per page), OUT_DIR/crawl.warc (the same,
uncompressed) and OUT_DIR/pages/NNNNNN.html. Skips with a message when the data is absent.

Also importable: `record()`, `http_response()` and `page()` write the records the Python tests
use.
"""
import gzip
import html
import json
import os
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def record(kind, uri, content_type, block, extra=()):
    """One WARC/1.1 record, bytes."""
    head = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
        "WARC-Date: 2024-05-01T12:00:00Z",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += list(extra)
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body, status="200 OK", content_type="text/html; charset=utf-8"):
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def page(title, text):
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<script>var analytics = {{"page": 1}};</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>{html.escape(title)}</h1>
{paras}</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets rally</a></li><li><a href="/b">Storm warning</a></li></ul></aside>
<footer>Copyright 2024 News Example. All rights reserved.</footer></body></html>
""".encode()


def crawl_records(uri, body):
    """What a crawler writes for one page: request, response, metadata."""
    request = f"GET {uri} HTTP/1.1\r\nHost: news.example\r\nUser-Agent: bench\r\n\r\n".encode()
    return [
        record("request", uri, "application/http; msgtype=request", request),
        record("response", uri, "application/http; msgtype=response", http_response(body)),
        record("metadata", uri, "application/warc-fields", b"fetchTimeMs: 120\r\n"),
    ]


def main():
    size_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 100
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", f"warc-{size_mb:g}mb")
    data = os.path.join(ROOT, "..", "shared", "data", "mt-detect")
    files = ["wmt_news_docs.dev.jsonl.gz", "wmt_x2en_all_mt_outputs.dev.jsonl.gz"]
    if not all(os.path.exists(os.path.join(data, f)) for f in files):
        print(f"skipped: {data} is not beside this checkout", file=sys.stderr)
        return
    docs = []
    for f in files:
        with gzip.open(os.path.join(data, f), "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                docs.append(r["text"])
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    limit, written, n = size_mb * 1024 * 1024, 0, 0
    with open(os.path.join(out, "crawl.warc.gz"), "wb") as gz, open(
        os.path.join(out, "crawl.warc"), "wb"
    ) as plain:
        info = record("warcinfo", None, "application/warc-fields", b"software: make-warc.py\r\n")
        gz.write(gzip.compress(info, 6))
        plain.write(info)
        while written < limit:
            text = docs[n % len(docs)]
            title = text.split("\n", 1)[0][:80]
            body = page(title, text)
            with open(os.path.join(out, "pages", f"{n:06}.html"), "wb") as fh:
                fh.write(body)
            for r in crawl_records(f"https://news.example/{n:06}", body):
                gz.write(gzip.compress(r, 6))
                plain.write(r)
            written += len(body)
            n += 1
    print(f"{out}: {n} pages, {written / 1e6:.1f} MB of HTML", file=sys.stderr)


if __name__ == "__main__":
    main()
