"""Fit the extraction models on the dev pages: ``python -m bench.train`` from the repo root.

    python -m bench.train            # fit, write worker/pipeline/data/{page_type,block}_model.json, report
    python -m bench.train --check    # fit and report only; the package's model files are left alone
    python -m bench.train --cv       # compare tree settings on held-out domains of the tune fold
    python -m bench.train --oof text --records /tmp/records.pickle
                                     # the block model's out-of-fold figures per page type (both
                                     # stages refitted per domain fold); the feature tables cached
    python -m bench.train --oof text --stability 4 --records /tmp/records.pickle
                                     # their mean and spread over 4 fits on perturbed training domains,
                                     # for each of STABILITY_VARIANTS

What is fitted (see worker.pipeline.segment.pagetype and .scoring):

1. the page-type model: a multinomial logistic regression over page features and the page's words
   (a vocabulary of the tune pages' common words), on the wcxb tune fold (the only pages with a
   type label), HTML and page text together; the block models then read the tune pages with
   page-type models cross-fitted by domain, as probabilities on new pages will be;
2. the block models, one per input kind: two small gradient-boosted tree ensembles over the
   blocks' feature table (the second also reads the first's probabilities around each block,
   cross-fitted so that it learns from honest first-stage scores), and a threshold. Each stage
   may be a bag (BAG): several ensembles, each fitted on its own share of the training domains,
   their raw scores averaged; exported as one ensemble of all their trees (export_bag), so the
   scorer reads it unchanged. ``--stability N`` measures how much the out-of-fold figures move
   between fits on slightly different training domains, for each of STABILITY_VARIANTS.

Data: the wcxb tune fold, and the AEB and zh pages whose id hashes into their tune share (70%:
those sets have no folds; ``split_of`` says which). A block's label is the share of its words
that the gold body holds in order (difflib's matching blocks over the page's word sequence and the
gold's); blocks with half or more are content, and each block weighs by its words (the benchmark
counts words). Everything is read through the pipeline itself (``process(..., observe=...)``), so
the features learnt on are the ones the worker computes. Inputs may come without a URL, so 30% of
the tune pages are read without theirs (page-type and block models must not lean on it).

The report is on pages never fitted on: the wcxb validation fold per page type and the AEB/zh
validation share, word-level F1 as the wcxb benchmark computes it, for the fitted models against
the region search alone. Deterministic: pages in id order, fixed seeds, no early stopping.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import math
import pickle
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from worker.contracts.messages import raw_input_from_dict
from worker.devdata import ground_truth, raw_pages
from worker.pipeline import STEPS, process
from worker.pipeline.segment import pagetype, scoring
from worker.pipeline.segment.features import FEATURES
from worker.pipeline.textfacts import WORD_PATTERN, data_path

TOKEN = re.compile(r"\w+")  # the wcxb benchmark's tokens
# Tokens for block labels: a Han/kana character alone (\w+ would make a whole Chinese sentence
# one token, which then never matches the gold's line-wrapped copy of it).
LABEL_TOKEN = WORD_PATTERN
# Each page weighs the same in training (the benchmarks average per page), the small news sets
# (AEB, zh) a little more so that they are not drowned by the 1,083 wcxb pages.
DATASET_WEIGHT = {"wcxb": 1.0, "aeb": 3.0, "zh": 3.0}
KINDS = ("html", "text")
TUNE_SHARE = 0.7  # of the AEB and zh pages (by a hash of the id)
SEED = 20261205
TREE_SETTINGS = {"max_iter": 80, "max_leaf_nodes": 16, "max_depth": 6, "learning_rate": 0.15, "l2_regularization": 1.0}
# Leaf size per input kind, compared by `python -m bench.train --cv` (grouped by domain on the tune
# fold, first stage; validation untouched). Page text: leaves of at least 200 blocks scored 0.816
# against 0.803 for the default of 20 on the pipeline of 2026-12-05 morning and level (0.812 vs
# 0.811) on the afternoon's; they are kept (never worse there, smaller trees). HTML: no setting
# tried gains, so scikit-learn's default stays. docs/quality.md has the table.
MIN_SAMPLES_LEAF = {"html": 20, "text": 200}
# The settings --cv compares (each on top of TREE_SETTINGS, for both kinds).
CV_VARIANTS = {
    "leaves of 20 blocks": {"min_samples_leaf": 20},
    "leaves of 200 blocks": {"min_samples_leaf": 200},
    "leaves of 1000 blocks": {"min_samples_leaf": 1000},
    "half the features per split": {"max_features": 0.5},
    "smaller trees": {"max_iter": 120, "max_leaf_nodes": 8, "max_depth": 4, "learning_rate": 0.1},
}
CV_FOLDS = 4
# Bagging by domain: (members, share of the training domains each member is fitted on); (1, 1.0)
# is one ensemble on every page.
BAG = (1, 1.0)
# --stability: each repeat fits without another STABILITY_DROPPED share of the training domains;
# the fits compared (each on top of fit_settings' defaults, both kinds).
STABILITY_DROPPED = 0.1
# The CV folds whose pages --stability scores: one of the CV_FOLDS (a quarter of the domains, the
# same pages in every repeat and variant), so that a repeat costs one fit of the model, not four.
STABILITY_FOLDS = (0,)
STABILITY_VARIANTS = {
    "current": {},
    "bag4x40": {"bag": (4, 0.8), "max_iter": 40, "learning_rate": 0.25},  # 4 fits of 40 trees on 80% of the domains
    "bag4x80": {"bag": (4, 0.8)},
    "slow160": {"max_iter": 160, "learning_rate": 0.075},  # half the learning rate, twice the trees
    "bigleaf": {"min_samples_leaf": {"html": 100, "text": 1000}, "l2_regularization": 10.0},  # 5x the leaf size, 10x the L2
}
COMMON_THRESHOLD_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
TYPE_THRESHOLD_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
MIN_TYPE_PAGES = 50
MIN_TYPE_GAIN = 0.01
CROSS_FIT_FOLDS = 3
URL_DROPPED_PERCENT = 30  # of the tune pages, fitted as if they came without a URL


@dataclass(slots=True)
class PageRecord:
    """One input as the pipeline saw it, with what training needs."""

    id: str
    dataset: str
    kind: str
    fold: str  # 'tune' or 'validation'
    page_type: str | None  # gold type (wcxb only)
    group: int  # cross-fitting group (by domain or id)
    gold: str
    rows: np.ndarray | None  # the blocks' feature table
    texts: list[str]
    labels: np.ndarray | None = None
    weights: np.ndarray | None = None
    page_row: list[float] | None = None  # page-type features
    page_words: set[str] | None = None  # the page's distinct words (page-type word vector)


def split_of(page_id: str) -> str:
    """'tune' or 'validation' for a page of a set without folds (a stable hash of its id)."""
    digest = int(hashlib.sha256(page_id.encode()).hexdigest()[:8], 16)
    return "tune" if digest / 0xFFFFFFFF < TUNE_SHARE else "validation"


def stable_group(key: str, groups: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % groups


def block_labels(texts: list[str], gold: str) -> tuple[np.ndarray, np.ndarray]:
    """(share of each block's words found in the gold in order, each block's word count)."""
    tokens: list[str] = []
    owners: list[int] = []
    for index, text in enumerate(texts):
        words = LABEL_TOKEN.findall(text.lower())
        tokens += words
        owners += [index] * len(words)
    matcher = difflib.SequenceMatcher(None, tokens, LABEL_TOKEN.findall(gold.lower()), autojunk=False)
    matched = np.zeros(len(texts))
    for start, _, size in matcher.get_matching_blocks():
        for position in range(start, start + size):
            matched[owners[position]] += 1
    counts = np.bincount(np.array(owners, dtype=np.intp), minlength=len(texts)).astype(float) if owners else np.zeros(len(texts))
    return np.divide(matched, counts, out=np.zeros(len(texts)), where=counts > 0), counts


def word_f1(gold: str, predicted: str, tokens=TOKEN) -> float:
    """The wcxb benchmark's per-page word F1 (lowercase \\w+ bags, clipped counts; empty-empty = 1);
    with ``tokens=LABEL_TOKEN`` Chinese is counted per character (for the AEB and zh pages)."""
    truth, guess = Counter(tokens.findall(gold.lower())), Counter(tokens.findall(predicted.lower()))
    if not truth and not guess:
        return 1.0
    common = sum((truth & guess).values())
    if not common:
        return 0.0
    precision, recall = common / sum(guess.values()), common / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


def metric_tokens(record: PageRecord):
    return TOKEN if record.dataset == "wcxb" else LABEL_TOKEN


def load_records(steps: tuple, tune_steps: list[tuple] | None = None) -> list[PageRecord]:
    """Every dev page as both kinds, run through the pipeline up to its feature table.

    With ``tune_steps`` (one step tuple per cross-fitting fold), a wcxb tune page is read by the
    steps of its fold, ``tune_steps[group % CROSS_FIT_FOLDS]``: a page-type model that never saw its
    domain."""
    records = []
    for dataset in ("wcxb", "aeb", "zh"):
        truth = ground_truth(dataset)
        for kind in KINDS:
            for page in sorted(raw_pages(dataset, kind), key=lambda p: p["id"]):
                gold = truth.get(page["id"])
                if gold is None:
                    continue
                captured = {}

                def observe(name, seconds, state, captured=captured):
                    if name == "page_type":
                        captured["page_row"] = pagetype.page_features(state.features, state.hints, state.raw.url, state.raw.is_html)
                        captured["page_words"] = pagetype.page_words(block.text for block in state.blocks)
                    elif name == "score":
                        captured["page"] = state

                # Some inputs come without a URL: fitting on a share of pages without theirs keeps
                # the models from leaning on it (the validation pages keep theirs).
                fold = gold.get("fold") or split_of(page["id"])
                no_url = fold == "tune" and stable_group(page["id"] + "/no-url", 100) < URL_DROPPED_PERCENT
                raw = raw_input_from_dict({**page, "url": None} if no_url else page)
                group = stable_group(gold.get("domain") or page["id"], 1 << 30)
                cross_fitted = tune_steps is not None and dataset == "wcxb" and fold == "tune"
                process(raw, observe=observe, steps=tune_steps[group % CROSS_FIT_FOLDS] if cross_fitted else steps)
                state = captured.get("page")
                texts = [block.text for block in state.blocks] if state is not None else []
                rows = state.features if state is not None and state.features is not None else None
                record = PageRecord(page["id"], dataset, kind, fold, gold.get("page_type"), group, gold.get("body") or "", rows, texts)
                record.page_row = captured.get("page_row")
                record.page_words = captured.get("page_words")
                if rows is not None and len(texts) and len(rows):
                    record.labels, record.weights = block_labels(texts, record.gold)
                records.append(record)
    return records


# ---------------------------------------------------------------------------------------------
# Page types


# The page-type model's word vector: words on at least VOCABULARY_MIN_PAGES tune pages, the
# VOCABULARY_SIZE most common of them, the vector weighed WORD_SCALE against the standardized page
# features, regularization PAGE_TYPE_C. Chosen by 5-fold CV grouped by domain on the tune fold:
# accuracy 0.776 -> 0.868 (HTML), 0.716 -> 0.850 (text) against the same model without words.
VOCABULARY_MIN_PAGES = 5
VOCABULARY_SIZE = 3000
WORD_SCALE = 10.0
PAGE_TYPE_C = 1.0


def fit_page_types(records: list[PageRecord]) -> dict:
    from sklearn.linear_model import LogisticRegression

    train = [r for r in records if r.dataset == "wcxb" and r.fold == "tune" and r.page_row is not None]
    rows = np.array([r.page_row for r in train])
    means = rows.mean(axis=0)
    scales = rows.std(axis=0)
    scales[scales == 0] = 1.0
    pages_with = Counter(word for r in train for word in (r.page_words or ()))
    vocabulary = sorted((word for word, pages in pages_with.items() if pages >= VOCABULARY_MIN_PAGES),
                        key=lambda word: (-pages_with[word], word))[:VOCABULARY_SIZE]
    idf = [math.log((1 + len(train)) / (1 + pages_with[word])) + 1 for word in vocabulary]
    data = {
        "_about": "Page-type model fitted by python -m bench.train (multinomial logistic regression over page "
                  "features and a word vector, wcxb tune fold).",
        "features": list(pagetype.FEATURES),
        "means": np.round(means, 6).tolist(),
        "scales": np.round(scales, 6).tolist(),
        "vocabulary": vocabulary,
        "idf": np.round(idf, 6).tolist(),
        "word_scale": WORD_SCALE,
    }
    # the inputs exactly as the model file will compute them (rounded means, scales and idf)
    shell = pagetype.PageTypeModel({**data, "classes": [], "weights": np.zeros((0, len(pagetype.FEATURES) + len(vocabulary))),
                                    "intercepts": []})
    inputs = np.array([shell.inputs(r.page_row, r.page_words or set()) for r in train])
    model = LogisticRegression(max_iter=5000, C=PAGE_TYPE_C, random_state=SEED)
    model.fit(inputs, [r.page_type for r in train])
    return {**data, "classes": list(model.classes_), "weights": np.round(model.coef_, 6).tolist(),
            "intercepts": np.round(model.intercept_, 6).tolist()}


# ---------------------------------------------------------------------------------------------
# Block models


def export_trees(model) -> dict:
    """A fitted HistGradientBoostingClassifier as plain lists (the format scoring.TreeEnsemble reads)."""
    trees = []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()))
        trees.append({
            "feature": nodes["feature_idx"].astype(int).tolist(),
            "threshold": nodes["num_threshold"].tolist(),  # exact: a rounded threshold can flip a tie
            "left": nodes["left"].astype(int).tolist(),
            "right": nodes["right"].astype(int).tolist(),
            "value": [round(float(value), 9) for value in nodes["value"]],  # (only summed: rounding is harmless)
            "leaf": nodes["is_leaf"].astype(bool).tolist(),
        })
    return {"baseline": float(np.ravel(model._baseline_prediction)[0]), "depth": depth, "trees": trees}


def fit_trees(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray, settings: dict):
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(early_stopping=False, random_state=SEED, **settings)
    model.fit(rows, labels >= 0.5, sample_weight=weights)
    return model


class Bag:
    """Several boosted ensembles whose raw scores (logits) are averaged. Exported, it is one
    ensemble of all their trees with leaf values and baseline divided by their number
    (export_bag), so the scorer needs nothing new."""

    def __init__(self, members: list) -> None:
        self.members = members

    def decision_function(self, rows: np.ndarray) -> np.ndarray:
        return np.mean([member.decision_function(rows) for member in self.members], axis=0)

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        positive = 1.0 / (1.0 + np.exp(-self.decision_function(rows)))
        return np.column_stack([1.0 - positive, positive])


def fit_bag(train: list[PageRecord], tables: list[np.ndarray], settings: dict, members: int, share: float) -> Bag:
    """``members`` ensembles, each fitted on the pages of its own ``share`` of the training domains
    (drawn by a stable hash of domain and member, so a fit is deterministic); ``tables`` holds each
    training page's rows. One member on every domain when ``members`` is 1."""
    labels = [r.labels for r in train]
    weights = [page_weights(r) for r in train]
    fitted = []
    for member in range(members):
        chosen = [i for i, r in enumerate(train) if members == 1 or stable_group(f"{r.group}/bag {member}", 1000) < share * 1000]
        fitted.append(fit_trees(np.vstack([tables[i] for i in chosen]), np.concatenate([labels[i] for i in chosen]),
                                np.concatenate([weights[i] for i in chosen]), settings))
    return Bag(fitted)


def export_bag(bag: Bag) -> dict:
    """A Bag as one exported ensemble: the members' trees with leaf values, and the mean of their
    baselines, divided by their number (the sum of all trees is then the mean of the members' raw
    scores)."""
    exported = [export_trees(member) for member in bag.members]
    count = len(exported)
    trees = [{**tree, "value": [round(value / count, 9) for value in tree["value"]]} for data in exported for tree in data["trees"]]
    return {"baseline": sum(data["baseline"] for data in exported) / count, "depth": max(data["depth"] for data in exported), "trees": trees}


def page_weights(record: PageRecord) -> np.ndarray:
    """Each block's training weight: its share of the page's words, times its data set's weight
    (so every page of a set weighs the same, as in the per-page mean the benchmarks report)."""
    words = record.weights
    return DATASET_WEIGHT[record.dataset] * 100.0 * (words + 0.5) / (words.sum() + 0.5 * len(words))


def stacked(records: list[PageRecord]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.vstack([r.rows for r in records]), np.concatenate([r.labels for r in records]),
            np.concatenate([page_weights(r) for r in records]))


def fit_settings(kind: str, variant: dict | None = None) -> dict:
    """The block model's fit for one input kind: the tree settings, and ``bag``: (members, share
    of the domains each member is fitted on). ``variant`` overrides some of them (--stability), a
    value that is a dict by input kind."""
    overrides = {name: value[kind] if isinstance(value, dict) else value for name, value in (variant or {}).items()}
    return {**TREE_SETTINGS, "min_samples_leaf": MIN_SAMPLES_LEAF[kind], "bag": BAG, **overrides}


def fit_block_model(train: list[PageRecord], kind: str, variant: dict | None = None) -> dict:
    """Both stages for one input kind; the first stage's probabilities that the second learns from
    are cross-fitted (each page scored by a model that never saw its domain). Each stage is a Bag
    (fit_bag) of the settings' members."""
    settings = fit_settings(kind, variant)
    members, share = settings.pop("bag")
    first = fit_bag(train, [r.rows for r in train], settings, members, share)
    honest: dict[int, np.ndarray] = {}
    for fold in range(CROSS_FIT_FOLDS):
        inside = [r for r in train if r.group % CROSS_FIT_FOLDS != fold]
        model = fit_bag(inside, [r.rows for r in inside], settings, members, share)
        for position, record in enumerate(train):
            if record.group % CROSS_FIT_FOLDS == fold:
                honest[position] = model.predict_proba(record.rows)[:, 1]
    grouped = kind == "html"  # (page text has no markup: see scoring.card_means)
    second_tables = [scoring.stage_two_rows(r.rows, honest[i], grouped) for i, r in enumerate(train)]
    second = fit_bag(train, second_tables, settings, members, share)
    exported = {"first": export_bag(first), "second": export_bag(second), "threshold": 0.5}
    check = scoring.BlockModel(exported, grouped)  # the package's own inference must agree with sklearn's
    sample = train[0].rows
    expected = second.predict_proba(scoring.stage_two_rows(sample, first.predict_proba(sample)[:, 1], grouped))[:, 1]
    if not np.allclose(check.scores(sample), expected, atol=1e-6):
        raise SystemExit("exported trees disagree with scikit-learn: the export format is out of date")
    exported["threshold"] = best_threshold(train, check)
    return exported


def type_thresholds(train: list[PageRecord], kind: str) -> dict[str, float]:
    """A threshold per page type (the type the page-type model finds), where one scores better than
    the common threshold on held-out domains: grouped CV_FOLDS-fold cross-validation on the tune
    pages, both stages refitted per fold, so the thresholds are chosen on honest scores. On a
    collection, listing or product page the content is many short cards that score lower than an
    article's paragraphs, and a lower threshold keeps them; a type keeps the common threshold
    unless it has MIN_TYPE_PAGES pages and gains MIN_TYPE_GAIN mean word F1."""
    scored = held_out_scores(train, kind)
    return choose_type_thresholds(scored, best_threshold_of(scored), kind)


def choose_type_thresholds(scored: list[tuple[PageRecord, np.ndarray]], common: float, kind: str) -> dict[str, float]:
    """The per-type thresholds of type_thresholds, from held-out scores and their common threshold."""
    by_type: dict[str, list[tuple[PageRecord, np.ndarray]]] = defaultdict(list)
    for record, scores in scored:
        by_type[predicted_type(record)].append((record, scores))
    chosen = {}
    for page_type, pages in sorted(by_type.items()):
        if len(pages) < MIN_TYPE_PAGES:
            continue
        f1_at = {threshold: statistics.fmean(page_f1(r, s, threshold) for r, s in pages) for threshold in TYPE_THRESHOLD_GRID}
        best = max(TYPE_THRESHOLD_GRID, key=lambda threshold: (f1_at[threshold], -abs(threshold - common)))
        if f1_at[best] - f1_at.get(common, statistics.fmean(page_f1(r, s, common) for r, s in pages)) >= MIN_TYPE_GAIN:
            chosen[page_type] = best
        print(f"  {kind} {page_type:14} {len(pages):4d} pages: F1 {f1_at.get(common, 0):.3f} at the common {common}, best {f1_at[best]:.3f} at {best}"
              f"{' (kept)' if page_type in chosen else ''}", file=sys.stderr)
    return chosen


def held_out_scores(train: list[PageRecord], kind: str, variant: dict | None = None, dropped: int | None = None,
                    folds: tuple[int, ...] = tuple(range(CV_FOLDS))) -> list[tuple[PageRecord, np.ndarray]]:
    """Every training page with the second-stage scores of a model fitted without its domain
    (grouped CV_FOLDS-fold cross-validation, both stages refitted per fold; only the pages of
    ``folds`` are scored). With ``dropped`` (a repeat number), each fold's model is also fitted
    without a further STABILITY_DROPPED share of the domains, drawn anew for each repeat: the pages
    scored stay the same, the fits vary."""
    scored: list[tuple[PageRecord, np.ndarray]] = []
    for fold in folds:
        inside = [r for r in train if r.group % CV_FOLDS != fold and (dropped is None or not domain_dropped(r, dropped))]
        model = scoring.BlockModel(fit_block_model(inside, kind, variant), grouped=kind == "html")
        scored += [(r, model.scores(r.rows)) for r in train if r.group % CV_FOLDS == fold]
    return scored


def out_of_fold(records: list[PageRecord], kind: str) -> None:
    """Print the block model's out-of-fold figures for one input kind: mean word F1 per held-out
    tune page (held_out_scores), per page type and for the AEB/zh tune shares, at the common
    threshold chosen on those scores and with the per-type thresholds chosen the way
    type_thresholds chooses them. What a change to the features or the model settings is decided
    on before the validation fold is looked at; pages without text are left out (the benchmarks
    count them as misses for every variant alike)."""
    figures = out_of_fold_figures(held_out_scores(tune_pages(records, kind), kind), kind)
    print(f"Out-of-fold ({CV_FOLDS} folds by domain, tune), {kind}: mean word F1 per held-out page")
    print(f"{'thresholds':40} " + " ".join(f"{name[:6]:>6}" for name in OOF_COLUMNS))
    for name, cells in figures.items():
        print(f"{name:40} " + " ".join(f"{cells[key]:6.3f}" for key in OOF_COLUMNS), flush=True)


def tune_pages(records: list[PageRecord], kind: str) -> list[PageRecord]:
    """The pages the block model of one input kind is fitted on."""
    return [r for r in records if r.kind == kind and r.fold == "tune" and r.rows is not None and len(r.texts)]


def out_of_fold_figures(scored: list[tuple[PageRecord, np.ndarray]], kind: str) -> dict[str, dict[str, float]]:
    """{thresholds: {column of OOF_COLUMNS: mean word F1}} of held-out scores, at the common
    threshold chosen on them ('common 0.4') and with per-type thresholds ('per type ...')."""
    common = best_threshold_of(scored)
    chosen = choose_type_thresholds(scored, common, kind)
    figures = {}
    for name, thresholds in ((f"common {common}", {}), ("per type " + ",".join(f"{k[:4]} {v}" for k, v in sorted(chosen.items())), chosen)):
        cells: dict[str, list[float]] = defaultdict(list)
        for record, scores in scored:
            f1 = page_f1(record, scores, scoring.mixed_threshold(type_probabilities(record), common, thresholds))
            cells[record.page_type if record.dataset == "wcxb" else record.dataset].append(f1)
            if record.dataset == "wcxb":
                cells["all"].append(f1)
        figures[name] = {key: statistics.fmean(cells[key]) if cells[key] else float("nan") for key in OOF_COLUMNS}
    return figures


def domain_dropped(record: PageRecord, repeat: int) -> bool:
    """Whether the page's domain is among the STABILITY_DROPPED share left out in this repeat."""
    return stable_group(f"{record.group}/repeat {repeat}", 1000) < STABILITY_DROPPED * 1000


def stability(records: list[PageRecord], kind: str, repeats: int, variants: list[str]) -> None:
    """Print, for each of STABILITY_VARIANTS named, the out-of-fold figures (held_out_scores, the
    pages of STABILITY_FOLDS) of ``repeats`` fits that each leave out a different STABILITY_DROPPED
    share of the training domains (the same pages scored each time): per column the mean over repeats and the spread (standard
    deviation, and max - min). How steady a fit is under a small change of its data; the fit chosen
    is the one with the best mean among those with clearly lower spread."""
    train = tune_pages(records, kind)
    print(f"Stability ({repeats} repeats, each without another {STABILITY_DROPPED:.0%} of the training domains; "
          f"held-out pages of fold(s) {STABILITY_FOLDS} of {CV_FOLDS} by domain, tune), {kind}: mean word F1 per held-out page")
    print(f"{'variant':24} {'figure':14} " + " ".join(f"{name[:6]:>6}" for name in OOF_COLUMNS))
    for name in variants:
        started = time.time()
        runs: dict[str, list[dict[str, float]]] = defaultdict(list)
        for repeat in range(repeats):
            scored = held_out_scores(train, kind, STABILITY_VARIANTS[name], dropped=repeat, folds=STABILITY_FOLDS)
            figures = out_of_fold_figures(scored, kind)
            (common_name, common), (_, per_type) = figures.items()
            runs["common"].append(common)
            runs["per type"].append(per_type)
            print(f"{name:24} {'run ' + str(repeat):14} " + " ".join(f"{per_type[key]:6.3f}" for key in OOF_COLUMNS)
                  + f"  ({common_name}; per type)", file=sys.stderr, flush=True)
        for thresholds, cells in runs.items():
            columns = {key: [cell[key] for cell in cells] for key in OOF_COLUMNS}
            print(f"{name:24} {thresholds + ' mean':14} " + " ".join(f"{statistics.fmean(v):6.3f}" for v in columns.values()))
            print(f"{name:24} {thresholds + ' sd':14} " + " ".join(f"{statistics.pstdev(v):6.3f}" for v in columns.values()))
            print(f"{name:24} {thresholds + ' range':14} " + " ".join(f"{max(v) - min(v):6.3f}" for v in columns.values()), flush=True)
        print(f"{name:24} ({time.time() - started:.0f} s)", file=sys.stderr, flush=True)


def type_probabilities(record: PageRecord) -> dict[str, float]:
    """The page-type model's probabilities for the page (the type columns of its feature table)."""
    return {name: float(record.rows[0, FEATURES.index(f"type_{name}")]) for name in PAGE_TYPE_COLUMNS}


def predicted_type(record: PageRecord) -> str:
    """The page type the page-type model gave the page."""
    probabilities = type_probabilities(record)
    return max(probabilities, key=probabilities.__getitem__)


def best_threshold(train: list[PageRecord], model: scoring.BlockModel) -> float:
    """The threshold with the best mean word F1 on the training pages (a coarse grid)."""
    return best_threshold_of([(r, model.scores(r.rows)) for r in train])


def page_f1(record: PageRecord, scores: np.ndarray, threshold: float) -> float:
    return word_f1(record.gold, "\n".join(t for t, s in zip(record.texts, scores) if s >= threshold), metric_tokens(record))


def best_threshold_of(scored: list[tuple[PageRecord, np.ndarray]]) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in COMMON_THRESHOLD_GRID:
        f1 = statistics.fmean(page_f1(r, scores, threshold) for r, scores in scored)
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def cross_validate(records: list[PageRecord]) -> None:
    """Mean word F1 per page on held-out domains of the tune fold (CV_FOLDS folds by domain), for
    the first-stage trees under each of CV_VARIANTS: how TREE_SETTINGS were chosen, without the
    validation fold."""
    print(f"Grouped {CV_FOLDS}-fold cross-validation on the tune fold (first stage; mean word F1 per held-out page)")
    print(f"{'settings':30} {'input':5} {'all':>6} " + " ".join(f"{name[:6]:>6}" for name in PAGE_TYPE_COLUMNS) + f" {'aeb':>6} {'zh':>6}")
    for name, variant in CV_VARIANTS.items():
        settings = {**TREE_SETTINGS, **variant}
        for kind in KINDS:
            pages = [r for r in records if r.kind == kind and r.fold == "tune" and r.rows is not None and len(r.texts)]
            scores: dict[str, list[float]] = defaultdict(list)
            for fold in range(CV_FOLDS):
                inside = [r for r in pages if r.group % CV_FOLDS != fold]
                model = fit_trees(*stacked(inside), settings=settings)
                threshold = best_threshold_of([(r, model.predict_proba(r.rows)[:, 1]) for r in inside[::4]])
                for record in (r for r in pages if r.group % CV_FOLDS == fold):
                    f1 = page_f1(record, model.predict_proba(record.rows)[:, 1], threshold)
                    scores[record.page_type if record.dataset == "wcxb" else record.dataset].append(f1)
                    if record.dataset == "wcxb":
                        scores["all"].append(f1)
            cells = " ".join(f"{statistics.fmean(scores[key]):6.3f}" for key in ("all", *PAGE_TYPE_COLUMNS, "aeb", "zh"))
            print(f"{name:30} {kind:5} {cells}", flush=True)


PAGE_TYPE_COLUMNS = ("article", "forum", "product", "collection", "listing", "documentation", "service")
OOF_COLUMNS = ("all", *PAGE_TYPE_COLUMNS, "aeb", "zh")  # the out-of-fold figures' columns


# ---------------------------------------------------------------------------------------------
# Report


def report(records: list[PageRecord], page_model: dict, block_models: dict) -> None:
    page_types = pagetype.PageTypeModel(page_model)
    models = {kind: scoring.BlockModel(block_models[kind], grouped=kind == "html") for kind in KINDS}
    table: dict[tuple, list[float]] = defaultdict(list)
    type_hits: dict[str, list[bool]] = defaultdict(list)
    for record in records:
        if record.fold != "validation":
            continue
        label = record.page_type or "article"
        if record.rows is None or not record.texts:
            ours = baseline = word_f1(record.gold, "", metric_tokens(record))
        else:
            scores = models[record.kind].scores(record.rows)
            ours = page_f1(record, scores, models[record.kind].threshold_for(type_probabilities(record)))
            kept = record.rows[:, FEATURES.index("kept_by_region")] > 0
            baseline = word_f1(record.gold, "\n".join(t for t, k in zip(record.texts, kept) if k), metric_tokens(record))
        for key in ((record.dataset, record.kind, "ALL"), (record.dataset, record.kind, label)):
            table[key + ("model",)].append(ours)
            table[key + ("region search",)].append(baseline)
        if record.dataset == "wcxb" and record.page_row is not None:
            probabilities = page_types.probabilities(record.page_row, record.page_words or set())
            type_hits[record.kind].append(max(probabilities, key=probabilities.__getitem__) == record.page_type)
    print("\nValidation (pages never fitted on): mean word F1 per page")
    print(f"{'data':6} {'input':5} {'page type':14} {'pages':>5} {'model':>7} {'region search':>14}")
    keys = sorted({key[:3] for key in table})
    for key in keys:
        model_scores, base_scores = table[key + ("model",)], table[key + ("region search",)]
        print(f"{key[0]:6} {key[1]:5} {key[2]:14} {len(model_scores):5d} {statistics.fmean(model_scores):7.3f} {statistics.fmean(base_scores):14.3f}")
    for kind, hits in sorted(type_hits.items()):
        print(f"page-type accuracy, wcxb validation, {kind}: {sum(hits) / len(hits):.3f} of {len(hits)}")


def replace_steps(**replacements) -> tuple:
    """The pipeline's steps with some replaced by name (training runs them with models in the making)."""
    return tuple(replacements.get(step.name, step) for step in STEPS)


class _RecordUnpickler(pickle.Unpickler):
    """Reads a record cache whichever command wrote it: run as ``python -m bench.train``, this
    module is ``__main__`` and the cache names its records ``__main__.PageRecord``, which another
    command (``bench.textend``) must still read as this module's PageRecord."""

    def find_class(self, module: str, name: str):
        if module == "__main__" and name == "PageRecord":
            return PageRecord
        return super().find_class(module, name)


def fitted_records(cache: str | None) -> tuple[list[PageRecord], dict]:
    """Every dev page's feature table with the page-type model in place, and that model.

    With ``cache`` (a file name), the records and the page-type model are read from that pickle when
    it exists and written to it otherwise: experiments with the block model's settings then skip the
    two passes over the pages. The file holds what this very code read: delete it when the pipeline
    or its features change (a cache of other features is refused)."""
    if cache and Path(cache).exists():
        with open(cache, "rb") as file:
            stored = _RecordUnpickler(file).load()  # (a file this command wrote: never one from elsewhere)
        if stored["features"] != FEATURES:
            raise SystemExit(f"{cache} holds feature tables of other features: delete it")
        return stored["records"], stored["page_model"]
    started = time.time()
    # Page types first, on features that do not depend on them; then the block table with the
    # fitted page-type model in place (the block models read its probabilities).
    no_models = replace_steps(page_type=pagetype.ClassifyPage(load=False), score=scoring.ScoreBlocks(load=False))
    records = load_records(no_models)
    page_model = fit_page_types(records)
    # The block models read the page-type probabilities. On the pages it was fitted on, the
    # page-type model is right far more often than on new pages (its word vector all but learns
    # them), so the block models would learn to trust it too much: the wcxb tune pages are read
    # with a page-type model fitted without their domain (cross-fitted, as the second stage is).
    fold_models = [fit_page_types([r for r in records if r.group % CROSS_FIT_FOLDS != fold]) for fold in range(CROSS_FIT_FOLDS)]
    print(f"page types fitted ({time.time() - started:.0f} s)", file=sys.stderr)

    def steps_with(model: dict) -> tuple:
        return replace_steps(page_type=pagetype.ClassifyPage(pagetype.PageTypeModel(model)), score=scoring.ScoreBlocks(load=False))

    records = load_records(steps_with(page_model), [steps_with(model) for model in fold_models])
    print(f"feature tables read ({time.time() - started:.0f} s)", file=sys.stderr)
    if cache:
        with open(cache, "wb") as file:
            pickle.dump({"features": FEATURES, "records": records, "page_model": page_model}, file)
    return records, page_model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fit and report, but do not write the model files")
    parser.add_argument("--cv", action="store_true", help="compare tree settings by cross-validation on the tune fold, write nothing")
    parser.add_argument("--oof", choices=KINDS, help="print the block model's out-of-fold figures for one input kind, write nothing")
    parser.add_argument("--stability", type=int, metavar="N", help="with --oof: the out-of-fold figures' mean and spread over N "
                        "fits, each without another share of the training domains, for each fit variant")
    parser.add_argument("--variants", default=",".join(STABILITY_VARIANTS), help="with --stability: the variants compared "
                        f"(comma-separated, of: {', '.join(STABILITY_VARIANTS)})")
    parser.add_argument("--records", metavar="FILE", help="read the feature tables from FILE if it exists, else read the pages and "
                        "write them there (an experiment cache: delete it when the pipeline changes)")
    args = parser.parse_args(argv)
    started = time.time()
    if args.cv:  # the package's page-type model in place, the block scorer left out
        cross_validate(load_records(replace_steps(score=scoring.ScoreBlocks(load=False))))
        return 0

    records, page_model = fitted_records(args.records)
    if args.oof and args.stability:
        stability(records, args.oof, args.stability, args.variants.split(","))
        return 0
    if args.oof:
        out_of_fold(records, args.oof)
        return 0
    block_models: dict = {"_about": "Block models fitted by python -m bench.train (see worker.pipeline.segment.scoring).",
                          "features": list(FEATURES), "stage_two_features": list(scoring.STAGE_TWO_FEATURES)}
    for kind in KINDS:
        train = tune_pages(records, kind)
        block_models[kind] = fit_block_model(train, kind)
        block_models[kind]["type_thresholds"] = type_thresholds(train, kind)
        print(f"{kind} block model fitted on {len(train)} pages ({time.time() - started:.0f} s)", file=sys.stderr)
    report(records, page_model, block_models)
    if not args.check:
        for name, data in ((pagetype.MODEL_FILE, page_model), (scoring.MODEL_FILE, block_models)):
            data_path(name).write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
            print(f"wrote {data_path(name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
