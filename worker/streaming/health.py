"""What ``/healthz`` says, for both ways of running (the Faust agent and the exactly-once loop)."""

from __future__ import annotations

import asyncio
import logging
import time

from worker import __version__
from worker.streaming.config import Settings
from worker.streaming.pool import PipelinePool

log = logging.getLogger(__name__)


class BrokerProbe:
    """Whether any bootstrap broker accepts a TCP connection, checked every few seconds.

    The Kafka client retries on its own and does not say when it has given up on a broker, so the
    health endpoint asks the network directly: cheap, and true to what an operator wants to know.
    """

    INTERVAL_SECONDS = 2.0
    CONNECT_TIMEOUT_SECONDS = 1.5

    def __init__(self, bootstrap_servers: str):
        self.addresses = [server.strip().rsplit(":", 1) for server in bootstrap_servers.split(",") if server.strip()]
        self.reachable = True  # until a probe says otherwise
        self.unreachable_since: float | None = None

    async def _answers(self, host: str, port: str) -> bool:
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), self.CONNECT_TIMEOUT_SECONDS)
        except (OSError, asyncio.TimeoutError, ValueError):
            return False
        writer.close()
        return True

    async def probe(self) -> None:
        answers = await asyncio.gather(*(self._answers(host, port) for host, port in self.addresses))
        self.reachable = any(answers)
        if self.reachable:
            self.unreachable_since = None
        elif self.unreachable_since is None:
            self.unreachable_since = time.time()
            log.warning("no broker of %s answers", ",".join(":".join(a) for a in self.addresses))

    def report(self) -> dict:
        if self.reachable:
            return {"reachable": True}
        return {"reachable": False, "unreachable_for_seconds": round(time.time() - (self.unreachable_since or time.time()), 1)}


def health_report(settings: Settings, broker: BrokerProbe, pool: PipelinePool, assignment) -> tuple[int, dict]:
    """HTTP status and body: 200 while a broker answers, 503 (and for how long) while none does."""
    body = {
        "status": "ok" if broker.reachable else "broker_unreachable",
        "worker_version": __version__,
        "group_id": settings.group_id,
        "processing_guarantee": settings.processing_guarantee,
        "assignment": sorted(f"{tp.topic}:{tp.partition}" for tp in assignment),
        "broker": broker.report(),
        "pipeline_processes": pool.size,
        "timeouts": pool.timeouts,
        "crashes": pool.crashes,
    }
    return (200 if broker.reachable else 503), body
