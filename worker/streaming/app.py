"""The Faust app: one thin agent that decodes, calls the shared handler, and publishes.

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
import time

import faust
from aiokafka.errors import MessageSizeTooLargeError

from worker import __version__
from worker.contracts.messages import dumps
from worker.handling import HandlerSettings, Outcome, SourceRef, dead_letter, handle, utc_now
from worker.streaming.config import Settings
from worker.streaming.kafka import ssl_context, topic_message_limit
from worker.streaming.metrics import WorkerMetrics

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
    )
    handler_settings = HandlerSettings(
        max_message_bytes=settings.max_message_bytes,
        dlq_max_payload_bytes=settings.dlq_max_payload_bytes,
        pipeline=settings.pipeline,
    )
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
                letter = dead_letter(
                    message.value,
                    message.key,
                    "output_too_large",
                    "the broker refused an output as too large: " + "; ".join(refused),
                    SourceRef(message.topic, message.partition, message.offset),
                    utc_now(),
                    settings.dlq_max_payload_bytes,
                )
                metrics.dead_letters.labels(reason="output_too_large").inc()
                await (await dlq_topic.send(key=message.key, value=dumps(letter), force=True))
                metrics.messages_out.labels(topic=dlq_topic.get_topic_name()).inc()
            event.ack()
        except Exception:  # noqa: BLE001 - logged; the input stays uncommitted and is redelivered
            metrics.delivery_failures.inc()
            log.exception("outputs of %s:%s@%s not delivered; it will be reprocessed", message.topic, message.partition, message.offset)
        finally:
            in_flight.release()

    @app.agent(raw_topic, name="clean-articles")
    async def clean_articles(stream):
        # Acks are manual: an input counts as done (and its offset may be committed) only once
        # the broker has acknowledged all of its outputs, see settle().
        async for event in stream.noack().events():
            message = event.message
            metrics.messages_in.labels(topic=message.topic).inc()
            started = time.perf_counter()
            outcome = handle(
                message.value,
                message.key,
                settings=handler_settings,
                source=SourceRef(message.topic, message.partition, message.offset),
            )
            metrics.processing_seconds.observe(time.perf_counter() - started)
            metrics.record_outcome(outcome)
            await in_flight.acquire()
            deliveries, refused = await send_outputs(outcome)
            task = asyncio.ensure_future(settle(event, deliveries, refused))
            settling.add(task)
            task.add_done_callback(settling.discard)

    @app.page("/healthz")
    async def healthz(web, request):
        assignment = sorted(f"{tp.topic}:{tp.partition}" for tp in app.consumer.assignment()) if app.consumer else []
        return web.json({"status": "ok", "worker_version": __version__, "group_id": settings.group_id, "assignment": assignment})

    @app.page("/metrics")
    async def prometheus_metrics(web, request):
        return web.bytes(metrics.exposition(), content_type=METRICS_CONTENT_TYPE)

    return app
