"""One detector's opinion of one block: a kind, a logit score and, optionally, the spam part.

Detectors add up evidence as log-odds (each cue a named weight), so the final score is
``sigmoid(logit)``: 0.5 means the cues for and against balance, and the thresholds in settings
(flag 0.5, remove 0.8, quarantine 0.9) mean what they say.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(slots=True)
class Verdict:
    block: int
    kind: str
    logit: float
    detector: str
    cues: list[str] = field(default_factory=list)
    part: tuple[int, int] | None = None  # spam part as offsets into block.text; None = the whole block

    @property
    def score(self) -> float:
        return sigmoid(self.logit)

    @property
    def reason(self) -> str:
        return f"{self.detector}: " + ", ".join(self.cues)


def sigmoid(logit: float) -> float:
    if logit < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


class Evidence:
    """Accumulates named log-odds cues."""

    __slots__ = ("logit", "cues")

    def __init__(self, prior: float):
        self.logit = prior
        self.cues: list[str] = []

    def add(self, weight: float, cue: str) -> None:
        if weight:
            self.logit += weight
            self.cues.append(f"{cue} ({weight:+.1f})")
