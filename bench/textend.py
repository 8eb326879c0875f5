"""Where a page-text article ends (issue 11): measure it, and try evidence of it on the tune fold.

    python -m bench.textend --records FILE --ceiling   # what a perfect cut after the article would gain
    python -m bench.textend --records FILE --oof       # out-of-fold figures of the tail-word columns
    python -m bench.textend --records FILE --rule      # the cut rule on the base model's held-out scores
    python -m bench.textend --records FILE --fit       # write worker/pipeline/data/tail_words.json

FILE is ``bench.train``'s record cache (``--records``). Everything here is decided on the tune fold:

- the ceiling: on the base model's held-out scores (``bench.train.held_out_scores``), the mean word
  F1 when the kept lines after the gold body's last line are dropped (a perfect end), and when the
  ones before its first line are too;
- tail words: a weight per word, the log odds of the word in a line after the gold body's end
  against a line of the gold body, counted once per page (a word must be on TAIL_MIN_PAGES pages);
  a line's tail score is the mean weight of its known words. The out-of-fold figures add columns
  from it to the text block model's table; the tail words of each fold are fitted on that fold's
  training pages only, so the held-out pages' columns are what a new page would get;
- the cut rule: on a page the type model takes for an article, drop what is kept after the first
  line with a tail score of at least a threshold that follows the last long prose line kept.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench import train
from worker.pipeline.model import Block
from worker.pipeline.segment import scoring
from worker.pipeline.segment.features import FEATURES
from worker.pipeline.segment.tail import TAIL_FILE, TailWords, line_words
from worker.pipeline.textfacts import data_path

LONG_PROSE = FEATURES.index("long_prose")
TAIL_MIN_PAGES = 8  # a word counts only when it is on this many pages (in a tail or a body)
TAIL_PRIOR = 1.0  # added to both page counts of a word (its weight shrinks toward 0 when rare)
MAX_TAIL_WEIGHT = 4.0
TAIL_COLUMNS = ("tail_words", "tail_words_since_prose", "tail_words_after_page_prose")
# The cut's tail score, chosen with --rule on the tune fold (2026-12-06: 1.0 is the lowest score that
# costs no page type; articles 0.917 -> 0.918, AEB 0.901 -> 0.904, all 0.822 -> 0.823).
CUT_SCORE = 1.0
RULE_GRID = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5)
COLUMNS = ("all", *train.PAGE_TYPE_COLUMNS, "aeb", "zh")


def gold_span(record: train.PageRecord) -> tuple[int, int] | None:
    """(first, last) line holding the gold body (half its words or more), or None."""
    content = np.flatnonzero(record.labels >= 0.5)
    return (int(content[0]), int(content[-1])) if len(content) else None


def fit_tail_words(records: list[train.PageRecord]) -> dict[str, float]:
    """Each word's weight: log odds of its pages with it in a tail line (after the gold body's last
    line) against its pages with it in a gold body line, both out of all pages with a tail."""
    in_tail, in_body = Counter(), Counter()
    pages = 0
    for record in records:
        span = gold_span(record)
        if span is None or span[1] + 1 >= len(record.texts):
            continue
        pages += 1
        tail = set().union(*(line_words(text) for text in record.texts[span[1] + 1:]))
        body = set().union(*(line_words(record.texts[i]) for i in range(span[0], span[1] + 1) if record.labels[i] >= 0.5))
        in_tail.update(tail)
        in_body.update(body)
    weights = {}
    for word in in_tail.keys() | in_body.keys():
        tail, body = in_tail[word], in_body[word]
        if tail + body < TAIL_MIN_PAGES:
            continue
        weight = math.log((tail + TAIL_PRIOR) / (body + TAIL_PRIOR))
        if weight > 0:  # only evidence of a tail (a body word says nothing more than the line's shape)
            weights[word] = round(min(weight, MAX_TAIL_WEIGHT), 4)
    return weights


def blocks_of(texts: list[str]) -> list[Block]:
    return [Block(text=text, start=0, end=len(text)) for text in texts]


def tail_scores(texts: list[str], weights: dict[str, float]) -> np.ndarray:
    """Each line's tail score (TailWords.score, as the pipeline computes it)."""
    words = TailWords(weights, 0.0)
    return np.array([words.score(text) for text in texts])


def tail_columns(record: train.PageRecord, weights: dict[str, float]) -> np.ndarray:
    """TAIL_COLUMNS of a page: the line's tail score; the best score since the last long prose line
    before it (0 before the first); the best score between the page's last long prose line and it
    (0 up to that line)."""
    scores = tail_scores(record.texts, weights)
    long_prose = record.rows[:, LONG_PROSE] > 0
    since = np.zeros(len(scores))
    best, seen = 0.0, False
    for index, score in enumerate(scores):
        if long_prose[index]:
            best, seen = 0.0, True
            continue
        if seen:
            best = max(best, score)
            since[index] = best
    after_page = np.zeros(len(scores))
    prose_lines = np.flatnonzero(long_prose)
    if len(prose_lines):
        last = prose_lines[-1]
        after_page[last + 1:] = np.maximum.accumulate(scores[last + 1:]) if last + 1 < len(scores) else 0
    return np.column_stack([scores, since, after_page])


def text_records(records: list[train.PageRecord]) -> list[train.PageRecord]:
    return [r for r in records if r.kind == "text" and r.fold == "tune" and r.rows is not None and len(r.texts)]


def print_table(title: str, rows: dict[str, dict[str, list[float]]]) -> None:
    print(title)
    print(f"{'':40} " + " ".join(f"{name[:7]:>7}" for name in COLUMNS))
    for name, cells in rows.items():
        print(f"{name:40} " + " ".join(f"{statistics.fmean(cells[key]) if cells[key] else float('nan'):7.3f}" for key in COLUMNS), flush=True)


def cells_of(scored, thresholds_for, kept_for=None) -> dict[str, list[float]]:
    """Per-type lists of page F1 (kept lines: score at or above the page's threshold, then
    ``kept_for(record, kept)`` when given)."""
    cells: dict[str, list[float]] = defaultdict(list)
    for record, scores in scored:
        kept = scores >= thresholds_for(record)
        if kept_for is not None:
            kept = kept_for(record, kept)
        f1 = train.word_f1(record.gold, "\n".join(t for t, k in zip(record.texts, kept) if k), train.metric_tokens(record))
        cells[record.page_type if record.dataset == "wcxb" else record.dataset].append(f1)
        if record.dataset == "wcxb":
            cells["all"].append(f1)
    return cells


_SCORES_CACHE: list[str] = []  # --scores FILE: the base model's held-out scores, kept between runs


def base_scored(pages):
    scored = None
    if _SCORES_CACHE and Path(_SCORES_CACHE[0]).exists():
        with open(_SCORES_CACHE[0], "rb") as file:
            stored = pickle.load(file)  # (a file this command wrote)
        scored = [(record, stored[(record.id, record.dataset)]) for record in pages]
    if scored is None:
        scored = train.held_out_scores(pages, "text")
        if _SCORES_CACHE:
            with open(_SCORES_CACHE[0], "wb") as file:
                pickle.dump({(record.id, record.dataset): scores for record, scores in scored}, file)
    common = train.best_threshold_of(scored)
    chosen = train.choose_type_thresholds(scored, common, "text")
    return scored, lambda record: scoring.mixed_threshold(train.type_probabilities(record), common, chosen)


def ceiling(pages) -> None:
    scored, threshold = base_scored(pages)

    def perfect_end(record, kept):
        span = gold_span(record)
        if span is not None:
            kept = kept.copy()
            kept[span[1] + 1:] = False
        return kept

    def perfect_span(record, kept):
        span = gold_span(record)
        if span is not None:
            kept = kept.copy()
            kept[:span[0]] = False
            kept[span[1] + 1:] = False
        return kept

    def last_prose_end(record, kept):  # cut after the page's last long prose line (articles only)
        if train.predicted_type(record) != "article":
            return kept
        lines = np.flatnonzero(record.rows[:, LONG_PROSE] > 0)
        if len(lines):
            kept = kept.copy()
            kept[lines[-1] + 1:] = False
        return kept

    print_table("Tune out-of-fold (text), base model, word F1 per page", {
        "base": cells_of(scored, threshold),
        "perfect end (gold's last line)": cells_of(scored, threshold, perfect_end),
        "perfect start and end": cells_of(scored, threshold, perfect_span),
        "cut after last long prose (if article)": cells_of(scored, threshold, last_prose_end),
    })
    # the kept words after the gold end, as a share of kept words (mean over pages), per type
    shares: dict[str, list[float]] = defaultdict(list)
    for record, scores in scored:
        span = gold_span(record)
        kept = scores >= threshold(record)
        words = record.weights * kept
        if span is None or not words.sum():
            continue
        shares[record.page_type or record.dataset].append(words[span[1] + 1:].sum() / words.sum())
    print("kept words after the gold end, share of kept words: " + ", ".join(f"{k} {statistics.fmean(v):.3f}" for k, v in sorted(shares.items())))


def with_columns(record: train.PageRecord, weights: dict[str, float]) -> train.PageRecord:
    return replace(record, rows=np.hstack([record.rows, tail_columns(record, weights)]))


def oof_with_tail_words(pages) -> None:
    """held_out_scores with TAIL_COLUMNS appended; each fold's tail words fitted on its training pages."""
    scoring.FEATURES = (*FEATURES, *TAIL_COLUMNS)  # the compiled model's row width (appended columns)
    try:
        scored = []
        for fold in range(train.CV_FOLDS):
            inside = [r for r in pages if r.group % train.CV_FOLDS != fold]
            weights = fit_tail_words(inside)
            model = scoring.BlockModel(train.fit_block_model([with_columns(r, weights) for r in inside], "text"), grouped=False)
            for record in (r for r in pages if r.group % train.CV_FOLDS == fold):
                extended = with_columns(record, weights)
                scored.append((extended, model.scores(extended.rows)))
            print(f"fold {fold}: {len(weights)} tail words", file=sys.stderr, flush=True)
    finally:
        scoring.FEATURES = FEATURES
    common = train.best_threshold_of(scored)
    chosen = train.choose_type_thresholds(scored, common, "text")
    print_table("Tune out-of-fold (text), tail-word columns", {
        f"common {common}": cells_of(scored, lambda r: common),
        "per type": cells_of(scored, lambda r: scoring.mixed_threshold(train.type_probabilities(r), common, chosen)),
    })


def cut_rule(pages) -> None:
    """The cut rule on the base model's held-out scores, its tail words fitted per fold."""
    scored, threshold = base_scored(pages)
    fold_weights = [fit_tail_words([r for r in pages if r.group % train.CV_FOLDS != fold]) for fold in range(train.CV_FOLDS)]

    def rule(limit):
        def cut(record, kept):
            if train.predicted_type(record) != "article":
                return kept
            words = TailWords(fold_weights[record.group % train.CV_FOLDS], limit)
            selected = words.cut(blocks_of(record.texts), record.rows, np.flatnonzero(kept).tolist())
            cut_kept = np.zeros(len(kept), dtype=bool)
            cut_kept[selected] = True
            return cut_kept
        return cut

    print_table("Tune out-of-fold (text), cut after the first tail line past the last kept long prose (articles)",
                {"base": cells_of(scored, threshold), **{f"cut at tail score >= {limit}": cells_of(scored, threshold, rule(limit)) for limit in RULE_GRID}})


def write_tail_words(pages, cut_score: float) -> None:
    """The tail words of every tune page and the cut score chosen by --rule (CUT_SCORE)."""
    weights = fit_tail_words(pages)
    data = {"_about": "Tail words of page text, fitted by python -m bench.textend --fit (see worker.pipeline.segment.tail): "
                      "log odds of a word in a line after the gold body's end against a gold body line, per page, "
                      f"words on {TAIL_MIN_PAGES} tune pages or more; cut_score chosen by --rule on the tune fold.",
            "cut_score": cut_score, "weights": dict(sorted(weights.items()))}
    data_path(TAIL_FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {data_path(TAIL_FILE)} ({len(weights)} words)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", metavar="FILE", required=True, help="bench.train's record cache")
    parser.add_argument("--scores", metavar="FILE", help="keep the base model's held-out scores in FILE (delete it with the records)")
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--oof", action="store_true")
    parser.add_argument("--rule", action="store_true")
    parser.add_argument("--fit", action="store_true", help=f"write the tail words and CUT_SCORE to the package's {TAIL_FILE}")
    args = parser.parse_args(argv)
    records, _ = train.fitted_records(args.records)
    pages = text_records(records)
    if args.scores:
        _SCORES_CACHE.append(args.scores)
    if args.ceiling:
        ceiling(pages)
    if args.rule:
        cut_rule(pages)
    if args.oof:
        oof_with_tail_words(pages)
    if args.fit:
        write_tail_words(pages, CUT_SCORE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
