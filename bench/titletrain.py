"""Fit the page-text title model (worker/pipeline/segment/titlemodel.py) and report it.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.titletrain [--dry-run]

Reads every wcxb page as text through the pipeline itself (``process(..., observe=...)``), takes
the candidate lines and their features as the ``header`` step leaves the page (the rules' title
known, the model not yet applied), and labels a candidate 1 when it is the gold title (casefolded,
spaces collapsed). A logistic regression is fitted on the ``tune`` fold; the threshold above which
its best line replaces the rules' title is the one that maximizes exact title accuracy on ``tune``.
Then it prints exact title accuracy of the rules and of rules + model on both folds and writes
``worker/pipeline/data/title_model.json``. Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from worker.contracts.messages import raw_input_from_dict
from worker.devdata import ground_truth, raw_pages
from worker.pipeline import STEPS, process
from worker.pipeline.segment import titlemodel
from worker.pipeline.segment.ranking import LineRanker, ranker_document
from worker.pipeline.textfacts import data_path

C = 1.0
# The pipeline without the step being fitted (a stale model file must not take part).
STEPS_WITHOUT_MODEL = tuple(step for step in STEPS if not isinstance(step, titlemodel.ChooseTitle))
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 20)]


def read_pages() -> list[dict]:
    """Per wcxb page: fold, gold title (normalized), the rules' title, candidates' texts and rows."""
    gold = ground_truth("wcxb")
    pages = []
    for raw in raw_pages("wcxb", "text"):
        truth = gold[raw["id"]]
        captured = {}

        def observe(name, seconds, page, captured=captured):
            if name == "header":
                indices, rows = titlemodel.candidates(page)
                captured["texts"] = [titlemodel.normalized(page.blocks[index].text) for index in indices]
                captured["rows"] = rows
                captured["rules"] = titlemodel.normalized(page.result.title)

        process(raw_input_from_dict(raw), observe=observe, steps=STEPS_WITHOUT_MODEL)
        if "rows" not in captured:
            continue  # quarantined as spam: no header step
        pages.append({"fold": truth["fold"], "gold": titlemodel.normalized(truth.get("title")), **captured})
    return pages


def choose(page: dict, weights, intercept: float, threshold: float) -> str:
    """The title the worker would publish (the same ranker the step uses)."""
    ranker = LineRanker({"weights": weights, "intercept": intercept, "threshold": threshold}, len(titlemodel.FEATURES))
    best = ranker.best(page["rows"])
    return page["texts"][best] if best is not None else page["rules"]


def accuracy(pages: list[dict], pick) -> float:
    judged = [page for page in pages if page["gold"]]
    return sum(pick(page) == page["gold"] for page in judged) / max(len(judged), 1)


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model file")
    args = parser.parse_args(argv)
    pages = read_pages()
    tune = [page for page in pages if page["fold"] == "tune"]
    rows = [row for page in tune for row in page["rows"]]
    labels = [int(text == page["gold"]) for page in tune for text in page["texts"]]
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(np.asarray(rows), np.asarray(labels))
    weights, intercept = model.coef_[0], float(model.intercept_[0])
    threshold = max(THRESHOLDS, key=lambda t: (accuracy(tune, lambda p: choose(p, weights, intercept, t)), -t))

    print("exact title accuracy, wcxb page text (pages with a gold title)")
    print(f"{'fold':12s} {'pages':>5s}  {'rules':>6s}  {'rules + model':>13s}")
    for fold in ("tune", "validation"):
        chosen = [page for page in pages if page["fold"] == fold]
        count = sum(1 for page in chosen if page["gold"])
        rules = accuracy(chosen, lambda page: page["rules"])
        fitted = accuracy(chosen, lambda page: choose(page, weights, intercept, threshold))
        print(f"{fold:12s} {count:5d}  {rules:6.3f}  {fitted:13.3f}")
    print(f"threshold {threshold}; candidates {len(rows)} of which titles {sum(labels)}")
    if not args.dry_run:
        path = data_path(titlemodel.MODEL_FILE)
        fitted = {"weights": [round(float(w), 6) for w in weights], "intercept": round(intercept, 6), "threshold": threshold}
        document = ranker_document(titlemodel.FEATURES, {"text": fitted}, "wcxb tune fold, page text (python -m bench.titletrain)")
        path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
