"""Configuration from environment variables: one place that names them all.

Every variable the worker reads is declared in :data:`VARIABLES` with its default and meaning. That
declaration is the only source of the configuration's documentation: ``worker --help`` and
``worker run --help`` print it (:func:`environment_help`), the README's configuration table is its
Markdown rendering (:func:`markdown_table`; ``python -m worker.streaming.config`` prints it, and a
test keeps the README equal to it), and the docker-compose test checks the compose file's
variables against it. Adding a setting means adding it here, then pasting the new table.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import Mapping

from worker.handling import HandlerSettings
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
    Variable(
        "WORKER_BROKER_WAIT_SECONDS",
        "30",
        "How long the commands retry an unreachable broker at start-up (with backoff) before they stop with an error.",
    ),
    Variable("WORKER_TOPIC_RAW", "articles.raw", "Input topic of RawArticle messages."),
    Variable("WORKER_TOPIC_CLEAN", "articles.clean", "Output topic of Article messages."),
    Variable("WORKER_TOPIC_SPAM", "articles.spam", "Output topic of SpamEvent messages."),
    Variable("WORKER_TOPIC_DLQ", "articles.dlq", "Output topic of DeadLetter messages."),
    Variable("WORKER_GROUP_ID", "newsworker", "Consumer group (Faust app id); workers sharing it split the partitions."),
    Variable("WORKER_TOPIC_PARTITIONS", "3", "Partitions of the topics the worker creates at start-up."),
    Variable("WORKER_TOPIC_REPLICATION", "1", "Replication factor of the topics the worker creates."),
    Variable(
        "WORKER_RAISE_TOPIC_LIMIT",
        "false",
        "true: at start-up, raise the raw topic's max.message.bytes when it is below WORKER_MAX_MESSAGE_BYTES; "
        "false: only warn.",
    ),
    Variable("WORKER_MAX_MESSAGE_BYTES", "5000000", "Inputs larger than this (bytes) go to the DLQ as too_large."),
    Variable("WORKER_DLQ_MAX_PAYLOAD_BYTES", "1000000", "Payloads kept in a dead letter are cut to this size."),
    Variable("WORKER_DEFAULT_TIMEZONE", "", "IANA zone for pages and inputs that give none (empty: leave published_at null)."),
    Variable("WORKER_SPAM_REMOVE_THRESHOLD", "0.8", "Spam score at or above which an injected block is cut out."),
    Variable("WORKER_SPAM_FLAG_THRESHOLD", "0.5", "Spam score at or above which a block is flagged (nothing cut)."),
    Variable("WORKER_SPAM_QUARANTINE_THRESHOLD", "0.9", "Whole-page spam score at or above which no article is published."),
    Variable(
        "WORKER_CONCURRENCY",
        "",
        "Pipeline processes (empty: the CPUs the worker may use, from its affinity and cgroup quota).",
    ),
    Variable(
        "WORKER_MAX_PROCESSING_SECONDS",
        "10",
        "Budget per input: past it the input goes to the DLQ as timeout and its process is replaced.",
    ),
    Variable(
        "WORKER_PROCESSING_GUARANTEE",
        "at_least_once",
        "at_least_once, or exactly_once: outputs and input offsets in one Kafka transaction "
        "(consumers read with isolation.level=read_committed).",
    ),
    Variable(
        "WORKER_SESSION_TIMEOUT_SECONDS",
        "10",
        "Consumer session timeout: how long a killed worker's partitions wait before another member takes them.",
    ),
    Variable(
        "WORKER_INSTANCE_ID",
        "",
        "Static group membership id, unique per replica and stable across restarts (empty: dynamic membership).",
    ),
    Variable("WORKER_WEB_PORT", "6066", "Port of the health endpoint (/healthz) and Prometheus metrics (/metrics)."),
    Variable("WORKER_WEB_HOST", "0.0.0.0", "Interface the web endpoint binds."),
    Variable("WORKER_DATA_DIR", "/tmp/newsworker", "Faust's local state directory."),
    Variable("WORKER_LOG_LEVEL", "info", "debug, info, warning or error."),
)
DEFAULTS = {v.name: v.default for v in VARIABLES}

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def environment_help(width: int | None = None) -> str:
    """Every variable with its default and meaning, for the end of ``--help``."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 100)
    lines = ["configuration (environment variables, with their defaults):"]
    for variable in VARIABLES:
        lines.append(f"  {variable.name}={variable.default}" if variable.default else f"  {variable.name} (empty)")
        lines.extend(textwrap.wrap(variable.help, width=max(width, 40), initial_indent=" " * 6, subsequent_indent=" " * 6))
    return "\n".join(lines)


def markdown_table() -> str:
    """The README's configuration table."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for variable in VARIABLES:
        default = f"`{variable.default}`" if variable.default else "(empty)"
        rows.append(f"| `{variable.name}` | {default} | {variable.help} |")
    return "\n".join(rows)


def usable_cpus() -> int:
    """CPUs this process may use: its affinity mask, capped by a cgroup v2 CPU quota (containers)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as limits:
            quota, period = limits.read().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, -(-int(quota) // int(period))))  # ceiling division
    except (OSError, ValueError):
        pass
    return max(1, cpus)


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
    broker_wait_seconds: float
    topic_raw: str
    topic_clean: str
    topic_spam: str
    topic_dlq: str
    group_id: str
    topic_partitions: int
    topic_replication: int
    raise_topic_limit: bool
    max_message_bytes: int
    dlq_max_payload_bytes: int
    concurrency: int
    max_processing_seconds: float
    processing_guarantee: str
    session_timeout_seconds: float
    instance_id: str
    web_port: int
    web_host: str
    data_dir: str
    log_level: str
    pipeline: PipelineSettings

    @property
    def handler(self) -> HandlerSettings:
        """What the shared handler needs of these settings (the CLI and the agents use the same)."""
        return HandlerSettings(
            max_message_bytes=self.max_message_bytes,
            dlq_max_payload_bytes=self.dlq_max_payload_bytes,
            pipeline=self.pipeline,
        )

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

        def flag(name: str) -> bool:
            raw = get(name).lower()
            if raw not in TRUE_WORDS | FALSE_WORDS:
                raise ConfigError(f"{name}={raw!r} is not true or false")
            return raw in TRUE_WORDS

        protocol = get("KAFKA_SECURITY_PROTOCOL").upper()
        if protocol not in {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}:
            raise ConfigError(f"KAFKA_SECURITY_PROTOCOL={protocol!r} is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL")
        mechanism = get("KAFKA_SASL_MECHANISM").upper()
        if mechanism not in {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}:
            raise ConfigError(f"KAFKA_SASL_MECHANISM={mechanism!r} is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")
        guarantee = get("WORKER_PROCESSING_GUARANTEE").lower()
        if guarantee not in {"at_least_once", "exactly_once"}:
            raise ConfigError(f"WORKER_PROCESSING_GUARANTEE={guarantee!r} is not at_least_once or exactly_once")
        concurrency = number("WORKER_CONCURRENCY", int, 1, 256) if get("WORKER_CONCURRENCY") else usable_cpus()
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
            broker_wait_seconds=number("WORKER_BROKER_WAIT_SECONDS", float, 0, 3600),
            topic_raw=get("WORKER_TOPIC_RAW"),
            topic_clean=get("WORKER_TOPIC_CLEAN"),
            topic_spam=get("WORKER_TOPIC_SPAM"),
            topic_dlq=get("WORKER_TOPIC_DLQ"),
            group_id=get("WORKER_GROUP_ID"),
            topic_partitions=number("WORKER_TOPIC_PARTITIONS", int, 1),
            topic_replication=number("WORKER_TOPIC_REPLICATION", int, 1),
            raise_topic_limit=flag("WORKER_RAISE_TOPIC_LIMIT"),
            max_message_bytes=number("WORKER_MAX_MESSAGE_BYTES", int, 1),
            dlq_max_payload_bytes=number("WORKER_DLQ_MAX_PAYLOAD_BYTES", int, 1),
            concurrency=concurrency,
            max_processing_seconds=number("WORKER_MAX_PROCESSING_SECONDS", float, 0.1, 86400),
            processing_guarantee=guarantee,
            session_timeout_seconds=number("WORKER_SESSION_TIMEOUT_SECONDS", float, 6, 300),
            instance_id=get("WORKER_INSTANCE_ID"),
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


if __name__ == "__main__":
    # `python -m worker.streaming.config` prints the README's configuration table.
    sys.stdout.write(markdown_table() + "\n")
