"""Spans of a paragraph that the sentence splitter (:mod:`.sentences`) treats apart from punctuation.

- **Protected spans**: text inside quotes and brackets ("He said "Stop. Now." and left") is not
  cut at its inner stops, up to a bounded length; a quote closing with a stop ends the sentence.
- **Structural boundaries**: line breaks kept in the paragraph and the starts of list items
  ("1. ...", "a) ...", "• ...", numbered in sequence) end a sentence whatever the punctuation.

The punctuation sets (stops, quotes, brackets) are defined here and shared with :mod:`.sentences`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Full stops that end a sentence wherever they stand (no space needed after them).
HARD_STOPS = "。！？｡．।॥۔؟።፧፨။"
LATIN_STOPS = ".!?…‼⁇⁈⁉"
CLOSERS = "\"'”’“‘»)]}›」』〉》）】〕〗〙〛＂＇｣"  # “ ‘ close German „…“ ‚…‘
OPENERS = "\"'“‘„‚«‹([{¿¡`「『《〈【（〔＂＇｢"
BULLETS = "•‣⁃◦▪▫●■►▸"
# Quotes/brackets longer than this are not protected from splitting (a stray quote mark must not
# glue a whole paragraph into one sentence).
MAX_PROTECTED_SPAN = 400
ALL_STOPS = LATIN_STOPS + HARD_STOPS
LINE_BREAK = re.compile(r"\n\s*")
# An inline list marker (a whole token) and where one may end: '.' or ')' before white space.
LIST_MARKER = re.compile(r"(\()?(\d{1,2}|[a-zA-Z]|[ivx]{2,4}|[IVX]{2,4})(\.\)|[.)])")
LIST_MARKER_END = re.compile(r"[.)]\)?(?=\s{1,8}\S)")
BULLET = re.compile(rf"[{BULLETS}]")
QUOTE_OR_BRACKET = re.compile(r"[\"'“”„‘’‚«»「」『』《》〈〉【】（）()\[\]`]")
# The same without the single quotes, which are mostly apostrophes (it's, one’s): used when no
# single quote can open a quotation in the paragraph.
DOUBLE_QUOTE_OR_BRACKET = re.compile(r"[\"“”„«»「」『』《》〈〉【】（）()\[\]]")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
# Brackets whose content is a title or aside and is never split (CJK book-title marks).
ALWAYS_PROTECTED = {"《": "》", "〈": "〉", "【": "】"}
PAIRS = {
    "(": ")", "[": "]", "（": "）", "「": "」", "『": "』", "«": "»", "“": "”", "„": "“”",
    "‘": "’", "‚": "‘’", "`": "'’", '"': '"', "'": "'", **ALWAYS_PROTECTED,
}


def quote_pattern(text: str) -> re.Pattern[str]:
    """The quotes and brackets that may delimit a protected span in ``text``: without the single
    quotes (apostrophes, mostly) when none of them can open a quotation."""
    single_quotes = "‘" in text or "‚" in text or "`" in text or " '" in text or text[:1] == "'"
    return QUOTE_OR_BRACKET if single_quotes else DOUBLE_QUOTE_OR_BRACKET


def protected_spans(text: str, quotes: re.Pattern[str]) -> list[tuple[int, int]]:
    """(open, close) index pairs of matched quotes/brackets (``quotes``: see quote_pattern) whose
    inside must not be split."""
    n = len(text)
    stack: list[tuple[str, int]] = []
    spans = []
    for match in quotes.finditer(text):
        i = match.start()
        c = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if c in "'’" and before.isalnum() and after.isalnum():
            continue  # apostrophe: don't, l'Ing, one’s
        closes = _find_opener(stack, c) if stack else None
        if closes is not None and not (c in "\"'" and before.isspace()):
            opener, start = stack[closes]
            del stack[closes:]
            if i - start <= MAX_PROTECTED_SPAN or opener in ALWAYS_PROTECTED:
                spans.append((start, i))
            continue
        if c in PAIRS and c not in "'’" or (c in "'" and (before.isspace() or before in OPENERS or not i) and after.isalnum()):
            if c == '"' and not (before.isspace() or before in OPENERS or not i):
                continue  # 6 3/4" is an inch mark
            stack.append((c, i))
            if len(stack) > 16:
                del stack[0]
    return _outermost(spans)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another, sorted (pairs from a stack are nested or disjoint)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
            continue
        out.append((start, end))
    return out


def _find_opener(stack: list[tuple[str, int]], closer: str) -> int | None:
    for depth in range(len(stack) - 1, max(-1, len(stack) - 5), -1):
        if closer in PAIRS.get(stack[depth][0], ""):
            return depth
    return None


def is_protected(spans: list[tuple[int, int]], stop_start: int, boundary: int) -> bool:
    """Is [stop_start, boundary] inside one of the (sorted, disjoint) spans?"""
    i = bisect_right(spans, (stop_start, -1)) - 1
    return i >= 0 and spans[i][0] < stop_start and boundary <= spans[i][1]


def structural_boundaries(text: str, with_lists: bool) -> list[int]:
    """Sentence starts at new lines, bullets and (``with_lists``) inline list items, sorted."""
    found: list[int] = []
    if "\n" in text:
        found.extend(_line_breaks(text))
    if not text.isascii() and has_bullet(text):
        found.extend(m.start() for m in BULLET.finditer(text) if m.start() and text[m.start() - 1].isspace())
    if with_lists:
        found.extend(list_item_starts(text))
    return sorted(set(found)) if found else found


def has_bullet(text: str) -> bool:
    """Is there a bullet anywhere? (Searching for each character is much faster than a regex.)"""
    for bullet in BULLETS:
        if bullet in text:
            return True
    return False


def _line_breaks(text: str) -> list[int]:
    """A blank line always ends a sentence; a single line break does after a full stop or before
    a capital, digit or bullet (before a lower-case or caseless letter it is a hard wrap)."""
    out = []
    for match in LINE_BREAK.finditer(text):
        k = match.end()
        j = match.start() - 1
        while j >= 0 and text[j] in " \t\r":
            j -= 1
        if k >= len(text) or j < 0:
            continue
        ch = text[k]
        if match.group().count("\n") > 1 or text[j] in ALL_STOPS + CLOSERS or ch.isupper() or ch.isdigit() or ch in BULLETS:
            out.append(j + 1)
    return out


def list_item_starts(text: str) -> list[int]:
    """Starts of inline list items: markers of one style that count up (1. 2. / a) b) / (i) (ii)),
    from 1 or for at least three items."""
    groups: dict[tuple, list[tuple[int, int]]] = {}
    for end_match in LIST_MARKER_END.finditer(text):
        end = end_match.end()
        start = end - 1
        while start > 0 and end - start < 8 and not text[start - 1].isspace():
            start -= 1
        match = LIST_MARKER.fullmatch(text, start, end)
        if match is None or (start and not text[start - 1].isspace()):
            continue
        paren, value, suffix = match.groups()
        i = match.start() - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        if i >= 0 and text[i] in BULLETS:
            continue  # '• 9.': the bullet already starts the item
        j = match.end()
        while j < len(text) and text[j].isspace():
            j += 1
        following = text[j:j + 1]
        if suffix == "." and not paren:
            if not following or following.islower() or value.isalpha() and not value.islower():
                continue  # '1. above' is a reference; 'E. Smith' an initial
        for kind, number in _marker_values(value):
            groups.setdefault((bool(paren), suffix, kind), []).append((match.start(), number))
    starts = set()
    for markers in groups.values():
        run = markers[:1]
        for marker in [*markers[1:], (-1, -1)]:
            if marker[1] == run[-1][1] + 1:
                run.append(marker)
                continue
            # a list counts up from 1 (or is long): '12. bis 13. September' is a date range
            if len(run) >= 3 or (len(run) == 2 and run[0][1] == 1):
                starts.update(position for position, _ in run)
            run = [marker]
    leading = len(text) - len(text.lstrip())
    return [s for s in starts if s > leading]


def _marker_values(value: str) -> list[tuple[str, int]]:
    if value.isdigit():
        return [("number", int(value))]
    out = []
    if len(value) == 1:
        out.append(("letter", ord(value.lower()) - 96))
    if set(value.lower()) <= set(ROMAN_VALUES):
        out.append(("roman", _roman(value.lower())))
    return out


def _roman(value: str) -> int:
    total = 0
    for i, c in enumerate(value):
        v = ROMAN_VALUES[c]
        total += -v if i + 1 < len(value) and ROMAN_VALUES[value[i + 1]] > v else v
    return total
