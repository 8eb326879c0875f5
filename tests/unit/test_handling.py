"""The shared input→outputs handler: every input is accounted for, every output fits its schema."""

from __future__ import annotations

import base64
from datetime import datetime, timezone
from pathlib import Path

import orjson
import pytest

from tests.schemas import assert_valid
from worker.handling import HandlerSettings, SourceRef, article_id_for, handle
from worker.pipeline.model import RawInput

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = (FIXTURES / "ecns-counterfeits.txt").read_text("utf-8")
FIXED_NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def run(value, key=None, **settings):
    return handle(value, key, settings=HandlerSettings(**settings), source=SourceRef("articles.raw", 2, 41), clock=lambda: FIXED_NOW)


def test_seed_page_gives_one_valid_article():
    outcome = run(orjson.dumps({"id": "seed", "content": SEED, "url": "http://www.ecns.cn/a.shtml"}))
    assert not outcome.dead_letters
    [(key, article)] = outcome.articles
    assert key == "seed" and article["article_id"] == "seed"
    assert_valid("article", article)
    for _, event in outcome.spam_events:
        assert_valid("spam_event", event)
        assert event["article_id"] == "seed"
        for evidence in event["evidence"]:
            assert SEED[evidence["start"] : evidence["end"]] == evidence["excerpt"]
    assert article["spam"]["event_ids"] == [event["event_id"] for _, event in outcome.spam_events]


@pytest.mark.parametrize(
    "value, kind",
    [
        (b"\xff\xfe\x00garbage", "not_utf8"),
        (b"{not json", "not_json"),
        (b"[1, 2]", "schema"),
        (b'{"content": 42}', "schema"),
        (b'{"url": "http://x"}', "schema"),
        (b'{"content": ""}', "schema"),
        (b'{"content": "x", "content_type": "application/pdf"}', "schema"),
        (b'{"content": "x", "fetched_at": "yesterday"}', "schema"),
        (b'{"content": "x", "timezone": "Mars/Olympus_Mons"}', "schema"),
        (None, "schema"),
    ],
)
def test_bad_inputs_become_dead_letters_with_a_reason(value, kind):
    outcome = run(value, key=b"k1")
    assert not outcome.articles and not outcome.spam_events
    [(key, letter)] = outcome.dead_letters
    assert key == b"k1"
    assert_valid("dead_letter", letter)
    assert letter["error"]["kind"] == kind
    assert letter["error"]["message"]
    assert letter["source"] == {"topic": "articles.raw", "partition": 2, "offset": 41}
    original = value or b""
    if letter["payload_encoding"] == "base64":
        assert base64.b64decode(letter["payload"]) == original
    else:
        assert letter["payload"].encode("utf-8") == original


def test_oversized_input_is_a_dead_letter_with_a_truncated_payload():
    value = orjson.dumps({"content": "word " * 1000})
    outcome = run(value, max_message_bytes=1000, dlq_max_payload_bytes=100)
    [(_, letter)] = outcome.dead_letters
    assert letter["error"]["kind"] == "too_large"
    assert "1000" in letter["error"]["message"]
    assert letter["payload_truncated"] is True and len(letter["payload"]) == 100
    assert_valid("dead_letter", letter)


def test_a_pipeline_exception_becomes_a_dead_letter(monkeypatch):
    import worker.handling

    def explode(raw, settings):
        raise RuntimeError("boom")

    monkeypatch.setattr(worker.handling, "process", explode)
    outcome = run(orjson.dumps({"content": "hello"}))
    [(_, letter)] = outcome.dead_letters
    assert letter["error"] == {"kind": "pipeline_error", "message": "RuntimeError: boom"}


def test_non_utf8_key_is_kept_as_base64():
    outcome = run(b"nope", key=b"\xff\x00")
    [(_, letter)] = outcome.dead_letters
    assert letter["key_encoding"] == "base64" and base64.b64decode(letter["key"]) == b"\xff\x00"


def test_unknown_extra_fields_are_ignored():
    outcome = run(orjson.dumps({"content": "A plain sentence of some length for the body.", "crawler": {"depth": 3}}))
    assert len(outcome.articles) == 1 and not outcome.dead_letters


def test_ids_are_stable_and_derived_in_order_id_url_content():
    assert article_id_for(RawInput(content="x", id="given")) == "given"
    by_url = article_id_for(RawInput(content="x", url="http://a/b"))
    assert by_url == article_id_for(RawInput(content="other", url="http://a/b")) and by_url.startswith("url-")
    by_content = article_id_for(RawInput(content="x"))
    assert by_content == article_id_for(RawInput(content="x")) != article_id_for(RawInput(content="y"))


def test_reprocessing_gives_identical_messages_apart_from_timestamps():
    value = orjson.dumps({"content": SEED, "url": "http://www.ecns.cn/a.shtml"})
    first, second = run(value), run(value)
    assert first.articles == second.articles
    assert first.spam_events == second.spam_events

