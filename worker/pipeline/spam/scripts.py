"""Which writing system a piece of text is in: letter counts per script.

Spam injected into hacked pages is often in another script than the page (a Chinese spider pool on
an English page, Thai casino ads on a Vietnamese one); a mismatch is strong evidence that a block is
unrelated to the article. Only letters count: digits, punctuation and separators say nothing.

Counting goes through ``collections.Counter`` (C speed) and then classifies each *distinct*
character by code-point range, so the cost grows with the alphabet, not with the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

# (first code point, script) in ascending order; a range ends where the next one starts.
SCRIPT_RANGES = (
    (0x0000, ""), (0x0041, "latin"), (0x005B, ""), (0x0061, "latin"), (0x007B, ""),
    (0x00C0, "latin"), (0x00D7, ""), (0x00D8, "latin"), (0x00F7, ""), (0x00F8, "latin"),
    (0x0250, ""), (0x0370, "greek"), (0x0400, "cyrillic"), (0x0530, ""), (0x0590, "hebrew"),
    (0x0600, "arabic"), (0x0700, ""), (0x0900, "devanagari"), (0x0980, ""), (0x0E00, "thai"),
    (0x0E80, ""), (0x1100, "hangul"), (0x1200, ""), (0x1E00, "latin"), (0x1F00, ""),
    (0x3040, "kana"), (0x3100, ""), (0x3400, "han"), (0x4DC0, ""), (0x4E00, "han"),
    (0xA000, ""), (0xAC00, "hangul"), (0xD7B0, ""), (0xF900, "han"), (0xFB00, ""),
)
RANGE_STARTS = [start for start, _ in SCRIPT_RANGES]
# Japanese mixes kana with han: both count as one family when comparing scripts.
SCRIPT_FAMILY = {"kana": "han"}


def char_script(char: str) -> str:
    return SCRIPT_RANGES[bisect_right(RANGE_STARTS, ord(char)) - 1][1]


def script_profile(text: str) -> dict[str, int]:
    """Letter count per script family in ``text``."""
    counts: dict[str, int] = {}
    for char, count in Counter(text).items():
        name = char_script(char)
        if name:
            name = SCRIPT_FAMILY.get(name, name)
            counts[name] = counts.get(name, 0) + count
    return counts


def dominant_script(counts: dict[str, int]) -> tuple[str, float]:
    """The script with most letters and its share of all letters."""
    total = sum(counts.values())
    if not total:
        return "", 0.0
    name = max(counts, key=counts.__getitem__)
    return name, counts[name] / total


def sampled_profile(text: str, sample_chars: int = 1500) -> dict[str, int]:
    """Letter counts of an evenly spaced sample of about ``sample_chars`` characters, scaled back."""
    step = len(text) // sample_chars
    if step <= 1:
        return script_profile(text)
    return {name: count * step for name, count in script_profile(text[::step]).items()}
