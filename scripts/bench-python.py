#!/usr/bin/env python3
"""Figures for the Python package and the Spark job (run with the Python where calq, and for
`spark` pyspark, are installed; from the repository root).

  scripts/bench-python.py gil [CORPUS] [REPEAT]
      The GIL is released while auditing: the documents of CORPUS audited by one Python
      thread, then split between two threads at once; prints the median times and the
      speed-up (about 2 on 2 free cores if the GIL is released, about 1 if it is not).
  scripts/bench-python.py spark [CORPUS] [REPEAT]
      examples/spark_audit.py in local[2] against `calq audit --jobs 2 --format jsonl` on the
      same JSONL corpus: median wall times and the throughput ratio. The Spark time is the
      job (read, audit, write Parquet) in a running session; the session's start is printed
      apart. Also the CPU seconds each used (for Spark: the JVM and all its descendants, the
      Python workers among them, from /proc), which tell cost apart from waiting when the
      machine is busy.

CORPUS defaults to target/corpus-10mb.jsonl (python3 scripts/make-corpus.py); REPEAT to 3.
CALQ_BIN picks the binary (default target/release/calq).
"""
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def corpus_texts(path, limit_bytes=None):
    texts, size = [], 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                texts.append((str(r["id"]), r["text"]))
                size += len(r["text"].encode())
                if limit_bytes and size >= limit_bytes:
                    break
    return texts, size


def gil(corpus, repeat):
    import calq

    auditor = calq.Auditor()
    texts, size = corpus_texts(corpus, limit_bytes=2 << 20)

    def work(part):
        for ident, text in part:
            auditor.audit(text, id=ident)

    one, two = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        work(texts)
        one.append(time.perf_counter() - t)
        threads = [threading.Thread(target=work, args=(texts[i::2],)) for i in range(2)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        two.append(time.perf_counter() - t)
    a, b = statistics.median(one), statistics.median(two)
    # Independent of how busy the machine is: a pure-Python counter thread runs while the
    # main thread audits. With the GIL held during audits it would stall; released, it
    # keeps the pace it has next to an idle main thread.
    def counter_rate(busy):
        stop, count = threading.Event(), [0]

        def count_up():
            while not stop.is_set():
                count[0] += 1

        th = threading.Thread(target=count_up)
        t = time.perf_counter()
        th.start()
        if busy:
            work(texts[: len(texts) // 4])
        else:
            time.sleep(a / 4)
        stop.set()
        th.join()
        return count[0] / (time.perf_counter() - t)

    idle = statistics.median(counter_rate(False) for _ in range(repeat))
    busy = statistics.median(counter_rate(True) for _ in range(repeat))
    print(f"{len(texts)} documents, {size / 1e6:.1f} MB; median of {repeat}")
    print(f"a Python thread's pace while another audits, against while it sleeps: {busy / idle:.2f}")
    print(f"one thread:  {a:.2f} s ({size / 1e6 / a:.2f} MB/s)  runs {', '.join(f'{x:.2f}' for x in one)}")
    print(f"two threads: {b:.2f} s ({size / 1e6 / b:.2f} MB/s)  runs {', '.join(f'{x:.2f}' for x in two)}")
    print(f"speed-up of two threads over one: {a / b:.2f}")


def tree_cpu(root):
    """CPU seconds (user + system) used so far by process `root` and its descendants."""
    parents, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in cpu:
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += cpu[pid]
    return total


def spark(corpus, repeat):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spec = importlib.util.spec_from_file_location("spark_audit", os.path.join(ROOT, "examples", "spark_audit.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calq_bin = os.environ.get("CALQ_BIN", os.path.join(ROOT, "target", "release", "calq"))
    size = os.path.getsize(corpus)

    t = time.perf_counter()
    session = SparkSession.builder.master("local[2]").appName("calq bench").config("spark.ui.enabled", "false").getOrCreate()
    session.range(1).count()
    print(f"Spark session start: {time.perf_counter() - t:.1f} s (not counted below)")
    import resource

    jvm = session.sparkContext._gateway.proc.pid
    cli, job, cli_cpu, job_cpu = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            with open(os.devnull, "wb") as null:
                subprocess.run(
                    [calq_bin, "audit", "--jobs", "2", "--format", "jsonl", "--fail-on", "never", corpus],
                    stdout=null,
                    check=True,
                )
            cli.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cli_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            c = tree_cpu(jvm)
            t = time.perf_counter()
            module.audit(session, [corpus], os.path.join(tmp, f"out{i}"), output_format="parquet")
            job.append(time.perf_counter() - t)
            job_cpu.append(tree_cpu(jvm) - c)
        rows = session.read.parquet(os.path.join(tmp, "out0")).count()
    session.stop()
    a, b = statistics.median(cli), statistics.median(job)
    print(f"{corpus}: {size / 1e6:.1f} MB, {rows} rows; median of {repeat}")
    print(f"calq audit --jobs 2:      {a:.2f} s ({size / 1e6 / a:.2f} MB/s)  runs {', '.join(f'{x:.2f}' for x in cli)}")
    print(f"spark_audit.py local[2]:  {b:.2f} s ({size / 1e6 / b:.2f} MB/s)  runs {', '.join(f'{x:.2f}' for x in job)}")
    print(f"Spark throughput / CLI throughput: {a / b:.2f}")
    ca, cb = statistics.median(cli_cpu), statistics.median(job_cpu)
    print(f"CPU seconds: calq audit {ca:.2f}, Spark job {cb:.2f} (JVM and Python workers); CLI / Spark {ca / cb:.2f}")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "gil"
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "corpus-10mb.jsonl")
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    if not os.path.exists(corpus):
        sys.exit(f"no {corpus}: run python3 scripts/make-corpus.py first")
    {"gil": gil, "spark": spark}[what](corpus, repeat)


if __name__ == "__main__":
    main()
