"""The lines around an article's header, with the dates and bylines read from them so far.

Several passes of the header reader (:mod:`.header`, :mod:`.title`) look at the same few lines;
the date and byline parsers cost tens of microseconds on lines that look like dates or bylines, so
:class:`HeaderLines` parses each line at most once, and skips lines that cannot hold a date before
the parser is called. A date line is a line that is little besides its date (a sentence that
happens to mention a date is none).
"""

from __future__ import annotations

import re
from datetime import datetime

from worker.pipeline.model import Block
from worker.pipeline.segment import bylines, dates
from worker.pipeline.segment.classify import SENTENCE_END
from worker.pipeline.textfacts import unspaced_count

# Lines this long are paragraphs, not header lines.
MAX_HEADER_LINE_CHARS = 200
# A date line holds little besides the date (a byline, a source); a sentence around a date is text.
MAX_DATE_LINE_REST = 160
MAX_DATE_SENTENCE_REST = 80
# A date followed by one of these and this many more characters, in a line ending like a sentence,
# opens a sentence ("On 2015年12月21日，...。").
CLAUSE_COMMAS = frozenset(",，、")
MIN_CLAUSE_CHARS = 8
FOOTNOTE_MARK = re.compile(r"(?:\[\d{1,3}\])+$")


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence, footnote marks aside ("...法院。[9]")."""
    if text[-1] == "]" and FOOTNOTE_MARK.search(text[-16:]):
        text = FOOTNOTE_MARK.sub("", text[-16:]) or text
    return text[-1] in SENTENCE_END


def _date_line(text: str, fetched_at: datetime | None) -> dates.DateMatch | None:
    """The date of a header line (a date line, not a sentence that happens to mention a date)."""
    if len(text) > MAX_HEADER_LINE_CHARS:
        return None
    match = dates.find_date(text, fetched_at)
    if match is None:
        return None
    if ends_sentence(text) and _opens_clause(text, match.end):
        return None  # "2015年12月21日，Turbo三人回归，发布新专辑。": a sentence that starts with a date
    rest = len(text) - (match.end - match.start)
    if not text.isascii():  # a Han or kana character says about as much as two Latin letters
        rest += unspaced_count(text[: match.start]) + unspaced_count(text[match.end :])
    if rest > MAX_DATE_LINE_REST or (rest > MAX_DATE_SENTENCE_REST and ends_sentence(text)):
        return None
    return match


def _opens_clause(text: str, date_end: int) -> bool:
    """Whether the date is followed by a comma and the words of a clause."""
    return date_end < len(text) and text[date_end] in CLAUSE_COMMAS and len(text) - date_end > MIN_CLAUSE_CHARS


class HeaderLines:
    """The page's lines, with the dates and bylines read from them so far: several passes look at
    the same few header lines, and each is parsed once."""

    __slots__ = ("blocks", "fetched_at", "dates", "bylines", "texts")

    def __init__(self, blocks: list[Block], fetched_at: datetime | None) -> None:
        self.blocks = blocks
        self.fetched_at = fetched_at
        self.dates: dict[int, dates.DateMatch | None] = {}
        self.bylines: dict[int, bylines.Byline | None] = {}
        self.texts: list[str] | None = None

    def date(self, index: int) -> dates.DateMatch | None:
        """The date of line ``index`` if it is a date line (see :func:`_date_line`)."""
        if index in self.dates:
            return self.dates[index]
        text = self.blocks[index].text
        if len(text) > MAX_HEADER_LINE_CHARS:
            match = None  # a paragraph, not a date line
        elif "19" in text or "20" in text or (len(text) <= dates.MAX_FALLBACK_LINE and (self.fetched_at or ":" in text)):
            match = _date_line(text, self.fetched_at)
        else:
            match = None  # no year, and no short line that could hold a relative or two-digit-year date
        self.dates[index] = match
        return match

    def occurrences(self, text: str) -> int:
        """How often the page shows this very line: menu items are listed in several menus."""
        if self.texts is None:
            self.texts = [block.text for block in self.blocks]
        return self.texts.count(text)

    def byline(self, index: int) -> bylines.Byline | None:
        if index not in self.bylines:
            self.bylines[index] = bylines.parse_byline(self.blocks[index].text)
        return self.bylines[index]
