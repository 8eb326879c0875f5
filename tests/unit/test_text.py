"""Word counting (worker.pipeline.textfacts): the fast paths count exactly what the patterns they replace do."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.textfacts import WORD_PATTERN, count_words, whole_word_count

# Text mixing ASCII, the separators the fast path maps to spaces, accented letters and CJK.
MIXED_ALPHABET = st.sampled_from(list("ab Z9_-.,'\"\t") + list("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb\u2022\u00b7") + list("éßЖ中文かナ한½"))


def test_counts_runs_of_letters_and_each_cjk_character():
    assert count_words("It’s a “well-known” fact — 3.5 times") == 9  # It s a well known fact 3 5 times
    assert count_words("Fußball-WM 2018") == 3
    assert count_words("中文新闻 today") == 5
    assert count_words("") == 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED_ALPHABET, max_size=60))
def test_fast_paths_agree_with_the_unicode_pattern(text):
    assert count_words(text) == len(WORD_PATTERN.findall(text))


def test_whole_word_count_skips_names_inside_longer_words():
    assert whole_word_count("tom", "tomorrow tom said, tom_ no; tom.") == 2
    assert whole_word_count("a a", "a a a") == 1  # matches do not overlap, as findall's
    assert whole_word_count("x", "") == 0


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=MIXED_ALPHABET, min_size=1, max_size=4), st.lists(st.text(alphabet=MIXED_ALPHABET, max_size=6), max_size=8))
def test_whole_word_count_agrees_with_the_lookaround_pattern(needle, pieces):
    text = needle.join(pieces)  # the needle between random neighbours, several times
    pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
    assert whole_word_count(needle, text) == len(pattern.findall(text))
