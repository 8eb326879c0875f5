"""The page context the pipeline's steps share, and the base class of a step.

:func:`worker.pipeline.process` makes one :class:`Page` per input and hands it to each step of
:data:`worker.pipeline.STEPS` in turn. A step reads what earlier steps left on the page (the raw
input, the blocks, the page's declared hints, the body) and adds its own part; the article's
fields accumulate in ``page.result``. A step that decides the page needs no more work (a whole
spam page) sets ``page.finished``.

Steps are small classes with a ``name`` and a ``run(page)`` method, in the manner of datatrove's
pipeline steps: their order is declared in one place, and a caller can time or observe each one
through :func:`worker.pipeline.process`'s ``observe`` hook instead of patching modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from worker.pipeline.model import Block, PageHints, RawInput, Result, TimeHints
from worker.pipeline.settings import PipelineSettings

if TYPE_CHECKING:  # only for annotations: the stages import this module
    from worker.pipeline.segment.captions import FoundCaptions
    from worker.pipeline.segment.header import Header


@dataclass(slots=True)
class Page:
    """One page on its way through the steps."""

    raw: RawInput
    settings: PipelineSettings
    when: TimeHints  # what places the page's dates in time
    result: Result = field(default_factory=Result)
    blocks: list[Block] = field(default_factory=list)  # the page's blocks, spam cut out once detected
    hints: PageHints | None = None  # what an HTML page declares about itself (None for page text)
    body: list[int] = field(default_factory=list)  # indices into ``blocks`` of the body's paragraphs
    region: tuple[int, int] = (0, 0)  # the body region [start, end) in ``blocks``
    captions: FoundCaptions | None = None
    header: Header | None = None
    page_type: dict[str, float] = field(default_factory=dict)  # probability of each page type
    list_items: set[int] = field(default_factory=set)  # indices of blocks that are items of a list
    features: Any = None  # the blocks' feature table (numpy rows, see segment.features)
    block_scores: Any = None  # each block's probability of being content (numpy), when a model scores them
    finished: bool = False  # no further step needs to run

    @classmethod
    def start(cls, raw: RawInput, settings: PipelineSettings) -> "Page":
        when = TimeHints(timezone=raw.timezone, default_timezone=settings.default_timezone, fetched_at=raw.fetched_at)
        return cls(raw=raw, settings=settings, when=when)


class Step:
    """One step of the pipeline: a name (for timing and reports) and what it does to a page."""

    name: str = ""

    def run(self, page: Page) -> None:
        raise NotImplementedError

    def preload(self) -> None:
        """Load what the step reads from data files (models), so that a start-up fails early."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
