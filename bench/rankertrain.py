"""What the three metadata trainers share (``bench.titletrain``, ``bench.authortrain``,
``bench.datetrain``): reading the wcxb pages through the pipeline, fitting, writing the model.

Each trainer says which step it fits and what to capture from the page just before that step
runs; the pipeline runs without that step, so a stale model file takes no part. The fit is a
logistic regression (scikit-learn, deterministic with these settings), and the file is written in
the format :mod:`worker.pipeline.segment.ranking` reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from worker.contracts.messages import raw_input_from_dict
from worker.devdata import ground_truth, raw_pages
from worker.pipeline import STEPS, Page, process
from worker.pipeline.segment.ranking import LineRanker, ranker_document
from worker.pipeline.textfacts import data_path

C = 1.0
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 20)]


def read_wcxb_text(step_class: type, capture: Callable[[Page], dict]) -> list[tuple[dict, dict]]:
    """(gold, captured) per wcxb page read as text; ``capture`` sees the page just before the step
    of ``step_class`` would run (pages quarantined as spam never get there and are left out)."""
    steps = tuple(step for step in STEPS if not isinstance(step, step_class))
    position = next(index for index, step in enumerate(STEPS) if isinstance(step, step_class))
    before = STEPS[position - 1].name
    gold = ground_truth("wcxb")
    pages = []
    for raw in raw_pages("wcxb", "text"):
        captured: dict = {}

        def observe(name, seconds, page, captured=captured):
            if name == before:
                captured.update(capture(page))

        process(raw_input_from_dict(raw), observe=observe, steps=steps)
        if captured:
            pages.append((gold[raw["id"]], captured))
    return pages


def fit(rows: list[list[float]], labels: list[int]) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=2000).fit(np.asarray(rows), np.asarray(labels))
    return [float(weight) for weight in model.coef_[0]], float(model.intercept_[0])


def ranker(weights: list[float], intercept: float, threshold: float) -> LineRanker:
    return LineRanker({"weights": weights, "intercept": intercept, "threshold": threshold}, len(weights))


def write(model_file: str, features: tuple[str, ...], weights: list[float], intercept: float, threshold: float, command: str) -> Path:
    fitted = {"weights": [round(weight, 6) for weight in weights], "intercept": round(intercept, 6), "threshold": threshold}
    document = ranker_document(features, {"text": fitted}, f"wcxb tune fold, page text ({command})")
    path = data_path(model_file)
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return path
