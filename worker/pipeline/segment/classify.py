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
and two-word menu lines are settled after a handful of string operations.
"""

from __future__ import annotations

from collections import Counter

import ahocorasick_rs

from worker.pipeline.model import Block, BlockKind
from worker.pipeline.textfacts import (
    ASCII_LETTERS,
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
# Sizes (in words): below MIN_SENTENCE_WORDS a line is too short to tell a sentence from a label;
# from MIN_PROSE_WORDS a line with function words and punctuation reads as prose; from
# LONG_BLOCK_WORDS a block is a paragraph unless it has neither function words nor punctuation.
MIN_SENTENCE_WORDS = 6
MIN_PROSE_WORDS = 8
LONG_BLOCK_WORDS = 30
UNKNOWN_LANGUAGE_FUNCTION_RATIO = 0.08
# How many blocks of 15+ words the page-level check looks at; once their ratios add up to this
# total, the sample cannot average below the threshold any more and sampling stops.
LANGUAGE_SAMPLE_BLOCKS = 8
KNOWN_LANGUAGE_TOTAL = LANGUAGE_SAMPLE_BLOCKS * UNKNOWN_LANGUAGE_FUNCTION_RATIO
# A repeated question of this many words or more, answered by a paragraph, is an interview's
# question (asked of each guest in turn), not a repeated widget.
QUESTION_MARKS = frozenset("?？؟")
MIN_QUESTION_WORDS = 3


def classify_blocks(blocks: list[Block]) -> None:
    """Set every block's ``kind`` (PROSE, SHORT, TINY, JUNK) and ``words`` (its size in words).

    One pass of string methods per block, most expensive features last and only for blocks that
    need them: the many one- and two-word menu lines are settled after a handful of operations.
    A second pass is needed only on pages whose language has no function-word list (there the
    function-word test is dropped). Last, a repeated question answered by a paragraph (an
    interview series) is a short line, not repeated junk.
    """
    texts = [block.text for block in blocks]
    counts = Counter(texts)
    kinds: list[BlockKind] = []  # built here, then set on the blocks
    sizes: list[float] = []
    function_ratios: list[float] = []  # of blocks of 15+ words, for the page-level language check
    sentence_end, question_marks, classify = SENTENCE_END, QUESTION_MARKS, _classify
    questions: list[int] = []  # repeated lines that ask something
    need_ratio, sampled_total = True, 0.0
    add_kind, add_size = kinds.append, sizes.append
    for block, text in zip(blocks, texts):
        if text.isascii():
            # (str.count is slow to call: one-word blocks, the commonest, are told by "in")
            words, unspaced = (text.count(" ") + 1.0 if " " in text else 1.0), 0
            # Fast path for the commonest block of all, the one- or two-word menu item.
            if words <= 2 and text[-1] not in sentence_end and not block.heading_level:
                add_size(words)
                add_kind(JUNK if counts[text] > 1 else TINY)
                continue
        else:
            words, unspaced = _size(text)
        index = len(sizes)
        add_size(words)
        if counts[text] > 1 and (words > 2 or text[-1] in sentence_end or not block.heading_level):
            # A repeated block is junk whatever else it shows (see _classify), bar a one- or
            # two-word heading: settled here, without the call.
            add_kind(JUNK)
            if words >= MIN_QUESTION_WORDS and text[-1] in question_marks:
                questions.append(index)
            continue
        kind, ratio = classify(block, text, words, unspaced, False, True, need_ratio)
        add_kind(kind)
        if ratio is not None and words >= 15 and need_ratio:
            function_ratios.append(ratio)
            sampled_total += ratio
            # Once the sample is sure to average above the threshold, the language is a known one.
            need_ratio = len(function_ratios) < LANGUAGE_SAMPLE_BLOCKS and sampled_total < KNOWN_LANGUAGE_TOTAL
        if kind == JUNK and words >= MIN_QUESTION_WORDS and text[-1] in question_marks:
            questions.append(index)
    if function_ratios and sum(function_ratios) / len(function_ratios) < UNKNOWN_LANGUAGE_FUNCTION_RATIO:
        for index, block in enumerate(blocks):
            if sizes[index] >= 6:
                _, unspaced = _size(block.text)
                kinds[index] = _classify(block, block.text, sizes[index], unspaced, counts[block.text] > 1, False)[0]
    # An interview series asks each guest the same questions: a repeated question answered by a
    # paragraph is a short line (a subheading of the answer), not repeated junk.
    for index in questions:
        if index + 1 < len(kinds) and kinds[index + 1] == PROSE and blocks[index].link_density <= 0.5:
            kinds[index] = SHORT
    for block, kind, size in zip(blocks, kinds, sizes):
        block.kind = kind
        block.words = size


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


def _classify(
    block: Block, text: str, words: float, unspaced: int, repeated: bool, trust_function_words: bool,
    need_ratio: bool = True,
) -> tuple[BlockKind, float | None]:
    """The class of one block from its own features, and its function-word ratio when computed."""
    ends_sentence = text[-1] in SENTENCE_END
    if block.link_density > 0.5:
        return JUNK, None
    if words <= 2 and not ends_sentence:
        if block.heading_level:
            return SHORT, None
        return (JUNK if repeated else TINY), None
    chars = len(text)
    ascii_text = text.isascii()  # then "©", "版权", "›" and "»" need no looking for
    if chars < 300:
        if "opyright" in text or "OPYRIGHT" in text or (not ascii_text and ("©" in text or "版权" in text)):
            return JUNK, None
        if ascii_text:
            if ("|" in text or " > " in text) and text.count("|") + text.count(" > ") >= 2:
                return JUNK, None  # a row of links or a breadcrumb
        elif ("|" in text or "›" in text or "»" in text or " > " in text) and (
            text.count("|") + text.count("›") + text.count("»") + text.count(" > ") >= 2
        ):
            return JUNK, None
    if words < MIN_SENTENCE_WORDS:
        if repeated:
            return JUNK, None
        if 2 * _letter_count(text, ascii_text) < chars - text.count(" "):
            return JUNK, None  # mostly digits and symbols: a date, a counter, a price
        return SHORT, None
    # Paragraphs of an article do not repeat; menus, teasers and photo captions do. A long line
    # in capitals is a promotion ("CLICK HERE TO GET THE APP"), not a subheading.
    if repeated or (not unspaced and text.isupper() and _mostly_capitals(text)):
        return JUNK, None
    sampled = need_ratio and words >= 15  # the page-level language check wants this block's ratio
    if words >= LONG_BLOCK_WORDS:
        if not sampled and (ends_sentence or not trust_function_words):
            return PROSE, None  # a long paragraph ending like one: no need to count function words
        ratio = _function_ratio(text, unspaced)
        if ratio >= MIN_FUNCTION_RATIO or not trust_function_words or ends_sentence or _clause_marks(text, unspaced) >= 2:
            return PROSE, ratio
        return SHORT, ratio
    # Below that size a block is prose only when it reads like a sentence (ends like one, or holds
    # clause punctuation) and is full of function words: the cheap tests go first.
    if words >= MIN_PROSE_WORDS:
        sentence_like = ends_sentence or _clause_marks(text, unspaced) >= (1 if unspaced else 2)
    else:
        sentence_like = ends_sentence and not text.endswith(("...", "…"))
    if not sentence_like:
        return SHORT, (_function_ratio(text, unspaced) if sampled else None)
    if trust_function_words and not sampled:  # only the verdict is wanted, not the ratio
        return (PROSE if _full_of_function_words(text, unspaced) else SHORT), None
    ratio = _function_ratio(text, unspaced) if trust_function_words or sampled else None
    if not trust_function_words or ratio >= MIN_FUNCTION_RATIO:
        return PROSE, ratio
    return SHORT, ratio


def legal_notice(text: str) -> bool:
    """Whether a block is a short legal notice: rights reserved, no reproduction without
    permission. Only phrases that never occur in reporting, so an article sentence about a
    company's "privacy policy" stays. Run on the body's blocks only (a marker test first): the
    copyright sign already marks most footers as junk for the region search."""
    if len(text) >= MAX_LEGAL_NOTICE_CHARS or not LEGAL_MARKER_SCAN.find_matches_as_indexes(text):
        return False
    lowered = text.lower()
    return any(phrase in lowered for phrase in LEGAL_PHRASES)


def _letter_count(text: str, ascii_text: bool) -> int:
    """How many letters the text holds (for ASCII text, a byte translation does it in C)."""
    if ascii_text:
        return len(text) - len(text.encode("ascii").translate(None, ASCII_LETTERS))
    return sum(map(str.isalpha, text))


def _mostly_capitals(text: str) -> bool:
    """Whether capitals make most of a line's letters (``str.isupper`` alone also holds for a
    Korean or Arabic paragraph that names "MBC" or "UN": those scripts have no case)."""
    return 2 * sum(map(str.isupper, text)) > sum(map(str.isalpha, text))


def _clause_marks(text: str, unspaced: int) -> int:
    """Commas and other punctuation found inside sentences (menus and headlines rarely have it)."""
    marks = text.count(",") + text.count(";") + text.count(". ") + text.count(": ")
    if unspaced:
        marks += text.count("，") + text.count("、") + text.count("。") + text.count("；") + text.count("：")
    return marks


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
