"""The title of a page given as text, chosen among its lines by a fitted model.

Page text has no <title>, <h1> or og:title: the headline is one of the lines, usually somewhere
above the body. The rules of :mod:`.title` pick the most title-like line before the header, and on
the wcxb tune pages they find the exact headline on 43% of pages, while the headline is an exact
line of the text on 76%. Most misses pick a line that is nearby (a kicker, a teaser, a subheading),
which is a ranking problem: every line in a window around the body's start is a candidate, a
small tree ensemble scores it from a few facts (:data:`FEATURES`: length, where it sits against the
body, how it ends, its capitals, digits and separators, the words it shares with the opening
paragraphs and the URL, whether it repeats on the page, whether a dateline or prose sits just
below it and prose above it, its block class, whether the rules chose it, and the page's type),
and the best candidate replaces the rules' title when its probability reaches the fitted
threshold. HTML pages rank the titles they declare and show (see below).

The weights and the threshold are data (``data/title_model.json``), fitted by
``python -m bench.titletrain`` on the tune fold; without that file the step changes nothing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from operator import attrgetter
from urllib.parse import urlsplit

import numpy as np

from worker._native import TITLE_WIDTH, title_rows
from worker.pipeline.model import BlockKind
from worker.pipeline.extract.hints import heading_title
from worker.pipeline.page import Page
from worker.pipeline.segment import dates
from worker.pipeline.segment.pagetype import PAGE_TYPES
from worker.pipeline.segment.region import time_stamp
from worker.pipeline.segment.ranking import RankerStep
from worker.pipeline.textfacts import ascii_tokens_suffice, words

MODEL_FILE = "title_model.json"
# Candidate lines before the body's first block, and after it (a title the body swallowed, or a body
# that starts early with a teaser or a menu). Chosen by grouped cross-validation on the tune fold
# (exact titles): 30/3 scored 0.506; 30/10 with the five features after title_length 0.53; wider
# windows gain little more (60/40: 0.543) for twice the candidates, each costing the step time.
WINDOW_BEFORE = 30
WINDOW_AFTER = 10
# A date or time stamp this many lines below a line is the headline's dateline.
DATELINE_REACH = 3
MAX_DATELINE_CHARS = 80
MIN_CHARS, MAX_CHARS = 4, 300
OPENING_BLOCKS = 4
SENTENCE_END = frozenset(".!?。！？")
DIGIT = re.compile(r"\d")
BLOCK_TEXT = attrgetter("text")
SEPARATOR = re.compile(r"\s[|\-–—:·]\s")
ASCII_CONTENT_WORD = re.compile(r"[A-Za-z0-9]{4,}")
TITLE_WORDS = (4, 20)  # a typical headline's length in words
KINDS = (BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK)
KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}  # (as native/src/lines.rs numbers them)
SENTENCE_END_CHARS = "".join(sorted(SENTENCE_END))

LINE_FEATURES = (
    "log_words",
    "log_chars",
    "blocks_before_body",
    "before_body",
    "at_body_start",
    "ends_like_sentence",
    "capitalized_share",
    "has_digit",
    "date_or_time",
    "has_separator",
    "opening_overlap",
    "url_overlap",
    "repeated_on_page",
    "kind_prose",
    "kind_short",
    "kind_tiny",
    "kind_junk",
    "rules_choice",
    "rules_chose_nothing",
    "first_candidate",
    "overlap_is_best",
    "overlap_below_best",
    "log_lines_to_body",
    "overlap_x_before",
    "title_length",
    "dateline_below",
    "prose_next",
    "prose_within_3_below",
    "prose_before",
    "in_body",
)
assert len(LINE_FEATURES) == TITLE_WIDTH, "native/src/lines.rs builds rows of other columns"
# The line's facts (compiled), then the page's type (its probabilities, the same on every line): a
# listing's or a shop's title line is a category or a product name, an article's a headline.
FEATURES = (*LINE_FEATURES, *(f"page_{name}" for name in PAGE_TYPES))


def normalized(text: str | None) -> str:
    """Case-folded, white space collapsed, a heading's permalink mark dropped ("Models¶")."""
    return " ".join(heading_title(text or "").casefold().split())


def _content_words(text: str) -> set[str]:
    """The distinct words of the case-folded text that say something: longer than three
    characters, or not ASCII (a Han character is a word)."""
    folded = text.casefold()
    if ascii_tokens_suffice(folded):  # (the same words: runs of ASCII letters and digits, four or more)
        return set(ASCII_CONTENT_WORD.findall(folded))
    return {word for word in words(folded) if len(word) > 3 or not word.isascii()}


def line_facts(text: str, opening: set[str], url_words: set[str], rules: str) -> tuple:
    """What the candidate rows read of a stripped line: its token count, tokens starting with a
    letter and with a capital, whether it has a digit and a spaced separator, its distinct
    content words and how many of them are opening words and URL words, whether it is the rules'
    title. The compiled rows (``worker._native.title_rows``) read the same facts of plain lines
    themselves (``worker._native.title_line_facts`` shows them) and ask this of the others."""
    tokens = text.split()
    initials = [token[0] for token in tokens if token[:1].isalpha()]
    content = _content_words(text)
    return (
        len(tokens),
        len(initials),
        sum(initial.isupper() for initial in initials),
        DIGIT.search(text) is not None,
        SEPARATOR.search(text) is not None,
        len(content),
        len(content & opening),
        len(content & url_words),
        bool(rules) and normalized(text) == rules,
    )


def _url_words(url: str | None) -> set[str]:
    if not url:
        return set()
    path = urlsplit(url).path
    return {word for word in re.split(r"[^0-9a-zA-Z\u00c0-\uffff]+", path.casefold()) if len(word) > 3}


def _dated(text: str) -> bool:
    """The line is (or holds) a date or a time stamp."""
    return DIGIT.search(text) is not None and bool(time_stamp(text) or dates.find_date(text) is not None)


def candidates(page: Page) -> tuple[list[int], np.ndarray]:
    """The candidate lines (block indices) around the body's start and their feature rows.

    Every line in the window is a candidate if it has MIN_CHARS to MAX_CHARS characters once
    stripped; its row (FEATURES, in order) is built in compiled code (``worker._native.title_rows``,
    native/src/lines.rs): the line's own facts (:func:`line_facts`, read there for plain lines),
    where it sits against the body's start, its block class, whether the rules chose it, whether
    it repeats on the page, and then the facts relative to the other candidates (the best
    overlap with the opening paragraphs) and its neighbours (a dateline within DATELINE_REACH
    lines below, prose just below and above, in the body)."""
    blocks = page.blocks
    if not blocks:
        return [], []
    start = page.body[0] if page.body else page.region[0]
    low, high = max(0, start - WINDOW_BEFORE), min(len(blocks), start + WINDOW_AFTER + 1)
    opening: set[str] = set()
    for index in page.body[:OPENING_BLOCKS]:
        opening |= _content_words(blocks[index].text)
    url_words = _url_words(page.raw.url)
    texts = list(map(BLOCK_TEXT, blocks))
    counts = Counter(texts)  # exact repeats: menus, footers, tickers
    rules = normalized(page.result.title)
    # the window: the line before the first candidate, the datelines and prose after the last
    first, last = max(0, low - 1), min(len(blocks), high + max(DATELINE_REACH, 3))
    window = blocks[first:last]
    window_texts = texts[first:last]
    indices, rows = title_rows(
        window_texts,
        [KIND_CODES.get(block.kind, len(KINDS)) for block in window],
        [counts[text] > 1 for text in window_texts],
        first, len(blocks), low, high, start, page.body, SENTENCE_END_CHARS,
        opening, url_words, rules, line_facts, _dated,
        (MIN_CHARS, MAX_CHARS, DATELINE_REACH, MAX_DATELINE_CHARS, TITLE_WORDS),
    )
    table = np.frombuffer(rows, dtype="<f8").reshape(len(indices), len(LINE_FEATURES))
    page_types = np.asarray([page.page_type.get(name, 0.0) for name in PAGE_TYPES], dtype="<f8")
    # (an array, not lists of floats: the ranker reads it as it is)
    return indices, np.hstack([table, np.broadcast_to(page_types, (len(indices), len(PAGE_TYPES)))])


# ---------------------------------------------------------------------------------------------
# HTML: the page declares and shows several titles (JSON-LD headline, og:title, twitter:title,
# <title>, its <h1>s; see PageHints.title_candidates) that often disagree: a <title> with the
# site's name, an og:title written for social feeds, an <h1> that is a logo. The rules take the
# first declared one; a second ranker, fitted the same way, weighs them by where each comes from,
# how many sources agree on it, its shape, the words it shares with the opening paragraphs, and
# whether and where the page shows it. The wcxb gold is the title a reader sees: the shown <h1>
# just above the body more often than an og:title that three meta tags repeat, unless that <h1> is
# a logo or a section name far from the body. Those facts interact, so this ranker is a small
# tree ensemble (see :mod:`.ranking`).

HTML_MODEL_FILE = "title_html_model.json"
# A declared title's parts between separators are candidates too: the title a reader sees is often
# one of them, the first ("Wedding Planning Tools – Caterer Comparison Spreadsheet") or the last
# ("SEO Checker | Test your website for free with Seobility"), not only the head the hints strip a
# site name from. Titles cut into more parts than this are left whole (a breadcrumb, a list).
TITLE_PART_SEPARATOR = re.compile(r"\s+(?:[|\-–—·»•_]|::)\s+")
TITLE_PARTS = ("first", "middle", "last")
MAX_TITLE_PARTS = 4
TITLE_SOURCES = ("headline", "og", "twitter", "title", "h1", "other_h1")
HTML_FEATURES = (
    *(f"from_{source}" for source in TITLE_SOURCES),
    "stripped_of_suffix",
    "log_sources",
    "rules_choice",
    "log_words",
    "has_separator",
    "inside_another",
    "holds_another",
    "opening_overlap",
    "url_overlap",
    "shown_as_heading",
    "several_h1",
    "shortest",
    "shown",
    "shown_outside_chrome",
    "shown_in_article",
    "shown_near_body_start",
    "log_blocks_to_body",
    "shown_as_h1",
    "shown_as_h2_or_h3",
    *(f"part_{where}" for where in TITLE_PARTS),
    # the page's type (its probabilities): a shop's or a service's title is its <title> more often
    # than its <h1>, an article's the other way round
    *(f"type_{name}" for name in PAGE_TYPES),
)
# A shown title this many blocks before the body's first block (or this many into it) sits where
# a headline sits.
SHOWN_BEFORE_BODY, SHOWN_INTO_BODY = 15, 3
# Where a declared title is looked for: every block above the body and this many into it (a
# headline is not shown in the footer; a long page's other blocks only cost time).
SHOWN_SCAN_INTO_BODY = 50


def _title_parts(text: str) -> list[tuple[str, str]]:
    """(where, part) of a declared title cut at its separators; none when it has no separator."""
    pieces = TITLE_PART_SEPARATOR.split(text)
    if not 2 <= len(pieces) <= MAX_TITLE_PARTS:
        return []
    last = len(pieces) - 1
    return [
        ("first" if at == 0 else "last" if at == last else "middle", piece.strip())
        for at, piece in enumerate(pieces)
        if len(piece.strip()) >= MIN_CHARS
    ]


def _where_shown(page: Page, titles: list[str], end: int) -> dict[str, int]:
    """The first block before ``end`` that shows each title (by :func:`normalized` text)."""
    wanted = {normalized(title) for title in titles}
    # A block's normalized text starts with its first non-space character case-folded (casefold
    # maps character by character), so most blocks are ruled out without normalizing them.
    first_characters = {text[0] for text in wanted if text}
    longest = max(len(title) for title in titles) + 1
    limit = 2 * longest  # (white space may shrink; a much longer block is no title)
    shown: dict[str, int] = {}
    for index, text in enumerate([block.text for block in page.blocks[:end]]):
        head = text[:1]
        if head.isspace():
            head = text.lstrip()[:1]
        if len(text) > limit or head.casefold()[:1] not in first_characters:
            continue
        text = normalized(text)
        if text in wanted and text not in shown:
            shown[text] = index
    return shown


def html_candidates(page: Page) -> tuple[list[str], list[list[float]]]:
    """The distinct titles of an HTML page (see above) and their feature rows."""
    declared = page.hints.title_candidates if page.hints is not None else []
    if not declared:
        return [], []
    sources: dict[str, set[str]] = {}
    for source, text in declared:
        sources.setdefault(text, set()).add(source)
    part_of: dict[str, set[str]] = {}
    for text in list(sources):
        for where, part in _title_parts(text):
            part_of.setdefault(part, set()).add(where)
            sources.setdefault(part, set())  # (a part no source declares whole: its own candidate)
    texts = list(sources)
    folded = [text.casefold() for text in texts]
    opening: set[str] = set()
    for index in page.body[:OPENING_BLOCKS]:
        opening |= _content_words(page.blocks[index].text)
    url_words = _url_words(page.raw.url)
    rules = normalized(page.result.title)
    headings = {block.text for block in page.blocks if block.heading_level}
    several_h1 = float(sum(1 for source, _ in declared if source in ("h1", "other_h1")) > 1)
    shortest = min(len(text) for text in texts)
    body_start = page.body[0] if page.body else len(page.blocks)
    shown_at = _where_shown(page, texts, body_start + SHOWN_SCAN_INTO_BODY)
    page_types = [float(page.page_type.get(name, 0.0)) for name in PAGE_TYPES]
    rows = []
    for position, text in enumerate(texts):
        origin = sources[text]
        line_words = _content_words(text)
        at = shown_at.get(normalized(text))
        block = page.blocks[at] if at is not None else None
        to_body = (at - body_start) if at is not None else 0
        rows.append(
            [
                *(float(source in origin or f"{source}_stripped" in origin) for source in TITLE_SOURCES),
                float(any(source.endswith("_stripped") for source in origin)),
                math.log1p(len(origin)),
                float(normalized(text) == rules),
                math.log1p(len(text.split())),
                float(SEPARATOR.search(text) is not None),
                float(any(other != folded[position] and folded[position] in other for other in folded)),
                float(any(other != folded[position] and other in folded[position] for other in folded)),
                len(line_words & opening) / len(line_words) if line_words else 0.0,
                len(line_words & url_words) / len(line_words) if line_words else 0.0,
                float(text in headings),
                several_h1,
                float(len(text) == shortest),
                float(block is not None),
                float(block is not None and not block.in_chrome),
                float(block is not None and block.in_article),
                float(block is not None and -SHOWN_BEFORE_BODY <= to_body <= SHOWN_INTO_BODY),
                math.copysign(math.log1p(abs(to_body)), to_body),
                float(block is not None and block.heading_level == 1),
                float(block is not None and 2 <= block.heading_level <= 3),
                *(float(where in part_of.get(text, ())) for where in TITLE_PARTS),
                *page_types,
            ]
        )
    return texts, rows


class _DeclaredTitleRanker(RankerStep):
    """Only the loader of the HTML title ranker's file (ChooseTitle runs it)."""

    name = "title_html"
    model_file = HTML_MODEL_FILE
    features = HTML_FEATURES
    command = "python -m bench.titletrain"


class ChooseTitle(RankerStep):
    """The fitted model's title replaces the rules' when it is sure enough: a line of page text, or
    one of the titles an HTML page declares or shows."""

    name = "title"
    model_file = MODEL_FILE
    features = FEATURES
    command = "python -m bench.titletrain"

    def __init__(self, load: bool = True):
        super().__init__(load)
        self.declared = _DeclaredTitleRanker(load)

    def preload(self) -> None:
        super().preload()
        self.declared.preload()

    def run(self, page: Page) -> None:
        if page.result.quarantined:
            return
        if page.raw.is_html:
            ranker = self.declared.ranker(True)
            if ranker is None:
                return
            texts, rows = html_candidates(page)
            best = ranker.best(rows)
            if best is not None:
                page.result.title = texts[best]
            return
        ranker = self.ranker(False)
        if ranker is None:
            return
        indices, rows = candidates(page)
        best = ranker.best(rows)
        if best is not None:
            chosen = indices[best]
            page.result.title = page.blocks[chosen].text.strip()
            if chosen in page.body:  # the headline is no paragraph of its own body
                page.body = [index for index in page.body if index != chosen]
