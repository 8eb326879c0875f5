"""Label a page's blocks as main content or not, from a gold body: training labels for the extractor.

A block (a line of page text, or an HTML block element's text) is content when its words are in
the gold body. Bags of words are too lax for that (a menu's "Home" or "Contact" occurs in many
bodies), so the test is on word order: the share of the block's word trigrams (the benchmark's
lowercase ``\\w+`` tokens, see :func:`bench.wcxb.tokenize`) found among the gold's trigrams. A
block of one or two words has no trigram: it is content when it is a whole line of the gold (a
subheading, a list item, a table cell), boilerplate when its words occur nowhere in the gold, and
undecidable (``None``) when they occur only inside a longer gold line ("roses" in a sentence).

Sets, not multisets: a block repeated on the page (a teaser repeating the lead) is labelled like
its first copy; the benchmark's clipped counts still charge the repeat to the extractor.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.wcxb import tokenize

SHINGLE = 3
# A block is content when at least this share of its trigrams is in the gold.
CONTENT_SHARE = 0.5
# containment() of a short block found only inside a longer gold line.
UNDECIDED = 0.5


class GoldText:
    """A gold body indexed for :meth:`containment` (build once per page, label many blocks)."""

    __slots__ = ("trigrams", "lines", "joined")

    def __init__(self, body: str) -> None:
        tokens = tokenize(body)
        self.trigrams = {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
        self.lines = {tuple(line_tokens) for line in body.splitlines() if (line_tokens := tokenize(line))}
        self.joined = " " + " ".join(tokens) + " "

    def containment(self, text: str) -> float | None:
        """Share of the block's trigrams in the gold (short blocks: 1, UNDECIDED or 0); None: no words."""
        tokens = tokenize(text)
        if not tokens:
            return None
        if len(tokens) < SHINGLE:
            if tuple(tokens) in self.lines:
                return 1.0
            return UNDECIDED if f" {' '.join(tokens)} " in self.joined else 0.0
        grams = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
        return sum(gram in self.trigrams for gram in grams) / len(grams)


def label_blocks(texts: Sequence[str], gold: str | GoldText, share: float = CONTENT_SHARE) -> list[bool | None]:
    """For each block text: True (in the gold body), False (boilerplate), None (no words, or undecidable)."""
    index = gold if isinstance(gold, GoldText) else GoldText(gold)
    labels: list[bool | None] = []
    for text in texts:
        value = index.containment(text)
        if value is None or (value == UNDECIDED and len(tokenize(text)) < SHINGLE):
            labels.append(None)
        else:
            labels.append(value >= share)
    return labels
