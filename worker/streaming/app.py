"""The Faust app: one thin agent that hands each input to the pipeline pool and publishes.

The pipeline runs in a pool of child processes (:mod:`worker.streaming.pool`), not on the event
loop: a slow page never stalls other partitions, heartbeats, ``/healthz`` or ``/metrics``, and
each input has a time budget past which it becomes a ``timeout`` dead letter. Several inputs are
processed at once (one per pool process), but each partition's outputs are published in input
order: an input waits for the previous input of its partition to hand its outputs to the producer.

Delivery is at-least-once: the agent acknowledges an input to Faust only after the broker has
acknowledged every one of its outputs (article, spam events, dead letter), and Faust commits an
offset only when every input up to it has been acknowledged. The agent does not wait for those
acknowledgements before taking the next input (that round trip would cap throughput), but keeps at
most MAX_INPUTS_IN_FLIGHT inputs waiting for them. A crash can therefore repeat outputs, never lose
them, and the deterministic article and event ids let consumers drop the repeats.

The app also serves ``/healthz`` and Prometheus ``/metrics`` on its web port.
"""

from __future__ import annotations

import asyncio
import logging

import faust
from aiokafka.errors import MessageSizeTooLargeError

from worker.contracts.messages import dumps
from worker.handling import Outcome, SourceRef, output_too_large_letter
from worker.streaming.config import Settings
from worker.streaming.health import BrokerProbe, health_report
from worker.streaming.kafka import ssl_context, topic_message_limit
from worker.streaming.metrics import WorkerMetrics
from worker.streaming.pool import PipelinePool
from worker.streaming.quietlog import quieten_repeated_failures

log = logging.getLogger(__name__)

# Inputs processed ahead of their outputs' acknowledgements (see settle() in create_app).
MAX_INPUTS_IN_FLIGHT = 500

# Prometheus text format; aiohttp refuses a charset inside content_type, and UTF-8 is the default.
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4"


def broker_credentials(settings: Settings):
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            ssl_context=ssl_context(settings),
            mechanism=settings.sasl_mechanism,
        )
    if settings.security_protocol == "SSL":
        return faust.SSLCredentials(ssl_context(settings))
    return None


def create_app(settings: Settings, metrics: WorkerMetrics | None = None) -> faust.App:
    metrics = metrics or WorkerMetrics.create()
    app = faust.App(
        settings.group_id,
        broker=[f"kafka://{server.strip()}" for server in settings.bootstrap_servers.split(",")],
        broker_credentials=broker_credentials(settings),
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        topic_allow_declare=False,  # topics are created by worker.streaming.kafka.ensure_topics
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_max_request_size=topic_message_limit(settings),
        datadir=settings.data_dir,
        web_enabled=True,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        web_in_thread=False,
        # Fast recovery: a killed member's partitions move after this timeout (Faust's default
        # is 60 s); with a stable instance id a restarted member takes its own back at once.
        broker_session_timeout=settings.session_timeout_seconds,
        broker_heartbeat_interval=max(1.0, settings.session_timeout_seconds / 4),
        consumer_group_instance_id=settings.instance_id or None,
    )
    pool = PipelinePool(settings.concurrency, settings.max_processing_seconds, settings.handler)
    app.pipeline_pool = pool
    raw_topic = app.topic(settings.topic_raw)
    clean_topic = app.topic(settings.topic_clean)
    spam_topic = app.topic(settings.topic_spam)
    dlq_topic = app.topic(settings.topic_dlq)

    # Inputs whose outputs are sent but not yet acknowledged by the broker. Bounded, so a slow
    # broker slows consumption down instead of filling memory.
    in_flight = asyncio.Semaphore(MAX_INPUTS_IN_FLIGHT)
    settling: set[asyncio.Task] = set()

    async def send_outputs(outcome: Outcome) -> tuple[list, list[str]]:
        """Start sending every output; return the pending deliveries and the outputs refused at once."""
        outputs = [(clean_topic, key.encode("utf-8"), value) for key, value in outcome.articles]
        outputs += [(spam_topic, key.encode("utf-8"), value) for key, value in outcome.spam_events]
        outputs += [(dlq_topic, key, value) for key, value in outcome.dead_letters]
        deliveries, refused = [], []
        for topic, key, value in outputs:
            try:
                deliveries.append((topic, await topic.send(key=key, value=dumps(value), force=True)))
            except MessageSizeTooLargeError as error:
                refused.append(f"{topic.get_topic_name()}: {error}")
        return deliveries, refused

    async def settle(event, deliveries: list, refused: list[str]) -> None:
        """Wait for the broker to acknowledge an input's outputs, then ack the input.

        An output too large for its topic would fail again on every redelivery, so it is replaced
        by a dead letter for its input (kind ``output_too_large``). Any other delivery failure
        leaves the input unacknowledged: its offset is never committed and it is processed again
        after a restart.
        """
        message = event.message
        try:
            for topic, delivery in deliveries:
                try:
                    await delivery
                except MessageSizeTooLargeError as error:
                    refused.append(f"{topic.get_topic_name()}: {error}")
                    continue
                metrics.messages_out.labels(topic=topic.get_topic_name()).inc()
            if refused:
                source = SourceRef(message.topic, message.partition, message.offset)
                letter = output_too_large_letter(message.value, message.key, source, refused, settings.dlq_max_payload_bytes)
                metrics.dead_letters.labels(reason="output_too_large").inc()
                await (await dlq_topic.send(key=message.key, value=dumps(letter), force=True))
                metrics.messages_out.labels(topic=dlq_topic.get_topic_name()).inc()
            event.ack()
        except Exception:  # noqa: BLE001 - logged; the input stays uncommitted and is redelivered
            metrics.delivery_failures.inc()
            log.exception("outputs of %s:%s@%s not delivered; it will be reprocessed", message.topic, message.partition, message.offset)
        finally:
            in_flight.release()

    broker = BrokerProbe(settings.bootstrap_servers)

    @app.task
    async def start_pipeline_pool():
        quieten_repeated_failures()  # Faust has set up its log handlers by now
        # The agent's inputs wait in pool.handle() until the processes are ready.
        await pool.start()
        log.info("pipeline pool ready: %d processes, %g s budget per input", pool.size, pool.budget_seconds)

    async def process_and_publish(event, previous_sent: asyncio.Future | None, sent: asyncio.Future) -> None:
        """Process one input in the pool, publish its outputs after the previous input's, settle it."""
        message = event.message
        try:
            outcome, seconds = await pool.handle(message.value, message.key, SourceRef(message.topic, message.partition, message.offset))
            metrics.processing_seconds.observe(seconds)
            metrics.record_outcome(outcome)
            if previous_sent is not None:
                await previous_sent
            deliveries, refused = await send_outputs(outcome)
        except Exception:  # noqa: BLE001 - logged; the input stays unacknowledged and is redelivered
            metrics.delivery_failures.inc()
            log.exception("input %s:%s@%s not published; it will be reprocessed", message.topic, message.partition, message.offset)
            in_flight.release()
            return
        finally:
            if not sent.done():
                sent.set_result(None)
        await settle(event, deliveries, refused)

    @app.agent(raw_topic, name="clean-articles")
    async def clean_articles(stream):
        # Acks are manual: an input counts as done (and its offset may be committed) only once
        # the broker has acknowledged all of its outputs, see settle().
        # Per partition, the future that completes when the latest input's outputs are sent: the
        # next input of that partition publishes after it (other partitions do not wait).
        previous_sent: dict[tuple[str, int], asyncio.Future] = {}
        async for event in stream.noack().events():
            message = event.message
            metrics.messages_in.labels(topic=message.topic).inc()
            await in_flight.acquire()
            sent = asyncio.get_running_loop().create_future()
            partition = (message.topic, message.partition)
            task = asyncio.ensure_future(process_and_publish(event, previous_sent.get(partition), sent))
            previous_sent[partition] = sent
            settling.add(task)
            task.add_done_callback(settling.discard)

    @app.timer(interval=BrokerProbe.INTERVAL_SECONDS)
    async def probe_broker():
        await broker.probe()

    @app.page("/healthz")
    async def healthz(web, request):
        assignment = app.consumer.assignment() if app.consumer else set()
        status, body = health_report(settings, broker, pool, assignment)
        return web.json(body, status=status)

    @app.page("/metrics")
    async def prometheus_metrics(web, request):
        return web.bytes(metrics.exposition(), content_type=METRICS_CONTENT_TYPE)

    return app
