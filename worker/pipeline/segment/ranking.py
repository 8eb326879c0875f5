"""Fitted line rankers: pick the one line of a page that is the title, or that names the author.

The metadata models (:mod:`.titlemodel`, :mod:`.authormodel`, :mod:`.datemodel`) work the same way:
every line in a window of the page is a candidate with a feature row, a model per input kind scores
the rows, and the best line wins if its probability reaches a fitted threshold. The model is a
logistic regression (``{"weights", "intercept", "threshold"}``) or, where the candidates' facts
interact (an HTML page's declared titles: an <h1> shown above the body against an og:title that
three meta tags repeat), a small gradient-boosted tree ensemble (``{"trees", "threshold"}``, in the
format ``bench.train`` exports, evaluated by the compiled ``TreeEnsemble``). This module holds that
shared part: the model file's format (``{"features": [...], "kinds": {"text": {...}}}``), its checks
against the features the code computes, and a step base class that loads the file once (a missing
file: the step does nothing, as before it was fitted).
"""

from __future__ import annotations

import math

import numpy as np

from worker import _native
from worker.pipeline.page import Step
from worker.pipeline.segment.scoring import tree_data
from worker.pipeline.textfacts import data_path, load_json


class LineRanker:
    def __init__(self, fitted: dict, width: int):
        self.threshold = float(fitted["threshold"])
        self.width = width
        self.ensemble = None
        if "trees" in fitted:
            self.ensemble = _native.TreeEnsemble(*tree_data(fitted["trees"]), width)
            return
        self.weights = np.asarray(fitted["weights"], dtype=float)
        if len(self.weights) != width:
            raise ValueError("a line ranker's weights do not match its features")
        self.intercept = float(fitted["intercept"])

    def probabilities(self, rows: list[list[float]]) -> np.ndarray:
        """Each row's probability of being the one sought."""
        if self.ensemble is not None:
            table = np.asarray(rows, dtype="<f8").reshape(len(rows), self.width)
            return np.frombuffer(self.ensemble.probabilities(table.tobytes()), dtype="<f8")
        return 1.0 / (1.0 + np.exp(-(np.asarray(rows) @ self.weights + self.intercept)))

    def best(self, rows: "list[list[float]] | np.ndarray") -> int | None:
        """The position of the best row, or None when there is none or it is below the threshold."""
        if len(rows) == 0:
            return None
        if self.ensemble is not None:
            probabilities = self.probabilities(rows)
            position = int(np.argmax(probabilities))
            return position if probabilities[position] >= self.threshold else None
        raw = np.asarray(rows) @ self.weights + self.intercept
        position = int(np.argmax(raw))
        return position if 1.0 / (1.0 + math.exp(-raw[position])) >= self.threshold else None


def ranker_document(features: tuple[str, ...], kinds: dict[str, dict], fitted_on: str) -> dict:
    """The model file's content, as the training commands write it."""
    return {"features": list(features), "kinds": kinds, "fitted_on": fitted_on}


class RankerStep(Step):
    """A step that reads a ranker file (``model_file``, fitted on ``features`` by ``command``)."""

    model_file = ""
    features: tuple[str, ...] = ()
    command = ""

    def __init__(self, load: bool = True):
        self.load = load
        self._rankers: dict[str, LineRanker] = {}
        self._loaded = False

    def preload(self) -> None:
        if not self.load or self._loaded:
            return
        if data_path(self.model_file).exists():
            document = load_json(self.model_file)
            if document["features"] != list(self.features):
                raise ValueError(f"{self.model_file} was fitted on other features; run {self.command}")
            self._rankers = {kind: LineRanker(fitted, len(self.features)) for kind, fitted in document["kinds"].items()}
        self._loaded = True

    def ranker(self, is_html: bool) -> LineRanker | None:
        self.preload()
        return self._rankers.get("html" if is_html else "text")
