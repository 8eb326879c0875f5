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
- **The title and the section** are read above the header's first byline or date line
  (:mod:`.title`).
- **Bylines** are read on the non-prose lines between the title and the body's first blocks, and,
  failing that, on the lines closing the body that open with a cue or end with a bracketed credit
  ("（记者 胡晓蓉）", "责任编辑：...").

The HTML path prefers what the page declares (:class:`PageHints`) and checks it against the text:
a date line earlier than the declared day, which the page shows nowhere, is the publication date
(the declared one is then a later save; see :func:`_shown_is_original`).

Speed: each line is parsed for a date or a byline at most once per page (:class:`.lines.HeaderLines`),
and a bare date line is never handed to the byline parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from worker.pipeline.segment import bylines, dates, names, timestamps
from worker.pipeline.segment.bylines import MAX_BYLINE_CHARS
from worker.pipeline.textfacts import SPACED_WORD, UNSPACED_CHAR, unspaced_count
from worker.pipeline.model import Block, BlockKind, Contributor, PageHints, PublishedDate, TimeHints
from worker.pipeline.segment.lines import HeaderLines, ends_sentence
from worker.pipeline.segment.title import find_section, find_title, may_name_a_section, title_crumbs

# A spaced dash or bar between two spellings of one contributor's name.
NAME_AFFIX_SEPARATOR = re.compile(r"\s[-–—|]\s")
NAME_EDGE_PUNCTUATION = " ,;:·|–—-"

PROSE = BlockKind.PROSE

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
# Lines on either side of a headline far above the body that may hold its date or byline.
HEADLINE_REACH = 3
CREDIT_CLOSERS = (")", "）", "]", "】")
# A body paragraph with more words than this besides its date is text that mentions a date.
MAX_DATE_LINE_WORDS = 12
# A line holding a date and at most this many words besides is a date line, never a byline.
MAX_WORDS_BESIDE_BARE_DATE = 1


@dataclass(slots=True)
class Header:
    title: str | None = None
    title_index: int | None = None
    section: str | None = None
    published: PublishedDate | None = None
    source: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    last_index: int | None = None  # the last block that belongs to the header (date, byline, title)
    line_indices: list[int] = field(default_factory=list)  # every block read as a header line


def read_header(blocks: list[Block], body: list[int], hints: PageHints | None, when: TimeHints = TimeHints()) -> Header:
    """Header fields of the article whose body blocks are ``body`` (indices into ``blocks``);
    ``when`` places relative and zone-less dates in time.

    Cheap tests first: dates (a fast scan) anchor the title, and the title bounds the few lines
    handed to the (costlier) byline parser.
    """
    header = Header()
    fetched_at = when.fetched_at
    lines = HeaderLines(blocks, fetched_at)
    first = body[0] if body else len(blocks)
    window_start = max(0, first - HEADER_REACH)
    # Header lines may also have been taken into the body region's first blocks.
    window_end = min(len(blocks), body[min(len(body) - 1, HEADER_INSIDE_BODY - 1)] + 1) if body else len(blocks)

    # The best date line around the body's start (sentences are never date lines, however many
    # dates they mention): see _date_rank.
    body_set = set(body[:HEADER_INSIDE_BODY])
    date_match, date_index, best_rank = None, None, None
    for index in range(window_start, window_end):
        if blocks[index].kind == PROSE and ends_sentence(blocks[index].text):
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
    header.title_index = find_title(lines, body, title_start, title_anchor, max(first + 1, anchor), anchor)
    if header.title_index is not None:
        header.title = blocks[header.title_index].text
        header.section = find_section(lines, header.title_index)
        crumbs = title_crumbs(header.title)
        if crumbs:  # the headline line is a breadcrumb ending with the headline
            header.title = crumbs[-1]
            header.section = header.section or next((c for c in reversed(crumbs[:-1]) if may_name_a_section(c)), None)

    byline_start = header.title_index + 1 if header.title_index is not None else max(window_start, first - 4)
    # Byline lines are not prose (a bracketed credit closing a paragraph is looked for later).
    header_range = [i for i in range(byline_start, window_end) if blocks[i].kind != PROSE]
    found = _bylines_in(lines, header_range, header.title_index)
    header_lines = [index for index, _ in found]
    header_lines += [i for i in (date_index, header.title_index) if i is not None]
    header.last_index = max(header_lines) if header_lines else None
    header.line_indices = sorted(set(header_lines))

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
                if (blocks[i].kind != PROSE or i == body[-1]) and not ends_sentence(blocks[i].text)
            ]
            for index in (*later, *after_body):
                date_match = lines.date(index)
                if date_match is not None:
                    date_index = index
                    break
        if not any(byline.contributors for _, byline in found):
            # A credit closing the last paragraph ("（记者 胡晓蓉）"), or a byline after the body.
            found += _bylines_in(lines, range(body[-1], after_body.stop), None, cued_only=True)
    # A headline (<h1>) far above the body (a table of contents, a summary box between them) keeps
    # its date and byline lines beside it: "Last updated:" / "Dec 12, 2025", "Written by: ...".
    headline = next((index for index in range(0, window_start) if blocks[index].heading_level == 1), None)
    beside_headline = (
        range(max(0, headline - HEADLINE_REACH), min(window_start, headline + HEADLINE_REACH + 1)) if headline is not None else range(0)
    )
    if not any(byline.contributors for _, byline in found):
        found += _bylines_in(lines, beside_headline, headline, cued_only=True)
    if date_match is None:
        for index in beside_headline:
            if blocks[index].kind != PROSE and len(blocks[index].text) <= MAX_BYLINE_CHARS:
                date_match = lines.date(index)
                if date_match is not None:
                    date_index = index
                    break
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
    if date_match is not None and (header.published is None or _shown_is_original(date_match, header.published, lines)):
        header.published = timestamps.resolve(date_match, when.timezone, when.default_timezone)
    header.contributors = dedupe_contributors(header.contributors)
    return header


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


def _bylines_in(
    lines: "HeaderLines", indices: Iterable[int], skip: int | None, cued_only: bool = False
) -> list[tuple[int, bylines.Byline]]:
    """Bylines among the given lines. A byline is short (except a credit in brackets closing a
    paragraph) and has at least two words or a colon ("By Jane Doe", "来源：新华社"); a line that
    is a date and little else is none. ``cued_only``: after the body, where a credit without a cue
    ("Jane Doe, Reuters" under a title) would be page furniture, only lines that open with a cue,
    end with a bracketed credit or are CJK text (whose cues can sit anywhere) are read."""
    found = []
    blocks = lines.blocks
    for index in indices:
        text = blocks[index].text
        if index == skip or (len(text) > MAX_BYLINE_CHARS and not text.endswith((")", "）"))):
            continue
        if bylines.bare_author_cue(text) and index + 1 < len(blocks) and index + 1 != skip:
            # "By" / "Written By" on a line of its own, the name on the next: read them as one line.
            joined = bylines.parse_byline(f"By {blocks[index + 1].text.strip()}")
            if joined is not None and joined.contributors:
                found.append((index, joined))
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


def resolve_declared(hints: PageHints, timezone_hint: str | None, default_timezone: str | None) -> PublishedDate | None:
    """The page's declared publication date (meta tags, JSON-LD), when it has a readable one."""
    if not hints.published:
        return None
    match = timestamps.parse_declared_date(hints.published)
    return timestamps.resolve(match, timezone_hint, default_timezone) if match is not None else None


def _shown_is_original(shown: dates.DateMatch, declared: PublishedDate, lines: HeaderLines) -> bool:
    """The page shows a publication date earlier than the day it declares, and shows the declared
    day nowhere: the declared date is then mostly when the page was saved again (a CMS writes its
    last save as the publication time, a site's zone pushes a late-evening post into the next day),
    and the date the reader sees is the one the page was first published on. On the wcxb tune
    pages whose shown and declared days differ, the earlier shown day was the publication day on
    16 pages, the declared one on 8 (with the guard below the rule makes 10 right and 3 wrong); a
    later shown date is as often an update as the publication, so it never overrides. A declared day the page also shows on a short line of its own
    ("发布日期：2022年01月28日" in a document's facts table, the header showing "成文日期", the day
    it was signed) stands."""
    if shown.cue == "updated" or shown.relative or shown.year_inferred:
        return False
    declared_day = declared.local[:10]
    if _day(shown) >= declared_day:
        return False
    blocks = lines.blocks
    for index, block in enumerate(blocks):
        if len(block.text) <= MAX_BYLINE_CHARS and not ends_sentence(block.text):
            match = lines.date(index)
            if match is not None and _day(match) == declared_day:
                return False
    return True


def _day(match: dates.DateMatch) -> str:
    return f"{match.year:04d}-{match.month:02d}-{match.day:02d}"


def _apply_hints(header: Header, blocks: list[Block], hints: PageHints) -> None:
    """Prefer what the page declares; the declared title loses a site name the text lacks."""
    if hints.title:
        header.title = _declared_title(hints.title, blocks, header.title)
    if hints.section:
        header.section = hints.section
    if hints.authors:
        # The declared authors stand for the page's: the byline rules' authors beside them are
        # mostly their credentials and neighbours read as names ("Tracy Parker, Dietitian",
        # "Fact Checked", a related post's author); other credits (photos, reporting) are kept.
        # But when the page declares only organizations ('British Heart Foundation', 'USA TODAY')
        # and its byline names people, the people are its authors.
        found = [person for person in header.contributors if person.role == "author" and names.is_personal_name(person.name)]
        others = [person for person in header.contributors if person.role != "author"]
        if found and not any(names.is_personal_name(name) for name in hints.authors):
            header.contributors = found + others
        else:
            header.contributors = [Contributor(name=name, role="author") for name in hints.authors] + others
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


def dedupe_contributors(contributors: list[Contributor]) -> list[Contributor]:
    """Each person once (by name, case-insensitive), with the first role found for them; names
    tidied by :func:`person_name`, and a name that is an earlier one plus more words ("Celeste
    Longacre Gardener" after "Celeste Longacre": a role or an affiliation glued on) is that person
    again."""
    seen: set[str] = set()
    unique = []
    for contributor in contributors:
        name = person_name(contributor.name)
        if name is None:
            continue
        words = name.casefold().split()
        # The name itself, or any of its shorter word prefixes, already seen (set lookups: linear).
        if any(" ".join(words[:count]) in seen for count in range(1, len(words) + 1)):
            continue
        seen.add(" ".join(words))
        unique.append(contributor if name == contributor.name else Contributor(name=name, role=contributor.role))
    return unique


def person_name(name: str) -> str | None:
    """A contributor's name as a reader expects it, or None when it names nobody: a name repeated
    around a dash or bar once ("pcurry – pcurry", a forum's user name and display name), without
    stray punctuation at its ends; nobody when it is only an honorific ("Mr"). Collective names
    ("Staff", "The Investopedia Team", "News Desk") are authors too, and stay."""
    name = " ".join(name.split()).strip(NAME_EDGE_PUNCTUATION)
    parts = NAME_AFFIX_SEPARATOR.split(name)
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        name = parts[0]
    words = [word.casefold().rstrip(".") for word in name.split()]
    if not words or all(word in names.HONORIFICS for word in words):
        return None
    return name
