"""The article's title and section, read from the lines above its body (see :mod:`.header`).

- **The title** is the most title-like line before the header's first byline or date line (or the
  body): the right length, not ending like a sentence, a label or a breadcrumb, sharing words with
  the opening paragraphs (a title announces what the article is about), close to the header, and
  the page's <h1> if it has one. A byline, a date line, a credited photo caption or a reading-time
  widget is no title. No line qualifying means no title. A title line that is a breadcrumb trail
  ("Home » Opinion » <headline>") gives its last crumb.
- **The section** is a short line just above the title that also appears elsewhere on the page (a
  menu item), or the last breadcrumb item before the title; never an interface label ("Menu",
  "Newsletters", "首页"), a labelled credit ("Photo: ..."), a time stamp or a date line.
"""

from __future__ import annotations

import re

from worker.pipeline.model import Block, BlockKind
from worker.pipeline.segment import dates
from worker.pipeline.segment.classify import SENTENCE_END
from worker.pipeline.segment.credits import parse_photo_credit
from worker.pipeline.segment.lines import HeaderLines
from worker.pipeline.segment.region import time_stamp
from worker.pipeline.textfacts import NOT_LETTER, UNSPACED_CHAR, UNSPACED_RUN, load_json, unspaced_count

JUNK = BlockKind.JUNK
CUES = load_json("boilerplate_cues.json")  # page furniture vocabulary, several languages
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


def find_title(
    lines: HeaderLines, body: list[int], start: int, anchor: int, end: int, opening_after: int
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


def _is_credit(lines: HeaderLines, index: int) -> bool:
    """A byline, a photo credit or a credited caption, which sit next to titles and can look like them."""
    text = lines.blocks[index].text
    byline = lines.byline(index)
    if byline is not None and byline.contributors:
        return True
    # A caption with its credit ("Titan in false colour. (NASA/JPL)") shares the title's words.
    return parse_photo_credit(text) is not None


def find_section(lines: HeaderLines, title_index: int) -> str | None:
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
            parts = [p for p in parts if p != title and len(p) <= MAX_SECTION_CHARS and may_name_a_section(p)]
            in_menus = [p for p in parts if lines.occurrences(p) >= 1]
            return in_menus[-1] if in_menus else (parts[-1] if parts else None)
        if len(text) > MAX_SECTION_CHARS or text[-1] in SENTENCE_END or not any(c.isalpha() for c in text):
            continue
        return text if lines.occurrences(text) >= 2 and may_name_a_section(text) else None
    return None


def title_crumbs(text: str) -> list[str] | None:
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


def may_name_a_section(text: str) -> bool:
    """Whether a menu line above the title can be the section: a short label, not an interface
    word ("Menu", "Newsletters"), a labelled credit ("Photo: ...", "Source: ..."), a time stamp
    ("Updated 14 hours ago") or a date line."""
    if len(text.split()) > MAX_SECTION_WORDS or ":" in text or "：" in text:
        return False
    if text.casefold().strip(" .!…»›>|") in NOT_SECTIONS:
        return False
    return not (any(c.isdigit() for c in text) and (time_stamp(text) or dates.find_date(text) is not None))
