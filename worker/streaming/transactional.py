"""Exactly-once processing: outputs and input offsets committed in one Kafka transaction.

``WORKER_PROCESSING_GUARANTEE=exactly_once`` runs this loop instead of the Faust agent. We tried
Faust's own ``processing_guarantee="exactly_once"`` first: under ``python -m bench.chaos`` (two
workers, kill -9s) it repeated 10% of the inputs to ``read_committed`` readers, so the loop is
built on the Kafka client (aiokafka) directly and is small enough to reason about:

1. fetch a batch of inputs (at most a few per pipeline process);
2. process them in the pipeline pool (in parallel, each under its time budget);
3. in one transaction: send every output in input order, then the batch's next offsets
   (``send_offsets_to_transaction``), and commit.

A crash anywhere before the commit leaves an open transaction that is aborted (its outputs never
reach ``read_committed`` readers) and offsets that were not moved, so the batch is processed again.
The transactional id is the group plus ``WORKER_INSTANCE_ID`` (or the host name), stable across
restarts, so a restarted worker fences its dead predecessor: the broker aborts that one's open
transaction as soon as the new one starts. A rebalance waits for the batch in hand (the revoke
listener takes the same lock), so a partition never moves in the middle of a transaction. On any
broker error the loop aborts, drops both clients and starts again from the committed offsets.

Faust still provides nothing here; ``/healthz`` and ``/metrics`` are served by a small aiohttp app.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import time

from aiohttp import web
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError, MessageSizeTooLargeError

from worker.contracts.messages import dumps
from worker.handling import Outcome, SourceRef, output_too_large_letter
from worker.streaming.config import Settings
from worker.streaming.health import BrokerProbe, health_report
from worker.streaming.kafka import client_options, topic_message_limit
from worker.streaming.metrics import WorkerMetrics
from worker.streaming.pool import PipelinePool
from worker.streaming.quietlog import quieten_repeated_failures

log = logging.getLogger(__name__)

INPUTS_PER_PROCESS_PER_BATCH = 4
RECONNECT_BACKOFF_SECONDS = (1.0, 2.0, 5.0, 10.0)


def transactional_id(settings: Settings) -> str:
    return f"{settings.group_id}-{settings.instance_id or socket.gethostname()}"


class _WaitForBatch(ConsumerRebalanceListener):
    """Partitions are handed over only between batches, never inside a transaction."""

    def __init__(self, batch_lock: asyncio.Lock):
        self.batch_lock = batch_lock

    async def on_partitions_revoked(self, revoked):
        async with self.batch_lock:
            pass

    async def on_partitions_assigned(self, assigned):
        log.info("assigned %s", sorted(f"{tp.topic}:{tp.partition}" for tp in assigned))


class ExactlyOnceLoop:
    def __init__(self, settings: Settings, pool: PipelinePool, metrics: WorkerMetrics):
        self.settings = settings
        self.pool = pool
        self.metrics = metrics
        self.batch_lock = asyncio.Lock()
        self.consumer: AIOKafkaConsumer | None = None
        self.producer: AIOKafkaProducer | None = None
        self.output_topics = {"clean": settings.topic_clean, "spam": settings.topic_spam, "dlq": settings.topic_dlq}

    def assignment(self) -> set:
        return self.consumer.assignment() if self.consumer else set()

    async def _connect(self) -> None:
        options = client_options(self.settings)
        limit = topic_message_limit(self.settings)
        self.producer = AIOKafkaProducer(
            transactional_id=transactional_id(self.settings), acks="all", max_request_size=limit, **options
        )
        await self.producer.start()
        self.consumer = AIOKafkaConsumer(
            group_id=self.settings.group_id,
            group_instance_id=self.settings.instance_id or None,
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            session_timeout_ms=int(self.settings.session_timeout_seconds * 1000),
            heartbeat_interval_ms=int(max(1.0, self.settings.session_timeout_seconds / 4) * 1000),
            max_partition_fetch_bytes=limit,
            fetch_max_bytes=max(limit, 52_428_800),
            **options,
        )
        self.consumer.subscribe([self.settings.topic_raw], listener=_WaitForBatch(self.batch_lock))
        await self.consumer.start()

    async def _disconnect(self) -> None:
        for client in (self.consumer, self.producer):
            if client is not None:
                try:
                    await client.stop()
                except Exception:  # noqa: BLE001 - closing a client of a dead broker may fail; we start anew
                    log.debug("closing a Kafka client failed", exc_info=True)
        self.consumer = self.producer = None

    async def run(self, stopping: asyncio.Event) -> None:
        failures = 0
        while not stopping.is_set():
            try:
                await self._connect()
                failures = 0
                while not stopping.is_set():
                    await self._one_batch()
            except (KafkaError, OSError) as error:
                delay = RECONNECT_BACKOFF_SECONDS[min(failures, len(RECONNECT_BACKOFF_SECONDS) - 1)]
                failures += 1
                log.warning("Kafka error (%s: %s); starting again from the committed offsets in %g s", type(error).__name__, error, delay)
                await self._disconnect()
                try:
                    await asyncio.wait_for(stopping.wait(), delay)
                except asyncio.TimeoutError:
                    pass
        await self._disconnect()

    async def _one_batch(self) -> None:
        batch_size = self.pool.size * INPUTS_PER_PROCESS_PER_BATCH
        fetched = await self.consumer.getmany(timeout_ms=500, max_records=batch_size)
        if not fetched:
            return
        async with self.batch_lock:
            assigned = self.consumer.assignment()
            records = [record for tp, batch in fetched.items() if tp in assigned for record in batch]
            if not records:
                return
            for record in records:
                self.metrics.messages_in.labels(topic=record.topic).inc()
            results = await asyncio.gather(
                *(self.pool.handle(r.value, r.key, SourceRef(r.topic, r.partition, r.offset)) for r in records)
            )
            next_offsets = {}
            async with self.producer.transaction():
                deliveries = []
                for record, (outcome, seconds) in zip(records, results):
                    self.metrics.processing_seconds.observe(seconds)
                    self.metrics.record_outcome(outcome)
                    deliveries += await self._send_outcome(record, outcome)
                    next_offsets[TopicPartition(record.topic, record.partition)] = record.offset + 1
                await self.producer.send_offsets_to_transaction(next_offsets, self.settings.group_id)
            # The commit returned: every output is in the log. Count them now.
            for topic, delivery in deliveries:
                await delivery
                self.metrics.messages_out.labels(topic=topic).inc()

    async def _send_outcome(self, record, outcome: Outcome) -> list:
        outputs = [(self.output_topics["clean"], key.encode("utf-8"), value) for key, value in outcome.articles]
        outputs += [(self.output_topics["spam"], key.encode("utf-8"), value) for key, value in outcome.spam_events]
        outputs += [(self.output_topics["dlq"], key, value) for key, value in outcome.dead_letters]
        deliveries, refused = [], []
        for topic, key, value in outputs:
            try:
                deliveries.append((topic, await self.producer.send(topic, value=dumps(value), key=key)))
            except MessageSizeTooLargeError as error:
                refused.append(f"{topic}: {error}")
        if refused:
            # Too large for the topic: it would be refused on every retry, so the input becomes a dead letter.
            source = SourceRef(record.topic, record.partition, record.offset)
            letter = output_too_large_letter(record.value, record.key, source, refused, self.settings.dlq_max_payload_bytes)
            self.metrics.dead_letters.labels(reason="output_too_large").inc()
            topic = self.output_topics["dlq"]
            deliveries.append((topic, await self.producer.send(topic, value=dumps(letter), key=record.key)))
        return deliveries


async def serve(settings: Settings) -> None:
    """``worker run`` in exactly-once mode: the loop, the pool, /healthz and /metrics, until SIGTERM."""
    logging.basicConfig(level=settings.log_level.upper(), format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")
    quieten_repeated_failures()
    metrics = WorkerMetrics.create()
    pool = PipelinePool(settings.concurrency, settings.max_processing_seconds, settings.handler)
    loop_ = ExactlyOnceLoop(settings, pool, metrics)
    broker = BrokerProbe(settings.bootstrap_servers)
    stopping = asyncio.Event()
    event_loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        event_loop.add_signal_handler(stop_signal, stopping.set)

    async def healthz(request):
        status, body = health_report(settings, broker, pool, loop_.assignment())
        return web.json_response(body, status=status)

    async def prometheus_metrics(request):
        return web.Response(body=metrics.exposition(), content_type="text/plain")

    web_app = web.Application()
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", prometheus_metrics)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.web_host, settings.web_port).start()

    async def probe_forever():
        while not stopping.is_set():
            await broker.probe()
            await asyncio.sleep(BrokerProbe.INTERVAL_SECONDS)

    started = time.monotonic()
    await pool.start()
    log.info("exactly-once worker ready in %.1f s: %d pipeline processes, transactional id %s", time.monotonic() - started, pool.size, transactional_id(settings))
    prober = asyncio.ensure_future(probe_forever())
    try:
        await loop_.run(stopping)
    finally:
        prober.cancel()
        await runner.cleanup()
        await pool.close()
