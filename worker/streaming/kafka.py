"""Kafka plumbing shared by the Faust app and the CLI: security settings and topic creation."""

from __future__ import annotations

import logging
import ssl

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context

from worker.streaming.config import Settings

log = logging.getLogger(__name__)


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if settings.security_protocol not in {"SSL", "SASL_SSL"}:
        return None
    return create_ssl_context(
        cafile=settings.ssl_cafile or None,
        certfile=settings.ssl_certfile or None,
        keyfile=settings.ssl_keyfile or None,
    )


def client_options(settings: Settings) -> dict:
    """Keyword arguments for aiokafka clients (producer, admin) with the configured security."""
    options: dict = {
        "bootstrap_servers": settings.bootstrap_servers.split(","),
        "security_protocol": settings.security_protocol,
    }
    context = ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.security_protocol.startswith("SASL"):
        options.update(
            sasl_mechanism=settings.sasl_mechanism,
            sasl_plain_username=settings.sasl_username,
            sasl_plain_password=settings.sasl_password,
        )
    return options


def topic_message_limit(settings: Settings) -> int:
    """Per-topic message size limit of the topics the worker creates (brokers default to ~1 MB).

    Inputs may reach WORKER_MAX_MESSAGE_BYTES and an article carries its text about twice (the
    paragraphs and their sentences), so the created topics accept 4x the input limit.
    """
    return 4 * settings.max_message_bytes + 1_048_576


async def ensure_topics(settings: Settings) -> list[str]:
    """Create the raw, clean, spam and dead-letter topics when missing; return those created."""
    names = [settings.topic_raw, settings.topic_clean, settings.topic_spam, settings.topic_dlq]
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [name for name in dict.fromkeys(names) if name not in existing]
        if missing:
            try:
                await admin.create_topics(
                    [
                        NewTopic(
                            name,
                            settings.topic_partitions,
                            settings.topic_replication,
                            topic_configs={"max.message.bytes": str(topic_message_limit(settings))},
                        )
                        for name in missing
                    ]
                )
            except TopicAlreadyExistsError:  # another worker won the race
                pass
            log.info("created topics %s", ", ".join(missing))
        return missing
    finally:
        await admin.close()
