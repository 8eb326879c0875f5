"""The shipped extraction models on real pages they were not fitted on (skipped without dev data).

Floors a little under what ``python -m bench.wcxb`` and ``python -m bench.train`` report, so that
a broken model file, a feature that no longer means what the model learnt, or a regression in the
steps around the scorer fails here, while the exact figures live in docs/quality.md.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

import pytest

from worker.contracts.messages import raw_input_from_dict
from worker.devdata import DEVDATA_DIR, ground_truth, raw_pages
from worker.pipeline import process

WORD = re.compile(r"\w+")  # the wcxb benchmark's tokens

pytestmark = pytest.mark.skipif(not (DEVDATA_DIR / "wcxb").is_dir(), reason="dev data not present")


def word_f1(gold: str, predicted: str) -> float:
    truth, guess = Counter(WORD.findall(gold.lower())), Counter(WORD.findall(predicted.lower()))
    if not truth and not guess:
        return 1.0
    common = sum((truth & guess).values())
    if not common:
        return 0.0
    precision, recall = common / sum(guess.values()), common / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize(("kind", "floor"), [("html", 0.82), ("text", 0.76)])
def test_wcxb_validation_body_word_f1(kind, floor):
    gold = ground_truth("wcxb")
    scores, types = [], []
    for page in raw_pages("wcxb", kind):
        truth = gold[page["id"]]
        if truth["fold"] != "validation":
            continue
        result = process(raw_input_from_dict(page))
        scores.append(word_f1(truth["body"] or "", "\n".join(p.text for p in result.paragraphs)))
        types.append(result.page_type == truth["page_type"])
    assert len(scores) == 414
    assert statistics.fmean(scores) >= floor
    assert statistics.fmean(types) >= 0.70  # page type, from the same run
