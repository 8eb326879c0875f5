"""Chaos run: two workers, kill -9s of workers and of the broker, then count what came out.

    python -m bench.chaos [--messages 50000] [--worker-kills 3] [--broker-kills 1]
                          [--guarantee at_least_once|exactly_once] [--seed 1]

It starts its own broker on loopback with the project's script (``scripts/kafka.sh``, its own port
and state directory, so a broker you run for the tests is left alone), produces N RawArticles (the
dev pages' texts and HTML, repeated with unique ids), and starts two ``worker run`` processes in one
group, each with a stable ``WORKER_INSTANCE_ID``. While they process it kills a worker with SIGKILL
``--worker-kills`` times at random moments (and restarts it at once), and the broker
``--broker-kills`` times (restarted after a few seconds). When the outputs stop growing it reads every
output topic (``read_committed`` in exactly-once mode) and prints: inputs, distinct ids out (articles +
quarantined pages + dead letters), lost, repeated, the time from each restart to the restarted
process's first output, and the total time. Exit status 1 on any loss, or on any repeat in
exactly-once mode.

The same code runs as a small integration test (``tests/integration/test_chaos.py``).
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from worker.devdata import raw_pages
from worker.streaming.harness import RunningWorker, consume, free_port, produce, start_worker

REPO = Path(__file__).resolve().parents[1]
KAFKA_SH = REPO / "scripts" / "kafka.sh"
BROKER_DOWN_SECONDS = 5.0
QUIET_SECONDS_BEFORE_COUNTING = 20.0  # outputs have stopped growing for this long: the run is over
MESSAGES_OUT = re.compile(rb'^newsworker_messages_out_total\{topic="[^"]+"\} ([0-9.e+]+)$', re.M)


@dataclass
class ChaosReport:
    inputs: int = 0
    distinct_out: int = 0
    lost: int = 0
    repeated: int = 0
    articles: int = 0
    quarantined: int = 0
    dead_letters: int = 0
    restarts: list[tuple[str, float | None]] = field(default_factory=list)  # (what, seconds to processing)
    total_seconds: float = 0.0
    guarantee: str = "at_least_once"

    def lines(self) -> list[str]:
        out = [
            f"guarantee:          {self.guarantee}",
            f"inputs:             {self.inputs}",
            f"distinct ids out:   {self.distinct_out} (articles {self.articles}, quarantined {self.quarantined}, dead letters {self.dead_letters})",
            f"lost:               {self.lost}",
            f"repeated:           {self.repeated} ({self.repeated / max(self.inputs, 1):.2%})",
        ]
        for what, seconds in self.restarts:
            shown = f"{seconds:.1f} s" if seconds is not None else "did not process again"
            out.append(f"restart of {what}: back to processing after {shown}")
        out.append(f"total time:         {self.total_seconds:.0f} s")
        return out

    def failed(self) -> bool:
        slow_or_dead = any(seconds is None for _, seconds in self.restarts)
        return self.lost > 0 or (self.guarantee == "exactly_once" and self.repeated > 0) or slow_or_dead


class Broker:
    """The project's broker script, on its own port and state directory."""

    def __init__(self, state_dir: Path, port: int):
        self.env = {**os.environ, "KAFKA_PORT": str(port), "KAFKA_CONTROLLER_PORT": str(port + 1), "KAFKA_STATE_DIR": str(state_dir)}
        self.pid_file = state_dir / "kafka.pid"
        self.bootstrap = f"127.0.0.1:{port}"

    def start(self) -> None:
        subprocess.run([str(KAFKA_SH), "start"], env=self.env, check=True, stdout=subprocess.DEVNULL, timeout=300)

    def kill(self) -> None:
        os.kill(int(self.pid_file.read_text().strip()), signal.SIGKILL)

    def stop(self) -> None:
        subprocess.run([str(KAFKA_SH), "reset"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def outputs_so_far(worker: RunningWorker) -> float:
    """The worker's acknowledged outputs, from its /metrics (0 when it does not answer)."""
    try:
        _, body = worker.get("/metrics")
    except OSError:
        return 0.0
    return sum(float(value) for value in MESSAGES_OUT.findall(body))


class Progress:
    """Outputs of all workers since the start, across restarts (a restarted worker counts from 0)."""

    def __init__(self, workers: dict[str, RunningWorker]):
        self.workers = workers
        self.banked = {name: 0.0 for name in workers}
        self.last = {name: 0.0 for name in workers}

    def total(self) -> float:
        for name, worker in self.workers.items():
            self.last[name] = max(self.last[name], outputs_so_far(worker))
        return sum(self.banked.values()) + sum(self.last.values())

    def bank(self, name: str) -> None:
        """Before a worker is killed: keep what it has done, count its next life from zero."""
        self.total()
        self.banked[name] += self.last[name]
        self.last[name] = 0.0

    def wait_for(self, outputs: float, stall_seconds: float = 120.0) -> None:
        last, changed = -1.0, time.monotonic()
        while (total := self.total()) < outputs and time.monotonic() - changed < stall_seconds:
            if total != last:
                last, changed = total, time.monotonic()
            time.sleep(0.3)


def seconds_until_processing(worker: RunningWorker, since: float, limit: float = 120.0) -> float | None:
    while time.monotonic() - since < limit:
        if worker.process.poll() is not None:
            return None
        if outputs_so_far(worker) > 0:
            return time.monotonic() - since
        time.sleep(0.2)
    return None


def documents(count: int) -> list[dict]:
    pages = [page for dataset in ("aeb", "zh") for kind in ("text", "html") for page in raw_pages(dataset, kind)]
    return [{**pages[i % len(pages)], "id": f"chaos-{i}"} for i in range(count)]


def count_outputs(received: dict, topics: dict[str, str], ids: set[str], report: ChaosReport) -> None:
    per_id: collections.Counter[str] = collections.Counter()
    articles = received[topics["clean"]]
    report.articles = len({value["article_id"] for _, value in articles})
    per_id.update(value["article_id"] for _, value in articles)
    quarantined = {value["article_id"] for _, value in received[topics["spam"]] if value["action"] == "quarantined"}
    report.quarantined = len(quarantined - {value["article_id"] for _, value in articles})
    per_id.update(quarantined - set(per_id))
    letters = [(key.decode("utf-8", "replace") if key else "", value) for key, value in received[topics["dlq"]]]
    report.dead_letters = len({key for key, _ in letters})
    per_id.update(key for key, _ in letters)
    seen = set(per_id) & ids
    report.distinct_out = len(seen)
    report.lost = len(ids - seen)
    report.repeated = sum(n - 1 for n in per_id.values() if n > 1)


def run_chaos(
    messages: int,
    worker_kills: int,
    broker_kills: int,
    guarantee: str = "at_least_once",
    seed: int = 1,
    concurrency: int = 1,
    log=print,
    keep_logs: Path | None = None,
) -> ChaosReport:
    rng = random.Random(seed)
    report = ChaosReport(inputs=messages, guarantee=guarantee)
    suffix = uuid.uuid4().hex[:8]
    topics = {name: f"chaos.{name}.{suffix}" for name in ("raw", "clean", "spam", "dlq")}
    with tempfile.TemporaryDirectory(prefix="newsworker-chaos-") as scratch_name:
        scratch = Path(scratch_name)
        broker = Broker(scratch / "kafka", free_port())
        broker.start()
        try:
            docs = documents(messages)
            ids = {doc["id"] for doc in docs}
            env = {
                "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
                "WORKER_TOPIC_RAW": topics["raw"],
                "WORKER_TOPIC_CLEAN": topics["clean"],
                "WORKER_TOPIC_SPAM": topics["spam"],
                "WORKER_TOPIC_DLQ": topics["dlq"],
                "WORKER_GROUP_ID": "chaos-" + suffix,
                "WORKER_TOPIC_PARTITIONS": "4",
                "WORKER_CONCURRENCY": str(concurrency),
                "WORKER_PROCESSING_GUARANTEE": guarantee,
                "WORKER_LOG_LEVEL": "warning",
                "WORKER_BROKER_WAIT_SECONDS": "120",
            }
            started = time.monotonic()
            names = ["a", "b"]
            web_ports = {name: free_port() for name in names}

            def launch(name: str, wait: bool) -> RunningWorker:
                worker_env = {**env, "WORKER_INSTANCE_ID": f"chaos-{name}", "WORKER_DATA_DIR": str(scratch / f"data-{name}")}
                return start_worker(worker_env, scratch / f"worker-{name}.log", ready_timeout=180, web_port=web_ports[name], wait=wait)

            workers = {"a": launch("a", True)}  # creates the topics
            workers["b"] = launch("b", True)
            produce(broker.bootstrap, topics["raw"], [(d["id"].encode(), orjson.dumps(d)) for d in docs])
            log(f"{time.monotonic() - started:6.1f} s  produced {messages} inputs to {topics['raw']}")

            # The faults come at random points of the run's progress (between 5% and 70% of the
            # inputs done), so each one hits a worker with work left to do.
            progress = Progress(workers)
            faults = ["worker"] * worker_kills + ["broker"] * broker_kills
            rng.shuffle(faults)
            points = sorted(rng.uniform(0.05, 0.7) for _ in faults)
            for fault, point in zip(faults, points):
                progress.wait_for(point * messages)
                if fault == "worker":
                    name = rng.choice(names)
                    progress.bank(name)
                    workers[name].process.kill()
                    workers[name].process.wait()
                    log(f"{time.monotonic() - started:6.1f} s  kill -9 worker {name} at {progress.total():.0f} outputs")
                    restarted_at = time.monotonic()
                    workers[name] = launch(name, False)
                    seconds = seconds_until_processing(workers[name], restarted_at)
                    report.restarts.append((f"worker {name}", seconds))
                    log(f"{time.monotonic() - started:6.1f} s  worker {name} restarted, processing after {seconds} s")
                else:
                    broker.kill()
                    log(f"{time.monotonic() - started:6.1f} s  kill -9 broker at {progress.total():.0f} outputs")
                    time.sleep(BROKER_DOWN_SECONDS)
                    broker.start()
                    back_at = time.monotonic()
                    before = progress.total()
                    seconds = None
                    while time.monotonic() - back_at < 180:
                        if progress.total() > before:
                            seconds = time.monotonic() - back_at
                            break
                        time.sleep(0.2)
                    report.restarts.append(("broker", seconds))
                    log(f"{time.monotonic() - started:6.1f} s  broker restarted, workers processing after {seconds} s")

            # Wait until the outputs stop growing, then read everything.
            last_total, last_change = -1.0, time.monotonic()
            while time.monotonic() - last_change < QUIET_SECONDS_BEFORE_COUNTING:
                total = sum(outputs_so_far(worker) for worker in workers.values())
                if total != last_total:
                    last_total, last_change = total, time.monotonic()
                time.sleep(1.0)
            report.total_seconds = last_change - started
            for worker in workers.values():
                worker.stop(timeout=90)
            isolation = "read_committed" if guarantee == "exactly_once" else "read_uncommitted"
            received = consume(broker.bootstrap, {topics[n]: 0 for n in ("clean", "spam", "dlq")}, timeout=60, settle=5.0, isolation_level=isolation)
            count_outputs(received, topics, ids, report)
        finally:
            for worker in locals().get("workers", {}).values():
                if worker.process.poll() is None:
                    worker.process.kill()
            if keep_logs:
                keep_logs.mkdir(parents=True, exist_ok=True)
                for path in scratch.glob("worker-*.log"):
                    shutil.copy(path, keep_logs / path.name)
            broker.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--worker-kills", type=int, default=3)
    parser.add_argument("--broker-kills", type=int, default=1)
    parser.add_argument("--guarantee", choices=("at_least_once", "exactly_once"), default="at_least_once")
    parser.add_argument("--concurrency", type=int, default=1, help="WORKER_CONCURRENCY of each worker")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-logs", type=Path, help="copy the workers' logs to this directory")
    args = parser.parse_args(argv)
    report = run_chaos(
        args.messages, args.worker_kills, args.broker_kills, args.guarantee, args.seed, args.concurrency, keep_logs=args.keep_logs
    )
    print("\n".join(report.lines()))
    return 1 if report.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
