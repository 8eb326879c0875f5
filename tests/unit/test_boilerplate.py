"""Block classes, the body-region search and the context-sensitive keep of ``boilerplate``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.boilerplate import (
    JUNK,
    PROSE,
    SHORT,
    TINY,
    body_blocks,
    classify_blocks,
    main_region,
    weights,
)
from worker.pipeline.model import Block

ENGLISH_PARAGRAPH = (
    "The city council voted on Tuesday to expand the bus network, a decision that will add "
    "twelve new routes and is expected to cut commuting times for thousands of residents."
)
GERMAN_PARAGRAPH = (
    "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen, und die neuen Linien "
    "sollen schon im Frühjahr den Betrieb aufnehmen, wie die Verwaltung mitteilte."
)
CHINESE_PARAGRAPH = "市政府周二宣布，将在今年年底前新增十二条公交线路，这一决定预计将为数千名居民缩短通勤时间。"


def kinds_of(*texts: str) -> list[int]:
    return classify_blocks([Block(text=t, start=0, end=len(t)) for t in texts])[0]


def test_prose_in_several_languages_is_prose():
    assert kinds_of(ENGLISH_PARAGRAPH, GERMAN_PARAGRAPH, CHINESE_PARAGRAPH) == [PROSE, PROSE, PROSE]


def test_menu_items_and_widgets_are_tiny_or_junk():
    kinds = kinds_of("Home", "Sport", "Politik", "首页", "Print", "Share", "12", "Home")
    assert kinds == [JUNK] + [TINY] * 6 + [JUNK]  # seen twice: junk; once: tiny (may be a subheading)


def test_footer_lines_are_junk():
    kinds = kinds_of(
        "Copyright © 2024 Example Media Group. All rights reserved.",
        "© 2024 Beispiel Verlag GmbH",
        "About Us | Contact | Privacy Policy | Terms of Use",
        "版权所有 © 2005 新浪网",
    )
    assert kinds == [JUNK] * 4


def test_repeated_lines_are_junk_even_when_long():
    caption = "The mayor speaks to reporters outside city hall after the vote on Tuesday, which passed narrowly."
    kinds = kinds_of(caption, ENGLISH_PARAGRAPH, caption)
    assert kinds[0] == JUNK and kinds[2] == JUNK and kinds[1] == PROSE


def test_long_line_in_capitals_is_a_promotion():
    assert kinds_of("CLICK HERE TO GET THE NEWS APP ON YOUR PHONE TODAY") == [JUNK]


def test_headline_without_sentence_end_is_not_prose():
    # A teaser headline has a comma and function words but does not end like a sentence.
    assert kinds_of("Apple cuts the price of its new earbuds, and you can grab a pair for only $199") == [SHORT]


def test_subheading_is_short():
    assert kinds_of("What happens next for the bus network") == [SHORT]


def test_unknown_language_falls_back_to_punctuation():
    # No function-word list covers this (made-up) language: prose is recognised by length and punctuation.
    paragraph = " ".join(["zorblat kwenni mupraxa, dellivor smoot quandary."] * 6)
    assert kinds_of(paragraph, paragraph + " extra ending.")[1] == PROSE


def test_main_region_is_the_maximum_sum_run():
    assert main_region([-4, -4, 10, -2, 20, -8, -8, 5]) == (2, 5)
    assert main_region([-1, -2]) == (0, 0)
    assert main_region([]) == (0, 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=-50, max_value=50, allow_nan=False), max_size=25))
def test_main_region_sum_is_maximal(values):
    start, end = main_region(values)
    assert 0 <= start <= end <= len(values)
    best = max([0.0] + [sum(values[i:j]) for i in range(len(values)) for j in range(i + 1, len(values) + 1)])
    assert abs(sum(values[start:end]) - best) < 1e-6


def test_weights_discount_lone_prose_and_grow_along_runs():
    kinds = [JUNK, JUNK, JUNK, PROSE, SHORT, PROSE, PROSE]
    result = weights(kinds, [1, 1, 1, 30, 4, 30, 30])
    assert result[0] > result[1] > result[2]  # each further junk line costs more
    assert result[3] < 30  # a lone paragraph (between junk and a subheading) is worth less
    assert result[5] == 30 and result[6] == 30


def test_body_keeps_short_blocks_between_prose_only():
    kinds = [SHORT, PROSE, SHORT, PROSE, JUNK, SHORT, SHORT, SHORT, SHORT, PROSE, SHORT]
    kept = body_blocks(kinds, 0, len(kinds))
    assert kept == [1, 2, 3, 9]


def test_body_keeps_a_lone_tiny_line_between_paragraphs_but_not_a_run():
    kinds = [PROSE, TINY, PROSE, TINY, TINY, PROSE, TINY]
    assert body_blocks(kinds, 0, len(kinds)) == [0, 1, 2, 5]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80).map(str.strip).filter(bool), max_size=40))
def test_classification_is_total(texts):
    blocks = [Block(text=t, start=0, end=len(t)) for t in texts]
    kinds, sizes = classify_blocks(blocks)
    assert len(kinds) == len(sizes) == len(blocks)
    assert set(kinds) <= {JUNK, SHORT, PROSE, TINY}
    start, end = main_region(weights(kinds, sizes))
    assert all(kinds[i] != JUNK for i in body_blocks(kinds, start, end))
