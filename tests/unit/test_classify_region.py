"""Block classes (``segment.classify``), the body-region search and the context-sensitive keep (``segment.region``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.model import Block
from worker.pipeline.segment.classify import (
    CLASSIFIER,
    JUNK,
    MIN_FUNCTION_RATIO,
    PROSE,
    SHORT,
    TINY,
    _full_of_function_words,
    _function_ratio,
    _letters,
    _shouting,
    classify_blocks,
    legal_notice,
    may_hold_unspaced,
)
from worker.pipeline.segment.region import article_end, body_blocks, end_cue, find_body, list_items, main_region, time_stamp, weights
from worker.pipeline.textfacts import UNSPACED_CHAR, unspaced_count


def classified(blocks: list[Block]) -> tuple[list, list[float]]:
    """Classify the blocks; their kinds and sizes as lists (what the region helpers take)."""
    classify_blocks(blocks)
    return [block.kind for block in blocks], [block.words for block in blocks]

ENGLISH_PARAGRAPH = (
    "The city council voted on Tuesday to expand the bus network, a decision that will add "
    "twelve new routes and is expected to cut commuting times for thousands of residents."
)
GERMAN_PARAGRAPH = (
    "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen, und die neuen Linien "
    "sollen schon im Frühjahr den Betrieb aufnehmen, wie die Verwaltung mitteilte."
)
CHINESE_PARAGRAPH = "市政府周二宣布，将在今年年底前新增十二条公交线路，这一决定预计将为数千名居民缩短通勤时间。"


def kinds_of(*texts: str) -> list:
    return classified([Block(text=t, start=0, end=len(t)) for t in texts])[0]


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


def test_legal_notices_without_a_copyright_sign_leave_the_body_but_reporting_about_policies_stays():
    notice = (
        "The material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, "
        "except with the prior written permission of Example Media."
    )
    policy_news = "The company said on Tuesday that it would change its privacy policy and terms of use after the ruling."
    assert legal_notice(notice) and legal_notice("ALLE RECHTE VORBEHALTEN. Nachdruck nur mit Genehmigung.")
    assert legal_notice("版权所有，未经许可不得转载")
    assert not legal_notice(policy_news)
    texts = [ENGLISH_PARAGRAPH, policy_news, ENGLISH_PARAGRAPH.replace("The", "A"), notice]
    blocks = [Block(text=t, start=0, end=len(t)) for t in texts]
    kinds, sizes = classified(blocks)
    body, _, _, _ = find_body(blocks)
    assert [texts[index] for index in body] == texts[:3]


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
    kinds, sizes = classified(blocks)
    assert len(kinds) == len(sizes) == len(blocks)
    assert set(kinds) <= {JUNK, SHORT, PROSE, TINY}
    start, end = main_region(weights(kinds, sizes))
    assert all(kinds[i] != JUNK for i in body_blocks(kinds, start, end))
    kept, start, end, _ = find_body(blocks)
    assert all(start <= i < end and kinds[i] != JUNK for i in kept)


# ---------------------------------------------------------------------------------------------
# Where the article ends, lists, interview questions

ARTICLE = [
    "The city council voted on Tuesday to expand the bus network, a decision that will add twelve new "
    "routes and is expected to cut commuting times for thousands of residents across the region.",
    "Supporters of the plan said it was long overdue, and that people have been waiting for years for a "
    "bus that actually comes on time, according to the chair of the transport committee.",
    "Critics warned that the cost of the expansion, estimated at 40 million dollars, could force the city "
    "to raise fares or to cut other services in the next budget, which is due in the spring.",
]
COMMENTS = [
    "This is the best news I have heard all year, and I hope they add a route to the airport as well.",
    "I doubt that the buses will be any more punctual than they are now, but we will see about that.",
    "Why does the council always spend money on buses when the roads are in such a bad state this year?",
    "My daughter takes the bus to school every day and it is always late, so this can only help us.",
]


def page(lines: list[str]) -> list[Block]:
    return [Block(text=line, start=0, end=len(line)) for line in lines]


def body_texts(lines: list[str]) -> list[str]:
    blocks = page(lines)
    kinds, sizes = classified(blocks)
    kept, _, _, _ = find_body(blocks)
    return [blocks[index].text for index in kept]


def test_section_cues_in_several_languages():
    for line in ("Comments", "12 Comments", "[ 167 comments ]", "Related articles", "Related: Five bus routes to try",
                 "Read more", "You may also like", "Kommentare", "Lesen Sie auch", "À lire aussi", "Noticias relacionadas",
                 "Leia também", "Читайте также", "相关新闻", "関連記事", "34 responses to “Bus plan”"):
        assert end_cue(line), line
    for line in ("Relatedly, the mayor said", "Commentary", "Readers", ARTICLE[0], "Most of the routes"):
        assert not end_cue(line), line


def test_time_stamps():
    for line in ("November 19, 2019 at 6:34 am", "2 days ago at 07:52 am", "Alex on May 3, 2018 at 16:20 said:",
                 "vor 3 Stunden", "il y a 2 jours", "3小时前", "5 минут назад"):
        assert time_stamp(line), line
    for line in ("November 19, 2019", "Score: 3-1", "Page 12 of 40", "x" * 200 + " 10:30"):
        assert not time_stamp(line), line


def test_comment_form_and_short_comments_after_a_heading_are_not_body():
    lines = ["Home", "News", *ARTICLE, "12 Comments", "jane_doe", "Great news for the city!", "bob",
             "About time, frankly.", "Leave a reply", "Your email address will not be published.", "Name", "Email"]
    assert body_texts(lines) == ARTICLE


def test_comment_thread_of_time_stamped_posts_is_not_body():
    lines = [*ARTICLE]
    for number, comment in enumerate(COMMENTS):
        lines += [f"reader{number} says:", f"November 19, 2019 at {number + 6}:34 am", comment]
    assert body_texts(lines) == ARTICLE


def test_inline_related_link_does_not_end_the_article():
    lines = [ARTICLE[0], ARTICLE[1], "Related: Five things to know about the new routes", ARTICLE[2], COMMENTS[0]]
    blocks = page(lines)
    kinds, sizes = classified(blocks)
    assert article_end(blocks, kinds, sizes, 0, len(blocks)) == len(blocks)
    assert body_texts(lines)[-2:] == [ARTICLE[2], COMMENTS[0]]


def test_teasers_after_a_related_heading_are_cut_even_with_summaries():
    lines = [*ARTICLE, "Related stories", "Mayor promises to fix potholes", "The mayor said on Monday that all of the "
             "potholes would be fixed.", "Snow expected this weekend", "Forecasters said that up to a foot of snow "
             "could fall on the region."]
    assert body_texts(lines) == ARTICLE


def test_numbered_bulleted_and_dated_lists_inside_an_article_are_kept():
    numbered = ["1. Buy a monthly pass", "2. Check the timetable online", "3. Arrive five minutes early"]
    bullets = ["• Route 12 to the airport", "• Route 14 to the university", "• Route 20 to the harbour"]
    dated = ["June 9 – West Palm Beach, FL", "June 10 – Tampa, FL", "June 14 – Alpharetta, GA"]
    lines = [ARTICLE[0], *numbered, ARTICLE[1], *bullets, ARTICLE[2], *dated]
    assert body_texts(lines) == lines


def test_lists_need_rising_numbers_or_a_shared_shape():
    blocks = page(["3 Bus news", "7 Weather", "12 Sport", "Home", "- Menu", "News"])
    kinds, _ = classified(blocks)
    assert list_items(blocks, kinds) == []


def test_a_question_asked_of_every_guest_is_kept():
    question = "What made you start cooking for other people?"
    lines = [ARTICLE[0], question, ARTICLE[1], question, ARTICLE[2]]
    assert body_texts(lines) == lines


def test_a_caseless_script_naming_an_acronym_is_not_a_line_in_capitals():
    korean = "다만 MBC 드라마는 방영을 시작한 지 얼마 되지 않았지만 벌써 지쳐가는 인상이다. 여주인공의 연기는 그녀의 히트작을 떠올리게 한다."
    assert kinds_of(korean, "CLICK HERE TO GET THE NEWS APP ON YOUR PHONE TODAY") == [PROSE, JUNK]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*ARTICLE, *COMMENTS, "Comments", "Related", "Home", "1. Step one", "2. Step two",
                                 "3. Step three", "May 3, 2019 at 6:30 pm", "Read more: bus news"]), max_size=30))
def test_body_is_ordered_inside_its_region_and_holds_no_junk(lines):
    blocks = page(lines)
    kinds, sizes = classified(blocks)
    kept, start, end, _ = find_body(blocks)
    assert kept == sorted(set(kept))
    assert all(start <= index < end and kinds[index] != JUNK for index in kept)


# The fast feature tests must agree exactly with the plain definitions they stand in for.
TEXT_ALPHABET = st.characters(min_codepoint=0x20, max_codepoint=0xFFFF)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TEXT_ALPHABET, max_size=80))
def test_fast_unspaced_tests_agree_with_the_regex(text):
    assert may_hold_unspaced(text) == (UNSPACED_CHAR.search(text) is not None)
    assert unspaced_count(text) == len(UNSPACED_CHAR.findall(text))


def test_unspaced_tests_on_mixed_text():
    assert not may_hold_unspaced("Here’s the “plan” – café")
    assert may_hold_unspaced("记者 Jane Doe") and may_hold_unspaced("ｶﾀｶﾅ and 豈") is True
    assert not may_hold_unspaced("ＡＢＣ fullwidth")  # EF lead byte, but not Han or kana
    assert unspaced_count("中国 and 日本の") == 5


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "of", "The", "OF", "cat", "sat", "Mat", "x", "und", "das", "é"]), max_size=40))
def test_function_word_verdict_agrees_with_the_ratio(words):
    text = " ".join(words) or "x"
    assert _full_of_function_words(text, 0) == (_function_ratio(text, 0) >= MIN_FUNCTION_RATIO)


ASCII_WORDS = st.sampled_from(["the", "of", "The", "OF", "AND", "cat", "Mat", "x", "und", "DAS", "9", ".", "|", "THE1"])
ASCII_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\x0b", "\x0c", "\x1c", "\x1f", " \r "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=200),
    st.lists(st.tuples(ASCII_WORDS, ASCII_SPACES), max_size=60).map(lambda parts: "".join(w + s for w, s in parts)),
))
def test_compiled_ascii_measures_are_pythons(text):
    """For ASCII text the compiled rules measure letters, capitals and function words themselves:
    exactly as Python's str methods (white space as str.split() has it, \x1c-\x1f included)."""
    letters, shouting, ratio = CLASSIFIER.ascii_measures(text)
    assert letters == _letters(text)
    assert shouting == _shouting(text, 0)
    try:
        assert ratio == _function_ratio(text, 0)
    except ZeroDivisionError:  # no words at all: the compiled rules ask Python, which fails alike
        assert ratio is None
    assert CLASSIFIER.ascii_measures("naïve text") is None
