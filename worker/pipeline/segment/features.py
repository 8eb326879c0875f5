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
  ancestors, depth, how many look-alike siblings its container has: the cards of a grid; how
  many blocks share its markup path and its card run, their share of the page's text, and each
  group's first position, which names the group for the scorer's second stage);
- its neighbourhood: prose around it, words nearby, lines of the same shape nearby, repeats of its
  text on the page, its position;
- the page: its type probabilities (:mod:`.pagetype`) and how much of it is prose.

The table is built in compiled code (``worker._native.BlockTable``, columns ``BLOCK_FEATURES``
and the blocks' ``DOM_FEATURES``) from the blocks and three flags per block decided with the
vocabulary of region.py and classify.py (end-of-article cues and time stamps on short lines, legal
notices: :func:`line_flags`, compiled for plain lines, those modules' functions for the others);
the page-type probabilities are appended by the scorer once the page type is known (it is read
from this same table).
"""

from __future__ import annotations

import numpy as np

from worker._native import BLOCK_FEATURES, DOM_FEATURES, TAG_FAMILIES, BlockTable, LineFlags
from worker.pipeline.model import Block, BlockKind
from worker.pipeline.page import Page, Step
from worker.pipeline.segment.classify import (
    FUNCTION_WORDS, LEGAL_MARKERS, LEGAL_PHRASES, MAX_LEGAL_NOTICE_CHARS, SENTENCE_END, UNSPACED_FUNCTION_CHARS,
    legal_notice,
)
from worker.pipeline.segment.region import END_CUES_BY_HEAD, MIN_ARTICLE_WORDS, end_cue, time_stamp
from worker.pipeline.textfacts import UNSPACED

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")

# Tag families of HTML blocks (tags not named here are "div"; a line of page text has none).
TAG_FAMILY = {
    "p": "p", "li": "li", "dd": "li", "dt": "li", "td": "cell", "th": "cell", "tr": "cell",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "pre": "code", "code": "code", "blockquote": "quote", "figcaption": "caption", "caption": "caption",
}
assert set(TAG_FAMILY.values()) <= set(TAG_FAMILIES)
# Lines up to this long are checked for end-of-article cues and time stamps.
MAX_CUE_CHARS = 80

BASE_FEATURES: tuple[str, ...] = (*BLOCK_FEATURES, *DOM_FEATURES)
FEATURES: tuple[str, ...] = (*BASE_FEATURES, *(f"type_{name}" for name in PAGE_TYPES))
COLUMN = {name: position for position, name in enumerate(FEATURES)}

TABLE = BlockTable(
    sorted(FUNCTION_WORDS), "".join(sorted(UNSPACED_FUNCTION_CHARS)), UNSPACED, "".join(sorted(SENTENCE_END)),
    [BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK], TAG_FAMILY, float(MIN_ARTICLE_WORDS),
)

# The cue, stamp and legal-notice flags of plain lines (ASCII, white space, common punctuation),
# decided in compiled code with region.py's and classify.py's vocabulary (native/src/lines.rs);
# other lines are asked of those modules' functions.
LINE_FLAGS = LineFlags(
    {head: [(cue, cue[-1].isalnum()) for cue in cues] for head, cues in END_CUES_BY_HEAD.items()},
    list(LEGAL_MARKERS), list(LEGAL_PHRASES), MAX_CUE_CHARS, MAX_LEGAL_NOTICE_CHARS,
)


def line_flags(blocks: list[Block]) -> tuple[bytes, bytes, bytes]:
    """A byte per block, 1 where it is an end-of-article cue, a time stamp, a legal notice."""
    compiled_cues, compiled_stamps, compiled_legal, others = LINE_FLAGS.page(blocks)
    if not others:
        return compiled_cues, compiled_stamps, compiled_legal
    cues, stamps, legal = bytearray(compiled_cues), bytearray(compiled_stamps), bytearray(compiled_legal)
    for index in others:
        text = blocks[index].text
        size = len(text)
        if size <= MAX_CUE_CHARS:
            cues[index] = end_cue(text)
            stamps[index] = time_stamp(text)
        if size < MAX_LEGAL_NOTICE_CHARS:  # longer blocks are never notices: no marker scan
            legal[index] = legal_notice(text)
    return bytes(cues), bytes(stamps), bytes(legal)


def base_table(blocks: list[Block], region: tuple[int, int], body: list[int], items: set[int]) -> np.ndarray:
    """The feature table without its page-type columns (BASE_FEATURES), one row per block."""
    count = len(blocks)
    if not count:
        return np.zeros((0, len(BASE_FEATURES)))
    cues, stamps, legal = line_flags(blocks)
    rows = np.frombuffer(TABLE.table(blocks, region, body, sorted(items), cues, stamps, legal), dtype="<f8")
    return rows.reshape(count, len(BASE_FEATURES))


def with_page_type(table: np.ndarray, page_type: dict[str, float] | None) -> np.ndarray:
    """The full table: the base table and a column per page type holding its probability."""
    probabilities = np.array([(page_type or {}).get(name, 0.0) for name in PAGE_TYPES])
    return np.hstack([table, np.broadcast_to(probabilities, (len(table), len(PAGE_TYPES)))])


def block_features(blocks: list[Block], region: tuple[int, int], body: list[int], items: set[int],
                   page_type: dict[str, float] | None) -> np.ndarray:
    """The full feature table (FEATURES in order) of a page's classified blocks."""
    return with_page_type(base_table(blocks, region, body, items), page_type)


class BuildFeatures(Step):
    """The page's feature table, once: the page-type model and the block scorer both read it."""

    name = "features"

    def run(self, page: Page) -> None:
        page.features = base_table(page.blocks, page.region, page.body, page.list_items)
