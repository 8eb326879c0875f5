"""How often the wcxb gold title, date and author are in the input at all: the ceilings of the metadata floors.

    NEWSWORKER_DEVDATA=../shared/devdata python -m bench.wcxb_ceilings

A page-text title, date or author can only be right if the page text holds it. For every page of
each fold, the gold value is looked for in the input itself (no pipeline runs, and no page is
shown: the output is counts per fold and input kind):

- title: the gold title, normalized as the harness compares titles, is one whole line of the page
  text (what a chooser of lines can return), or appears anywhere in it;
- date: some line of the page text yields the gold day through the worker's own date reader
  (:func:`worker.pipeline.segment.dates.find_date`), or the day is written in one of the common
  renderings (:func:`bench.wcxb_analysis.date_renderings`) anywhere in the text / the HTML
  (metas and scripts included);
- author: the gold's first person's name appears in the page text / the HTML (case-folded, white
  space collapsed).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.wcxb import load_gold, load_raw, normalized_text, people
from bench.wcxb_analysis import date_renderings
from worker.devdata import DEVDATA_DIR
from worker.pipeline.segment import dates

MAX_LINE_CHARS = 300  # a date line is short; longer lines are read at their start


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def day_of(match: dates.DateMatch) -> str:
    return f"{match.year:04d}-{match.month:02d}-{match.day:02d}"


def count(root: Path) -> Counter:
    gold = load_gold(root)
    texts = {page_id: row["content"] for page_id, row in load_raw(root, "text").items()}
    htmls = {page_id: row["content"] for page_id, row in load_raw(root, "html").items()}
    found: Counter = Counter()
    for page_id, truth in gold.items():
        fold, text, html = truth.fold, texts.get(page_id, ""), htmls.get(page_id, "")
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        text_folded, html_folded = folded(text), folded(html)
        if truth.title:
            found[fold, "title", "pages"] += 1
            wanted = normalized_text(truth.title)
            found[fold, "title", "a line of the text"] += any(normalized_text(line) == wanted for line in lines)
            found[fold, "title", "in the text"] += wanted in normalized_text(text)
        if truth.date:
            found[fold, "date", "pages"] += 1
            readable = False
            for line in lines:
                match = dates.find_date(line[:MAX_LINE_CHARS])
                if match is not None and day_of(match).startswith(truth.date):
                    readable = True
                    break
            found[fold, "date", "a text line the date reader reads"] += readable
            renderings = date_renderings(truth.date)
            found[fold, "date", "written in the text"] += any(rendering in text_folded for rendering in renderings)
            found[fold, "date", "written in the HTML"] += any(rendering in html_folded for rendering in renderings)
        first = (people(truth.author) or [None])[0] if truth.author else None
        if first:
            found[fold, "author", "pages"] += 1
            found[fold, "author", "in the text"] += first in text_folded
            found[fold, "author", "in the HTML"] += first in html_folded
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devdata", type=Path, default=DEVDATA_DIR)
    args = parser.parse_args(argv)
    found = count(args.devdata)
    print(f"{'fold':11} {'field':7} {'where the gold value is':36} {'pages':>6} {'share':>6}")
    for fold in ("tune", "validation"):
        for field in ("title", "date", "author"):
            total = found[fold, field, "pages"]
            for (row_fold, row_field, where), value in sorted(found.items()):
                if row_fold == fold and row_field == field and where != "pages":
                    print(f"{fold:11} {field:7} {where:36} {value:6d} {value / max(total, 1):6.3f}  (of {total})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
