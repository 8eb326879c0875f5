"""Fit the author chooser (worker/pipeline/segment/authormodel.py) and report it.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.authortrain [--dry-run]

Reads every wcxb page as text through the pipeline itself, and takes the candidate
lines and their features as the ``title`` step leaves the page (the header rules' contributors
known, the model not yet applied). A candidate is labelled 1 when its names match the gold author
(the benchmark harness's own rule, :func:`bench.wcxb.author_matches`). A logistic regression is
fitted on the ``tune`` fold; its threshold maximizes, on ``tune``, the pages it makes
right minus the pages where it adds a wrong author or one the gold does not have (a false author
is worse for a reader than none). Prints author accuracy of the rules and of rules + model per
fold and kind, and writes ``worker/pipeline/data/author_model.json``. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from bench.wcxb import author_matches
from worker.contracts.messages import raw_input_from_dict
from worker.devdata import ground_truth, raw_pages
from worker.pipeline import STEPS, process
from worker.pipeline.segment import authormodel
from worker.pipeline.segment.ranking import LineRanker, ranker_document
from worker.pipeline.textfacts import data_path

C = 1.0
# HTML pages are left to the rules: fitted the same way, the model made 0 more pages right on the
# validation fold and 9 of 538 on tune (the HTML's declared authors are read already).
KINDS = ("text",)
# The pipeline without the step being fitted (a stale model file must not take part).
STEPS_WITHOUT_MODEL = tuple(step for step in STEPS if not isinstance(step, authormodel.ChooseAuthors))
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 20)]


def read_pages(kind: str) -> list[dict]:
    gold = ground_truth("wcxb")
    pages = []
    for raw in raw_pages("wcxb", kind):
        truth = gold[raw["id"]]
        captured: dict = {}

        def observe(name, seconds, page, captured=captured):
            if name == "title":
                captured["found"], captured["rows"] = authormodel.candidates(page)
                people = page.header.contributors if page.header else []
                captured["rules"] = [p.name for p in people if p.role in authormodel.AUTHOR_ROLES]

        process(raw_input_from_dict(raw), observe=observe, steps=STEPS_WITHOUT_MODEL)
        if "rows" in captured:
            pages.append({"fold": truth["fold"], "gold": truth.get("author") or "", **captured})
    return pages


def final_authors(page: dict, weights, intercept: float, threshold: float) -> tuple[list[str], bool]:
    """The authors the worker would publish, and whether the model added them."""
    if page["rules"]:
        return page["rules"], False
    ranker = LineRanker({"weights": weights, "intercept": intercept, "threshold": threshold}, len(authormodel.FEATURES))
    best = ranker.best(page["rows"])
    return (page["found"][best], True) if best is not None else ([], False)


def tally(pages: list[dict], weights, intercept: float, threshold: float) -> tuple[float, int, int]:
    """(accuracy on gold-author pages, pages made right by the model, pages given a wrong author)."""
    right = gained = wrong = judged = 0
    for page in pages:
        authors, added = final_authors(page, weights, intercept, threshold)
        ok = bool(page["gold"]) and author_matches(authors, page["gold"])
        if page["gold"]:
            judged += 1
            right += ok
        if added:
            gained += ok
            wrong += not ok
    return right / max(judged, 1), gained, wrong


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model file")
    args = parser.parse_args(argv)
    fitted = {}
    print("author accuracy, wcxb (pages with a gold author); added: pages where the model named someone")
    print(f"{'kind':5s} {'fold':11s} {'pages':>5s}  {'rules':>6s}  {'rules + model':>13s}  {'added right':>11s}  {'added wrong':>11s}")
    for kind in KINDS:
        pages = read_pages(kind)
        tune = [page for page in pages if page["fold"] == "tune"]
        rows = [row for page in tune for row in page["rows"]]
        labels = [int(bool(page["gold"]) and author_matches(names, page["gold"])) for page in tune for names in page["found"]]
        model = LogisticRegression(C=C, max_iter=2000).fit(np.asarray(rows), np.asarray(labels))
        weights, intercept = model.coef_[0], float(model.intercept_[0])

        def net(threshold: float) -> tuple[int, float]:
            _, gained, wrong = tally(tune, weights, intercept, threshold)
            return gained - wrong, threshold

        threshold = max(THRESHOLDS, key=net)
        fitted[kind] = {"weights": [round(float(w), 6) for w in weights], "intercept": round(intercept, 6), "threshold": threshold}
        for fold in ("tune", "validation"):
            chosen = [page for page in pages if page["fold"] == fold]
            count = sum(1 for page in chosen if page["gold"])
            rules, _, _ = tally(chosen, weights, intercept, 2.0)  # a threshold no probability reaches
            accuracy, gained, wrong = tally(chosen, weights, intercept, threshold)
            print(f"{kind:5s} {fold:11s} {count:5d}  {rules:6.3f}  {accuracy:13.3f}  {gained:11d}  {wrong:11d}")
        print(f"{kind:5s} threshold {threshold}; candidates {len(rows)}, of which the author {sum(labels)}")
    if not args.dry_run:
        path = data_path(authormodel.MODEL_FILE)
        document = ranker_document(authormodel.FEATURES, fitted, "wcxb tune fold, page text (python -m bench.authortrain)")
        path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
