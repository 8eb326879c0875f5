"""Normalize page text, and cut plain-text pages into line blocks that remember their offsets.

Crawled text arrives with every kind of Unicode damage: non-breaking and zero-width spaces, soft
hyphens, stray control characters, HTML entities that were never decoded (``&amp;``, ``&#8217;``)
and mojibake (UTF-8 read as Latin-1: ``donâ€™t``). :func:`normalize_text` repairs one line of it:

>>> normalize_text("don\\u00e2\\u20ac\\u2122t\\u00a0 stop&nbsp;now\\u200b")
"don't stop now"

It is built for speed, since every line of every page goes through it: the expensive repairs
(``html.unescape``, ftfy's mojibake fixer) run only on lines where a cheap regex first sees a sign
of the damage they fix; clean lines pay for a few scans.

:func:`text_blocks` splits a page's text into one :class:`Block` per non-empty line, with the
line's offsets in the original content (before any normalization), so that later steps can point
back into the input exactly.
"""

from __future__ import annotations

import html
import unicodedata

import re

import ftfy

from worker.pipeline.model import Block

# The patterns are simple character classes, so the stdlib `re` (faster than `regex` on these)
# runs them in linear time.
# Characters that carry no text: zero-width spaces/joiners, BOM, soft hyphen, word joiner, bidi
# controls, and C0/C1 controls other than tab and newline.
INVISIBLE_CHARS = re.compile(
    r"[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    r"\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
# Any horizontal white space (incl. NBSP, ideographic space is kept: it is layout in CJK text).
SPACE_RUN = re.compile(r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f]+")
# An HTML entity that was never decoded: &amp; &#8217; &#x2019;
HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Typical marks of UTF-8 bytes decoded as Latin-1 / Windows-1252 (the mojibake ftfy repairs).
MOJIBAKE_HINT = re.compile(r"[\u00c2-\u00c3\u00e2\u00c5\u00d0\u00d1\u00e5-\u00e9\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")

# Only the mojibake repair is wanted from ftfy: the text's own quotes, full-width CJK punctuation
# and ligatures are content, not damage.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # done by us, only when an entity is present
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)


def normalize_text(text: str) -> str:
    """Repair one line (or short block) of text; see the module docstring.

    Newlines are not kept: callers split lines first.
    """
    if "&" in text and HTML_ENTITY.search(text):
        text = html.unescape(text)
    if text.isascii():
        if not text.isprintable():  # tabs, control characters
            text = SPACE_RUN.sub(" ", INVISIBLE_CHARS.sub("", text))
        elif "  " in text:
            text = SPACE_RUN.sub(" ", text)
        return text.strip()
    if not text.isprintable():  # NBSP and other odd spaces, zero-width and control characters
        text = SPACE_RUN.sub(" ", INVISIBLE_CHARS.sub("", text))
    if MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, FTFY_CONFIG)
        if not text.isprintable():  # the repair can reveal odd spaces ('Â\xa0' was a NBSP)
            text = SPACE_RUN.sub(" ", INVISIBLE_CHARS.sub("", text))
    if "  " in text:
        text = SPACE_RUN.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


def text_blocks(content: str, max_line_chars: int = 100_000) -> list[Block]:
    """One block per non-empty line of ``content``.

    A block's ``start``/``end`` bracket the line in ``content`` without its leading and trailing
    white space, so ``content[block.start:block.end]`` is the line as the crawler saved it. Lines
    longer than ``max_line_chars`` are cut into pieces of that size, which bounds the cost of every
    later per-line step.
    """
    blocks: list[Block] = []
    append = blocks.append
    offset = 0
    for line in content.splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        # Most lines start with their text: then no lstrip is needed to find where it starts.
        start = line_start if line[0] == stripped[0] else line_start + len(line) - len(line.lstrip())
        size = len(stripped)
        if size <= max_line_chars:  # the common case, kept cheap
            # Most lines are clean ASCII, which normalize_text would return as it is (the tests
            # are its own, cheapest first: isascii is O(1)).
            if stripped.isascii() and "&" not in stripped and "  " not in stripped and stripped.isprintable():
                append(Block(stripped, start, start + size))
                continue
            text = normalize_text(stripped)
            if text:
                append(Block(text, start, start + size))
            continue
        end = start + size
        for piece_start in range(start, end, max_line_chars):
            piece_end = min(end, piece_start + max_line_chars)
            text = normalize_text(content[piece_start:piece_end])
            if text:
                append(Block(text, piece_start, piece_end))
    return blocks
