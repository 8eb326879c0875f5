"""The article's header: title, section, publication date, credited outlet and contributors.

Once the body is known, the header is found around where it starts. News pages, in any language,
put the same things there: a section label (a menu or breadcrumb item), the title, maybe a
standfirst, then a line or two with the date and the byline ("By ...", "Editor: ...", "来源：..."),
maybe a photo, then the first paragraph. So:

- **Dates and bylines** are looked for in the lines just before the body (and, failing that, just
  after it: "First published ...", "责任编辑：..."), with :mod:`worker.pipeline.dates` and
  :mod:`worker.pipeline.bylines`, which know the languages' words and formats.
- **The title** is the most title-like line before the body: the right length, not ending like a
  sentence, not a menu item, close to the date/byline lines, and sharing words with the first
  paragraphs (a title announces what the article is about). No line qualifying means no title.
- **The section** is a short line just above the title that also appears elsewhere on the page (a
  menu item), or the last breadcrumb item before the title.

The HTML path prefers what the page declares (:class:`PageHints`) and checks it against the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from worker.pipeline import bylines, dates
from worker.pipeline.boilerplate import NOT_LETTER, PROSE, SENTENCE_END, UNSPACED_CHAR
from worker.pipeline.model import Block, Contributor, PageHints, PublishedDate

# How many lines before the first body block may belong to the header.
HEADER_REACH = 14
# How many of the body region's first blocks may still be header lines (a title with commas, a
# standfirst, the byline and date under it).
HEADER_INSIDE_BODY = 5
# How many lines after the body end are searched for a date or a byline when the header has none.
TRAILER_REACH = 5
# Lines this long are paragraphs, not header lines.
MAX_HEADER_LINE_CHARS = 200
MAX_BYLINE_CHARS = 160
# A date line holds little besides the date (a byline, a source); a sentence around a date is text.
MAX_DATE_LINE_REST = 160
MAX_DATE_SENTENCE_REST = 80
MAX_TITLE_WORDS = 30
MIN_TITLE_WORDS = 2
MIN_TITLE_UNSPACED = 4
MAX_TITLE_UNSPACED = 60
MAX_SECTION_CHARS = 40
TYPICAL_TITLE_WORDS = (5, 25)
MIN_TITLE_SCORE = 0.3
MAX_TITLE_CHECKS = 3
BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|›|»|/|\|)\s|\s?(?:>|›|»)\s?")
WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Header:
    title: str | None = None
    title_index: int | None = None
    section: str | None = None
    published: PublishedDate | None = None
    source: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    last_index: int | None = None  # the last block that belongs to the header (date, byline, title)


def read_header(
    blocks: list[Block],
    kinds: list[int],
    body: list[int],
    hints: PageHints | None,
    timezone_hint: str | None,
    default_timezone: str | None,
    fetched_at: datetime | None = None,
) -> Header:
    """Header fields of the article whose body blocks are ``body`` (indices into ``blocks``).

    Cheap tests first: dates (a fast scan) anchor the title, and the title bounds the few lines
    handed to the (costlier) byline parser.
    """
    header = Header()
    first = body[0] if body else len(blocks)
    window_start = max(0, first - HEADER_REACH)
    # Header lines may also have been taken into the body region's first blocks.
    window_end = min(len(blocks), body[min(len(body) - 1, HEADER_INSIDE_BODY - 1)] + 1) if body else len(blocks)

    # The date line nearest the body's start (sentences are never date lines, however many dates
    # they mention).
    date_match, date_index = None, None
    for index in range(window_end - 1, window_start - 1, -1):
        if _sentence(blocks[index].text, kinds[index]):
            continue
        date_match = _date_line(blocks[index].text, fetched_at)
        if date_match is not None:
            date_index = index
            break

    anchor = date_index if date_index is not None else first
    # The title comes before the date line (or the body, when there is no date line); it may have
    # been taken into the body's first blocks when it has commas and a date line follows it.
    header.title_index = _find_title(blocks, body, window_start, anchor, max(first, anchor))
    if header.title_index is not None:
        header.title = blocks[header.title_index].text
        header.section = _find_section(blocks, header.title_index)

    byline_start = header.title_index + 1 if header.title_index is not None else max(window_start, first - 4)
    # Byline lines are not prose (a bracketed credit closing a paragraph is looked for later).
    header_range = [i for i in range(byline_start, window_end) if kinds[i] != PROSE]
    found = _bylines_in(blocks, header_range, header.title_index)
    header_lines = [index for index, _ in found]
    header_lines += [i for i in (date_index, header.title_index) if i is not None]
    header.last_index = max(header_lines) if header_lines else None

    if body:
        after_body = range(body[-1] + 1, min(len(blocks), body[-1] + 1 + TRAILER_REACH))
        if date_match is None:
            # No date line in the header: the first one among the body's non-prose lines ("05-04-05
            # 06:40 更新" under the standfirst), else just after the body ("First published ...").
            later = [i for i in range(window_end, body[-1] + 1) if not _sentence(blocks[i].text, kinds[i])]
            for index in (*later, *after_body):
                date_match = _date_line(blocks[index].text, fetched_at)
                if date_match is not None:
                    date_index = index
                    break
        if not any(byline.contributors for _, byline in found):
            # A credit closing the last paragraph ("（记者 胡晓蓉）"), or a byline after the body.
            found += _bylines_in(blocks, range(body[-1], after_body.stop), None)
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
        header.published = resolve_declared(hints, timezone_hint, default_timezone)
    if date_match is not None and header.published is None:
        header.published = dates.resolve(date_match, timezone_hint, default_timezone)
    header.contributors = dedupe_contributors(header.contributors)
    return header


def _sentence(text: str, kind: int) -> bool:
    return kind == PROSE and text[-1] in SENTENCE_END


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
    rest = len(text) - (match.end - match.start)
    if not text.isascii():  # a Han or kana character says about as much as two Latin letters
        rest += len(UNSPACED_CHAR.findall(text[: match.start])) + len(UNSPACED_CHAR.findall(text[match.end :]))
    if rest > MAX_DATE_LINE_REST or (rest > MAX_DATE_SENTENCE_REST and text[-1] in SENTENCE_END):
        return None
    return match


def _bylines_in(blocks: list[Block], indices: Iterable[int], skip: int | None) -> list[tuple[int, bylines.Byline]]:
    """Bylines among the given lines. A byline is short (except a credit in brackets closing a
    paragraph) and has at least two words or a colon ("By Jane Doe", "来源：新华社")."""
    found = []
    for index in indices:
        text = blocks[index].text
        if index == skip or (len(text) > MAX_BYLINE_CHARS and not text.endswith((")", "）"))):
            continue
        if " " not in text and ":" not in text and "：" not in text and not UNSPACED_CHAR.search(text):
            continue
        byline = bylines.parse_byline(text)
        if byline is not None and (byline.contributors or byline.source):
            found.append((index, byline))
    return found


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


def _title_size(text: str) -> tuple[float, int]:
    unspaced = 0 if text.isascii() else len(UNSPACED_CHAR.findall(text))
    if unspaced:
        return unspaced / 2 + text.count(" "), unspaced
    return float(text.count(" ") + 1), 0


def _is_title_like(text: str) -> bool:
    words, unspaced = _title_size(text)
    if unspaced:
        if not (MIN_TITLE_UNSPACED <= unspaced <= MAX_TITLE_UNSPACED):
            return False
    elif not (MIN_TITLE_WORDS <= words <= MAX_TITLE_WORDS):
        return False
    if (text.endswith(".") and not text.endswith("...")) or text.endswith((":", "：")):
        return False
    return 2 * len(NOT_LETTER.sub("", text)) >= len(text) - text.count(" ")


def _content_words(text: str) -> set[str]:
    if text.isascii() or not UNSPACED_CHAR.search(text):
        return {w for w in WORD.findall(text.lower()) if len(w) > 3}
    chars = [c for c in text if UNSPACED_CHAR.match(c)]
    return {a + b for a, b in zip(chars, chars[1:])}


def _find_title(blocks: list[Block], body: list[int], start: int, anchor: int, end: int) -> int | None:
    """Index of the title line among blocks[start:end] (see the module docstring), or None.

    The range reaches into the body's first blocks: a title with commas can pass for prose.

    Candidates are scored on words shared with the opening paragraphs, closeness to the date and
    byline lines (or to the body), a headline's usual length, and being the page's <h1>. The best
    candidate that is not itself a date, byline or photo-credit line wins.
    """
    if not body:
        return None
    opening_words = _content_words(" ".join(blocks[i].text for i in body[:4] if i > anchor)[:2000])
    scored: list[tuple[float, int]] = []
    seen: set[str] = set()
    for index in range(min(end, len(blocks)) - 1, start - 1, -1):
        text = blocks[index].text
        if text in seen or not _is_title_like(text):
            continue
        seen.add(text)
        words = _content_words(text)
        overlap = len(words & opening_words) / len(words) if words else 0.0
        distance = anchor - index if index < anchor else (index - anchor) + 2
        score = 2 * overlap + 1.0 / (1 + distance)
        size = _title_size(text)[0]
        if TYPICAL_TITLE_WORDS[0] <= size <= TYPICAL_TITLE_WORDS[1]:
            score += 0.3
        if blocks[index].heading_level == 1:
            score += 1.0
        if score >= MIN_TITLE_SCORE:
            scored.append((score, index))
    scored.sort(key=lambda item: -item[0])
    for _, index in scored[:MAX_TITLE_CHECKS]:
        text = blocks[index].text
        if dates.find_date(text) is not None or _is_credit(text):
            continue
        return index
    return None


def _is_credit(text: str) -> bool:
    """A byline or a photo credit, which sit next to titles and can look like them."""
    byline = bylines.parse_byline(text)
    if byline is not None and byline.contributors:
        return True
    credit = bylines.parse_photo_credit(text)
    return credit is not None and not credit[0]


def _find_section(blocks: list[Block], title_index: int) -> str | None:
    """A menu item or breadcrumb just above the title, when there is one."""
    title = blocks[title_index].text
    for index in range(title_index - 1, max(-1, title_index - 3), -1):
        text = blocks[index].text
        if text == title:
            continue
        parts = [p.strip() for p in BREADCRUMB_SEPARATOR.split(text) if p.strip()]
        if len(parts) >= 2:
            # The last crumb may be the page itself ("... > Article"): prefer a crumb the menus list.
            parts = [p for p in parts if p != title and len(p) <= MAX_SECTION_CHARS]
            listed = _short_line_counts(blocks)
            in_menus = [p for p in parts if p.casefold() in listed]
            return in_menus[-1] if in_menus else (parts[-1] if parts else None)
        if len(text) > MAX_SECTION_CHARS or text[-1] in SENTENCE_END or not any(c.isalpha() for c in text):
            continue
        return text if _short_line_counts(blocks).get(text.casefold(), 0) >= 2 else None
    return None


def _short_line_counts(blocks: list[Block]) -> dict[str, int]:
    """How often each short line (case-folded) appears on the page: menu items are listed there."""
    counts: dict[str, int] = {}
    for block in blocks:
        if len(block.text) <= MAX_SECTION_CHARS:
            key = block.text.casefold()
            counts[key] = counts.get(key, 0) + 1
    return counts


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
