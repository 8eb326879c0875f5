"""Where a page-text article ends: tail scores and the cut after the last long paragraph."""

from __future__ import annotations

import numpy as np

from bench import textend, train
from worker.pipeline.segment.features import COLUMN, FEATURES
from worker.pipeline.segment.tail import TailWords, line_words

WEIGHTS = {"newsletter": 3.0, "sign": 1.0, "related": 2.0}


def rows_with_long_prose(count: int, long_prose: list[int]) -> np.ndarray:
    rows = np.zeros((count, len(FEATURES)))
    rows[long_prose, COLUMN["long_prose"]] = 1
    return rows


def test_a_lines_tail_score_is_the_mean_weight_of_its_distinct_words():
    words = TailWords(WEIGHTS, 1.0)
    assert words.score("Sign up for our Newsletter newsletter") == (1.0 + 3.0) / 5  # sign up for our newsletter
    assert words.score("") == 0.0 and words.score("The council voted") == 0.0
    assert line_words("新闻 News") == {"新", "闻", "news"}  # a Han character alone


def test_the_cut_drops_kept_lines_from_the_first_tail_line_after_the_last_long_paragraph():
    texts = textend.blocks_of(["Title", "para one", "Related", "para two", "a caption", "Newsletter", "Story A", "Story B"])
    rows = rows_with_long_prose(len(texts), [1, 3])
    words = TailWords(WEIGHTS, 1.5)
    # "Related" sits between two long paragraphs: not the end; "Newsletter" after the last one is
    assert words.cut(texts, rows, [0, 1, 2, 3, 4, 5, 6, 7]) == [0, 1, 2, 3, 4]
    assert words.cut(texts, rows, [1, 3, 6]) == [1, 3]  # a dropped tail line still marks the end
    assert TailWords(WEIGHTS, 3.5).cut(texts, rows, [1, 3, 6]) == [1, 3, 6]  # nothing scores that high
    assert words.cut(texts, rows_with_long_prose(len(texts), []), [0, 5, 6]) == [0, 5, 6]  # no long paragraph kept
    assert words.cut(texts, rows, []) == []


def test_tail_words_weigh_words_of_lines_after_the_gold_body_against_its_lines():
    pages = []
    for number in range(10):
        texts = [f"Headline {number}", "the mayor said the plan works", "Sign up for the newsletter", "More stories"]
        record = train.PageRecord(str(number), "wcxb", "text", "tune", "article", number, "", None, texts)
        record.labels = np.array([0.0, 1.0, 0.0, 0.0])
        pages.append(record)
    weights = textend.fit_tail_words(pages)
    assert weights["newsletter"] > 0 and weights["stories"] > 0
    assert "mayor" not in weights  # body words get no weight
    assert "the" not in weights  # in the body and the tail of every page: log odds 0
    assert "headline" not in weights  # before the body: neither class
