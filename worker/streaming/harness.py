"""Drive a real worker against a real broker: start `worker run`, produce, consume.

Small synchronous helpers shared by the integration tests and the broker benchmarks
(``bench.throughput``, ``bench.chaos``); they live in the package so that neither imports the other.
Nothing in the worker itself uses them.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningWorker:
    process: subprocess.Popen
    web_port: int
    log_path: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.web_port}{path}"

    def get(self, path: str) -> tuple[int, bytes]:
        with urllib.request.urlopen(self.url(path), timeout=5) as response:
            return response.status, response.read()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")[-5000:]

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM, then wait for a clean exit; returns the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
                raise AssertionError(f"worker did not stop within {timeout}s of SIGTERM:\n{self.log()}")
        return self.process.returncode


def start_worker(
    env: dict[str, str], log_path: Path, ready_timeout: float = 90, web_port: int | None = None, wait: bool = True
) -> RunningWorker:
    """Start `worker run` in a subprocess and (with ``wait``) wait until its consumer owns partitions."""
    web_port = web_port or free_port()
    full_env = {**os.environ, **env, "WORKER_WEB_PORT": str(web_port), "WORKER_WEB_HOST": "127.0.0.1"}
    log_file = open(log_path, "ab")
    process = subprocess.Popen([sys.executable, "-m", "worker", "run"], env=full_env, stdout=log_file, stderr=subprocess.STDOUT)
    log_file.close()  # the child holds its own descriptor
    worker = RunningWorker(process, web_port, log_path)
    if not wait:
        return worker
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"worker exited early with {process.returncode}:\n{worker.log()}")
        try:
            status, body = worker.get("/healthz")
            if status == 200 and orjson.loads(body)["assignment"]:
                return worker
        except OSError:
            pass
        time.sleep(0.5)
    worker.stop()
    raise AssertionError(f"worker not ready within {ready_timeout}s:\n{worker.log()}")


def produce(bootstrap: str, topic: str, messages: list[tuple[bytes | None, bytes | None]]) -> None:
    """Send the messages in order and wait until the broker has acknowledged every one."""

    async def send_all():
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=8_000_000, linger_ms=5)
        await producer.start()
        try:
            pending = []
            for key, value in messages:
                pending.append(await producer.send(topic, value=value, key=key))
                if len(pending) >= 1000:
                    await asyncio.gather(*pending)
                    pending.clear()
            await asyncio.gather(*pending)
        finally:
            await producer.stop()

    asyncio.run(send_all())


def consume(
    bootstrap: str, expected: dict[str, int], timeout: float = 90, settle: float = 2.0, isolation_level: str = "read_uncommitted"
) -> dict[str, list[tuple[bytes | None, dict]]]:
    """Read the topics from the beginning until each has its expected count (then a short settle
    period without new records, to catch extras), or until the timeout. Values are decoded from JSON."""

    async def read():
        consumer = AIOKafkaConsumer(
            *expected,
            bootstrap_servers=bootstrap,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            group_id=None,
            isolation_level=isolation_level,
            max_partition_fetch_bytes=16_000_000,
        )
        await consumer.start()
        received: dict[str, list] = {topic: [] for topic in expected}
        try:
            deadline = time.monotonic() + timeout
            settle_until = None
            while time.monotonic() < deadline:
                batches = await consumer.getmany(timeout_ms=500)
                for tp, records in batches.items():
                    received[tp.topic].extend((r.key, orjson.loads(r.value)) for r in records)
                if all(len(received[t]) >= n for t, n in expected.items()):
                    # Settled once nothing new has come for `settle` seconds.
                    if batches or settle_until is None:
                        settle_until = time.monotonic() + settle
                    if time.monotonic() >= settle_until:
                        break
        finally:
            await consumer.stop()
        return received

    return asyncio.run(read())
