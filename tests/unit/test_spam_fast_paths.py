"""The spam step's fast paths compute exactly what their plain versions did.

The probes, counters and tokenizers below run on every page, so they were rewritten for speed
(lookup tables, one-pass byte counting, fewer calls). Each test compares a fast path with a
straightforward reference written here, on hand-picked cases and on generated text.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.model import Block
from worker.pipeline.spam import separator_runs
from worker.pipeline.spam.advert import has_offer_mark
from worker.pipeline.spam.context import BlockTerms, PageContext
from worker._native import spam_probes
from worker.pipeline.spam import probe
from worker.pipeline.spam.statistics import (
    MIN_GIBBERISH_CHARS,
    MIN_STUFFING_CHARS,
    ngrams,
    repeated_tokens,
    repetition_probe,
    spaced_repetition_probe,
    vowel_probe,
)
from worker.pipeline.spam.vocab import MATCHER, WORD_BYTES, is_word_byte

# Alphabets that exercise the branches: ASCII words, separators, line breaks, Han, offer marks.
SAMPLE_CHARS = "abcdeUSDRp xyz,|;\n！%$元万宝马会一二三 .!"
sample_text = st.text(alphabet=SAMPLE_CHARS, max_size=400)


def reference_separator_runs(joined: str, separator: str, max_piece: int, enough: int) -> set[int]:
    lines, run, offset = set(), 0, 0
    for piece in joined.split(separator):
        offset += len(piece) + len(separator)
        if len(piece) <= max_piece and "\n" not in piece:
            run += 1
            if run == enough:
                lines.add(joined.count("\n", 0, offset))
        else:
            run = 1 if "\n" in piece else 0
    return lines


def test_separator_runs_finds_the_line_of_a_comma_list():
    joined = "An honest sentence, with a comma.\na, b, c, d, e, f, g\nmore prose"
    assert separator_runs(joined, ",", 24, 6) == {1}
    assert separator_runs("a, b, c, d, e", ",", 24, 6) == set()  # five items are not enough


@settings(max_examples=300, deadline=None)
@given(sample_text, st.sampled_from([",", "|", " / "]), st.integers(1, 30), st.integers(2, 7))
def test_separator_runs_matches_the_plain_loop(joined, separator, max_piece, enough):
    assert separator_runs(joined, separator, max_piece, enough) == reference_separator_runs(joined, separator, max_piece, enough)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab cd", min_size=MIN_STUFFING_CHARS, max_size=300))
def test_ascii_text_takes_the_spaced_half_of_the_repetition_probe(text):
    assert spaced_repetition_probe(text) == repetition_probe(text)


def test_spaced_repetition_probe_sees_a_recurring_phrase():
    assert spaced_repetition_probe("cheap jerseys online cheap jerseys sale cheap jerseys near me cheap jerseys best cheap jerseys")
    assert not spaced_repetition_probe("The council approved a budget of 12 million dollars for road repairs, officials said.")


OLD_OFFER_MARK = re.compile(r"[!！%$€£¥₽元万฿đ🎰🎲💰💵🔥✅🎁💯👉]|USD|usd|Rp")


@settings(max_examples=300, deadline=None)
@given(sample_text)
def test_offer_mark_test_equals_the_single_regex(text):
    assert has_offer_mark(text) == (OLD_OFFER_MARK.search(text) is not None)


def test_offer_mark_examples():
    assert has_offer_mark("Bonus 100 USD today") and has_offer_mark("hadiah Rp 5 juta") and has_offer_mark("50% off")
    assert not has_offer_mark("The mayor spoke to reporters on Monday.")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ab", "cd", "ef", "宝", "马"]), max_size=40), st.sampled_from([2, 4]))
def test_ngrams_and_repeated_tokens_match_the_sliced_versions(tokens, size):
    joiner = " " if size == 2 else ""
    expected_units = [joiner.join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    assert ngrams(tokens, size) == expected_units
    if expected_units:
        counts = Counter(expected_units)
        expected = [False] * len(tokens)
        for i, unit in enumerate(expected_units):
            if counts[unit] > 1:
                for j in range(i, i + size):
                    expected[j] = True
        assert repeated_tokens(expected_units, counts, size) == expected


def test_word_byte_table_equals_the_function():
    assert WORD_BYTES == tuple(is_word_byte(byte) for byte in range(256))
    assert WORD_BYTES[ord("a")] and WORD_BYTES[0xE5] and not WORD_BYTES[ord(" ")] and not WORD_BYTES[ord(".")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=SAMPLE_CHARS.replace("\n", "") + "的，。、ア", max_size=60), min_size=1, max_size=8))
def test_cjk_chars_counts_lead_bytes_e3_to_e9(lines):
    ctx = PageContext([Block(text=line, start=0, end=len(line)) for line in lines], is_html=False)
    data = "\n".join(lines).encode("utf-8")
    assert ctx.cjk_chars == sum(data.count(bytes([lead])) for lead in range(0xE3, 0xEA))


def test_block_terms_count_each_term_once_and_every_separator():
    terms = BlockTerms()
    for _, term in MATCHER.find("judi online | judi online | slot gacor | daftar"):
        terms.add(term)
    assert terms.separators == {"|": 3}
    assert terms.counts["gambling"] == len({t.text for _, t in MATCHER.find("judi online slot gacor") if t.kind == "gambling"})
    kind, weight = terms.promotion()
    assert kind == "gambling" and weight == terms.weights["gambling"] > 0
    assert BlockTerms().promotion() == ("", 0.0)


def reference_block_probes(texts: list[str]) -> tuple[list[int], list[int]]:
    """The per-block loop of spam.probe as it was written in Python, from statistics' probes."""
    stuffing, gibberish = [], []
    for index, text in enumerate(texts):
        size = len(text)
        if size < MIN_GIBBERISH_CHARS:
            continue
        tail = text[-min(probe.STUFFING_TAIL, size >> 1):] if size >= 2 * MIN_STUFFING_CHARS else ""
        if text.isascii():
            if size >= MIN_STUFFING_CHARS and (spaced_repetition_probe(text) or tail and spaced_repetition_probe(tail)):
                stuffing.append(index)
        elif repetition_probe(text) or tail and repetition_probe(tail):
            stuffing.append(index)
        last = probe.GIBBERISH_TAIL
        if text.count("e") < 0.04 * size and vowel_probe(text):
            gibberish.append(index)
        elif size >= 2 * last and text.count("e", size - last) < 0.04 * last and vowel_probe(text[-last:]):
            gibberish.append(index)
        elif size >= 2 * MIN_GIBBERISH_CHARS:
            cut = text.rfind(". ", 0, size - 1) + 2
            if cut >= 2 and size - cut >= MIN_GIBBERISH_CHARS and text.count("e", cut) < 0.04 * (size - cut) and vowel_probe(text[cut:]):
                gibberish.append(index)
    return stuffing, gibberish


# Letters prose rarely uses, vowels, a full stop, CJK (in and out of the probe's range), the two
# non-ASCII characters that lower-case to ASCII letters, an astral character (4-byte strings).
PROBE_CHARS = "jkqvwxz bcdfg ae. 的中文。カ\u2e80\u9fff\ua000é\u0130\u212a\U0001f600"
# Repeated pieces make the repetition probes fire; random ones exercise the rest.
probe_text = st.lists(st.sampled_from(["cheap jerseys ", "热门城市", "xkqzv brmnw ", "The council said. "]) | st.text(alphabet=PROBE_CHARS, max_size=30), max_size=40).map("".join)


def test_compiled_block_probes_find_stuffing_and_gibberish():
    stuffed = "cheap jerseys online cheap jerseys sale cheap jerseys near me cheap jerseys best cheap jerseys"
    garbled = "xkqzvt brmnwpl tzrkq vbnmxz qwrtpl zxcvbn mnbvcx lkjhgf"
    honest = "The council approved a budget of 12 million dollars for road repairs, officials said on Tuesday."
    assert spam_probes([honest, stuffed, garbled], probe.PROBE_LIMITS) == ([1], [2])
    # A long paragraph whose last 100 characters are half prose: the text after its last full stop
    # is probed all the same.
    glued = honest + " " + honest + " " + garbled
    assert len(glued) >= 2 * probe.GIBBERISH_TAIL
    assert spam_probes([glued], probe.PROBE_LIMITS)[1] == [0] == reference_block_probes([glued])[1]


@settings(max_examples=500, deadline=None)
@given(st.lists(probe_text, max_size=6))
def test_compiled_block_probes_match_the_python_probes(texts):
    assert spam_probes(texts, probe.PROBE_LIMITS) == reference_block_probes(texts)
