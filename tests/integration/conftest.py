"""Fixtures for the integration tests: a real Kafka broker, and topic names of their own per test.

Where the broker comes from, in order:

1. ``KAFKA_BOOTSTRAP_SERVERS``, as exported by ``scripts/test.sh`` (which starts a local broker with
   ``scripts/kafka.sh``) and so by CI;
2. a throw-away Kafka container from testcontainers, when a Docker engine answers;
3. otherwise the integration tests are skipped, except under ``CI=true``, where a missing broker
   fails them: CI must never go green by silently testing nothing.

Every test in this directory gets the ``integration`` marker, so ``pytest -m "not integration"``
runs the unit tests alone.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

INTEGRATION_DIR = Path(__file__).resolve().parent
DOCKER_PING_TIMEOUT_S = 3
CONTAINER_START_TIMEOUT_S = 120
TOPIC_ROLES = ("raw", "clean", "spam", "dlq")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if INTEGRATION_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.integration)


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _no_broker(reason: str) -> None:
    message = (
        f"no Kafka broker for the integration tests: {reason}. Run them with scripts/test.sh "
        "(starts a local broker), or set KAFKA_BOOTSTRAP_SERVERS=host:port."
    )
    if _running_in_ci():
        pytest.fail(f"{message} (CI=true: a missing broker is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


def _docker_engine_answers() -> tuple[bool, str]:
    try:
        import docker
    except ImportError:
        return False, "the docker package is not installed"
    try:
        client = docker.from_env(timeout=DOCKER_PING_TIMEOUT_S)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as error:  # any failure to reach the engine means "no Docker here"
        return False, f"no Docker engine answers ({type(error).__name__})"
    return True, ""


def _kafka_container_class():
    try:
        from testcontainers.community.kafka import KafkaContainer
    except ImportError:  # testcontainers < 4.13 has it at its old place
        from testcontainers.kafka import KafkaContainer
    return KafkaContainer


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """The bootstrap servers (``host:port[,host:port...]``) of a running Kafka broker."""
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "").strip()
    if configured:
        yield configured
        return
    answers, reason = _docker_engine_answers()
    if not answers:
        _no_broker(f"KAFKA_BOOTSTRAP_SERVERS is not set and {reason}")
    container = _kafka_container_class()().with_kraft()
    try:
        container.start(timeout=CONTAINER_START_TIMEOUT_S)
    except Exception as error:
        _no_broker(f"the Kafka container did not start ({type(error).__name__}: {error})")
    try:
        yield container.get_bootstrap_server()
    finally:
        container.stop()


@pytest.fixture(scope="module")
def unique_topics() -> dict[str, str]:
    """Fresh topic names, keyed raw/clean/spam/dlq, e.g. ``articles.raw.1a2b3c4d5e6f``.

    Module-scoped so that module-scoped fixtures (a worker started once per module) can use it: the
    tests of one module share these names, test modules (and test runs on a broker that outlives
    them) never see each other's messages. A test that needs topics of its own derives them, e.g.
    ``unique_topics["raw"] + "-restart"``.
    """
    suffix = uuid.uuid4().hex[:12]
    return {role: f"articles.{role}.{suffix}" for role in TOPIC_ROLES}
