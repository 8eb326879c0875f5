"""The command line on a real broker: the raw topic's message limit, `tail`, and the quick start.

Every command runs as a subprocess, as a user would run it; topics are fresh per module.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from worker.streaming.harness import free_port, produce

REPO = Path(__file__).resolve().parents[2]
BROKER_DEFAULT_LIMIT = 1_048_588  # what a broker gives a topic it creates by itself
WORKER = [sys.executable, "-m", "worker"]


def run_worker_command(args: list[str], env: dict[str, str], timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(WORKER + args, env={**os.environ, **env}, capture_output=True, timeout=timeout, cwd=REPO, **kwargs)


async def _create_topic(bootstrap: str, name: str, configs: dict[str, str], partitions: int = 1) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1, topic_configs=configs)])
    finally:
        await admin.close()


async def _topic_overrides(bootstrap: str, name: str) -> dict[str, str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
    finally:
        await admin.close()
    [resource] = response.to_object()["resources"]
    return {entry["config_names"]: entry["config_value"] for entry in resource["config_entries"] if entry["config_source"] == 1}


def test_a_raw_topic_made_by_the_broker_is_flagged_then_raised_when_allowed(kafka_bootstrap, unique_topics, tmp_path):
    raw = unique_topics["raw"] + "-small"
    # What a crawler's first message does to a broker that auto-creates topics.
    asyncio.run(_create_topic(kafka_bootstrap, raw, {"max.message.bytes": str(BROKER_DEFAULT_LIMIT), "retention.ms": "7200000"}))
    env = {"KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap, "WORKER_TOPIC_RAW": raw, "WORKER_MAX_MESSAGE_BYTES": "5000000"}
    big_page = tmp_path / "big.jsonl"
    big_page.write_bytes(orjson.dumps({"id": "big", "content": "word " * 400_000}) + b"\n")  # 2 MB

    warned = run_worker_command(["produce", str(big_page)], env)
    assert warned.returncode == 1  # the page was refused, and the command says so
    stderr = warned.stderr.decode()
    assert f"topic {raw} accepts messages up to {BROKER_DEFAULT_LIMIT} bytes" in stderr
    assert "WORKER_RAISE_TOPIC_LIMIT=true" in stderr
    assert f"{big_page}:1: refused by the broker" in stderr
    assert "Traceback" not in stderr

    raised = run_worker_command(["produce", str(big_page)], {**env, "WORKER_RAISE_TOPIC_LIMIT": "true"})
    assert raised.returncode == 0, raised.stderr
    assert f"raised max.message.bytes of topic {raw} from {BROKER_DEFAULT_LIMIT}" in raised.stderr.decode()
    overrides = asyncio.run(_topic_overrides(kafka_bootstrap, raw))
    assert int(overrides["max.message.bytes"]) > 5_000_000
    assert overrides["retention.ms"] == "7200000"  # the topic's other settings are kept

    again = run_worker_command(["produce", str(big_page)], env)
    assert again.returncode == 0 and again.stderr.decode().strip() == f"sent 1 messages to {raw}"


@pytest.fixture(scope="module")
def five_messages(kafka_bootstrap, unique_topics) -> str:
    topic = unique_topics["raw"] + "-tail"
    asyncio.run(_create_topic(kafka_bootstrap, topic, {}, partitions=2))
    produce(kafka_bootstrap, topic, [(f"k{n}".encode(), orjson.dumps({"n": n})) for n in range(5)])
    return topic


def _tail(kafka_bootstrap: str, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return run_worker_command(["tail", *args], {"KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap}, **kwargs)


def test_tail_prints_the_topic_and_stops_at_its_end_with_only_its_summary(kafka_bootstrap, five_messages):
    tailed = _tail(kafka_bootstrap, [five_messages])
    assert tailed.returncode == 0
    assert sorted(orjson.loads(line)["n"] for line in tailed.stdout.splitlines()) == [0, 1, 2, 3, 4]
    # No client chatter: the summary is the only line on stderr.
    assert tailed.stderr.decode().splitlines() == [f"5 messages from {five_messages}; reached the end of the topic (-f follows it)"]


def test_tail_says_when_max_cuts_it_short_and_how_much_is_left(kafka_bootstrap, five_messages):
    tailed = _tail(kafka_bootstrap, [five_messages, "--max", "2"])
    assert tailed.returncode == 0
    assert len(tailed.stdout.splitlines()) == 2
    assert tailed.stderr.decode().splitlines() == [
        f"2 messages from {five_messages}; stopped at --max 2; 3 more in the topic (raise --max, or follow it with -f)"
    ]


def test_tail_of_a_missing_topic_names_it_and_does_not_create_it(kafka_bootstrap, unique_topics):
    missing = unique_topics["raw"] + "-no-such-topic"
    for _ in range(2):  # the second time proves the first did not auto-create it
        tailed = _tail(kafka_bootstrap, [missing])
        assert tailed.returncode == 1
        assert tailed.stderr.decode().startswith(f"worker tail: error: topic {missing} does not exist")


def test_tail_follow_prints_new_messages_until_interrupted(kafka_bootstrap, five_messages, tmp_path):
    out = tmp_path / "out.jsonl"
    with open(out, "wb") as stdout:
        process = subprocess.Popen(
            WORKER + ["tail", five_messages, "-f"],
            env={**os.environ, "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap},
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=REPO,
        )
        try:
            deadline = time.monotonic() + 60
            while len(out.read_bytes().splitlines()) < 5 and time.monotonic() < deadline:
                time.sleep(0.2)
            produce(kafka_bootstrap, five_messages, [(b"late", orjson.dumps({"n": 5}))])
            while len(out.read_bytes().splitlines()) < 6 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert process.poll() is None, "tail -f stopped by itself"
            process.send_signal(signal.SIGINT)  # Ctrl-C
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0
    assert sorted(orjson.loads(line)["n"] for line in out.read_bytes().splitlines()) == [0, 1, 2, 3, 4, 5]
    assert stderr.decode().splitlines() == [f"6 messages from {five_messages}; stopped (interrupted)"]


async def _produce_in_transactions(bootstrap: str, topic: str) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, transactional_id=f"tail-test-{topic}")
    await producer.start()
    try:
        async with producer.transaction():
            await producer.send(topic, orjson.dumps({"n": "committed-1"}))
            await producer.send(topic, orjson.dumps({"n": "committed-2"}))
        await producer.begin_transaction()
        await producer.send(topic, orjson.dumps({"n": "aborted"}))
        await producer.abort_transaction()
    finally:
        await producer.stop()


def test_tail_of_a_transactional_topic_shows_committed_messages_and_ends(kafka_bootstrap, unique_topics):
    # Exactly-once outputs are written in transactions; each leaves a marker after its messages.
    topic = unique_topics["clean"] + "-transactions"
    asyncio.run(_create_topic(kafka_bootstrap, topic, {}))
    asyncio.run(_produce_in_transactions(kafka_bootstrap, topic))
    tailed = _tail(kafka_bootstrap, [topic])
    assert tailed.returncode == 0, tailed.stderr
    assert [orjson.loads(line)["n"] for line in tailed.stdout.splitlines()] == ["committed-1", "committed-2"]
    assert tailed.stderr.decode().startswith(f"2 messages from {topic}; ")


def test_the_quick_start_works_as_the_readme_writes_it(kafka_bootstrap, unique_topics, tmp_path):
    """scripts/dev-worker.sh, then `.venv/bin/worker produce examples/...` and `worker tail clean`.

    The broker is the tests' own (the script uses KAFKA_BOOTSTRAP_SERVERS when set), the topics
    and web port are this test's; the commands are the README's.
    """
    venv_bin = Path(sys.executable).parent
    web_port = free_port()
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "NEWSWORKER_VENV": str(venv_bin.parent),
        "WORKER_TOPIC_RAW": unique_topics["raw"] + "-quickstart",
        "WORKER_TOPIC_CLEAN": unique_topics["clean"] + "-quickstart",
        "WORKER_TOPIC_SPAM": unique_topics["spam"] + "-quickstart",
        "WORKER_TOPIC_DLQ": unique_topics["dlq"] + "-quickstart",
        "WORKER_GROUP_ID": "quickstart-" + unique_topics["raw"],
        "WORKER_WEB_PORT": str(web_port),
        "WORKER_DATA_DIR": str(tmp_path / "data"),
    }
    log = tmp_path / "dev-worker.log"
    with open(log, "wb") as log_file:
        # Its own session, so that the Ctrl-C below reaches it and the worker as a terminal's would.
        dev_worker = subprocess.Popen(["scripts/dev-worker.sh"], cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert dev_worker.poll() is None, log.read_text()
            try:
                import urllib.request

                with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/healthz", timeout=3) as response:
                    if orjson.loads(response.read())["assignment"]:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError(f"the worker did not become ready:\n{log.read_text()}")
        produced = subprocess.run([str(venv_bin / "worker"), "produce", "examples/raw_articles.jsonl"], cwd=REPO, env=env, capture_output=True, timeout=120)
        assert produced.returncode == 0, produced.stderr
        tailed = subprocess.run(
            [str(venv_bin / "worker"), "tail", "clean", "-f", "--max", "3", "--idle", "60"], cwd=REPO, env=env, capture_output=True, timeout=120
        )
        assert tailed.returncode == 0, tailed.stderr
        articles = [orjson.loads(line) for line in tailed.stdout.splitlines()]
        assert len(articles) == 3 and all(article["paragraphs"] for article in articles)
    finally:
        if dev_worker.poll() is None:
            os.killpg(dev_worker.pid, signal.SIGINT)
        try:
            code = dev_worker.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(dev_worker.pid, signal.SIGKILL)
            raise
    assert code == 0, log.read_text()[-3000:]
