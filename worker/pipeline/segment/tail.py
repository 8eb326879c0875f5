"""Where a page-text article ends: the first tail line after its last long paragraph (issue 11).

Page text has no markup to say where an article stops, and the block model, judging each line by
its shape and its neighbours, keeps too much after the last paragraph: related headlines, an
author's bio, a newsletter box, a consent dialog. What opens such a tail is a line of words that
tails use and article bodies rarely do ("related", "newsletter", "share", "subscribe", "comments",
in every language of the dev pages). ``data/tail_words.json`` (fitted by ``python -m bench.textend
--fit`` on the tune fold) weighs each such word by its log odds in a line after the gold body's
end against a line of the gold body, counted once per page; a line's tail score is the mean weight
of its words.

The cut: on a page the type model takes for an article, the kept lines from the first line after
the last kept long paragraph whose tail score reaches the file's ``cut_score`` on are dropped.
Only the lines after that paragraph are scored (a handful on most pages).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from worker.pipeline.model import Block
from worker.pipeline.segment.features import COLUMN
from worker.pipeline.textfacts import ASCII_WORD, WORD_PATTERN, data_path, load_json

TAIL_FILE = "tail_words.json"
_LONG_PROSE = COLUMN["long_prose"]


def line_words(text: str) -> set[str]:
    """A line's distinct words as the tail weights count them (a Han or kana character alone;
    an ASCII line through the faster pattern that finds the same words in it)."""
    lowered = text.lower()
    return set((ASCII_WORD if lowered.isascii() else WORD_PATTERN).findall(lowered))


class TailWords:
    """The fitted word weights and the tail score at which an article is cut."""

    __slots__ = ("weights", "cut_score")

    def __init__(self, weights: dict[str, float], cut_score: float) -> None:
        self.weights = weights
        self.cut_score = cut_score

    @classmethod
    def load(cls) -> TailWords | None:
        if not data_path(TAIL_FILE).exists():
            return None
        data = load_json(TAIL_FILE)
        return cls(data["weights"], float(data["cut_score"]))

    def score(self, text: str) -> float:
        """The mean weight of the line's words (a word without one weighs 0)."""
        words = line_words(text)
        return sum(self.weights.get(word, 0.0) for word in words) / len(words) if words else 0.0

    def cut(self, blocks: Sequence[Block], rows: np.ndarray, selected: list[int]) -> list[int]:
        """``selected`` (kept line indices, ascending) without the kept lines from the first tail
        line after its last long paragraph on; ``rows`` is the page's feature table (the caller
        decides that the page is an article)."""
        if not selected:
            return selected
        long_prose = np.flatnonzero(rows[selected, _LONG_PROSE] > 0)  # (positions in ``selected``)
        if not len(long_prose) or long_prose[-1] == len(selected) - 1:
            return selected
        last_prose = selected[long_prose[-1]]
        for index in range(last_prose + 1, selected[-1] + 1):
            if self.score(blocks[index].text) >= self.cut_score:
                return [kept for kept in selected if kept < index]
        return selected
