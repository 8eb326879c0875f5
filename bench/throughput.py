"""End-to-end throughput of `worker run` on a real broker, beside `worker clean` on the same file.

    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 python -m bench.throughput [--pages N]
        [--concurrency 1 2] [--workers 1 2] [--guarantee at_least_once]

Writes N RawArticles (the AEB and zh pages, text and HTML, repeated with fresh ids) to a file and
times `worker clean FILE` on it (one process, no Kafka; its start-up, measured on a one-line file, is
subtracted). Then, for each WORKER_CONCURRENCY and number of workers asked for, produces the same
inputs to fresh topics, starts the workers in one group, and times from the moment they all own
partitions to the last article read back. Everything is printed side by side in one run, so the
ratios hold on a busy machine even when the absolute figures do not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson

from worker.devdata import raw_pages
from worker.streaming.harness import consume, produce, start_worker

SETTLE_SECONDS = 0.5


def documents(count: int) -> list[dict]:
    pages = [page for dataset in ("aeb", "zh") for kind in ("text", "html") for page in raw_pages(dataset, kind)]
    return [{**pages[i % len(pages)], "id": f"page-{i}"} for i in range(count)]


def time_clean(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "worker", "clean", "--quiet", str(path)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def time_run(bootstrap: str, docs: list[dict], concurrency: int, workers: int, guarantee: str, scratch: Path) -> float:
    suffix = uuid.uuid4().hex[:8]
    topics = {name: f"bench.{name}.{suffix}" for name in ("raw", "clean", "spam", "dlq")}
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "WORKER_TOPIC_RAW": topics["raw"],
        "WORKER_TOPIC_CLEAN": topics["clean"],
        "WORKER_TOPIC_SPAM": topics["spam"],
        "WORKER_TOPIC_DLQ": topics["dlq"],
        "WORKER_GROUP_ID": "bench-" + suffix,
        "WORKER_TOPIC_PARTITIONS": "4",
        "WORKER_CONCURRENCY": str(concurrency),
        "WORKER_PROCESSING_GUARANTEE": guarantee,
        "WORKER_LOG_LEVEL": "warning",
    }
    running = []
    try:
        for number in range(workers):
            worker_env = {**env, "WORKER_DATA_DIR": str(scratch / f"data-{suffix}-{number}"), "WORKER_INSTANCE_ID": f"bench-{number}"}
            running.append(start_worker(worker_env, scratch / f"worker-{suffix}-{number}.log", ready_timeout=180))
        # Produced after every worker owns partitions, so no rebalance happens during the timing.
        produce(bootstrap, topics["raw"], [(d["id"].encode(), orjson.dumps(d)) for d in docs])
        started = time.perf_counter()
        isolation = "read_committed" if guarantee == "exactly_once" else "read_uncommitted"
        received = consume(bootstrap, {topics["clean"]: len(docs)}, timeout=1800, settle=SETTLE_SECONDS, isolation_level=isolation)
        seconds = time.perf_counter() - started - SETTLE_SECONDS
    finally:
        for worker in running:
            worker.stop()
    articles = len({value["article_id"] for _, value in received[topics["clean"]]})
    if articles < len(docs):
        print(f"  warning: {articles} of {len(docs)} articles came back", file=sys.stderr)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2], help="WORKER_CONCURRENCY values to try")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="workers in the group, for each value")
    parser.add_argument("--guarantee", choices=("at_least_once", "exactly_once"), default="at_least_once")
    args = parser.parse_args(argv)
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if not bootstrap:
        raise SystemExit("set KAFKA_BOOTSTRAP_SERVERS (scripts/kafka.sh start prints it)")

    docs = documents(args.pages)
    with tempfile.TemporaryDirectory(prefix="newsworker-throughput-") as scratch_name:
        scratch = Path(scratch_name)
        inputs, one = scratch / "inputs.jsonl", scratch / "one.jsonl"
        inputs.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
        one.write_bytes(orjson.dumps(docs[0]) + b"\n")
        clean_rate = len(docs) / max(time_clean(inputs) - time_clean(one), 1e-9)
        print(f"{len(docs)} pages (AEB and zh, text and HTML), {os.cpu_count()} CPUs, guarantee {args.guarantee}")
        print(f"worker clean (one process, no Kafka):          {clean_rate:7.1f} pages/s")
        for concurrency in args.concurrency:
            for workers in args.workers:
                rate = len(docs) / time_run(bootstrap, docs, concurrency, workers, args.guarantee, scratch)
                label = f"worker run, {workers} worker{'s' if workers > 1 else ''}, WORKER_CONCURRENCY={concurrency}:"
                print(f"{label:47s} {rate:7.1f} pages/s ({rate / clean_rate:.0%} of worker clean)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
