"""`worker clean` runs the shared handler over JSON Lines files."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.schemas import assert_valid
from worker.cli import main

SEED = (Path(__file__).resolve().parent.parent / "fixtures" / "ecns-counterfeits.txt").read_text("utf-8")


def test_clean_writes_articles_spam_and_dead_letters(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        orjson.dumps({"id": "seed", "content": SEED})
        + b"\n\n"
        + b"not json\n"
        + orjson.dumps({"id": "short", "content": "One honest sentence that stands alone as the whole body."})
        + b"\n"
    )
    articles, spam, dlq = tmp_path / "a.jsonl", tmp_path / "s.jsonl", tmp_path / "d.jsonl"
    code = main(["clean", str(source), "--articles-out", str(articles), "--spam-out", str(spam), "--dlq-out", str(dlq)])
    assert code == 0
    article_lines = [orjson.loads(line) for line in articles.read_bytes().splitlines()]
    assert [a["article_id"] for a in article_lines] == ["seed", "short"]
    for article in article_lines:
        assert_valid("article", article)
    for line in spam.read_bytes().splitlines():
        assert_valid("spam_event", orjson.loads(line))
    [letter] = [orjson.loads(line) for line in dlq.read_bytes().splitlines()]
    assert letter["error"]["kind"] == "not_json"
    assert letter["source"] == {"topic": f"file:{source}", "partition": None, "offset": 3}
    assert "articles: 2" in capsys.readouterr().err


def test_clean_reads_stdin_and_writes_stdout(monkeypatch, capsysbinary):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(orjson.dumps({"content": "Hello there, a plain line of text."}) + b"\n")))
    assert main(["clean", "-q"]) == 0
    out = capsysbinary.readouterr().out
    [article] = [orjson.loads(line) for line in out.splitlines()]
    assert article["article_id"].startswith("content-")
