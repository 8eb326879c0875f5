"""Fit the page-text date chooser (worker/pipeline/segment/datemodel.py) and report it.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.datetrain [--dry-run]

Reads every wcxb page as text through the pipeline without the date step, takes the dated
candidate lines as the ``authors`` step leaves the page (the rules' date known), and labels a
candidate 1 when its day is the gold date (the harness's own rule, :func:`bench.wcxb.date_matches`).
A logistic regression is fitted on the ``tune`` fold; its threshold maximizes, on ``tune``, pages
made right minus pages made wrong (a right date replaced, or a date given to a page whose gold
has none). Prints date accuracy of the rules and of rules + model per fold, and writes
``worker/pipeline/data/date_model.json``. Deterministic.
"""

from __future__ import annotations

import argparse
import sys

from bench import rankertrain
from bench.wcxb import date_matches
from worker.pipeline.segment import datemodel


def capture(page) -> dict:
    matches, rows = datemodel.candidates(page)
    rules = page.result.published.local[:10] if page.result.published else None
    return {"days": [datemodel.day_of(match) for match in matches], "rows": rows, "rules": rules}


def final_day(page: dict, ranker) -> str | None:
    best = ranker.best(page["rows"])
    return page["days"][best] if best is not None else page["rules"]


def tally(pages: list[dict], ranker) -> tuple[float, int, int]:
    """(accuracy on gold-date pages, pages made right, pages made wrong) against the rules alone."""
    right = judged = gained = lost = 0
    for page in pages:
        day = final_day(page, ranker)
        now = bool(page["gold"]) and date_matches(day, page["gold"])
        before = bool(page["gold"]) and date_matches(page["rules"], page["gold"])
        if page["gold"]:
            judged += 1
            right += now
            gained += now and not before
            lost += before and not now or (day != page["rules"] and not now)
        elif day != page["rules"] and page["rules"] is None:
            lost += 1  # a date for a page that has none
    return right / max(judged, 1), gained, lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model file")
    args = parser.parse_args(argv)
    pages = [
        {"fold": gold["fold"], "domain": gold["domain"], "gold": gold.get("date") or "", **captured}
        for gold, captured in rankertrain.read_wcxb_text(datemodel.ChooseDate, capture)
    ]

    def label(page: dict, position: int) -> int:
        return int(bool(page["gold"]) and date_matches(page["days"][position], page["gold"]))

    def save(fitted):
        return rankertrain.write(datemodel.MODEL_FILE, datemodel.FEATURES, {"text": fitted}, "python -m bench.datetrain")

    rankertrain.fit_and_report("date", pages, label, tally, rankertrain.net_gain, None if args.dry_run else save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
