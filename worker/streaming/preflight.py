"""Start-up checks: the usual first-hour mistakes as one actionable line, not a traceback.

The commands call these before they start the Faust app or a client:

- :func:`check_port_free`: the web port (``WORKER_WEB_PORT``) is free, so Faust's web server will
  not die later with a bind error deep in its start-up;
- :func:`wait_for_broker`: the broker answers, retried with exponential backoff for at most
  ``WORKER_BROKER_WAIT_SECONDS`` (a broker started at the same moment, as in a compose file, gets
  time to come up), then an error that names every address and why it failed; it also checks that
  the addresses the broker *advertises* can be reached from here, the classic container mistake;
- :func:`check_raw_topic_limit`: the raw topic accepts messages as large as
  ``WORKER_MAX_MESSAGE_BYTES``. A topic that a crawler's first message auto-created has the
  broker's default limit (about 1 MB): larger pages are then refused at the crawler's producer and
  never reach the worker, so no dead letter tells anyone. The worker warns, or raises the limit
  when ``WORKER_RAISE_TOPIC_LIMIT`` allows it.

Failures raise :class:`PreflightError`, whose message is the line to show.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import socket
import time
from collections.abc import Iterator

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError

from worker.streaming.config import Settings
from worker.streaming.kafka import client_options, topic_message_limit

log = logging.getLogger(__name__)

FIRST_RETRY_DELAY_S = 0.5
MAX_RETRY_DELAY_S = 5.0
TCP_PROBE_TIMEOUT_S = 3.0
# A topic created just before the preflight may be unknown to the broker's metadata for a moment.
NEW_TOPIC_WAIT_SECONDS = 10.0
UNKNOWN_TOPIC_OR_PARTITION = 3  # Kafka's error code
# A record batch holding one message is larger than the message: batch and record headers, the
# key (an id or a URL) and any headers. This much room is left above WORKER_MAX_MESSAGE_BYTES.
RECORD_OVERHEAD_BYTES = 64 * 1024
# DescribeConfigs' config_source for a value set on the topic itself (not inherited).
TOPIC_OVERRIDE_SOURCE = 1


class PreflightError(RuntimeError):
    """A start-up condition the operator must fix; the message says what and how."""


@contextlib.contextmanager
def quiet_client_logs() -> Iterator[None]:
    """Silence aiokafka while we probe: each failed attempt would log its own error, and the
    outcome is reported once, by us."""
    logger = logging.getLogger("aiokafka")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def check_port_free(host: str, port: int) -> None:
    """Raise PreflightError when the web server could not bind ``host:port``."""
    if port == 0:  # any free port
        return
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise PreflightError(f"WORKER_WEB_HOST={host!r} is not a usable address: {error.strerror}") from None
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            # As asyncio's servers do: a port held only by closed connections (TIME_WAIT) is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                where = f"{address[0]}:{port}"
                if error.errno == errno.EADDRINUSE:
                    raise PreflightError(
                        f"port {where} is already in use (WORKER_WEB_PORT={port}): stop the program that holds it "
                        f"or choose another port, e.g. WORKER_WEB_PORT={port + 1 if port < 65535 else 6066}"
                    ) from None
                if error.errno == errno.EACCES:
                    raise PreflightError(f"no permission to listen on {where}: use WORKER_WEB_PORT=1024 or higher") from None
                raise PreflightError(f"cannot listen on {where} (WORKER_WEB_HOST={host!r}): {error.strerror}") from None


def bootstrap_addresses(settings: Settings) -> list[tuple[str, int]]:
    addresses = []
    for server in settings.bootstrap_servers.split(","):
        server = server.strip()
        host, _, port = server.rpartition(":")
        if not host or not port.isdigit():
            raise PreflightError(f"KAFKA_BOOTSTRAP_SERVERS: {server!r} is not host:port")
        addresses.append((host.strip("[]"), int(port)))
    return addresses


async def tcp_problem(host: str, port: int) -> str | None:
    """Why a TCP connection to host:port fails (None when it succeeds)."""
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TCP_PROBE_TIMEOUT_S)
    except asyncio.TimeoutError:
        return f"no answer within {TCP_PROBE_TIMEOUT_S:.0f} s"
    except socket.gaierror:
        return "unknown host"
    except ConnectionRefusedError:
        return "connection refused"
    except OSError as error:
        return error.strerror or type(error).__name__
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return None


async def _why_unreachable(settings: Settings, error: BaseException) -> str:
    problems = []
    for host, port in bootstrap_addresses(settings):
        problem = await tcp_problem(host, port)
        if problem is None:
            problem = (
                f"accepts connections but does not answer as a Kafka broker with "
                f"KAFKA_SECURITY_PROTOCOL={settings.security_protocol} ({type(error).__name__}: {error})"
            )
        problems.append(f"{host}:{port} ({problem})")
    return ", ".join(problems)


async def _connect_once(settings: Settings, timeout: float) -> None:
    """Bootstrap from the configured addresses, then reach every broker at the address it
    advertises (what the clients will use from then on)."""
    client = AIOKafkaClient(**client_options(settings), request_timeout_ms=max(int(timeout * 1000), 1000))
    try:
        await asyncio.wait_for(client.bootstrap(), timeout)
        brokers = sorted(client.cluster.brokers(), key=lambda broker: broker.nodeId)
        unreachable = []
        for broker in brokers:
            if not await asyncio.wait_for(client.ready(broker.nodeId), timeout):
                unreachable.append(f"{broker.host}:{broker.port}")
        if unreachable:
            raise PreflightError(
                f"the broker at {settings.bootstrap_servers} answers, but the address(es) it advertises, "
                f"{', '.join(unreachable)}, cannot be reached from here: fix the broker's advertised.listeners "
                "(in a container: an address the worker's network can reach)"
            )
    finally:
        await client.close()


async def wait_for_broker(settings: Settings, wait_seconds: float | None = None) -> None:
    """Return once the broker answers; retry with backoff, and give up after ``wait_seconds``
    (default WORKER_BROKER_WAIT_SECONDS) with a PreflightError naming each address's problem."""
    wait_seconds = settings.broker_wait_seconds if wait_seconds is None else wait_seconds
    started = time.monotonic()
    deadline = started + wait_seconds
    delay = FIRST_RETRY_DELAY_S
    attempts = 0
    with quiet_client_logs():
        while True:
            attempts += 1
            attempt_timeout = max(deadline - time.monotonic(), TCP_PROBE_TIMEOUT_S)
            try:
                await _connect_once(settings, attempt_timeout)
                if attempts > 1:
                    log.info("the broker at %s answers (after %d attempts)", settings.bootstrap_servers, attempts)
                return
            except (KafkaError, OSError, asyncio.TimeoutError) as error:
                failure: BaseException = error
            reason = await _why_unreachable(settings, failure)
            if time.monotonic() >= deadline:
                raise PreflightError(
                    f"cannot reach the Kafka broker: {reason}; tried {attempts} time(s) in "
                    f"{time.monotonic() - started:.0f} s. Check KAFKA_BOOTSTRAP_SERVERS={settings.bootstrap_servers} "
                    "and that the broker is running (wait longer with WORKER_BROKER_WAIT_SECONDS)"
                )
            if attempts == 1:
                log.warning(
                    "the Kafka broker does not answer yet: %s; retrying for up to %.0f s (WORKER_BROKER_WAIT_SECONDS)",
                    reason,
                    wait_seconds,
                )
            await asyncio.sleep(max(min(delay, deadline - time.monotonic()), 0))
            delay = min(delay * 2, MAX_RETRY_DELAY_S)


async def topic_partitions(settings: Settings) -> dict[str, set[int]]:
    """Every topic on the cluster with its partitions. Asks for all topics' metadata: asking for
    one topic by name would make a broker with auto.create.topics.enable create it."""
    client = AIOKafkaClient(**client_options(settings))
    try:
        await client.bootstrap()
        cluster = await client.fetch_all_metadata()
        return {topic: set(cluster.partitions_for_topic(topic) or ()) for topic in cluster.topics()}
    finally:
        await client.close()


def required_raw_topic_limit(settings: Settings) -> int:
    """The smallest max.message.bytes that lets every input the worker accepts reach it."""
    return settings.max_message_bytes + RECORD_OVERHEAD_BYTES


def _topic_configs(response, topic: str) -> list[dict]:
    for resource in response.to_object()["resources"]:
        if resource["resource_name"] == topic:
            if resource["error_code"]:
                raise PreflightError(
                    f"cannot read the configuration of topic {topic}: {resource['error_message'] or 'error ' + str(resource['error_code'])}"
                )
            return resource["config_entries"]
    raise PreflightError(f"the broker did not describe topic {topic}")


async def _describe_topic(admin: AIOKafkaAdminClient, topic: str) -> list[dict]:
    """The topic's configuration entries. A topic created a moment ago (by this worker, or by the
    automation that started it) may not be known to the broker's metadata yet: error 3, unknown
    topic, is retried for up to NEW_TOPIC_WAIT_SECONDS before it is reported."""
    deadline = time.monotonic() + NEW_TOPIC_WAIT_SECONDS
    while True:
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
        resources = [r for r in response.to_object()["resources"] if r["resource_name"] == topic]
        if resources and resources[0]["error_code"] == UNKNOWN_TOPIC_OR_PARTITION and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            continue
        return _topic_configs(response, topic)


async def check_raw_topic_limit(settings: Settings) -> str | None:
    """Compare the raw topic's max.message.bytes with WORKER_MAX_MESSAGE_BYTES.

    Returns None when it is large enough; else raises it (WORKER_RAISE_TOPIC_LIMIT=true) or logs a
    warning, and returns that line. The broker must answer (see wait_for_broker).
    """
    topic = settings.topic_raw
    needed = required_raw_topic_limit(settings)
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        entries = await _describe_topic(admin, topic)
        values = {entry["config_names"]: entry["config_value"] for entry in entries}
        limit = int(values.get("max.message.bytes") or 0)
        if limit >= needed:
            return None
        # The limit the worker gives the topics it creates.
        new_limit = max(needed, topic_message_limit(settings))
        if settings.raise_topic_limit:
            # AlterConfigs replaces all of a topic's own settings: send the others back unchanged.
            overrides = {entry["config_names"]: entry["config_value"] for entry in entries if entry["config_source"] == TOPIC_OVERRIDE_SOURCE}
            if any(value is None for value in overrides.values()):
                raise PreflightError(
                    f"topic {topic} has max.message.bytes={limit}, below WORKER_MAX_MESSAGE_BYTES={settings.max_message_bytes}, "
                    "and sensitive settings the worker cannot read back, so it does not raise the limit: raise it by hand"
                )
            overrides["max.message.bytes"] = str(new_limit)
            [altered] = await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, overrides)])
            for resource in altered.to_object()["resources"]:
                if resource["error_code"]:
                    raise PreflightError(
                        f"could not raise max.message.bytes of topic {topic} from {limit} to {new_limit} "
                        f"(WORKER_RAISE_TOPIC_LIMIT=true): {resource['error_message'] or 'error ' + str(resource['error_code'])}"
                    )
            message = f"raised max.message.bytes of topic {topic} from {limit} to {new_limit} (WORKER_RAISE_TOPIC_LIMIT=true)"
            log.warning("%s", message)
            return message
        message = (
            f"topic {topic} accepts messages up to {limit} bytes (max.message.bytes), less than "
            f"WORKER_MAX_MESSAGE_BYTES={settings.max_message_bytes}: larger pages are refused at the producer and never "
            f"reach the worker. Raise it (kafka-configs.sh --bootstrap-server {settings.bootstrap_servers} --alter "
            f"--entity-type topics --entity-name {topic} --add-config max.message.bytes={new_limit}), or let the "
            "worker do it: WORKER_RAISE_TOPIC_LIMIT=true"
        )
        log.warning("%s", message)
        return message
    finally:
        await admin.close()
