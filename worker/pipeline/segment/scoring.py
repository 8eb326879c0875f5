"""Which blocks are the page's content: a fitted model scores every block, the body is what scores high.

The model (``data/block_model.json``, fitted by ``python -m bench.train`` on labelled dev pages,
one per input kind: HTML and page text) is a pair of small gradient-boosted tree ensembles:

1. the first reads each block's feature row (:mod:`.features`) and gives a probability that the
   block is content;
2. the second reads the same row plus the first's probabilities around the block (the blocks
   before and after it, the mean over windows of 5 to 51 blocks, the best score before and after
   it): content comes in runs and regions, so a short line between two paragraphs is content
   and a paragraph-like line amid the footer is not. On HTML it also reads the mean first
   probability of the block's look-alikes (issue 11): the blocks with its markup path, and the
   blocks of the run of look-alike containers (cards, posts, menu items) it sits in. The cards of
   a collection or listing, judged each by its own length and links, were kept and dropped
   unevenly; their siblings' verdict evens that out.

The body is every block whose second probability reaches the kind's threshold (fitted with the
model; a page type whose cards score lower than paragraphs, a collection's or a product's, has its
own, chosen by cross-validation); when none does, the region search's body, else the blocks above half the threshold: a
page with text never gets an empty body from the model. Both stages, and the columns between them,
run for all blocks of a page in one compiled call (``worker._native.TwoStageModel``).
Without a model file the region search's body (:mod:`.region`) stands.

Two rules keep text the model was never fitted on from vanishing (issue 12: nothing emptied
silently). A page where nothing at all is selected still keeps its long, visible, link-poor blocks
outside the page chrome (at least :data:`LONG_TEXT_CHARS` characters): a run that long is never a
menu item, and its features lie far from every page the model learnt from (a line of text whose
line breaks and spaces were lost scores like a one-word label). And a page-text line too long for
one block, cut into pieces by extraction, is kept or dropped whole: its pieces are one line, and
the pieces at its start must not be lost because they score like a header.
"""

from __future__ import annotations

import numpy as np

from worker import _native

from worker.pipeline.model import Block, BlockKind
from worker.pipeline.page import Page, Step
from worker.pipeline.segment.features import FEATURES, with_page_type
from worker.pipeline.segment.tail import TailWords
from worker.pipeline.textfacts import data_path, load_json

MODEL_FILE = "block_model.json"
# A block at least this long is kept when the page would otherwise have no body (see above): far
# longer than any navigation line or label, shorter than a paragraph of a few sentences.
LONG_TEXT_CHARS = 1000
# The share of a block's text inside links above which it is a link list, not text (as extraction's).
MAX_LONG_TEXT_LINK_DENSITY = 0.35
# Windows (in blocks, each side) over which the first stage's probabilities are averaged.
SMOOTHING_WINDOWS = (2, 5, 10, 25)
SMOOTHING_FEATURES = (
    "p", "p_before_2", "p_before_1", "p_after_1", "p_after_2",
    *(f"p_mean_{window}" for window in SMOOTHING_WINDOWS),
    "p_best_before", "p_best_after", "p_share_before", "p_page_mean",
)
assert len(SMOOTHING_FEATURES) == _native.SMOOTHING_WIDTH, "native/src/trees.rs computes other columns"
# The card groups of an HTML page (blocks with the same markup path; the blocks of a run of
# look-alike containers), named in the feature table by their first block's position
# (native/src/builder.rs), and the second stage's column for each: the mean first-stage probability
# of the group's other blocks (the block's own where it is alone). A card's title, teaser and meta
# line score unevenly on their own; their look-alikes across the page say what they are.
CARD_GROUPS = {"path_first": "p_path_mean", "card_first": "p_card_mean"}
STAGE_TWO_FEATURES = (*SMOOTHING_FEATURES, *CARD_GROUPS.values())
_GROUP_COLUMNS = [FEATURES.index(name) for name in CARD_GROUPS]


def tree_data(data: dict) -> tuple:
    """An exported ensemble (``bench.train.export_trees``) as the extension takes it: (baseline,
    trees). The line rankers (:mod:`.ranking`) read the same format."""
    return float(data["baseline"]), [(t["feature"], t["threshold"], t["left"], t["right"], t["value"], t["leaf"]) for t in data["trees"]]


def smoothing_rows(probabilities: np.ndarray) -> np.ndarray:
    """The first stage's probabilities around each block (SMOOTHING_FEATURES), computed by compiled
    code (native/src/trees.rs)."""
    data = _native.smoothing_rows(np.ascontiguousarray(probabilities, dtype="<f8").tobytes())
    return np.frombuffer(data, dtype="<f8").reshape(len(probabilities), len(SMOOTHING_FEATURES))


def card_means(rows: np.ndarray, probabilities: np.ndarray, grouped: bool) -> np.ndarray:
    """For each block and each of CARD_GROUPS, the mean first-stage probability of the other blocks
    of its group, or its own where it is alone. Page text has no markup (``grouped`` False): every
    line is alone, so the columns repeat its own probability. The compiled code the scorer runs
    (native/src/trees.rs ``group_means``)."""
    table = np.ascontiguousarray(rows, dtype="<f8")
    data = _native.group_means(np.ascontiguousarray(probabilities, dtype="<f8").tobytes(), table.tobytes(),
                               table.shape[1], _GROUP_COLUMNS, grouped)
    return np.frombuffer(data, dtype="<f8").reshape(len(probabilities), len(_GROUP_COLUMNS))


def stage_two_rows(rows: np.ndarray, probabilities: np.ndarray, grouped: bool) -> np.ndarray:
    """The second stage's input: the feature table and STAGE_TWO_FEATURES from the first stage's
    probabilities (training builds its rows with this; the scorer computes the same in one
    compiled call)."""
    return np.hstack([rows, smoothing_rows(probabilities), card_means(rows, probabilities, grouped)])


class BlockModel:
    """The two stages and the threshold of one input kind (evaluated in compiled code, for all
    rows of a page in one call); ``grouped``: the pages are HTML (see card_means)."""

    __slots__ = ("compiled", "threshold", "type_thresholds")

    def __init__(self, data: dict, grouped: bool = True) -> None:
        self.compiled = _native.TwoStageModel(tree_data(data["first"]), tree_data(data["second"]), len(FEATURES), _GROUP_COLUMNS, grouped)
        self.threshold = float(data["threshold"])
        self.type_thresholds = {name: float(value) for name, value in data.get("type_thresholds", {}).items()}

    def threshold_for(self, page_types: dict[str, float]) -> float:
        """The threshold of a page with these type probabilities: each type's own threshold (the
        common one where none was fitted), weighed by how probable the type is, so that an
        article the type model half takes for a shop keeps most of an article's threshold."""
        return mixed_threshold(page_types, self.threshold, self.type_thresholds)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        return np.frombuffer(self.compiled.scores(np.ascontiguousarray(rows, dtype="<f8").tobytes()), dtype="<f8")


def mixed_threshold(page_types: dict[str, float], common: float, by_type: dict[str, float]) -> float:
    """Each type's threshold (``common`` where ``by_type`` has none), weighed by the type's
    probability (see BlockModel.threshold_for; training chooses thresholds with this too)."""
    if not by_type or not page_types:
        return common
    total = sum(page_types.values()) or 1.0
    return sum(probability * by_type.get(name, common) for name, probability in page_types.items()) / total


def load_models() -> dict[str, BlockModel] | None:
    """{'html': model, 'text': model}, or None when the package ships no model file."""
    if not data_path(MODEL_FILE).exists():
        return None
    data = load_json(MODEL_FILE)
    if tuple(data["features"]) != FEATURES or tuple(data["stage_two_features"]) != STAGE_TWO_FEATURES:
        raise ValueError(f"{MODEL_FILE} was fitted on other features: refit with python -m bench.train")
    return {kind: BlockModel(data[kind], grouped=kind == "html") for kind in ("html", "text")}


class ScoreBlocks(Step):
    """The feature table of the page and every block's content probability; the body is every
    block that reaches the model's threshold (the region search's body when there is no model)."""

    name = "score"

    def __init__(self, models: dict[str, BlockModel] | None = None, *, load: bool = True, tail: TailWords | None = None) -> None:
        self._models = models
        self._load = models is None and load  # read the data file on first use (see preload)
        self._tail = tail
        self._load_tail = tail is None and load

    @property
    def models(self) -> dict[str, BlockModel] | None:
        if self._load:
            self._models, self._load = load_models(), False
        return self._models

    @property
    def tail(self) -> TailWords | None:
        if self._load_tail:
            self._tail, self._load_tail = TailWords.load(), False
        return self._tail

    def preload(self) -> None:
        self.models  # noqa: B018 (reads the model file now, and fails now if it does not fit)
        self.tail  # noqa: B018

    def run(self, page: Page) -> None:
        if not page.blocks:
            return
        rows = with_page_type(page.features, page.page_type)
        page.features = rows
        if self.models is None:
            return
        model = self.models["html" if page.raw.is_html else "text"]
        scores = model.scores(rows)
        page.block_scores = scores
        threshold = model.threshold_for(page.page_type)
        selected = np.flatnonzero(scores >= threshold).tolist()
        if not selected:
            # Never an empty body for a page with text: the region search's body, else the blocks
            # the model likes best, at half its threshold, else the page's long text. A handful of
            # menu labels with no prose is no body, and the model (never fitted on pages so small)
            # is not asked to find one in them at half its threshold.
            looser = has_prose_or_words(page.blocks, FALLBACK_MIN_WORDS)
            selected = page.body or (np.flatnonzero(scores >= threshold / 2).tolist() if looser else []) or long_text_blocks(page.blocks)
        if selected and not page.raw.is_html:
            selected = whole_lines(page.blocks, selected)
            if self.tail is not None and max(page.page_type, key=page.page_type.__getitem__, default=None) == "article":
                # where the article ends: the first tail line after its last long paragraph (.tail)
                selected = self.tail.cut(page.blocks, rows, selected)
        page.body = selected
        if selected:
            page.region = (selected[0], selected[-1] + 1)


FALLBACK_MIN_WORDS = 30  # below this, and without prose, a page is labels only (see ScoreBlocks.run)


def has_prose_or_words(blocks: list[Block], words: int) -> bool:
    """Whether any block is prose, or the blocks hold at least ``words`` words together."""
    total = 0
    for block in blocks:
        if block.kind is BlockKind.PROSE:
            return True
        total += len(block.text.split())
        if total >= words:
            return True
    return False


def long_text_blocks(blocks: list[Block]) -> list[int]:
    """The blocks that are too long to be page furniture: visible, outside the chrome, link-poor,
    at least LONG_TEXT_CHARS characters (the last resort of a body, see the module docstring)."""
    return [
        index
        for index, block in enumerate(blocks)
        if len(block.text) >= LONG_TEXT_CHARS and not block.hidden and not block.in_chrome and block.link_density <= MAX_LONG_TEXT_LINK_DENSITY
    ]


def whole_lines(blocks: list[Block], selected: list[int]) -> list[int]:
    """``selected`` with every piece of each selected page-text line: extraction cuts an over-long
    line into pieces whose offsets touch (``end`` of one is ``start`` of the next), while separate
    lines always have a line break between them."""
    chosen = set(selected)
    for index in selected:
        before = index
        while before > 0 and blocks[before - 1].end == blocks[before].start and before - 1 not in chosen:
            before -= 1
            chosen.add(before)
        after = index
        while after + 1 < len(blocks) and blocks[after].end == blocks[after + 1].start and after + 1 not in chosen:
            after += 1
            chosen.add(after)
    return sorted(chosen) if len(chosen) > len(selected) else selected
