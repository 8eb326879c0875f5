"""The worker end to end on a real Kafka broker: seed page, dead letters, schemas, metrics, SIGTERM.

The worker runs as a real `worker run` subprocess against the broker that the `kafka_bootstrap`
fixture provides (see conftest.py); topics are fresh per test module.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import orjson
import pytest

from worker.streaming.harness import consume, produce, start_worker
from tests.schemas import assert_valid

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = (FIXTURES / "ecns-counterfeits.txt").read_text("utf-8")
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
SIZE_LIMIT = 200_000

GOOD_AFTER_BAD = {
    "id": "good-after-bad",
    "content": "A Quiet Town Gets a New Library\n\nThe town council opened a new public library on Monday, "
    "after three years of building work and a long debate about its cost.\n\nResidents queued "
    "from early morning to borrow books, and the mayor thanked the volunteers who moved the old collection.",
}
BAD_MESSAGES = [
    (b"bad-not-json", b"{this is not json", "not_json"),
    (b"bad-types", orjson.dumps({"content": 12345, "url": ["not", "a", "string"]}), "schema"),
    (b"bad-missing-content", orjson.dumps({"id": "no-content", "url": "http://example.com/x"}), "schema"),
    (b"bad-too-large", orjson.dumps({"content": "x" * (SIZE_LIMIT + 10)}), "too_large"),
    (b"bad-not-utf8", b'{"content": "caf\xe9 \xff\xfe"}', "not_utf8"),
]


@pytest.fixture(scope="module")
def streaming(kafka_bootstrap, unique_topics, tmp_path_factory):
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "WORKER_TOPIC_RAW": unique_topics["raw"],
        "WORKER_TOPIC_CLEAN": unique_topics["clean"],
        "WORKER_TOPIC_SPAM": unique_topics["spam"],
        "WORKER_TOPIC_DLQ": unique_topics["dlq"],
        "WORKER_GROUP_ID": "it-" + unique_topics["raw"],
        "WORKER_TOPIC_PARTITIONS": "2",
        "WORKER_MAX_MESSAGE_BYTES": str(SIZE_LIMIT),
        "WORKER_DATA_DIR": str(tmp_path_factory.mktemp("faust-data")),
    }
    worker = start_worker(env, tmp_path_factory.mktemp("logs") / "worker.log")
    produce(
        kafka_bootstrap,
        unique_topics["raw"],
        [(b"seed", orjson.dumps({"id": "seed", "content": SEED, "url": "http://www.ecns.cn/business/2018-01-11/detail.shtml", "timezone": "Asia/Shanghai"}))],
    )
    # The bad messages and the good one share a key, so they land on one partition in this order.
    produce(kafka_bootstrap, unique_topics["raw"], [(b"same-partition", value) for _, value, _ in BAD_MESSAGES])
    produce(kafka_bootstrap, unique_topics["raw"], [(b"same-partition", orjson.dumps(GOOD_AFTER_BAD))])
    received = consume(
        kafka_bootstrap,
        {unique_topics["clean"]: 2, unique_topics["spam"]: 1, unique_topics["dlq"]: len(BAD_MESSAGES)},
    )
    yield worker, received, unique_topics
    code = worker.stop()
    assert code == 0, f"worker exited with {code} after SIGTERM:\n{worker.log()}"


def own_topics(kafka_bootstrap, unique_topics, tmp_path, suffix):
    """Topics, group and data directory of a test's own worker: (raw topic, output topics, env)."""
    raw = f"{unique_topics['raw']}-{suffix}"
    topics = {name: f"{unique_topics[name]}-{suffix}" for name in ("clean", "spam", "dlq")}
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "WORKER_TOPIC_RAW": raw,
        "WORKER_TOPIC_CLEAN": topics["clean"],
        "WORKER_TOPIC_SPAM": topics["spam"],
        "WORKER_TOPIC_DLQ": topics["dlq"],
        "WORKER_GROUP_ID": f"it-{suffix}-{raw}",
        "WORKER_DATA_DIR": str(tmp_path / "data"),
    }
    return raw, topics, env


def articles_by_id(received, topics):
    return {value["article_id"]: (key, value) for key, value in received[topics["clean"]]}


def test_seed_page_comes_out_clean_with_the_expected_fields(streaming):
    worker, received, topics = streaming
    articles = articles_by_id(received, topics)
    assert "seed" in articles, f"no seed article on {topics['clean']}:\n{worker.log()}"
    key, article = articles["seed"]
    assert key == b"seed"
    assert article["title"] == EXPECTED["title"]
    assert article["section"] == EXPECTED["section"]
    assert article["published_at_local"] == EXPECTED["published_at_local"]
    assert article["published_at"] == EXPECTED["published_at_if_site_zone_is_Asia/Shanghai"]
    assert article["source"] == EXPECTED["source"]
    assert article["contributors"] == EXPECTED["contributors"]
    assert article["language"] == EXPECTED["language"]
    assert article["captions"] == EXPECTED["captions"]
    assert [p["text"] for p in article["paragraphs"]] == EXPECTED["paragraphs"]


def test_seed_spider_pool_is_one_removed_event_on_the_spam_topic(streaming):
    _, received, topics = streaming
    seed_events = [value for key, value in received[topics["spam"]] if value["article_id"] == "seed"]
    assert len(seed_events) == 1, seed_events
    [event] = seed_events
    [expected] = EXPECTED["spam"]
    assert event["kind"] == expected["kind"] == "seo_injection"
    assert event["action"] == "removed"
    [evidence] = event["evidence"]
    assert (evidence["start"], evidence["end"]) == (expected["content_start"], expected["content_end"])
    assert evidence["excerpt"] == SEED[expected["content_start"] : expected["content_end"]]
    _, article = articles_by_id(received, topics)["seed"]
    assert article["spam"]["event_ids"] == [event["event_id"]]
    assert "蜘蛛池" not in orjson.dumps(article).decode()


def test_bad_messages_reach_the_dlq_and_the_next_good_one_is_processed(streaming):
    _, received, topics = streaming
    letters = received[topics["dlq"]]
    assert [letter["error"]["kind"] for _, letter in letters] == [kind for _, _, kind in BAD_MESSAGES]
    for key, letter in letters:
        assert key == b"same-partition" and letter["key"] == "same-partition"
        assert letter["source"]["topic"] == topics["raw"]
        assert letter["source"]["offset"] is not None and letter["error"]["message"]
    assert "good-after-bad" in articles_by_id(received, topics)


def test_every_emitted_message_validates_against_its_schema(streaming):
    _, received, topics = streaming
    for name, topic in (("article", "clean"), ("spam_event", "spam"), ("dead_letter", "dlq")):
        assert received[topics[topic]], f"nothing on {topic}"
        for _, value in received[topics[topic]]:
            assert_valid(name, value)


def test_health_and_metrics_endpoints(streaming):
    worker, _, topics = streaming
    status, body = worker.get("/healthz")
    assert status == 200 and orjson.loads(body)["status"] == "ok"
    status, body = worker.get("/metrics")
    text = body.decode()
    assert status == 200
    assert f'newsworker_messages_in_total{{topic="{topics["raw"]}"}} 7.0' in text
    assert 'newsworker_dead_letters_total{reason="not_json"} 1.0' in text
    assert 'newsworker_spam_events_total{action="removed",kind="seo_injection"} 1.0' in text
    assert "newsworker_processing_seconds_count 7.0" in text


def test_sigterm_drains_and_a_restarted_worker_loses_nothing(kafka_bootstrap, unique_topics, tmp_path):
    raw, topics, env = own_topics(kafka_bootstrap, unique_topics, tmp_path, "restart")
    count = 40
    messages = [
        (f"k{i}".encode(), orjson.dumps({"id": f"doc-{i}", "content": f"Headline number {i}\n\n" + GOOD_AFTER_BAD["content"]}))
        for i in range(count)
    ]
    first = start_worker(env, tmp_path / "first.log")
    produce(kafka_bootstrap, raw, messages[: count // 2])
    assert first.stop() == 0, first.log()
    assert first.process.returncode == 0 and first.process.returncode != -signal.SIGKILL
    produce(kafka_bootstrap, raw, messages[count // 2 :])
    second = start_worker(env, tmp_path / "second.log")
    try:
        received = consume(kafka_bootstrap, {topics["clean"]: count})
    finally:
        assert second.stop() == 0, second.log()
    ids = {value["article_id"] for _, value in received[topics["clean"]]}
    assert ids == {f"doc-{i}" for i in range(count)}


def test_an_output_the_broker_refuses_becomes_a_dead_letter_not_a_poison_pill(kafka_bootstrap, unique_topics, tmp_path):
    import asyncio

    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    names = {name: unique_topics[name] + "-small" for name in ("raw", "clean", "spam", "dlq")}

    async def create_small_clean_topic():
        admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
        await admin.start()
        try:
            await admin.create_topics([NewTopic(names["clean"], 1, 1, topic_configs={"max.message.bytes": "2000"})])
        finally:
            await admin.close()

    asyncio.run(create_small_clean_topic())
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "WORKER_TOPIC_RAW": names["raw"],
        "WORKER_TOPIC_CLEAN": names["clean"],
        "WORKER_TOPIC_SPAM": names["spam"],
        "WORKER_TOPIC_DLQ": names["dlq"],
        "WORKER_GROUP_ID": "it-small-" + names["raw"],
        "WORKER_DATA_DIR": str(tmp_path / "data"),
    }
    worker = start_worker(env, tmp_path / "worker.log")
    try:
        produce(kafka_bootstrap, names["raw"], [(b"big", orjson.dumps({"id": "big", "content": SEED})), (b"big", orjson.dumps(GOOD_AFTER_BAD))])
        received = consume(kafka_bootstrap, {names["dlq"]: 1, names["clean"]: 1})
    finally:
        assert worker.stop() == 0, worker.log()
    [(key, letter)] = received[names["dlq"]]
    assert key == b"big" and letter["error"]["kind"] == "output_too_large"
    assert_valid("dead_letter", letter)
    assert [value["article_id"] for _, value in received[names["clean"]]] == ["good-after-bad"]


def test_produce_and_tail_commands_round_trip(kafka_bootstrap, unique_topics, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap, "WORKER_TOPIC_RAW": unique_topics["raw"] + "-cli"}
    source = tmp_path / "in.jsonl"
    source.write_bytes(orjson.dumps({"id": "one", "content": "x"}) + b"\n" + orjson.dumps({"id": "two", "content": "y"}) + b"\n")
    produced = subprocess.run([sys.executable, "-m", "worker", "produce", str(source)], env=env, capture_output=True, timeout=120)
    assert produced.returncode == 0, produced.stderr
    tailed = subprocess.run(
        [sys.executable, "-m", "worker", "tail", "raw", "--idle", "3"], env=env, capture_output=True, timeout=120
    )
    assert tailed.returncode == 0, tailed.stderr
    assert sorted(orjson.loads(line)["id"] for line in tailed.stdout.splitlines()) == ["one", "two"]


def test_a_page_past_its_budget_is_a_timeout_dead_letter_and_does_not_hold_up_the_others(kafka_bootstrap, unique_topics, tmp_path):
    raw, topics, env = own_topics(kafka_bootstrap, unique_topics, tmp_path, "budget")
    env.update(WORKER_TOPIC_PARTITIONS="2", WORKER_CONCURRENCY="2", WORKER_MAX_PROCESSING_SECONDS="0.3")
    # About 3.4 MB of distinct lines: 1-2 s of pipeline work on the development machine, several
    # times the budget (with a budget of 1 s this page sometimes finished in time), while each of
    # the small pages takes milliseconds.
    slow = "\n".join(f"Line {n} of a very long page about item {n * 7919 % 100003} and its many parts." for n in range(50_000))
    others = [(f"k{i}".encode(), orjson.dumps({"id": f"doc-{i}", "content": f"Headline number {i}\n\n" + GOOD_AFTER_BAD["content"]})) for i in range(10)]
    worker = start_worker(env, tmp_path / "worker.log")
    try:
        produce(kafka_bootstrap, raw, [(b"slow", orjson.dumps({"id": "slow", "content": slow}))] + others)
        received = consume(kafka_bootstrap, {topics["clean"]: len(others), topics["dlq"]: 1}, timeout=120)
        status, body = worker.get("/healthz")
    finally:
        assert worker.stop() == 0, worker.log()
    (letter,) = [value for _, value in received[topics["dlq"]]]
    assert letter["error"]["kind"] == "timeout" and "budget of 0.3 s" in letter["error"]["message"]
    articles = {value["article_id"]: value for _, value in received[topics["clean"]]}
    assert set(articles) == {f"doc-{i}" for i in range(10)}
    # The other inputs were processed while the slow one was stuck, not after it.
    assert all(article["processed_at"] < letter["received_at"] for article in articles.values())
    assert status == 200 and orjson.loads(body)["timeouts"] == 1
