"""Block classes: what each block of a page reads like on its own, in any language.

A crawled page is mostly not the article: navigation menus, share and print widgets, "related" and
"most popular" teaser lists, subscription prompts, cookie banners, tag clouds, footers. Lists of
sites or phrases cannot keep up with that, so every class rests on general evidence that holds
across languages, computed in one cheap pass per block (:func:`classify_blocks`): its size in words
(a Han, Hiragana or Katakana character counts as half a word, so that a Chinese line and its
English translation weigh about the same), whether it ends like a sentence, how much in-sentence
punctuation it holds, its share of function words ("the", "de", "и", "的"...: prose is full of
them, menus and headlines are not), its share of letters, whether the same text appears elsewhere
on the page (menus, widgets and photo captions repeat; paragraphs do not), copyright signs, link
separators, and for HTML the link density.

The classes (:class:`~worker.pipeline.model.BlockKind`): PROSE (reads like a paragraph), SHORT
(undecided: a subheading, a one-line quote, a headline), TINY (one or two words seen once: a menu
item, or a terse subheading) and JUNK (strong evidence of chrome). :mod:`.region` finds the body
from them. Legal notices without a copyright sign ("may not be reproduced...") are recognised by
:func:`legal_notice` and dropped from the body there.

Speed: the most expensive features come last and only for blocks that need them: the many one-
and two-word menu lines are settled after a handful of string operations. The rules run in
compiled code (native/src/classify.rs, with this module's thresholds and vocabulary): as a Python
loop they were the costliest per-block step of the pipeline after the feature table. For text
that is not ASCII the compiled code asks this module's measures (size in words, letters,
capitals, function words), so every script keeps Python's meaning of those.
"""

from __future__ import annotations

import ahocorasick_rs

from worker._native import BlockClassifier
from worker.pipeline.model import Block, BlockKind
from worker.pipeline.textfacts import (
    CJK_LEAD_BYTES,
    SPACED_WORD,
    UNSPACED_CHAR,
    load_json,
    prose_function_words,
    unspaced_count,
)

CUES = load_json("boilerplate_cues.json")  # page furniture vocabulary, several languages

# The first bytes of Han/kana characters in UTF-8 (E3-E9: U+3000-U+9FFF, EF: U+F000-U+FFFF, where
# the compatibility ideographs are).
UNSPACED_LEAD_BYTES = CJK_LEAD_BYTES + b"\xef"

# Punctuation a sentence (or a paragraph) ends with, closing quotes and brackets after it included.
SENTENCE_END = frozenset('.!?。！？…"”’»」』')

# Function words (see textfacts.prose_function_words): prose in their languages is 30-55% of them.
FUNCTION_WORDS, UNSPACED_FUNCTION_CHARS = prose_function_words()

# Classes.
# Phrases of footers' legal notices, in several languages, lowercased (see _legal_notice).
LEGAL_PHRASES = tuple(CUES["legal_phrases"])
# Case-stable pieces of those phrases: a block holding none of them is no legal notice.
LEGAL_MARKERS = tuple(CUES["legal_markers"])
MAX_LEGAL_NOTICE_CHARS = 300
# Any of the markers, in one scan of an Aho-Corasick automaton (compiled code: 2.5x faster on the
# AEB pages' short lines than one regular expression of the markers, and than a test per marker).
LEGAL_MARKER_SCAN = ahocorasick_rs.AhoCorasick(list(LEGAL_MARKERS))

PROSE, SHORT, TINY, JUNK = BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK

# Function-word share above which a block reads like prose, and the page-level average below which
# the page's language is taken to be one without a list (then the test is not used).
MIN_FUNCTION_RATIO = 0.12
# The ratio is estimated on the block's first characters (about 25 words): enough to tell.
FUNCTION_SAMPLE_CHARS = 150
# When only the verdict (enough function words or not) is wanted, the first words are counted
# first: in prose they usually settle it.
FIRST_WORDS_CHECKED = 10
# A block with more than this share of its text in links is a link list (junk).
MAX_LINK_DENSITY = 0.5
# Lines shorter than this (in characters) are looked at for a copyright mark or link separators.
MAX_BREADCRUMB_CHARS = 300
# Sizes (in words): below MIN_SENTENCE_WORDS a line is too short to tell a sentence from a label;
# from MIN_PROSE_WORDS a line with function words and punctuation reads as prose; from
# LONG_BLOCK_WORDS a block is a paragraph unless it has neither function words nor punctuation.
MIN_SENTENCE_WORDS = 6
MIN_PROSE_WORDS = 8
LONG_BLOCK_WORDS = 30
UNKNOWN_LANGUAGE_FUNCTION_RATIO = 0.08
# Blocks of this many words or more are the sample of that page-level check.
SAMPLED_BLOCK_WORDS = 15
# How many of those blocks the page-level check looks at; once their ratios add up to this total,
# the sample cannot average below the threshold any more and sampling stops.
LANGUAGE_SAMPLE_BLOCKS = 8
KNOWN_LANGUAGE_TOTAL = LANGUAGE_SAMPLE_BLOCKS * UNKNOWN_LANGUAGE_FUNCTION_RATIO
# A repeated question of this many words or more, answered by a paragraph, is an interview's
# question (asked of each guest in turn), not a repeated widget.
QUESTION_MARKS = frozenset("?？؟")
MIN_QUESTION_WORDS = 3


def classify_blocks(blocks: list[Block]) -> None:
    """Set every block's ``kind`` (PROSE, SHORT, TINY, JUNK) and ``words`` (its size in words).

    One pass over the blocks, most expensive features last and only for blocks that need them:
    the many one- and two-word menu lines are settled after a handful of operations. A second
    pass is needed only on pages whose language has no function-word list (there the
    function-word test is dropped). Last, a repeated question answered by a paragraph (an
    interview series) is a short line, not repeated junk.

    The rules run in compiled code (``worker._native.BlockClassifier``, native/src/classify.rs),
    with the thresholds and vocabulary of this module; for text that is not ASCII it asks this
    module's measures (:func:`_size`, :func:`_letters`, :func:`_shouting`,
    :func:`_function_ratio`, :func:`_full_of_function_words`), so that every script is read with
    Python's meaning of letters, cases and words.
    """
    CLASSIFIER.classify(blocks)


def _size(text: str) -> tuple[float, int]:
    """Size in words (Han/Hiragana/Katakana characters count half a word) and the count of those."""
    if text.isascii():
        return float(text.count(" ") + 1), 0
    if not may_hold_unspaced(text):  # accents, curly quotes: still a spaced script
        return float(text.count(" ") + 1), 0
    unspaced = unspaced_count(text)
    return unspaced / 2 + len(SPACED_WORD.findall(text)), unspaced


def may_hold_unspaced(text: str) -> bool:
    """Whether the text may hold Han, Hiragana or Katakana characters: a faster test than the
    regex for the long lines of spaced scripts with a few curly quotes or accents, which have
    none of those characters' UTF-8 lead bytes."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, UNSPACED_LEAD_BYTES)) == len(data):
        return False
    return UNSPACED_CHAR.search(text) is not None


def legal_notice(text: str) -> bool:
    """Whether a block is a short legal notice: rights reserved, no reproduction without
    permission. Only phrases that never occur in reporting, so an article sentence about a
    company's "privacy policy" stays. Run on the body's blocks only (a marker test first): the
    copyright sign already marks most footers as junk for the region search."""
    if len(text) >= MAX_LEGAL_NOTICE_CHARS or not LEGAL_MARKER_SCAN.find_matches_as_indexes(text):
        return False
    lowered = text.lower()
    return any(phrase in lowered for phrase in LEGAL_PHRASES)


def _letters(text: str) -> int:
    """How many letters the text holds."""
    return sum(map(str.isalpha, text))


def _shouting(text: str, unspaced: int) -> bool:
    """Whether a line is in capitals (a promotion, "CLICK HERE TO GET THE APP", not a subheading):
    upper case, and capitals most of its letters (``str.isupper`` alone also holds for a Korean or
    Arabic paragraph that names "MBC" or "UN": those scripts have no case)."""
    return not unspaced and text.isupper() and 2 * sum(map(str.isupper, text)) > sum(map(str.isalpha, text))


def _full_of_function_words(text: str, unspaced: int) -> bool:
    """``_function_ratio(text, unspaced) >= MIN_FUNCTION_RATIO``, sooner: prose usually has enough
    function words among its first few words for the verdict, so those are counted first."""
    if unspaced:
        return _function_ratio(text, unspaced) >= MIN_FUNCTION_RATIO
    parts = text[:FUNCTION_SAMPLE_CHARS].lower().split()
    if len(parts) > 3:
        parts.pop()  # may be cut in the middle
    is_function_word = FUNCTION_WORDS.__contains__
    # The hits among the first words are a lower bound of the hits among all.
    hits = sum(map(is_function_word, parts[:FIRST_WORDS_CHECKED]))
    if hits / len(parts) >= MIN_FUNCTION_RATIO:
        return True
    hits += sum(map(is_function_word, parts[FIRST_WORDS_CHECKED:]))
    return hits / len(parts) >= MIN_FUNCTION_RATIO


def _function_ratio(text: str, unspaced: int) -> float:
    """Share of function words among the first words (for Chinese/Japanese: characters, scaled)."""
    if unspaced:
        sample = text[:80]
        hits = sum(map(UNSPACED_FUNCTION_CHARS.__contains__, sample))
        return min(1.0, 2.5 * hits / max(1, unspaced_count(sample)))
    parts = text[:FUNCTION_SAMPLE_CHARS].lower().split()
    if len(parts) > 3:
        parts.pop()  # may be cut in the middle
    return sum(map(FUNCTION_WORDS.__contains__, parts)) / len(parts)


CLASSIFIER = BlockClassifier(
    {
        "min_function_ratio": MIN_FUNCTION_RATIO, "function_sample_chars": FUNCTION_SAMPLE_CHARS,
        "min_sentence_words": MIN_SENTENCE_WORDS, "min_prose_words": MIN_PROSE_WORDS,
        "long_block_words": LONG_BLOCK_WORDS, "unknown_language_function_ratio": UNKNOWN_LANGUAGE_FUNCTION_RATIO,
        "language_sample_blocks": LANGUAGE_SAMPLE_BLOCKS, "known_language_total": KNOWN_LANGUAGE_TOTAL,
        "min_question_words": MIN_QUESTION_WORDS, "max_link_density": MAX_LINK_DENSITY,
        "sampled_block_words": SAMPLED_BLOCK_WORDS, "max_breadcrumb_chars": MAX_BREADCRUMB_CHARS,
    },
    sorted(FUNCTION_WORDS), "".join(sorted(SENTENCE_END)), "".join(sorted(QUESTION_MARKS)), UNSPACED_LEAD_BYTES,
    [PROSE, SHORT, TINY, JUNK],
    [_size, _letters, _shouting, _function_ratio, _full_of_function_words],
)
