"""Fit the page-text title model (worker/pipeline/segment/titlemodel.py) and report it.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.titletrain [--dry-run]

Reads every wcxb page as text through the pipeline itself, takes the candidate lines and their
features as the ``header`` step leaves the page (the rules' title known, the model not applied),
and labels a candidate 1 when it is the gold title (casefolded, spaces collapsed). A logistic
regression is fitted on the ``tune`` fold; the threshold above which its best line replaces the
rules' title is the one that maximizes exact title accuracy on ``tune``. Prints exact title
accuracy of the rules and of rules + model on both folds and writes
``worker/pipeline/data/title_model.json``. Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import sys

from bench import rankertrain
from worker.pipeline.segment import titlemodel


def capture(page) -> dict:
    indices, rows = titlemodel.candidates(page)
    texts = [titlemodel.normalized(page.blocks[index].text) for index in indices]
    return {"texts": texts, "rows": rows, "rules": titlemodel.normalized(page.result.title)}


def choose(page: dict, ranker) -> str:
    """The title the worker would publish (the same ranker the step uses)."""
    best = ranker.best(page["rows"])
    return page["texts"][best] if best is not None else page["rules"]


def accuracy(pages: list[dict], pick) -> float:
    judged = [page for page in pages if page["gold"]]
    return sum(pick(page) == page["gold"] for page in judged) / max(len(judged), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model file")
    args = parser.parse_args(argv)
    pages = [
        {"fold": gold["fold"], "gold": titlemodel.normalized(gold.get("title")), **captured}
        for gold, captured in rankertrain.read_wcxb_text(titlemodel.ChooseTitle, capture)
    ]
    tune = [page for page in pages if page["fold"] == "tune"]
    rows = [row for page in tune for row in page["rows"]]
    labels = [int(text == page["gold"]) for page in tune for text in page["texts"]]
    weights, intercept = rankertrain.fit(rows, labels)

    def tune_accuracy(threshold: float) -> tuple[float, float]:
        ranker = rankertrain.ranker(weights, intercept, threshold)
        return accuracy(tune, lambda page: choose(page, ranker)), -threshold

    threshold = max(rankertrain.THRESHOLDS, key=tune_accuracy)
    fitted = rankertrain.ranker(weights, intercept, threshold)
    print("exact title accuracy, wcxb page text (pages with a gold title)")
    print(f"{'fold':12s} {'pages':>5s}  {'rules':>6s}  {'rules + model':>13s}")
    for fold in ("tune", "validation"):
        chosen = [page for page in pages if page["fold"] == fold]
        count = sum(1 for page in chosen if page["gold"])
        rules = accuracy(chosen, lambda page: page["rules"])
        print(f"{fold:12s} {count:5d}  {rules:6.3f}  {accuracy(chosen, lambda page: choose(page, fitted)):13.3f}")
    print(f"threshold {threshold}; candidates {len(rows)} of which titles {sum(labels)}")
    if not args.dry_run:
        path = rankertrain.write(titlemodel.MODEL_FILE, titlemodel.FEATURES, weights, intercept, threshold, "python -m bench.titletrain")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
