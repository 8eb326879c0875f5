"""One feature table per page: a row of numbers for every block, computed once.

The block scorer (:mod:`.scoring`) weighs these with a model fitted on labelled dev pages
(``python -m bench.train``); the training reads the very same table through the pipeline, so
what is learnt is what runs. Features are general evidence, never a site's vocabulary:

- the block's own text: size, letters, digits, capitals, sentence punctuation, function words,
  prices, "key: value" labels, addresses, title case (counted in compiled code,
  ``worker._native.TextStats``, with the pipeline's own word lists and ranges);
- its class from :mod:`.classify` and what the region search (:mod:`.region`) made of it (inside
  the best region, kept there, a list item, an end-of-article cue, a time stamp, a legal notice);
- its markup (HTML): tag family, heading level, article container or chrome, and the structure
  around it (``worker._native.DOM_FEATURES``: nav/footer/header/aside/form/list/table/article
  ancestors, depth, how many look-alike siblings its container has: the cards of a grid);
- its neighbourhood: prose around it, words nearby, lines of the same shape nearby, repeats of its
  text on the page, its position;
- the page: its type probabilities (:mod:`.pagetype`) and how much of it is prose.

The per-block loops that remain in Python are attribute reads; the rest is numpy over the page.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from worker._native import DOM_FEATURES, TEXT_STATS, TextStats
from worker.pipeline.model import Block, BlockKind
from worker.pipeline.segment.classify import FUNCTION_WORDS, SENTENCE_END, UNSPACED_FUNCTION_CHARS, legal_notice
from worker.pipeline.segment.region import MIN_ARTICLE_WORDS, end_cue, time_stamp
from worker.pipeline.textfacts import UNSPACED

PROSE, SHORT, TINY, JUNK = BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")

# Tag families of HTML blocks ('' for a line of page text).
TAG_FAMILIES = {
    "p": "p", "li": "li", "dd": "li", "dt": "li", "td": "cell", "th": "cell", "tr": "cell",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "pre": "code", "code": "code", "blockquote": "quote", "figcaption": "caption", "caption": "caption",
}
FAMILIES = ("p", "li", "cell", "heading", "code", "quote", "caption", "div")
# Lines up to this long are checked for end-of-article cues and time stamps.
MAX_CUE_CHARS = 80
# Neighbourhoods, in blocks to each side.
NEAR = 3
WORDS_NEAR = 5
SHAPE_NEAR = 12
STAMP_NEAR = 6

FEATURES: tuple[str, ...] = (
    "kind_prose", "kind_short", "kind_tiny", "kind_junk",
    "log_words", "log_chars", "letter_share", "digit_share", "capital_share", "ends_sentence",
    "clause_marks_per_word", "function_ratio", "price", "key_value", "url_or_email", "title_case_share",
    "all_caps", "link_density", "repeats",
    "heading", "h1", *(f"tag_{family}" for family in FAMILIES), "in_article", "in_chrome", "hidden",
    "in_region", "kept_by_region", "list_item", "end_cue", "time_stamp", "legal_notice", "after_end_cue", "stamps_near",
    "prose_before", "prose_after", "log_words_near", "same_shape_near", "inside_prose_span", "blocks_to_prose",
    "position", "after_region", "before_region", "page_prose_share", "page_log_blocks",
    *(f"type_{name}" for name in PAGE_TYPES),
    *DOM_FEATURES,
)
STAT = {name: position for position, name in enumerate(TEXT_STATS)}
NO_DOM = bytes(4 * len(DOM_FEATURES))

TEXT_STATISTICS = TextStats(sorted(FUNCTION_WORDS), "".join(sorted(UNSPACED_FUNCTION_CHARS)), UNSPACED, "".join(sorted(SENTENCE_END)))


def block_features(blocks: list[Block], region: tuple[int, int], body: set[int], items: set[int],
                   page_type: dict[str, float] | None) -> np.ndarray:
    """The feature table (one row per block, FEATURES in order) of a page's classified blocks."""
    count = len(blocks)
    if not count:
        return np.zeros((0, len(FEATURES)))
    texts = [block.text for block in blocks]
    stats = np.frombuffer(TEXT_STATISTICS.stats(texts), dtype="<f4").reshape(count, len(TEXT_STATS)).astype(np.float64)
    chars = np.maximum(stats[:, STAT["chars"]], 1.0)
    letters = stats[:, STAT["letters"]]
    kinds = [block.kind for block in blocks]
    prose = np.array([kind is PROSE for kind in kinds], dtype=np.float64)
    words = np.maximum(np.array([block.words for block in blocks]), 1.0)
    repeats = Counter(texts)
    families = [TAG_FAMILIES.get(block.tag, "div") if block.tag else "" for block in blocks]
    headings = np.array([block.heading_level for block in blocks])
    positions = np.arange(count)
    start, end = region
    short_lines = [index for index, text in enumerate(texts) if len(text) <= MAX_CUE_CHARS]
    cues = np.zeros(count)
    stamps = np.zeros(count)
    for index in short_lines:
        cues[index] = end_cue(texts[index])
        stamps[index] = time_stamp(texts[index])
    prose_at = np.flatnonzero(prose)
    # After the first section cue ("Comments", "Related", "3 responses to") that follows an
    # article's worth of prose, and time stamps nearby (every post of a thread carries one).
    prose_words = np.cumsum(prose * words)
    opening_cues = np.flatnonzero((cues > 0) & (prose_words >= MIN_ARTICLE_WORDS))
    after_cue = positions > opening_cues[0] if len(opening_cues) else np.zeros(count, dtype=bool)
    stamp_prefix = np.concatenate(([0.0], np.cumsum(stamps)))
    stamps_near = stamp_prefix[np.clip(positions + STAMP_NEAR + 1, 0, count)] - stamp_prefix[np.clip(positions - STAMP_NEAR, 0, count)]
    word_prefix = np.concatenate(([0.0], np.cumsum(words)))
    low, high = np.clip(positions - WORDS_NEAR, 0, count), np.clip(positions + WORDS_NEAR + 1, 0, count)
    shapes = (np.minimum(np.log2(chars).astype(np.int64), 15) * 8 + stats[:, STAT["digit_head"]].astype(np.int64) * 4
              + stats[:, STAT["ends_sentence"]].astype(np.int64) * 2 + stats[:, STAT["first_upper"]].astype(np.int64))
    same_shape = np.zeros(count)
    for offset in range(1, SHAPE_NEAR + 1):
        equal = shapes[offset:] == shapes[:-offset]
        same_shape[offset:] += equal
        same_shape[:-offset] += equal
    prose_prefix = np.concatenate(([0.0], np.cumsum(prose)))
    before = (prose_prefix[positions] - prose_prefix[np.clip(positions - NEAR, 0, count)]) / NEAR
    after = (prose_prefix[np.clip(positions + NEAR + 1, 0, count)] - prose_prefix[positions + 1]) / NEAR
    if len(prose_at):
        # the nearest prose block: the one at or after each position, or the one before it
        following = np.searchsorted(prose_at, positions)
        after_gap = np.abs(prose_at[np.minimum(following, len(prose_at) - 1)] - positions)
        before_gap = np.abs(positions - prose_at[np.maximum(following - 1, 0)])
        nearest = np.minimum(after_gap, before_gap)
        inside_prose = (positions >= prose_at[0]) & (positions <= prose_at[-1])
    else:
        nearest, inside_prose = np.full(count, count), np.zeros(count, dtype=bool)
    probabilities = page_type or {}
    columns = [
        prose, np.array([kind is SHORT for kind in kinds]), np.array([kind is TINY for kind in kinds]), np.array([kind is JUNK for kind in kinds]),
        np.log1p(words), np.log1p(chars), letters / chars, stats[:, STAT["digits"]] / chars,
        stats[:, STAT["capitals"]] / np.maximum(letters, 1.0), stats[:, STAT["ends_sentence"]],
        np.minimum(3.0, stats[:, STAT["clause_marks"]] / words), stats[:, STAT["function_ratio"]] * (words >= 3),
        stats[:, STAT["price"]], stats[:, STAT["key_value"]], stats[:, STAT["url_or_email"]],
        stats[:, STAT["title_case_share"]], stats[:, STAT["all_caps"]],
        np.array([block.link_density for block in blocks]), np.log([repeats[text] for text in texts]),
        headings > 0, headings == 1, *(np.array([family == name for family in families]) for name in FAMILIES),
        np.array([block.in_article for block in blocks]), np.array([block.in_chrome for block in blocks]),
        np.array([block.hidden for block in blocks]), (positions >= start) & (positions < end), np.isin(positions, list(body)), np.isin(positions, list(items)),
        cues, stamps, np.array([legal_notice(text) for text in texts]), after_cue, np.minimum(stamps_near, 5) / 5,
        before, after, np.log1p((word_prefix[high] - word_prefix[low]) / (2 * WORDS_NEAR + 1)),
        same_shape / SHAPE_NEAR, inside_prose, np.minimum(10, nearest) / 10,
        positions / count, positions >= end, positions < start,
        np.full(count, prose.mean()), np.full(count, np.log1p(count)),
        *(np.full(count, probabilities.get(name, 0.0)) for name in PAGE_TYPES),
    ]
    table = np.column_stack([np.asarray(column, dtype=np.float64) for column in columns])
    dom = np.frombuffer(b"".join(block.dom or NO_DOM for block in blocks), dtype="<f4").reshape(count, len(DOM_FEATURES))
    return np.hstack([table, dom])

