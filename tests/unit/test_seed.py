"""The seed page, end to end through ``worker.pipeline.process``: every field must come out right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.pipeline import process
from worker.pipeline.model import RawInput

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def _seed_dir() -> Path:
    for directory in (FIXTURES, SHARED_SEED):
        if (directory / "ecns-counterfeits.txt").exists() and (directory / "expected.json").exists():
            return directory
    pytest.skip("seed page not available")


@pytest.fixture(scope="module")
def seed() -> tuple[str, dict]:
    directory = _seed_dir()
    content = (directory / "ecns-counterfeits.txt").read_text(encoding="utf-8")
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    return content, expected


@pytest.fixture(scope="module")
def result(seed):
    content, _ = seed
    return process(RawInput(content=content))


def test_seed_is_the_documented_page(seed):
    content, _ = seed
    assert len(content) == 4995


def test_title(result, seed):
    assert result.title == seed[1]["title"]


def test_section(result, seed):
    assert result.section == seed[1]["section"]


def test_published_local_without_zone(result, seed):
    assert result.published is not None
    assert result.published.local == seed[1]["published_at_local"]
    assert result.published.absolute is None


def test_published_with_site_zone(seed):
    content, expected = seed
    zoned = process(RawInput(content=content, timezone="Asia/Shanghai"))
    assert zoned.published is not None
    assert zoned.published.absolute == expected["published_at_if_site_zone_is_Asia/Shanghai"]
    assert zoned.published.local == expected["published_at_local"]


def test_source(result, seed):
    assert result.source == seed[1]["source"]


def test_contributors(result, seed):
    assert [(c.name, c.role) for c in result.contributors] == [(c["name"], c["role"]) for c in seed[1]["contributors"]]


def test_language(result, seed):
    assert result.language == seed[1]["language"]


def test_caption_once_with_credit(result, seed):
    assert [(c.text, c.credit) for c in result.captions] == [(c["text"], c["credit"]) for c in seed[1]["captions"]]


def test_paragraphs_exactly(result, seed):
    assert [p.text for p in result.paragraphs] == seed[1]["paragraphs"]


def test_boilerplate_is_gone(result, seed):
    body = "\n".join(p.text for p in result.paragraphs)
    literal = [item for item in seed[1]["removed_as_boilerplate"] if not item.startswith("(") and not item.startswith("the ")]
    for item in literal:
        if len(item) > 3:
            assert item not in body, item
    assert seed[1]["captions"][0]["text"] not in body  # the caption is not body text, in either copy
    assert "Politics" not in body.split()  # the section menu


def test_injected_spam_not_in_article(result):
    body = "\n".join(p.text for p in result.paragraphs)
    assert "蜘蛛池" not in body and "|" not in body
