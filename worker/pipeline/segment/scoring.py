"""Which blocks are the page's content: a fitted model scores every block, the body is what scores high.

The model (``data/block_model.json``, fitted by ``python -m bench.train`` on labelled dev pages,
one per input kind: HTML and page text) is a pair of small gradient-boosted tree ensembles:

1. the first reads each block's feature row (:mod:`.features`) and gives a probability that the
   block is content;
2. the second reads the same row plus the first's probabilities around the block (the blocks
   before and after it, the mean over windows of 5 to 51 blocks, the best score before and after
   it): content comes in runs and regions, so a short line between two paragraphs is content
   and a paragraph-like line amid the footer is not.

The body is every block whose second probability reaches the kind's threshold (fitted with the
model); when none does, the region search's body, else the blocks above half the threshold: a
page with text never gets an empty body from the model. The trees are evaluated for all blocks of a page at once with numpy, level by level.
Without a model file the region search's body (:mod:`.region`) stands.
"""

from __future__ import annotations

import numpy as np

from worker import _native

from worker.pipeline.page import Page, Step
from worker.pipeline.segment.features import FEATURES, block_features
from worker.pipeline.textfacts import data_path, load_json

MODEL_FILE = "block_model.json"
# Windows (in blocks, each side) over which the first stage's probabilities are averaged.
SMOOTHING_WINDOWS = (2, 5, 10, 25)
STAGE_TWO_FEATURES = (
    "p", "p_before_2", "p_before_1", "p_after_1", "p_after_2",
    *(f"p_mean_{window}" for window in SMOOTHING_WINDOWS),
    "p_best_before", "p_best_after", "p_share_before", "p_page_mean",
)


class TreeEnsemble:
    """Gradient-boosted trees for binary classification: a baseline plus one leaf value per tree,
    evaluated in compiled code (``worker._native.TreeEnsemble``) for all rows of a page at once.

    Every tree is a set of nodes (feature, threshold, left, right, value, leaf); a row goes left
    when its feature is at most the threshold.
    """

    __slots__ = ("compiled",)

    def __init__(self, data: dict, width: int) -> None:
        trees = [(t["feature"], t["threshold"], t["left"], t["right"], t["value"], t["leaf"]) for t in data["trees"]]
        self.compiled = _native.TreeEnsemble(float(data["baseline"]), trees, width)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        data = np.ascontiguousarray(rows, dtype="<f8").tobytes()
        return np.frombuffer(self.compiled.probabilities(data), dtype="<f8")


def smoothing_rows(probabilities: np.ndarray) -> np.ndarray:
    """The second stage's extra columns (STAGE_TWO_FEATURES) from the first stage's probabilities."""
    p = probabilities
    count = len(p)
    cumulative = np.concatenate(([0.0], np.cumsum(p)))
    positions = np.arange(count)
    columns = [p]
    padded = np.concatenate(([0.0, 0.0], p, [0.0, 0.0]))
    columns += [padded[:-4], padded[1:-3], padded[3:-1], padded[4:]]
    for window in SMOOTHING_WINDOWS:
        low = np.clip(positions - window, 0, count)
        high = np.clip(positions + window + 1, 0, count)
        columns.append((cumulative[high] - cumulative[low]) / (high - low))
    columns.append(np.maximum.accumulate(np.concatenate(([0.0], p[:-1]))))
    columns.append(np.maximum.accumulate(np.concatenate((p[1:], [0.0]))[::-1])[::-1])
    total = cumulative[-1] or 1.0
    columns.append(cumulative[:-1] / total)
    columns.append(np.full(count, cumulative[-1] / max(count, 1)))
    return np.column_stack(columns)


class BlockModel:
    """The two stages and the threshold of one input kind."""

    __slots__ = ("first", "second", "threshold")

    def __init__(self, data: dict) -> None:
        self.first = TreeEnsemble(data["first"], len(FEATURES))
        self.second = TreeEnsemble(data["second"], len(FEATURES) + len(STAGE_TWO_FEATURES))
        self.threshold = float(data["threshold"])

    def scores(self, rows: np.ndarray) -> np.ndarray:
        first = self.first.probabilities(rows)
        return self.second.probabilities(np.hstack([rows, smoothing_rows(first)]))


def load_models() -> dict[str, BlockModel] | None:
    """{'html': model, 'text': model}, or None when the package ships no model file."""
    if not data_path(MODEL_FILE).exists():
        return None
    data = load_json(MODEL_FILE)
    if tuple(data["features"]) != FEATURES or tuple(data["stage_two_features"]) != STAGE_TWO_FEATURES:
        raise ValueError(f"{MODEL_FILE} was fitted on other features: refit with python -m bench.train")
    return {kind: BlockModel(data[kind]) for kind in ("html", "text")}


class ScoreBlocks(Step):
    """The feature table of the page and every block's content probability; the body is every
    block that reaches the model's threshold (the region search's body when there is no model)."""

    name = "score"

    def __init__(self, models: dict[str, BlockModel] | None = None, *, load: bool = True, keep_features: bool = False) -> None:
        self._models = models
        self._load = models is None and load  # read the data file on first use (see preload)
        self.keep_features = keep_features  # compute the table even without a model (for training)

    @property
    def models(self) -> dict[str, BlockModel] | None:
        if self._load:
            self._models, self._load = load_models(), False
        return self._models

    def preload(self) -> None:
        self.models  # noqa: B018 (reads the model file now, and fails now if it does not fit)

    def run(self, page: Page) -> None:
        if not page.blocks or (self.models is None and not self.keep_features):
            return
        rows = block_features(page.blocks, page.region, set(page.body), page.list_items, page.page_type)
        page.features = rows
        if self.models is None:
            return
        model = self.models["html" if page.raw.is_html else "text"]
        scores = model.scores(rows)
        page.block_scores = scores
        selected = np.flatnonzero(scores >= model.threshold).tolist()
        if not selected:
            # Never an empty body for a page with text: the region search's body, else the blocks
            # the model likes best, at half its threshold.
            selected = page.body or np.flatnonzero(scores >= model.threshold / 2).tolist()
        page.body = selected
        if selected:
            page.region = (selected[0], selected[-1] + 1)
