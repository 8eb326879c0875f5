"""Fit the title models (worker/pipeline/segment/titlemodel.py: page text, HTML) and report them.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.titletrain [--dry-run]

Reads every wcxb page as text through the pipeline itself, takes the candidate lines and their
features as the ``header`` step leaves the page (the rules' title known, the model not applied),
and labels a candidate 1 when it is the gold title as the wcxb harness compares titles
(:func:`bench.wcxb.normalized_text`: NFKC, casefolded, typographic quotes and dashes made plain).
Small tree ensembles (``rankertrain.TREE_SETTINGS``: "small trees" for text, "trees" for HTML) are
fitted on the ``tune`` fold; the threshold above which its best line replaces the
rules' title is the one that maximizes exact title accuracy on ``tune``. Prints exact title
accuracy of the rules and of rules + model on both folds and writes
``worker/pipeline/data/title_model.json``. Then the same for every wcxb page as HTML, whose
candidates are the titles the page declares and shows (``titlemodel.html_candidates``), into
``worker/pipeline/data/title_html_model.json``. Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import sys

from bench import rankertrain
from bench.wcxb import normalized_text
from worker.pipeline.segment import titlemodel


def capture_html(page) -> dict:
    texts, rows = titlemodel.html_candidates(page)
    return {"texts": [normalized_text(text) for text in texts], "rows": rows, "rules": normalized_text(page.result.title)}


def capture(page) -> dict:
    indices, rows = titlemodel.candidates(page)
    texts = [normalized_text(page.blocks[index].text) for index in indices]
    return {"texts": texts, "rows": rows, "rules": normalized_text(page.result.title)}


def choose(page: dict, ranker) -> str:
    """The title the worker would publish (the same ranker the step uses)."""
    best = ranker.best(page["rows"])
    return page["texts"][best] if best is not None else page["rules"]


def tally(pages: list[dict], ranker) -> tuple[float, int, int]:
    """(exact accuracy on gold-title pages, pages the model made right, pages it made wrong)."""
    right = judged = gained = lost = 0
    for page in pages:
        if not page["gold"]:
            continue
        judged += 1
        now, before = choose(page, ranker) == page["gold"], page["rules"] == page["gold"]
        right += now
        gained += now and not before
        lost += before and not now
    return right / max(judged, 1), gained, lost


def best_accuracy(result: tuple[float, int, int], threshold: float) -> tuple:
    """Exact accuracy on tune (ties: the lower threshold)."""
    return result[0], -threshold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model file")
    args = parser.parse_args(argv)
    pages = [
        {"fold": gold["fold"], "domain": gold["domain"], "gold": normalized_text(gold.get("title")), **captured}
        for gold, captured in rankertrain.read_wcxb_text(titlemodel.ChooseTitle, capture)
    ]

    def label(page: dict, position: int) -> int:
        return int(page["texts"][position] == page["gold"])

    def save(fitted):
        return rankertrain.write(titlemodel.MODEL_FILE, titlemodel.FEATURES, {"text": fitted}, "python -m bench.titletrain")

    rankertrain.fit_and_report("title", pages, label, tally, best_accuracy, None if args.dry_run else save, model="small trees")

    html_pages = [
        {"fold": gold["fold"], "domain": gold["domain"], "gold": normalized_text(gold.get("title")), **captured}
        for gold, captured in rankertrain.read_wcxb_text(titlemodel.ChooseTitle, capture_html, kind="html")
    ]

    def save_html(fitted):
        return rankertrain.write(titlemodel.HTML_MODEL_FILE, titlemodel.HTML_FEATURES, {"html": fitted}, "python -m bench.titletrain", "HTML")

    print()
    rankertrain.fit_and_report("title", html_pages, label, tally, best_accuracy, None if args.dry_run else save_html, "HTML", "trees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
