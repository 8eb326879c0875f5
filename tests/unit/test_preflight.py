"""Start-up checks that need no broker: the web port, the bootstrap list, the bounded wait."""

from __future__ import annotations

import asyncio
import socket

import pytest

from worker.streaming import preflight
from worker.streaming.config import Settings


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_free_port_passes():
    preflight.check_port_free("127.0.0.1", closed_port())


def test_port_zero_means_any_port_and_is_not_checked():
    preflight.check_port_free("127.0.0.1", 0)


def test_a_listening_port_is_refused_with_a_way_out():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(preflight.PreflightError) as refused:
            preflight.check_port_free("127.0.0.1", port)
    message = str(refused.value)
    assert f"127.0.0.1:{port} is already in use" in message
    assert f"WORKER_WEB_PORT={port + 1}" in message


def test_an_address_not_on_this_machine_is_refused():
    # 192.0.2.0/24 is reserved for documentation: no machine has it.
    with pytest.raises(preflight.PreflightError, match="cannot listen on 192.0.2.1"):
        preflight.check_port_free("192.0.2.1", closed_port())


@pytest.mark.parametrize("servers", ["localhost", "localhost:http", ":9092"])
def test_a_bootstrap_entry_without_host_and_port_is_named(servers):
    settings = Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": servers})
    with pytest.raises(preflight.PreflightError, match="KAFKA_BOOTSTRAP_SERVERS"):
        preflight.bootstrap_addresses(settings)


def test_bootstrap_addresses_are_split_and_trimmed():
    settings = Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": "a:1, b:2,[::1]:3"})
    assert preflight.bootstrap_addresses(settings) == [("a", 1), ("b", 2), ("::1", 3)]


def test_the_wait_for_an_absent_broker_retries_then_names_each_address(caplog):
    port = closed_port()
    settings = Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{port}", "WORKER_BROKER_WAIT_SECONDS": "1.5"})
    with pytest.raises(preflight.PreflightError) as failed:
        asyncio.run(preflight.wait_for_broker(settings))
    message = str(failed.value)
    assert f"127.0.0.1:{port} (connection refused)" in message
    attempts = int(message.split("tried ")[1].split(" ")[0])
    assert attempts >= 2, message  # retried with backoff, not given up at the first refusal
    announced = [record for record in caplog.records if "retrying for up to" in record.getMessage()]
    assert len(announced) == 1


def test_a_zero_wait_tries_once():
    settings = Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{closed_port()}", "WORKER_BROKER_WAIT_SECONDS": "0"})
    with pytest.raises(preflight.PreflightError, match=r"tried 1 time\(s\)"):
        asyncio.run(preflight.wait_for_broker(settings))


def test_the_raw_topic_needs_room_for_the_largest_accepted_input():
    settings = Settings.from_env({"WORKER_MAX_MESSAGE_BYTES": "5000000"})
    assert preflight.required_raw_topic_limit(settings) > 5_000_000


class _Described:
    def __init__(self, error_code: int):
        self.error_code = error_code

    def to_object(self) -> dict:
        entries = [] if self.error_code else [{"config_names": "max.message.bytes", "config_value": "1048588"}]
        return {"resources": [{"resource_name": "raw", "error_code": self.error_code, "error_message": None, "config_entries": entries}]}


class _AdminAnswering:
    """Answers DescribeConfigs with the given error codes in turn (the broker's own answers are
    tested on a real broker in tests/integration; this is the retry around them)."""

    def __init__(self, *codes: int):
        self.codes = list(codes)
        self.calls = 0

    async def describe_configs(self, resources):
        self.calls += 1
        return [_Described(self.codes.pop(0))]


def test_a_topic_created_a_moment_ago_is_asked_again_until_the_broker_knows_it():
    admin = _AdminAnswering(preflight.UNKNOWN_TOPIC_OR_PARTITION, preflight.UNKNOWN_TOPIC_OR_PARTITION, 0)
    entries = asyncio.run(preflight._describe_topic(admin, "raw"))
    assert admin.calls == 3 and entries[0]["config_names"] == "max.message.bytes"


def test_other_errors_of_describe_configs_are_reported_at_once():
    admin = _AdminAnswering(29)  # topic authorization failed
    with pytest.raises(preflight.PreflightError, match="error 29"):
        asyncio.run(preflight._describe_topic(admin, "raw"))
    assert admin.calls == 1
