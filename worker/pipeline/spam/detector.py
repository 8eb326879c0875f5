"""The one shape of a spam detector, and the fitted model that turns its cues into a probability.

Every block detector is a small class, in the manner of ftfy's fixers and datatrove's filters: a
``name``, its ``CUES`` (names, each declared evidence FOR or AGAINST spam), a cheap ``candidates(ctx)`` test over the shared
:class:`~worker.pipeline.spam.context.PageContext`, and ``examine(ctx, index)``, which yields one
:class:`Verdict` per reading of a candidate block (the whole block, or a part of it: a list glued
to a sentence, the last sentences of a paragraph). ``DetectSpam`` runs them all in one loop and
keeps the best verdict per block.

A detector only *measures*: each cue is a named value in [0, 1] (a yes/no, or a share). What a cue
is worth comes from ``data/spam_weights.json``: one logistic regression per detector, fitted by
``python -m bench.spam train`` on generated spam and the honest blocks of the dev pages' tune
folds, so that ``score = sigmoid(bias + sum(weight * value))`` is a calibrated probability (see
docs/quality.md for the calibration table). The weights are read once per process.

Cheap exits stay exact: since every value is in [0, 1], the most the cues not yet measured can add
is the sum of their positive weights (:meth:`CueModel.best_gain`), and a reading that cannot reach
the page's flag threshold even then is not finished (``ctx.exhaustive`` turns this off for
training, which needs every cue of every reading).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from worker.pipeline.textfacts import load_json

if TYPE_CHECKING:  # annotations only: context imports nothing from here
    from worker.pipeline.spam.context import PageContext

WEIGHTS_FILE = "spam_weights.json"
# What a cue is, by declaration: evidence for spam, against it, or either (the fit keeps the sign
# of a declared weight, so that a quirk of the training data cannot turn evidence around).
FOR, AGAINST, EITHER = 1, -1, 0


def sigmoid(logit: float) -> float:
    if logit < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


def logit_of(probability: float) -> float:
    """The inverse of :func:`sigmoid` (±inf at 0 and 1)."""
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


class Cues:
    """The measured cues of one reading: name -> value in [0, 1], with a label for the reason."""

    __slots__ = ("values", "labels")

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.labels: dict[str, str] = {}

    def add(self, name: str, value: float | bool = 1.0, label: str = "") -> None:
        value = min(1.0, max(0.0, float(value)))
        if value:
            self.values[name] = value
            self.labels[name] = label or name.replace("_", " ")

    def __contains__(self, name: str) -> bool:
        return name in self.values


@dataclass(slots=True, frozen=True)
class CueModel:
    """One detector's fitted logistic regression: a bias and a weight per cue."""

    bias: float
    weights: dict[str, float]

    def logit(self, cues: Cues) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) * value for name, value in cues.values.items())

    def best_gain(self, names: Iterable[str | tuple[str, ...]]) -> float:
        """The most the cues ``names`` can add (each value is at most 1); a tuple of names is a
        group of which at most one is measured."""
        weights = self.weights
        gain = 0.0
        for name in names:
            if name.__class__ is tuple:
                gain += max((max(0.0, weights.get(one, 0.0)) for one in name), default=0.0)
            else:
                weight = weights.get(name, 0.0)
                if weight > 0.0:
                    gain += weight
        return gain

    def explain(self, cues: Cues) -> list[str]:
        """'label (+1.2)' for every cue that moved the score, in the order measured (cues that share
        a label, such as the steps of a count, are summed)."""
        weights = self.weights
        by_label: dict[str, float] = {}
        for name, value in cues.values.items():
            label = cues.labels[name]
            by_label[label] = by_label.get(label, 0.0) + weights.get(name, 0.0) * value
        return [f"{label} ({contribution:+.1f})" for label, contribution in by_label.items() if abs(contribution) >= 0.05]


@cache
def fitted_models() -> dict[str, CueModel]:
    """Every detector's model from ``data/spam_weights.json`` (read once)."""
    table = load_json(WEIGHTS_FILE)
    return {name: CueModel(float(entry["bias"]), {cue: float(w) for cue, w in entry["weights"].items()}) for name, entry in table["detectors"].items()}


def weights_version() -> str:
    return str(load_json(WEIGHTS_FILE)["version"])


@dataclass(slots=True)
class Verdict:
    """One detector's reading of one block: a kind, its cues scored by the model, the spam part."""

    block: int
    kind: str
    cues: Cues
    model: CueModel
    detector: str
    part: tuple[int, int] | None = None  # spam part as offsets into block.text; None = the whole block
    logit: float = field(init=False)

    def __post_init__(self) -> None:
        self.logit = self.model.logit(self.cues)

    @property
    def score(self) -> float:
        return sigmoid(self.logit)

    @property
    def reason(self) -> str:
        return f"{self.detector}: " + ", ".join(self.model.explain(self.cues))


class Detector:
    """A block detector: see the module docstring. Subclasses set ``name``, ``CUES`` and the two methods."""

    name: ClassVar[str] = ""
    CUES: ClassVar[dict[str, int]] = {}  # cue name -> FOR, AGAINST or EITHER

    def __init__(self, model: CueModel | None = None):
        self.model = model if model is not None else fitted_models()[self.name]

    def candidates(self, ctx: PageContext) -> Iterable[int]:
        """Indices of the blocks worth examining (cheap: this runs on every page)."""
        raise NotImplementedError

    def training_candidates(self, ctx: PageContext) -> Iterable[int]:
        """The blocks ``bench.spam train`` reads: the candidates, unless honest pages give too few."""
        return self.candidates(ctx)

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        """Every reading of block ``index`` (its cues all measured when ``ctx.exhaustive``)."""
        raise NotImplementedError

    def best(self, ctx: PageContext, index: int) -> Verdict | None:
        """The highest-scoring reading of the block (what the pipeline keeps)."""
        best = None
        for verdict in self.examine(ctx, index):
            if best is None or verdict.logit > best.logit:
                best = verdict
        return self.finish(ctx, best) if best is not None else None

    def finish(self, ctx: PageContext, verdict: Verdict) -> Verdict:
        """Last touches to the kept reading (e.g. grow its part); nothing by default."""
        return verdict

    def verdict(self, index: int, kind: str, cues: Cues, part: tuple[int, int] | None = None) -> Verdict:
        return Verdict(index, kind, cues, self.model, self.name, part)

    def weighs(self, ctx: PageContext, *names: str) -> bool:
        """Does any of these cues count in the fitted model (a cue fitted to weight 0 need not be
        measured outside training)?"""
        weights = self.model.weights
        return ctx.exhaustive or any(weights.get(name, 0.0) != 0.0 for name in names)

    def hopeless(self, ctx: PageContext, cues: Cues, remaining: Iterable[str | tuple[str, ...]]) -> bool:
        """True when even the best case of the ``remaining`` cues leaves the reading below the
        page's flag threshold (never during training, which needs every cue)."""
        if ctx.exhaustive:
            return False
        return self.model.logit(cues) + self.model.best_gain(remaining) < ctx.min_logit

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
