"""Cheap passes over every page: which blocks may be separator lists, stuffed text or gibberish.

This runs on every page, so it reuses the vocabulary automaton's per-block counts (separators,
web addresses) and works on the joined page text with C-speed string operations; a detector's own
``candidates`` then only reads the result (``PageContext.probes``).
"""

from __future__ import annotations

from typing import NamedTuple

from worker._native import spam_probes
from worker.pipeline.spam import lists, statistics
from worker.pipeline.spam.context import PageContext

GIBBERISH_TAIL = 100  # chars at the end of a long block probed for glued gibberish
STUFFING_TAIL = 240  # chars at the end of a long block probed for glued keyword stuffing
# Comma pieces up to this long make a run worth a look (a keyword list's items run longer than
# names; choose_separator then asks for a shorter median, unless the block is a run of terms, whose
# pieces may run to lists.TERM_PIECE when they end no sentence).
COMMA_RUN_PIECE = 32
# A block may hold stuffing when statistics.repetition_probe (spaced_repetition_probe for ASCII
# text) fires on it or on its tail (the last STUFFING_TAIL characters, or the second half of a
# shorter block, where the paragraph would hide it from the probe); gibberish when fewer than
# GIBBERISH_E_SHARE of its characters are 'e' (prose has about 10%, random letters about 3%) and
# statistics.vowel_probe fires, on the block, on its last GIBBERISH_TAIL characters, or on the
# text after its last full stop. worker._native.spam_probes runs these very tests on every block
# (native/src/probes.rs; in Python the loop cost more than the tests), with these thresholds:
GIBBERISH_E_SHARE = 0.04
PROBE_LIMITS = (
    statistics.MIN_GIBBERISH_CHARS,
    statistics.MIN_STUFFING_CHARS,
    GIBBERISH_TAIL,
    STUFFING_TAIL,
    *statistics.VOWEL_PROBE_DEFAULTS,
    GIBBERISH_E_SHARE,
)


class Probes(NamedTuple):
    lists: list[int]
    stuffing: list[int]
    gibberish: list[int]
    separators: dict[int, str]  # each list block's separator (lists.choose_separator), found once


def probe_blocks(ctx: PageContext) -> Probes:
    texts = ctx.texts
    joined = ctx.joined
    list_lines: set[int] = set()
    # Separators other than commas were counted per block by the vocabulary automaton's pass.
    for index, terms in ctx.terms.items():
        separators = terms.separators
        for separator, count in separators.items():
            if count >= lists.SEPARATORS[separator][1]:
                list_lines.add(index)
                break
        else:
            if len(separators) >= 2 and sum(separators.values()) >= lists.MIN_ITEMS - 1:
                list_lines.add(index)  # a pool that mixes its separators
    _, fewest = lists.SEPARATORS[","]
    if joined.count(",") >= fewest:
        list_lines.update(separator_runs(joined, ",", COMMA_RUN_PIECE, fewest, lists.TIGHT_COMMA_PIECE, lists.TERM_PIECE))
    enough = lists.MIN_ITEMS - 1
    # (A Latin page too: a Chinese pool injected into an English page is a few hundred bytes of it;
    # each of those letters takes two extra UTF-8 bytes, so a page without them is skipped cheaply.)
    if len(ctx.encoded) - len(joined) >= 4 * enough and ctx.cjk_chars + ctx.thai_chars >= 2 * enough:
        list_lines.update(unsegmented_space_lists(texts, enough))
    list_lines.update(i for i, terms in ctx.terms.items() if terms.counts.get("tld", 0) >= enough)  # domain lists
    separators = {}
    for i in sorted(list_lines):
        if i < len(texts):
            separator = lists.choose_separator(texts[i])
            if separator is not None:
                separators[i] = separator
    list_blocks = list(separators)

    # Every block of every page: a length test, then the repetition and vowel probes of
    # :mod:`.statistics` on the block and its tail (see :data:`PROBE_LIMITS`), in compiled code.
    stuffing_blocks, gibberish_blocks = spam_probes(texts, PROBE_LIMITS)
    return Probes(list_blocks, stuffing_blocks, gibberish_blocks, separators)


def separator_runs(joined: str, separator: str, max_piece: int, enough: int, tight_max_piece: int = 0, term_max_piece: int = 0) -> set[int]:
    """Line numbers where ``enough`` separators follow each other with short pieces between them
    (up to ``max_piece`` long, or ``tight_max_piece`` when no space follows the separator: 'a,b,c'
    is no prose, or ``term_max_piece`` when the piece ends no sentence: a search phrase);
    :func:`~worker.pipeline.spam.lists.choose_separator` then decides on those lines.

    The page is split on the separator (C speed); a Python loop then walks the piece lengths only,
    one step per occurrence of the separator, which is rare except for commas.
    """
    lines: set[int] = set()
    run = offset = line = counted_to = 0
    width = len(separator)
    longest = max(max_piece, tight_max_piece, term_max_piece)
    for piece in joined.split(separator):
        size = len(piece)
        offset += size + width
        if size > longest:  # most pieces of prose: one test ends the run
            run = 1 if "\n" in piece else 0
        elif "\n" in piece:
            run = 1  # the piece's last line starts a new run
        elif size > max_piece and (size > tight_max_piece or piece[:1].isspace()) and (size > term_max_piece or ". " in piece or "。" in piece):
            run = 0
        else:
            run += 1
            if run == enough:
                line += joined.count("\n", counted_to, offset)
                counted_to = offset
                lines.add(line)
    return lines


def unsegmented_space_lists(texts: list[str], enough: int) -> list[int]:
    """Blocks of Chinese, Japanese or Thai words separated by spaces (a pool without punctuation):
    two or more UTF-8 bytes a character on average, or such a run glued after a sentence."""
    return [
        i
        for i, text in enumerate(texts)
        if text.count(" ") >= enough and not text.isascii() and (len(text.encode("utf-8")) >= 2 * len(text) or lists.unsegmented_tail(text) is not None)
    ]
