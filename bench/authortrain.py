"""Fit the author chooser (worker/pipeline/segment/authormodel.py) and report it.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.authortrain [--dry-run]

Reads every wcxb page as text through the pipeline (bench.rankertrain), and takes the candidate
lines and their features as the ``title`` step leaves the page (the header rules' contributors
known, the model not yet applied). A candidate is labelled 1 when its names match the gold author
(the benchmark harness's own rule, :func:`bench.wcxb.author_matches`). A small tree ensemble
(``rankertrain.TREE_SETTINGS``, small trees) is fitted on the ``tune`` fold; its threshold maximizes, on ``tune``, the pages it makes
right minus the pages where it adds a wrong author or one the gold does not have (a false author
is worse for a reader than none). Prints author accuracy of the rules and of rules + model per
fold and kind, and writes ``worker/pipeline/data/author_model.json``. Deterministic.
"""

from __future__ import annotations

import argparse
import sys

from bench import rankertrain
from bench.wcxb import author_matches
from worker.pipeline.segment import authormodel

# HTML pages are left to the rules: fitted the same way, the model made 0 more pages right on the
# validation fold and 9 of 538 on tune (the HTML's declared authors are read already).


def capture(page) -> dict:
    found, rows = authormodel.candidates(page)
    people = page.header.contributors if page.header else []
    return {"found": found, "rows": rows, "rules": [p.name for p in people if p.role in authormodel.AUTHOR_ROLES]}


def final_authors(page: dict, ranker) -> tuple[list[str], bool]:
    """The authors the worker would publish, and whether the model added them."""
    if page["rules"]:
        return page["rules"], False
    best = ranker.best(page["rows"])
    return (page["found"][best], True) if best is not None else ([], False)


def tally(pages: list[dict], ranker) -> tuple[float, int, int]:
    """(accuracy on gold-author pages, pages the model made right, pages it gave a wrong or needless author)."""
    right = gained = wrong = judged = 0
    for page in pages:
        authors, added = final_authors(page, ranker)
        ok = bool(page["gold"]) and author_matches(authors, page["gold"])
        if page["gold"]:
            judged += 1
            right += ok
        if added:
            gained += ok
            wrong += not ok
    return right / max(judged, 1), gained, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model file")
    args = parser.parse_args(argv)
    pages = [
        {"fold": gold["fold"], "domain": gold["domain"], "gold": gold.get("author") or "", **captured}
        for gold, captured in rankertrain.read_wcxb_text(authormodel.ChooseAuthors, capture)
    ]

    def label(page: dict, position: int) -> int:
        return int(bool(page["gold"]) and author_matches(page["found"][position], page["gold"]))

    def save(fitted):
        return rankertrain.write(authormodel.MODEL_FILE, authormodel.FEATURES, {"text": fitted}, "python -m bench.authortrain")

    rankertrain.fit_and_report("author", pages, label, tally, rankertrain.net_gain, None if args.dry_run else save, model="small trees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
