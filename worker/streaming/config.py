"""Configuration from environment variables: one place that names them all.

Every variable the worker reads is declared in :data:`VARIABLES` with its default and meaning; the
README's configuration table and the docker-compose test are checked against this list, so adding
a setting means adding it here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from worker.pipeline.settings import PipelineSettings


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    default: str
    help: str


VARIABLES: tuple[Variable, ...] = (
    Variable("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Comma-separated host:port list of Kafka brokers."),
    Variable("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."),
    Variable("KAFKA_SASL_MECHANISM", "PLAIN", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with SASL_* protocols)."),
    Variable("KAFKA_SASL_USERNAME", "", "SASL user name."),
    Variable("KAFKA_SASL_PASSWORD", "", "SASL password."),
    Variable("KAFKA_SSL_CAFILE", "", "PEM file of the CA that signed the brokers' certificates (SSL, SASL_SSL)."),
    Variable("KAFKA_SSL_CERTFILE", "", "Client certificate (PEM) for mutual TLS."),
    Variable("KAFKA_SSL_KEYFILE", "", "Client private key (PEM) for mutual TLS."),
    Variable("WORKER_TOPIC_RAW", "articles.raw", "Input topic of RawArticle messages."),
    Variable("WORKER_TOPIC_CLEAN", "articles.clean", "Output topic of Article messages."),
    Variable("WORKER_TOPIC_SPAM", "articles.spam", "Output topic of SpamEvent messages."),
    Variable("WORKER_TOPIC_DLQ", "articles.dlq", "Output topic of DeadLetter messages."),
    Variable("WORKER_GROUP_ID", "newsworker", "Consumer group (Faust app id); workers sharing it split the partitions."),
    Variable("WORKER_TOPIC_PARTITIONS", "3", "Partitions of the topics the worker creates at start-up."),
    Variable("WORKER_TOPIC_REPLICATION", "1", "Replication factor of the topics the worker creates."),
    Variable("WORKER_MAX_MESSAGE_BYTES", "5000000", "Inputs larger than this (bytes) go to the DLQ as too_large."),
    Variable("WORKER_DLQ_MAX_PAYLOAD_BYTES", "1000000", "Payloads kept in a dead letter are cut to this size."),
    Variable("WORKER_DEFAULT_TIMEZONE", "", "IANA zone for pages and inputs that give none (empty: leave published_at null)."),
    Variable("WORKER_SPAM_REMOVE_THRESHOLD", "0.8", "Spam score at or above which an injected block is cut out."),
    Variable("WORKER_SPAM_FLAG_THRESHOLD", "0.5", "Spam score at or above which a block is flagged (nothing cut)."),
    Variable("WORKER_SPAM_QUARANTINE_THRESHOLD", "0.9", "Whole-page spam score at or above which no article is published."),
    Variable("WORKER_WEB_PORT", "6066", "Port of the health endpoint (/healthz) and Prometheus metrics (/metrics)."),
    Variable("WORKER_WEB_HOST", "0.0.0.0", "Interface the web endpoint binds."),
    Variable("WORKER_DATA_DIR", "/tmp/newsworker", "Faust's local state directory."),
    Variable("WORKER_LOG_LEVEL", "info", "debug, info, warning or error."),
)
DEFAULTS = {v.name: v.default for v in VARIABLES}


class ConfigError(ValueError):
    """A configuration value is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Settings:
    bootstrap_servers: str
    security_protocol: str
    sasl_mechanism: str
    sasl_username: str
    sasl_password: str
    ssl_cafile: str
    ssl_certfile: str
    ssl_keyfile: str
    topic_raw: str
    topic_clean: str
    topic_spam: str
    topic_dlq: str
    group_id: str
    topic_partitions: int
    topic_replication: int
    max_message_bytes: int
    dlq_max_payload_bytes: int
    web_port: int
    web_host: str
    data_dir: str
    log_level: str
    pipeline: PipelineSettings

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env

        def get(name: str) -> str:
            return env.get(name, DEFAULTS[name]).strip()

        def number(name: str, kind=int, low: float = 0, high: float | None = None):
            raw = get(name)
            try:
                value = kind(raw)
            except ValueError:
                raise ConfigError(f"{name}={raw!r} is not a {kind.__name__}") from None
            if value < low or (high is not None and value > high):
                raise ConfigError(f"{name}={raw!r} is out of range [{low}, {high if high is not None else 'inf'}]")
            return value

        protocol = get("KAFKA_SECURITY_PROTOCOL").upper()
        if protocol not in {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}:
            raise ConfigError(f"KAFKA_SECURITY_PROTOCOL={protocol!r} is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL")
        mechanism = get("KAFKA_SASL_MECHANISM").upper()
        if mechanism not in {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}:
            raise ConfigError(f"KAFKA_SASL_MECHANISM={mechanism!r} is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")
        timezone = get("WORKER_DEFAULT_TIMEZONE") or None
        if timezone:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError):
                raise ConfigError(f"WORKER_DEFAULT_TIMEZONE={timezone!r} is not an IANA time zone") from None
        return cls(
            bootstrap_servers=get("KAFKA_BOOTSTRAP_SERVERS"),
            security_protocol=protocol,
            sasl_mechanism=mechanism,
            sasl_username=get("KAFKA_SASL_USERNAME"),
            sasl_password=env.get("KAFKA_SASL_PASSWORD", ""),
            ssl_cafile=get("KAFKA_SSL_CAFILE"),
            ssl_certfile=get("KAFKA_SSL_CERTFILE"),
            ssl_keyfile=get("KAFKA_SSL_KEYFILE"),
            topic_raw=get("WORKER_TOPIC_RAW"),
            topic_clean=get("WORKER_TOPIC_CLEAN"),
            topic_spam=get("WORKER_TOPIC_SPAM"),
            topic_dlq=get("WORKER_TOPIC_DLQ"),
            group_id=get("WORKER_GROUP_ID"),
            topic_partitions=number("WORKER_TOPIC_PARTITIONS", int, 1),
            topic_replication=number("WORKER_TOPIC_REPLICATION", int, 1),
            max_message_bytes=number("WORKER_MAX_MESSAGE_BYTES", int, 1),
            dlq_max_payload_bytes=number("WORKER_DLQ_MAX_PAYLOAD_BYTES", int, 1),
            web_port=number("WORKER_WEB_PORT", int, 0, 65535),
            web_host=get("WORKER_WEB_HOST"),
            data_dir=get("WORKER_DATA_DIR"),
            log_level=get("WORKER_LOG_LEVEL").lower(),
            pipeline=PipelineSettings(
                default_timezone=timezone,
                spam_remove_threshold=number("WORKER_SPAM_REMOVE_THRESHOLD", float, 0, 1),
                spam_flag_threshold=number("WORKER_SPAM_FLAG_THRESHOLD", float, 0, 1),
                spam_quarantine_threshold=number("WORKER_SPAM_QUARANTINE_THRESHOLD", float, 0, 1),
            ),
        )
