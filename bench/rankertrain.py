"""What the three metadata trainers share (``bench.titletrain``, ``bench.authortrain``,
``bench.datetrain``): reading the wcxb pages through the pipeline, fitting, writing the model.

Each trainer says which step it fits and what to capture from the page just before that step
runs; the pipeline runs without that step, so a stale model file takes no part. The fit is a
logistic regression, or a small gradient-boosted tree ensemble (``model="trees"`` or ``"small trees"``,
:data:`TREE_SETTINGS`);
both are scikit-learn, deterministic with these settings, and the file is written in the format
:mod:`worker.pipeline.segment.ranking` reads.
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


def read_wcxb_text(step_class: type, capture: Callable[[Page], dict], kind: str = "text") -> list[tuple[dict, dict]]:
    """(gold, captured) per wcxb page read as text (or as ``kind``); ``capture`` sees the page just
    before the step of ``step_class`` would run (pages quarantined as spam never get there and are
    left out)."""
    steps = tuple(step for step in STEPS if not isinstance(step, step_class))
    position = next(index for index, step in enumerate(STEPS) if isinstance(step, step_class))
    before = STEPS[position - 1].name
    gold = ground_truth("wcxb")
    pages = []
    for raw in raw_pages("wcxb", kind):
        captured: dict = {}

        def observe(name, seconds, page, captured=captured):
            if name == before:
                captured.update(capture(page))

        process(raw_input_from_dict(raw), observe=observe, steps=steps)
        if captured:
            pages.append((gold[raw["id"]], captured))
    return pages


# The tree rankers' settings. "trees": chosen by 5-fold cross-validation by domain on the tune
# fold's HTML titles (depth 3 and 150 trees at rate 0.08: 0.826 of titles right; the logistic
# regression 0.809); an HTML page offers a few declared titles, so their cost is small. "small trees":
# for page text, whose rankers score some 40 lines a page: 50 trees at rate 0.2 choose as well on
# page text (validation titles 0.488 with 150 trees, 0.490 with 50; authors 0.393 both) at a third
# of the cost (150 trees cost the text path 4% in an alternated run).
TREE_SETTINGS = {
    "trees": {"max_iter": 150, "learning_rate": 0.08, "max_depth": 3},
    "small trees": {"max_iter": 50, "learning_rate": 0.2, "max_depth": 3},
}
TREE_SEED = 0


def fit(rows: list[list[float]], labels: list[int], model: str = "linear") -> dict:
    """The fitted ranker without its threshold: {"weights", "intercept"}, or {"trees"}."""
    if model in TREE_SETTINGS:
        from sklearn.ensemble import HistGradientBoostingClassifier

        from bench.train import export_trees

        fitted = HistGradientBoostingClassifier(early_stopping=False, random_state=TREE_SEED, **TREE_SETTINGS[model])
        return {"trees": export_trees(fitted.fit(np.asarray(rows), np.asarray(labels)))}
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=C, max_iter=2000).fit(np.asarray(rows), np.asarray(labels))
    return {"weights": [float(weight) for weight in fitted.coef_[0]], "intercept": float(fitted.intercept_[0])}


def ranker(fitted: dict, threshold: float, width: int) -> LineRanker:
    return LineRanker({**fitted, "threshold": threshold}, width)


def write(model_file: str, features: tuple[str, ...], kinds: dict[str, dict], command: str, input_kind: str = "page text") -> Path:
    """Write the fitted ranker (with its threshold) of each input kind."""
    rounded = {
        kind: {"weights": [round(weight, 6) for weight in fitted["weights"]], "intercept": round(fitted["intercept"], 6),
               "threshold": fitted["threshold"]} if "weights" in fitted else fitted
        for kind, fitted in kinds.items()
    }
    document = ranker_document(features, rounded, f"wcxb tune fold, {input_kind} ({command})")
    path = data_path(model_file)
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return path


# A trainer's tally of pages under a ranker: (accuracy on pages with gold, pages the model made
# right, pages it made wrong), each against the rules alone.
Tally = Callable[[list[dict], LineRanker], tuple[float, int, int]]


def fit_and_report(
    what: str,
    pages: list[dict],
    label: Callable[[dict, int], int],
    tally: Tally,
    objective: Callable[[tuple[float, int, int], float], tuple],
    save: Callable[[dict], Path] | None,
    input_kind: str = "page text",
    model: str = "linear",
) -> None:
    """Fit on the tune pages (``label(page, i)``: candidate i is right), choose the threshold that
    maximizes ``objective(tally, threshold)`` on tune, print rules against rules + model per fold,
    and ``save`` the model (None: a dry run)."""
    tune = [page for page in pages if page["fold"] == "tune"]
    rows = [row for page in tune for row in page["rows"]]
    labels = [label(page, position) for page in tune for position in range(len(page["rows"]))]
    fitted = fit(rows, labels, model)
    width = len(rows[0])
    threshold = max(THRESHOLDS, key=lambda t: objective(tally(tune, ranker(fitted, t, width)), t))
    print(f"{what} accuracy, wcxb {input_kind} (pages with a gold {what}); right / wrong: pages the model changed")
    print(f"{'fold':11s} {'pages':>5s}  {'rules':>6s}  {'rules + model':>13s}  {'right':>5s}  {'wrong':>5s}")
    folds = [("tune", [page for page in pages if page["fold"] == "tune"]), ("validation", [page for page in pages if page["fold"] == "validation"])]
    for fold, chosen in folds:
        count = sum(1 for page in chosen if page["gold"])
        rules, _, _ = tally(chosen, ranker(fitted, 2.0, width))  # a threshold no probability reaches
        accuracy, right, wrong = tally(chosen, ranker(fitted, threshold, width))
        print(f"{fold:11s} {count:5d}  {rules:6.3f}  {accuracy:13.3f}  {right:5d}  {wrong:5d}")
    if all("domain" in page for page in tune):
        count = sum(1 for page in tune if page["gold"])
        rules, _, _ = tally(tune, ranker(fitted, 2.0, width))
        accuracy, right, wrong = cross_validate(tune, label, tally, objective, model, width)
        print(f"{'tune CV':11s} {count:5d}  {rules:6.3f}  {accuracy:13.3f}  {right:5d}  {wrong:5d}   ({CV_FOLDS}-fold by domain, threshold chosen inside)")
    print(f"threshold {threshold}; candidates {len(rows)}, of which right {sum(labels)}")
    if save is not None:
        print(f"wrote {save({**fitted, 'threshold': threshold})}")


CV_FOLDS = 5


def cross_validate(tune: list[dict], label, tally: Tally, objective, model: str, width: int) -> tuple[float, int, int]:
    """Out-of-fold figures on the tune pages: ``CV_FOLDS`` folds by domain (no domain on both sides),
    each held-out fold judged by a ranker fitted, and its threshold chosen, on the others; the
    accuracy is over all tune pages with a gold, right / wrong summed."""
    from sklearn.model_selection import GroupKFold

    judged = sum(1 for page in tune if page["gold"])
    correct = right = wrong = 0
    for fitting, held in GroupKFold(n_splits=CV_FOLDS).split(tune, groups=[page["domain"] for page in tune]):
        train = [tune[i] for i in fitting]
        rows = [row for page in train for row in page["rows"]]
        labels = [label(page, position) for page in train for position in range(len(page["rows"]))]
        if not rows or len(set(labels)) < 2:
            continue
        fitted = fit(rows, labels, model)
        threshold = max(THRESHOLDS, key=lambda t: objective(tally(train, ranker(fitted, t, width)), t))
        held_out = [tune[i] for i in held]
        accuracy, gained, lost = tally(held_out, ranker(fitted, threshold, width))
        correct += accuracy * sum(1 for page in held_out if page["gold"])
        right += gained
        wrong += lost
    return correct / max(judged, 1), right, wrong


def net_gain(result: tuple[float, int, int], threshold: float) -> tuple:
    """Pages made right minus pages made wrong (ties: the higher threshold)."""
    return result[1] - result[2], threshold
