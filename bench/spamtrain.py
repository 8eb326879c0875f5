"""Fit the spam detectors' cue weights: ``python -m bench.spam train``.

One logistic regression per detector over its named cues (``Detector.CUES``), fitted on

- positives: the readings of generated spam blocks (``bench.spamgen``, seeds :data:`TRAIN_SEEDS`,
  injected into host pages of the *tune* fold only);
- negatives: every reading of every candidate block of the tune fold's honest dev pages (aeb, zh
  and wcxb, as page text and as HTML), of the generator's own honest host pages, and the readings
  of generated pages that are mostly honest text (a whole paragraph with spam glued to it: cutting
  it would cut honest text).

wcxb has its own ``fold`` (by domain); aeb and zh have none, so their pages are split here by a
hash of the page id (:func:`fold_of`, a quarter to validation). The validation fold and the seeds
:data:`EVAL_SEEDS` are never used for fitting: ``python -m bench.spam`` reports on them.

Each reading is measured with every cue (``PageContext(exhaustive=True)``: no early exits), so the
examples do not depend on the weights in use. The whole-page model is fitted after the block
models, on the page cues that the new block models give (generated spam pages against honest and
injected pages). The result is written to ``worker/pipeline/data/spam_weights.json`` with weights
rounded to three decimals; the same code and data give the same file.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from bench.spamgen import Case, build_cases, host_pages
from worker.devdata import ground_truth, raw_pages
from worker.pipeline.extract import ExtractBlocks
from worker.pipeline.model import Block, RawInput
from worker.pipeline.page import Page
from worker.pipeline.settings import DEFAULT_SETTINGS
from worker.pipeline.spam import DETECTORS, WHOLE_PAGE, score_blocks
from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.detector import CueModel, Detector, Verdict
from worker.pipeline.spam.page import WholePage
from worker.pipeline.spam.report import block_span
from worker.pipeline.spam.vocab import MATCHER
from worker.pipeline.textfacts import data_path

TRAIN_SEEDS = (101, 102, 103, 104)
STRONG_KINDS = frozenset(("gambling", "adult", "pharma", "scam", "seo_strong"))
EVAL_SEEDS = (201, 202, 203, 204, 205)
DATASETS = ("aeb", "zh", "wcxb")
KINDS = ("text", "html")
PER_KIND_LANGUAGE = 24
# Host pages need some text of their own, or an injected block is most of the page.
MIN_HOST_CHARS = 1500
HOST_PAGE_TYPES = ("article", "forum")
REGULARIZATION = 30.0  # C: inverse strength of the L2 penalty on the cue weights (as in scikit-learn)
POSITIVE_INSIDE = 0.8  # a reading at least this much inside injected spam is spam
NEGATIVE_INSIDE = 0.5  # a reading less than this much inside injected spam is honest (mostly)

# Dev pages that really carry injected spam (listed with their evidence in docs/quality.md): their
# readings of that spam are left out of the negatives, and bench.spam does not count them as
# honest removals.
KNOWN_SPAM: dict[str, tuple[str, ...]] = {
    # A gardening article (tune fold) with a whole Hindustan Times page (story, menus, "Follow us on
    # Telegram", app banner), unrelated to the article, pasted four times into its clematis table.
    "wcxb-0397": ("Royal Collection Trust (RCT) has announced a new exhibition",),
}


def fold_of(dataset: str, page_id: str) -> str:
    """'tune' or 'validation': wcxb's own fold; aeb and zh by a hash of the page id (1 in 4 to validation)."""
    if dataset == "wcxb":
        return wcxb_folds()[page_id]
    digest = hashlib.sha256(page_id.encode("utf-8")).digest()
    return "validation" if digest[0] % 4 == 0 else "tune"


_WCXB_FOLDS: dict[str, str] = {}


def wcxb_folds() -> dict[str, str]:
    if not _WCXB_FOLDS:
        _WCXB_FOLDS.update({page_id: entry["fold"] for page_id, entry in ground_truth("wcxb").items()})
    return _WCXB_FOLDS


def dev_pages(fold: str | None = None) -> Iterator[tuple[str, str, dict]]:
    """(dataset, kind, RawArticle dict) of every dev page version, or of one fold's."""
    for dataset in DATASETS:
        for kind in KINDS:
            for page in raw_pages(dataset, kind):
                if fold is None or fold_of(dataset, page["id"]) == fold:
                    yield dataset, kind, page


def hosts(fold: str) -> tuple[list[dict], list[dict]]:
    """Dev pages of one fold that spam is injected into, as (text pages, HTML pages): the news
    pages of aeb and zh, and wcxb's articles and forums (the pages this worker is for; its product,
    listing and documentation pages stay honest pages only), with enough text of their own."""
    page_types = {page_id: entry["page_type"] for page_id, entry in ground_truth("wcxb").items()}
    text_lengths = {
        page["id"]: len(page["content"])
        for dataset, kind, page in dev_pages(fold)
        if kind == "text" and page_types.get(page["id"], "article") in HOST_PAGE_TYPES
    }
    chosen = {page_id for page_id, length in text_lengths.items() if length >= MIN_HOST_CHARS}
    text, html = [], []
    for dataset, kind, page in dev_pages(fold):
        if page["id"] in chosen:
            (text if kind == "text" else html).append(page)
    return text, html


def cases_for(seed: int, fold: str, per: int = PER_KIND_LANGUAGE) -> list[Case]:
    text, html = hosts(fold)
    return build_cases(text, html, seed=seed, per_kind_language=per)


def raw_of(record: dict | Case) -> RawInput:
    if isinstance(record, Case):
        return RawInput(content=record.content, content_type=record.content_type, url=record.url)
    return RawInput(content=record["content"], content_type=record.get("content_type", "text/plain"), url=record.get("url"))


def extract(raw: RawInput) -> list[Block]:
    """The real pipeline's blocks for one input (its extract step)."""
    page = Page.start(raw, DEFAULT_SETTINGS)
    ExtractBlocks().run(page)
    return page.blocks


@dataclass(slots=True)
class Reading:
    detector: str
    values: dict[str, float]
    start: int  # the reading's evidence span in the raw content
    end: int
    label: int | None  # 1 spam, 0 honest, None: neither (partly spam)
    kind: str


def readings(raw: RawInput, blocks: list[Block], truths: list[tuple[int, int]], detectors: tuple[Detector, ...] = DETECTORS) -> list[Reading]:
    """Every reading of every candidate block, all cues measured, labelled against ``truths``."""
    ctx = PageContext(blocks, raw.is_html, url=raw.url, exhaustive=True, content=raw.content)
    found = []
    for detector in detectors:
        for index in detector.training_candidates(ctx):
            for verdict in detector.examine(ctx, index):
                span = block_span(blocks[index], raw, verdict.part)
                found.append(Reading(detector.name, dict(verdict.cues.values), span.start, span.end, label_of(span.start, span.end, truths), verdict.kind))
    return found


def label_of(start: int, end: int, truths: list[tuple[int, int]]) -> int | None:
    size = max(1, end - start)
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in truths) / size
    if inside >= POSITIVE_INSIDE:
        return 1
    if inside < NEGATIVE_INSIDE:
        return 0
    return None


def known_spam_spans(page_id: str, content: str) -> list[tuple[int, int]]:
    """Where the listed real spam of a dev page sits in this version of it (by its text)."""
    spans = []
    for snippet in KNOWN_SPAM.get(page_id, ()):
        at = content.find(snippet)
        if at >= 0:
            spans.append((at, at + len(snippet)))
    return spans


def in_vocabulary(text: str) -> bool:
    """Does the text hold one of the detector's strong promotion terms?"""
    return any(term.kind in STRONG_KINDS and term.weight >= 2 for _, term in MATCHER.find(text.lower()))


@dataclass
class Examples:
    """Labelled readings per detector, weighted so that the mixture is that of the report: one
    generator seed's cases against all the dev pages (see :func:`collect`)."""

    rows: dict[str, list[tuple[dict[str, float], int, float]]]  # detector -> (cue values, label, weight)

    def add(self, reading: Reading, weight: float) -> None:
        if reading.label is not None:
            self.rows[reading.detector].append((reading.values, reading.label, weight))


def collect(seeds: tuple[int, ...] = TRAIN_SEEDS, fold: str = "tune", log=print) -> tuple[Examples, list[tuple[RawInput, list[Block], int, float]]]:
    """Labelled readings for every detector, and the pages (with a whole-page label) for the page model.

    Weights: each seed's cases count 1/len(seeds), each honest dev page 1/(its fold's share of all
    dev page versions), so that the fitted probabilities are calibrated for one seed's generated
    spam among all the dev pages, the mixture ``python -m bench.spam`` reports calibration on.
    """
    examples = Examples(defaultdict(list))
    pages: list[tuple[RawInput, list[Block], int, float]] = []
    fold_pages = list(dev_pages(fold))
    honest_weight = sum(1 for _ in dev_pages()) / len(fold_pages)
    generated_weight = 1.0 / len(seeds)
    for dataset, kind, record in fold_pages:
        raw = raw_of(record)
        blocks = extract(raw)
        spam_spans = known_spam_spans(record["id"], raw.content)
        for reading in readings(raw, blocks, spam_spans):
            if reading.label == 0:
                examples.add(reading, honest_weight)
        pages.append((raw, blocks, 0, honest_weight))
    log(f"honest dev page versions ({fold}): {len(pages)}, weight {honest_weight:.2f} each")
    for seed in seeds:
        local_text, local_html = host_pages(seed)
        for record in local_text + local_html:
            raw = raw_of(record)
            blocks = extract(raw)
            for reading in readings(raw, blocks, []):
                examples.add(reading, generated_weight)
            pages.append((raw, blocks, 0, generated_weight))
        cases = cases_for(seed, fold)
        for case in cases:
            if case.group == "hard_honest":
                continue  # the must-not-detect pages are for evaluation only
            raw = raw_of(case)
            blocks = extract(raw)
            truths = [(t.start, t.end) for t in case.truths]
            for reading in readings(raw, blocks, truths):
                text = raw.content[reading.start : reading.end]
                if case.group == "whole_page":  # every block is spam but the navigation line
                    reading.label = 1 if is_spam_text(text) else None
                elif not overlaps(reading, truths):
                    continue  # the host's own blocks: counted once, as an honest page
                elif case.group == "lookalike":
                    reading.label = 0  # an honest block that looks like spam
                if reading.detector == "advert" and reading.label == 1 and in_vocabulary(text):
                    reading.label = None  # the advert detector is for promotion in words the lists do not know
                examples.add(reading, generated_weight)
            pages.append((raw, blocks, 1 if case.group == "whole_page" else 0, generated_weight))
        log(f"seed {seed}: {len(cases)} cases")
    return examples, pages


def overlaps(reading: Reading, truths: list[tuple[int, int]]) -> bool:
    return any(min(reading.end, b) > max(reading.start, a) for a, b in truths)


def is_spam_text(text: str) -> bool:
    """On a generated whole spam page, every block but the navigation line is spam."""
    return text.count(" | ") < 3


def fit_model(rows: list[tuple[dict[str, float], int, float]], cues: dict[str, int]) -> tuple[CueModel, dict]:
    """A logistic regression over ``cues`` (weighted rows, L2 penalty), each weight kept to the
    sign its cue declares (FOR >= 0, AGAINST <= 0); returns the model and a summary of its data."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit

    names = list(cues)
    undeclared = {cue for values, _, _ in rows for cue in values} - set(names)
    if undeclared:
        raise SystemExit(f"cues measured but not declared in CUES: {sorted(undeclared)}")
    features = np.array([[values.get(cue, 0.0) for cue in names] for values, _, _ in rows], dtype=float)
    labels = np.array([label for _, label, _ in rows], dtype=float)
    weights = np.array([weight for _, _, weight in rows], dtype=float)
    weights *= len(weights) / weights.sum()
    summary = {"positives": int(labels.sum()), "negatives": int(len(labels) - labels.sum())}
    if labels.min() == labels.max():
        raise SystemExit(f"only one class among {len(labels)} examples of {names[:3]}...: cannot fit")
    penalty = 1.0 / REGULARIZATION

    def loss(theta):
        logits = theta[0] + features @ theta[1:]
        error = weights * (expit(logits) - labels)
        value = float(np.sum(weights * (np.logaddexp(0.0, logits) - labels * logits)) + 0.5 * penalty * theta[1:] @ theta[1:])
        gradient = np.concatenate(([error.sum()], features.T @ error + penalty * theta[1:]))
        return value, gradient

    bounds = [(None, None)] + [(0.0, None) if sign > 0 else (None, 0.0) if sign < 0 else (None, None) for sign in cues.values()]
    result = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 20000, "ftol": 1e-13, "gtol": 1e-10})
    theta = result.x
    fitted = {cue: round(float(weight), 3) + 0.0 for cue, weight in zip(names, theta[1:])}
    return CueModel(round(float(theta[0]), 3), fitted), summary


def page_rows(pages: list[tuple[RawInput, list[Block], int, float]], detectors: tuple[Detector, ...], whole_page: WholePage) -> list[tuple[dict[str, float], int, float]]:
    """Whole-page cue values of every page that the block models make mostly spam."""
    flag = DEFAULT_SETTINGS.spam_flag_threshold
    rows = []
    for raw, blocks, label, weight in pages:
        if not blocks:
            continue
        ctx = PageContext(blocks, raw.is_html, url=raw.url, flag_threshold=flag, content=raw.content)
        verdicts = score_blocks(ctx, detectors)
        measured = whole_page.measure(ctx, verdicts, flag)
        if measured is not None:
            rows.append((dict(measured[0].values), label, weight))
    return rows


def train(log=print) -> dict:
    """Fit every model; returns the weights table (as written to the data file)."""
    examples, pages = collect(log=log)
    table: dict = {
        "_about": (
            "Cue weights of the spam detectors (worker.pipeline.spam.detector): one logistic regression per detector, "
            "score = sigmoid(bias + sum(weight * cue value)), every cue value in [0, 1]. Fitted by `python -m bench.spam train` "
            "(bench/spamtrain.py) on generated spam and the honest blocks of the dev pages' tune folds; do not edit by hand."
        ),
        "version": "",
        "training": {
            "seeds": list(TRAIN_SEEDS),
            "fold": "tune",
            "regularization_C": REGULARIZATION,
            "mixture": "one generator seed's cases per all dev page versions",
            "examples": {},
        },
        "detectors": {},
    }
    fitted: dict[str, CueModel] = {}
    for detector in DETECTORS:
        model, summary = fit_model(examples.rows[detector.name], detector.CUES)
        fitted[detector.name] = model
        table["training"]["examples"][detector.name] = summary
        table["detectors"][detector.name] = {"bias": model.bias, "weights": model.weights}
        log(f"{detector.name:12} {summary}")
    refitted = tuple(type(detector)(fitted[detector.name]) for detector in DETECTORS)
    page_model, summary = fit_model(page_rows(pages, refitted, WHOLE_PAGE), WholePage.CUES)
    table["training"]["examples"][WholePage.name] = summary
    table["detectors"][WholePage.name] = {"bias": page_model.bias, "weights": page_model.weights}
    log(f"{WholePage.name:12} {summary}")
    digest = hashlib.sha256(json.dumps(table["detectors"], sort_keys=True).encode("utf-8")).hexdigest()
    table["version"] = "fit-" + digest[:8]
    return table


def write(table: dict) -> str:
    path = data_path("spam_weights.json")
    path.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(path)


def main() -> None:
    table = train()
    print(f"wrote {write(table)} (version {table['version']})")


__all__ = ["train", "fold_of", "dev_pages", "cases_for", "readings", "extract", "raw_of", "TRAIN_SEEDS", "EVAL_SEEDS", "KNOWN_SPAM", "Verdict"]
