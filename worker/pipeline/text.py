"""Small text helpers shared by pipeline steps: word counting and script tests.

Words are runs of letters/digits; each Han, Hiragana, Katakana or Hangul-syllable character counts
as one word, since those scripts do not separate words with spaces.
"""

from __future__ import annotations

import re

import regex

# One token: a CJK character alone, or a run of other letters/digits. Linear-time (no nesting).
WORD_PATTERN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{N}--\p{Han}\p{Hiragana}\p{Katakana}]+", regex.V1)
CJK_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# The same tokens in ASCII text, where the only letters and digits are [A-Za-z0-9]: the stdlib
# engine runs this class several times faster than WORD_PATTERN's Unicode property sets.
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
# Non-ASCII punctuation and spaces common in otherwise-ASCII text (curly quotes, dashes, ellipsis,
# NBSP, guillemets, bullets). None is a letter or digit, so each only separates tokens, like a space:
# mapping them to spaces keeps the tokens and lets such text take the ASCII path.
SEPARATORS_TO_SPACE = str.maketrans(dict.fromkeys("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb\u2022\u00b7", " "))


def words(text: str) -> list[str]:
    """Tokens of ``text`` as defined in the module docstring."""
    return WORD_PATTERN.findall(text)


def count_words(text: str) -> int:
    if not text.isascii():
        spaced = text.translate(SEPARATORS_TO_SPACE)
        if not spaced.isascii():
            return len(WORD_PATTERN.findall(text))
        text = spaced
    return len(ASCII_WORD.findall(text))
