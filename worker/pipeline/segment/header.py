"""The article's header: title, section, publication date, credited outlet and contributors.

Once the body is known, the header is found around where it starts. News pages, in any language,
put the same things there: a section label (a menu or breadcrumb item), the title, maybe a
standfirst, then a line or two with the date and the byline ("By ...", "Editor: ...", "来源：..."),
maybe a photo, then the first paragraph. So:

- **The date** is the best date line around the body's start: one a word calls the publication
  date ("发布日期：", "Published") first, then full dates on header lines, then weaker ones
  (relative, year-less, or a date opening a paragraph); "Updated" dates last; ties go to the line
  nearest the body's start. Sentences are never date lines ("2015年12月21日，...。"). With no date
  line there, the body's non-prose lines and the lines after the body are searched ("First
  published ...").
- **The title** is the most title-like line before the header's first byline or date line (or the
  body): the right length, not ending like a sentence, a label or a breadcrumb, sharing words with
  the opening paragraphs (a title announces what the article is about), close to the header, and
  the page's <h1> if it has one. A byline, a date line, a credited photo caption or a reading-time
  widget is no title. No line qualifying means no title. A title line that is a breadcrumb trail
  ("Home » Opinion » <headline>") gives its last crumb.
- **Bylines** are read on the non-prose lines between the title and the body's first blocks, and,
  failing that, on the lines closing the body that open with a cue or end with a bracketed credit
  ("（记者 胡晓蓉）", "责任编辑：...").
- **The section** is a short line just above the title that also appears elsewhere on the page (a
  menu item), or the last breadcrumb item before the title; never an interface label ("Menu",
  "Newsletters", "首页"), a labelled credit ("Photo: ..."), a time stamp or a date line.

The HTML path prefers what the page declares (:class:`PageHints`) and checks it against the text.

Speed: the date and byline parsers (:mod:`worker.pipeline.segment.dates`, :mod:`worker.pipeline.segment.bylines`)
cost tens of microseconds on the lines that look like dates or bylines, so each line is parsed at
most once per page (:class:`_Lines` keeps the results), lines that cannot hold a date are skipped
before the parser is called, and a bare date line is never handed to the byline parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from worker.pipeline.segment import bylines, dates
from worker.pipeline.segment.bylines import MAX_BYLINE_CHARS
from worker.pipeline.segment.credits import parse_photo_credit
from worker.pipeline.segment.classify import SENTENCE_END
from worker.pipeline.segment.region import time_stamp
from worker.pipeline.textfacts import NOT_LETTER, SPACED_WORD, UNSPACED_CHAR, UNSPACED_RUN, load_json, unspaced_count
from worker.pipeline.model import Block, BlockKind, Contributor, PageHints, PublishedDate, TimeHints

PROSE, JUNK = BlockKind.PROSE, BlockKind.JUNK
CUES = load_json("boilerplate_cues.json")  # page furniture vocabulary, several languages

# How many lines before the first body block may belong to the header.
HEADER_REACH = 14
# How many of the body region's first blocks may still be header lines (a title with commas, a
# standfirst, the byline and date under it).
HEADER_INSIDE_BODY = 5
# How many lines before the date line (or the body) a byline line may be.
BYLINE_REACH = 8
# How many lines before the first byline or date line (or the body) the title may be.
TITLE_REACH = 11
# How many lines after the body end are searched for a date or a byline when the header has none.
TRAILER_REACH = 5
# How many lines after the header window a date line under the standfirst may be, when the header
# has none.
LATER_REACH = 10
# Lines this long are paragraphs, not header lines.
MAX_HEADER_LINE_CHARS = 200
CREDIT_CLOSERS = (")", "）", "]", "】")
# A date line holds little besides the date (a byline, a source); a sentence around a date is text.
MAX_DATE_LINE_REST = 160
MAX_DATE_SENTENCE_REST = 80
# A date followed by one of these and this many more characters, in a line ending like a sentence,
# opens a sentence ("On 2015年12月21日，...。").
CLAUSE_COMMAS = frozenset(",，、")
MIN_CLAUSE_CHARS = 8
# A body paragraph with more words than this besides its date is text that mentions a date.
MAX_DATE_LINE_WORDS = 12
# A line holding a date and at most this many words besides is a date line, never a byline.
MAX_WORDS_BESIDE_BARE_DATE = 1
FOOTNOTE_MARK = re.compile(r"(?:\[\d{1,3}\])+$")
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 300
MIN_TITLE_CHARS = 4
MIN_TITLE_WORDS = 2
MIN_TITLE_UNSPACED = 4
MAX_TITLE_UNSPACED = 60
MAX_SECTION_CHARS = 40
# A reading-time widget ("Reading time: 4 minutes", "5 min read", "Lesezeit: 3 Min."), in several
# languages. Bounded: fixed words, short digit runs.
READING_TIME = re.compile(
    r"\b(?:reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura"
    r"|leestijd|czas czytania|время чтения|okuma süresi)\b"
    r"|\b\d{1,3}\s?min(?:ute)?s?\.?\s(?:read|de leitura|de lectura|de lecture|di lettura)\b|阅读时间|閱讀時間|読了時間",
    re.IGNORECASE,
)
# A breadcrumb trail taken for the headline ("Home » Opinion » <headline>"): arrow separators only.
TITLE_CRUMB_SEPARATOR = re.compile(r"\s{0,2}[»›>]\s{0,2}")
MIN_TITLE_CRUMBS = 3
# A section name is a short label ("World", "Local News", "Economy & Business"); longer lines above
# the title are teaser headlines or prompts ("Continue reading the main story").
MAX_SECTION_WORDS = 4
# Interface labels that sit in menus just above a headline but never name a section: navigation,
# sharing, account and advertising words, in several languages, casefolded.
NOT_SECTIONS = frozenset(CUES["interface_labels"])
TYPICAL_TITLE_WORDS = (5, 25)
MIN_TITLE_SCORE = 0.3
# A line ending with a colon announces what follows; one ending with a separator is a breadcrumb.
NOT_TITLE_ENDINGS = frozenset(":：›»>|/。")
# A line of one or two words shares at most a third of a title's overlap score ("Our Team").
MIN_OVERLAP_BASE = 3
OPENING_BLOCKS = 4
OPENING_CHARS = 1000
JUNK_TITLE_PENALTY = 0.3
MAX_TITLE_CHECKS = 3
# The ASCII bytes NOT_LETTER matches (all but A-Z and a-z).
ASCII_NOT_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())
BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|›|»|/|\|)\s|\s?(?:>|›|»)\s?")
# The first five letters of a word of four or more (a word's first four when it has only four).
# For findall only: each match takes its whole word, so the next one starts at a word's start
# (and a shorter word never matches); without a lookbehind, the scan skips to word characters.
STEMMED_WORD = re.compile(r"(\w{4}\w?)\w*")


@dataclass(slots=True)
class Header:
    title: str | None = None
    title_index: int | None = None
    section: str | None = None
    published: PublishedDate | None = None
    source: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    last_index: int | None = None  # the last block that belongs to the header (date, byline, title)


def read_header(blocks: list[Block], body: list[int], hints: PageHints | None, when: TimeHints = TimeHints()) -> Header:
    """Header fields of the article whose body blocks are ``body`` (indices into ``blocks``);
    ``when`` places relative and zone-less dates in time.

    Cheap tests first: dates (a fast scan) anchor the title, and the title bounds the few lines
    handed to the (costlier) byline parser.
    """
    header = Header()
    fetched_at = when.fetched_at
    lines = _Lines(blocks, fetched_at)
    first = body[0] if body else len(blocks)
    window_start = max(0, first - HEADER_REACH)
    # Header lines may also have been taken into the body region's first blocks.
    window_end = min(len(blocks), body[min(len(body) - 1, HEADER_INSIDE_BODY - 1)] + 1) if body else len(blocks)

    # The best date line around the body's start (sentences are never date lines, however many
    # dates they mention): see _date_rank.
    body_set = set(body[:HEADER_INSIDE_BODY])
    date_match, date_index, best_rank = None, None, None
    for index in range(window_start, window_end):
        if blocks[index].kind == PROSE and _ends_sentence(blocks[index].text):
            continue  # a sentence
        match = lines.date(index)
        if match is not None:
            in_paragraph = (
                index in body_set
                and blocks[index].kind == PROSE
                and _words_beside(blocks[index].text, match) > MAX_DATE_LINE_WORDS
            )
            rank = _date_rank(match, index, first, in_paragraph)
            if best_rank is None or rank < best_rank:
                date_match, date_index, best_rank = match, index, rank

    anchor = date_index if date_index is not None else first
    # The title comes before the header's byline and date lines (or the body, when there are none):
    # the first of them bounds it. It may have been taken into the body's first blocks (a headline
    # with commas reads like prose), up to the date line.
    title_anchor = anchor
    for index in range(max(0, anchor - BYLINE_REACH), anchor):
        text = blocks[index].text
        if blocks[index].kind != PROSE and len(text) <= MAX_BYLINE_CHARS and bylines.opens_with_cue(text):
            title_anchor = index
            break
    title_start = max(0, min(first, title_anchor) - TITLE_REACH)
    header.title_index = _find_title(lines, body, title_start, title_anchor, max(first + 1, anchor), anchor)
    if header.title_index is not None:
        header.title = blocks[header.title_index].text
        header.section = _find_section(lines, header.title_index)
        crumbs = _title_crumbs(header.title)
        if crumbs:  # the headline line is a breadcrumb ending with the headline
            header.title = crumbs[-1]
            header.section = header.section or next((c for c in reversed(crumbs[:-1]) if _may_name_a_section(c)), None)

    byline_start = header.title_index + 1 if header.title_index is not None else max(window_start, first - 4)
    # Byline lines are not prose (a bracketed credit closing a paragraph is looked for later).
    header_range = [i for i in range(byline_start, window_end) if blocks[i].kind != PROSE]
    found = _bylines_in(lines, header_range, header.title_index)
    header_lines = [index for index, _ in found]
    header_lines += [i for i in (date_index, header.title_index) if i is not None]
    header.last_index = max(header_lines) if header_lines else None

    if body:
        after_body = range(body[-1] + 1, min(len(blocks), body[-1] + 1 + TRAILER_REACH))
        if date_match is None:
            # No date line in the header: the first one among the body's non-prose lines ("05-04-05
            # 06:40 更新" under the standfirst), else just after the body ("First published ...").
            # The body's prose is not searched (a paragraph mentioning dates is no date line), but its
            # last block may be a closing byline ("Written by ... on November 14, 2019").
            # Further in, a date line belongs to the text (a table of release dates, a timeline).
            later = [
                i for i in (*range(window_end, min(body[-1], window_end + LATER_REACH)), body[-1])
                if (blocks[i].kind != PROSE or i == body[-1]) and not _ends_sentence(blocks[i].text)
            ]
            for index in (*later, *after_body):
                date_match = lines.date(index)
                if date_match is not None:
                    date_index = index
                    break
        if not any(byline.contributors for _, byline in found):
            # A credit closing the last paragraph ("（记者 胡晓蓉）"), or a byline after the body.
            found += _bylines_in(lines, range(body[-1], after_body.stop), None, cued_only=True)
    if date_match is not None and _ambiguous(date_match, blocks[date_index].text):
        # '06/02/2022': the page's unambiguous numeric dates tell which order it writes.
        day_first = dates.guess_day_first(block.text for block in blocks)
        if day_first is not None:
            date_match = dates.find_date(blocks[date_index].text, fetched_at, day_first=day_first) or date_match

    for _, byline in found:
        if header.source is None and byline.source:
            header.source = byline.source
        header.contributors.extend(byline.contributors)

    if hints is not None:
        _apply_hints(header, blocks, hints)
        header.published = resolve_declared(hints, when.timezone, when.default_timezone)
    if date_match is not None and header.published is None:
        header.published = dates.resolve(date_match, when.timezone, when.default_timezone)
    header.contributors = dedupe_contributors(header.contributors)
    return header


def _ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence, footnote marks aside ("...法院。[9]")."""
    if text[-1] == "]" and FOOTNOTE_MARK.search(text[-16:]):
        text = FOOTNOTE_MARK.sub("", text[-16:]) or text
    return text[-1] in SENTENCE_END


def _date_rank(match: dates.DateMatch, index: int, first: int, in_paragraph: bool) -> tuple[int, float]:
    """Lower is better: a date a word calls the publication date ("发布日期：", "Published"), then
    full dates on header lines, then weaker ones (relative, year-less, or opening a paragraph:
    "【2005年07月03日报道】一九八九年..."), then "Updated" dates; ties go to the line nearest the
    body's start, a line before it winning over one after it at the same distance."""
    if match.cue == "updated":
        tier = 3
    elif match.relative or match.year_inferred or in_paragraph:
        tier = 2
    elif match.cue == "published":
        tier = 0
    else:
        tier = 1
    return tier, (first - index) if index < first else (index - first + 0.5)


def _words_beside(text: str, match: dates.DateMatch) -> int:
    """How many words a line holds besides its date (a Han or kana character counting as one)."""
    rest = text[: match.start] + " " + text[match.end :]
    return len(SPACED_WORD.findall(rest)) + unspaced_count(rest)


def _ambiguous(match: dates.DateMatch, text: str) -> bool:
    """A numeric date whose day and month could be swapped ('06/02/2022', not 'Feb 6, 2022')."""
    if match.day > 12 or match.month > 12 or match.day == match.month:
        return False
    return not any(char.isalpha() for char in text[match.start : match.end])


def _date_line(text: str, fetched_at: datetime | None) -> dates.DateMatch | None:
    """The date of a header line (a date line, not a sentence that happens to mention a date)."""
    if len(text) > MAX_HEADER_LINE_CHARS:
        return None
    match = dates.find_date(text, fetched_at)
    if match is None:
        return None
    if _ends_sentence(text) and _opens_clause(text, match.end):
        return None  # "2015年12月21日，Turbo三人回归，发布新专辑。": a sentence that starts with a date
    rest = len(text) - (match.end - match.start)
    if not text.isascii():  # a Han or kana character says about as much as two Latin letters
        rest += unspaced_count(text[: match.start]) + unspaced_count(text[match.end :])
    if rest > MAX_DATE_LINE_REST or (rest > MAX_DATE_SENTENCE_REST and _ends_sentence(text)):
        return None
    return match


def _opens_clause(text: str, date_end: int) -> bool:
    """Whether the date is followed by a comma and the words of a clause."""
    return date_end < len(text) and text[date_end] in CLAUSE_COMMAS and len(text) - date_end > MIN_CLAUSE_CHARS


def _bylines_in(
    lines: "_Lines", indices: Iterable[int], skip: int | None, cued_only: bool = False
) -> list[tuple[int, bylines.Byline]]:
    """Bylines among the given lines. A byline is short (except a credit in brackets closing a
    paragraph) and has at least two words or a colon ("By Jane Doe", "来源：新华社"); a line that
    is a date and little else is none. ``cued_only``: after the body, where a credit without a cue
    ("Jane Doe, Reuters" under a title) would be page furniture, only lines that open with a cue,
    end with a bracketed credit or are CJK text (whose cues can sit anywhere) are read."""
    found = []
    for index in indices:
        text = lines.blocks[index].text
        if index == skip or (len(text) > MAX_BYLINE_CHARS and not text.endswith((")", "）"))):
            continue
        if " " not in text and ":" not in text and "：" not in text and not UNSPACED_CHAR.search(text):
            continue
        if cued_only and not (
            text.endswith(CREDIT_CLOSERS)
            or bylines.opens_with_cue(text)
            or (not text.isascii() and UNSPACED_CHAR.search(text))
        ):
            continue
        if index in lines.dates:
            match = lines.dates[index]
            if match is not None and _words_beside(text, match) <= MAX_WORDS_BESIDE_BARE_DATE:
                continue
        byline = lines.byline(index)
        if byline is not None and (byline.contributors or byline.source):
            found.append((index, byline))
    return found


class _Lines:
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


def resolve_declared(hints: PageHints, timezone_hint: str | None, default_timezone: str | None) -> PublishedDate | None:
    """The page's declared publication date (meta tags, JSON-LD), when it has a readable one."""
    parse = getattr(dates, "parse_declared_date", None)
    if not hints.published or parse is None:
        return None
    match = parse(hints.published)
    return dates.resolve(match, timezone_hint, default_timezone) if match is not None else None


def _apply_hints(header: Header, blocks: list[Block], hints: PageHints) -> None:
    """Prefer what the page declares; the declared title loses a site name the text lacks."""
    if hints.title:
        header.title = _declared_title(hints.title, blocks, header.title)
    if hints.section:
        header.section = hints.section
    if hints.authors:
        header.contributors = [Contributor(name=name, role="author") for name in hints.authors] + header.contributors
    if header.source is None and hints.publisher:
        header.source = hints.publisher


def _declared_title(declared: str, blocks: list[Block], found_in_text: str | None) -> str:
    """The declared title, or the title as the page shows it when the declared one is that plus
    the site's name ("Title | Site", "Site » Title", "Title_Section_Site")."""
    shown = [block.text for block in blocks if block.heading_level == 1]
    if found_in_text:
        shown.append(found_in_text)
    if declared in shown:
        return declared
    for title in shown:
        if len(title) < 4 or len(title) >= len(declared):
            continue
        if declared.startswith(title) and not declared[len(title)].isalnum():
            return title
        if declared.endswith(title) and not declared[-len(title) - 1].isalnum():
            return title
    return declared


def _title_size(text: str) -> float | None:
    """The line's size in words (a Han or kana character counting as half a word) if it is shaped
    like a title: the right length, not ending like a sentence or a label. None if it is not.
    Cheapest tests first: most lines handed here are menu items or paragraphs."""
    length = len(text)
    if length > MAX_TITLE_CHARS or length < MIN_TITLE_CHARS:
        return None
    last = text[-1]
    if last in NOT_TITLE_ENDINGS or (last == "." and not text.endswith("...")):
        return None
    spaces = text.count(" ")
    unspaced = 0 if text.isascii() else unspaced_count(text)
    if unspaced:
        if not (MIN_TITLE_UNSPACED <= unspaced <= MAX_TITLE_UNSPACED):
            return None
        size = unspaced / 2 + spaces
    else:
        size = float(spaces + 1)
        if not (MIN_TITLE_WORDS <= size <= MAX_TITLE_WORDS):
            return None
    return size


def _mostly_letters(text: str) -> bool:
    if text.isascii():  # the letters counted at C speed
        letters = len(text.encode("ascii").translate(None, ASCII_NOT_LETTERS))
    else:
        letters = len(NOT_LETTER.sub("", text))
    return 2 * letters >= len(text) - text.count(" ")


def _content_words(text: str) -> set[str]:
    """Words of four letters or more, cut to a five-letter stem ("dreams", "dream"), or pairs of
    adjacent Han/kana characters in unspaced text. Lowercase, to be looked for in lowercase text."""
    if text.isascii() or not UNSPACED_CHAR.search(text):
        return set(STEMMED_WORD.findall(text.lower()))
    return {run[i : i + 2] for run in UNSPACED_RUN.findall(text) for i in range(len(run) - 1)}


def _find_title(
    lines: _Lines, body: list[int], start: int, anchor: int, end: int, opening_after: int
) -> int | None:
    """Index of the title line among blocks[start:end] (see the module docstring), or None.

    ``anchor`` is the header's first byline or date line (or the body's start); the opening
    paragraphs are the body's first blocks after ``opening_after`` (the date line). The range
    reaches into the body's first blocks: a headline with commas can pass for prose.

    Candidates are scored on words shared with the opening paragraphs, closeness to the anchor
    (lines after it are page furniture more often than titles), a headline's usual length, being
    the page's <h1>, and not being junk. The best candidate that is mostly letters and not itself
    a date, byline or credited caption wins.
    """
    if not body:
        return None
    blocks = lines.blocks
    # The opening paragraphs: the body's first blocks after the date line (the anchor is the body's
    # first block when there is no date line).
    opening = [i for i in body[:OPENING_BLOCKS] if i > opening_after or (i == opening_after == body[0])]
    opening_text: str | None = None
    rest_text: str | None = None
    scored: list[tuple[float, int]] = []
    seen: set[str] = set()
    for index in range(min(end, len(blocks)) - 1, start - 1, -1):
        text = blocks[index].text
        if text in seen:
            continue
        seen.add(text)
        size = _title_size(text)
        if size is None:
            continue
        # The share of the line's words the opening paragraphs use (looked up as substrings: a
        # stem of the title may start a longer word there, "lung" in "lungs"). The first body
        # block, when it is a candidate, is compared with the blocks after it.
        if opening and index == opening[0]:
            if rest_text is None:
                rest_text = _opening_text(blocks, opening[1:])
            searched = rest_text
        else:
            if opening_text is None:
                opening_text = _opening_text(blocks, opening)
            searched = opening_text
        words = _content_words(text)
        shared = len([word for word in words if word in searched])
        overlap = shared / max(len(words), MIN_OVERLAP_BASE) if words else 0.0
        distance = anchor - index if index < anchor else (index - anchor) + 2
        score = 2 * overlap + 1.0 / (1 + distance)
        if TYPICAL_TITLE_WORDS[0] <= size <= TYPICAL_TITLE_WORDS[1]:
            score += 0.3
        if blocks[index].heading_level == 1:
            score += 1.0
        if blocks[index].kind == JUNK:
            score -= JUNK_TITLE_PENALTY
        if score >= MIN_TITLE_SCORE:
            scored.append((score, index))
    scored.sort(key=lambda item: -item[0])
    for _, index in scored[:MAX_TITLE_CHECKS]:
        if not _mostly_letters(blocks[index].text) or lines.date(index) is not None or _is_credit(lines, index):
            continue
        if READING_TIME.search(blocks[index].text) is not None:
            continue  # "Tempo de leitura: 2 minutos", "5 min read": a widget, not a headline
        return index
    return None


def _opening_text(blocks: list[Block], indices: list[int]) -> str:
    """The first :data:`OPENING_CHARS` characters of these blocks, lowercase."""
    parts, size = [], 0
    for index in indices:
        parts.append(blocks[index].text)
        size += len(blocks[index].text) + 1
        if size >= OPENING_CHARS:
            break
    return " ".join(parts)[:OPENING_CHARS].lower()


def _is_credit(lines: _Lines, index: int) -> bool:
    """A byline, a photo credit or a credited caption, which sit next to titles and can look like them."""
    text = lines.blocks[index].text
    byline = lines.byline(index)
    if byline is not None and byline.contributors:
        return True
    # A caption with its credit ("Titan in false colour. (NASA/JPL)") shares the title's words.
    return parse_photo_credit(text) is not None


def _find_section(lines: _Lines, title_index: int) -> str | None:
    """A menu item or breadcrumb just above the title, when there is one."""
    blocks = lines.blocks
    title = blocks[title_index].text
    for index in range(title_index - 1, max(-1, title_index - 3), -1):
        text = blocks[index].text
        if text == title:
            continue
        parts = [p.strip() for p in BREADCRUMB_SEPARATOR.split(text) if p.strip()]
        if len(parts) >= 2:
            # The last crumb may be the page itself ("... > Article"): prefer a crumb the menus list.
            parts = [p for p in parts if p != title and len(p) <= MAX_SECTION_CHARS and _may_name_a_section(p)]
            in_menus = [p for p in parts if lines.occurrences(p) >= 1]
            return in_menus[-1] if in_menus else (parts[-1] if parts else None)
        if len(text) > MAX_SECTION_CHARS or text[-1] in SENTENCE_END or not any(c.isalpha() for c in text):
            continue
        return text if lines.occurrences(text) >= 2 and _may_name_a_section(text) else None
    return None


def _title_crumbs(text: str) -> list[str] | None:
    """The crumbs of a title line that is a breadcrumb trail ending with the headline ("Mensagens »
    Autoestima » Só quem se Ama…"): at least three parts, the last the longest-worded; else None.
    Only arrow separators count: '|' and '/' join a headline and a site name or two names."""
    if "»" not in text and "›" not in text and ">" not in text:
        return None
    parts = [part.strip() for part in TITLE_CRUMB_SEPARATOR.split(text)]
    if len(parts) < MIN_TITLE_CRUMBS or not all(parts):
        return None
    if len(parts[-1].split()) < max(len(part.split()) for part in parts[:-1]) or len(parts[-1]) < MIN_TITLE_CHARS:
        return None
    return parts


def _may_name_a_section(text: str) -> bool:
    """Whether a menu line above the title can be the section: a short label, not an interface
    word ("Menu", "Newsletters"), a labelled credit ("Photo: ...", "Source: ..."), a time stamp
    ("Updated 14 hours ago") or a date line."""
    if len(text.split()) > MAX_SECTION_WORDS or ":" in text or "：" in text:
        return False
    if text.casefold().strip(" .!…»›>|") in NOT_SECTIONS:
        return False
    return not (any(c.isdigit() for c in text) and (time_stamp(text) or dates.find_date(text) is not None))


def dedupe_contributors(contributors: list[Contributor]) -> list[Contributor]:
    """Each person once (by name, case-insensitive), with the first role found for them."""
    seen: set[str] = set()
    unique = []
    for contributor in contributors:
        key = " ".join(contributor.name.casefold().split())
        if key and key not in seen:
            seen.add(key)
            unique.append(contributor)
    return unique
