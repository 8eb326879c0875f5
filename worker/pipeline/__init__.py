"""The text pipeline: ``process(raw) -> Result``, pure and synchronous.

One raw page becomes one :class:`~worker.pipeline.model.Result` through the steps declared in
:data:`STEPS`, each a small class over one shared :class:`~worker.pipeline.page.Page`:

1. ``extract`` (:mod:`.extract`): page text or HTML into blocks with offsets into the content,
   plus the page's declared hints;
2. ``spam`` (:mod:`.spam`): injected spam is found, reported and cut; whole-page spam is
   quarantined (and the page needs no further step);
3. ``classify``, ``region``, ``features``, ``page_type``, ``score``, ``captions``, ``header``,
   ``title``, ``authors``, ``date``, ``assemble`` (:mod:`.segment`): block classes and the region
   search, one feature table per page, the page's type, fitted models scoring every block (the
   body), captions, then title, section, date, source and contributors by rules, corrected on page
   text by fitted choosers (:mod:`.segment.ranking`), and the body's paragraphs;
4. ``language``, ``sentences`` (:mod:`.enrich`): article and paragraph language, sentences with
   offsets.

All of them rest on :mod:`.textfacts` (scripts, words, function words, data files). No step does
I/O or keeps state between calls; the same input always gives the same Result. The CLI, the Kafka
agent, the benchmarks and the training scripts all call :func:`process`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from worker.pipeline.enrich import DetectLanguage, SplitSentences
from worker.pipeline.extract import ExtractBlocks
from worker.pipeline.model import RawInput, Result
from worker.pipeline.page import Page, Step
from worker.pipeline.segment import AssembleArticle, ClassifyBlocks, FindBody, FindCaptions, ReadHeader
from worker.pipeline.segment.features import BuildFeatures
from worker.pipeline.segment.pagetype import ClassifyPage
from worker.pipeline.segment.scoring import ScoreBlocks
from worker.pipeline.segment.authormodel import ChooseAuthors
from worker.pipeline.segment.datemodel import ChooseDate
from worker.pipeline.segment.titlemodel import ChooseTitle
from worker.pipeline.settings import DEFAULT_SETTINGS, PipelineSettings
from worker.pipeline.spam import DetectSpam

__all__ = ["process", "preload", "STEPS", "RawInput", "Result", "PipelineSettings", "Page", "Step"]

STEPS: tuple[Step, ...] = (
    ExtractBlocks(),
    DetectSpam(),
    ClassifyBlocks(),
    FindBody(),
    BuildFeatures(),
    ClassifyPage(),
    ScoreBlocks(),
    FindCaptions(),
    ReadHeader(),
    ChooseTitle(),
    ChooseAuthors(),
    ChooseDate(),
    AssembleArticle(),
    DetectLanguage(),
    SplitSentences(),
)

def preload() -> None:
    """Load every model the steps use (the worker calls this at start-up: a model file that does
    not fit the code fails there, not on the first message)."""
    from worker.pipeline.enrich import language

    language.preload()
    for step in STEPS:
        step.preload()


# Called after each step with (step name, seconds it took, the page): for benchmarks and tools.
StepObserver = Callable[[str, float, Page], None]


def process(
    raw: RawInput,
    settings: PipelineSettings = DEFAULT_SETTINGS,
    *,
    observe: StepObserver | None = None,
    steps: tuple[Step, ...] = STEPS,
) -> Result:
    """Turn one raw page into a structured article (or a quarantine), see the module docstring.

    ``observe`` is called after each step (benchmarks time the steps with it, training reads the
    page's feature table); ``steps`` lets training run the pipeline with freshly fitted models.
    """
    page = Page.start(raw, settings)
    if observe is None:
        for step in steps:
            step.run(page)
            if page.finished:
                break
        return page.result
    clock = time.perf_counter
    for step in steps:
        started = clock()
        step.run(page)
        observe(step.name, clock() - started, page)
        if page.finished:
            break
    return page.result
