"""End-to-end throughput of `worker run` on a real broker, against the bare pipeline in the same run.

    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 python -m bench.throughput [--pages N]

Produces N RawArticles (the AEB page texts, repeated with fresh ids) to fresh topics, starts one
worker process, and times from its first output to the last one; then times `process()` alone on
the same pages. The ratio says how much the Kafka round trips (consume, publish, wait for acks)
cost on top of the pipeline.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from pathlib import Path

import orjson

from worker.devdata import raw_pages
from worker.streaming.harness import consume, produce, start_worker
from worker.contracts.messages import raw_input_from_dict
from worker.pipeline import process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if not bootstrap:
        raise SystemExit("set KAFKA_BOOTSTRAP_SERVERS (scripts/kafka.sh start prints it)")

    pages = raw_pages("aeb", "text")
    documents = [{**pages[i % len(pages)], "id": f"page-{i}"} for i in range(args.pages)]
    suffix = uuid.uuid4().hex[:8]
    topics = {name: f"bench.{name}.{suffix}" for name in ("raw", "clean", "spam", "dlq")}
    produce(bootstrap, topics["raw"], [(d["id"].encode(), orjson.dumps(d)) for d in documents])

    with tempfile.TemporaryDirectory() as scratch:
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "WORKER_TOPIC_RAW": topics["raw"],
            "WORKER_TOPIC_CLEAN": topics["clean"],
            "WORKER_TOPIC_SPAM": topics["spam"],
            "WORKER_TOPIC_DLQ": topics["dlq"],
            "WORKER_GROUP_ID": "bench-" + suffix,
            "WORKER_DATA_DIR": str(Path(scratch) / "data"),
            "WORKER_LOG_LEVEL": "warning",
        }
        started = time.perf_counter()
        worker = start_worker(env, Path(scratch) / "worker.log", ready_timeout=120)
        ready = time.perf_counter()
        try:
            received = consume(bootstrap, {topics["clean"]: args.pages}, timeout=600, settle=0.5)
        finally:
            worker.stop()
        done = time.perf_counter()
    articles = len(received[topics["clean"]])

    inputs = [raw_input_from_dict(d) for d in documents]
    t0 = time.perf_counter()
    for raw in inputs:
        process(raw)
    pipeline_seconds = time.perf_counter() - t0

    streaming_rate = articles / (done - ready)
    pipeline_rate = len(inputs) / pipeline_seconds
    print(f"{args.pages} pages produced, {articles} articles consumed; worker start-up {ready - started:.1f} s")
    print(f"worker end to end:  {streaming_rate:7.0f} pages/s (consume, process, publish, wait for acks)")
    print(f"pipeline alone:     {pipeline_rate:7.0f} pages/s")
    print(f"streaming overhead: the worker runs at {streaming_rate / pipeline_rate:.0%} of the bare pipeline's rate")


if __name__ == "__main__":
    main()
