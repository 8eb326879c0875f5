"""Spam detection: find injected spam blocks, say where they are, cut them; quarantine spam pages.

The ``spam`` step (:class:`DetectSpam`) runs between block extraction and segmentation, in three
layers, each cheap enough for every page:

1. the page context (:mod:`.context`): one automaton pass finds, per block, promotion and
   SEO-label terms, web addresses and list separators; cheap probes (:mod:`.probe`) mark blocks
   that may be lists, stuffed or gibberish. Most blocks of a page (plain prose) are never looked
   at again.
2. the detectors in :data:`DETECTORS`, all of one shape (:class:`~.detector.Detector`): each names
   its candidate blocks and measures named cues on each reading of them; a fitted logistic model
   per detector (``data/spam_weights.json``) turns the cues into a probability. The best reading
   of any detector wins per block. ``lists`` (spider pools, keyword lists, link farms),
   ``promotion`` (gambling, adult, pharma, scam in known words), ``advert`` (promotion in unknown
   words, by its shape), ``statistics`` (keyword stuffing, gibberish).
3. actions from the thresholds in settings (:mod:`.report`): remove (block cut, or only its spam
   part), flag (reported, nothing cut); :mod:`.page` decides whether the page is spam through and
   through (quarantined, one finding saying why).
"""

from __future__ import annotations

from dataclasses import replace

from worker.pipeline.model import Block, RawInput
from worker.pipeline.page import Page, Step
from worker.pipeline.settings import PipelineSettings
from worker.pipeline.spam.advert import Advert
from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.detector import Detector, Verdict
from worker.pipeline.spam.lists import SeoLists
from worker.pipeline.spam.page import WholePage
from worker.pipeline.spam.probe import separator_runs
from worker.pipeline.spam.promotion import Promotion
from worker.pipeline.spam.report import SpamReport, block_span, merge_touching, quarantine, report_blocks
from worker.pipeline.spam.statistics import Gibberish, Repetition

__all__ = ["DetectSpam", "detect", "DETECTORS", "SpamReport", "block_span", "merge_touching", "separator_runs", "score_blocks"]

DETECTORS: tuple[Detector, ...] = (SeoLists(), Promotion(), Repetition(), Gibberish(), Advert())
WHOLE_PAGE = WholePage()


class DetectSpam(Step):
    """Find and report spam; cut removed blocks (or their spam part) from the page, or finish a
    page that is spam through and through (quarantined: no article)."""

    name = "spam"

    def run(self, page: Page) -> None:
        report = detect(page.blocks, page.raw, page.settings)
        page.result.spam = report.findings
        if report.quarantined:
            page.result.quarantined = True
            page.finished = True
            return
        if report.removed_blocks or report.trimmed_blocks:
            trimmed = report.trimmed_blocks
            page.blocks = [
                replace(block, text=trimmed[index]) if index in trimmed else block
                for index, block in enumerate(page.blocks)
                if index not in report.removed_blocks
            ]


def detect(blocks: list[Block], raw: RawInput, settings: PipelineSettings) -> SpamReport:
    if not blocks:
        return SpamReport()
    flag = settings.spam_flag_threshold
    ctx = PageContext(blocks, raw.is_html, url=raw.url, flag_threshold=flag, content=raw.content)
    verdicts = score_blocks(ctx)
    if not any(v.score >= flag for v in verdicts.values()):
        return SpamReport()
    whole_page = WHOLE_PAGE.judge(ctx, verdicts, flag)
    if whole_page is not None and whole_page.score >= settings.spam_quarantine_threshold:
        report = quarantine(blocks, raw, verdicts, whole_page, flag)
        if report is not None:
            return report
    return report_blocks(blocks, raw, verdicts, settings)


def score_blocks(ctx: PageContext, detectors: tuple[Detector, ...] = DETECTORS) -> dict[int, Verdict]:
    """The best verdict of any detector for each candidate block: one loop over all detectors."""
    best: dict[int, Verdict] = {}
    for detector in detectors:
        for index in detector.candidates(ctx):
            verdict = detector.best(ctx, index)
            if verdict is not None and (index not in best or verdict.logit > best[index].logit):
                best[index] = verdict
    return best
