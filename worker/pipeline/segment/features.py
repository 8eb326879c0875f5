"""One feature table per page: a row of numbers for every block, computed once.

The block scorer (:mod:`.scoring`) weighs these with a model fitted on labelled dev pages
(``python -m bench.train``); the training reads the very same table through the pipeline, so
what is learnt is what runs. Features are general evidence, never a site's vocabulary:

- the block's own text: size, sentence punctuation, function words, digits, capitals, links;
- its class from :mod:`.classify` and what the region search (:mod:`.region`) made of it (inside
  the best region, kept there, a list item, an end-of-article cue, a time stamp);
- its markup (HTML only): tag family, heading level, inside the article container or chrome;
- its neighbourhood: prose around it, repeats of its text on the page, its position;
- the page: its type (:mod:`worker.pipeline.extract.pagetype`) and how much of it is prose.

Each feature is named in :data:`FEATURES`; a model file lists the names it was fitted on, and the
scorer refuses a model whose names differ.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from worker.pipeline.model import Block, BlockKind
from worker.pipeline.segment.classify import SENTENCE_END, _clause_marks, _function_ratio, legal_notice
from worker.pipeline.segment.region import end_cue, time_stamp
from worker.pipeline.textfacts import unspaced_count

PROSE, SHORT, TINY, JUNK = BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")

# Tag families of HTML blocks ('' for a line of page text).
TAG_FAMILIES = {
    "p": "p", "li": "li", "dd": "li", "dt": "li", "td": "cell", "th": "cell", "tr": "cell",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "pre": "code", "code": "code", "blockquote": "quote", "figcaption": "caption", "caption": "caption",
}
FAMILIES = ("p", "li", "cell", "heading", "code", "quote", "caption", "div")

# A price: a currency sign next to a number, or a number with decimals before a currency code.
PRICE = re.compile(r"[$€£¥₹₩₽]\s?\d|\d(?:[.,]\d\d)?\s?(?:€|USD|EUR|GBP|kr|zł|руб|元)")
KEY_VALUE = re.compile(r"^[^:：]{1,30}[:：]\s*\S")
URL_OR_EMAIL = re.compile(r"https?://|www\.|\w@\w+\.")
SHAPE_WINDOW = 12

FEATURES: tuple[str, ...] = (
    "kind_prose", "kind_short", "kind_tiny", "kind_junk",
    "log_words", "log_chars", "ends_sentence", "clause_marks_per_word", "function_ratio",
    "digit_share", "capital_share", "link_density", "repeats",
    "heading", "h1", *(f"tag_{family}" for family in FAMILIES),
    "in_article", "in_chrome",
    "in_region", "kept_by_region", "list_item", "end_cue", "time_stamp", "legal_notice",
    "prose_before", "prose_after", "prose_near", "position", "after_region", "before_region",
    "page_prose_share", "page_log_blocks",
    "price", "key_value", "bullet_or_number", "url_or_email", "title_case_share", "all_caps",
    "log_words_near", "same_shape_near", "inside_prose_span", "blocks_to_prose", "first_tenth", "last_tenth",
    *(f"type_{name}" for name in PAGE_TYPES),
)
INDEX = {name: position for position, name in enumerate(FEATURES)}


BULLET_OR_DIGIT = frozenset("0123456789•·-–—*▪►‣◦")


def _shape(text: str) -> tuple:
    """A coarse shape of a line: how long, whether it holds digits, how it ends, how it starts."""
    size = len(text)
    return (size.bit_length(), any(char.isdigit() for char in text[:40]), text[-1] in SENTENCE_END, text[0].isupper())


def _same_shape_near(shapes: list[tuple], index: int) -> int:
    """How many lines within SHAPE_WINDOW lines have the same shape (cards of a grid repeat one)."""
    shape = shapes[index]
    low, high = max(0, index - SHAPE_WINDOW), min(len(shapes), index + SHAPE_WINDOW + 1)
    return sum(1 for other in range(low, high) if other != index and shapes[other] == shape)


def _distances(flags: list[bool]) -> list[int]:
    """For every position, the distance to the nearest position whose flag is set (large if none)."""
    count = len(flags)
    result = [count] * count
    last = -count
    for index, flag in enumerate(flags):
        if flag:
            last = index
        result[index] = index - last
    last = 2 * count
    for index in range(count - 1, -1, -1):
        if flags[index]:
            last = index
        result[index] = min(result[index], last - index)
    return result


def _title_case_share(text: str) -> float:
    words = text.split()
    return sum(1 for word in words if word[:1].isupper()) / len(words)


def block_features(blocks: list[Block], region: tuple[int, int], body: set[int], items: set[int],
                   page_type: dict[str, float] | None, is_html: bool) -> list[list[float]]:
    """The feature rows of a page's classified blocks (see the module docstring)."""
    count = len(blocks)
    if not count:
        return []
    texts = [block.text for block in blocks]
    repeats = Counter(texts)
    kinds = [block.kind for block in blocks]
    prose_flags = [kind is PROSE for kind in kinds]
    prose_share = sum(prose_flags) / count
    log_blocks = math.log1p(count)
    start, end = region
    prose_indices = [index for index, flag in enumerate(prose_flags) if flag]
    first_prose, last_prose = (prose_indices[0], prose_indices[-1]) if prose_indices else (count, -1)
    shapes = [_shape(text) for text in texts]
    word_sizes = [block.words for block in blocks]
    word_prefix = [0.0]
    for size in word_sizes:
        word_prefix.append(word_prefix[-1] + size)
    distance_to_prose = _distances(prose_flags)
    type_row = [(page_type or {}).get(name, 0.0) for name in PAGE_TYPES]
    rows: list[list[float]] = []
    for index, block in enumerate(blocks):
        text = texts[index]
        kind = kinds[index]
        words = block.words or 1.0
        chars = len(text)
        ascii_text = text.isascii()
        unspaced = 0 if ascii_text else unspaced_count(text)
        letters = sum(map(str.isalpha, text)) if not ascii_text or chars < 400 else chars
        digits = sum(map(str.isdigit, text)) if chars < 400 else 0
        capitals = sum(map(str.isupper, text)) if chars < 400 else 0
        family = TAG_FAMILIES.get(block.tag, "div") if block.tag else ""
        before = prose_flags[max(0, index - 3) : index]
        after = prose_flags[index + 1 : index + 4]
        short_check = chars <= 80
        row = [
            kind is PROSE, kind is SHORT, kind is TINY, kind is JUNK,
            math.log1p(words), math.log1p(chars), text[-1] in SENTENCE_END,
            min(3.0, _clause_marks(text, unspaced) / words),
            _function_ratio(text, unspaced) if words >= 3 else 0.0,
            digits / chars, capitals / max(1, letters), block.link_density,
            math.log(repeats[text]),
            block.heading_level > 0, block.heading_level == 1,
            *(family == name for name in FAMILIES),
            block.in_article, block.in_chrome,
            start <= index < end, index in body, index in items,
            short_check and end_cue(text), short_check and time_stamp(text), legal_notice(text),
            sum(before) / 3, sum(after) / 3, (sum(before) + sum(after)) / 6,
            index / count, index >= end, index < start,
            prose_share, log_blocks,
            PRICE.search(text) is not None, chars <= 120 and KEY_VALUE.match(text) is not None,
            text[0] in BULLET_OR_DIGIT, URL_OR_EMAIL.search(text) is not None,
            _title_case_share(text) if ascii_text and chars <= 120 else 0.0, ascii_text and text.isupper(),
            math.log1p((word_prefix[min(count, index + 6)] - word_prefix[max(0, index - 5)]) / 11),
            _same_shape_near(shapes, index) / SHAPE_WINDOW,
            first_prose <= index <= last_prose, min(10, distance_to_prose[index]) / 10,
            index < count / 10, index >= count * 0.9,
            *type_row,
        ]
        rows.append([float(value) for value in row])
    return rows
